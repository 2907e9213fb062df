-- DuckDB cannot set a sequence, so a restored store draws each sequence up to the
-- largest restored id; the next event or proposal then gets the id after it.
select count(nextval('event_id_seq')) from range((select coalesce(max(event_id), 0) from events));
select count(nextval('proposal_id_seq')) from range((select coalesce(max(proposal_id), 0) from proposals))
;
select count(nextval('audit_id_seq')) from range((select coalesce(max(audit_id), 0) from audit_log))
;
select count(nextval('outcome_id_seq')) from range((select coalesce(max(outcome_id), 0) from proposal_outcomes))

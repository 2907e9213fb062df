-- A batch of status changes (parallel lists, one element per change), each with its audit
-- row holding the proposal's status before and the change after. Runs in the caller's transaction.
create or replace temp table outcome_batch as
select
    nextval('outcome_id_seq') as outcome_id,
    b.proposal_id,
    b.status,
    b.status_date,
    b.responsible_body,
    b.response,
    b.source
from (
    select
        unnest($proposal_ids) as proposal_id,
        unnest($statuses) as status,
        unnest($status_dates)::date as status_date,
        unnest($responsible_bodies) as responsible_body,
        unnest($responses) as response,
        unnest($sources) as source
) as b;

insert into audit_log (changed_by, action, subject, before_state, after_state)
select
    $recorded_by,
    'status change',
    'proposal ' || b.proposal_id,
    json_object('status', s.status, 'status_date', s.status_date)::varchar,
    json_object(
        'status', b.status,
        'status_date', b.status_date,
        'responsible_body', b.responsible_body,
        'response', b.response,
        'source', b.source
    )::varchar
from outcome_batch as b
join proposal_status as s on s.proposal_id = b.proposal_id
order by b.outcome_id;

insert into proposal_outcomes (
    outcome_id, proposal_id, status, status_date, responsible_body, response, source, recorded_by
)
select outcome_id, proposal_id, status, status_date, responsible_body, response, source, $recorded_by
from outcome_batch
order by outcome_id;

drop table outcome_batch

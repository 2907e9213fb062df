-- The recurring groups computed by dashboard/recurring.py (registered as recurring_rows),
-- replacing the previous ones, with the signature of the texts they were computed from.
delete from derived_recurring;

insert into derived_recurring (proposal_id, group_id, is_label)
select proposal_id, group_id, is_label from recurring_rows order by group_id, proposal_id;

delete from derived_recurring_state;

insert into derived_recurring_state (signature) values ($signature)

-- The recurring groups computed by dashboard/recurring.py (registered as recurring_rows: each
-- grouped text with its group and whether it is the group's label), replacing the previous ones,
-- with the signature of the texts they were computed from. Each proposal takes its text's group;
-- the label is the first proposal with the label text. Only the rows of proposals whose group or
-- label changed are rewritten: after an import most keep theirs; the labels alone
-- (derived_recurring_labels, schema/016) are few and written anew. Returns the events of the
-- proposals whose group changed (joined, left or moved): only their figures need an update.
create or replace temp table recurring_new as
select p.proposal_id, r.group_id, r.is_label and p.proposal_id = r.first_id as is_label
from proposals as p
join recurring_rows as r on r.text = p.text;

create or replace temp table recurring_changed as
select
    coalesce(n.proposal_id, o.proposal_id) as proposal_id,
    n.group_id is distinct from o.group_id as group_changed
from recurring_new as n
full join derived_recurring as o on o.proposal_id = n.proposal_id
where n.group_id is distinct from o.group_id or n.is_label is distinct from o.is_label;

delete from derived_recurring
where proposal_id in (select proposal_id from recurring_changed);

insert into derived_recurring (proposal_id, group_id, is_label)
select n.proposal_id, n.group_id, n.is_label
from recurring_new as n
semi join recurring_changed as c on c.proposal_id = n.proposal_id
order by n.group_id, n.proposal_id;

delete from derived_recurring_labels;

insert into derived_recurring_labels
select group_id, proposal_id
from recurring_new
where is_label
order by group_id;

delete from derived_recurring_state;

insert into derived_recurring_state (signature) values ($signature);

create or replace temp table recurring_changed_events as
select distinct p.event_id
from proposals as p
semi join recurring_changed as c on c.proposal_id = p.proposal_id and c.group_changed;

drop table recurring_new;

drop table recurring_changed;

select event_id from recurring_changed_events order by event_id

-- The recurring groups computed by dashboard/recurring.py (registered as recurring_rows: each
-- grouped text with its group and whether it is the group's label), replacing the previous ones,
-- with the signature of the texts they were computed from. Each proposal takes its text's group;
-- the label is the first proposal with the label text.
delete from derived_recurring;

insert into derived_recurring (proposal_id, group_id, is_label)
select p.proposal_id, r.group_id, r.is_label and p.proposal_id = r.first_id
from proposals as p
join recurring_rows as r on r.text = p.text
order by r.group_id, p.proposal_id;

delete from derived_recurring_state;

insert into derived_recurring_state (signature) values ($signature)

-- Relationships the schema cannot enforce (see schema/001_initial.sql), as rows of problems.
select 'proposal_themes row for missing proposal ' || pt.proposal_id as problem
from proposal_themes as pt
anti join proposals as p on p.proposal_id = pt.proposal_id
union all
select 'event ' || e.event_id || ' has unknown event type ' || e.event_type
from events as e
anti join event_types as t on t.event_type = e.event_type
where e.event_type is not null
union all
select 'participation of event ' || event_id || ' does not add up'
from participation
where total is not null and coalesce(women, 0) + coalesce(men, 0) + coalesce(unspecified, 0) <> total
union all
select 'proposal ' || p.proposal_id || ' has no theme'
from proposals as p
anti join proposal_themes as pt on pt.proposal_id = p.proposal_id
where p.reviewed_at is null

-- Each event's follow-up and recurring-group figures (the columns schema/012 adds to
-- derived_events) anew, for the events in $event_ids (all when null): after a follow-up is
-- recorded (dashboard/outcomes.py) and after the groups are recomputed (dashboard/recurring.py).
update derived_events
set
    answered = f.answered,
    implemented = f.implemented,
    response_days = f.response_days,
    implementation_days = f.implementation_days,
    statuses = f.statuses,
    status_sizes = f.status_sizes,
    status_theme_masks = f.status_theme_masks,
    response_statuses = f.response_statuses,
    response_theme_masks = f.response_theme_masks,
    implementation_statuses = f.implementation_statuses,
    implementation_theme_masks = f.implementation_theme_masks,
    recurring_group_ids = f.recurring_group_ids,
    recurring_group_sizes = f.recurring_group_sizes,
    recurring_status_group_ids = f.recurring_status_group_ids,
    recurring_statuses = f.recurring_statuses,
    recurring_status_sizes = f.recurring_status_sizes
from event_proposal_figures($event_ids) as f
where derived_events.event_id = f.event_id;

-- A follow-up changes its proposals' statuses: their cells of derived_outcome_months (schema/014) anew.
create or replace temp table outcome_cells as
select distinct month, region_id, event_type, is_demo
from derived_events
where $event_ids is null or list_contains($event_ids, event_id);

delete from derived_outcome_months as c
where exists (
    select 1
    from outcome_cells as d
    where d.month is not distinct from c.month
      and d.region_id is not distinct from c.region_id
      and d.event_type is not distinct from c.event_type
      and d.is_demo = c.is_demo
);

insert into derived_outcome_months
select p.month, p.region_id, p.event_type, p.is_demo, p.theme_mask, p.status, count(*), count(p.first_response_date),
    count(p.implemented_date)
from derived_proposals as p
semi join outcome_cells as d
    on d.month is not distinct from p.month
    and d.region_id is not distinct from p.region_id
    and d.event_type is not distinct from p.event_type
    and d.is_demo = p.is_demo
group by all
order by p.region_id, p.month, p.event_type, p.is_demo, p.theme_mask, p.status;

drop table outcome_cells

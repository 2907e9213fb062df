-- Recompute the derived tables (schema/004_derived_facts.sql) for the events in
-- $event_ids, or for every event when $event_ids is null. Runs inside the writer's
-- transaction. derived_theme_months is recomputed for every cell (month, region,
-- event type, demo flag) the events were in before or are in now.

create or replace temp table derived_cells as
select distinct derived_cell(month, region_id, event_type, is_demo) as cell
from derived_events
where $event_ids is null or list_contains($event_ids, event_id);

-- Follow-up statuses (schema/008) are rebuilt whole only with every event: a re-ingest keeps
-- proposal ids, and deleting a proposal deletes its history and status (write/delete_proposal.sql).
-- First, as derived_proposals copies them.
delete from derived_proposal_status where $event_ids is null;

insert into derived_proposal_status
select * from proposal_status_from_history where $event_ids is null order by proposal_id;

delete from derived_proposals
where $event_ids is null or list_contains($event_ids, event_id);

delete from derived_events
where $event_ids is null or list_contains($event_ids, event_id);

insert into derived_proposals
with masks as (
    select
        pt.proposal_id,
        bit_or(1::bigint << t.bit) as theme_mask,
        min(pt.confidence) filter (where pt.source = 'rule') as confidence
    from proposal_themes as pt
    join themes as t on t.theme_id = pt.theme_id
    where $event_ids is null
       or pt.proposal_id in (select proposal_id from proposals where list_contains($event_ids, event_id))
    group by pt.proposal_id
)

select
    p.proposal_id,
    p.event_id,
    e.region_id,
    e.event_date,
    date_trunc('month', e.event_date)::date as month,
    e.event_type,
    e.is_demo,
    coalesce(m.theme_mask, 0) as theme_mask,
    m.confidence,
    p.reviewed_at,
    coalesce(s.status, 'no_response') as status,
    s.status_date,
    s.first_response_date,
    s.implemented_date
from proposals as p
join events as e on e.event_id = p.event_id
left join masks as m on m.proposal_id = p.proposal_id
left join derived_proposal_status as s on s.proposal_id = p.proposal_id
where $event_ids is null or list_contains($event_ids, p.event_id)
order by e.region_id, e.event_date, p.proposal_id;

insert into derived_events
with proposal_totals as (
    select
        event_id,
        bit_or(theme_mask) as theme_mask,
        count(*) as proposals
    from derived_proposals
    where $event_ids is null or list_contains($event_ids, event_id)
    group by event_id
)

select
    e.event_id,
    e.region_id,
    e.event_date,
    date_trunc('month', e.event_date)::date as month,
    e.event_type,
    e.is_demo,
    coalesce(pr.theme_mask, 0) as theme_mask,
    coalesce(pr.proposals, 0) as proposals,
    pa.event_id is not null as has_participation,
    pa.total,
    pa.women,
    pa.men,
    pa.unspecified,
    coalesce(pf.answered, 0) as answered,
    coalesce(pf.implemented, 0) as implemented,
    coalesce(pf.response_days, []) as response_days,
    coalesce(pf.implementation_days, []) as implementation_days,
    coalesce(pf.statuses, []) as statuses,
    coalesce(pf.status_sizes, []) as status_sizes,
    coalesce(pf.recurring_group_ids, []) as recurring_group_ids,
    coalesce(pf.recurring_group_sizes, []) as recurring_group_sizes,
    coalesce(pf.recurring_status_group_ids, []) as recurring_status_group_ids,
    coalesce(pf.recurring_statuses, []) as recurring_statuses,
    coalesce(pf.recurring_status_sizes, []) as recurring_status_sizes,
    coalesce(pf.answered_theme_mask, 0) as answered_theme_mask,
    coalesce(pf.implemented_theme_mask, 0) as implemented_theme_mask,
    coalesce(pf.response_theme_masks, []) as response_theme_masks,
    coalesce(pf.implementation_theme_masks, []) as implementation_theme_masks
from events as e
left join participation as pa on pa.event_id = e.event_id
left join proposal_totals as pr on pr.event_id = e.event_id
left join event_proposal_figures($event_ids) as pf on pf.event_id = e.event_id
where $event_ids is null or list_contains($event_ids, e.event_id)
order by e.region_id, e.event_date, e.event_id;

insert into derived_cells
select distinct derived_cell(month, region_id, event_type, is_demo)
from derived_events
where $event_ids is null or list_contains($event_ids, event_id);

delete from derived_theme_months as c
where $event_ids is null
   or derived_cell(c.month, c.region_id, c.event_type, c.is_demo) in (select cell from derived_cells);

insert into derived_theme_months
with masks as (
    select p.month, p.region_id, p.event_type, p.is_demo, p.theme_mask, count(*) as proposals
    from derived_proposals as p
    where p.theme_mask <> 0
      and derived_cell(p.month, p.region_id, p.event_type, p.is_demo) in (select cell from derived_cells)
    group by all
)

select m.month, m.region_id, m.event_type, m.is_demo, t.theme_id, sum(m.proposals)::bigint as proposals
from masks as m
join themes as t on m.theme_mask & (1::bigint << t.bit) <> 0
group by all
order by m.region_id, m.month, m.event_type, m.is_demo, t.theme_id;

-- derived_cells is left for derived/refresh_outcome_cells, which runs next and drops it.

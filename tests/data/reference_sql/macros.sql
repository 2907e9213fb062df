-- Test reference: the filters as they were before the derived tables (schema 002), over the base tables only.
-- The one definition of the dashboard's filters, shared by every query.
-- regions, themes and event_types are lists (empty means all); date_from and
-- date_to may be null. An event matches a theme filter when any of its
-- proposals carries one of the themes.

create or replace macro ref_filtered_events(regions, themes, date_from, date_to, event_types, include_demo) as table
    select e.*
    from events as e
    left join regions as r on r.region_id = e.region_id
    where (len(regions) = 0 or list_contains(regions, r.name))
      and (date_from is null or e.event_date >= date_from)
      and (date_to is null or e.event_date <= date_to)
      and (len(event_types) = 0 or list_contains(event_types, e.event_type))
      and (include_demo or not e.is_demo)
      and (
          len(themes) = 0
          or e.event_id in (
              select p.event_id
              from proposals as p
              join proposal_themes as pt on pt.proposal_id = p.proposal_id
              where list_contains(themes, pt.theme_id)
          )
      );

-- Proposals of the filtered events; with a theme filter only the proposals that carry one of the themes.
create or replace macro ref_filtered_proposals(regions, themes, date_from, date_to, event_types, include_demo) as table
    select p.*
    from proposals as p
    join ref_filtered_events(regions, themes, date_from, date_to, event_types, include_demo) as e
        on e.event_id = p.event_id
    where len(themes) = 0
       or p.proposal_id in (
           select pt.proposal_id from proposal_themes as pt where list_contains(themes, pt.theme_id)
       );

-- Proposals in view with their current follow-up status (proposal_status_from_history over
-- proposal_outcomes), narrowed to the given statuses: the base-table form of
-- status_proposals_in_view (queries/macros/outcomes.sql) with the columns the queries read.
create or replace macro ref_status_proposals_in_view(regions, themes, date_from, date_to, event_types, include_demo, statuses) as table
    select
        p.proposal_id,
        p.event_id,
        e.region_id,
        e.event_date,
        coalesce((
            select bit_or(1::bigint << t.bit)
            from proposal_themes as pt
            join themes as t on t.theme_id = pt.theme_id
            where pt.proposal_id = p.proposal_id
        ), 0) as theme_mask,
        coalesce(h.status, 'no_response') as status,
        h.status_date,
        h.first_response_date,
        h.implemented_date
    from ref_filtered_proposals(regions, themes, date_from, date_to, event_types, include_demo) as p
    join events as e on e.event_id = p.event_id
    left join proposal_status_from_history as h on h.proposal_id = p.proposal_id
    where len(statuses) = 0 or list_contains(statuses, coalesce(h.status, 'no_response'));

-- The one definition of the dashboard's filters, shared by every query. regions, themes
-- and event_types are lists (empty means all); date_from and date_to may be null. An
-- event matches a theme filter when any of its proposals carries one of the themes.
-- Answered from the derived tables (macros/derived_views.sql); re-applied on every connect.

create or replace macro filtered_events(regions, themes, date_from, date_to, event_types, include_demo) as table
    select e.*
    from events as e
    where e.event_id in (
        select f.event_id
        from derived_events_in_view(regions, themes, date_from, date_to, event_types, include_demo) as f
    );

-- Proposals of the filtered events; with a theme filter only the proposals that carry one of the themes.
create or replace macro filtered_proposals(regions, themes, date_from, date_to, event_types, include_demo) as table
    select p.*
    from proposals as p
    where p.proposal_id in (
        select f.proposal_id
        from derived_proposals_in_view(regions, themes, date_from, date_to, event_types, include_demo) as f
    );

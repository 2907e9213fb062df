-- Headline figures for the filtered store: the `stats` command and the Overview tiles.
-- Read from the derived tables (schema/004_derived_facts.sql): without a theme filter
-- every proposal of the events in view counts, with one only those carrying a filtered theme.
with events_in_view as (
    select *
    from derived_events_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo)
),

theme_proposals as (
    select count(*) as proposals
    from derived_proposals_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo)
    where len($themes) > 0
)

select
    count(*) as events,
    (
        case
            when len($themes) = 0 then coalesce(sum(e.proposals), 0)
            else (select proposals from theme_proposals)
        end
    )::bigint as proposals,
    coalesce(sum(e.total), 0) as participants_total,
    coalesce(sum(e.women), 0) as participants_women,
    coalesce(sum(e.men), 0) as participants_men,
    coalesce(sum(e.total) filter (where e.women is not null or e.men is not null), 0) as participants_with_split,
    count(*) filter (where e.is_demo) as demo_events,
    count(distinct e.region_id) as regions_covered
from events_in_view as e

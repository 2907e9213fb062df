-- Test reference: queries/stats_summary.sql as it was before the derived tables.
-- Headline figures for the filtered store: the `stats` command and the Overview tiles.
with events_in_view as (
    select *
    from ref_filtered_events($regions, $themes, $date_from, $date_to, $event_types, $include_demo)
),

proposals_in_view as (
    select proposal_id
    from ref_filtered_proposals($regions, $themes, $date_from, $date_to, $event_types, $include_demo)
)

select
    (select count(*) from events_in_view) as events,
    (select count(*) from proposals_in_view) as proposals,
    coalesce(sum(pa.total), 0) as participants_total,
    coalesce(sum(pa.women), 0) as participants_women,
    coalesce(sum(pa.men), 0) as participants_men,
    coalesce(sum(pa.total) filter (where pa.women is not null or pa.men is not null), 0) as participants_with_split,
    (select count(*) from events_in_view where is_demo) as demo_events,
    count(distinct e.region_id) as regions_covered
from events_in_view as e
left join participation as pa on pa.event_id = e.event_id

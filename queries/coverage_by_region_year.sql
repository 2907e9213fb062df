-- Real reports per region and year under the filters, with demo events counted apart, and the
-- participants of each (Overview coverage, and its events per year: coverage.events_by_year). Every
-- region the region filter allows is listed: one with no event in view has a single row with a null
-- year and zero counts.
with counted as (
    select
        region_id,
        year(event_date) as year,
        count(*) filter (where not is_demo) as reports,
        count(*) filter (where is_demo) as demo_events,
        coalesce(sum(total) filter (where not is_demo), 0) as report_participants,
        coalesce(sum(total) filter (where is_demo), 0) as demo_participants
    from derived_events_in_view($regions, $themes, $date_from, $date_to, $event_types, true)
    group by all
)

select
    coalesce(r.name, 'Region not stated') as region,
    c.year,
    coalesce(c.reports, 0) as reports,
    coalesce(c.demo_events, 0) as demo_events,
    coalesce(c.report_participants, 0)::bigint as report_participants,
    coalesce(c.demo_participants, 0)::bigint as demo_participants
from regions as r
full join counted as c on c.region_id = r.region_id
where r.name is null or len($regions) = 0 or list_contains($regions, r.name)
order by r.name is null, r.name, c.year

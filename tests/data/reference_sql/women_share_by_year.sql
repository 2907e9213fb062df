-- Test reference: queries/bench/women_share_by_year.sql as it was before the derived tables.
-- Bench only: women's share per year over the filtered events that report a gender split.
select
    year(e.event_date) as year,
    coalesce(sum(pa.women), 0) as women,
    sum(pa.total) as participants_with_split,
    coalesce(sum(pa.women), 0) / sum(pa.total) as womens_share
from ref_filtered_events($regions, $themes, $date_from, $date_to, $event_types, $include_demo) as e
join participation as pa on pa.event_id = e.event_id
where e.event_date is not null and (pa.women is not null or pa.men is not null)
group by year
having sum(pa.total) > 0
order by year

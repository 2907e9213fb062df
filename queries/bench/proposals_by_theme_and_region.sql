-- Bench only: proposals per theme and region in the filtered view (the pandas peer answers the same).
with pairs as (
    select region_id, theme_id, proposals
    from theme_counts_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo)
)

select
    p.theme_id,
    r.name as region,
    sum(p.proposals)::bigint as proposals
from pairs as p
join regions as r on r.region_id = p.region_id
group by p.theme_id, r.name
order by p.theme_id, r.name

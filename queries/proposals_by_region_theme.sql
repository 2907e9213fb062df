-- Proposals per region and theme in the filtered view (a proposal with two themes counts once for each).
with pairs as (
    select region_id, theme_id, proposals
    from theme_counts_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo)
)

select
    coalesce(r.name, 'Unknown region') as region,
    p.theme_id,
    sum(p.proposals)::bigint as proposals
from pairs as p
left join regions as r on r.region_id = p.region_id
group by all
order by region, p.theme_id

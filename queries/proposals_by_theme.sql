-- Proposals per theme in the filtered view (a proposal with two themes counts once for each).
with pairs as (
    select theme_id, proposals
    from theme_counts_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo)
)

select
    theme_id,
    sum(proposals)::bigint as proposals
from pairs
group by theme_id
order by proposals desc, theme_id

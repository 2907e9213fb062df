-- Proposals per theme in the filtered view (a proposal with two themes counts once for each).
-- Monthly counts answer month-aligned dates; other dates count proposal by proposal.
with pairs as (
    select theme_id, proposals
    from theme_months_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo)
    where months_aligned($date_from, $date_to)
    union all
    select theme_id, 1 as proposals
    from theme_pairs_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo)
    where not months_aligned($date_from, $date_to)
)

select
    theme_id,
    sum(proposals)::bigint as proposals
from pairs
group by theme_id
order by proposals desc, theme_id

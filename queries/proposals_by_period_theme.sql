-- Proposals per period (month, quarter or year, $grain) and theme in the filtered view (Proposals trend).
-- A proposal with two themes counts once for each.
with pairs as (
    select month, theme_id, proposals
    from theme_counts_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo)
)

select
    date_trunc($grain, month) as period,
    theme_id,
    sum(proposals)::bigint as proposals
from pairs
where month is not null
group by period, theme_id
order by period, theme_id

-- Proposals per period (month, quarter or year, $grain) and theme in the filtered view (Proposals trend).
-- A proposal with two themes counts once for each. Every grain is whole months, so monthly
-- counts answer month-aligned dates; other dates count proposal by proposal.
with pairs as (
    select month, theme_id, proposals
    from theme_months_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo)
    where months_aligned($date_from, $date_to)
    union all
    select month, theme_id, 1 as proposals
    from theme_pairs_in_view($regions, $themes, $date_from, $date_to, $event_types, $include_demo)
    where not months_aligned($date_from, $date_to)
)

select
    date_trunc($grain, month) as period,
    theme_id,
    sum(proposals)::bigint as proposals
from pairs
where month is not null
group by period, theme_id
order by period, theme_id

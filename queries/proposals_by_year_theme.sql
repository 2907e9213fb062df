-- Proposals per year and theme in the filtered view (briefing trend chart).
-- Monthly counts answer month-aligned dates; other dates count proposal by proposal.
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
    year(month) as year,
    theme_id,
    sum(proposals)::bigint as proposals
from pairs
where month is not null
group by all
order by year, theme_id

-- Proposal counts per month, region and theme in the filtered view, from the monthly
-- counts when the dates align with months and proposal by proposal otherwise. The one
-- place for that choice: every theme cross-tab and trend query reads this macro.
create or replace macro theme_counts_in_view(regions, themes, date_from, date_to, event_types, include_demo) as table
    select month, region_id, theme_id, proposals
    from theme_months_in_view(regions, themes, date_from, date_to, event_types, include_demo)
    where months_aligned(date_from, date_to)
    union all
    select month, region_id, theme_id, 1 as proposals
    from theme_pairs_in_view(regions, themes, date_from, date_to, event_types, include_demo)
    where not months_aligned(date_from, date_to);

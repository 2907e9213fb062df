-- Proposal counts per month, region and theme in the filtered view: the monthly counts for the
-- whole months within the dates, and the proposals of the part-months at either end one by one
-- (none when the dates fall on month boundaries). The one place for that choice: every theme
-- cross-tab and trend query reads this macro.
create or replace macro theme_counts_in_view(regions, themes, date_from, date_to, event_types, include_demo) as table
    select month, region_id, theme_id, proposals
    from theme_months_in_view(
        regions, themes, whole_months_from(date_from), whole_months_to(date_to), event_types, include_demo
    )
    union all
    select month, region_id, theme_id, 1 as proposals
    from theme_pairs_in_view(regions, themes, date_from, date_to, event_types, include_demo)
    where in_part_months(event_date, date_from, date_to);

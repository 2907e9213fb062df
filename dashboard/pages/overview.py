"""Overview: the headline figures under the current filters, and one compact chart per question."""

from datetime import timedelta

import streamlit as st

from dashboard import coverage, drilldown
from dashboard.charts.overview import coverage_matrix, events_by_year_line, proposals_by_theme_bar
from dashboard.ui import page_filters, query

TILE_HELP = {
    "Women's share": "Women among the participants of events whose report gives a gender split.",
    "Proposals": "Proposals of the events shown; with a theme filter, only proposals with those themes.",
    "Share answered": "Proposals that received any response; see the Outcomes page.",
}
SHARES = ("Women's share", "Share answered")  # tiles shown as percentages, compared in points


def _previous_period(filters):
    """The period of equal length just before the filtered one, when both dates are set."""
    if not (filters.date_from and filters.date_to):
        return None
    length = filters.date_to - filters.date_from
    end = filters.date_from - timedelta(days=1)
    return filters.with_(date_from=end - length, date_to=end)


def _tiles(row, outcomes) -> dict[str, float | int]:
    with_split = int(row["participants_with_split"])
    proposals = int(outcomes["proposals"])
    return {
        "Events": int(row["events"]),
        "Participants": int(row["participants_total"]),
        "Women's share": 100 * int(row["participants_women"]) / with_split if with_split else 0.0,
        "Proposals": int(row["proposals"]),
        "Regions covered": int(row["regions_covered"]),
        "Share answered": 100 * int(outcomes["answered"]) / proposals if proposals else 0.0,
    }


def main() -> None:
    filters = page_filters()
    st.title("Overview")
    scope = filters.describe()
    st.caption(f"Showing: {scope}")
    now = _tiles(query("stats_summary", filters).iloc[0], query("outcomes/response_times", filters).iloc[0])
    previous = _previous_period(filters)
    before = (
        _tiles(query("stats_summary", previous).iloc[0], query("outcomes/response_times", previous).iloc[0])
        if previous
        else None
    )

    tiles = st.columns(len(now))
    for column, (label, value) in zip(tiles, now.items(), strict=True):
        share = label in SHARES
        if before is None:
            delta = None
        else:
            change = value - before[label]
            delta = f"{change:+.1f} pp" if share else f"{change:+,}"
        shown = f"{value:.1f}%" if share else f"{value:,}"
        column.metric(label, shown, delta, help=TILE_HELP.get(label))
    if previous:
        st.caption(
            f"Changes compare with {previous.date_from} to {previous.date_to}, the period of equal length before."
        )
    else:
        st.caption("Set both dates in the sidebar to compare with the previous period of equal length.")
    events = int(now["Events"])
    left, right = st.columns(2)
    with left:
        themes = query("proposals_by_theme", filters)
        drilldown.chart(proposals_by_theme_bar(themes, scope), "overview_themes", filters, data=themes, events=events)
    with right:
        years = query("events_by_year", filters)
        drilldown.chart(events_by_year_line(years, scope), "overview_years", filters, data=years, events=events)

    st.subheader("Coverage: where and when the reports come from")
    reports = query("coverage_by_region_year", filters)
    st.markdown(" ".join(coverage.summary(reports, filters.include_demo)))
    grid = coverage.matrix(reports)
    drilldown.chart(
        coverage_matrix(grid, scope),
        "overview_coverage",
        filters,
        data=grid.reset_index(),
        events=int(reports["reports"].sum()),
        counted="real report",
        warn_thin=False,  # the coverage sentence above says it
    )


main()

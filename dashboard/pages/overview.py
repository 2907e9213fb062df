"""Overview: the headline figures under the current filters, and one compact chart per question."""

from datetime import timedelta

import streamlit as st

from dashboard import coverage, drilldown, i18n
from dashboard.charts.overview import coverage_matrix, events_by_year_line, proposals_by_theme_bar
from dashboard.i18n import N_, _
from dashboard.ui import page_filters, query

QUERIES = [
    "stats_summary",
    "proposals_by_theme",
    "events_by_year",
    "coverage_by_region_year",
    "outcomes/response_times",
]
# Tile names are English msgids, shown translated.
TILE_HELP = {
    "Women's share": N_("Women among the participants of events whose report gives a gender split."),
    "Proposals": N_("Proposals of the events shown; with a theme filter, only proposals with those themes."),
    "Share answered": N_("Proposals that received any response; see the Outcomes page."),
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
        N_("Events"): int(row["events"]),
        N_("Participants"): int(row["participants_total"]),
        N_("Women's share"): 100 * int(row["participants_women"]) / with_split if with_split else 0.0,
        N_("Proposals"): int(row["proposals"]),
        N_("Regions covered"): int(row["regions_covered"]),
        N_("Share answered"): 100 * int(outcomes["answered"]) / proposals if proposals else 0.0,
    }


def main() -> None:
    filters = page_filters()
    st.title(_("Overview"))
    scope = filters.describe()
    st.caption(_("Showing: {filters}").format(filters=scope))
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
            delta = _("{change} pp").format(change=i18n.signed(change, 1)) if share else i18n.signed(change)
        shown = i18n.percent(value / 100, 1) if share else i18n.number(value)
        column.metric(_(label), shown, delta, help=_(TILE_HELP[label]) if label in TILE_HELP else None)
    if previous:
        st.caption(
            _("Changes compare with {start} to {end}, the period of equal length before.").format(
                start=i18n.long_date(previous.date_from), end=i18n.long_date(previous.date_to)
            )
        )
    else:
        st.caption(_("Set both dates in the sidebar to compare with the previous period of equal length."))
    events = int(now["Events"])
    left, right = st.columns(2)
    with left:
        themes = query("proposals_by_theme", filters)
        drilldown.chart(proposals_by_theme_bar(themes, scope), "overview_themes", filters, data=themes, events=events)
    with right:
        years = query("events_by_year", filters)
        drilldown.chart(events_by_year_line(years, scope), "overview_years", filters, data=years, events=events)

    st.subheader(_("Coverage: where and when the reports come from"))
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

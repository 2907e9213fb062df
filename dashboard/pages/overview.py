"""Overview: the headline figures under the current filters, and one compact chart per question."""

from datetime import timedelta

import streamlit as st

from dashboard import coverage, drilldown, i18n, metrics
from dashboard.charts.overview import coverage_matrix, events_by_year_line, proposals_by_theme_bar
from dashboard.i18n import _
from dashboard.ui import page_filters, start, tile_columns


def _previous_period(filters):
    """The period of equal length just before the filtered one, when both dates are set."""
    if not (filters.date_from and filters.date_to):
        return None
    length = filters.date_to - filters.date_from
    end = filters.date_from - timedelta(days=1)
    return filters.with_(date_from=end - length, date_to=end)


def _figures(started) -> metrics.Figures:
    return metrics.Figures.from_row(started.result().iloc[0])


def main() -> None:
    filters = page_filters(summary_query=metrics.headline_query_name)
    st.title(_("Overview"))
    scope = filters.describe()
    st.caption(_("Showing: {filters}").format(filters=scope))
    previous = _previous_period(filters)
    summaries = [start(metrics.headline_query_name(view), view) for view in (filters, previous) if view]
    themes = start("proposals_by_theme", filters)
    reports = start("coverage_by_region_year", filters)
    now = _figures(summaries[0])
    before = _figures(summaries[1]) if previous else None

    for column, metric in zip(tile_columns(len(metrics.OVERVIEW_TILES)), metrics.OVERVIEW_TILES, strict=True):
        value, delta = now[metric], None
        if before is not None and value is not None and before[metric] is not None:
            change = value - before[metric]
            if metrics.definitions()[metric].unit == "percent":
                delta = _("{change} pp").format(change=i18n.signed(change, 1))
            else:
                delta = i18n.signed(change)
        # The tile's help is the metric's definition and the events it rests on (data/metrics.csv).
        help_text = f"{metrics.definition(metric)} {metrics.basis_text(now.basis[metric])}."
        column.metric(metrics.label(metric), now.text(metric), delta, help=help_text)
    if previous:
        st.caption(
            _("Changes compare with {start} to {end}, the period of equal length before.").format(
                start=i18n.long_date(previous.date_from), end=i18n.long_date(previous.date_to)
            )
        )
    else:
        st.caption(_("Set both dates in the sidebar to compare with the previous period of equal length."))
    events = now["events"]
    reports = reports.result()  # real reports per region and year, and the events per year added up from them
    left, right = st.columns(2)
    with left:
        themes = themes.result()
        drilldown.chart(proposals_by_theme_bar(themes, scope), "overview_themes", filters, data=themes, events=events)
    with right:
        years = coverage.events_by_year(reports, filters.include_demo)
        drilldown.chart(events_by_year_line(years, scope), "overview_years", filters, data=years, events=events)

    st.subheader(_("Coverage: where and when the reports come from"))
    st.markdown(" ".join(coverage.summary(reports, filters.include_demo)))
    grid = coverage.matrix(reports)
    drilldown.chart(
        coverage_matrix(grid, scope),
        "overview_coverage",
        filters,
        data=grid.reset_index,  # built only when the viewer opens the data
        events=int(reports["reports"].sum()),
        counted="real report",
        warn_thin=False,  # the coverage sentence above says it
    )


main()

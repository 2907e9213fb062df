"""Participation: who took part in the dialogues, by gender, region, over time and by group,
and which events' participation figures need checking."""

import re

import streamlit as st

from dashboard import drilldown, i18n, metrics
from dashboard.charts import THIN_EVENTS
from dashboard.charts.participation import categories_bar, gender_by_region_bar, women_share_line
from dashboard.downloads import csv_bytes
from dashboard.i18n import N_, _, ngettext
from dashboard.ui import Started, page_filters, query, start

TABLE_ROWS = 500
# The problems queries/events_with_participation_problems.sql names, shown translated.
PROBLEMS = (
    N_("No participant figures recorded"),
    N_("No gender split: neither women nor men given"),
    N_("Total missing although women or men are given"),
)
EXCEEDS = re.compile(r"Women and men together \((\d+)\) exceed the total \((\d+)\)")


def _problem(text: str) -> str:
    if exceeds := EXCEEDS.fullmatch(text or ""):
        return _("Women and men together ({sum}) exceed the total ({total})").format(
            sum=exceeds.group(1), total=exceeds.group(2)
        )
    return _(text) if text in PROBLEMS else text


def _problems_table(filters, shown: Started) -> None:
    st.subheader(_("Participation figures to check"))
    shown = shown.result()
    if shown.empty:
        st.success(_("Every event in view reports participants with a gender split that adds up."))
        return
    count = int(shown["problems"].iloc[0])
    st.caption(
        ngettext(
            "{count} event in view lacks a gender split or has counts that do not add up.",
            "{count} events in view lack a gender split or have counts that do not add up.",
            count,
        ).format(count=i18n.number(count))
        + (
            " " + _("The first {count} are shown, the download has all.").format(count=i18n.number(TABLE_ROWS))
            if count > TABLE_ROWS
            else ""
        )
    )
    shown = shown.assign(region=shown["region"].map(drilldown.region_name), problem=shown["problem"].map(_problem))
    st.dataframe(
        shown[["title", "event_date", "region", "problem", "total", "women", "men", "parser_warnings"]],
        hide_index=True,
        width="stretch",
        column_config={
            "title": _("Event"),
            "event_date": st.column_config.DateColumn(_("Date"), format="YYYY-MM-DD"),
            "region": _("Region"),
            "problem": _("Problem"),
            "total": st.column_config.NumberColumn(_("Total")),
            "women": st.column_config.NumberColumn(_("Women")),
            "men": st.column_config.NumberColumn(_("Men")),
            "parser_warnings": st.column_config.TextColumn(
                _("Parser warning"), help=_("What the parser found in the report but left out as unsure")
            ),
        },
    )
    st.download_button(
        _("Download all as CSV"),
        # Made when clicked: every event with a problem, not only the rows shown.
        lambda: csv_bytes(
            query("events_with_participation_problems", {**filters.params(), "limit": None}).drop(columns="problems")
        ),
        file_name="participation_problems.csv",
        mime="text/csv",
    )


def _metric_captions(figures: metrics.Figures, ids: tuple[str, ...]) -> None:
    """Each metric's value for the whole view and its definition (data/metrics.csv), under its chart."""
    st.caption("  \n".join(metrics.sentence(figures, metric) for metric in ids))


def main() -> None:
    filters = page_filters(summary_query=metrics.participation_query_name)
    st.title(_("Participation"))
    scope = filters.describe()
    st.caption(_("Showing: {filters}").format(filters=scope))
    gender = start("participation_by_gender_region", filters)
    summary = start(metrics.participation_query_name(filters), filters)
    share = start("women_share_by_period", filters)
    groups = start("events_by_participant_category", filters)
    problems = start("events_with_participation_problems", {**filters.params(), "limit": TABLE_ROWS})
    figures = metrics.Figures.from_row(summary.result().iloc[0])
    events = figures["events"]
    gender = gender.result()
    drilldown.chart(gender_by_region_bar(gender, scope), "participation_gender", filters, data=gender, events=events)
    _metric_captions(figures, ("participants", "women", "men", "unspecified"))
    target = st.number_input(
        _("Parity target (%)"),
        min_value=0,
        max_value=100,
        value=50,
        step=5,
        key="parity_target",
        help=_("Drawn as a dashed line on the chart below"),
    )
    share = share.result()
    drilldown.chart(
        women_share_line(share, scope, target), "participation_share", filters, data=share, shares=True, events=events
    )
    _metric_captions(figures, ("women_share", "participants_with_split"))
    st.caption(
        _(
            "Events without a gender split are listed in the table below. "
            "Hollow points rest on fewer than {limit} such events."
        ).format(limit=THIN_EVENTS)
    )
    groups = groups.result()
    drilldown.chart(categories_bar(groups, scope), "participation_groups", filters, data=groups, events=events)
    _problems_table(filters, problems)


main()

"""Outcomes: what became of the proposals, and which proposals keep coming back."""

import pandas as pd
import streamlit as st

from dashboard import drilldown, i18n, metrics, recurring
from dashboard.charts.outcomes import shares_by_year_lines, status_by_region_bars, status_by_theme_bars
from dashboard.config import database_path
from dashboard.i18n import _, ngettext
from dashboard.outcomes import STATUSES
from dashboard.outcomes import oldest_unanswered as oldest_unanswered_rows
from dashboard.ui import cursor, event_url, page_filters, query, start, start_call, tile_columns

OLDEST_ROWS = 20
GROUP_ROWS = 200


@st.cache_resource(show_spinner=False)
def _recurring_current(path: str) -> None:
    """Groups are computed when texts are written (ingest, demo); this covers a store made before them."""
    recurring.ensure_current(cursor())


HEADLINE = ("share_answered", "share_implemented", "median_days_to_response", "median_days_to_implementation")


def headline(summary) -> None:
    """The outcome metrics (dashboard/metrics.py), each with its definition and the events behind it."""
    figures = metrics.Figures.from_row(summary.result().iloc[0])
    for column, metric in zip(tile_columns(len(HEADLINE), per_row=2), HEADLINE, strict=True):
        help_text = f"{metrics.definition(metric)} {metrics.basis_text(figures.basis[metric])}."
        column.metric(metrics.label(metric), figures.text(metric), help=help_text)


def oldest_unanswered(filters, oldest) -> None:
    st.subheader(_("Oldest proposals still without a response"))
    oldest = oldest.result()
    if oldest.empty:
        st.info(_("Every proposal under these filters has had a response."))
        return
    table = oldest.assign(
        event_link=[event_url(event_id, filters) for event_id in oldest["event_id"]],
        region=oldest["region"].map(drilldown.region_name),
    )
    st.dataframe(
        table.drop(columns=["event_id"]),
        width="stretch",
        hide_index=True,
        column_config={
            "proposal_id": st.column_config.NumberColumn(_("Id"), format="%d"),
            "proposal": _("Proposal"),
            "event_title": _("Event"),
            "region": _("Region"),
            "date": st.column_config.DateColumn(_("Date"), format="YYYY-MM-DD"),
            "days_waiting": st.column_config.NumberColumn(_("Days waiting"), format="%d"),
            "event_link": st.column_config.LinkColumn(_("Event page"), display_text=_("Open event")),
        },
    )


MIN_EVENTS = 2


def _group_params(filters, min_events: int) -> dict:
    return {**filters.params(), "min_events": min_events}


def _statuses_text(statuses: list[dict]) -> str:
    counts = {item["status"]: item["proposals"] for item in statuses}
    return ", ".join(f"{i18n.status_label(status)} {counts[status]}" for status in STATUSES if counts.get(status))


@st.fragment  # the slider and a row selection rerun this view only, not the page's queries and charts
def recurring_view(filters) -> None:
    st.subheader(_("Recurring proposals"))
    st.caption(
        _(
            "Proposals made at different events that ask for the same thing (similar wording, in one language). "
            "Select a row to see its proposals."
        )
    )
    min_events = st.slider(_("Raised at least at this many events"), 2, 20, MIN_EVENTS, key="recurring_min_events")
    groups = query(recurring.summary_query(filters), _group_params(filters, min_events))
    if groups.empty:
        st.info(_("No proposal under these filters was raised at that many events."))
        return
    table = pd.DataFrame(
        {
            "label": groups["label"],
            "events": groups["events"],
            "size": groups["size"],
            "regions": [", ".join(map(drilldown.region_name, regions)) for regions in groups["regions"]],
            "first_date": groups["first_date"],
            "last_date": groups["last_date"],
            "statuses": [_statuses_text(statuses) for statuses in groups["statuses"]],
        }
    )
    shown = table.head(GROUP_ROWS)
    found = ngettext("{count} recurring proposal.", "{count} recurring proposals.", len(groups))
    more = " " + _("The first {count} are shown.").format(count=GROUP_ROWS) if len(groups) > GROUP_ROWS else ""
    st.caption(found.format(count=i18n.number(len(groups))) + more)
    picked = st.dataframe(
        shown,
        width="stretch",
        hide_index=True,
        on_select="rerun",
        selection_mode="single-row",
        key="recurring_table",
        column_config={
            "label": st.column_config.TextColumn(_("Proposal (most frequent wording)"), width="large"),
            "events": st.column_config.NumberColumn(_("Events")),
            "size": st.column_config.NumberColumn(_("Times made")),
            "regions": _("Regions"),
            "first_date": st.column_config.DateColumn(_("First raised"), format="YYYY-MM-DD"),
            "last_date": st.column_config.DateColumn(_("Last raised"), format="YYYY-MM-DD"),
            "statuses": _("What became of it"),
        },
    )
    rows = picked.selection.rows if picked else []
    if not rows:
        return
    group = groups.iloc[rows[0]]
    st.markdown("**" + _("The {count} proposals of this group").format(count=i18n.number(int(group["size"]))) + "**")
    members = query("recurring/group_members", {**filters.params(), "group_id": int(group["group_id"])})
    members = members.assign(
        status=members["status"].map(i18n.status_label),
        region=members["region"].map(drilldown.region_name),
        event_link=[event_url(event_id, filters) for event_id in members["event_id"]],
    )
    st.dataframe(
        members.drop(columns=["event_id"]),
        width="stretch",
        hide_index=True,
        key="recurring_members",
        column_config={
            "proposal_id": st.column_config.NumberColumn(_("Id"), format="%d"),
            "proposal": _("Proposal"),
            "event_title": _("Event"),
            "region": _("Region"),
            "date": st.column_config.DateColumn(_("Date"), format="YYYY-MM-DD"),
            "status": _("Status"),
            "status_date": st.column_config.DateColumn(_("Status date"), format="YYYY-MM-DD"),
            "responsible_body": _("Responsible body"),
            "event_link": st.column_config.LinkColumn(_("Event page"), display_text=_("Open event")),
        },
    )


def main() -> None:
    filters = page_filters()
    st.title(_("Outcomes"))
    scope = filters.describe()
    st.caption(
        _("Showing: {filters}").format(filters=scope)
        + ". "
        + _("A proposal's status is its latest recorded follow-up.")
    )
    with st.spinner(_("Grouping recurring proposals…")):
        _recurring_current(str(database_path()))
    # The recurring view's query (the page's largest) runs beside the others; its fragment's
    # query() below takes this same run, not a second one.
    min_events = st.session_state.get("recurring_min_events", MIN_EVENTS)
    start(recurring.summary_query(filters), _group_params(filters, min_events))
    summary = start(metrics.query_name(filters), filters)
    by_theme = start("outcomes/status_by_theme", filters)
    by_region = start("outcomes/status_by_region", filters)
    years = start("outcomes/shares_by_year", filters)
    oldest = start_call(oldest_unanswered_rows, {**filters.params(), "limit": OLDEST_ROWS})
    headline(summary)
    events = drilldown.events_in_view(filters)
    left, right = st.columns(2)
    with left:
        by_theme = by_theme.result()
        drilldown.chart(status_by_theme_bars(by_theme, scope), "outcomes_themes", filters, data=by_theme, events=events)
    with right:
        by_region = by_region.result()
        drilldown.chart(
            status_by_region_bars(by_region, scope), "outcomes_regions", filters, data=by_region, events=events
        )
    years = years.result()
    shares = shares_by_year_lines(years, scope)
    drilldown.chart(shares, "outcomes_years", filters, data=years, events=events, shares=True)
    oldest_unanswered(filters, oldest)
    recurring_view(filters)


main()

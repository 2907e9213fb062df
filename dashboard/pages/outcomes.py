"""Outcomes: what became of the proposals, and which proposals keep coming back."""

import pandas as pd
import streamlit as st

from dashboard import recurring
from dashboard.charts.outcomes import shares_by_year_lines, status_by_region_bars, status_by_theme_bars
from dashboard.config import database_path
from dashboard.outcomes import STATUSES
from dashboard.ui import cursor, event_url, page_filters, query

OLDEST_ROWS = 20
GROUP_ROWS = 200


@st.cache_resource(show_spinner="Grouping recurring proposals…")
def _recurring_current(path: str) -> None:
    """Groups are computed when texts are written (ingest, demo); this covers a store made before them."""
    recurring.ensure_current(cursor())


def _days(value) -> str:
    return "–" if pd.isna(value) else f"{int(value):,} days"


def headline(filters) -> None:
    times = query("outcomes/response_times", filters).iloc[0]
    proposals, answered, implemented = int(times["proposals"]), int(times["answered"]), int(times["implemented"])
    tiles = st.columns(4)
    tiles[0].metric(
        "Share answered",
        f"{100 * answered / proposals:.1f}%" if proposals else "–",
        help="Proposals that received any response (any status but no response).",
    )
    tiles[1].metric(
        "Share implemented",
        f"{100 * implemented / proposals:.1f}%" if proposals else "–",
        help="Proposals implemented fully or in part.",
    )
    tiles[2].metric(
        "Median time to first response",
        _days(times["days_to_response"]),
        help=f"From the event to the first response, over the {answered:,} proposals answered.",
    )
    tiles[3].metric(
        "Median time to implementation",
        _days(times["days_to_implementation"]),
        help=f"From the event to implementation (full or partial), over the {implemented:,} proposals implemented.",
    )


def oldest_unanswered(filters) -> None:
    st.subheader("Oldest proposals still without a response")
    oldest = query("outcomes/oldest_unanswered", {**filters.params(), "limit": OLDEST_ROWS})
    if oldest.empty:
        st.info("Every proposal under these filters has had a response.")
        return
    table = oldest.assign(event_link=[event_url(event_id, filters) for event_id in oldest["event_id"]])
    st.dataframe(
        table.drop(columns=["event_id"]),
        width="stretch",
        hide_index=True,
        column_config={
            "proposal_id": st.column_config.NumberColumn("Id", format="%d"),
            "proposal": "Proposal",
            "event_title": "Event",
            "region": "Region",
            "date": st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
            "days_waiting": st.column_config.NumberColumn("Days waiting", format="%d"),
            "event_link": st.column_config.LinkColumn("Event page", display_text="Open event"),
        },
    )


def _statuses_text(statuses: list[dict]) -> str:
    counts = {item["status"]: item["proposals"] for item in statuses}
    return ", ".join(f"{STATUSES[status]} {counts[status]}" for status in STATUSES if counts.get(status))


def recurring_view(filters) -> None:
    st.subheader("Recurring proposals")
    st.caption(
        "Proposals made at different events that ask for the same thing (similar wording, in one language). "
        "Select a row to see its proposals."
    )
    min_events = st.slider("Raised at least at this many events", 2, 20, 2, key="recurring_min_events")
    groups = query("recurring/groups", {**filters.params(), "min_events": min_events})
    if groups.empty:
        st.info("No proposal under these filters was raised at that many events.")
        return
    table = pd.DataFrame(
        {
            "label": groups["label"],
            "events": groups["events"],
            "size": groups["size"],
            "regions": [", ".join(regions) for regions in groups["regions"]],
            "first_date": groups["first_date"],
            "last_date": groups["last_date"],
            "statuses": [_statuses_text(statuses) for statuses in groups["statuses"]],
        }
    )
    shown = table.head(GROUP_ROWS)
    more = f"; showing the first {GROUP_ROWS}" if len(groups) > GROUP_ROWS else ""
    st.caption(f"{len(groups):,} recurring proposals{more}.")
    picked = st.dataframe(
        shown,
        width="stretch",
        hide_index=True,
        on_select="rerun",
        selection_mode="single-row",
        key="recurring_table",
        column_config={
            "label": st.column_config.TextColumn("Proposal (most frequent wording)", width="large"),
            "events": st.column_config.NumberColumn("Events"),
            "size": st.column_config.NumberColumn("Times made"),
            "regions": "Regions",
            "first_date": st.column_config.DateColumn("First raised", format="YYYY-MM-DD"),
            "last_date": st.column_config.DateColumn("Last raised", format="YYYY-MM-DD"),
            "statuses": "What became of it",
        },
    )
    rows = picked.selection.rows if picked else []
    if not rows:
        return
    group = groups.iloc[rows[0]]
    st.markdown(f"**The {int(group['size']):,} proposals of this group**")
    members = query("outcomes/proposals_by_ids", {"proposal_ids": [int(pid) for pid in group["proposal_ids"]]})
    members = members.assign(
        status=members["status"].map(STATUSES),
        event_link=[event_url(event_id, filters) for event_id in members["event_id"]],
    )
    st.dataframe(
        members.drop(columns=["event_id"]),
        width="stretch",
        hide_index=True,
        key="recurring_members",
        column_config={
            "proposal_id": st.column_config.NumberColumn("Id", format="%d"),
            "proposal": "Proposal",
            "event_title": "Event",
            "region": "Region",
            "date": st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
            "status": "Status",
            "status_date": st.column_config.DateColumn("Status date", format="YYYY-MM-DD"),
            "responsible_body": "Responsible body",
            "event_link": st.column_config.LinkColumn("Event page", display_text="Open event"),
        },
    )


def main() -> None:
    filters = page_filters()
    st.title("Outcomes")
    scope = filters.describe()
    st.caption(f"Showing: {scope}. A proposal's status is its latest recorded follow-up.")
    headline(filters)
    left, right = st.columns(2)
    left.plotly_chart(status_by_theme_bars(query("outcomes/status_by_theme", filters), scope), width="stretch")
    right.plotly_chart(status_by_region_bars(query("outcomes/status_by_region", filters), scope), width="stretch")
    st.plotly_chart(shares_by_year_lines(query("outcomes/shares_by_year", filters), scope), width="stretch")
    oldest_unanswered(filters)
    _recurring_current(str(database_path()))
    recurring_view(filters)


main()

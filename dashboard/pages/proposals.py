"""Proposals: how themes develop over time, and every proposal searchable with its themes and evidence."""

import streamlit as st

from dashboard import drilldown
from dashboard.charts.proposals import proposals_over_time_lines
from dashboard.downloads import MAX_DOWNLOAD_ROWS, XLSX_MIME, csv_bytes, xlsx_bytes
from dashboard.outcomes import STATUSES
from dashboard.outcomes_ui import status_form
from dashboard.ui import event_url, page_filters, query

GRAINS = {"Month": "month", "Quarter": "quarter", "Year": "year"}
SHOWN_ROWS = 500
COLUMNS = {
    "proposal": "Proposal",
    "event_title": "Event",
    "region": "Region",
    "date": "Date",
    "themes": "Themes",
    "evidence": "Evidence per theme",
    "label_source": "Label source",
    "status": "Follow-up status",
    "status_date": "Status date",
    "event_link": "Event page",
}


def _table(filters, search: str, limit: int):
    """Matching proposals with their follow-up status and event link, at most `limit` rows (the
    page shows SHOWN_ROWS; only a download asks for more, so a page run never fetches them)."""
    found = query("proposals_by_search", {**filters.params(), "search": search.strip(), "limit": limit})
    followed = query("outcomes/proposals_by_ids", {"proposal_ids": [int(pid) for pid in found["proposal_id"]]})
    status = followed.set_index("proposal_id")
    return found.assign(
        event_link=[event_url(event_id, filters) for event_id in found["event_id"]],
        status=found["proposal_id"].map(status["status"]).map(STATUSES),
        status_date=found["proposal_id"].map(status["status_date"]),
    )


def main() -> None:
    filters = page_filters()
    st.title("Proposals")
    scope = filters.describe()
    st.caption(f"Showing: {scope}")

    grain_label = st.radio("Group by", list(GRAINS), index=2, horizontal=True, key="proposals_grain")
    grain = GRAINS[grain_label]
    trend = query("proposals_by_period_theme", {**filters.params(), "grain": grain})
    drilldown.chart(proposals_over_time_lines(trend, grain, scope), "proposals_trend", filters, data=trend)

    st.subheader("Find proposals")
    search = st.text_input("Search proposals", key="proposals_search", placeholder="A word or part of a word")
    found = _table(filters, search, SHOWN_ROWS)
    matching = int(found["matching"].iloc[0]) if not found.empty else 0
    if found.empty:
        st.info("No proposals match" + (f" “{search.strip()}”" if search.strip() else "") + " under these filters.")
        return
    shown_ids = dict(zip(found["proposal_id"], found["proposal"], strict=True))
    table = found[list(COLUMNS)]
    shown = min(matching, SHOWN_ROWS, len(table))
    note = (
        f"{matching:,} proposals match; showing the first {shown:,}."
        if matching > shown
        else f"{matching:,} {'proposal matches' if matching == 1 else 'proposals match'}."
    )
    st.caption(note + " Themes marked (manual) were set by a reviewer.")
    st.dataframe(
        table,
        width="stretch",
        hide_index=True,
        column_config={
            **{column: st.column_config.Column(label) for column, label in COLUMNS.items()},
            "date": st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
            "status_date": st.column_config.DateColumn("Status date", format="YYYY-MM-DD"),
            "event_link": st.column_config.LinkColumn("Event page", display_text="Open event"),
        },
    )
    status_form({int(pid): text for pid, text in shown_ids.items()}, "proposals")
    if matching > MAX_DOWNLOAD_ROWS:
        st.caption(f"Downloads hold the first {MAX_DOWNLOAD_ROWS:,} of {matching:,} matching proposals.")

    def downloaded():
        return (
            _table(filters, search, MAX_DOWNLOAD_ROWS)[list(COLUMNS)].drop(columns="event_link").rename(columns=COLUMNS)
        )

    # The files are built only when a button is pressed: up to MAX_DOWNLOAD_ROWS rows take seconds.
    left, right = st.columns(2)
    left.download_button(
        "Download CSV",
        lambda: csv_bytes(downloaded()),
        "proposals.csv",
        "text/csv",
        on_click="ignore",
        width="stretch",
    )
    right.download_button(
        "Download XLSX",
        lambda: xlsx_bytes(downloaded(), "proposals"),
        "proposals.xlsx",
        XLSX_MIME,
        on_click="ignore",
        width="stretch",
    )


main()

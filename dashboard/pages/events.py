"""Events: the filtered events as a table, and one event's report in full (`?event=<id>`)."""

import re

import pandas as pd
import streamlit as st

from dashboard import briefing, reference
from dashboard.briefing import html_page as briefing_html
from dashboard.briefing import pptx_deck as briefing_pptx
from dashboard.charts.events import participation_bar
from dashboard.outcomes import STATUSES
from dashboard.outcomes_ui import status_form
from dashboard.ui import cursor, event_url, page_filters, plain, query

QUERIES = [
    "events_by_date",
    "event_facts_by_event",
    "participation_by_event",
    "participant_categories_by_event",
    "speakers_by_event",
    "presentations_by_event",
    "proposal_themes_by_event",
    "outcomes/status_of_event",
    "outcomes/status_history",
]
PAGE = "dashboard/pages/events.py"
SHOWN_ROWS = 500
MAX_EVENT_ID = 2**31 - 1  # events.event_id is an integer column
FACTS = {
    "title": "Title",
    "topic": "Topic",
    "date": "Date",
    "region": "Region",
    "city": "City",
    "venue": "Venue",
    "event_type": "Event type",
    "organiser": "Organiser",
    "moderator": "Moderator",
    "purpose": "Purpose",
    "language": "Language",
    "source_file": "Source file",
}


def requested_event() -> tuple[int | None, str | None]:
    """The event id in the URL, or a notice about what was wrong with it."""
    value = st.query_params.get("event")
    if value is None:
        return None, None
    text = value.strip()
    # ASCII digits only: str.isdigit() also accepts "²", which int() refuses.
    if not re.fullmatch(r"[0-9]{1,10}", text) or not 0 < int(text) <= MAX_EVENT_ID:
        return None, f"{plain(text)} is not an event number; showing all events instead."
    return int(text), None


def main() -> None:
    filters = page_filters()
    st.title("Events")
    event_id, notice = requested_event()
    if notice:
        st.warning(notice)
    if event_id is None:
        event_table(filters)
    else:
        event_view(event_id, filters)


def event_table(filters) -> None:
    scope = filters.describe()
    st.caption(f"Showing: {scope}")
    events = query("events_by_date", {**filters.params(), "limit": SHOWN_ROWS})
    if events.empty:
        st.info("No events match these filters. Widen the filters in the sidebar.")
        return
    matching = int(events["matching"].iloc[0])
    shown = len(events)
    st.caption(
        f"{matching:,} events; showing the newest {shown:,}."
        if matching > shown
        else f"{matching:,} event{'s' if matching != 1 else ''}."
    )
    links = [event_url(event, filters) for event in events["event_id"]]
    st.dataframe(
        events.assign(link=links).drop(columns=["event_id", "matching"]),
        width="stretch",
        hide_index=True,
        column_config={
            "title": st.column_config.TextColumn("Title"),
            "date": st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
            "region": "Region",
            "event_type": "Type",
            "participants": st.column_config.NumberColumn("Participants"),
            "women": st.column_config.NumberColumn("Women"),
            "men": st.column_config.NumberColumn("Men"),
            "proposals": st.column_config.NumberColumn("Proposals"),
            "demo": st.column_config.CheckboxColumn("Demo"),
            "link": st.column_config.LinkColumn("Report", display_text="Open"),
        },
    )
    labels = {
        int(row.event_id): " · ".join(str(value) for value in (row.date, row.region, row.title) if pd.notna(value))
        for row in events.itertuples()
    }
    chosen = st.selectbox(
        "Open an event", list(labels), index=None, format_func=labels.get, placeholder="Choose an event"
    )
    if chosen is not None:
        st.query_params["event"] = str(chosen)
        st.rerun()


def fact_sheet_buttons(event_id: int) -> None:
    """One click: the event's one-page fact sheet (a one-slide deck takes about 25 ms to make)."""
    sheet = briefing.event_sheet(cursor(), event_id)
    files = {"pptx": briefing_pptx.event_sheet_pptx(sheet), "html": briefing_html.event_sheet_html(sheet)}
    left, right = st.columns(2)
    for column, fmt, label in (
        (left, "pptx", "Fact sheet (PowerPoint)"),
        (right, "html", "Fact sheet (HTML, works offline)"),
    ):
        column.download_button(
            label,
            data=files[fmt],
            file_name=f"event-{event_id}-fact-sheet.{fmt}",
            mime=briefing.MIME_TYPES[fmt],
            icon=":material/download:",
            width="stretch",
            on_click="ignore",  # a download changes nothing on the page
        )


def follow_up(event_id: int) -> None:
    """What became of the event's proposals, and the form to record a change."""
    followed = query("outcomes/status_of_event", {"event_id": event_id})
    if followed.empty:
        return
    st.subheader("Follow-up")
    st.dataframe(
        followed.assign(status=followed["status"].map(STATUSES)).drop(columns=["proposal_id"]),
        width="stretch",
        hide_index=True,
        column_config={
            "position": "#",
            "proposal": "Proposal",
            "status": "Status",
            "status_date": st.column_config.DateColumn("Status date", format="YYYY-MM-DD"),
            "responsible_body": "Responsible body",
        },
    )
    history = query("outcomes/status_history", {"proposal_ids": [int(pid) for pid in followed["proposal_id"]]})
    if not history.empty:
        with st.expander(f"History of follow-up changes ({len(history)})"):
            positions = dict(zip(followed["proposal_id"], followed["position"], strict=True))
            st.dataframe(
                history.assign(
                    proposal_id=history["proposal_id"].map(positions), status=history["status"].map(STATUSES)
                ),
                width="stretch",
                hide_index=True,
                column_config={
                    "proposal_id": "#",
                    "status": "Status",
                    "status_date": st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
                    "responsible_body": "Responsible body",
                    "response": "Response or note",
                    "source": "Source",
                    "recorded_by": "Recorded by",
                    "recorded_at": st.column_config.DatetimeColumn("Recorded at", format="YYYY-MM-DD HH:mm"),
                },
            )
    status_form(dict(zip(followed["proposal_id"], followed["proposal"], strict=True)), f"event_{event_id}")


def event_view(event_id: int, filters) -> None:
    st.page_link(PAGE, label="All events", icon="⬅️", query_params=filters.to_query_params())
    facts = query("event_facts_by_event", {"event_id": event_id})
    if facts.empty:
        st.warning(f"There is no event number {event_id} in the store. Choose one from the list of all events.")
        return
    event = facts.iloc[0]
    if event["is_demo"]:
        st.badge("Demo data: a synthetic record, not a real report", icon=":material/science:", color="orange")
    # Report text goes into tables and st.text only, so nothing in a report is read as markup.
    rows = [
        (label, str(event[column]))
        for column, label in FACTS.items()
        if pd.notna(event[column]) and str(event[column]).strip()
    ]
    st.dataframe(pd.DataFrame(rows, columns=["Fact", "Value"]), width="stretch", hide_index=True)
    if pd.notna(event["warnings"]) and event["warnings"].strip():
        st.warning("The parser left these facts empty because the report does not state them exactly:")
        st.text(event["warnings"])
    fact_sheet_buttons(event_id)

    left, right = st.columns(2)
    participation = query("participation_by_event", {"event_id": event_id})
    left.plotly_chart(participation_bar(participation, f"Event {event_id}, {event['date']}"), width="stretch")
    categories = query("participant_categories_by_event", {"event_id": event_id})
    names = reference.participant_category_labels()
    right.subheader("Participant categories")
    if categories.empty:
        right.text("The report names no participant categories.")
    else:
        right.text("\n".join(names.get(category, category) for category in categories["category"]))

    speakers = query("speakers_by_event", {"event_id": event_id})
    st.subheader("Speakers")
    if speakers.empty:
        st.text("The report names no speakers.")
    else:
        st.dataframe(
            speakers.rename(columns={"position": "#", "name": "Name", "role": "Role"}), width="stretch", hide_index=True
        )
    presentations = query("presentations_by_event", {"event_id": event_id})
    st.subheader("Presentations")
    if presentations.empty:
        st.text("The report lists no presentations.")
    else:
        st.dataframe(
            presentations.rename(columns={"position": "#", "title": "Title"}), width="stretch", hide_index=True
        )

    proposals = query("proposal_themes_by_event", {"event_id": event_id})
    st.subheader(f"Proposals ({len(proposals)})")
    if proposals.empty:
        st.text("The report records no proposals.")
    else:
        st.caption(
            "Themes marked (manual) were set by a reviewer; the others by the keyword rules, with their evidence."
        )
        st.dataframe(
            proposals.rename(
                columns={
                    "position": "#",
                    "proposal": "Proposal",
                    "themes": "Themes",
                    "evidence": "Evidence per theme",
                    "status": "Status",
                }
            ),
            width="stretch",
            hide_index=True,
        )
    with st.expander("Source text of the report"):
        if pd.notna(event["source_text"]) and event["source_text"].strip():
            st.text(event["source_text"])
        else:
            st.text("This event was imported from a table; there is no report text.")
    follow_up(event_id)


main()

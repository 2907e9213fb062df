"""Events: the filtered events as a table, and one event's report in full (`?event=<id>`)."""

import re

import pandas as pd
import streamlit as st

from dashboard import briefing, drilldown, i18n
from dashboard.briefing import html_page as briefing_html
from dashboard.briefing import pptx_deck as briefing_pptx
from dashboard.charts.events import participation_bar
from dashboard.i18n import N_, _, ngettext
from dashboard.outcomes_ui import status_form
from dashboard.ui import cursor, event_url, page_filters, plain, query

PAGE = "dashboard/pages/events.py"
SHOWN_ROWS = 500
MAX_EVENT_ID = 2**31 - 1  # events.event_id is an integer column
FACTS = {  # names are msgids, shown translated
    "title": N_("Title"),
    "topic": N_("Topic"),
    "date": N_("Date"),
    "region": N_("Region"),
    "city": N_("City"),
    "venue": N_("Venue"),
    "event_type": N_("Event type"),
    "organiser": N_("Organiser"),
    "moderator": N_("Moderator"),
    "purpose": N_("Purpose"),
    "language": N_("Language"),
    "source_file": N_("Source file"),
}


def requested_event() -> tuple[int | None, str | None]:
    """The event id in the URL, or a notice about what was wrong with it."""
    value = st.query_params.get("event")
    if value is None:
        return None, None
    text = value.strip()
    # ASCII digits only: str.isdigit() also accepts "²", which int() refuses.
    if not re.fullmatch(r"[0-9]{1,10}", text) or not 0 < int(text) <= MAX_EVENT_ID:
        return None, _("{value} is not an event number; showing all events instead.").format(value=plain(text))
    return int(text), None


def main() -> None:
    filters = page_filters()
    st.title(_("Events"))
    event_id, notice = requested_event()
    if notice:
        st.warning(notice)
    if event_id is None:
        event_table(filters)
    else:
        event_view(event_id, filters)


def event_table(filters) -> None:
    scope = filters.describe()
    st.caption(_("Showing: {filters}").format(filters=scope))
    events = query("events_by_date", {**filters.params(), "limit": SHOWN_ROWS})
    if events.empty:
        st.info(_("No events match these filters. Widen the filters in the sidebar."))
        return
    matching = int(events["matching"].iloc[0])
    shown = len(events)
    st.caption(
        _("{count} events; showing the newest {shown}.").format(count=i18n.number(matching), shown=i18n.number(shown))
        if matching > shown
        else ngettext("{count} event.", "{count} events.", matching).format(count=i18n.number(matching))
    )
    links = [event_url(event, filters) for event in events["event_id"]]
    events = events.assign(
        region=events["region"].map(drilldown.region_name),
        event_type=events["event_type"].map(lambda kind: i18n.english_labels(kind, "event_type")),
    )
    st.dataframe(
        events.assign(link=links).drop(columns=["event_id", "matching"]),
        width="stretch",
        hide_index=True,
        column_config={
            "title": st.column_config.TextColumn(_("Title")),
            "date": st.column_config.DateColumn(_("Date"), format="YYYY-MM-DD"),
            "region": _("Region"),
            "event_type": _("Type"),
            "participants": st.column_config.NumberColumn(_("Participants")),
            "women": st.column_config.NumberColumn(_("Women")),
            "men": st.column_config.NumberColumn(_("Men")),
            "proposals": st.column_config.NumberColumn(_("Proposals")),
            "demo": st.column_config.CheckboxColumn(_("Demo")),
            "link": st.column_config.LinkColumn(_("Report"), display_text=_("Open")),
        },
    )
    labels = {
        int(row.event_id): " · ".join(str(value) for value in (row.date, row.region, row.title) if pd.notna(value))
        for row in events.itertuples()
    }
    chosen = st.selectbox(
        _("Open an event"), list(labels), index=None, format_func=labels.get, placeholder=_("Choose an event")
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
        (left, "pptx", _("Fact sheet (PowerPoint)")),
        (right, "html", _("Fact sheet (HTML, works offline)")),
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
    st.subheader(_("Follow-up"))
    st.dataframe(
        followed.assign(status=followed["status"].map(i18n.status_label)).drop(columns=["proposal_id"]),
        width="stretch",
        hide_index=True,
        column_config={
            "position": "#",
            "proposal": _("Proposal"),
            "status": _("Status"),
            "status_date": st.column_config.DateColumn(_("Status date"), format="YYYY-MM-DD"),
            "responsible_body": _("Responsible body"),
        },
    )
    history = query("outcomes/status_history", {"proposal_ids": [int(pid) for pid in followed["proposal_id"]]})
    if not history.empty:
        with st.expander(_("History of follow-up changes ({count})").format(count=len(history))):
            positions = dict(zip(followed["proposal_id"], followed["position"], strict=True))
            st.dataframe(
                history.assign(
                    proposal_id=history["proposal_id"].map(positions), status=history["status"].map(i18n.status_label)
                ),
                width="stretch",
                hide_index=True,
                column_config={
                    "proposal_id": "#",
                    "status": _("Status"),
                    "status_date": st.column_config.DateColumn(_("Date"), format="YYYY-MM-DD"),
                    "responsible_body": _("Responsible body"),
                    "response": _("Response or note"),
                    "source": _("Source"),
                    "recorded_by": _("Recorded by"),
                    "recorded_at": st.column_config.DatetimeColumn(_("Recorded at"), format="YYYY-MM-DD HH:mm"),
                },
            )
    status_form(dict(zip(followed["proposal_id"], followed["proposal"], strict=True)), f"event_{event_id}")


def event_view(event_id: int, filters) -> None:
    st.page_link(PAGE, label=_("All events"), icon="⬅️", query_params=filters.to_query_params())
    facts = query("event_facts_by_event", {"event_id": event_id})
    if facts.empty:
        st.warning(
            _("There is no event number {id} in the store. Choose one from the list of all events.").format(id=event_id)
        )
        return
    event = facts.iloc[0]
    if event["is_demo"]:
        st.badge(_("Demo data: a synthetic record, not a real report"), icon=":material/science:", color="orange")
    # Report text goes into tables and st.text only, so nothing in a report is read as markup.
    shown = {
        **event,
        "region": drilldown.region_name(event["region"]),
        "event_type": i18n.english_labels(event["event_type"], "event_type"),
    }
    rows = [
        (_(label), str(shown[column]))
        for column, label in FACTS.items()
        if pd.notna(shown[column]) and str(shown[column]).strip()
    ]
    st.dataframe(pd.DataFrame(rows, columns=[_("Fact"), _("Value")]), width="stretch", hide_index=True)
    if pd.notna(event["warnings"]) and event["warnings"].strip():
        st.warning(_("The parser left these facts empty because the report does not state them exactly:"))
        st.text(event["warnings"])
    fact_sheet_buttons(event_id)

    left, right = st.columns(2)
    participation = query("participation_by_event", {"event_id": event_id})
    scope = _("Event {id}, {date}").format(id=event_id, date=event["date"] if pd.notna(event["date"]) else _("no date"))
    left.plotly_chart(participation_bar(participation, scope), width="stretch")
    categories = query("participant_categories_by_event", {"event_id": event_id})
    right.subheader(_("Participant groups"))
    if categories.empty:
        right.text(_("The report names no participant groups."))
    else:
        right.text("\n".join(map(i18n.participant_group_label, categories["category"])))

    speakers = query("speakers_by_event", {"event_id": event_id})
    st.subheader(_("Speakers"))
    if speakers.empty:
        st.text(_("The report names no speakers."))
    else:
        st.dataframe(
            speakers.rename(columns={"position": "#", "name": _("Name"), "role": _("Role")}),
            width="stretch",
            hide_index=True,
        )
    presentations = query("presentations_by_event", {"event_id": event_id})
    st.subheader(_("Presentations"))
    if presentations.empty:
        st.text(_("The report lists no presentations."))
    else:
        st.dataframe(
            presentations.rename(columns={"position": "#", "title": _("Title")}), width="stretch", hide_index=True
        )

    proposals = query("proposal_themes_by_event", {"event_id": event_id})
    st.subheader(_("Proposals ({count})").format(count=len(proposals)))
    if proposals.empty:
        st.text(_("The report records no proposals."))
    else:
        st.caption(
            _("Themes marked (manual) were set by a reviewer; the others by the keyword rules, with their evidence.")
        )
        st.dataframe(
            proposals.assign(
                themes=proposals["themes"].map(i18n.english_labels),
                evidence=proposals["evidence"].map(i18n.english_labels),
                status=proposals["status"].map(lambda status: i18n.status_label(status) if status else status),
            ).rename(
                columns={
                    "position": "#",
                    "proposal": _("Proposal"),
                    "themes": _("Themes"),
                    "evidence": _("Evidence per theme"),
                    "status": _("Status"),
                }
            ),
            width="stretch",
            hide_index=True,
        )
    with st.expander(_("Source text of the report")):
        if pd.notna(event["source_text"]) and event["source_text"].strip():
            st.text(event["source_text"])
        else:
            st.text(_("This event was imported from a table; there is no report text."))
    follow_up(event_id)


main()

"""Briefing: download a briefing pack or a one-page fact sheet (PowerPoint or offline HTML) for the current filters."""

import pandas as pd
import streamlit as st

from dashboard import briefing, i18n, reference
from dashboard.briefing import html_page as briefing_html
from dashboard.briefing import pptx_deck as briefing_pptx
from dashboard.i18n import N_, _
from dashboard.ui import cursor, page_filters, query

EVENT_CHOICES = 500
# Options are the English msgids, shown translated (format_func=_).
KINDS = (N_("Briefing pack"), N_("Region fact sheet"), N_("Event fact sheet"))
FORMATS = {N_("PowerPoint (.pptx)"): "pptx", N_("HTML, works offline (.html)"): "html"}


def _event_label(events, event_id: int) -> str:
    row = events.loc[events["event_id"] == event_id].iloc[0]
    day = f"{row['date']:%Y-%m-%d}" if pd.notna(row["date"]) else _("no date")
    region = i18n.region_label(row["region"]) if pd.notna(row["region"]) else _("unknown region")
    return f"{day} · {region} · {row['title'][:80]}"


def _build(kind: str, fmt: str, filters, region: str | None, event_id: int | None, min_count: int | None):
    """(file name, content) of the chosen document, in the interface language."""
    con = cursor()
    pptx = fmt == "pptx"
    if kind == "Event fact sheet":
        sheet = briefing.event_sheet(con, event_id, min_count)
        content = briefing_pptx.event_sheet_pptx(sheet) if pptx else briefing_html.event_sheet_html(sheet)
        return f"event-{event_id}-fact-sheet.{fmt}", content
    if kind == "Region fact sheet":
        data = briefing.build(con, filters.with_(regions=(region,)), min_count)
        content = briefing_pptx.region_sheet_pptx(data) if pptx else briefing_html.region_sheet_html(data)
        return f"{region.lower().replace(' ', '-')}-fact-sheet.{fmt}", content
    data = briefing.build(con, filters, min_count)
    content = briefing_pptx.briefing_pptx(data) if pptx else briefing_html.briefing_html(data)
    return f"briefing.{fmt}", content


def main() -> None:
    filters = page_filters()
    st.title(_("Briefing"))
    st.caption(_("Showing: {filters}").format(filters=filters.describe()))
    kind = st.radio(_("What to make"), KINDS, format_func=_, horizontal=True, key="brief_kind")
    fmt = FORMATS[st.radio(_("Format"), list(FORMATS), format_func=_, horizontal=True, key="brief_format")]
    st.caption(
        _("Documents are written in the interface language ({language}).").format(
            language=i18n.NATIVE_NAMES[i18n.language()]
        )
    )
    region = event_id = None
    if kind == "Region fact sheet":
        region = st.selectbox(_("Region"), reference.region_names(), format_func=i18n.region_label, key="brief_region")
        st.caption(_("The other filters in the sidebar still apply."))
    elif kind == "Event fact sheet":
        events = query("events_by_date", {**filters.params(), "limit": EVENT_CHOICES})
        if events.empty:
            st.info(_("No events match these filters. Widen the filters in the sidebar."))
            return
        event_id = st.selectbox(
            _("Event (the {count} most recent under these filters)").format(count=EVENT_CHOICES),
            [int(value) for value in events["event_id"]],
            format_func=lambda value: _event_label(events, value),
            key="brief_event",
        )
    min_count = st.number_input(
        _("Suppress counts below (0 = off)"),
        min_value=0,
        max_value=1000,
        value=0,
        step=1,
        key="brief_min_count",
        help=_("For small-group privacy: participant and proposal counts from 1 to K-1 are shown as '<K'."),
    )
    choice = (kind, fmt, filters, region, event_id, min_count, i18n.language())
    if st.button(_("Prepare file"), type="primary", key="brief_prepare"):
        with st.spinner(_("Preparing…")):
            st.session_state.brief_file = (choice, *_build(kind, fmt, filters, region, event_id, min_count or None))
    prepared = st.session_state.get("brief_file")
    if prepared and prepared[0] == choice:
        name, content = prepared[1:]
        st.download_button(
            _("Download {name}").format(name=name),
            content,
            file_name=name,
            mime=briefing.MIME_TYPES[fmt],
            key="brief_download",
        )
    else:
        st.caption(_("Choose above, then prepare the file to download it."))


main()

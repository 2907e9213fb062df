"""Proposals: how themes develop over time, and every proposal searchable with its themes and evidence."""

import streamlit as st

from dashboard import drilldown, i18n
from dashboard.charts.proposals import proposals_over_time_lines
from dashboard.downloads import MAX_DOWNLOAD_ROWS, XLSX_MIME, csv_bytes, xlsx_bytes
from dashboard.i18n import N_, _, ngettext
from dashboard.outcomes_ui import status_form
from dashboard.search import proposal_table as search_proposals
from dashboard.ui import event_url, page_filters, query, start

GRAINS = {N_("Month"): "month", N_("Quarter"): "quarter", N_("Year"): "year"}  # options: msgids
SHOWN_ROWS = 500
COLUMNS = {  # headers are msgids, shown (and downloaded) translated
    "proposal": N_("Proposal"),
    "event_title": N_("Event"),
    "region": N_("Region"),
    "date": N_("Date"),
    "themes": N_("Themes"),
    "evidence": N_("Evidence per theme"),
    "label_source": N_("Label source"),
    "status": N_("Follow-up status"),
    "status_date": N_("Status date"),
    "event_link": N_("Event page"),
}


def _table(filters, search: str, limit: int):
    """Matching proposals with their follow-up status and event link, at most `limit` rows, labels in the
    interface language (the page shows SHOWN_ROWS; only a download asks for more, so a page run never
    fetches them)."""
    found = search_proposals(query, filters.params(), search.strip(), limit)
    return found.assign(
        event_link=[event_url(event_id, filters) for event_id in found["event_id"]],
        status=found["status"].map(i18n.status_label),
        region=found["region"].map(drilldown.region_name),
        themes=found["themes"].map(i18n.english_labels),
        evidence=found["evidence"].map(i18n.english_labels),
        label_source=found["label_source"].map(i18n.label_sources),
    )


def main() -> None:
    filters = page_filters()
    st.title(_("Proposals"))
    scope = filters.describe()
    st.caption(_("Showing: {filters}").format(filters=scope))

    grain_label = st.radio(_("Group by"), list(GRAINS), format_func=_, index=2, horizontal=True, key="proposals_grain")
    grain = GRAINS[grain_label]
    trend = start("proposals_by_period_theme", {**filters.params(), "grain": grain})
    trend_slot = st.container()  # drawn once the table's queries, run meanwhile, are done

    st.subheader(_("Find proposals"))
    search = st.text_input(_("Search proposals"), key="proposals_search", placeholder=_("A word or part of a word"))
    found = _table(filters, search, SHOWN_ROWS)
    trend = trend.result()
    with trend_slot:
        drilldown.chart(proposals_over_time_lines(trend, grain, scope), "proposals_trend", filters, data=trend)
    matching = int(found["matching"].iloc[0]) if not found.empty else 0
    if found.empty:
        st.info(
            _("No proposals match “{search}” under these filters.").format(search=search.strip())
            if search.strip()
            else _("No proposals match these filters.")
        )
        return
    shown_ids = dict(zip(found["proposal_id"], found["proposal"], strict=True))
    table = found[list(COLUMNS)]
    shown = min(matching, SHOWN_ROWS, len(table))
    note = (
        _("{count} proposals match; showing the first {shown}.").format(
            count=i18n.number(matching), shown=i18n.number(shown)
        )
        if matching > shown
        else ngettext("{count} proposal matches.", "{count} proposals match.", matching).format(
            count=i18n.number(matching)
        )
    )
    st.caption(note + " " + _("Themes marked (manual) were set by a reviewer."))
    st.dataframe(
        table,
        width="stretch",
        hide_index=True,
        column_config={
            **{column: st.column_config.Column(_(label)) for column, label in COLUMNS.items()},
            "date": st.column_config.DateColumn(_("Date"), format="YYYY-MM-DD"),
            "status_date": st.column_config.DateColumn(_("Status date"), format="YYYY-MM-DD"),
            "event_link": st.column_config.LinkColumn(_("Event page"), display_text=_("Open event")),
        },
    )
    status_form({int(pid): text for pid, text in shown_ids.items()}, "proposals")
    if matching > MAX_DOWNLOAD_ROWS:
        st.caption(
            _("Downloads hold the first {count} of {matching} matching proposals.").format(
                count=i18n.number(MAX_DOWNLOAD_ROWS), matching=i18n.number(matching)
            )
        )
    language = i18n.language()

    def downloaded():
        # Called when a button is pressed, outside this run: in the language the page was shown in.
        with i18n.using(language):
            rows = _table(filters, search, MAX_DOWNLOAD_ROWS)[list(COLUMNS)]
            return rows.drop(columns="event_link").rename(columns=lambda column: _(COLUMNS[column]))

    # The files are built only when a button is pressed: up to MAX_DOWNLOAD_ROWS rows take seconds.
    left, right = st.columns(2)
    left.download_button(
        _("Download CSV"),
        lambda: csv_bytes(downloaded()),
        "proposals.csv",
        "text/csv",
        on_click="ignore",
        width="stretch",
    )
    right.download_button(
        _("Download XLSX"),
        lambda: xlsx_bytes(downloaded(), "proposals"),
        "proposals.xlsx",
        XLSX_MIME,
        on_click="ignore",
        width="stretch",
    )


main()

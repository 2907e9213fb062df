"""Every number leads to its evidence: one component draws each chart with its drill-down.

`chart(figure, key, filters, data=frame)` draws a plotly figure that reruns the page when a
bar, cell, tile or point is clicked. The clicked point's drill key (customdata[0], made by
`dashboard.charts.drill_key`) says what it stands for; the records behind it come from
queries/drilldown_proposals.sql or queries/drilldown_events.sql under the page's filters,
listed under the chart with the same count as the chart, a link to each event, "Apply as
filter" (narrows every page and the URL) and "Clear". Under each chart: how many events it
rests on, a warning when fewer than THIN_EVENTS, and the data it draws as a CSV download.
"""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import i18n, reference
from dashboard.charts import THIN_EVENTS, thin_figure
from dashboard.downloads import csv_bytes
from dashboard.filters import Filters
from dashboard.i18n import N_, _, ngettext
from dashboard.ui import event_url, query

SHOWN_ROWS = 500
NOT_STATED = N_("Region not stated")
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$])")


@dataclass(frozen=True)
class Selection:
    """What a clicked point stands for, read back from its drill key."""

    records: str  # "proposals" or "events"
    label: str
    region: str | None = None
    not_region: str | None = None  # "all other regions" than this one
    themes: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    category: str | None = None
    real_only: bool = False
    statuses: tuple[str, ...] = ()  # current follow-up statuses (the Outcomes page's bars)
    ever: str | None = None  # "answered" or "implemented" at any time (the Outcomes page's shares by year)
    by_status: bool = False  # the chart honours the status filter, so its records do too

    @classmethod
    def from_key(cls, key: str) -> "Selection | None":
        try:
            fields = json.loads(key)
            return cls(
                records=fields["records"],
                label=str(fields["label"]),
                region=fields.get("region"),
                not_region=fields.get("not_region"),
                themes=tuple(fields.get("themes", ())),
                date_from=date.fromisoformat(fields["date_from"]) if "date_from" in fields else None,
                date_to=date.fromisoformat(fields["date_to"]) if "date_to" in fields else None,
                category=fields.get("category"),
                real_only=bool(fields.get("real_only", False)),
                statuses=tuple(fields.get("statuses", ())),
                ever=fields.get("ever") if fields.get("ever") in ("answered", "implemented") else None,
                by_status=bool(fields.get("by_status", False)),
            )
        except (TypeError, ValueError, KeyError):
            return None

    def params(self) -> dict:
        """The selection's parameters for the drill-down queries."""
        params = {
            "sel_region": self.region,
            "sel_not_region": self.not_region,
            "sel_from": self.date_from,
            "sel_to": self.date_to,
        }
        if self.records == "proposals":
            return {
                **params,
                "sel_themes": list(self.themes),
                "sel_statuses": list(self.statuses),
                "sel_ever": self.ever,
                "sel_by_status": self.by_status,
            }
        return {**params, "sel_category": self.category, "sel_real_only": self.real_only}

    def applied_to(self, filters: Filters) -> tuple[Filters | None, str]:
        """The filters narrowed to this selection, or None and why it cannot be a filter."""
        if self.category:
            return None, _("Participant groups are not one of the dashboard's filters.")
        if self.ever:
            return None, _("'Answered at some time' is not a filter: the status filter is the current status.")
        if self.region == NOT_STATED or self.not_region == NOT_STATED:
            return None, _("Events without a stated region cannot be chosen in the region filter.")
        changes = {}
        if self.region:
            changes["regions"] = (self.region,)
        if self.not_region:
            others = filters.regions or tuple(reference.region_names())
            changes["regions"] = tuple(name for name in others if name != self.not_region)
        if self.themes:
            changes["themes"] = self.themes
        if self.date_from:
            changes["date_from"] = max(filter(None, (filters.date_from, self.date_from)))
        if self.date_to:
            changes["date_to"] = min(filter(None, (filters.date_to, self.date_to)))
        if self.real_only:
            changes["include_demo"] = False
        if self.statuses:
            changes["statuses"] = self.statuses
        return filters.with_(**changes), ""


def clicked(points: list[dict]) -> tuple[Selection | None, int]:
    """The first clicked point that carries a drill key, and how many points carry one."""
    selections = []
    for point in points:
        custom = point.get("customdata")
        key = custom[0] if isinstance(custom, list) and custom else custom
        selection = Selection.from_key(key) if isinstance(key, str) else None
        if selection is not None:
            selections.append(selection)
    return (selections[0] if selections else None), len(selections)


def events_in_view(filters: Filters) -> int:
    counts = query("demo_share", filters)
    return int(counts["events"].iloc[0]) if not counts.empty else 0


def records(selection: Selection, filters: Filters, limit: int = SHOWN_ROWS) -> pd.DataFrame:
    """The records behind a clicked number (at most `limit`; `matching` holds the full count)."""
    name = "drilldown_proposals" if selection.records == "proposals" else "drilldown_events"
    return query(name, {**filters.params(), **selection.params(), "limit": limit})


def chart(
    figure: go.Figure,
    key: str,
    filters: Filters,
    *,
    data: pd.DataFrame | Callable[[], pd.DataFrame] | None = None,
    shares: bool = False,
    events: int | None = None,
    counted: str = "event",
    warn_thin: bool = True,
    share_groups: tuple[str, str] | None = None,
) -> None:
    """A chart whose every mark leads to its records. `events`: how many events (or other
    `counted` records) it rests on, by default the events in view. `shares`: the chart draws
    shares, so it is replaced by a notice when fewer than THIN_EVENTS events lie behind it.
    `warn_thin=False` when the page already says how little lies behind the chart.
    `share_groups`: the (name, events) columns of `data` whose shares are drawn one group at a
    time (a region, a side); groups resting on fewer than THIN_EVENTS events are named. `data` may
    be a function giving the frame, called only when the viewer opens the data behind the chart."""
    events = events_in_view(filters) if events is None else events
    if shares and events < THIN_EVENTS:
        figure = thin_figure(figure, events)
    nonce = st.session_state.get(f"_drill_nonce_{key}", 0)
    event = st.plotly_chart(figure, width="stretch", on_select="rerun", selection_mode="points", key=f"{key}-{nonce}")
    if counted == "event":
        basis = ngettext("From {count} event in view.", "From {count} events in view.", events)
        thin = _("Fewer than {limit}: read these figures as counts of those events, not as shares or a pattern.")
    else:
        basis = ngettext("From {count} real report in view.", "From {count} real reports in view.", events)
        thin = _("Fewer than {limit}: read these figures as counts of those reports, not as shares or a pattern.")
    basis = basis.format(count=i18n.number(events))
    if events < THIN_EVENTS and warn_thin:
        st.warning(basis + " " + thin.format(limit=THIN_EVENTS), icon=":material/warning:")
    else:
        st.caption(basis + " " + _("Click a bar, cell, tile or point to see the records behind it."))
        if shares and share_groups and data is not None:
            _thin_groups(_table(data), *share_groups)
    selection, count = clicked(event.selection.points if event else [])
    if selection is not None:
        _records_panel(selection, count, filters, key)
    if data is not None:
        _data_expander(data, key)


def _thin_groups(data: pd.DataFrame, name: str, events: str) -> None:
    groups = data.drop_duplicates(name)
    thin = groups[(groups[events] > 0) & (groups[events] < THIN_EVENTS)]
    if thin.empty:
        return
    listed = ", ".join(
        "{name} ({events})".format(
            name=_group_label(row[name]),
            events=ngettext("{count} event", "{count} events", row[events]).format(count=row[events]),
        )
        for _row, row in thin.iterrows()
    )
    st.warning(
        _("Shares for {groups} rest on fewer than {limit} events: read them as counts, not as shares.").format(
            groups=_plain(listed), limit=THIN_EVENTS
        ),
        icon=":material/warning:",
    )


def _group_label(name: str) -> str:
    """A share group's name (a region, or a chart's side such as "All other regions") in the language."""
    return _(name) if name in (NOT_STATED, "All other regions") else i18n.region_label(name)


def _plain(text: str) -> str:
    """Text shown as written, never read as Markdown."""
    return _MARKDOWN.sub(r"\\\1", text)


def _clear(key: str) -> None:
    # A new widget key drops the chart's selection (Streamlit does not let a script write it).
    st.session_state[f"_drill_nonce_{key}"] = st.session_state.get(f"_drill_nonce_{key}", 0) + 1


def _apply(key: str, narrowed: Filters) -> None:
    st.session_state._filters = narrowed  # ui.page_filters draws every page from these, and the URL
    _clear(key)


def _records_panel(selection: Selection, count: int, filters: Filters, key: str) -> None:
    rows = records(selection, filters)
    matching = int(rows["matching"].iloc[0]) if not rows.empty else 0
    with st.container(border=True, key=f"drill_{key}"):
        st.markdown(f"**{_plain(selection.label[:1].upper() + selection.label[1:])}**")
        if selection.records == "events":
            summary = ngettext("{count} event", "{count} events", matching)
        elif len(selection.themes) > 1:
            summary = ngettext("{count} proposal–theme pair", "{count} proposal–theme pairs", matching)
        else:
            summary = ngettext("{count} proposal", "{count} proposals", matching)
        summary = summary.format(count=i18n.number(matching))
        if matching > len(rows):
            summary += _("; the newest {count} are listed").format(count=i18n.number(len(rows)))
        notes = [summary + "."]
        if count > 1:
            notes.append(_("{count} points are selected; this lists the first.").format(count=count))
        if len(selection.themes) > 1:
            notes.append(_("A proposal with two of these themes is listed once for each, as the chart counts it."))
        if selection.records == "events" and not rows.empty and rows["matching_with_split"].iloc[0] < matching:
            with_split = int(rows["matching_with_split"].iloc[0])
            notes.append(
                _("{count} of them report a gender split; a women's share counts only those.").format(
                    count=i18n.number(with_split)
                )
            )
        st.caption(" ".join(notes))
        if not rows.empty:
            _records_table(rows.drop(columns=[c for c in rows.columns if c.startswith("matching")]), selection, filters)
        narrowed, why = selection.applied_to(filters)
        left, right = st.columns(2)
        left.button(
            _("Apply as filter"),
            key=f"{key}_apply",
            on_click=_apply,
            args=(key, narrowed),
            disabled=narrowed is None,
            help=why or _("Narrow every page (and the link to this view) to this selection"),
            icon=":material/filter_alt:",
            width="stretch",
        )
        right.button(
            _("Clear"), key=f"{key}_clear", on_click=_clear, args=(key,), icon=":material/close:", width="stretch"
        )


def _records_table(rows: pd.DataFrame, selection: Selection, filters: Filters) -> None:
    table = rows.assign(event_link=[event_url(int(event), filters) for event in rows["event_id"]])
    if "region" in table:
        table["region"] = table["region"].map(region_name)
    link = st.column_config.LinkColumn(_("Event page"), display_text=_("Open event"))
    date_column = st.column_config.DateColumn(_("Date"), format="YYYY-MM-DD")
    if selection.records == "proposals":
        for column in ("themes", "clicked_theme"):
            if column in table:
                table[column] = table[column].map(i18n.english_labels)
        if "status" in table:
            table["status"] = table["status"].map(lambda status: i18n.status_label(status) if status else status)
        columns = {
            "proposal": st.column_config.TextColumn(_("Proposal"), width="large"),
            "clicked_theme": _("Theme"),
            "event_title": _("Event"),
            "date": date_column,
            "region": _("Region"),
            "event_link": link,
            "themes": _("All themes"),
            "status": _("Status"),  # the proposal's follow-up state
            "demo": st.column_config.CheckboxColumn(_("Demo")),
        }
        if len(selection.themes) <= 1:
            del columns["clicked_theme"]
    else:
        if "event_type" in table:
            table["event_type"] = table["event_type"].map(lambda kind: i18n.english_labels(kind, "event_type"))
        columns = {
            "title": st.column_config.TextColumn(_("Event"), width="large"),
            "date": date_column,
            "region": _("Region"),
            "event_link": link,
            "event_type": _("Type"),
            "participants": st.column_config.NumberColumn(_("Participants")),
            "women": st.column_config.NumberColumn(_("Women")),
            "men": st.column_config.NumberColumn(_("Men")),
            "gender_split": st.column_config.CheckboxColumn(_("Gender split")),
            "proposals": st.column_config.NumberColumn(_("Proposals")),
            "demo": st.column_config.CheckboxColumn(_("Demo")),
        }
    st.dataframe(table[list(columns)], hide_index=True, width="stretch", column_config=columns)


def readable(frame: pd.DataFrame) -> pd.DataFrame:
    """A chart's aggregated frame as a reader's table: theme names beside ids, no layout columns."""
    table = frame.drop(columns=[c for c in ("grid_row", "grid_col", "grain", "period_start") if c in frame.columns])
    if "theme_id" in table.columns:
        table.insert(list(table.columns).index("theme_id"), "theme", table["theme_id"].map(i18n.labels("theme")))
    if "region" in table.columns:
        table["region"] = table["region"].map(region_name)
    return table


def region_name(name):
    """A stored region name in the language; "Region not stated" (the SQL files' fallback) translated."""
    if not isinstance(name, str):
        return name
    return _(NOT_STATED) if name == NOT_STATED else i18n.region_label(name)


def _table(data: pd.DataFrame | Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """A chart's data, built now if it was handed over as a function (`chart(data=...)`)."""
    return data() if callable(data) else data


def _data_expander(data: pd.DataFrame | Callable[[], pd.DataFrame], key: str) -> None:
    # Filled only when opened: the table and its CSV are not sent with every page view.
    expander = st.expander(_("Data behind this chart"), key=f"{key}_data", on_change="rerun")
    if not expander.open:
        return
    table = readable(_table(data))
    with expander:
        st.dataframe(table, hide_index=True, width="stretch")
        st.download_button(
            _("Download CSV"),
            csv_bytes(table),
            f"{key}.csv",
            "text/csv",
            key=f"{key}_csv",
            on_click="ignore",
            icon=":material/download:",
        )

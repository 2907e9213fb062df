"""What a briefing says: the figures, tables and sentences shared by the PowerPoint and HTML formats.

Everything is written in the current interface language (dashboard/i18n.py): the CLI wraps a
call in `i18n.using(lang)`, the app sets the viewer's language for the run.

`build(con, filters, min_count)` runs the SQL files once and returns a `Briefing` of plain
frames and sentences; `event_sheet(con, event_id, min_count)` does the same for one event.
Suppressed counts (see dashboard/privacy.py) are None in the frames and '<K' in sentences.
"""

from dataclasses import dataclass, field
from datetime import date

import duckdb
import pandas as pd

from dashboard import i18n, privacy
from dashboard.filters import Filters
from dashboard.i18n import N_, _, ngettext
from dashboard.outcomes import STATUSES
from dashboard.sql import frame, records

# What both formats share; the formats' own look is in pptx_deck.py and html_page.py.
TITLE = N_("Dialogue outcomes briefing")
FACT_SHEET_THEMES = 8  # what fits legibly beside the other facts on one slide
RECENT_PROPOSALS = 10
TREND_THEMES = 6  # more lines than this are unreadable on a slide

MIME_TYPES = {
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "html": "text/html",
}


@dataclass
class Briefing:
    filters: Filters
    scope: str
    min_count: int | None
    first_date: date | None
    last_date: date | None
    events: int
    demo_events: int
    participants: int | None
    women: int | None
    men: int | None
    participants_with_split: int  # in events whose report gives women and/or men: the base of women's share
    proposals: int | None
    regions_covered: int
    participation: pd.DataFrame  # region, events, participants, women, men, unspecified (None = suppressed)
    themes_by_region: pd.DataFrame  # index theme label (fewest first), one column per region
    trend: pd.DataFrame  # index year, one column per theme label (the most frequent themes)
    trend_is_top: bool  # True when trend leaves out less frequent themes
    recent: pd.DataFrame  # event_date, region, event_title, text, themes, is_demo
    outcomes: pd.DataFrame  # status (label), proposals (None = suppressed), in the order of STATUSES
    notes: dict[str, list[str]] = field(default_factory=dict)  # section -> computed sentences

    @property
    def demo_label(self) -> str | None:
        if not self.demo_events:
            return None
        return ngettext(
            "Includes synthetic demo data ({demo} of {events} event)",
            "Includes synthetic demo data ({demo} of {events} events)",
            self.events,
        ).format(demo=i18n.number(self.demo_events), events=i18n.number(self.events))

    @property
    def privacy_note(self) -> str | None:
        return privacy.note(self.min_count)

    @property
    def date_range(self) -> str:
        if self.first_date is None:
            return _("no events")
        if self.first_date == self.last_date:
            return _long_date(self.first_date)
        return f"{_long_date(self.first_date)} – {_long_date(self.last_date)}"

    @property
    def women_share(self) -> float | None:
        """Women among the participants of events that report a gender split, as on the Overview page."""
        if self.women is None or self.men is None or not self.participants_with_split:
            return None
        return 100 * self.women / self.participants_with_split

    def count(self, value) -> str:
        return privacy.count_text(value, self.min_count)

    def kpis(self) -> dict[str, str]:
        share = self.women_share
        return {
            _("Events"): i18n.number(self.events),
            _("Participants"): self.count(self.participants),
            _("Women's share"): "–" if share is None else i18n.percent(share / 100),
            _("Proposals"): self.count(self.proposals),
            _("Regions"): i18n.number(self.regions_covered),
        }


def build(con: duckdb.DuckDBPyConnection, filters: Filters, min_count: int | None = None) -> Briefing:
    params = filters.params()
    summary = records(con, "stats_summary", params)[0]
    dates = records(con, "event_dates_range", params)[0]
    labels = i18n.labels("theme")
    total, women, men, _ = privacy.suppress_gender(
        int(summary["participants_total"]),
        int(summary["participants_women"]),
        int(summary["participants_men"]),
        int(summary["participants_total"]) - int(summary["participants_women"]) - int(summary["participants_men"]),
        min_count,
    )
    participation = _suppressed_participation(frame(con, "participation_by_region", params), min_count)
    by_region = frame(con, "proposals_by_region_theme", params)
    by_region["region"] = by_region["region"].map(i18n.region_label)
    themes_by_region = _wide(by_region, "theme_id", "region", labels, min_count, ascending=True)
    by_year = frame(con, "proposals_by_period_theme", {**params, "grain": "year"})
    by_year = by_year.assign(year=pd.to_datetime(by_year.pop("period")).dt.year)
    trend, trend_is_top = _trend(by_year, labels, min_count)
    briefing = Briefing(
        filters=filters,
        scope=filters.describe(),
        min_count=min_count,
        first_date=dates["first_date"],
        last_date=dates["last_date"],
        events=int(summary["events"]),
        demo_events=int(summary["demo_events"]),
        participants=total,
        women=women,
        men=men,
        participants_with_split=int(summary["participants_with_split"]),
        proposals=privacy.suppress(int(summary["proposals"]), min_count),
        regions_covered=int(summary["regions_covered"]),
        participation=participation,
        themes_by_region=themes_by_region,
        trend=trend,
        trend_is_top=trend_is_top,
        recent=_localised(frame(con, "proposals_by_recency", {**params, "limit": RECENT_PROPOSALS})),
        outcomes=_outcomes(con, params, min_count),
    )
    briefing.notes = {
        "kpis": _kpi_sentences(briefing),
        "gender": _gender_sentences(briefing),
        "themes": _theme_sentences(briefing, by_region, labels),
        "trend": _trend_sentences(briefing, by_year, labels),
        "outcomes": _outcome_sentences(briefing, records(con, "outcomes/response_times", params)[0]),
    }
    return briefing


def _outcomes(con: duckdb.DuckDBPyConnection, params: dict, min_count: int | None) -> pd.DataFrame:
    counts = dict.fromkeys(STATUSES, 0) | {
        row["status"]: row["proposals"] for row in records(con, "outcomes/proposals_by_status", params)
    }
    rows = [(STATUSES[status], privacy.suppress(int(count), min_count)) for status, count in counts.items()]
    return pd.DataFrame(rows, columns=["status", "proposals"], dtype=object)


def _outcome_sentences(briefing: Briefing, times: dict) -> list[str]:
    proposals, answered, implemented = int(times["proposals"]), int(times["answered"]), int(times["implemented"])
    if not proposals:
        return ["No proposals match these filters."]
    sentences = [
        f"Of the {briefing.count(proposals)} proposals, {100 * answered / proposals:.0f}% have had a response "
        f"and {100 * implemented / proposals:.0f}% were implemented fully or in part."
    ]
    if answered:
        sentence = f"The median time from the event to a first response was {int(times['days_to_response']):,} days"
        if implemented:
            sentence += f", to implementation {int(times['days_to_implementation']):,} days"
        sentences.append(sentence + ".")
    return sentences


def _localised(proposals: pd.DataFrame) -> pd.DataFrame:
    """Region and theme names of proposal rows in the current language (the report's text stays as written)."""
    proposals = proposals.copy()
    if "region" in proposals:
        proposals["region"] = proposals["region"].map(i18n.region_label)
    proposals["themes"] = [
        ", ".join(sorted(i18n.theme_label(theme) for theme in (ids if ids is not None else [])))
        for ids in proposals.pop("theme_ids")
    ]
    return proposals


def _suppressed_participation(data: pd.DataFrame, min_count: int | None) -> pd.DataFrame:
    rows = []
    for row in data.to_dict("records"):
        row["region"] = i18n.region_label(row["region"])
        total, women, men, unspecified = privacy.suppress_gender(
            row["participants"], row["women"], row["men"], row["unspecified"], min_count
        )
        rows.append({**row, "participants": total, "women": women, "men": men, "unspecified": unspecified})
    columns = ["region", "events", "participants", "women", "men", "unspecified"]
    return pd.DataFrame(rows, columns=columns, dtype=object)


def _wide(data, rows, columns, labels, min_count, ascending) -> pd.DataFrame:
    """Long counts to a rows x columns table of counts, ordered by row total, suppressed cells None."""
    if data.empty:
        return pd.DataFrame()
    table = data.pivot_table(index=rows, columns=columns, values="proposals", aggfunc="sum", fill_value=0)
    table = table.loc[table.sum(axis=1).sort_values(ascending=ascending, kind="stable").index]
    table.index = [labels.get(key, key) for key in table.index]
    table.columns = [str(column) for column in table.columns]
    return _suppressed_table(table, min_count)


def _trend(by_year: pd.DataFrame, labels: dict, min_count: int | None) -> tuple[pd.DataFrame, bool]:
    if by_year.empty:
        return pd.DataFrame(), False
    totals = by_year.groupby("theme_id")["proposals"].sum().sort_values(ascending=False, kind="stable")
    top = list(totals.index[:TREND_THEMES])
    table = by_year[by_year["theme_id"].isin(top)].pivot_table(
        index="year", columns="theme_id", values="proposals", aggfunc="sum", fill_value=0
    )
    # every year in the range, so a year without proposals shows as zero rather than vanishing
    years = range(int(by_year["year"].min()), int(by_year["year"].max()) + 1)
    table = table.reindex(index=years, columns=top, fill_value=0)
    table.columns = [labels.get(theme, theme) for theme in table.columns]
    return _suppressed_table(table, min_count), len(totals) > TREND_THEMES


def _suppressed_table(table: pd.DataFrame, min_count: int | None) -> pd.DataFrame:
    """Counts as Python ints, None where suppressed (object dtype keeps None from becoming NaN)."""
    values = [[privacy.suppress(int(value), min_count) for value in row] for row in table.to_numpy()]
    return pd.DataFrame(values, index=table.index, columns=table.columns, dtype=object)


def _kpi_sentences(briefing: Briefing) -> list[str]:
    if not briefing.events:
        return [_("No events match these filters.")]
    sentences = [
        _("{events} from {dates} {in_regions}, with {participants} and {proposals}.").format(
            events=ngettext("{count} event", "{count} events", briefing.events).format(
                count=i18n.number(briefing.events)
            ),
            dates=briefing.date_range,
            in_regions=ngettext("in {count} region", "in {count} regions", briefing.regions_covered).format(
                count=i18n.number(briefing.regions_covered)
            ),
            participants=ngettext(
                "{count} participant", "{count} participants", _plural_count(briefing.participants)
            ).format(count=briefing.count(briefing.participants)),
            proposals=ngettext("{count} proposal", "{count} proposals", _plural_count(briefing.proposals)).format(
                count=briefing.count(briefing.proposals)
            ),
        )
    ]
    if briefing.demo_label:
        sentences.append(
            ngettext(
                "{count} of these events is synthetic demo data, not a real report.",
                "{count} of these events are synthetic demo data, not real reports.",
                briefing.demo_events,
            ).format(count=i18n.number(briefing.demo_events))
        )
    return sentences


def _plural_count(value) -> int:
    """The number that picks a plural form; a suppressed count ('<K') takes the form for many."""
    return 0 if value is None else int(value)


def _share_sentence(women, total, where: str, place, min_count) -> str:
    """Women's share of the participants; `where` is 'region' (place: its name), 'regions' (place: how many)
    or 'event'. Each place is its own message: word order and case differ between the languages."""
    if women is None or total is None or not total:
        if where == "region":
            hidden = _("The gender split in {place} is not shown: a group is smaller than {min_count}.")
        elif where == "regions":
            hidden = _("The gender split in the {place} regions is not shown: a group is smaller than {min_count}.")
        else:
            hidden = _("The gender split at this event is not shown: a group is smaller than {min_count}.")
        return hidden.format(place=place, min_count=min_count)
    count = int(total)
    if where == "region":
        sentence = ngettext(
            "Women were {share} of the {total} participant in {place}.",
            "Women were {share} of the {total} participants in {place}.",
            count,
        )
    elif where == "regions":
        sentence = ngettext(
            "Women were {share} of the {total} participant in the {place} regions.",
            "Women were {share} of the {total} participants in the {place} regions.",
            count,
        )
    else:
        sentence = ngettext(
            "Women were {share} of the {total} participant at this event.",
            "Women were {share} of the {total} participants at this event.",
            count,
        )
    return sentence.format(share=i18n.percent(women / total), total=i18n.number(total), place=place)


def _gender_sentences(briefing: Briefing) -> list[str]:
    data = briefing.participation
    if data.empty:
        return [_("No events match these filters.")]
    if len(data) == 1:
        row = data.iloc[0]
        return [_share_sentence(row["women"], row["participants"], "region", row["region"], briefing.min_count)]
    sentences = [_share_sentence(briefing.women, briefing.participants, "regions", len(data), briefing.min_count)]
    shown = data[data["women"].notna() & data["participants"].fillna(0).astype(bool)]
    if len(shown) >= 2:
        shares = (shown["women"].astype(float) / shown["participants"].astype(float) * 100).round()
        high, low = shares.idxmax(), shares.idxmin()
        sentences.append(
            _("The highest share was in {high} ({high_share}), the lowest in {low} ({low_share}).").format(
                high=shown.at[high, "region"],
                high_share=i18n.percent(shares[high] / 100),
                low=shown.at[low, "region"],
                low_share=i18n.percent(shares[low] / 100),
            )
        )
    return sentences


def _theme_sentences(briefing: Briefing, by_region: pd.DataFrame, labels: dict) -> list[str]:
    if by_region.empty:
        return [_("No proposals match these filters.")]
    totals = by_region.groupby("theme_id")["proposals"].sum()
    most = totals.max()
    leaders = sorted(labels.get(theme, theme) for theme in totals[totals == most].index)
    count = briefing.count(int(most))
    if len(leaders) == 1:
        sentence = ngettext(
            "{theme} was the most frequent theme ({count} proposal).",
            "{theme} was the most frequent theme ({count} proposals).",
            int(most),
        ).format(theme=leaders[0], count=count)
    elif len(leaders) <= 3:
        sentence = ngettext(
            "The most frequent themes were {themes} ({count} proposal each).",
            "The most frequent themes were {themes} ({count} proposals each).",
            int(most),
        ).format(themes=_and(leaders), count=count)
    else:
        sentence = ngettext(
            "{number} themes are level with {count} proposal each.",
            "{number} themes are level with {count} proposals each.",
            int(most),
        ).format(number=len(leaders), count=count)
    sentences = [sentence]
    regions = by_region["region"].nunique()
    if regions > 1 and len(leaders) == 1:
        theme = totals.idxmax()
        rows = by_region[by_region["theme_id"] == theme].sort_values("proposals", ascending=False, kind="stable")
        top = rows.iloc[0]
        sentences.append(
            _("Of these, {region} contributed the most ({count}).").format(
                region=top["region"], count=briefing.count(int(top["proposals"]))
            )
        )
    return sentences


def _trend_sentences(briefing: Briefing, by_year: pd.DataFrame, labels: dict) -> list[str]:
    if by_year.empty:
        return [_("No dated proposals match these filters.")]
    years = sorted(by_year["year"].unique())
    totals = by_year.groupby("theme_id")["proposals"].sum()
    theme = totals.idxmax()
    label = labels.get(theme, theme)
    unique_leader = (totals == totals.max()).sum() == 1
    if len(years) == 1:
        if unique_leader:
            return [
                _("All proposals in view are from {year}; the most frequent theme was {theme}.").format(
                    year=years[0], theme=label
                )
            ]
        return [_("All proposals in view are from {year}.").format(year=years[0])]
    per_year = by_year[by_year["theme_id"] == theme].set_index("year")["proposals"]
    peak = int(per_year.idxmax())
    sentences = [
        ngettext(
            "Across {first}–{last}, {theme} was the most frequent theme; its busiest year was {peak} "
            "({count} proposal).",
            "Across {first}–{last}, {theme} was the most frequent theme; its busiest year was {peak} "
            "({count} proposals).",
            int(per_year[peak]),
        ).format(first=years[0], last=years[-1], theme=label, peak=peak, count=briefing.count(int(per_year[peak])))
    ]
    if briefing.trend_is_top:
        sentences.append(
            ngettext(
                "The chart shows the {count} most frequent theme.",
                "The chart shows the {count} most frequent themes.",
                TREND_THEMES,
            ).format(count=TREND_THEMES)
        )
    return sentences


def _long_date(day: date) -> str:
    return i18n.long_date(day)


def _and(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    return _("{items} and {last}").format(items=", ".join(items[:-1]), last=items[-1])


# ---------------------------------------------------------------- one event


@dataclass
class EventSheet:
    event_id: int
    title: str
    is_demo: bool
    facts: dict[str, str]  # label -> value, only what the report states
    participants: str
    women: str
    men: str
    proposals: pd.DataFrame  # position, text, themes, status (its label)
    notes: list[str]
    min_count: int | None

    @property
    def demo_label(self) -> str | None:
        return _("Synthetic demo event, not a real report") if self.is_demo else None

    @property
    def privacy_note(self) -> str | None:
        return privacy.note(self.min_count)


def event_sheet(con: duckdb.DuckDBPyConnection, event_id: int, min_count: int | None = None) -> EventSheet:
    """The facts of one event; LookupError when there is no such event."""
    found = records(con, "event_facts", {"event_id": event_id})
    if not found:
        raise LookupError(f"no event with id {event_id}")
    event = found[0]
    total, women, men, unspecified = privacy.suppress_gender(
        event["participants"], event["women"], event["men"], event["unspecified"], min_count
    )
    facts = {
        _("Date"): _long_date(event["event_date"]) if event["event_date"] else None,
        _("Region"): i18n.region_label(event["region"]) or None,
        _("Place"): ", ".join(part for part in (event["city"], event["venue"]) if part) or None,
        _("Type"): i18n.event_type_label(event["event_type_id"]) if event["event_type_id"] else None,
        _("Topic"): event["topic"],
        _("Organiser"): event["organiser"],
        _("Moderator"): event["moderator"],
        _("Purpose"): event["purpose"],
    }
    proposals = _localised(frame(con, "proposals_with_themes_of_event", {"event_id": event_id}))
    proposals["status"] = proposals["status"].map(STATUSES)
    notes = []
    if event["participants"] is not None and event["women"] is not None:
        notes.append(_share_sentence(women, total, "event", None, min_count))
    notes.append(
        ngettext(
            "The report records {count} proposal.", "The report records {count} proposals.", len(proposals)
        ).format(count=i18n.number(len(proposals)))
    )
    return EventSheet(
        event_id=event_id,
        title=event["title"],
        is_demo=bool(event["is_demo"]),
        facts={label: str(value) for label, value in facts.items() if value},
        participants=privacy.count_text(total, min_count) if event["participants"] is not None else _("not stated"),
        women=privacy.count_text(women, min_count) if event["women"] is not None else _("not stated"),
        men=privacy.count_text(men, min_count) if event["men"] is not None else _("not stated"),
        proposals=proposals,
        notes=notes,
        min_count=min_count,
    )


def participation_line(sheet: EventSheet) -> str:
    return _("{participants} in total: {women} women, {men} men").format(
        participants=sheet.participants, women=sheet.women, men=sheet.men
    )

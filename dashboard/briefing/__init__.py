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

from dashboard import i18n, metrics, privacy
from dashboard.filters import Filters
from dashboard.i18n import N_, _, ngettext
from dashboard.outcomes import STATUSES
from dashboard.sql import frame, records

# What both formats share; the formats' own look is in pptx_deck.py and html_page.py.
TITLE = N_("Dialogue outcomes briefing")
FACT_SHEET_THEMES = 8  # what fits legibly beside the other facts on one slide
RECENT_PROPOSALS = 10
TREND_THEMES = 6  # more lines than this are unreadable on a slide
KPIS = ("events", "participants", "women_share", "proposals", "regions_covered")  # the key-figures tiles
# The metrics the pack shows, explained on its "How these figures are computed" slide.
EXPLAINED = (
    "events",
    "participants",
    "participants_with_split",
    "women",
    "men",
    "women_share",
    "proposals",
    "regions_covered",
    "share_answered",
    "share_implemented",
    "median_days_to_response",
    "median_days_to_implementation",
)
OUTCOMES = (
    "proposals",
    "share_answered",
    "share_implemented",
    "median_days_to_response",
    "median_days_to_implementation",
)

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
    figures: metrics.Figures  # every metric under the filters, small groups suppressed
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
        """The women_share metric (dashboard/metrics.py), as on every other surface."""
        return self.figures["women_share"]

    def count(self, value) -> str:
        return privacy.count_text(value, self.min_count)

    def kpis(self) -> dict[str, str]:
        """Label -> value of the key figures, labels from data/metrics.csv."""
        return {metrics.label(metric): self.figures.text(metric) for metric in KPIS}

    def definitions(self, ids: tuple[str, ...] = EXPLAINED, value: bool = True) -> list[str]:
        """Each metric the pack shows with (optionally) its value, definition and the events it rests on."""
        return [metrics.sentence(self.figures, metric, value) for metric in ids]


def build(con: duckdb.DuckDBPyConnection, filters: Filters, min_count: int | None = None) -> Briefing:
    params = filters.params()
    figures = metrics.compute(con, filters, min_count)
    dates = records(con, "event_dates_range", params)[0]
    labels = i18n.labels("theme")
    participation_rows = frame(con, "participation_by_region", params)
    participation = _suppressed_participation(participation_rows, min_count)
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
        events=figures["events"],
        demo_events=figures.demo_events,
        participants=figures["participants"],
        women=figures["women"],
        men=figures["men"],
        participants_with_split=figures["participants_with_split"],
        proposals=figures["proposals"],
        regions_covered=figures["regions_covered"],
        participation=participation,
        themes_by_region=themes_by_region,
        trend=trend,
        trend_is_top=trend_is_top,
        recent=_localised(frame(con, "proposals_by_recency", {**params, "limit": RECENT_PROPOSALS})),
        outcomes=_outcomes(con, params, min_count),
        figures=figures,
    )
    # Women's share per region, by the same metric, to name the highest and the lowest.
    named = [region for region in participation_rows["region"] if region != "Unknown region"]
    regions = [
        (i18n.region_label(region), metrics.compute(con, filters.with_(regions=(region,)), min_count))
        for region in (named if len(named) >= 2 else [])
    ]
    briefing.notes = {
        "kpis": _kpi_sentences(briefing),
        "gender": _gender_sentences(briefing, regions),
        "themes": _theme_sentences(briefing, by_region, labels),
        "trend": _trend_sentences(briefing, by_year, labels),
        "outcomes": _outcome_sentences(briefing),
    }
    return briefing


def _outcomes(con: duckdb.DuckDBPyConnection, params: dict, min_count: int | None) -> pd.DataFrame:
    counts = dict.fromkeys(STATUSES, 0) | {
        row["status"]: row["proposals"] for row in records(con, "outcomes/proposals_by_status", params)
    }
    rows = [(STATUSES[status], privacy.suppress(int(count), min_count)) for status, count in counts.items()]
    return pd.DataFrame(rows, columns=["status", "proposals"], dtype=object)


def _outcome_sentences(briefing: Briefing) -> list[str]:
    figures = briefing.figures
    if not figures["proposals"] and "proposals" not in figures.hidden:
        return [_("No proposals match these filters.")]
    counts, times = OUTCOMES[:3], OUTCOMES[3:]
    return [" ".join(metrics.headline(figures, metric) for metric in part) for part in (counts, times)]


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
            ).format(count=briefing.figures.text("participants")),
            proposals=ngettext("{count} proposal", "{count} proposals", _plural_count(briefing.proposals)).format(
                count=briefing.figures.text("proposals")
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


def _event_share_sentence(women, total, min_count) -> str:
    """Women's share of one event's participants (the women_share metric for that event alone)."""
    if women is None or total is None or not total:
        return _("The gender split at this event is not shown: a group is smaller than {min_count}.").format(
            min_count=min_count
        )
    return ngettext(
        "Women were {share} of the {total} participant at this event.",
        "Women were {share} of the {total} participants at this event.",
        int(total),
    ).format(share=metrics.format_value("women_share", 100 * women / total), total=i18n.number(total))


def _gender_sentences(briefing: Briefing, regions: list[tuple[str, metrics.Figures]]) -> list[str]:
    """The women's share of the whole view (one metric, as on the key-figures slide) and, across
    regions, where it was highest and lowest (the same metric per region)."""
    if briefing.participation.empty:
        return [_("No events match these filters.")]
    sentences = [metrics.headline(briefing.figures, "women_share")]
    shown = [(region, figures) for region, figures in regions if figures["women_share"] is not None]
    if len(shown) >= 2:
        high = max(shown, key=lambda item: item[1]["women_share"])
        low = min(shown, key=lambda item: item[1]["women_share"])
        sentences.append(
            _("The highest share was in {high} ({high_share}), the lowest in {low} ({low_share}).").format(
                high=high[0],
                high_share=high[1].text("women_share"),
                low=low[0],
                low_share=low[1].text("women_share"),
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
    proposals["status"] = proposals["status"].map(i18n.status_label)
    notes = []
    if event["participants"] is not None and event["women"] is not None:
        notes.append(_event_share_sentence(women, total, min_count))
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

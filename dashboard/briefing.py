"""What a briefing says: the figures, tables and sentences shared by the PowerPoint and HTML formats.

`build(con, filters, min_count)` runs the SQL files once and returns a `Briefing` of plain
frames and sentences; `event_sheet(con, event_id, min_count)` does the same for one event.
Suppressed counts (see dashboard/privacy.py) are None in the frames and '<K' in sentences.
"""

from dataclasses import dataclass, field
from datetime import date

import duckdb
import pandas as pd

from dashboard import privacy, reference
from dashboard.filters import Filters
from dashboard.outcomes import STATUSES
from dashboard.sql import frame, records

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
        return f"Includes synthetic demo data ({self.demo_events:,} of {self.events:,} events)"

    @property
    def privacy_note(self) -> str | None:
        return privacy.note(self.min_count)

    @property
    def date_range(self) -> str:
        if self.first_date is None:
            return "no events"
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
            "Events": f"{self.events:,}",
            "Participants": self.count(self.participants),
            "Women's share": "–" if share is None else f"{share:.0f}%",
            "Proposals": self.count(self.proposals),
            "Regions": f"{self.regions_covered:,}",
        }


def build(con: duckdb.DuckDBPyConnection, filters: Filters, min_count: int | None = None) -> Briefing:
    params = filters.params()
    summary = records(con, "stats_summary", params)[0]
    dates = records(con, "event_dates_range", params)[0]
    labels = reference.theme_labels()
    total, women, men, _ = privacy.suppress_gender(
        int(summary["participants_total"]),
        int(summary["participants_women"]),
        int(summary["participants_men"]),
        int(summary["participants_total"]) - int(summary["participants_women"]) - int(summary["participants_men"]),
        min_count,
    )
    participation = _suppressed_participation(frame(con, "participation_by_region", params), min_count)
    by_region = frame(con, "proposals_by_region_theme", params)
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
        recent=frame(con, "proposals_by_recency", {**params, "limit": RECENT_PROPOSALS}),
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


def _suppressed_participation(data: pd.DataFrame, min_count: int | None) -> pd.DataFrame:
    rows = []
    for row in data.to_dict("records"):
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
        return ["No events match these filters."]
    sentences = [
        f"{_plural(briefing.events, 'event')} from {briefing.date_range} in "
        f"{_plural(briefing.regions_covered, 'region')}, with {briefing.count(briefing.participants)} "
        f"participants and {briefing.count(briefing.proposals)} proposals."
    ]
    if briefing.demo_label:
        sentences.append(f"{briefing.demo_events:,} of these events are synthetic demo data, not real reports.")
    return sentences


def _share_sentence(women, total, place: str, min_count) -> str:
    if women is None or total is None or not total:
        return f"The gender split {place} is not shown: a group is smaller than {min_count}."
    return f"Women were {100 * women / total:.0f}% of the {total:,} participants {place}."


def _gender_sentences(briefing: Briefing) -> list[str]:
    data = briefing.participation
    if data.empty:
        return ["No events match these filters."]
    if len(data) == 1:
        row = data.iloc[0]
        return [_share_sentence(row["women"], row["participants"], f"in {row['region']}", briefing.min_count)]
    place = f"in the {len(data)} regions"
    sentences = [_share_sentence(briefing.women, briefing.participants, place, briefing.min_count)]
    shown = data[data["women"].notna() & data["participants"].fillna(0).astype(bool)]
    if len(shown) >= 2:
        shares = (shown["women"].astype(float) / shown["participants"].astype(float) * 100).round()
        high, low = shares.idxmax(), shares.idxmin()
        sentences.append(
            f"The highest share was in {shown.at[high, 'region']} ({shares[high]:.0f}%), "
            f"the lowest in {shown.at[low, 'region']} ({shares[low]:.0f}%)."
        )
    return sentences


def _theme_sentences(briefing: Briefing, by_region: pd.DataFrame, labels: dict) -> list[str]:
    if by_region.empty:
        return ["No proposals match these filters."]
    totals = by_region.groupby("theme_id")["proposals"].sum()
    most = totals.max()
    leaders = sorted(labels.get(theme, theme) for theme in totals[totals == most].index)
    count = briefing.count(int(most))
    if len(leaders) == 1:
        sentence = f"{leaders[0]} was the most frequent theme ({count} {_proposals(most)})."
    elif len(leaders) <= 3:
        sentence = f"The most frequent themes were {_and(leaders)} ({count} {_proposals(most)} each)."
    else:
        sentence = f"{len(leaders)} themes are level with {count} {_proposals(most)} each."
    sentences = [sentence]
    regions = by_region["region"].nunique()
    if regions > 1 and len(leaders) == 1:
        theme = totals.idxmax()
        rows = by_region[by_region["theme_id"] == theme].sort_values("proposals", ascending=False, kind="stable")
        top = rows.iloc[0]
        sentences.append(f"Of these, {top['region']} contributed the most ({briefing.count(int(top['proposals']))}).")
    return sentences


def _trend_sentences(briefing: Briefing, by_year: pd.DataFrame, labels: dict) -> list[str]:
    if by_year.empty:
        return ["No dated proposals match these filters."]
    years = sorted(by_year["year"].unique())
    totals = by_year.groupby("theme_id")["proposals"].sum()
    theme = totals.idxmax()
    label = labels.get(theme, theme)
    unique_leader = (totals == totals.max()).sum() == 1
    if len(years) == 1:
        leader = f"; the most frequent theme was {label}" if unique_leader else ""
        return [f"All proposals in view are from {years[0]}{leader}."]
    per_year = by_year[by_year["theme_id"] == theme].set_index("year")["proposals"]
    peak = int(per_year.idxmax())
    sentences = [
        f"Across {years[0]}–{years[-1]}, {label} was the most frequent theme; "
        f"its busiest year was {peak} ({briefing.count(int(per_year[peak]))} proposals)."
    ]
    if briefing.trend_is_top:
        sentences.append(f"The chart shows the {TREND_THEMES} most frequent themes.")
    return sentences


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def _proposals(count: int) -> str:
    return "proposal" if count == 1 else "proposals"


def _long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


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
        return "Synthetic demo event, not a real report" if self.is_demo else None

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
        "Date": _long_date(event["event_date"]) if event["event_date"] else None,
        "Region": event["region"],
        "Place": ", ".join(part for part in (event["city"], event["venue"]) if part) or None,
        "Type": event["event_type"],
        "Topic": event["topic"],
        "Organiser": event["organiser"],
        "Moderator": event["moderator"],
        "Purpose": event["purpose"],
    }
    proposals = frame(con, "proposals_with_themes_of_event", {"event_id": event_id})
    proposals["status"] = proposals["status"].map(STATUSES)
    notes = []
    if event["participants"] is not None and event["women"] is not None:
        notes.append(_share_sentence(women, total, "at this event", min_count))
    notes.append(f"The report records {_plural(len(proposals), 'proposal')}.")
    return EventSheet(
        event_id=event_id,
        title=event["title"],
        is_demo=bool(event["is_demo"]),
        facts={label: str(value) for label, value in facts.items() if value},
        participants=privacy.count_text(total, min_count) if event["participants"] is not None else "not stated",
        women=privacy.count_text(women, min_count) if event["women"] is not None else "not stated",
        men=privacy.count_text(men, min_count) if event["men"] is not None else "not stated",
        proposals=proposals,
        notes=notes,
        min_count=min_count,
    )

"""The headline metrics: each defined once, shown the same way on every surface.

`data/metrics.csv` gives each metric its id, label and one-sentence definition in every interface
language and its unit; one query of `queries/metrics/` (`query_name` chooses it for the filters)
computes all of them under a Filters, with how many events each rests on. Pages, briefings, exports
and `stats --json` take their figures from here and write them with `text()`, so one metric never
shows two values.

    figures = metrics.compute(con, filters)            # or, through the page's query cache:
    figures = metrics.Figures.from_row(query(metrics.query_name(filters), filters).iloc[0])
    figures.text("women_share")                        # '39.7%' / '39,7 %'
    metrics.label("women_share"), metrics.definition("women_share")   # in the current language
"""

import calendar
import functools
from dataclasses import dataclass, replace
from decimal import Decimal

import duckdb
from babel.numbers import format_decimal

from dashboard import i18n, privacy
from dashboard.config import DATA_DIR
from dashboard.filters import Filters
from dashboard.reference import read_csv
from dashboard.sql import records

METRICS_CSV = DATA_DIR / "metrics.csv"
TEXTS_CSV = DATA_DIR / "metric_texts.csv"
UNITS = ("count", "percent", "ratio", "days")
# How each unit is written; percentages are stored as 0..100.
PATTERNS = {"count": "#,##0", "percent": "#,##0.0", "ratio": "#,##0.0", "days": "#,##0"}
GENDER = ("women", "men", "unspecified", "women_share")
PROPOSAL_COUNTS = (
    "proposals",
    "proposals_per_event",
    "share_answered",
    "share_implemented",
    "median_days_to_response",
    "median_days_to_implementation",
)


@dataclass(frozen=True)
class Metric:
    id: str
    unit: str
    labels: dict[str, str]
    definitions: dict[str, str]


@functools.cache
def definitions() -> dict[str, Metric]:
    """Every metric by id, in the order of data/metrics.csv."""
    result = {}
    for row in read_csv(METRICS_CSV):
        if row["unit"] not in UNITS:
            raise ValueError(f"{METRICS_CSV.name}: metric {row['id']}: unknown unit {row['unit']!r}")
        result[row["id"]] = Metric(
            id=row["id"],
            unit=row["unit"],
            labels={lang: row[f"label_{lang}"] for lang in i18n.LANGUAGES},
            definitions={lang: row[f"definition_{lang}"] for lang in i18n.LANGUAGES},
        )
    return result


@functools.cache
def _texts() -> dict[str, dict[str, str]]:
    return {row["id"]: {lang: row[f"text_{lang}"] for lang in i18n.LANGUAGES} for row in read_csv(TEXTS_CSV)}


def _in_language(values: dict[str, str]) -> str:
    return values.get(i18n.language()) or values[i18n.DEFAULT]


def label(metric_id: str) -> str:
    return _in_language(definitions()[metric_id].labels)


def definition(metric_id: str) -> str:
    return _in_language(definitions()[metric_id].definitions)


def phrase(text_id: str) -> str:
    """A phrase shown with the metrics (data/metric_texts.csv), in the current language."""
    return _in_language(_texts()[text_id])


def basis_text(events: int) -> str:
    return phrase("basis").format(count=i18n.number(events))


def format_value(metric_id: str, value) -> str:
    """A metric's value as every surface writes it, in the current language; '–' when there is none."""
    if value is None:
        return "–"
    unit = definitions()[metric_id].unit
    if unit == "percent":  # stored as 0..100; Decimal keeps 39.65 from becoming 0.39649999...
        return i18n.percent(Decimal(str(value)).scaleb(-2), 1)
    return format_decimal(value, PATTERNS[unit], locale=i18n.language())


@dataclass(frozen=True)
class Figures:
    """Every metric's value (None when undefined, e.g. a share of nothing, or suppressed) and basis."""

    values: dict[str, float | int | None]
    basis: dict[str, int]  # metric id -> events it rests on
    demo_events: int = 0
    women_with_split: int = 0
    answered: int = 0
    implemented: int = 0
    min_count: int | None = None
    hidden: frozenset[str] = frozenset()  # metrics suppressed for small-group privacy

    @classmethod
    def from_row(cls, row) -> "Figures":
        """From a row (a dict or a pandas Series) of the query `query_name` chooses, or of
        `participation_query_name`'s, which has only the events' figures: the metrics it lacks are absent,
        so reading one is an error, not a blank."""
        values, basis = {}, {}
        for metric_id, metric in definitions().items():
            if metric_id not in row:
                continue
            value = row[metric_id]
            if value is None or value != value:  # NaN from pandas
                values[metric_id] = None
            else:
                values[metric_id] = int(value) if metric.unit == "count" else float(value)
            basis[metric_id] = int(row[f"basis_{metric_id}"])
        return cls(
            values,
            basis,
            demo_events=int(row["demo_events"]),
            women_with_split=int(row["women_with_split"]),
            answered=int(row["answered"]) if "answered" in row else 0,
            implemented=int(row["implemented"]) if "implemented" in row else 0,
        )

    def __getitem__(self, metric_id: str):
        return self.values[metric_id]

    def text(self, metric_id: str) -> str:
        """The value as shown; a suppressed count is '<K', a suppressed share, ratio or median '–'."""
        value = self.values[metric_id]
        if metric_id in self.hidden and definitions()[metric_id].unit == "count":
            return privacy.mark(self.min_count)
        return format_value(metric_id, value)

    def suppressed(self, min_count: int | None) -> "Figures":
        """The figures with small groups hidden (dashboard/privacy.py): a count from 1 to K-1 is None,
        and so is every figure from which one could be worked out (a share times its base)."""
        if not min_count or min_count <= 1:
            return self
        hidden = set()
        values = dict(self.values)
        total, women, men, unspecified = privacy.suppress_gender(
            values["participants"], values["women"], values["men"], values["unspecified"], min_count
        )
        if total is None:
            hidden.add("participants")
        split = values["participants_with_split"]
        if privacy.hidden(split, min_count):
            hidden.add("participants_with_split")
        if (
            women is None
            or any(privacy.hidden(count, min_count) for count in (split, self.women_with_split))
            or privacy.hidden(split - self.women_with_split, min_count)
        ):
            hidden.update(GENDER)
        if "proposals" in values:  # absent from the participation figures alone
            proposals = values["proposals"]
            if privacy.hidden(proposals, min_count):
                hidden.update(PROPOSAL_COUNTS)
            else:
                for share, part in (("share_answered", self.answered), ("share_implemented", self.implemented)):
                    if privacy.hidden(part, min_count) or privacy.hidden(proposals - part, min_count):
                        hidden.add(share)
        for metric_id in hidden:
            values[metric_id] = None
        return replace(self, values=values, min_count=min_count, hidden=frozenset(hidden))


def _whole_months(filters: Filters) -> bool:
    """As the macro months_aligned: both dates, where set, on month boundaries."""
    start, end = filters.date_from, filters.date_to
    return (start is None or start.day == 1) and (end is None or end.day == calendar.monthrange(end.year, end.month)[1])


def query_name(filters: Filters) -> str:
    """The query of queries/metrics/ that answers the metrics under `filters` the cheapest way. One
    statement per path, so DuckDB binds and plans only the path it runs."""
    if filters.statuses:
        return "metrics/summary_by_proposal"
    if len(filters.themes) == 1 and _whole_months(filters):
        return "metrics/summary_by_theme"
    if filters.themes:
        return "metrics/summary_by_themes"
    return "metrics/summary_by_event" if _whole_months(filters) else "metrics/summary_by_event_days"


# The Overview's tiles, in their order: none is a median of days (see headline_query_name).
OVERVIEW_TILES = ("events", "participants", "women_share", "proposals", "regions_covered", "share_answered")


def headline_query_name(filters: Filters) -> str:
    """The query for the Overview's tiles (OVERVIEW_TILES), which show no median of days: without a theme or status
    filter, the headline row without its two medians (metrics/headline_by_event, about half the cost
    of the full row); otherwise `query_name`'s."""
    return query_name(filters) if filters.themes or filters.statuses else "metrics/headline_by_event"


def participation_query_name(filters: Filters) -> str:
    """The query that answers the participation metrics alone (and the events in view), the same
    statement under any filters: the Participation page shows no proposal figures, so it skips their
    medians, the costliest part of every `query_name` path."""
    return "metrics/participation_summary"


def compute(con: duckdb.DuckDBPyConnection, filters: Filters, min_count: int | None = None) -> Figures:
    """All metrics under `filters`, with counts below `min_count` hidden."""
    return Figures.from_row(records(con, query_name(filters), filters.params())[0]).suppressed(min_count)


def as_json(figures: Figures) -> dict:
    """Values by metric id (numbers, or null), and the events each rests on: the `stats --json` keys."""
    return {"metrics": dict(figures.values), "metric_events": dict(figures.basis)}


def shown_number(metric_id: str, value) -> float | None:
    """The value rounded as `format_value` writes it: what a table cell holds."""
    if value is None:
        return None
    return float(format_decimal(value, PATTERNS[definitions()[metric_id].unit], locale="en").replace(",", ""))


SUMMARY_COLUMNS = ("metric", "label", "value", "shown", "unit", "events", "definition")


def summary_rows(figures: Figures) -> list[dict]:
    """One row per metric (the exports' summary sheet): id, label, value (as shown, a number; empty when
    undefined or suppressed), the value as shown on every surface, unit, events behind it, definition."""
    return [
        {
            "metric": metric_id,
            "label": label(metric_id),
            "value": shown_number(metric_id, figures[metric_id]),
            "shown": figures.text(metric_id),
            "unit": metric.unit,
            "events": figures.basis[metric_id],
            "definition": definition(metric_id),
        }
        for metric_id, metric in definitions().items()
    ]


def headline(figures: Figures, metric_id: str) -> str:
    """'Label: value.'"""
    return f"{label(metric_id)}: {figures.text(metric_id)}."


def sentence(figures: Figures, metric_id: str, value: bool = True) -> str:
    """'Label: value. Definition Events behind this figure: N.' (a caption, a note, a footnote);
    without the value 'Label – Definition ...', where the value was just said."""
    lead = f"{label(metric_id)}: {figures.text(metric_id)}." if value else f"{label(metric_id)} –"
    return f"{lead} {definition(metric_id)} {basis_text(figures.basis[metric_id])}."

"""What became of each proposal: the follow-up status history, recorded from tables or the app.

A status change is one row of `proposal_outcomes`; the current status is derived from
that history (the `proposal_status` view, queries/macros/outcomes.sql), never stored twice. Every change
is written with its audit row in the same transaction. `import_updates` stores a whole
table or nothing, and re-importing rows already in the history changes nothing.
"""

import csv
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from dashboard.config import MAX_TABLE_BYTES
from dashboard.i18n import N_, Message
from dashboard.report_parser import ReportError
from dashboard.sql import execute, fetch_all
from dashboard.store import transaction
from dashboard.table_import import _rows_from_csv, _rows_from_xlsx

if TYPE_CHECKING:
    import pandas as pd

# In order of how far a proposal has come; declined last. schema/008 defines the same set.
STATUSES = {  # id -> English label, marked for the catalogs (i18n.status_label)
    "no_response": N_("No response"),
    "under_review": N_("Under review"),
    "accepted": N_("Accepted"),
    "in_progress": N_("In progress"),
    "partly_implemented": N_("Partly implemented"),
    "implemented": N_("Implemented"),
    "declined": N_("Declined"),
}
ANSWERED = tuple(status for status in STATUSES if status != "no_response")
IMPLEMENTED = ("partly_implemented", "implemented")
COLUMNS = {
    "proposal_id": "The proposal's id, as listed by `python -m dashboard proposals --json` (required).",
    "status": "One of: " + ", ".join(STATUSES) + " (required).",
    "date": "Date of the change, YYYY-MM-DD; not before the proposal's event, not in the future (required).",
    "responsible_body": "The body that answered or is responsible, e.g. a ministry or local council.",
    "response": "A short note or the official response.",
    "source": "Where the change is documented: a document name or URL.",
}
REQUIRED = ("proposal_id", "status", "date")
MAX_TEXT = 4000


class OutcomeError(ValueError):
    """An update that cannot be stored, said in one line with its row and field."""

    def __str__(self) -> str:
        return self.args[0]  # a Message stays one, for the app to translate


EMPTY = N_("is empty")
FIELD = N_("field {field}: {message}")
AT_FIELD = N_("{at}field {field}: {message}")  # at: "FILE: row N: " in a table, nothing in the app


@dataclass(frozen=True)
class Update:
    proposal_id: int
    status: str
    status_date: date
    responsible_body: str | None = None
    response: str | None = None
    source: str | None = None

    def key(self) -> tuple:
        return (self.proposal_id, self.status, self.status_date, self.responsible_body, self.response, self.source)


@dataclass(frozen=True)
class ImportResult:
    added: int
    unchanged: int

    def describe(self) -> str:
        return f"recorded {self.added} status changes; {self.unchanged} already recorded"


def write_template(path: Path) -> None:
    """An empty table of updates (.csv, or .xlsx with a sheet describing each column)."""
    if path.suffix.lower() == ".xlsx":
        import openpyxl  # here, not at the top: every page's sidebar imports this module (≈0.3 s)

        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.title = "outcomes"
        sheet.append(list(COLUMNS))
        described = workbook.create_sheet("columns")
        described.append(["column", "description"])
        for name, description in COLUMNS.items():
            described.append([name, description])
        workbook.save(path)
    elif path.suffix.lower() == ".csv":
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerow(COLUMNS)
    else:
        raise OutcomeError(f"{path.name}: the template is written as .csv or .xlsx")


def _text(value) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _proposal_id(value) -> int:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = _text(value)
    if text is None:
        raise ValueError(Message(EMPTY))
    if not text.isdigit():
        raise ValueError(Message(N_("not a proposal id: {value!r}"), value=text[:40]))
    return int(text)


def _date(value) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = _text(value)
    if text is None:
        raise ValueError(Message(EMPTY))
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(Message(N_("not a date (YYYY-MM-DD): {value!r}"), value=text[:40])) from None


def parse_row(values: dict) -> Update:
    """One row as an Update; ValueError naming the field when a value is wrong."""
    fields = {}
    for name, parse in (("proposal_id", _proposal_id), ("date", _date)):
        try:
            fields[name] = parse(values.get(name))
        except ValueError as error:
            raise OutcomeError(Message(FIELD, field=name, message=error.args[0])) from None
    status = (_text(values.get("status")) or "").lower()
    if status not in STATUSES:
        shown = _text(values.get("status"))
        what = Message(N_("unknown status {status!r}"), status=shown[:40]) if shown else Message(EMPTY)
        known = Message(N_("{problem}; known: {known}"), problem=what, known=", ".join(STATUSES))
        raise OutcomeError(Message(FIELD, field="status", message=known))
    texts = {}
    for name in ("responsible_body", "response", "source"):
        texts[name] = _text(values.get(name))
        if texts[name] and len(texts[name]) > MAX_TEXT:
            too_long = Message(N_("longer than {limit} characters"), limit=MAX_TEXT)
            raise OutcomeError(Message(FIELD, field=name, message=too_long))
    return Update(fields["proposal_id"], status, fields["date"], **texts)


def read_updates(path: Path) -> list[tuple[int, Update]]:
    """The rows of a CSV or XLSX table of updates, with their row numbers (the header is row 1)."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise OutcomeError(f"{path}: expected a .csv or .xlsx table")
    try:
        if path.stat().st_size > MAX_TABLE_BYTES:
            raise OutcomeError(f"{path}: larger than {MAX_TABLE_BYTES // 2**20} MB")
        rows = _rows_from_xlsx(path) if suffix == ".xlsx" else _rows_from_csv(path.read_bytes())
    except OSError as error:
        raise OutcomeError(f"{path}: cannot read ({error.strerror or type(error).__name__})") from None
    except ReportError as error:
        raise OutcomeError(f"{path}: {error}") from None
    if not rows:
        raise OutcomeError(f"{path}: empty table; expected the columns {', '.join(COLUMNS)}")
    header = [(_text(cell) or "").lower() for cell in rows[0]]
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        raise OutcomeError(f"{path}: row 1: missing column {', '.join(missing)}")
    updates = []
    for number, row in enumerate(rows[1:], start=2):
        values = {name: row[index] if index < len(row) else None for index, name in enumerate(header) if name}
        if all(_text(value) is None for value in values.values()):
            continue
        try:
            updates.append((number, parse_row(values)))
        except OutcomeError as error:
            raise OutcomeError(f"{path}: row {number}: {error}") from None
    return updates


def _checked(con: duckdb.DuckDBPyConnection, updates: list[tuple[int, Update]], where: str) -> None:
    """Refuse updates of unknown proposals, dated before their event or in the future."""
    ids = sorted({update.proposal_id for _, update in updates})
    event_dates = dict(fetch_all(con, "outcomes/proposal_event_dates", {"proposal_ids": ids}))
    today = date.today()
    for number, update in updates:
        at = f"{where}row {number}: " if number else where
        if update.proposal_id not in event_dates:
            missing = Message(N_("no proposal {id} in the store"), id=update.proposal_id)
            raise OutcomeError(Message(AT_FIELD, at=at, field="proposal_id", message=missing))
        event_date = event_dates[update.proposal_id]
        if event_date is not None and update.status_date < event_date:
            early = Message(
                N_("{date} is before the proposal's event ({event_date})"),
                date=update.status_date,
                event_date=event_date,
            )
            raise OutcomeError(Message(AT_FIELD, at=at, field="date", message=early))
        if update.status_date > today:
            future = Message(N_("{date} is in the future"), date=update.status_date)
            raise OutcomeError(Message(AT_FIELD, at=at, field="date", message=future))


def save_updates(
    con: duckdb.DuckDBPyConnection, updates: list[tuple[int, Update]], recorded_by: str, where: str = ""
) -> ImportResult:
    """Store the updates not yet in the history, each with its audit row, in one transaction.

    `updates` pairs each update with its row number (0 when it has none); `where` prefixes errors."""
    _checked(con, updates, where)
    ids = sorted({update.proposal_id for _, update in updates})
    known = {tuple(row) for row in fetch_all(con, "outcomes/history_keys", {"proposal_ids": ids})}
    new = []
    for _, update in updates:
        if update.key() not in known:
            known.add(update.key())
            new.append(update)
    if new:
        with transaction(con):
            execute(
                con,
                "outcomes/insert_outcomes",
                {
                    "proposal_ids": [update.proposal_id for update in new],
                    "statuses": [update.status for update in new],
                    "status_dates": [update.status_date for update in new],
                    "responsible_bodies": [update.responsible_body for update in new],
                    "responses": [update.response for update in new],
                    "sources": [update.source for update in new],
                    "recorded_by": recorded_by,
                },
            )
            touched = sorted({update.proposal_id for update in new})
            execute(con, "outcomes/refresh_status", {"proposal_ids": touched})
            events = [row[0] for row in fetch_all(con, "event_ids_of_proposals", {"proposal_ids": touched})]
            execute(con, "derived/refresh_event_figures", {"event_ids": events})
            execute(con, "derived/refresh_outcome_cells", {"event_ids": events})
    return ImportResult(added=len(new), unchanged=len(updates) - len(new))


def import_updates(con: duckdb.DuckDBPyConnection, path: Path, recorded_by: str) -> ImportResult:
    """A whole table of updates, stored in one transaction or not at all."""
    return save_updates(con, read_updates(path), recorded_by, where=f"{path}: ")


def record_status(con: duckdb.DuckDBPyConnection, values: dict, recorded_by: str) -> ImportResult:
    """One status change entered in the app (the same checks as an imported row)."""
    return save_updates(con, [(0, parse_row(values))], recorded_by)


def oldest_unanswered(run: Callable[[str, dict], "pd.DataFrame"], params: dict) -> "pd.DataFrame":
    """The oldest proposals in view still without a response, at most params["limit"], with their event
    (`run` runs a named query). Under a theme filter read from the oldest events first, which is exact
    when it finds that many; otherwise, or when it does not, every unanswered proposal in view is sorted."""
    if params["themes"]:
        rows = run("outcomes/oldest_unanswered_by_events", params)
        if len(rows) == params["limit"]:
            return rows
    return run("outcomes/oldest_unanswered", params)

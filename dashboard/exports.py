"""Data exports of the filtered store: XLSX (one sheet per table), CSV (a zip of files), Parquet (a folder).

Every format carries the same tables and a description of their columns. Every CSV and XLSX
cell goes through `downloads.guard_cell` last. Parquet keeps the stored values and types: it
is read by programs, and no spreadsheet runs its text as formulas.
"""

import csv
import io
import zipfile
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
from openpyxl import Workbook

from dashboard import privacy
from dashboard.downloads import guard_cell
from dashboard.filters import Filters
from dashboard.sql import arrow

FORMATS = ("csv", "xlsx", "parquet")
COLUMNS: dict[str, dict[str, str]] = {
    "events": {
        "event_id": "Event number in the store",
        "title": "Title as stated in the report",
        "topic": "Topic of the event",
        "event_type": "Kind of event (id from data/event_types.csv)",
        "event_date": "Date of the event",
        "region": "Region (English name)",
        "city": "City or village",
        "venue": "Venue",
        "organiser": "Organiser",
        "moderator": "Moderator",
        "purpose": "Purpose of the event",
        "language": "Language of the report",
        "source_file": "File the event was read from",
        "is_demo": "True for synthetic demo events, which are not real reports",
    },
    "participation": {
        "event_id": "Event number (events.event_id)",
        "total": "Participants in total",
        "women": "Women among the participants (empty when not stated)",
        "men": "Men among the participants (empty when not stated)",
        "unspecified": "Participants whose gender the report does not state",
    },
    "proposals": {
        "proposal_id": "Proposal number in the store",
        "event_id": "Event number (events.event_id)",
        "position": "Position of the proposal in the report",
        "text": "Text of the proposal",
        "status": "Review status",
        "reviewed_at": "When the proposal was last reviewed",
        "reviewed_by": "Who reviewed it",
        "follow_up_status": "What became of it: its latest follow-up status (no_response when none is recorded)",
        "follow_up_date": "Date of that status",
    },
    "themes": {
        "proposal_id": "Proposal number (proposals.proposal_id)",
        "theme_id": "Theme id (data/themes.csv)",
        "theme": "Theme label",
        "source": "'rule' (classifier) or 'manual' (a reviewer)",
        "score": "Classifier score",
        "evidence": "Terms that matched",
    },
    "outcomes": {
        "outcome_id": "Number of the status change",
        "proposal_id": "Proposal number (proposals.proposal_id)",
        "status": "Follow-up status from this date on",
        "status_date": "Date of the change",
        "responsible_body": "Body that answered or is responsible",
        "response": "Note or official response",
        "source": "Where the change is documented",
        "recorded_by": "Who recorded it",
        "recorded_at": "When it was recorded",
    },
}
COUNT_COLUMNS = ("total", "women", "men", "unspecified")


def tables(con: duckdb.DuckDBPyConnection, filters: Filters, min_count: int | None = None) -> dict[str, pa.Table]:
    params = filters.params()
    result = {name: arrow(con, f"export/{name}", params) for name in COLUMNS}
    if min_count and min_count > 1:
        result["participation"] = _suppressed(result["participation"], min_count)
    return result


def _suppressed(table: pa.Table, min_count: int) -> pa.Table:
    """Counts as text, '<K' where suppressed: one type per column, as Parquet requires."""
    rows = []
    for row in table.to_pylist():
        counts = privacy.suppress_gender(row["total"], row["women"], row["men"], row["unspecified"], min_count)
        for name, original, value in zip(COUNT_COLUMNS, (row[name] for name in COUNT_COLUMNS), counts, strict=True):
            row[name] = None if original is None else (privacy.mark(min_count) if value is None else str(value))
        rows.append(row)
    schema = pa.schema(
        [(field.name, pa.string() if field.name in COUNT_COLUMNS else field.type) for field in table.schema]
    )
    return pa.Table.from_pylist(rows, schema=schema)


def column_rows(min_count: int | None = None) -> list[dict[str, str]]:
    rows = []
    for table, columns in COLUMNS.items():
        for column, description in columns.items():
            if min_count and min_count > 1 and table == "participation" and column in COUNT_COLUMNS:
                description += f"; text, {privacy.mark(min_count)} where the count is suppressed"
            rows.append({"table": table, "column": column, "description": description})
    return rows


def xlsx_bytes(data: dict[str, pa.Table], min_count: int | None = None) -> bytes:
    workbook = Workbook(write_only=True)
    sheets = {name: (table.column_names, table.to_pylist()) for name, table in data.items()}
    sheets["columns"] = (["table", "column", "description"], column_rows(min_count))
    for name, (header, rows) in sheets.items():
        sheet = workbook.create_sheet(name)
        sheet.append(header)
        for row in rows:
            sheet.append([guard_cell(_xlsx_value(row[column])) for column in header])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_value(value):
    # Excel cannot hold time zones (audit timestamps have them); guard_cell cleans text
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    return value


def csv_zip_bytes(data: dict[str, pa.Table], min_count: int | None = None) -> bytes:
    buffer = io.BytesIO()
    files = {name: (table.column_names, table.to_pylist()) for name, table in data.items()}
    files["columns"] = (["table", "column", "description"], column_rows(min_count))
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, (header, rows) in files.items():
            text = io.StringIO()
            writer = csv.writer(text)
            writer.writerow(header)
            writer.writerows([guard_cell(row[column]) for column in header] for row in rows)
            archive.writestr(f"{name}.csv", "\ufeff" + text.getvalue())  # BOM: Excel then reads UTF-8
    return buffer.getvalue()


def write_parquet(data: dict[str, pa.Table], folder: Path, min_count: int | None = None) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in data.items():
        path = folder / f"{name}.parquet"
        pq.write_table(table, path)
        written.append(path)
    path = folder / "columns.parquet"
    pq.write_table(pa.Table.from_pylist(column_rows(min_count)), path)
    return [*written, path]


def export(con: duckdb.DuckDBPyConnection, filters: Filters, fmt: str, out: Path, min_count: int | None = None):
    """Write the export to `out` (a file for csv/xlsx, a folder for parquet); returns the paths written."""
    data = tables(con, filters, min_count)
    if fmt == "parquet":
        return write_parquet(data, out, min_count)
    content = xlsx_bytes(data, min_count) if fmt == "xlsx" else csv_zip_bytes(data, min_count)
    out.write_bytes(content)
    return [out]

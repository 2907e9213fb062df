"""Data exports of the filtered store: XLSX (one sheet per table), CSV (a zip of files), Parquet (a folder).

Every format carries the same tables, a description of their columns and a summary of the
headline metrics (dashboard/metrics.py: id, label, value, definition). Every CSV and XLSX
cell goes through `downloads.guard_cell` last. Parquet keeps the stored values and types: it
is read by programs, and no spreadsheet runs its text as formulas.

In English the headers are the column ids documented below (what scripts read). In another
language (`export --lang ru|ky`) the XLSX sheets and CSV files get headers and sheet names in
that language, and the columns table maps each header to its id; Parquet keeps the ids.
"""

import csv
import io
import zipfile
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
from openpyxl import Workbook

from dashboard import i18n, metrics, privacy
from dashboard.downloads import guard_cell
from dashboard.filters import Filters
from dashboard.i18n import N_, _
from dashboard.sql import arrow

FORMATS = ("csv", "xlsx", "parquet")
COLUMNS: dict[str, dict[str, str]] = {
    "events": {
        "event_id": N_("Event number in the store"),
        "title": N_("Title as stated in the report"),
        "topic": N_("Topic of the event"),
        "event_type": N_("Kind of event (id from data/event_types.csv)"),
        "event_date": N_("Date of the event"),
        "region": N_("Region (English name)"),
        "city": N_("City or village"),
        "venue": N_("Venue"),
        "organiser": N_("Organiser"),
        "moderator": N_("Moderator"),
        "purpose": N_("Purpose of the event"),
        "language": N_("Language of the report"),
        "source_file": N_("File the event was read from"),
        "is_demo": N_("True for synthetic demo events, which are not real reports"),
    },
    "participation": {
        "event_id": N_("Event number (events.event_id)"),
        "total": N_("Participants in total"),
        "women": N_("Women among the participants (empty when not stated)"),
        "men": N_("Men among the participants (empty when not stated)"),
        "unspecified": N_("Participants whose gender the report does not state"),
    },
    "proposals": {
        "proposal_id": N_("Proposal number in the store"),
        "event_id": N_("Event number (events.event_id)"),
        "position": N_("Position of the proposal in the report"),
        "text": N_("Text of the proposal"),
        "status": N_("Review status"),
        "reviewed_at": N_("When the proposal was last reviewed"),
        "reviewed_by": N_("Who reviewed it"),
        "follow_up_status": N_("What became of it: its latest follow-up status (no_response when none is recorded)"),
        "follow_up_date": N_("Date of that status"),
    },
    "themes": {
        "proposal_id": N_("Proposal number (proposals.proposal_id)"),
        "theme_id": N_("Theme id (data/themes.csv)"),
        "theme": N_("Theme label"),
        "source": N_("'rule' (classifier) or 'manual' (a reviewer)"),
        "score": N_("Classifier score"),
        "evidence": N_("Terms that matched"),
    },
    "outcomes": {
        "outcome_id": N_("Number of the status change"),
        "proposal_id": N_("Proposal number (proposals.proposal_id)"),
        "status": N_("Follow-up status from this date on"),
        "status_date": N_("Date of the change"),
        "responsible_body": N_("Body that answered or is responsible"),
        "response": N_("Note or official response"),
        "source": N_("Where the change is documented"),
        "recorded_by": N_("Who recorded it"),
        "recorded_at": N_("When it was recorded"),
    },
}
SHEETS = {
    "events": N_("Events"),
    "participation": N_("Participation"),
    "proposals": N_("Proposals"),
    "themes": N_("Themes"),
    "outcomes": N_("Follow-up history"),
    "columns": N_("Columns"),
}
HEADERS = {
    "event_id": N_("Event no."),
    "title": N_("Title"),
    "topic": N_("Topic"),
    "event_type": N_("Event type"),
    "event_date": N_("Date"),
    "region": N_("Region"),
    "city": N_("City or village"),
    "venue": N_("Venue"),
    "organiser": N_("Organiser"),
    "moderator": N_("Moderator"),
    "purpose": N_("Purpose"),
    "language": N_("Report language"),
    "source_file": N_("Source file"),
    "is_demo": N_("Demo record"),
    "total": N_("Participants"),
    "women": N_("Women"),
    "men": N_("Men"),
    "unspecified": N_("Gender not stated"),
    "proposal_id": N_("Proposal no."),
    "position": N_("Position in the report"),
    "text": N_("Proposal text"),
    "status": N_("Review status"),
    "reviewed_at": N_("Reviewed at"),
    "reviewed_by": N_("Reviewed by"),
    "theme_id": N_("Theme id"),
    "theme": N_("Theme"),
    "source": N_("Label source"),
    "score": N_("Score"),
    "evidence": N_("Evidence"),
    "follow_up_status": N_("Follow-up status"),
    "follow_up_date": N_("Follow-up date"),
    "outcome_id": N_("Change no."),
    "status_date": N_("Date of the change"),
    "responsible_body": N_("Responsible body"),
    "response": N_("Response"),
    "recorded_by": N_("Recorded by"),
    "recorded_at": N_("Recorded at"),
    # the columns table itself
    "table": N_("Table id"),
    "column": N_("Column id"),
    "sheet": N_("Sheet"),
    "header": N_("Header"),
    "description": N_("Description"),
}
# Where one column id means something else in one table.
TABLE_HEADERS = {
    ("outcomes", "status"): N_("Follow-up status"),
    ("outcomes", "source"): N_("Source of the change"),
}
COUNT_COLUMNS = ("total", "women", "men", "unspecified")
SUMMARY = "summary"  # the sheet of headline metrics, after the tables and their columns


def tables(con: duckdb.DuckDBPyConnection, filters: Filters, min_count: int | None = None) -> dict[str, pa.Table]:
    params = filters.params()
    result = {name: arrow(con, f"export/{name}", params) for name in COLUMNS}
    if min_count and min_count > 1:
        result["participation"] = _suppressed(result["participation"], min_count)
    return result


def summary(con: duckdb.DuckDBPyConnection, filters: Filters, min_count: int | None = None) -> pa.Table:
    """The headline metrics (dashboard/metrics.py) under the filters, as the summary sheet."""
    rows = metrics.summary_rows(metrics.compute(con, filters, min_count))
    schema = pa.schema(
        [
            (name, pa.float64() if name == "value" else pa.int64() if name == "events" else pa.string())
            for name in metrics.SUMMARY_COLUMNS
        ]
    )
    return pa.Table.from_pylist(rows, schema=schema)


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


def _in_english() -> bool:
    return i18n.language() == i18n.DEFAULT


def sheet_name(table: str) -> str:
    if _in_english():
        return table
    # The summary's words come with the metrics' (data/metric_texts.csv), not the catalogs.
    return metrics.phrase("summary_sheet") if table == SUMMARY else _(SHEETS[table])


def header(table: str, column: str) -> str:
    if _in_english():
        return column
    if table == SUMMARY:
        return metrics.phrase(column)
    return _(TABLE_HEADERS.get((table, column), HEADERS[column]))


def column_rows(min_count: int | None = None) -> list[dict[str, str]]:
    """The columns table: table and column ids, (in another language) their sheet and header, and what it holds."""
    rows = []
    for table, columns in COLUMNS.items():
        for column, description in columns.items():
            description = _(description)
            if min_count and min_count > 1 and table == "participation" and column in COUNT_COLUMNS:
                description = _("{description}; text, {mark} where the count is suppressed").format(
                    description=description, mark=privacy.mark(min_count)
                )
            names = {} if _in_english() else {"sheet": sheet_name(table), "header": header(table, column)}
            rows.append({"table": table, "column": column, **names, "description": description})
    return rows


def xlsx_bytes(data: dict[str, pa.Table], min_count: int | None = None, summary: pa.Table | None = None) -> bytes:
    workbook = Workbook(write_only=True)
    sheets = {name: (table.column_names, table.to_pylist()) for name, table in data.items()}
    described = column_rows(min_count)
    sheets["columns"] = (list(described[0]), described)
    if summary is not None:
        sheets[SUMMARY] = (summary.column_names, summary.to_pylist())
    for name, (columns, rows) in sheets.items():
        sheet = workbook.create_sheet(sheet_name(name))
        sheet.append([header(name, column) for column in columns])
        for row in rows:
            sheet.append([guard_cell(_xlsx_value(row[column])) for column in columns])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _xlsx_value(value):
    # Excel cannot hold time zones (audit timestamps have them); guard_cell cleans text
    if hasattr(value, "tzinfo") and value.tzinfo is not None:
        return value.replace(tzinfo=None)
    return value


def csv_zip_bytes(data: dict[str, pa.Table], min_count: int | None = None, summary: pa.Table | None = None) -> bytes:
    buffer = io.BytesIO()
    files = {name: (table.column_names, table.to_pylist()) for name, table in data.items()}
    described = column_rows(min_count)
    files["columns"] = (list(described[0]), described)
    if summary is not None:
        files[SUMMARY] = (summary.column_names, summary.to_pylist())
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, (columns, rows) in files.items():
            text = io.StringIO()
            writer = csv.writer(text)
            writer.writerow([header(name, column) for column in columns])
            writer.writerows([guard_cell(row[column]) for column in columns] for row in rows)
            archive.writestr(f"{name}.csv", "\ufeff" + text.getvalue())  # BOM: Excel then reads UTF-8
    return buffer.getvalue()


def write_parquet(
    data: dict[str, pa.Table], folder: Path, min_count: int | None = None, summary: pa.Table | None = None
) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in data.items():
        path = folder / f"{name}.parquet"
        pq.write_table(table, path)
        written.append(path)
    path = folder / "columns.parquet"
    pq.write_table(pa.Table.from_pylist(column_rows(min_count)), path)
    written.append(path)
    if summary is not None:
        path = folder / f"{SUMMARY}.parquet"
        pq.write_table(summary, path)
        written.append(path)
    return written


def export(con: duckdb.DuckDBPyConnection, filters: Filters, fmt: str, out: Path, min_count: int | None = None):
    """Write the export to `out` (a file for csv/xlsx, a folder for parquet); returns the paths written."""
    data = tables(con, filters, min_count)
    figures = summary(con, filters, min_count)
    if fmt == "parquet":
        return write_parquet(data, out, min_count, figures)
    write = xlsx_bytes if fmt == "xlsx" else csv_zip_bytes
    content = write(data, min_count, figures)
    out.write_bytes(content)
    return [out]

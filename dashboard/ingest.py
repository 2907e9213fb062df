"""Ingestion of report files and tables into the store, one transaction per file.

Shared by the CLI (`python -m dashboard ingest`) and the app's Data page. A bad file
yields a one-line error naming the file (and line or row, and field); the other
files still go in.
"""

import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from dashboard import audit
from dashboard.config import MAX_REPORT_BYTES
from dashboard.i18n import N_, Message
from dashboard.model import EventRecord
from dashboard.report_parser import ReportError, read_report
from dashboard.store import StoreError, save_event, transaction
from dashboard.table_import import check_archive, read_table

log = logging.getLogger(__name__)

REPORT_SUFFIXES = (".txt", ".md", ".docx")
TABLE_SUFFIXES = (".csv", ".xlsx")
SUPPORTED_SUFFIXES = REPORT_SUFFIXES + TABLE_SUFFIXES
# Unpacked size of a .docx (all its parts); real reports with pictures are a few MB.
MAX_DOCX_UNPACKED = 32 * 2**20


@dataclass
class FileResult:
    path: Path
    outcomes: Counter = field(default_factory=Counter)  # added / updated / unchanged events
    error: str | None = None

    @property
    def failed(self) -> bool:
        return self.error is not None

    def describe(self) -> str:
        if self.error:
            return f"{self.path}: {self.error}"
        parts = [f"{count} {outcome}" for outcome, count in sorted(self.outcomes.items())]
        return f"{self.path}: {', '.join(parts) or 'no events'}"


@dataclass
class Summary:
    results: list[FileResult]

    def count(self, outcome: str) -> int:
        return sum(result.outcomes[outcome] for result in self.results)

    @property
    def failed(self) -> list[FileResult]:
        return [result for result in self.results if result.failed]

    def describe(self) -> str:
        return (
            f"added {self.count('added')}, updated {self.count('updated')}, "
            f"unchanged {self.count('unchanged')}, failed {len(self.failed)} "
            f"(events; failures are files)"
        )


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files named, and the supported files inside folders named, in a stable order."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES))
        else:
            files.append(path)
    return files


def read_docx_text(path: Path) -> str:
    import docx  # python-docx; only needed for .docx reports

    # A few KB of .docx can unpack to many MB of text: refuse that before python-docx parses it.
    check_archive(path, ".docx", MAX_DOCX_UNPACKED, MAX_DOCX_UNPACKED)
    try:
        document = docx.Document(str(path))
    except Exception as error:  # python-docx raises many types for broken files
        raise ReportError(
            Message(N_("not a readable .docx document ({problem})"), problem=type(error).__name__)
        ) from None
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    if len(text.encode("utf-8")) > MAX_REPORT_BYTES:
        limit = MAX_REPORT_BYTES // 2**20
        message = N_("the document holds more than {limit} MB of text; reports are limited to {limit} MB")
        raise ReportError(Message(message, limit=limit))
    return text


def read_records(path: Path) -> list[EventRecord]:
    """The events one file holds; raises ReportError when it cannot be read."""
    if not path.exists():
        raise ReportError(Message(N_("no such file")))
    suffix = path.suffix.lower()
    if suffix in TABLE_SUFFIXES:
        return read_table(path)
    if suffix == ".docx":
        from dashboard.report_parser import parse_report

        return [parse_report(read_docx_text(path), source_file=path.name)]
    if suffix in REPORT_SUFFIXES:
        return [read_report(path)]
    raise ReportError(
        Message(
            N_("unsupported file type {suffix}; use one of {suffixes}"),
            suffix=suffix or "(none)",
            suffixes=", ".join(SUPPORTED_SUFFIXES),
        )
    )


def ingest_file(
    con: duckdb.DuckDBPyConnection, path: Path, is_demo: bool = False, changed_by: str | None = None
) -> FileResult:
    """Store one file's events in one transaction, with an audit row for each event it changes."""
    result = FileResult(path)
    changed_by = changed_by or audit.cli_user()
    try:
        records = read_records(path)
        is_table = path.suffix.lower() in TABLE_SUFFIXES
        with transaction(con):
            for row, record in enumerate(records, start=2):
                record.is_demo = is_demo
                before = audit.event_state(con, record.fingerprint)
                try:
                    outcome = save_event(con, record)
                except StoreError as error:
                    located = Message(N_("row {row}, {error}"), row=row, error=str(error)) if is_table else str(error)
                    raise ReportError(located) from None
                result.outcomes[outcome] += 1
                if outcome != "unchanged":
                    subject = f"{record.title} ({record.date or 'no date'}, {record.region or 'no region'})"
                    after = audit.event_state(con, record.fingerprint)
                    audit.record(con, changed_by, f"import {path.name}", subject, before, after)
    except (ReportError, StoreError) as error:
        result.outcomes.clear()
        result.error = str(error)
    except duckdb.Error as error:
        result.outcomes.clear()
        result.error = Message(N_("the store refused it: {error}"), error=str(error).splitlines()[0])
    except Exception as error:  # noqa: BLE001 (one file's failure is its error line; the others go on)
        log.exception("ingest of %s failed", path)
        result.outcomes.clear()
        problem = f"{type(error).__name__}: {str(error)[:200].splitlines()[0] if str(error) else ''}"
        result.error = Message(N_("could not be read ({problem})"), problem=problem)
    return result


def ingest_paths(
    con: duckdb.DuckDBPyConnection,
    paths: Iterable[Path],
    on_file: Callable[[FileResult], None] | None = None,
    is_demo: bool = False,
    changed_by: str | None = None,
) -> Summary:
    results = []
    for path in expand(paths):
        result = ingest_file(con, path, is_demo=is_demo, changed_by=changed_by)
        results.append(result)
        if on_file:
            on_file(result)
    if any(result.outcomes.get("added") or result.outcomes.get("updated") for result in results):
        from dashboard import recurring

        recurring.ensure_current(con)  # groups of recurring proposals follow the new texts
    return Summary(results)

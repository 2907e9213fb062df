"""Ingestion of report files and tables into the store, one transaction per file.

Shared by the CLI (`python -m dashboard ingest`) and the app's Data page. A bad file
yields a one-line error naming the file (and line or row, and field); the other
files still go in.
"""

import functools
import hashlib
import importlib.metadata
import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from dashboard import audit
from dashboard.config import DATA_DIR, MAX_REPORT_BYTES, PROJECT_ROOT
from dashboard.i18n import N_, Message
from dashboard.model import EventRecord
from dashboard.report_parser import ReportError, read_report
from dashboard.sql import execute, fetch_all, fetch_one
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


@functools.cache
def _reader_signature() -> bytes:
    """What turns a file's bytes into events: the program's code, its reference data and the
    readers it uses. A file counts as already imported only under the same signature."""
    digest = hashlib.sha256()
    files = sorted((PROJECT_ROOT / "dashboard").rglob("*.py")) + sorted(DATA_DIR.glob("*.csv"))
    files += sorted(path for path in (DATA_DIR / "lexicon").rglob("*") if path.is_file())
    for path in files:
        digest.update(str(path.relative_to(PROJECT_ROOT)).encode() + b"\0" + path.read_bytes())
    for package in ("razdel", "openpyxl", "python-docx"):
        digest.update(f"{package}=={importlib.metadata.version(package)}".encode())
    return digest.digest()


def file_hash(path: Path, is_demo: bool) -> str | None:
    """The hash a file is recorded under once imported (None when it cannot be read)."""
    start = hashlib.sha256(_reader_signature())
    start.update(f"{path.suffix.lower()}|{is_demo}|".encode())
    try:
        with path.open("rb") as handle:  # in blocks: an oversized file is refused later, not held here
            return hashlib.file_digest(handle, start.copy).hexdigest()
    except OSError:
        return None


def _already_imported(con: duckdb.DuckDBPyConnection, key: str) -> int:
    """How many events a byte-identical file gave, when all are stored as it gave them; else 0."""
    events, stored = fetch_one(con, "imported_file_events", {"file_hash": key})
    return events if events and events == stored else 0


def _already_imported_files(con: duckdb.DuckDBPyConnection, paths: list[Path], is_demo: bool) -> dict[Path, int]:
    """`_already_imported` for many files in one query: path -> its events, for those it holds."""
    keys = {path: key for path in paths if (key := file_hash(path, is_demo))}
    if not keys:
        return {}
    found = dict(fetch_all(con, "imported_files_unchanged", {"file_hashes": sorted(set(keys.values()))}))
    return {path: found[key] for path, key in keys.items() if key in found}


def ingest_file(
    con: duckdb.DuckDBPyConnection, path: Path, is_demo: bool = False, changed_by: str | None = None
) -> FileResult:
    """Store one file's events in one transaction, with an audit row for each event it changes.

    A byte-identical file whose events are all stored as it gave them is not read again: its
    events are unchanged, as reading it would find."""
    result = FileResult(path)
    changed_by = changed_by or audit.cli_user()
    try:
        key = file_hash(path, is_demo)
        if key and (unchanged := _already_imported(con, key)):
            result.outcomes["unchanged"] = unchanged
            return result
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
            if key:
                params = {
                    "file_hash": key,
                    "fingerprints": [record.fingerprint for record in records],
                    "content_hashes": [record.content_hash for record in records],
                }
                execute(con, "write/record_imported_file", params)
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
    files = expand(paths)
    unchanged = _already_imported_files(con, files, is_demo)
    for path in files:
        if path in unchanged:
            result = FileResult(path, Counter(unchanged=unchanged[path]))
        else:
            result = ingest_file(con, path, is_demo=is_demo, changed_by=changed_by)
            if result.outcomes.get("added") or result.outcomes.get("updated"):
                unchanged = {}  # the store changed: the files after this one are checked one by one
        results.append(result)
        if on_file:
            on_file(result)
    if any(result.outcomes.get("added") or result.outcomes.get("updated") for result in results):
        from dashboard import recurring

        recurring.ensure_current(con)  # groups of recurring proposals follow the new texts
    return Summary(results)

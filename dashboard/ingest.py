"""Ingestion of report files and tables into the store, each file whole or not at all.

Shared by the CLI (`python -m dashboard ingest`) and the app's Data page. A bad file
yields a one-line error naming the file (and line or row, and field); the other
files still go in.
"""

import functools
import hashlib
import importlib.metadata
import logging
import multiprocessing
import os
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from dashboard import audit
from dashboard.classifier import ThemeLabel, classify
from dashboard.config import DATA_DIR, MAX_REPORT_BYTES, PROJECT_ROOT
from dashboard.i18n import N_, Message
from dashboard.model import EventRecord
from dashboard.report_parser import ReportError, read_report
from dashboard.sql import execute, fetch_all, fetch_one
from dashboard.store import (
    StoreError,
    check,
    new_fingerprints,
    refresh_derived,
    transaction,
    write_event,
    write_new_events,
)

log = logging.getLogger(__name__)

REPORT_SUFFIXES = (".txt", ".md", ".docx")
TABLE_SUFFIXES = (".csv", ".xlsx")
SUPPORTED_SUFFIXES = REPORT_SUFFIXES + TABLE_SUFFIXES
# Unpacked size of a .docx (all its parts); real reports with pictures are a few MB.
MAX_DOCX_UNPACKED = 32 * 2**20
# Bulk import: fewer files than this are read in this process (starting worker processes costs
# more); files are written this many to a transaction, with one refresh of the derived tables
# (it costs about as much for 200 new events as for 50, and grows with the store), and within it
# WRITE_FILES at a time as the workers hand them over, so writing overlaps reading.
PARALLEL_MIN_FILES = 16
BATCH_FILES = 200
WRITE_FILES = 50


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

    from dashboard.table_import import check_archive

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
        from dashboard.table_import import read_table  # with openpyxl: only needed for tables

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


def _already_imported_files(con: duckdb.DuckDBPyConnection, keys: dict[Path, str | None]) -> dict[Path, int]:
    """`_already_imported` for many files in one query: path -> its events, for those it holds."""
    keys = {path: key for path, key in keys.items() if key}
    if not keys:
        return {}
    found = dict(fetch_all(con, "imported_files_unchanged", {"file_hashes": sorted(set(keys.values()))}))
    return {path: found[key] for path, key in keys.items() if key in found}


@dataclass
class _Read:
    """A file read, checked and labelled, ready to be written: all that needs no store.
    Made in worker processes during a bulk import, so it pickles."""

    path: Path
    records: list[EventRecord] = field(default_factory=list)
    labels: dict[str, list[ThemeLabel]] = field(default_factory=dict)  # proposal text -> its rule labels
    error: str | None = None
    content_hashes: list[str] = field(default_factory=list)  # the records', made here: they cost CPU


def _failure(path: Path, error: Exception) -> str:
    """One file's error line (after its path) for any exception reading or storing it."""
    if isinstance(error, ReportError | StoreError):
        return str(error)
    if isinstance(error, duckdb.Error):
        return Message(N_("the store refused it: {error}"), error=str(error).splitlines()[0])
    log.exception("ingest of %s failed", path, exc_info=error)
    problem = f"{type(error).__name__}: {str(error)[:200].splitlines()[0] if str(error) else ''}"
    return Message(N_("could not be read ({problem})"), problem=problem)


def _located(error: StoreError, row: int, is_table: bool) -> ReportError:
    return ReportError(Message(N_("row {row}, {error}"), row=row, error=str(error)) if is_table else str(error))


def _read(path: Path, is_demo: bool) -> _Read:
    """Parse, check every record (as the store would) and label the proposals of one file."""
    try:
        records = read_records(path)
        is_table = path.suffix.lower() in TABLE_SUFFIXES
        for row, record in enumerate(records, start=2):
            record.is_demo = is_demo
            try:
                check(record)
            except StoreError as error:
                raise _located(error, row, is_table) from None
        labels = {text: classify(text) for record in records for text in record.proposals}
        return _Read(path, records, labels, content_hashes=[record.content_hash for record in records])
    except Exception as error:  # noqa: BLE001 (one file's failure is its error line; the others go on)
        return _Read(path, error=_failure(path, error))


def _read_all(paths: list[Path], is_demo: bool, beside_viewers: bool = False) -> Iterator[_Read]:
    """`_read` of every file, in their order; in parallel processes when there are enough of them.

    In a process of one thread (the CLI) the workers are forked: they start at once with the
    classifier already imported, and spawned ones would run the main script again. A process with
    other threads must not fork: it reads in this process, unless the import runs `beside_viewers`
    (the app's inbox), whose workers come from a fork server. Read in the app's own thread, the
    files held its interpreter lock for seconds beside the viewers' page runs; the fork server's
    start (about a second) is paid once per app."""
    workers = os.cpu_count() or 1
    many = len(paths) >= PARALLEL_MIN_FILES and workers >= 2
    context = None
    if many and threading.active_count() == 1:
        # The first file here: the parser's patterns, the lexicon, the model and the first stems are
        # then loaded once, and every worker starts with them.
        yield _read(paths[0], is_demo)
        paths = paths[1:]
        context = multiprocessing.get_context("fork")
    elif many and beside_viewers:
        context = _fork_server()
    if context is None:
        yield from (_read(path, is_demo) for path in paths)
        return
    pool = ProcessPoolExecutor(workers, mp_context=context)
    try:
        chunk = max(1, min(16, len(paths) // (workers * 4)))
        yield from pool.map(_read, paths, [is_demo] * len(paths), chunksize=chunk)
    finally:  # an import that stops early (an error, Ctrl-C) does not wait for the files left
        pool.shutdown(cancel_futures=True)


@functools.cache
def _fork_server() -> multiprocessing.context.BaseContext | None:
    """A context whose workers are forked from a server process started once, which imports this
    module and nothing of its starter's (None where the platform has no fork server)."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return None
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    return context


def _write(
    con: duckdb.DuckDBPyConnection, read: _Read, key: str | None, changed_by: str, event_ids: list[int]
) -> Counter:
    """One file's events, with an audit row for each it changes, in the caller's transaction.
    The ids of changed events are added to `event_ids` for the caller's refresh of the derived tables."""
    outcomes: Counter = Counter()
    is_table = read.path.suffix.lower() in TABLE_SUFFIXES

    def labeller(text: str) -> list[ThemeLabel]:
        return read.labels[text] if text in read.labels else classify(text)

    for row, record in enumerate(read.records, start=2):
        before = audit.event_state(con, record.fingerprint)
        try:
            outcome, event_id = write_event(con, record, labeller)
        except StoreError as error:
            raise _located(error, row, is_table) from None
        outcomes[outcome] += 1
        if outcome != "unchanged":
            event_ids.append(event_id)
            after = audit.event_state(con, record.fingerprint)
            audit.record(con, changed_by, f"import {read.path.name}", _subject(record), before, after)
    if key:
        params = {
            "file_hash": key,
            "fingerprints": [record.fingerprint for record in read.records],
            "content_hashes": [record.content_hash for record in read.records],
        }
        execute(con, "write/record_imported_file", params)
    return outcomes


@dataclass
class _Pending:
    """A file of a bulk import on its way to the store."""

    path: Path
    key: str | None
    read: _Read | None  # None: byte-identical to a file already imported when the run began
    unchanged: int = 0  # its events then


def _subject(record: EventRecord) -> str:
    return f"{record.title} ({record.date or 'no date'}, {record.region or 'no region'})"


def _write_new(
    con: duckdb.DuckDBPyConnection, batch: list[_Pending], changed_by: str, state: dict, event_ids: list[int]
) -> list[FileResult] | None:
    """A batch of files whose events are all new, written with one statement per table for all
    of them (as `_write` would write them one by one); None, writing nothing, for any other batch."""
    keys = [item.key for item in batch if item.key]
    if any(item.read is None or item.key in state["keys"] for item in batch) or len(set(keys)) < len(keys):
        return None  # some file may count as unchanged by its hash: `_commit` checks them one by one
    reads = [item.read for item in batch if not item.read.error]
    records = [record for read in reads for record in read.records]
    if not records or not new_fingerprints(con, records):
        return None
    labels = {text: found for read in reads for text, found in read.labels.items()}
    event_ids += write_new_events(con, records, lambda text: labels[text] if text in labels else classify(text))
    after = audit.event_states(con, [record.fingerprint for record in records])
    rows = [
        (f"import {read.path.name}", _subject(record), None, after[record.fingerprint])
        for read in reads
        for record in read.records
    ]
    audit.record_rows(con, changed_by, rows)
    imported = [
        (item.key, record, content_hash)
        for item in batch
        if item.key and not item.read.error
        for record, content_hash in zip(item.read.records, item.read.content_hashes, strict=True)
    ]
    params = {
        "file_hashes": [key for key, _, _ in imported],
        "fingerprints": [record.fingerprint for _, record, _ in imported],
        "content_hashes": [content_hash for _, _, content_hash in imported],
    }
    execute(con, "write/record_imported_files", params)
    state["keys"].update(keys)
    state["changed"] = True
    results = []
    for item in batch:
        added = len(item.read.records)
        results.append(FileResult(item.path, Counter(added=added) if added else Counter(), item.read.error))
    return results


def _write_files(
    con: duckdb.DuckDBPyConnection,
    files: list[_Pending],
    is_demo: bool,
    changed_by: str,
    state: dict,
    event_ids: list[int],
) -> list[FileResult]:
    """Some files of a batch, in the batch's transaction: all at once when all their events are new,
    else one by one. The ids of changed events are added to `event_ids` for the batch's refresh."""
    if written := _write_new(con, files, changed_by, state, event_ids):
        return written
    results = []
    for item in files:
        result = FileResult(item.path)
        results.append(result)
        # A file counts as unchanged by its hash only while the store still holds its events
        # as it gave them: checked again once this run changed the store.
        if item.key and (item.read is None or item.key in state["keys"]):
            unchanged = _already_imported(con, item.key) if state["changed"] else item.unchanged
            if unchanged:
                result.outcomes["unchanged"] = unchanged
                continue
        read = item.read or _read(item.path, is_demo)
        if read.error:  # nothing of it was written
            result.error = read.error
            continue
        result.outcomes = _write(con, read, item.key, changed_by, event_ids)
        if item.key:
            state["keys"].add(item.key)
        if result.outcomes.get("added") or result.outcomes.get("updated"):
            state["changed"] = True
    return results


def _commit(
    con: duckdb.DuckDBPyConnection,
    parts: Iterable[list[_Pending]],
    is_demo: bool,
    changed_by: str,
    state: dict,
    regroup: bool = False,
) -> list[FileResult]:
    """Write a batch of files in one transaction with one refresh of the derived tables; the batch
    comes in parts, each written as soon as it is read. With `regroup`, when the run has changed the
    store, the recurring groups are recomputed in the same transaction.

    If it fails, it is rolled back and its files are written one by one (each whole or not at
    all), so only the bad file fails, with its own error line. `state` carries what the run
    has changed: whether the store changed, the hashes of the files it wrote, and whether the
    groups follow the changes."""
    results: list[FileResult] = []
    batch: list[_Pending] = []
    parts = iter(parts)
    before = {"changed": state["changed"], "keys": set(state["keys"]), "regrouped": state["regrouped"]}
    try:
        with transaction(con):
            event_ids: list[int] = []
            for part in parts:
                batch += part
                results += _write_files(con, part, is_demo, changed_by, state, event_ids)
            regrouped: list[int] = []
            if regroup and state["changed"]:
                from dashboard import recurring

                # Before the refresh, which then gives this batch's events their new groups: only
                # the other events whose proposals changed group need their figures again, and the
                # groups go in with the batch's commit.
                regrouped = recurring.replace_groups(con)
                state["regrouped"] = True
            if event_ids:
                refresh_derived(con, event_ids)
            if regrouped:
                recurring.refresh_figures(con, sorted(set(regrouped) - set(event_ids)))
        return results
    except Exception as error:  # noqa: BLE001 (rolled back; the files go in one by one)
        state.update(before)
        batch += [item for part in parts for item in part]  # the parts not yet written
        if len(batch) > 1:
            return [result for item in batch for result in _commit(con, [[item]], is_demo, changed_by, state)]
        return [FileResult(batch[0].path, error=_failure(batch[0].path, error))]


def ingest_files(
    con: duckdb.DuckDBPyConnection,
    files: list[Path],
    on_file: Callable[[FileResult], None] | None = None,
    is_demo: bool = False,
    changed_by: str | None = None,
    regroup: bool = False,
    beside_viewers: bool = False,
) -> tuple[list[FileResult], bool]:
    """Store the files, each whole or not at all: (their results in order, whether the store changed).

    Files are read in parallel processes and written BATCH_FILES to a transaction, WRITE_FILES at a
    time while the next are read; each result is given to `on_file` once its batch is stored. With
    `regroup`, the recurring groups follow the new texts when this returns (recomputed with the
    last batch). `beside_viewers`: the running app imports (see `_read_all`)."""
    changed_by = changed_by or audit.cli_user()
    keys = {path: file_hash(path, is_demo) for path in files}
    unchanged = _already_imported_files(con, keys)
    reads = _read_all([path for path in files if path not in unchanged], is_demo, beside_viewers)
    state = {"changed": False, "keys": set(), "regrouped": False}
    results: list[FileResult] = []

    def pending(paths: list[Path]) -> list[_Pending]:  # waits for the workers to read these files
        return [
            _Pending(path, keys[path], None if path in unchanged else next(reads), unchanged.get(path, 0))
            for path in paths
        ]

    for start in range(0, len(files), BATCH_FILES):
        batch = files[start : start + BATCH_FILES]
        parts = (pending(batch[part : part + WRITE_FILES]) for part in range(0, len(batch), WRITE_FILES))
        last = start + BATCH_FILES >= len(files)
        for result in _commit(con, parts, is_demo, changed_by, state, regroup and last):
            results.append(result)
            if on_file:
                on_file(result)
    if regroup and state["changed"] and not state["regrouped"]:  # the last batch went in file by file
        from dashboard import recurring

        recurring.ensure_current(con)
    return results, state["changed"]


def ingest_file(
    con: duckdb.DuckDBPyConnection, path: Path, is_demo: bool = False, changed_by: str | None = None
) -> FileResult:
    """Store one file's events in one transaction, with an audit row for each event it changes.

    A byte-identical file whose events are all stored as it gave them is not read again: its
    events are unchanged, as reading it would find."""
    return ingest_files(con, [path], None, is_demo, changed_by)[0][0]


def ingest_paths(
    con: duckdb.DuckDBPyConnection,
    paths: Iterable[Path],
    on_file: Callable[[FileResult], None] | None = None,
    is_demo: bool = False,
    changed_by: str | None = None,
) -> Summary:
    """`ingest_file` for the files named and the supported files in the folders named, in bulk."""
    # The groups of recurring proposals follow the new texts.
    results, _ = ingest_files(con, expand(paths), on_file, is_demo, changed_by, regroup=True)
    return Summary(results)

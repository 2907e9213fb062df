"""Imports beside a running app: the app's process is the store's only writer.

DuckDB lets one process hold a file for writing, and while the app holds it, another
process cannot open it at all for writing. So when `ingest` finds the store locked, it
hands its files to the app through an inbox folder beside the store
(`<store>.inbox/<batch>/`) and waits for the app's answer (`result.json`). The app
polls the inbox in a background thread, ingests each batch with the same code as the
CLI, and tells its viewers that the data changed.
"""

import json
import os
import shutil
import threading
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import duckdb

from dashboard.ingest import FileResult, Summary, ingest_paths

POLL_SECONDS = 1.0
RESULT_FILE = "result.json"
# A CLI import that opened the store itself lets go of it this often, so an app that
# starts meanwhile can take the store and the rest of the import goes through its inbox.
HOLD_SECONDS = 1.0
# How long the app waits for a CLI import to let go of the store before telling the viewer.
APP_WAIT_SECONDS = 30.0


class InboxTimeout(Exception):
    """Nobody took the batch: the store is locked by a process that does not read the inbox."""


def inbox_dir(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".inbox")


def is_locked_error(error: duckdb.Error) -> bool:
    return "lock" in str(error).lower()


def submit(db_path: Path, files: list[Path], timeout: float = 120.0) -> Summary:
    """Hand existing files to the running app and wait for its per-file results."""
    inbox = inbox_dir(db_path)
    batch_id = uuid.uuid4().hex
    staging = inbox / f".{batch_id}.tmp"
    staging.mkdir(parents=True)
    names = {}
    for index, path in enumerate(files):
        # Numbered folders keep files apart that share a name, and keep the name for messages.
        target = staging / f"{index:06d}" / path.name
        target.parent.mkdir()
        shutil.copyfile(path, target)
        names[str(target.relative_to(staging))] = str(path)
    batch = inbox / batch_id
    staging.rename(batch)  # atomic: the app never sees a half-copied batch
    deadline = time.monotonic() + timeout
    result_path = batch / RESULT_FILE
    try:
        while not result_path.exists():
            if time.monotonic() > deadline:
                raise InboxTimeout(
                    f"the store {db_path} is locked by another process that did not take the files "
                    f"within {timeout:.0f} s; stop that process or start the app on this store"
                )
            time.sleep(POLL_SECONDS / 4)
        answers = json.loads(result_path.read_text(encoding="utf-8"))
    finally:
        shutil.rmtree(batch, ignore_errors=True)
    results = []
    for answer in answers:
        original = Path(names.get(answer["file"], answer["file"]))
        result = FileResult(original, error=answer["error"])
        result.outcomes.update(answer["outcomes"])
        results.append(result)
    return Summary(results)


def ingest_beside_app(
    db_path: Path,
    files: list[Path],
    on_result: Callable[[FileResult], None],
    on_handover: Callable[[], None],
) -> Summary:
    """The CLI's import: write directly while no app holds the store, else through the app's inbox."""
    from dashboard.ingest import ingest_file
    from dashboard.store import connect

    results: list[FileResult] = []
    con = None
    opened_at = 0.0
    remaining = list(files)
    try:
        while remaining:
            if con is None:
                try:
                    con = connect(db_path)
                except duckdb.IOException as error:
                    if not is_locked_error(error):
                        raise
                    break
                opened_at = time.monotonic()
            result = ingest_file(con, remaining.pop(0))
            results.append(result)
            on_result(result)
            if time.monotonic() - opened_at > HOLD_SECONDS:
                con.close()
                con = None
    finally:
        if con is not None:
            con.close()
    if remaining:
        on_handover()
        missing = [FileResult(path, error="no such file") for path in remaining if not path.is_file()]
        handed = submit(db_path, [path for path in remaining if path.is_file()])
        for result in missing + handed.results:
            results.append(result)
            on_result(result)
    return Summary(results)


def connect_when_free(db_path: Path) -> duckdb.DuckDBPyConnection:
    """The app's writable connection, waiting while a CLI import holds the store for a moment."""
    from dashboard.store import connect

    deadline = time.monotonic() + APP_WAIT_SECONDS
    while True:
        try:
            return connect(db_path)
        except duckdb.IOException as error:
            if not is_locked_error(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def process_pending(con: duckdb.DuckDBPyConnection, db_path: Path) -> int:
    """Ingest every waiting batch and write its answer; returns the number of batches taken."""
    inbox = inbox_dir(db_path)
    if not inbox.is_dir():
        return 0
    taken = 0
    for batch in sorted(inbox.iterdir()):
        if batch.name.startswith(".") or not batch.is_dir() or (batch / RESULT_FILE).exists():
            continue
        files = sorted(path for path in batch.glob("*/*") if path.is_file())
        summary = ingest_paths(con, files)
        answers = [
            {
                "file": str(result.path.relative_to(batch)),
                "outcomes": dict(result.outcomes),
                "error": result.error,
            }
            for result in summary.results
        ]
        partial = batch / (RESULT_FILE + ".tmp")
        partial.write_text(json.dumps(answers), encoding="utf-8")
        os.replace(partial, batch / RESULT_FILE)
        taken += 1
    return taken


class Worker:
    """The app's background thread that takes batches from the inbox, until stopped."""

    def __init__(self, con: duckdb.DuckDBPyConnection, db_path: Path, on_change: Callable[[], None]):
        self._stop = threading.Event()
        self._cursor = con.cursor()  # a connection of its own: DuckDB connections are not thread-safe
        self._thread = threading.Thread(
            target=self._work, args=(db_path, on_change), name="dashboard-inbox", daemon=True
        )
        self._thread.start()

    def _work(self, db_path: Path, on_change: Callable[[], None]) -> None:
        while not self._stop.wait(POLL_SECONDS):
            try:
                if process_pending(self._cursor, db_path):
                    on_change()
            except OSError:
                pass  # a batch folder removed while being read: its submitter gave up

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)
        self._cursor.close()


def start_worker(con: duckdb.DuckDBPyConnection, db_path: Path, on_change: Callable[[], None]) -> Worker:
    return Worker(con, db_path, on_change)

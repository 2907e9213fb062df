"""Work beside a running app: the app's process is the store's only writer.

DuckDB lets one process hold a file for writing, and while the app holds it, another
process cannot open it at all. So a command that finds the store locked hands its work
to the app through an inbox folder beside the store (`<store>.inbox/<batch>/`) and waits
for the app's answer (`result.json`). A batch is either files to import (`ingest`) or a
request for a snapshot of the store (a backup taken inside one transaction; every
reading command uses it, see dashboard/access.py). The app polls the inbox in a
background thread and tells its viewers when the data changed.

The hand-over is made to fail loudly rather than hang or repeat itself:

- The submitter holds a lock on `owner.lock` in its batch while it waits. A batch whose
  lock nobody holds was left by a killed command: the app reports and removes it.
- The app touches `.heartbeat` in the inbox every poll and after every file, and writes
  `progress.json` as it goes; the submitter waits as long as the app is alive and
  working, not a fixed time, and shows the progress.
- The app takes a batch once (it remembers what it took), so an answer it cannot write
  is logged and the submitter fails, instead of the batch being imported again and again.
- Only regular files in the batch's own numbered folders are read, opened without
  following links and copied into the app's private folder first.
"""

import contextlib
import fcntl
import json
import logging
import os
import shutil
import stat
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

if TYPE_CHECKING:  # the ingest code (parser, classifier) is imported when there is something to import
    from dashboard.ingest import FileResult, Summary

log = logging.getLogger(__name__)

POLL_SECONDS = 1.0
RESULT_FILE = "result.json"
REQUEST_FILE = "request.json"
PROGRESS_FILE = "progress.json"
OWNER_LOCK = "owner.lock"
HEARTBEAT = ".heartbeat"
SNAPSHOT_DIR = "snapshot"
# A submitter gives up when the app has shown no sign of life for this long.
STALE_SECONDS = 30.0
# A CLI import that opened the store itself lets go of it this often (after a batch of files),
# so an app that starts meanwhile can take the store and the rest of the import goes through its inbox.
HOLD_SECONDS = 1.0
# How long the app waits for a CLI import to let go of the store before telling the viewer.
APP_WAIT_SECONDS = 30.0


class InboxTimeout(Exception):
    """Nobody answered the batch: the store is held by a process that does not read the inbox."""


class InboxError(Exception):
    """The app took the work but could not do it, said in one line."""


def inbox_dir(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".inbox")


def is_locked_error(error: duckdb.Error) -> bool:
    return "lock" in str(error).lower()


# ---------------------------------------------------------------- submitter (the CLI)


@contextlib.contextmanager
def _batch(db_path: Path, request: dict, fill: Callable[[Path], None] | None = None) -> Iterator[Path]:
    """A batch in the inbox, locked by this process while the caller waits; removed afterwards."""
    inbox = inbox_dir(db_path)
    batch_id = uuid.uuid4().hex
    staging = inbox / f".{batch_id}.tmp"
    staging.mkdir(parents=True)
    batch = inbox / batch_id
    lock = None
    try:
        lock = open(staging / OWNER_LOCK, "w")  # noqa: SIM115 (held open while the batch lives)
        fcntl.flock(lock, fcntl.LOCK_EX)
        if fill:
            fill(staging)
        (staging / REQUEST_FILE).write_text(json.dumps(request), encoding="utf-8")
        staging.rename(batch)  # atomic: the app never sees a half-written batch
        yield batch
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        with contextlib.suppress(OSError):
            batch.rename(staging)  # out of the app's sight first, so it never sees half a removal
        shutil.rmtree(staging, ignore_errors=True)
        if lock is not None:
            lock.close()


def _wait(db_path: Path, batch: Path, on_progress: Callable[[int, int], None] | None, stale_after: float):
    """The app's answer to a batch: waits while the app shows signs of life, fails loudly when it does not."""
    heartbeat = inbox_dir(db_path) / HEARTBEAT
    result_path = batch / RESULT_FILE
    last_sign = time.monotonic()
    last_progress = None
    while True:
        if result_path.exists():
            answer = json.loads(result_path.read_text(encoding="utf-8"))
            if isinstance(answer, dict) and answer.get("error"):
                raise InboxError(answer["error"])
            return answer
        progress = _read_json(batch / PROGRESS_FILE)
        if progress is not None and progress != last_progress:
            last_progress = progress
            last_sign = time.monotonic()
            if on_progress:
                on_progress(progress["done"], progress["total"])
        finished = last_progress is not None and last_progress["done"] >= last_progress["total"]
        if not finished:  # once the work is done only the answer counts, however alive the app is
            with contextlib.suppress(OSError):
                last_sign = max(last_sign, time.monotonic() - (time.time() - heartbeat.stat().st_mtime))
        if time.monotonic() - last_sign > stale_after:
            if last_progress is not None:
                raise InboxError(
                    f"the app took the work but stopped answering for {stale_after:.0f} s "
                    f"({last_progress['done']} of {last_progress['total']} done); see the app's log"
                )
            raise InboxTimeout(
                f"the store {db_path} is locked by another process that did not take the work "
                f"within {stale_after:.0f} s; stop that process or start the app on this store"
            )
        time.sleep(POLL_SECONDS / 4)


def _read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def submit(
    db_path: Path,
    files: list[Path],
    stale_after: float = STALE_SECONDS,
    on_progress: Callable[[int, int], None] | None = None,
) -> "Summary":
    """Hand existing files to the running app and wait for its per-file results."""
    from dashboard.ingest import FileResult, Summary

    names = {}

    def fill(staging: Path) -> None:
        for index, path in enumerate(files):
            # Numbered folders keep files apart that share a name, and keep the name for messages.
            target = staging / f"{index:06d}" / path.name
            target.parent.mkdir()
            shutil.copyfile(path, target)
            names[str(target.relative_to(staging))] = str(path)

    with _batch(db_path, {"kind": "files"}, fill) as batch:
        answers = _wait(db_path, batch, on_progress, stale_after)
    results = []
    for answer in answers:
        original = Path(names.get(answer["file"], answer["file"]))
        result = FileResult(original, error=answer["error"])
        result.outcomes.update(answer["outcomes"])
        results.append(result)
    return Summary(results)


def request_snapshot(db_path: Path, out: Path, stale_after: float = STALE_SECONDS) -> None:
    """Have the running app write a backup of the store (one transaction) and move it to `out`."""
    with _batch(db_path, {"kind": "snapshot"}) as batch:
        _wait(db_path, batch, None, stale_after)
        shutil.move(batch / SNAPSHOT_DIR, out)  # out may be on another file system


def ingest_beside_app(
    db_path: Path,
    files: list[Path],
    on_result: Callable[["FileResult"], None],
    on_handover: Callable[[], None],
    on_progress: Callable[[int, int], None] | None = None,
) -> "Summary":
    """The CLI's import: write directly while no app holds the store, else through the app's inbox."""
    from dashboard.ingest import BATCH_FILES, FileResult, Summary, ingest_files
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
            # A batch at a time: read in parallel, stored in one transaction (see dashboard.ingest).
            batch, remaining = remaining[:BATCH_FILES], remaining[BATCH_FILES:]
            results += ingest_files(con, batch, on_result)[0]
            if time.monotonic() - opened_at > HOLD_SECONDS:
                con.close()
                con = None
    finally:
        if con is not None:
            con.close()
    if remaining:
        on_handover()
        missing = [FileResult(path, error="no such file") for path in remaining if not path.is_file()]
        handed = submit(db_path, [path for path in remaining if path.is_file()], on_progress=on_progress)
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


# ---------------------------------------------------------------- the app's side


def _write_json(path: Path, value) -> None:
    partial = path.with_name(path.name + ".tmp")
    partial.write_text(json.dumps(value), encoding="utf-8")
    os.replace(partial, path)


def _touch(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.touch()


def _owner_alive(batch: Path) -> bool:
    """True while the process that submitted the batch still waits for it (holds its lock)."""
    try:
        descriptor = os.open(batch / OWNER_LOCK, os.O_RDWR | os.O_NOFOLLOW)
    except OSError:
        return False
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(descriptor)  # also lets go of the lock if we took it (flock: per open file, not per process)
    return False


def _regular_files(batch: Path, copy_to: Path) -> list[tuple[str, Path]]:
    """(name in the batch, private copy) of every regular file in the batch's numbered folders.

    Links, devices and anything else are refused: a link in the inbox would otherwise show
    any file the app can read as an event's source text."""
    files = []
    with os.scandir(batch) as entries:
        folders = sorted(entry.name for entry in entries if entry.is_dir(follow_symlinks=False))
    for folder in folders:
        if folder.startswith(".") or folder == SNAPSHOT_DIR:
            continue
        folder_fd = os.open(batch / folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
        try:
            for name in sorted(os.listdir(folder_fd)):
                relative = f"{folder}/{name}"
                try:
                    descriptor = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK, dir_fd=folder_fd)
                except OSError:
                    files.append((relative, None))  # a link or a vanished file
                    continue
                with os.fdopen(descriptor, "rb") as source:
                    if not stat.S_ISREG(os.fstat(source.fileno()).st_mode):
                        files.append((relative, None))
                        continue
                    target = copy_to / folder / name
                    target.parent.mkdir(exist_ok=True)
                    with target.open("wb") as copy:
                        shutil.copyfileobj(source, copy)
                files.append((relative, target))
        finally:
            os.close(folder_fd)
    return files


def ingest_files(
    con: duckdb.DuckDBPyConnection, files: list[Path], on_file: Callable[["FileResult"], None]
) -> tuple[list["FileResult"], bool]:
    """`dashboard.ingest.ingest_files`, imported with the first batch the app takes: until then a
    page run does not pay for importing the parser and the classifier."""
    from dashboard import ingest

    return ingest.ingest_files(con, files, on_file, beside_viewers=True)


def _import_batch(con: duckdb.DuckDBPyConnection, batch: Path, touch: Callable[[], None]) -> tuple[list[dict], bool]:
    """A batch's files imported as the CLI imports them (each file whole or not at all, a transaction
    and one refresh of the derived tables per BATCH_FILES files, not per file): the answers in the
    batch's order, and whether the store changed."""
    with tempfile.TemporaryDirectory(prefix="dashboard-inbox-") as private:
        files = _regular_files(batch, Path(private))
        answers: dict[str, dict] = {}

        def answer(name: str, outcomes: dict, error: str | None) -> None:
            answers[name] = {"file": name, "outcomes": outcomes, "error": error}
            with contextlib.suppress(OSError):
                _write_json(batch / PROGRESS_FILE, {"done": len(answers), "total": len(files)})
            touch()

        for name, path in files:
            if path is None:
                answer(name, {}, "not a regular file; refused")
        names = {path: name for name, path in files if path is not None}
        _, changed = ingest_files(
            con, list(names), lambda result: answer(names[result.path], dict(result.outcomes), result.error)
        )
    return [answers[name] for name, _ in files], changed


def _snapshot(con: duckdb.DuckDBPyConnection, batch: Path) -> dict:
    from dashboard.backup import backup

    out = batch / SNAPSHOT_DIR
    os.mkdir(out)  # fails on anything already there, a link included
    backup(con, out)
    return {"snapshot": SNAPSHOT_DIR}


def process_pending(
    con: duckdb.DuckDBPyConnection, db_path: Path, taken: set[str] | None = None
) -> tuple[int, list[str]]:
    """Do every waiting batch and write its answer; returns (batches that changed the store, notices).

    `taken` remembers batches already done, so one is never done twice."""
    inbox = inbox_dir(db_path)
    heartbeat = inbox / HEARTBEAT
    _touch(heartbeat)
    taken = set() if taken is None else taken
    changed = 0
    notices = []
    try:
        entries = sorted(os.scandir(inbox), key=lambda entry: entry.name)
    except OSError:
        return 0, []
    for entry in entries:
        if entry.name.startswith(".") or entry.name in taken or not entry.is_dir(follow_symlinks=False):
            continue
        batch = Path(entry.path)
        if (batch / RESULT_FILE).exists():
            continue
        if not _owner_alive(batch):
            taken.add(entry.name)
            notices.append(f"inbox batch {entry.name} was left by a command that is gone; removed, not imported")
            shutil.rmtree(batch, ignore_errors=True)
            continue
        taken.add(entry.name)
        request = _read_json(batch / REQUEST_FILE) or {}
        try:
            if request.get("kind") == "snapshot":
                answer = _snapshot(con, batch)
                with contextlib.suppress(OSError):
                    _write_json(batch / PROGRESS_FILE, {"done": 1, "total": 1})
            else:
                answer, store_changed = _import_batch(con, batch, lambda: _touch(heartbeat))
                changed += store_changed
        except Exception as error:  # noqa: BLE001 (any failure is the submitter's error line)
            log.exception("inbox batch %s failed", entry.name)
            changed += request.get("kind") != "snapshot"  # files stored before the failure are shown
            answer = {"error": f"the app could not do it: {type(error).__name__}: {str(error).splitlines()[0]}"}
        try:
            _write_json(batch / RESULT_FILE, answer)
        except OSError as error:
            notices.append(f"inbox batch {entry.name}: cannot write the answer ({error.strerror}); not retried")
    for notice in notices:
        log.warning(notice)
    return changed, notices


class Worker:
    """The app's background thread that takes batches from the inbox, until stopped.

    Every failure is logged and the loop goes on; `ensure_running` starts a new thread
    should this one have died all the same."""

    def __init__(self, con: duckdb.DuckDBPyConnection, db_path: Path, on_change: Callable[[], None]):
        self._stop = threading.Event()
        self._cursor = con.cursor()  # a connection of its own: DuckDB connections are not thread-safe
        self._db_path = db_path
        self._on_change = on_change
        self._taken: set[str] = set()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self.ensure_running()

    def ensure_running(self) -> bool:
        """Start the thread if it is not running; True when it had to be (re)started."""
        with self._lock:
            if self._stop.is_set() or (self._thread is not None and self._thread.is_alive()):
                return False
            self._thread = threading.Thread(target=self._work, name="dashboard-inbox", daemon=True)
            self._thread.start()
            return True

    def _work(self) -> None:
        while not self._stop.wait(POLL_SECONDS):
            try:
                changed, _ = process_pending(self._cursor, self._db_path, self._taken)
                if changed:
                    self._on_change()
            except Exception:  # noqa: BLE001 (the worker outlives any one batch)
                log.exception("inbox worker: a round failed; going on")

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._cursor.close()


def start_worker(con: duckdb.DuckDBPyConnection, db_path: Path, on_change: Callable[[], None]) -> Worker:
    return Worker(con, db_path, on_change)

"""How a command reaches the store, also while the app runs.

DuckDB lets one process hold the store; while the app holds it no other process can open
it, not even read-only. Every CLI command that uses the store goes through one of these:

- `reading()` for commands that only read (stats, brief, export, ...): the store itself
  when it is free, else a consistent copy. The running app writes a snapshot (a backup
  taken in one transaction) through its inbox, which is restored into a temporary store
  that the command reads; the command's output is the same.
- `writing()` for commands that change the store: the store when free, else `StoreBusy`
  saying that the app holds it and what to do (imports go through the inbox instead,
  see `inbox.ingest_beside_app`).
- `snapshot()` for `backup`: the app's snapshot is the backup.

A new command adopts this with `with access.reading() as con:`; the CLI turns
`StoreBusy` into one line on stderr and exit code 1.
"""

import contextlib
import tempfile
from collections.abc import Iterator
from pathlib import Path

from dashboard.config import database_path

# DuckDB, the inbox and the store are imported where used: the CLI imports this module for
# every command, and `parse` or `classify` should not pay for them.


class StoreBusy(Exception):
    """The store cannot be used now, said in one line with what to do."""


def _open(path: Path):
    """The store, or None while another process holds it."""
    import duckdb

    from dashboard import inbox
    from dashboard.store import connect

    try:
        return connect(path)
    except duckdb.IOException as error:
        if inbox.is_locked_error(error):
            return None
        raise StoreBusy(f"cannot open the store {path}: {str(error).splitlines()[0]}") from None


def _from_app(path: Path, out: Path) -> None:
    from dashboard import inbox

    try:
        inbox.request_snapshot(path, out)
    except inbox.InboxTimeout:
        raise StoreBusy(
            f"the store {path} is held by another process that is not the app and did not answer; "
            "stop that process and run the command again"
        ) from None
    except inbox.InboxError as error:
        raise StoreBusy(f"the running app could not copy the store: {error}") from None


@contextlib.contextmanager
def reading(path: Path | None = None) -> Iterator:
    """A connection to the store's current data: the store itself, or a snapshot from the running app."""
    import duckdb

    from dashboard.backup import restore

    path = path or database_path()
    con = _open(path)
    if con is not None:
        try:
            yield con
        finally:
            con.close()
        return
    with tempfile.TemporaryDirectory(prefix="dashboard-snapshot-") as folder:
        snapshot = Path(folder) / "backup"
        _from_app(path, snapshot)
        copy = Path(folder) / "store.duckdb"
        restore(snapshot, copy)
        con = duckdb.connect(str(copy))
        try:
            yield con
        finally:
            con.close()


@contextlib.contextmanager
def writing(path: Path | None = None, what_to_do: str = "stop the app, then run the command again") -> Iterator:
    """A writable connection to the store; StoreBusy while another process (the app) holds it."""
    path = path or database_path()
    con = _open(path)
    if con is None:
        raise StoreBusy(f"the store {path} is open in the running app (or another process); {what_to_do}")
    try:
        yield con
    finally:
        con.close()


def snapshot(out: Path, path: Path | None = None) -> dict:
    """Write a backup of the store to `out`, from the store itself or from the running app."""
    from dashboard.backup import BackupError, backup, move_backup

    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise BackupError(f"{out} exists and is not an empty folder")
    path = path or database_path()
    con = _open(path)
    if con is not None:
        try:
            return backup(con, out)
        finally:
            con.close()
    with tempfile.TemporaryDirectory(prefix="dashboard-backup-", dir=out.parent if out.parent.is_dir() else None) as t:
        taken = Path(t) / "backup"
        _from_app(path, taken)
        return move_backup(taken, out)

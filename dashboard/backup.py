"""Backup of the store as Parquet files plus a manifest, and restore from one.

`backup` writes one Parquet file per table and manifest.json (schema version, row
count and SHA-256 per file). `restore` checks all of that before touching anything,
builds the new store in a temporary file next to the target and renames it into
place only once it is complete, so an interrupted restore leaves the old store.
"""

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow.parquet as pq

from dashboard import recurring, store
from dashboard.sql import arrow, execute, fetch_all, fetch_one, run_script

MANIFEST = "manifest.json"
FORMAT = 1
# Restore order: parents before the tables whose foreign keys point at them.
TABLES = (
    "schema_version",
    "regions",
    "event_types",
    "themes",
    "events",
    "participation",
    "participant_categories",
    "speakers",
    "presentations",
    "proposals",
    "proposal_themes",
    "proposal_outcomes",
    "audit_log",
)
# Tables added after schema version 1, by the version that added them: older backups lack them.
ADDED_IN = {"proposal_outcomes": 8}


def tables_of(version: int) -> tuple[str, ...]:
    return tuple(table for table in TABLES if ADDED_IN.get(table, 1) <= version)


class BackupError(Exception):
    """A backup that cannot be written or restored, said in one line."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def backup(con: duckdb.DuckDBPyConnection, out: Path) -> dict:
    """Write every table of the store to `out` (created; must be empty) and return the manifest.

    All tables are read in one transaction, so a backup taken from a live store (the app
    writing meanwhile) is one consistent state."""
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise BackupError(f"{out} exists and is not an empty folder")
    out.mkdir(parents=True, exist_ok=True)
    with store.transaction(con):
        unknown = sorted({row[0] for row in fetch_all(con, "backup/store_tables")} - set(TABLES))
        if unknown:
            raise BackupError(f"the store has tables this backup does not know: {', '.join(unknown)}")
        tables = {}
        for table in TABLES:
            rows = arrow(con, "backup/table_rows", {"table": table})
            path = out / f"{table}.parquet"
            pq.write_table(rows, path)
            tables[table] = {"file": path.name, "rows": rows.num_rows, "sha256": _sha256(path)}
        version = store.schema_version(con)
    manifest = {
        "format": FORMAT,
        "schema_version": version,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "tables": tables,
    }
    # The manifest is written last: a folder without one is an unfinished backup.
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return manifest


def move_backup(source: Path, out: Path) -> dict:
    """Put a complete backup (e.g. a snapshot the app wrote) at `out`, a new or empty folder."""
    manifest = read_manifest(source)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise BackupError(f"{out} exists and is not an empty folder")
    out.mkdir(parents=True, exist_ok=True)
    for entry in manifest["tables"].values():
        shutil.copyfile(source / entry["file"], out / entry["file"])
    shutil.copyfile(source / MANIFEST, out / MANIFEST)  # last, as in `backup`
    return manifest


def read_manifest(folder: Path) -> dict:
    """The manifest of a complete, unaltered backup this code can restore; BackupError otherwise."""
    path = folder / MANIFEST
    if not path.is_file():
        raise BackupError(f"{folder}: not a backup (no {MANIFEST})")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
        version = manifest["schema_version"]
        tables = manifest["tables"]
        if manifest["format"] != FORMAT or not isinstance(version, int) or not isinstance(tables, dict):
            raise ValueError
        entries = {table: (entry["file"], int(entry["rows"]), entry["sha256"]) for table, entry in tables.items()}
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise BackupError(f"{path}: unreadable or corrupt manifest") from None
    latest = store.latest_schema_version()
    if version > latest:
        raise BackupError(f"{folder}: backup is of schema version {version}, newer than this program's {latest}")
    if set(entries) != set(tables_of(version)):
        raise BackupError(f"{folder}: backup does not hold exactly the tables {', '.join(tables_of(version))}")
    for file, _, checksum in entries.values():
        data = folder / Path(file).name  # a manifest never points outside its folder
        if not data.is_file():
            raise BackupError(f"{folder}: {file} is missing")
        if _sha256(data) != checksum:
            raise BackupError(f"{folder}: {file} is corrupt (checksum differs from the manifest)")
    return manifest


def restore(folder: Path, target: Path) -> dict:
    """Replace the store at `target` with the backup in `folder`; returns restored row counts.

    Refuses while any process holds the store: an app would go on serving the old data and
    its later writes would be lost. The old store is checkpointed first, so its WAL (which
    may hold committed data) is folded in by DuckDB, never deleted by us."""
    manifest = read_manifest(folder)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.restoring-{os.getpid()}")
    _remove(temporary)
    try:
        con = duckdb.connect(str(temporary))
        try:
            counts = _load(con, folder, manifest)
            con.execute("checkpoint")
        finally:
            con.close()
        _sync(temporary)
        with _store_to_itself(target):
            os.replace(temporary, target)
            _sync(target.parent)
    finally:
        _remove(temporary)
    return counts


@contextlib.contextmanager
def _store_to_itself(target: Path) -> Iterator[None]:
    """Hold `target` so no process can open it, after checking none has it open and folding in its WAL."""
    if not target.exists():
        yield
        return
    try:
        duckdb.connect(str(target)).close()  # closing checkpoints: the WAL goes into the file
    except duckdb.IOException as error:
        if "lock" in str(error).lower():
            raise BackupError(
                f"the store {target} is open in another process (the running app?); stop it, then restore"
            ) from None
        # An unreadable old store is what a restore is for; its WAL is kept beside it below.
    except duckdb.Error:
        pass
    with open(target, "rb+") as handle:
        try:
            # DuckDB locks the whole file with fcntl: holding the same lock keeps every process out.
            fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise BackupError(f"the store {target} was opened by another process meanwhile; restore again") from None
        wal = Path(f"{target}.wal")
        if wal.exists():
            # Only left when the old store could not be opened: kept, since it may hold committed data.
            kept = wal.with_name(f"{wal.name}.before-restore-{datetime.now(UTC):%Y%m%dT%H%M%S}")
            os.replace(wal, kept)
        yield


def _load(con: duckdb.DuckDBPyConnection, folder: Path, manifest: dict) -> dict:
    version = manifest["schema_version"]
    execute(con, "write/create_schema_version")
    for number, path in store.migrations():
        if number <= version:
            run_script(con, path.read_text(encoding="utf-8"))
    counts = {}
    with store.transaction(con):
        for table in tables_of(version):
            entry = manifest["tables"][table]
            path = folder / Path(entry["file"]).name
            try:
                execute(con, f"backup/restore_{table}", {"path": str(path)})
            except duckdb.Error as error:
                raise BackupError(f"{path}: cannot be restored ({str(error).splitlines()[0]})") from None
            counts[table] = fetch_one(con, "backup/row_count", {"table": table})[0]
            if counts[table] != entry["rows"]:
                raise BackupError(f"{path}: holds {counts[table]} rows, the manifest says {entry['rows']}")
        execute(con, "backup/advance_sequences")
    # Upgrades a backup of an older schema and adds reference rows added since.
    store.ensure_schema(con)
    # Backups leave the derived tables out: they are rebuilt from the restored rows.
    with store.transaction(con):
        store.refresh_derived(con)
    # So are the recurring groups, which the derived events count per event (schema/012).
    recurring.ensure_current(con)
    return counts


def _sync(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _remove(path: Path) -> None:
    path.unlink(missing_ok=True)
    Path(f"{path}.wal").unlink(missing_ok=True)

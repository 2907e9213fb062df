"""Backup to Parquet and restore: the restored store equals the original row for row."""

import json

import duckdb
import pytest

from dashboard import backup, store
from dashboard.sql import fetch_all
from tests.conftest import TEST_DATA, run_cli


def table_rows(path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {table: fetch_all(con, "backup/table_rows", {"table": table}) for table in backup.TABLES}
    finally:
        con.close()


@pytest.fixture
def backed_up(demo_store, tmp_path):
    folder = tmp_path / "backup"
    result = run_cli("backup", "--out", str(folder), db=demo_store)
    assert result.returncode == 0, result.stderr
    return folder


def test_round_trip_restores_every_row_of_every_table(demo_store, backed_up, tmp_path):
    target = tmp_path / "restored" / "store.duckdb"
    result = run_cli("restore", str(backed_up), db=target)
    assert result.returncode == 0, result.stderr
    original, restored = table_rows(demo_store), table_rows(target)
    assert restored == original
    assert len(restored["events"]) == 201
    manifest = json.loads((backed_up / "manifest.json").read_text())
    assert manifest["schema_version"] == store.latest_schema_version()
    assert {table: entry["rows"] for table, entry in manifest["tables"].items()} == {
        table: len(rows) for table, rows in original.items()
    }
    assert "restored 201 events" in result.stdout
    assert not list(target.parent.glob(".*restoring*")), "the temporary store is gone"


def test_ingest_after_restore_gets_new_ids(demo_store, backed_up, tmp_path):
    target = tmp_path / "restored.duckdb"
    assert run_cli("restore", str(backed_up), db=target).returncode == 0
    before = table_rows(target)
    max_event = max(row[0] for row in before["events"])
    max_proposal = max(row[0] for row in before["proposals"])
    result = run_cli("ingest", str(TEST_DATA / "reports" / "en_karakol_2023-03-14.txt"), db=target)
    assert result.returncode == 0, result.stderr
    con = duckdb.connect(str(target), read_only=True)
    event_id, proposal_ids = con.execute(
        "select e.event_id, list(p.proposal_id) from events e join proposals p using (event_id) "
        "where e.source_file = 'en_karakol_2023-03-14.txt' group by e.event_id"
    ).fetchone()
    con.close()
    assert event_id == max_event + 1
    assert min(proposal_ids) == max_proposal + 1


def test_restore_replaces_an_existing_store(app_store, backed_up, demo_store):
    assert run_cli("restore", str(backed_up), db=app_store).returncode == 0
    assert table_rows(app_store) == table_rows(demo_store)


def refused(folder, target) -> str:
    result = run_cli("restore", str(folder), db=target)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    return lines[0]


def test_restore_refuses_a_missing_backup(tmp_path):
    target = tmp_path / "store.duckdb"
    assert "not a backup" in refused(tmp_path / "nowhere", target)
    assert not target.exists()


def test_restore_refuses_a_corrupt_file_and_keeps_the_store(app_store, backed_up):
    before = table_rows(app_store)
    data = backed_up / "proposals.parquet"
    data.write_bytes(data.read_bytes()[:-100])
    assert "proposals.parquet is corrupt" in refused(backed_up, app_store)
    assert table_rows(app_store) == before


def test_restore_refuses_a_missing_file(app_store, backed_up):
    (backed_up / "events.parquet").unlink()
    assert "events.parquet is missing" in refused(backed_up, app_store)


def test_restore_refuses_a_corrupt_manifest(app_store, backed_up):
    (backed_up / "manifest.json").write_text("{not json")
    assert "corrupt manifest" in refused(backed_up, app_store)


def test_restore_refuses_a_newer_schema(app_store, backed_up):
    path = backed_up / "manifest.json"
    manifest = json.loads(path.read_text())
    manifest["schema_version"] = store.latest_schema_version() + 1
    path.write_text(json.dumps(manifest))
    assert "newer than this program" in refused(backed_up, app_store)


def test_backup_refuses_a_folder_with_files(app_store, tmp_path):
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "keep.txt").write_text("x")
    result = run_cli("backup", "--out", str(tmp_path / "full"), db=app_store)
    assert result.returncode == 1 and "not an empty folder" in result.stderr


def test_interrupted_restore_leaves_the_old_store(app_store, backed_up, monkeypatch):
    """A failure halfway through loading never reaches the target, and the temporary file is removed."""
    before = table_rows(app_store)
    loaded = []
    original_execute = backup.execute

    def failing_execute(con, name, params=None):
        if name.startswith("backup/restore_"):
            loaded.append(name)
            if name == "backup/restore_proposals":
                raise KeyboardInterrupt
        return original_execute(con, name, params)

    monkeypatch.setattr(backup, "execute", failing_execute)
    with pytest.raises(KeyboardInterrupt):
        backup.restore(backed_up, app_store)
    assert "backup/restore_events" in loaded
    assert table_rows(app_store) == before
    assert not list(app_store.parent.glob(".*restoring*"))

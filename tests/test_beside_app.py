"""Every CLI command while the app holds the store: it works through the app, or says in one line why not.

The "app" here is a process that does what the app's server does with the store: open it
with `inbox.connect_when_free` and run the inbox worker (tests/test_browser.py drives the real
Streamlit server the same way)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from dashboard import backup
from tests.conftest import ROOT, run_cli

APP = """
import sys
from pathlib import Path
from dashboard import inbox
path = Path(sys.argv[1])
con = inbox.connect_when_free(path)
worker = inbox.start_worker(con, path, lambda: None)
print("ready", flush=True)
sys.stdin.read()  # until the test lets go
worker.stop()
con.close()
"""
SECOND_REPORT = """Open dialogue platform in Osh region on the topic "Water for the villages"

Date and venue: March 3, 2022, Osh city, city hall.

Number of participants: 40, out of which 25 are women and 15 are men.

Suggestions made:

1. to repair the water supply in villages;
"""


class RunningApp:
    def __init__(self, db: Path):
        self.process = subprocess.Popen(
            [sys.executable, "-c", APP, str(db)],
            cwd=ROOT,
            env={**os.environ, "DASHBOARD_DB": str(db)},
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout.readline().strip() == "ready"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.stdin.close()
            self.process.wait(timeout=60)


@pytest.fixture
def running_app(app_store):
    app = RunningApp(app_store)
    yield app
    app.stop()


def events(db: Path) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute("select count(*) from events").fetchone()[0]
    finally:
        con.close()


def second_report(tmp_path) -> Path:
    path = tmp_path / "osh.txt"
    path.write_text(SECOND_REPORT, encoding="utf-8")
    return path


def one_line_error(result: subprocess.CompletedProcess) -> str:
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def test_restore_refuses_while_the_app_holds_the_store_and_keeps_its_wal(app_store, tmp_path):
    folder = tmp_path / "backup"
    assert run_cli("backup", "--out", str(folder), db=app_store).returncode == 0
    app = RunningApp(app_store)
    try:
        handed = run_cli("ingest", str(second_report(tmp_path)), db=app_store)
        assert handed.returncode == 0 and "added 1" in handed.stdout, handed.stderr
        wal = Path(f"{app_store}.wal")
        assert wal.exists()  # the app's import is committed, in the WAL
        result = run_cli("restore", str(folder), db=app_store)
        assert result.returncode == 1
        assert "open in another process" in one_line_error(result)
        assert wal.exists()
    finally:
        app.stop()
    assert events(app_store) == 2  # nothing the app committed was lost


def test_restore_folds_in_the_wal_of_a_store_nobody_holds(app_store, tmp_path, demo_store):
    folder = tmp_path / "backup"
    assert run_cli("backup", "--out", str(folder), db=demo_store).returncode == 0
    result = run_cli("restore", str(folder), db=app_store)
    assert result.returncode == 0, result.stderr
    assert events(app_store) == 201
    assert not Path(f"{app_store}.wal").exists()


def test_reading_commands_work_while_the_app_runs(running_app, app_store, tmp_path):
    handed = run_cli("ingest", str(second_report(tmp_path)), db=app_store)
    assert handed.returncode == 0, handed.stderr

    stats = run_cli("stats", "--json", db=app_store)
    assert stats.returncode == 0, stats.stderr
    figures = json.loads(stats.stdout)
    assert (figures["events"], figures["participants_total"], figures["participants_women"]) == (2, 90, 47)

    batken = run_cli("stats", "--json", "--region", "Batken", db=app_store)
    assert json.loads(batken.stdout)["events"] == 1

    deck = tmp_path / "brief.html"
    brief = run_cli("brief", "--format", "html", "--out", str(deck), db=app_store)
    assert brief.returncode == 0, brief.stderr
    assert "to repair the water supply in villages" in deck.read_text(encoding="utf-8")

    xlsx = tmp_path / "export.xlsx"
    exported = run_cli("export", "--format", "xlsx", "--out", str(xlsx), db=app_store)
    assert exported.returncode == 0, exported.stderr
    assert xlsx.stat().st_size > 0


def test_backup_while_the_app_runs_is_complete_and_restores(running_app, app_store, tmp_path):
    assert run_cli("ingest", str(second_report(tmp_path)), db=app_store).returncode == 0
    folder = tmp_path / "live-backup"
    result = run_cli("backup", "--out", str(folder), db=app_store)
    assert result.returncode == 0, result.stderr
    manifest = backup.read_manifest(folder)
    assert manifest["tables"]["events"]["rows"] == 2
    restored = tmp_path / "restored.duckdb"
    backup.restore(folder, restored)
    assert events(restored) == 2


def test_writing_commands_say_in_one_line_that_the_app_holds_the_store(running_app, app_store):
    result = run_cli("demo", "--events", "5", db=app_store)
    assert result.returncode == 1
    assert "open in the running app" in one_line_error(result)
    running_app.stop()
    assert events(app_store) == 1


def test_backup_into_a_used_folder_is_refused_before_asking_the_app(running_app, app_store, tmp_path):
    folder = tmp_path / "used"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    result = run_cli("backup", "--out", str(folder), db=app_store)
    assert result.returncode == 1
    assert "not an empty folder" in one_line_error(result)
    assert sorted(path.name for path in folder.iterdir()) == ["notes.txt"]

import os
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import ingest, store

ROOT = Path(__file__).resolve().parent.parent
TEST_DATA = ROOT / "tests" / "data"
FOUNDING_REPORT = ROOT / "data" / "reports" / "report_batken_2021-07-08.txt"
APP = str(ROOT / "streamlit_app.py")


@pytest.fixture
def db_path(tmp_path, monkeypatch) -> Path:
    path = tmp_path / "store.duckdb"
    monkeypatch.setenv("DASHBOARD_DB", str(path))
    return path


@pytest.fixture
def con(db_path):
    connection = store.connect(db_path)
    yield connection
    connection.close()


def run_cli(*args: str, db: Path | None = None, stdin: str | None = None) -> subprocess.CompletedProcess:
    """`python -m dashboard ARGS` as a user runs it, in a fresh process."""
    env = dict(os.environ)
    if db is not None:
        env["DASHBOARD_DB"] = str(db)
    return subprocess.run(
        [sys.executable, "-m", "dashboard", *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _app_store(path: Path, monkeypatch, demo_events: int = 0) -> Path:
    from dashboard import ui
    from dashboard.demo_data import add_demo_events

    con = store.connect(path)
    ingest.ingest_paths(con, [FOUNDING_REPORT])
    if demo_events:
        add_demo_events(con, demo_events, seed=3)
    con.close()
    monkeypatch.setenv("DASHBOARD_DB", str(path))
    ui.connection.clear()
    ui.data_changed()
    return path


@pytest.fixture
def app_store(tmp_path, monkeypatch) -> Path:
    """A store holding only the founding report, so figures are known exactly."""
    return _app_store(tmp_path / "app.duckdb", monkeypatch)


@pytest.fixture
def demo_store(tmp_path, monkeypatch) -> Path:
    """The founding report plus 200 demo events (seed 3) across all regions."""
    return _app_store(tmp_path / "demo.duckdb", monkeypatch, demo_events=200)


def open_page(page: str, params: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    at.switch_page(page).run()
    return at

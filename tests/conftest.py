import os
import subprocess
import sys
from pathlib import Path

import pytest

from dashboard import store

ROOT = Path(__file__).resolve().parent.parent
TEST_DATA = ROOT / "tests" / "data"
FOUNDING_REPORT = ROOT / "data" / "reports" / "report_batken_2021-07-08.txt"


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

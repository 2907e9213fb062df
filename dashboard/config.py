"""Where things live: the project's folders and the store named by DASHBOARD_DB."""

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = PROJECT_ROOT / "data"
QUERIES_DIR = PROJECT_ROOT / "queries"
SCHEMA_DIR = QUERIES_DIR / "schema"
REPORTS_DIR = DATA_DIR / "reports"

DEFAULT_DB = DATA_DIR / "dialogue.duckdb"
# Reports larger than this are refused before they are read: real reports are a few pages.
MAX_REPORT_BYTES = 5 * 1024 * 1024
MAX_TABLE_BYTES = 50 * 1024 * 1024
# Debian's browser, driven by Playwright for the browser tests and the bench (never a browser download).
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def database_path() -> Path:
    """The store every command and the app use: $DASHBOARD_DB, else data/dialogue.duckdb."""
    configured = os.environ.get("DASHBOARD_DB")
    return Path(configured) if configured else DEFAULT_DB

"""The audit log: every import, label edit and deletion, with who, when, before and after."""

import getpass
import json

import duckdb

from dashboard.sql import execute, fetch_one


def cli_user() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli:unknown"


def event_state(con: duckdb.DuckDBPyConnection, fingerprint: str) -> str | None:
    row = fetch_one(con, "event_state", {"fingerprint": fingerprint})
    return row[0] if row else None


def record(
    con: duckdb.DuckDBPyConnection,
    changed_by: str,
    action: str,
    subject: str,
    before: str | dict | None,
    after: str | dict | None,
) -> None:
    """Write one audit row; call inside the transaction that makes the change."""

    def as_text(state):
        return state if state is None or isinstance(state, str) else json.dumps(state, ensure_ascii=False, default=str)

    execute(
        con,
        "write/insert_audit",
        {
            "changed_by": changed_by,
            "action": action,
            "subject": subject,
            "before_state": as_text(before),
            "after_state": as_text(after),
        },
    )

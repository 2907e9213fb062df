"""The audit log: every import, label edit and deletion, with who, when, before and after."""

import getpass
import json

import duckdb

from dashboard.sql import execute, fetch_all, fetch_one


def cli_user() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli:unknown"


def event_state(con: duckdb.DuckDBPyConnection, fingerprint: str) -> str | None:
    row = fetch_one(con, "event_state", {"fingerprint": fingerprint})
    return row[0] if row else None


def event_states(con: duckdb.DuckDBPyConnection, fingerprints: list[str]) -> dict[str, str]:
    """`event_state` of several events in one query, for those stored."""
    return dict(fetch_all(con, "event_states", {"fingerprints": fingerprints}))


def record_imports(
    con: duckdb.DuckDBPyConnection, changed_by: str, rows: list[tuple[str, str, str | None, str]]
) -> None:
    """Audit rows (action, subject, before, after) of an import in one statement; inside its transaction."""
    if not rows:
        return
    params = {
        "changed_by": changed_by,
        "actions": [row[0] for row in rows],
        "subjects": [row[1] for row in rows],
        "before_states": [row[2] for row in rows],
        "after_states": [row[3] for row in rows],
    }
    execute(con, "write/insert_audit_rows", params)


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

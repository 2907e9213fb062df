"""The audit log: every import, label edit and deletion, with who, when, before and after."""

import getpass
import json

import duckdb

from dashboard.sql import execute, fetch_all


def cli_user() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli:unknown"


def event_states(con: duckdb.DuckDBPyConnection, fingerprints: list[str]) -> dict[str, str]:
    """Stored events' facts as JSON text, for the audit log's before and after: fingerprint -> state."""
    return dict(fetch_all(con, "event_states", {"fingerprints": fingerprints}))


def event_state(con: duckdb.DuckDBPyConnection, fingerprint: str) -> str | None:
    """`event_states` of one event; None when it is not stored."""
    return event_states(con, [fingerprint]).get(fingerprint)


def record_rows(
    con: duckdb.DuckDBPyConnection, changed_by: str, rows: list[tuple[str, str, str | None, str | None]]
) -> None:
    """Audit rows (action, subject, before, after as JSON text) in one statement; inside the transaction
    that makes the change."""
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

    record_rows(con, changed_by, [(action, subject, as_text(before), as_text(after))])

"""Running the named SQL files in queries/ with bound parameters.

Queries are addressed by name (`proposals_by_theme`, `write/insert_events`). Values are
always bound as parameters (`$region`), never pasted into SQL text; each statement
gets exactly the parameters it names.
"""

import functools
import re
import warnings

import duckdb
import pandas as pd
import pyarrow as pa

from dashboard.config import QUERIES_DIR

_PARAMETER = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
# frame() takes a query's rows as Arrow from con.execute. DuckDB warns that this copies them once more
# than a relation (con.sql) would; but a relation binds and plans the statement a second time, which
# costs more than the copy for results the size of a page's (a third of metrics/summary's time).
warnings.filterwarnings("ignore", message="Arrow output on a DB-API result", category=UserWarning)


def split_statements(text: str) -> list[str]:
    """Statements of a SQL file. Our files keep comments on lines of their own and keep
    semicolons out of strings, so a plain split is exact."""
    without_comments = re.sub(r"(?m)^\s*--.*$", "", text)
    return [statement.strip() for statement in without_comments.split(";") if statement.strip()]


@functools.cache
def statements(name: str) -> tuple[str, ...]:
    path = QUERIES_DIR / f"{name}.sql"
    return tuple(split_statements(path.read_text(encoding="utf-8")))


def parameter_names(name: str) -> set[str]:
    """Every $parameter the statements of queries/<name>.sql name."""
    return {found for statement in statements(name) for found in _PARAMETER.findall(statement)}


def _bound(statement: str, params: dict) -> dict:
    names = set(_PARAMETER.findall(statement))
    missing = names - params.keys()
    if missing:
        raise KeyError(f"query needs parameters {sorted(missing)}")
    return {name: params[name] for name in names}


def execute(con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None):
    """Run every statement of queries/<name>.sql; returns the connection for fetching the last result."""
    params = params or {}
    result = con
    for statement in statements(name):
        result = con.execute(statement, _bound(statement, params))
    return result


def fetch_one(con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None):
    rows = execute(con, name, params).fetchall()  # fetchall completes the result, as DuckDB 2 wants
    return rows[0] if rows else None


def fetch_all(con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None) -> list[tuple]:
    return execute(con, name, params).fetchall()


def records(con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None) -> list[dict]:
    cursor = execute(con, name, params)
    columns = [column[0] for column in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def frame(con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None) -> pd.DataFrame:
    """A query's result as a DataFrame (through Arrow, which is faster than .df() on text); planned once."""
    last, values = _prepared(con, name, params or {})
    return con.execute(last, values).to_arrow_table().to_pandas()


def arrow(con: duckdb.DuckDBPyConnection, name: str, params: dict | None = None) -> pa.Table:
    """A query's result as an Arrow table without a second copy (exports and backups write whole tables)."""
    last, values = _prepared(con, name, params or {})
    return con.sql(last, params=values).to_arrow_table()


def _prepared(con: duckdb.DuckDBPyConnection, name: str, params: dict) -> tuple[str, dict]:
    """Runs a file's statements before its last; returns the last with its values."""
    *setup, last = statements(name)
    # DuckDB 2.0's compressed materialization narrows some grouped sums to a too-small
    # integer type (a Conversion Error at 1M events, e.g. events_by_year with a theme filter).
    con.execute("set disabled_optimizers = 'compressed_materialization'")
    for statement in setup:
        con.execute(statement, _bound(statement, params))
    return last, _bound(last, params)


def run_script(con: duckdb.DuckDBPyConnection, text: str) -> None:
    """A schema file: statements without parameters, run in order."""
    for statement in split_statements(text):
        con.execute(statement)

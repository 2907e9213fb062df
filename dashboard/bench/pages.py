"""Full page runs as a viewer waits for them: the app's script run by `streamlit.testing`
(sidebar, queries, figures, tables), on a store named by DASHBOARD_DB, per filter case.

Each timed run starts with the query cache empty ("cold"); figures are either built again too
(`cold_ms`, what a viewer meets after an import) or found in the figure cache
(`figures_kept_ms`, a view someone already drew). The queries a page runs are recorded from
the runs themselves (no hand-kept list), so the record cannot drift from the page.
"""

import contextlib
import logging
import os
import statistics
import time
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

from dashboard.config import PROJECT_ROOT
from dashboard.filters import Filters

APP = PROJECT_ROOT / "streamlit_app.py"
PAGES_DIR = PROJECT_ROOT / "dashboard" / "pages"
TIMEOUT_SECONDS = 300


def page_names(pages_dir: Path = PAGES_DIR) -> list[str]:
    """Pages are found by their files, so a new page is measured without edits here."""
    return sorted(path.stem for path in pages_dir.glob("*.py") if not path.name.startswith("_"))


@contextlib.contextmanager
def _store(path: Path) -> Iterator[None]:
    """The app's store for these runs; its connection and inbox thread are let go afterwards."""
    from dashboard import ui

    # Clearing the app's caches from here, outside a script run, is expected: no warning per page.
    logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").setLevel(logging.ERROR)
    before = os.environ.get("DASHBOARD_DB")
    os.environ["DASHBOARD_DB"] = str(path)
    ui.connection.clear()
    ui.data_changed()
    try:
        yield
    finally:
        if worker := ui._WORKERS.pop(str(path), None):  # the store was opened: close it for the next user
            ui._close(ui.connection(str(path)), worker)
        ui.connection.clear()
        ui.data_changed()
        if before is None:
            os.environ.pop("DASHBOARD_DB", None)
        else:
            os.environ["DASHBOARD_DB"] = before


@contextlib.contextmanager
def recorded_queries() -> Iterator[list[str]]:
    """Names of the queries the app runs through `ui.query` meanwhile, in order, cached or not."""
    from dashboard import ui

    names: list[str] = []
    original = ui._QueryCache.get

    def get(self, path, name, params):
        names.append(name)
        return original(self, path, name, params)

    with mock.patch.object(ui._QueryCache, "get", get):
        yield names


def _cold(figures: bool) -> None:
    from dashboard import ui
    from dashboard.charts import cache

    ui._cached_query.clear()  # not data_changed(): that would make the open page rerun itself
    if figures:
        cache.clear()


def _stats(times: list[float]) -> dict:
    return {"median_ms": statistics.median(times), "min_ms": min(times), "max_ms": max(times)}


def measure_page(page: str, filters: Filters, runs: int) -> dict:
    """One page under one filter case, on the store in DASHBOARD_DB (see `measure`)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_SECONDS)
    for key, value in filters.to_query_params().items():
        at.query_params[key] = value
    row: dict = {}
    with recorded_queries() as names:
        at.run()
        at.switch_page(f"dashboard/pages/{page}.py").run()  # first run: imports and widgets, not timed
        del names[:]
        for mode, figures in (("cold", True), ("figures_kept", False)):
            times = []
            for _ in range(runs):
                _cold(figures)
                started = time.perf_counter()
                at.run()
                times.append((time.perf_counter() - started) * 1000)
                if at.exception:
                    return {"queries": list(dict.fromkeys(names)), "error": at.exception[0].message}
            row[mode] = _stats(times)
    return {"queries": list(dict.fromkeys(names)), **row["cold"], "figures_kept": row["figures_kept"]}


def measure(store_path: Path, cases: dict[str, Filters], runs: int) -> list[dict]:
    """Every page under every filter case: full runs, cold query cache, figures built or kept."""
    rows = []
    with _store(store_path):
        for page in page_names():
            for case, filters in cases.items():
                rows.append({"page": page, "filters": case, **measure_page(page, filters, runs)})
    return rows


def page_queries(store_path: Path) -> dict[str, list[str]]:
    """The queries each page runs without filters, as recorded from one run of it."""
    return {row["page"]: row["queries"] for row in measure(store_path, {"no filters": Filters()}, 1)}

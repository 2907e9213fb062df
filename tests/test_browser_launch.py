"""The first page in a real headless Chromium: the server warms up (imports, store) before anyone
connects, and the browser loads the chart renderer before any chart arrives."""

import os
import subprocess
import sys
import time

import duckdb
import streamlit
from playwright.sync_api import expect

from dashboard import inbox, warmup
from tests.conftest import ROOT
from tests.test_browser import _free_port, _wait_for_app, _wait_until_serving, browser, page, server  # noqa: F401

_MODULE_REQUESTS = """name => performance.getEntriesByType('resource')
    .filter(entry => entry.name.endsWith('/' + name)).map(entry => entry.startTime)"""


def test_the_chart_module_is_the_one_streamlits_frontend_loads():
    """An upgrade of Streamlit that renames or splits the module must not silently turn the early load off."""
    module = warmup.chart_module()
    assert module is not None
    entries = list(warmup._STATIC_JS.glob("index.*.js"))
    assert entries, streamlit.__version__
    assert any(f'"./{module}"' in entry.read_text(encoding="utf-8") for entry in entries)


def test_the_browser_loads_the_chart_renderer_first_thing_and_only_once(server, page):  # noqa: F811
    # A page without charts: only the early load asks for the chart module there.
    page.goto(f"{server.url}/data")
    _wait_for_app(page)
    module = warmup.chart_module()
    page.wait_for_function(f"() => ({_MODULE_REQUESTS})({module!r}).length > 0", timeout=60_000)
    expect(page.locator('[data-testid="stElementContainer"]:has(script[data-chart-renderer])')).to_be_hidden()
    # Once on a page with charts: Streamlit's own load of the module for the first chart finds it loaded.
    page.goto(server.url)
    _wait_for_app(page)
    page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=60_000)
    assert len(page.evaluate(_MODULE_REQUESTS, module)) == 1
    assert page.errors == [], page.errors


def test_streamlit_run_builds_a_missing_store_at_start_and_the_first_page_shows_it(tmp_path, page):  # noqa: F811
    """The README's first command on a fresh clone: the server builds the store (the founding report and
    the demo events) and holds it as it starts, before any browser connects; the first page shows it."""
    db = tmp_path / "fresh" / "dialogue.duckdb"
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "streamlit_app.py", "--server.port", str(port)]
        + ["--server.headless", "true", "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false"],
        cwd=ROOT,
        env={**os.environ, "DASHBOARD_DB": str(db), "PYTHONUNBUFFERED": "1"},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        _wait_until_serving(process, url)
        deadline = time.monotonic() + 60
        while not held_by_another_process(db) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert held_by_another_process(db), "the server did not open the store at start"
        page.goto(url)
        _wait_for_app(page)
        page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=60_000)
        demo = page.locator('[data-testid="stAlert"]').filter(has_text="Demo data")
        expect(demo).to_contain_text("300 of the 301 events")
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
        assert page.errors == [], page.errors
    finally:
        process.terminate()
        process.wait(timeout=30)


def held_by_another_process(db) -> bool:
    try:
        duckdb.connect(str(db), read_only=True).close()
    except duckdb.IOException as error:
        return inbox.is_locked_error(error)
    return False

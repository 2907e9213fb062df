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


# What the viewer could see of the first run's warm-up chart: whether its drawing was ever shown,
# and where the page's title first appeared (it must not move when the warm-up chart goes).
_WARM_UP_CHART_WATCH = f"""window.__warmUp = {{inPage: false, drawingShown: false, titleFirstTop: null}};
new MutationObserver(() => {{
    if (document.querySelector('.st-key-{warmup.WARM_UP_CHART_KEY}')) window.__warmUp.inPage = true;
    const drawing = document.querySelector('.st-key-{warmup.WARM_UP_CHART_KEY} .main-svg');
    const box = drawing && drawing.getBoundingClientRect();
    if (drawing && drawing.checkVisibility({{visibilityProperty: true}}) && box.width > 0 && box.height > 0)
        window.__warmUp.drawingShown = true;
    const title = document.querySelector('[data-testid="stMain"] h1');
    if (title && window.__warmUp.titleFirstTop === null)
        window.__warmUp.titleFirstTop = title.getBoundingClientRect().top;
}}).observe(document, {{subtree: true, childList: true, attributes: true}});"""


def test_the_viewer_never_sees_the_warm_up_chart(server, page):  # noqa: F811
    """First in this file: the server's first page run, which imports the app, sends the warm-up chart."""
    page.add_init_script(_WARM_UP_CHART_WATCH)
    page.goto(server.url)
    _wait_for_app(page)
    charts = page.locator('[data-testid="stPlotlyChart"]')
    charts.first.locator(".main-svg").first.wait_for(timeout=60_000)
    expect(page.locator(f".st-key-{warmup.WARM_UP_CHART_KEY}")).to_have_count(0)
    for index in range(charts.count()):
        expect(charts.nth(index)).to_be_visible()
    # Whether the browser drew it before the run ended depends on the machine; never shown, either way,
    # and the page did not move when it went.
    assert page.evaluate("window.__warmUp.drawingShown") is False
    title_top = page.locator('[data-testid="stMain"] h1').first.bounding_box()["y"]
    assert abs(page.evaluate("window.__warmUp.titleFirstTop") - title_top) < 1
    assert page.errors == [], page.errors


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

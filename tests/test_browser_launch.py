"""The first page in a real headless Chromium: the browser loads the chart renderer before any chart arrives."""

import streamlit
from playwright.sync_api import expect

from dashboard import warmup
from tests.test_browser import _wait_for_app, browser, page, server  # noqa: F401

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

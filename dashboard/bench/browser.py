"""A filter change as a viewer sees it in headless Chromium: from picking a region in the sidebar
until every chart on the page is drawn again and the app no longer shows it is running.

Before each change every drawn plotly chart is marked on its `_fullLayout`, an object plotly
builds anew whenever it draws a figure (`Plotly.react`), so a chart counts as drawn again only
once it carries a fresh, unmarked layout and its SVG; the page link must name the new region
too (the app's script has taken the change).
"""

import statistics
import time

# When the page first shows a drawn chart, taken in the page itself: a visible plotly SVG is in the
# document, and the browser has produced the frame that shows it. Read as wall-clock milliseconds.
# (Playwright's own wait for a selector polls every 500 ms after its first tries, and looks only
# at the first match: it reported the first chart up to half a second late.)
FIRST_CHART_DRAWN = """(() => {
    const visible = svg => svg.checkVisibility({visibilityProperty: true, opacityProperty: true});
    const observer = new MutationObserver(() => {
        if (![...document.querySelectorAll('.js-plotly-plot .main-svg')].some(visible)) return;
        observer.disconnect();
        requestAnimationFrame(() => { window.__firstChartDrawn = performance.timeOrigin + performance.now(); });
    });
    observer.observe(document, {subtree: true, childList: true});
})();"""

REGIONS = ["Batken", "Osh", "Naryn"]
TIMEOUT_MS = 120_000
REOPEN_MS = 10_000
OPEN_ATTEMPTS = 3

_MARK = """() => document.querySelectorAll('.js-plotly-plot').forEach(chart => {
    if (chart._fullLayout) chart._fullLayout.__benchShown = true;
})"""
_RUNNING = "document.querySelector('[data-testid=\"stStatusWidget\"]')"
_ALL_DRAWN = f"""region => {{
    // The page link names the region once the app's script has taken the change.
    if ({_RUNNING} || !new URLSearchParams(location.search).getAll('region').includes(region)) return false;
    const charts = [...document.querySelectorAll('[data-testid="stPlotlyChart"]')];
    return charts.length > 0 && charts.every(element => {{
        const chart = element.querySelector('.js-plotly-plot');
        return chart && chart._fullLayout && !chart._fullLayout.__benchShown && chart.querySelector('.main-svg');
    }});
}}"""
_SETTLED = f"""() => !{_RUNNING} && document.querySelector('[data-testid="stMain"] h1')
    && document.querySelectorAll('[data-testid="stPlotlyChart"] .js-plotly-plot .main-svg').length > 0"""


def first_chart_drawn(page, timeout_ms: float) -> float:
    """Wall-clock time (time.time()) at which the page, loaded with FIRST_CHART_DRAWN as its init
    script, first showed a drawn chart; waits for it."""
    page.wait_for_function("() => window.__firstChartDrawn !== undefined", timeout=timeout_ms, polling="raf")
    return page.evaluate("window.__firstChartDrawn") / 1000


def region_option(page, region: str, reopened: list[str] | None = None):
    """The sidebar's region list opened and narrowed to `region`: its option, ready to click.

    A list that shows no such option within REOPEN_MS is closed and opened again (noted in
    `reopened`), up to OPEN_ATTEMPTS times. Once (the 100,000-event run of 2026-12-02, Themes page)
    the option never showed and the bench waited two minutes for it; 84 picks since did not repeat it."""
    from playwright.sync_api import TimeoutError as Timeout

    # Its text box, not the list's middle: with regions picked, a chip's remove button can sit there.
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"] input').first
    option = page.get_by_role("option", name=region, exact=True)
    for attempt in range(1, OPEN_ATTEMPTS + 1):
        box.click()
        box.fill("")
        page.keyboard.type(region)  # the list is long and scrolls: narrow it as a viewer would
        last = attempt == OPEN_ATTEMPTS
        try:
            option.wait_for(timeout=TIMEOUT_MS if last else REOPEN_MS)
        except Timeout:
            if last:
                raise
            if reopened is not None:
                reopened.append(region)
            page.keyboard.press("Escape")
        else:
            return option


def _pick_region(page, region: str, reopened: list[str]) -> float:
    """Pick `region` in the sidebar's region list; seconds until every chart is drawn again."""
    page.evaluate(_MARK)
    option = region_option(page, region, reopened)
    started = time.monotonic()
    option.click()
    page.keyboard.press("Escape")
    page.wait_for_function(_ALL_DRAWN, arg=region, timeout=TIMEOUT_MS, polling="raf")
    return time.monotonic() - started


def filter_changes(browser, url: str, path: str, regions: list[str] = REGIONS) -> dict:
    """Open `path` fresh, then pick each region in turn (each adds to the filter): times in seconds,
    or the error that stopped it."""
    from playwright.sync_api import Error

    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    reopened: list[str] = []
    times: list[float] = []
    try:
        page = context.new_page()
        page.goto(f"{url}/{path}")
        page.wait_for_function(_SETTLED, timeout=TIMEOUT_MS)
        for region in regions:
            times.append(_pick_region(page, region, reopened))
        charts = page.locator('[data-testid="stPlotlyChart"]').count()
    except Error as error:  # a page that never finishes drawing is a result (a MISS), not the bench's end
        stopped = regions[len(times)]
        return {"error": f"picking {stopped}: {str(error).splitlines()[0]}", "list_reopened": reopened}
    finally:
        context.close()
    return {
        "changes": len(times),
        "seconds": [round(value, 3) for value in times],
        "median_seconds": statistics.median(times),
        "max_seconds": max(times),
        "charts": charts,
        "list_reopened": reopened,  # regions whose list was opened again before the timed click
    }

"""The Outcomes page in a real headless Chromium: charts, the status filter in the URL, and the
recurring view's drill-down to the proposals of a group."""

import re
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import expect

from tests.test_browser import SCREENSHOTS, _wait_for_app, browser, page, server  # noqa: F401 (fixtures)


def test_outcomes_page_filters_by_status_and_drills_down_into_a_recurring_group(server, page):  # noqa: F811
    page.goto(f"{server.url}/outcomes")
    _wait_for_app(page)
    page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=60_000)
    expect(page.locator(".js-plotly-plot")).to_have_count(3)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)

    statuses = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').nth(3)
    statuses.click()
    page.get_by_role("option", name="Implemented", exact=True).click()
    page.keyboard.press("Escape")
    page.wait_for_url(re.compile(r"status=implemented"), timeout=30_000)
    _wait_for_app(page)
    assert parse_qs(urlparse(page.url).query)["status"] == ["implemented"]
    implemented = page.locator('[data-testid="stMetric"]', has_text="Share implemented")
    expect(implemented.locator('[data-testid="stMetricValue"]')).to_have_text("100.0%")

    page.goto(f"{server.url}/outcomes")
    _wait_for_app(page)
    groups = page.locator('[data-testid="stDataFrame"]').nth(1)
    groups.scroll_into_view_if_needed()
    expect(page.get_by_text(re.compile(r"\d+ recurring proposals"))).to_be_visible()
    box = groups.bounding_box()
    # The first row's selection box sits at the left edge, one header height down.
    page.mouse.click(box["x"] + 16, box["y"] + 35 + 18)
    expect(page.get_by_text(re.compile(r"The [\d,]+ proposals of this group"))).to_be_visible(timeout=30_000)
    expect(page.locator('[data-testid="stDataFrame"]')).to_have_count(3)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "outcomes-recurring.png"), full_page=True)
    assert page.errors == [], page.errors

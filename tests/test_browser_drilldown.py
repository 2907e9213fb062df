"""Drill-down in a real headless Chromium: a click on a heatmap cell lists the proposals behind
it, and "Apply as filter" narrows the page and its URL to that cell.

Uses the app server and browser of tests/test_browser.py (Debian's chromium, no download).
"""

import re
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import expect

from tests.test_browser import SCREENSHOTS, _wait_for_app, browser, page, server  # noqa: F401 (fixtures)


def test_clicking_a_heatmap_cell_lists_its_proposals_and_applies_as_filter(server, page):  # noqa: F811
    page.goto(f"{server.url}/themes")
    _wait_for_app(page)
    chart = page.locator(".js-plotly-plot").first
    targets = chart.locator(".scatterlayer path.point")
    expect(targets.first).to_be_attached(timeout=60_000)
    # The cell's own hover text says what the chart shows there, e.g. "Migration in Batken: 38 proposals".
    hover = chart.evaluate("plot => plot.data[plot.data.length - 1].hovertext[0]")
    theme, region, number = re.fullmatch(r"(.+) in (.+): ([\d,]+) proposals", hover).groups()
    box = targets.first.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)

    listing = page.locator(".st-key-drill_themes_heatmap")
    expect(listing).to_be_visible(timeout=60_000)
    expect(listing).to_contain_text(f"{theme} proposals in {region}")
    expect(listing).to_contain_text(f"{number} proposals.")
    expect(listing.locator('[data-testid="stDataFrame"]')).to_be_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    listing.screenshot(path=str(SCREENSHOTS / "themes-drilldown.png"))

    listing.get_by_role("button", name="Apply as filter").click()
    page.wait_for_url(re.compile(r"region="), timeout=30_000)
    _wait_for_app(page)
    query = parse_qs(urlparse(page.url).query)
    assert query["region"] == [region]
    assert len(query["theme"]) == 1
    expect(page.locator('[data-testid="stSidebar"]').get_by_text(region, exact=True).first).to_be_visible()
    expect(page.locator(".st-key-drill_themes_heatmap")).to_have_count(0)
    narrowed = page.locator(".js-plotly-plot").first.evaluate("plot => plot.data[plot.data.length - 1].hovertext")
    assert narrowed == [hover]  # one cell left, with the same number
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    assert page.errors == []

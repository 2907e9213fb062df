"""The Russian and Kyrgyz interface in a real headless Chromium (Debian's, through Playwright's Python API).

Screenshots of every page in both languages land in artifacts/screenshots/<lang>/ for people to look at.
"""

import re
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect

from tests.test_browser import SCREENSHOTS, _wait_for_app, browser, page, registered_pages, server  # noqa: F401

FILTERS = {"ru": "Фильтры", "ky": "Чыпкалар"}
BRIEFING = {"ru": "Справка", "ky": "Маалымкат"}


@pytest.mark.parametrize("lang", ["ru", "ky"])
@pytest.mark.parametrize("path", registered_pages())
def test_every_page_opens_in_russian_and_kyrgyz(server, page, path, lang):  # noqa: F811
    page.goto(f"{server.url}/{path}?lang={lang}")
    _wait_for_app(page)
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar.get_by_text(FILTERS[lang], exact=True)).to_be_visible()
    expect(page.locator('[data-testid="stSidebarNav"]').get_by_text(BRIEFING[lang], exact=True)).to_be_visible()
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    # The main part scrolls inside the window: a window as tall as the page puts all of it in the picture.
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": 1400, "height": min(max(height, 1000), 9000)})
    page.wait_for_timeout(1500)  # charts redraw at the new size
    folder = SCREENSHOTS / lang
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{path or 'overview'}.png"), full_page=True)
    assert parse_qs(urlparse(page.url).query)["lang"] == [lang]
    assert page.errors == [], page.errors


def test_the_browser_language_is_the_default(server, browser):  # noqa: F811
    context = browser.new_context(locale="ru-RU", viewport={"width": 1400, "height": 1000})
    try:
        tab = context.new_page()
        tab.goto(server.url)
        _wait_for_app(tab)
        expect(tab.locator('[data-testid="stSidebar"]').get_by_text("Фильтры", exact=True)).to_be_visible()
        tab.wait_for_url(re.compile(r"lang=ru"), timeout=30_000)
    finally:
        context.close()


def test_switching_language_keeps_the_filters_and_the_link(server, page):  # noqa: F811
    page.goto(f"{server.url}/?region=Batken&demo=0")
    _wait_for_app(page)
    page.locator('[data-testid="stSidebar"] [data-testid="stSelectbox"]').first.click()
    page.get_by_role("option", name="Кыргызча", exact=True).click()
    page.wait_for_url(re.compile(r"lang=ky"), timeout=30_000)
    _wait_for_app(page)
    expect(page.locator('[data-testid="stSidebar"]').get_by_text("Чыпкалар", exact=True)).to_be_visible()
    query = parse_qs(urlparse(page.url).query)
    assert query["region"] == ["Batken"] and query["demo"] == ["0"]
    expect(page.locator('[data-testid="stSidebar"]').get_by_text("Баткен облусу", exact=True).first).to_be_visible()
    page.get_by_text("Ушул көрүнүшкө шилтеме").click()
    expect(page.locator('[data-testid="stCode"]').first).to_contain_text("lang=ky")

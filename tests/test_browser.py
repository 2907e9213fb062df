"""End to end in a real headless Chromium: `streamlit run` as a user starts it, every page opened.

Debian's chromium is driven through Playwright's Python API (`executable_path`); no browser is
downloaded. Screenshots of every page land in artifacts/screenshots/ for people to look at.
"""

import json
import os
import queue
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from playwright.sync_api import expect, sync_playwright

from dashboard import ingest, store
from dashboard.bench import load
from dashboard.bench.browser import region_option
from dashboard.config import CHROMIUM, CHROMIUM_ARGS
from dashboard.demo_data import add_demo_events
from tests.conftest import FOUNDING_REPORT, ROOT, run_cli

SCREENSHOTS = ROOT / "artifacts" / "screenshots"
STARTUP_SECONDS = 90
# A report whose every text field tries to run script in the page.
HOSTILE_REPORT = """<script>window.pwned = 'title'</script> Round table in Naryn
Date: 2023-05-05
Moderator: <img src=x onerror="window.pwned='moderator'">
Number of participants: 20, out of which 10 are women and 10 are men.
Proposals:
1. <script>window.pwned = 'proposal'</script> to build a school;
2. <img src=x onerror="window.pwned='img'"> to repair the road;
3. [click](javascript:window.pwned='link') to support migrants
"""


def registered_pages() -> list[str]:
    """URL paths of the pages in streamlit_app.py; the default page is served at '/'."""
    source = (ROOT / "streamlit_app.py").read_text(encoding="utf-8")
    paths = []
    for match in re.finditer(r'st\.Page\("dashboard/pages/(\w+)\.py"[^)]*\)', source):
        paths.append("" if "default=True" in match.group(0) else match.group(1))
    assert paths, "no pages found in streamlit_app.py"
    return paths


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_serving(process: subprocess.Popen, url: str) -> None:
    """Read the server's output until it says it serves, then check its health endpoint.

    A thread reads the output (and goes on reading it, so a chatty server never blocks on a full
    pipe): lines that arrive together sit in the reader's buffer, where select() cannot see them."""
    lines: queue.Queue = queue.Queue()

    def read() -> None:
        for line in process.stdout:
            lines.put(line)
        lines.put("")  # the server exited

    threading.Thread(target=read, daemon=True).start()
    deadline = time.monotonic() + STARTUP_SECONDS
    output = []
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=deadline - time.monotonic())
        except queue.Empty:
            break
        if not line:
            raise AssertionError("streamlit exited before serving:\n" + "".join(output))
        output.append(line)
        if "URL:" in line or "server started" in line:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=30) as response:
                assert response.read() == b"ok"
            return
    raise AssertionError("streamlit did not start in time:\n" + "".join(output))


@dataclass
class Server:
    url: str
    db: Path
    hostile_event_id: int
    pid: int


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("browser") / "browser.duckdb"
    con = store.connect(db)
    hostile = db.with_name("hostile.txt")
    hostile.write_text(HOSTILE_REPORT, encoding="utf-8")
    ingest.ingest_paths(con, [FOUNDING_REPORT, hostile])
    hostile_event_id = con.execute("select event_id from events where title like '%pwned%'").fetchall()[0][0]
    add_demo_events(con, 300, seed=42)
    con.close()
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "DASHBOARD_DB": str(db), "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "streamlit_app.py",
            "--server.port",
            str(port),
            "--server.headless",
            "true",
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        _wait_until_serving(process, url)
        yield Server(url, db, hostile_event_id, process.pid)
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture(scope="module")
def browser():
    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: tests/run.sh installs it"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    context.close()


def _wait_for_app(page) -> None:
    page.wait_for_selector('[data-testid="stApp"]', timeout=60_000)
    # Every page starts with its title: until it shows, the script has not drawn the page.
    page.locator('[data-testid="stMain"] h1').first.wait_for(timeout=60_000)
    # The status widget shows while a script runs; wait until the page has finished.
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " && !document.querySelector('[data-testid=\"stSkeleton\"]')"
        " && document.querySelector('[data-testid=\"stMain\"]')",
        timeout=60_000,
    )


@pytest.mark.parametrize("path", registered_pages())
def test_every_page_renders_without_errors(server, page, path):
    page.goto(f"{server.url}/{path}")
    _wait_for_app(page)
    charts = page.locator(".js-plotly-plot .main-svg")
    if path in ("", "participation", "themes", "proposals"):
        charts.first.wait_for(timeout=60_000)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{path or 'overview'}.png"), full_page=True)
    assert page.errors == [], page.errors


def test_changing_a_filter_updates_the_url_and_survives_page_changes(server, page):
    page.goto(server.url)
    _wait_for_app(page)
    regions = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
    regions.click()
    page.get_by_role("option", name="Batken", exact=True).click()
    page.keyboard.press("Escape")
    page.wait_for_url(re.compile(r"region=Batken"), timeout=30_000)
    _wait_for_app(page)
    assert parse_qs(urlparse(page.url).query)["region"] == ["Batken"]
    page.get_by_text("Copy link to this view").click()
    expect(page.locator('[data-testid="stCode"]').first).to_contain_text(
        re.compile(re.escape(server.url) + r"/?\?region=Batken")
    )
    page.keyboard.press("Escape")
    events_tile = page.locator('[data-testid="stMetricValue"]').first.inner_text()
    other_pages = [path for path in registered_pages() if path]
    if other_pages:
        page.locator('[data-testid="stSidebarNav"] a').nth(1).click()
        page.wait_for_url(re.compile(r"region=Batken"), timeout=30_000)
        _wait_for_app(page)
        expect(page.locator('[data-testid="stSidebar"]').get_by_text("Batken", exact=True).first).to_be_visible()
    page.goto(f"{server.url}/?region=Batken")
    _wait_for_app(page)
    assert page.locator('[data-testid="stMetricValue"]').first.inner_text() == events_tile


def test_quick_filter_changes_all_land_and_back_undoes_the_last(server, page):
    page.goto(server.url)
    _wait_for_app(page)
    for region in ("Batken", "Osh", "Naryn"):  # each picked without waiting for the page
        region_option(page, region).click()
        page.keyboard.press("Escape")
    page.wait_for_url(lambda url: _picked_regions_of(url) == ["Batken", "Osh", "Naryn"], timeout=30_000)
    _wait_for_app(page)
    chips = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').first
    for region in ("Batken", "Osh", "Naryn"):
        expect(chips.get_by_text(region, exact=True)).to_be_visible()
    page.go_back()  # the link before the last change: its filters come back
    page.wait_for_url(lambda url: "Naryn" not in _picked_regions_of(url), timeout=30_000)
    _wait_for_app(page)
    expect(chips.get_by_text("Naryn", exact=True)).to_have_count(0)
    expect(page.locator('[data-testid="stCaptionContainer"]').filter(has_text="Showing:").first).not_to_contain_text(
        "Naryn"
    )


def test_the_benchs_region_pick_opens_the_list_again_when_it_shows_no_option(server, page, monkeypatch):
    """A list that closed before the typing reached it (the first typing goes astray here) is
    opened again and the pick goes on, noted, instead of waiting minutes for an option."""
    from dashboard.bench import browser as bench_browser

    page.goto(server.url)
    _wait_for_app(page)
    monkeypatch.setattr(bench_browser, "REOPEN_MS", 1_000)
    monkeypatch.setattr(bench_browser, "TIMEOUT_MS", 3_000)
    typed = page.keyboard.type
    typings = []

    def first_typing_astray(text, **options):
        typings.append(text)
        typed("zz" if len(typings) == 1 else text, **options)

    monkeypatch.setattr(page.keyboard, "type", first_typing_astray)
    reopened = []
    region_option(page, "Osh", reopened).click()
    page.keyboard.press("Escape")
    page.wait_for_url(lambda url: _picked_regions_of(url) == ["Osh"], timeout=30_000)
    assert reopened == ["Osh"] and typings == ["Osh", "Osh"]


def _picked_regions_of(url: str) -> list[str]:
    return parse_qs(urlparse(url).query).get("region", [])


def test_a_shared_link_reproduces_the_view(server, page):
    page.goto(f"{server.url}/?region=Naryn&theme=migration&from=2020-01-01&to=2022-12-31&demo=0")
    _wait_for_app(page)
    assert page.locator('[data-testid="stMetricValue"]').first.inner_text() == "0"
    page.goto(f"{server.url}/?region=Batken&demo=0")
    _wait_for_app(page)
    assert page.locator('[data-testid="stMetricValue"]').first.inner_text() == "1"


def test_cli_import_beside_the_running_app_shows_up_without_reload(server, page, tmp_path):
    page.goto(f"{server.url}/?region=Batken&demo=0")
    _wait_for_app(page)
    events = page.locator('[data-testid="stMetricValue"]').first
    expect(events).to_have_text("1")
    report = tmp_path / "second_batken_event.txt"
    text = FOUNDING_REPORT.read_text(encoding="utf-8")
    report.write_text(text.replace("July 08, 2021", "July 09, 2021"), encoding="utf-8")
    result = run_cli("ingest", str(report), db=server.db)
    assert result.returncode == 0, result.stderr
    assert "handing the files to it" in result.stderr
    assert "added 1, updated 0, unchanged 0, failed 0" in result.stdout
    expect(events).to_have_text("2", timeout=10_000)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)


LOAD_SESSIONS = 20
LOAD_ROUNDS = 3
LOAD_REPORTS = 40


def test_twenty_sessions_filter_while_an_import_runs(server, tmp_path):
    """20 concurrent sessions apply filters while a CLI import goes through the app: no errors."""
    folder = tmp_path / "load_import"
    folder.mkdir()
    text = FOUNDING_REPORT.read_text(encoding="utf-8")
    for day in range(1, LOAD_REPORTS + 1):
        dated = text.replace("July 08, 2021", f"March {day % 28 + 1:02d}, {2000 + day}")
        (folder / f"load_{day:03d}.txt").write_text(dated, encoding="utf-8")
    figures = load.measure(server.url, server.pid, server.db, folder, LOAD_SESSIONS, LOAD_ROUNDS)
    imported = figures["import"]
    assert imported["returncode"] == 0, imported["stderr"]
    assert imported["through_app"] and imported["added"] == LOAD_REPORTS, imported
    assert figures["errors"] == []
    assert len(figures["page_run_seconds"]) == LOAD_SESSIONS * LOAD_ROUNDS
    assert figures["peak_rss_mb"] > 0
    report = {
        "sessions": LOAD_SESSIONS,
        "rounds": LOAD_ROUNDS,
        "p95_seconds": round(figures["p95_seconds"], 2),
        "median_seconds": round(figures["median_seconds"], 2),
        "imported_files": LOAD_REPORTS,
        "peak_rss_mb": round(figures["peak_rss_mb"]),
    }
    (ROOT / "artifacts").mkdir(exist_ok=True)
    (ROOT / "artifacts" / "load.json").write_text(json.dumps(report), encoding="utf-8")


def test_report_text_is_shown_as_text_and_never_runs(server, page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{server.url}/proposals?region=Naryn&demo=0")
    _wait_for_app(page)
    page.get_by_label("Search proposals").fill("script")
    page.keyboard.press("Enter")
    _wait_for_app(page)
    page.goto(f"{server.url}/events?event={server.hostile_event_id}&demo=0")
    _wait_for_app(page)
    # The event's own page holds the hostile title as plain text, not as markup.
    expect(page.get_by_text("<script>window.pwned = 'title'</script>", exact=False).first).to_be_attached()
    page.goto(f"{server.url}/?region=Naryn&demo=0")
    _wait_for_app(page)
    expect(page.locator('[data-testid="stException"]')).to_have_count(0)
    assert page.evaluate("() => window.pwned") is None
    assert dialogs == []
    assert page.errors == []


def test_an_event_fact_sheet_downloads_in_one_click(server, page, tmp_path):
    from pptx import Presentation

    page.goto(f"{server.url}/events?event=1&demo=0")
    _wait_for_app(page)
    button = page.get_by_role("button", name="Fact sheet (PowerPoint)")
    expect(button).to_be_enabled(timeout=30_000)
    with page.expect_download(timeout=90_000) as download:
        button.click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name == "event-1-fact-sheet.pptx"
    assert len(Presentation(str(saved)).slides) == 1


def test_values_dropped_from_a_link_show_as_text_never_as_a_link(server, page):
    bait = "[Session expired, sign in](https://evil.example)"
    for path in (f"?region={bait}", f"events?event={bait}", "?theme=www.evil.example&region=:red[x]"):
        page.goto(f"{server.url}/{path}")
        _wait_for_app(page)
        expect(page.get_by_text("Session expired" if "Session" in path else "evil.example").first).to_be_visible()
        expect(page.locator('[data-testid="stException"]')).to_have_count(0)
        assert page.locator('a[href*="evil"]').count() == 0, path
    assert page.errors == []

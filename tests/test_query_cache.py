"""The app's query cache stays bounded however many distinct filters viewers send."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

from dashboard import ui
from dashboard.filters import Filters


def test_the_cache_is_bounded_by_rows_entries_and_age(demo_store, monkeypatch):
    monkeypatch.setattr(ui, "CACHE_ROWS", 300)
    monkeypatch.setattr(ui, "CACHE_ROWS_PER_RESULT", 150)
    monkeypatch.setattr(ui, "CACHE_ENTRIES", 8)
    monkeypatch.setattr(ui, "CACHE_SECONDS", 1.0)
    monkeypatch.setattr(ui, "_cached_query", ui._QueryCache())
    # Dates varied in the URL, as a crawler or an attacker would: each is a new cache key.
    for day in range(40):
        filters = Filters(date_from=date(2020, 1, 1) + timedelta(days=day))
        result = ui.query("events_by_date", {**filters.params(), "limit": 100})
        assert len(result) == 100
        entries, rows = ui._cached_query.size()
        assert entries <= 8 and rows <= 300
    big = ui.query("events_by_date", {**Filters().params(), "limit": 500})
    assert len(big) == 201  # served, but larger than one entry may be: not kept
    assert ui._cached_query.size()[1] <= 300
    time.sleep(1.2)
    assert ui._cached_query.size() == (0, 0)


def test_a_page_changing_its_result_leaves_the_cache_alone(demo_store):
    ui.data_changed()
    first = ui.query("events_by_date", {**Filters().params(), "limit": 5})
    first["title"] = "changed by a page"
    assert "changed by a page" not in ui.query("events_by_date", {**Filters().params(), "limit": 5})["title"].tolist()


def _slow_frames(monkeypatch, seconds: float) -> list[str]:
    """ui.frame slowed down and counted, so runs of one query overlap."""
    runs: list[str] = []
    real = ui.frame

    def slow(cursor, name, params):
        runs.append(name)
        time.sleep(seconds)
        return real(cursor, name, params)

    monkeypatch.setattr(ui, "frame", slow)
    return runs


def test_viewers_asking_for_the_same_result_at_once_share_one_run(demo_store, monkeypatch):
    monkeypatch.setattr(ui, "_cached_query", ui._QueryCache())
    runs = _slow_frames(monkeypatch, 0.3)
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: ui.query("events_by_year", Filters()), range(8)))
    assert runs == ["events_by_year"]
    assert all(result.equals(results[0]) for result in results) and len(results[0]) > 1


def test_a_result_computed_while_the_data_changed_is_not_kept(demo_store, monkeypatch):
    monkeypatch.setattr(ui, "_cached_query", ui._QueryCache())
    runs = _slow_frames(monkeypatch, 0.3)
    with ThreadPoolExecutor(1) as pool:
        pending = pool.submit(ui.query, "events_by_year", Filters())
        time.sleep(0.1)
        ui.data_changed()  # an import finished while the query ran
        pending.result()
    ui.query("events_by_year", Filters())
    assert runs == ["events_by_year", "events_by_year"]


def test_queries_a_page_starts_together_run_side_by_side(demo_store, monkeypatch):
    monkeypatch.setattr(ui, "_cached_query", ui._QueryCache())
    both_running = threading.Barrier(2, timeout=10)
    real = ui.frame

    def meeting(cursor, name, params):
        both_running.wait()  # broken (an error) unless the other query runs at the same time
        return real(cursor, name, params)

    monkeypatch.setattr(ui, "frame", meeting)
    years, themes = ui.start("events_by_year", Filters()), ui.start("proposals_by_theme", Filters())
    monkeypatch.setattr(ui, "frame", real)
    ui.data_changed()
    assert years.result().equals(ui.query("events_by_year", Filters()))
    assert themes.result().equals(ui.query("proposals_by_theme", Filters()))


def test_a_started_query_no_thread_has_taken_runs_in_the_page_that_reads_it(demo_store, monkeypatch):
    """Other viewers' queries holding both threads cannot keep a page waiting for its own."""
    monkeypatch.setattr(ui, "_cached_query", ui._QueryCache())
    release = threading.Event()
    held_done: list[str] = []
    real = ui.frame

    def held(cursor, name, params):
        if name == "events_by_year":
            release.wait(timeout=10)
            held_done.append(name)
        return real(cursor, name, params)

    monkeypatch.setattr(ui, "frame", held)
    others = [ui.start("events_by_year", Filters(date_from=date(2000, 1, day))) for day in (1, 2)]
    mine = ui.start("proposals_by_theme", Filters())
    try:
        assert len(mine.result()) > 1 and held_done == []
    finally:
        release.set()
    assert all(len(other.result()) > 1 for other in others)

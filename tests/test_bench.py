"""The bench command end to end at a tiny size, and the pandas peer answering exactly what the SQL answers."""

import json

import pandas as pd
import pytest

from dashboard import bench
from dashboard.bench import pages as page_runs
from dashboard.sql import frame
from tests.conftest import run_cli


def test_bench_runs_end_to_end_with_json(tmp_path):
    result = run_cli(
        "bench",
        "--events",
        "2000",
        "--runs",
        "1",
        "--files",
        "5",
        "--sessions",
        "2",
        "--load-files",
        "3",
        "--json",
        db=tmp_path / "unused.duckdb",
    )
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert {"machine", "events", "runs", "pages", "peer", "search", "app", "ingest", "demo", "targets"} <= set(figures)
    assert {"browser", "load"} <= set(figures)
    assert figures["events"] == 2000 and figures["small_events"] == 20
    pages = {row["page"] for row in figures["pages"]}
    assert pages == set(page_runs.page_names()) and "outcomes" in pages
    for row in figures["pages"]:
        assert "error" not in row["large"], row
        assert {"median_ms", "min_ms", "max_ms"} <= set(row["large"]) and row["growth"] > 0
        assert {"median_ms", "min_ms", "max_ms"} <= set(row["large_figures_kept"])
        # Every page's demo note; the Overview's and the Participation page's read their metrics
        # (the same counts), and so does the rest of those pages: no query of its own there.
        note = {"overview": "metrics/", "participation": "metrics/participation_summary"}.get(row["page"])
        assert row["queries"][0].startswith(note or "demo_share"), row
        assert (note is None) == ("demo_share" in row["queries"]), row
    questions = {q["question"] for q in figures["peer"]["questions"]}
    assert {"stats summary", "proposals by theme", "events by year", "proposal text search"} <= questions
    assert figures["ingest"] == {**figures["ingest"], "files": 5, "added": 5, "failed": 0, "reimport_unchanged": 5}
    app = figures["app"]
    assert app["rss_mb"] > 0 and app["health_seconds"] <= app["connected_seconds"] <= app["first_page_seconds"]
    assert all(isinstance(row["pass"], bool) for row in figures["targets"])
    assert not (tmp_path / "unused.duckdb").exists(), "the bench must not touch the user's store"
    _check_live_measures(figures)


def _check_live_measures(figures: dict) -> None:
    """Filter changes in Chromium and the load test: counted in full, each with its PASS/MISS row."""
    browser = figures["browser"]
    assert set(browser["pages"]) == set(bench.BROWSER_PAGES)
    for timing in browser["pages"].values():
        assert "error" not in timing, timing
        assert timing["changes"] == len(timing["seconds"]) == 3 and timing["charts"] > 0, timing
    load = figures["load"]
    assert (load["sessions"], load["rounds"]) == (2, bench.LOAD_ROUNDS)
    assert load["errors"] == []
    assert load["page_runs"] == len(load["page_run_seconds"]) == load["page_runs_expected"] == 2 * bench.LOAD_ROUNDS
    assert load["import"] == {**load["import"], "files": 3, "returncode": 0, "through_app": True, "added": 3}
    assert load["peak_rss_mb"] >= figures["app"]["rss_mb"] * 0.5 and load["rss_samples"] > 0
    assert load["p95_seconds"] >= load["median_seconds"] > 0
    rows = [row["target"] for row in figures["targets"]]
    wanted = [
        "app: launch → first chart drawn",
        "Chromium, overview: filter change",
        "Chromium, themes: filter change",
        "page run p95",
        "page run median",
        "errors",
        "app server peak memory",
    ]
    for words in wanted:
        assert sum(words in row for row in rows) == 1, (words, rows)
    table = bench.markdown(figures)
    assert "| load: 2 sessions × 3 filter sets (websocket) during the import | 6 of 6 page runs" in table
    assert "| load: `ingest` of 3 report files beside the running app | added 3," in table
    # Skipped in a quick run: said so, and no target judged on a measure not taken.
    quick = {**figures, "browser": {"skipped": True}, "load": {"skipped": True}}
    quick["targets"] = bench.targets(quick, [])
    assert not any(row["target"].startswith(("Chromium,", "load")) for row in quick["targets"])
    assert len(quick["targets"]) == len(figures["targets"]) - 6
    table = bench.markdown(quick)
    assert "| load: sessions changing filters during an import | skipped |" in table
    assert "| Chromium: filter change → every chart drawn | skipped |" in table


def test_the_queries_a_page_runs_are_recorded_from_its_run(demo_store):
    recorded = page_runs.page_queries(demo_store)
    assert set(recorded) == set(page_runs.page_names())
    # A page starts its queries together (ui.start), so they are recorded in the order they run.
    # The demo note reads the Overview's headline metrics (without the medians its tiles do not show),
    # and its events per year add up from the coverage rows: no query of their own there.
    assert sorted(recorded["overview"]) == [
        "coverage_by_region_year",
        "metrics/headline_by_event",
        "proposals_by_theme",
    ]
    # The Proposals page asks for its newest proposals and their shown rows (with statuses), nothing more.
    assert sorted(recorded["proposals"]) == [
        "demo_share",
        "newest_proposals_in_view",
        "proposal_rows",
        "proposals_by_period_theme",
    ]


@pytest.mark.parametrize("case", list(bench.FILTER_CASES))
def test_pandas_peer_answers_like_the_sql(demo_store, case):
    filters = bench.FILTER_CASES[case]
    peer = bench.PandasPeer(demo_store)
    con = bench._open(demo_store)
    try:
        for question, sql_name, method, columns, keys in bench.QUESTIONS:
            sql_answer = frame(con.cursor(), sql_name, bench.query_params(sql_name, filters))
            peer_answer = bench.peer_answer(peer, method, filters)
            # 'water' is a rare word in the demo templates: only the whole store is sure to hold it.
            assert len(sql_answer) > 0 or (method == "proposals_by_search" and case != "no filters"), question
            pd.testing.assert_frame_equal(
                bench.comparable(peer_answer, columns, keys), bench.comparable(sql_answer, columns, keys), obj=question
            )
    finally:
        con.close()

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
        "bench", "--events", "2000", "--runs", "1", "--files", "5", "--json", db=tmp_path / "unused.duckdb"
    )
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert {"machine", "events", "runs", "pages", "peer", "search", "app", "ingest", "demo", "targets"} <= set(figures)
    assert figures["events"] == 2000 and figures["small_events"] == 20
    pages = {row["page"] for row in figures["pages"]}
    assert pages == set(page_runs.page_names()) and "outcomes" in pages
    for row in figures["pages"]:
        assert "error" not in row["large"], row
        assert {"median_ms", "min_ms", "max_ms"} <= set(row["large"]) and row["growth"] > 0
        assert {"median_ms", "min_ms", "max_ms"} <= set(row["large_figures_kept"])
        assert row["queries"][0] == "demo_share", row  # every page's sidebar note
    questions = {q["question"] for q in figures["peer"]["questions"]}
    assert {"stats summary", "proposals by theme", "events by year", "proposal text search"} <= questions
    assert figures["ingest"] == {**figures["ingest"], "files": 5, "added": 5, "failed": 0, "reimport_unchanged": 5}
    assert figures["app"]["rss_mb"] > 0 and figures["app"]["first_page_seconds"] >= figures["app"]["health_seconds"]
    assert all(isinstance(row["pass"], bool) for row in figures["targets"])
    assert not (tmp_path / "unused.duckdb").exists(), "the bench must not touch the user's store"


def test_the_queries_a_page_runs_are_recorded_from_its_run(demo_store):
    recorded = page_runs.page_queries(demo_store)
    assert set(recorded) == set(page_runs.page_names())
    assert recorded["overview"] == [
        "demo_share",
        "metrics/summary",
        "proposals_by_theme",
        "events_by_year",
        "coverage_by_region_year",
    ]
    # The Proposals page asks for its shown rows and their statuses, nothing more.
    assert recorded["proposals"] == [
        "demo_share",
        "proposals_by_period_theme",
        "proposal_search_matches",
        "proposal_rows",
        "outcomes/proposals_by_ids",
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

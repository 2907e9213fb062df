"""Proposal search through the word index (schema 009) finds exactly what a substring search
over the texts finds, and the index follows every write."""

import random

import pytest

from dashboard import store
from dashboard.filters import Filters
from dashboard.ingest import ingest_paths
from dashboard.sql import frame
from tests.conftest import FOUNDING_REPORT

EVERYTHING = 10**9


def _found(con, name: str, filters: Filters, term: str) -> list[int]:
    params = {**filters.params(), "search": term, "limit": EVERYTHING}
    return sorted(frame(con.cursor(), name, params)["proposal_id"].tolist())


def _terms(con) -> list[str]:
    """Whole words, parts of words, either case, Cyrillic, and terms that are not one word."""
    words = sorted(row[0] for row in con.execute("select word from derived_words").fetchall())
    rng = random.Random(5)
    terms = ["WATER", "вод", "a", "zz", "build a", "school,", "", "  "]
    for word in rng.sample(words, 25):
        terms += [word, word[1:-1] or word, word.upper()]
    return terms


@pytest.mark.parametrize("case", ["no filters", "one region", "one theme"])
def test_search_answers_like_the_substring_search(demo_store, case):
    filters = {
        "no filters": Filters(),
        "one region": Filters(regions=("Batken",)),
        "one theme": Filters(themes=("environment_water",)),
    }[case]
    con = store.connect(demo_store)
    try:
        found_any = 0
        for term in _terms(con):
            got = _found(con, "proposals_by_search", filters, term.strip())
            # The plain SQL: every filtered proposal whose text contains the term, any case.
            assert got == _found(con, "bench/proposals_by_search", filters, term.strip()), repr(term)
            found_any += bool(got)
        assert found_any > 20
    finally:
        con.close()


def test_the_index_follows_a_reingest(tmp_path):
    con = store.connect(tmp_path / "store.duckdb")
    try:
        ingest_paths(con, [FOUNDING_REPORT])
        assert _found(con, "proposals_by_search", Filters(), "hospital") == []
        changed = tmp_path / FOUNDING_REPORT.name
        text = FOUNDING_REPORT.read_text(encoding="utf-8").replace(
            "raise personnel issues", "build a new hospital and school"
        )
        changed.write_text(text, encoding="utf-8")
        assert ingest_paths(con, [changed]).count("updated") == 1
        for term in ("hospital", "ospita", "personnel", "personnel issues"):
            assert _found(con, "proposals_by_search", Filters(), term) == _found(
                con, "bench/proposals_by_search", Filters(), term
            ), term
        assert len(_found(con, "proposals_by_search", Filters(), "hospital")) == 1
    finally:
        con.close()

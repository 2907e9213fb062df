"""Proposal search through the word index (schema/011_proposal_word_index.sql) and rows fetched by id
(dashboard/search.py): the Proposals page's search answers exactly what the substring scan it replaced
answers (tests/data/reference_sql/), for any term and filters, and every writer keeps the index able to."""

import random
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard import reference, review, store
from dashboard.demo_data import add_demo_events
from dashboard.filters import Filters
from dashboard.ingest import ingest_paths
from dashboard.search import proposal_table
from dashboard.sql import frame
from tests.conftest import FOUNDING_REPORT, TEST_DATA
from tests.test_derived import _reference, _same

REFERENCE = (Path(__file__).parent / "data" / "reference_sql" / "proposals_by_search.sql").read_text(encoding="utf-8")
WORD = re.compile(r"[^\W_]+")
NO_FILTERS = Filters()


def search(con, term: str, filters: Filters = NO_FILTERS, limit: int = 500):
    params = {**filters.params(), "search": term, "limit": limit}
    run = lambda name, values: frame(con, name, values)  # noqa: E731
    return proposal_table(run, filters.params(), term, limit), _reference(con, REFERENCE, params)


def assert_same_search(con, term: str, filters: Filters = NO_FILTERS, limit: int = 500) -> None:
    actual, expected = search(con, term, filters, limit)
    _same(actual, expected, f"search {term!r} {filters}")


@pytest.fixture(scope="module")
def search_store(tmp_path_factory):
    """The founding report, reports in three languages and 150 demo events."""
    con = store.connect(tmp_path_factory.mktemp("search") / "store.duckdb")
    ingest_paths(con, [FOUNDING_REPORT, *sorted((TEST_DATA / "reports").glob("*.txt"))])
    add_demo_events(con, 150, seed=11)
    yield con
    con.close()


def terms_from_texts(texts: list[str], count: int, seed: int = 3) -> list[str]:
    """What people type: whole words, parts of words, other cases, several words, with punctuation."""
    chooser = random.Random(seed)
    terms = []
    for _ in range(count):
        text = chooser.choice(texts)
        start = chooser.randrange(len(text))
        piece = text[start : start + chooser.choice((2, 3, 4, 6, 9, 15, 30))]
        words = WORD.findall(text)
        terms += [piece, piece.upper(), chooser.choice(words) if words else piece]
    return [term for term in terms if term.strip()]


def test_every_kind_of_term_finds_what_the_substring_scan_finds(search_store):
    texts = [row[0] for row in search_store.execute("select text from proposals order by proposal_id").fetchall()]
    languages = search_store.execute("select distinct language from events where not is_demo").fetchall()
    assert {"en", "ru", "ky"} <= {row[0] for row in languages}
    fixed = ["", " ", ",", "-", "a", "ab", "zzqxj", "water supply", "(", "ЖАШТАР", "ң", "ө", "ү", "2021"]
    for term in fixed + terms_from_texts(texts, 150):
        assert_same_search(search_store, term.strip())


def test_a_search_that_matches_finds_at_least_one_proposal(search_store):
    """Guards the comparison above from agreeing on empty answers only."""
    text = search_store.execute("select text from proposals order by proposal_id limit 1").fetchall()[0][0]
    word = max(WORD.findall(text), key=len)
    actual, _ = search(search_store, word[1:-1].upper())
    assert len(actual) >= 1 and int(actual["matching"].iloc[0]) >= 1


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    regions=st.lists(st.sampled_from(reference.region_names()), max_size=2, unique=True).map(tuple),
    themes=st.lists(st.sampled_from(reference.theme_ids()), max_size=2, unique=True).map(tuple),
    include_demo=st.booleans(),
    term=st.sampled_from(["", "ра", "water", "мигра", "school", "жаш", "of the", "ОБ", "pension"]),
    limit=st.sampled_from([1, 7, 500]),
)
def test_search_under_filters_and_limits_answers_as_the_scan(search_store, regions, themes, include_demo, term, limit):
    filters = Filters(regions=regions, themes=themes, include_demo=include_demo)
    assert_same_search(search_store, term, filters, limit)


@pytest.mark.parametrize(
    "filters",
    [
        Filters(date_from=date(2021, 1, 1), date_to=date(2022, 6, 30)),
        Filters(event_types=("public_hearing", "round_table")),
        Filters(statuses=("no_response",)),
        Filters(statuses=("implemented", "partly_implemented", "under_review")),
        Filters(regions=("Osh",), statuses=("no_response",), include_demo=False),
        Filters(date_from=date(2020, 3, 1), themes=("health", "education_youth"), event_types=("round_table",)),
        Filters(themes=("health", "migration"), statuses=("no_response", "under_review")),
        Filters(themes=("education_youth",), date_from=date(2021, 1, 1), date_to=date(2022, 12, 31)),
    ],
)
def test_search_under_dates_types_and_statuses_answers_as_the_scan(search_store, filters):
    found = 0
    for term in ["", "water", "WATER", "wat", "school", "мигра", "жаш", "ра", "of the", "2021"]:
        actual, expected = search(search_store, term, filters)
        _same(actual, expected, f"search {term!r} {filters}")
        found += len(actual)
    assert found > 0, "each filter set finds something, so the comparison is not of empty answers"


def test_changed_and_removed_texts_are_found_as_they_now_read(tmp_path):
    con = store.connect(tmp_path / "store.duckdb")
    ingest_paths(con, [FOUNDING_REPORT])
    original = FOUNDING_REPORT.read_text(encoding="utf-8")
    old_words = [term for term in ("personnel", "pensions") if term in original.lower()]
    assert old_words, "the founding report's proposals name personnel or pensions"
    changed = tmp_path / FOUNDING_REPORT.name
    text = original.replace("raise personnel issues", "build a quarantine greenhouse")
    changed.write_text(text.rsplit("\n5. ", 1)[0] + "\n", encoding="utf-8")
    assert ingest_paths(con, [changed]).count("updated") == 1
    for term in ("greenhouse", "quarantine green", "personnel", *old_words, "issues"):
        assert_same_search(con, term)
    found, _ = search(con, "greenhouse")
    assert len(found) == 1
    assert search(con, "raise personnel issues")[0].empty
    con.close()


def test_the_words_of_a_removed_proposal_are_no_longer_found(tmp_path):
    """A single word is answered by the word index alone, so a re-import that drops a proposal must drop
    its words too."""
    con = store.connect(tmp_path / "store.duckdb")
    ingest_paths(con, [FOUNDING_REPORT])
    original = FOUNDING_REPORT.read_text(encoding="utf-8")
    kept, removed = original.rsplit("\n5. ", 1)
    removed_text = con.execute("select text from proposals order by event_id, position desc limit 1").fetchall()[0][0]
    assert removed_text in "5. " + removed
    changed = tmp_path / FOUNDING_REPORT.name
    changed.write_text(kept + "\n", encoding="utf-8")
    assert ingest_paths(con, [changed]).count("updated") == 1
    words = {word.lower() for word in WORD.findall(removed_text) if len(word) >= 3}
    kept_texts = " ".join(row[0].lower() for row in con.execute("select text from proposals").fetchall())
    only_removed = [word for word in words if word not in kept_texts]
    assert only_removed, "the removed proposal has a word no kept proposal has"
    for word in sorted(words):
        assert_same_search(con, word)
    for word in only_removed:
        assert search(con, word)[0].empty
    con.close()


def test_refreshing_unchanged_texts_does_not_grow_the_index(search_store):
    postings = "select count(*) from derived_proposal_words"
    before = search_store.execute(postings).fetchall()[0][0]
    proposal_id = search_store.execute("select max(proposal_id) from proposals").fetchall()[0][0]
    review.save_corrections(search_store, {proposal_id: ["health"]})  # refreshes that event's derived rows
    assert search_store.execute(postings).fetchall()[0][0] == before
    assert_same_search(search_store, "health")


def test_a_full_rebuild_gives_the_same_answers(search_store):
    terms = ["water", "ра", "of the", "мигрант", "2022"]
    before = {term: search(search_store, term)[0] for term in terms}
    search_store.execute("begin transaction")
    try:
        store.refresh_derived(search_store)
        for term in terms:
            _same(search(search_store, term)[0], before[term], term)
    finally:
        search_store.execute("rollback")

"""Derived tables (schema/004_derived_facts.sql): the rewritten queries answer exactly what the old
base-table queries (tests/data/reference_sql/) answer, and every writer keeps the tables exact."""

from datetime import date, timedelta
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from dashboard import backup, coverage, metrics, outcomes, recurring, reference, review, store
from dashboard.demo_data import add_demo_events
from dashboard.filters import Filters
from dashboard.ingest import ingest_paths
from dashboard.outcomes import STATUSES
from dashboard.sql import execute, frame, run_script, split_statements, statements
from tests.conftest import FOUNDING_REPORT, TEST_DATA

REFERENCE_SQL = Path(__file__).parent / "data" / "reference_sql"
DERIVED = (
    "derived_events",
    "derived_proposals",
    "derived_theme_months",
    "derived_outcome_months",
    "derived_outcome_days",
    "derived_outcome_years",
    "derived_outcome_year_days",
    "derived_recurring_months",
    "derived_recurring_years",
    "derived_theme_event_months",
    "derived_theme_days",
    "derived_recurring_event_masks",
    "derived_recurring_status_masks",
)
# The tables schema/016 adds.
YEARLY = ("derived_outcome_years", "derived_outcome_year_days", "derived_recurring_years", "derived_recurring_labels")
# The tables schema/017 adds.
MASKS = ("derived_recurring_event_masks", "derived_recurring_status_masks")
EXTRA = {"grain": "quarter", "focus_region": "Osh Region", "limit": 50}
# query file -> its reference file (old SQL over the base tables)
QUERIES = {
    "stats_summary": "stats_summary",
    "demo_share": "demo_share",
    "proposals_by_theme": "proposals_by_theme",
    "proposals_by_theme_region": "proposals_by_theme_region",
    "proposals_by_period_theme": "proposals_by_period_theme",
    "proposals_by_region_theme": "proposals_by_region_theme",
    "proposals_by_region": "proposals_by_region",
    "theme_share_region_vs_rest": "theme_share_region_vs_rest",
    "events_by_year": "events_by_year",
    "events_by_date": "events_by_date",
    "participation_by_gender_region": "participation_by_gender_region",
    "participation_by_region": "participation_by_region",
    "women_share_by_period": "women_share_by_period",
    "bench/proposals_by_theme_and_region": "proposals_by_theme_and_region",
    "bench/women_share_by_year": "women_share_by_year",
}
MACROS = {
    "filtered_events": "select * from {}($regions, $themes, $date_from, $date_to, $event_types, $include_demo)",
    "filtered_proposals": "select * from {}($regions, $themes, $date_from, $date_to, $event_types, $include_demo)",
}


def _reference(con, text: str, params: dict) -> pd.DataFrame:
    *setup, last = split_statements(text)
    assert not setup
    names = {name for name in params if f"${name}" in last}
    return con.sql(last, params={name: params[name] for name in names}).to_arrow_table().to_pandas()


def _same(actual: pd.DataFrame, expected: pd.DataFrame, what: str) -> None:
    """Equal values and types; row order only where the query fixes it (ties may come in any order)."""
    assert list(actual.columns) == list(expected.columns), what
    assert list(actual.dtypes) == list(expected.dtypes), what
    columns = list(actual.columns)
    if len(actual):
        actual = actual.sort_values(columns, na_position="first", ignore_index=True)
        expected = expected.sort_values(columns, na_position="first", ignore_index=True)
    pd.testing.assert_frame_equal(actual, expected, check_exact=True, obj=what)


def derived_rows(con) -> dict[str, list[tuple]]:
    return {table: con.execute(f"select * from {table} order by all").fetchall() for table in DERIVED}


def rebuilt_rows(con) -> dict[str, list[tuple]]:
    """What a rebuild from the base tables gives, without keeping it."""
    con.execute("begin transaction")
    try:
        store.refresh_derived(con)
        return derived_rows(con)
    finally:
        con.execute("rollback")


@pytest.fixture(scope="module")
def mixed_store(tmp_path_factory):
    """Founding report, a few ingested reports, 150 demo events and a manual correction; reference macros loaded."""
    path = tmp_path_factory.mktemp("derived") / "store.duckdb"
    con = store.connect(path)
    reports = sorted((TEST_DATA / "reports").glob("*.txt"))
    reports = reports[:4] + [path for path in reports if "nodate" in path.name]
    ingest_paths(con, [FOUNDING_REPORT, *reports])
    add_demo_events(con, 150, seed=5)
    proposal_id = con.execute("select min(proposal_id) from proposals").fetchall()[0][0]
    review.save_corrections(con, {proposal_id: ["health", "migration"]})
    run_script(con, (REFERENCE_SQL / "macros.sql").read_text(encoding="utf-8"))
    yield con
    con.close()


MONTH_EDGES = [date(year, month, 1) for year in (2019, 2021, 2022, 2024) for month in (1, 4, 7, 12)]
day = st.one_of(
    st.sampled_from(MONTH_EDGES),
    st.sampled_from(MONTH_EDGES).map(lambda d: d - timedelta(days=1)),
    st.dates(min_value=date(2014, 6, 1), max_value=date(2027, 1, 31)),
)
filters = st.builds(
    Filters,
    regions=st.lists(st.sampled_from(reference.region_names()), max_size=3, unique=True).map(tuple),
    themes=st.lists(st.sampled_from(reference.theme_ids()), max_size=3, unique=True).map(tuple),
    date_from=st.one_of(st.none(), day),
    date_to=st.one_of(st.none(), day),
    event_types=st.lists(st.sampled_from(sorted(reference.event_type_labels())), max_size=2, unique=True).map(tuple),
    include_demo=st.booleans(),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chosen=filters)
def test_rewritten_queries_answer_as_the_base_table_queries(mixed_store, chosen):
    params = {**chosen.params(), **EXTRA}
    for name, reference_name in QUERIES.items():
        text = (REFERENCE_SQL / f"{reference_name}.sql").read_text(encoding="utf-8")
        _same(frame(mixed_store, name, params), _reference(mixed_store, text, params), f"{name} {chosen}")
    for macro, template in MACROS.items():
        actual = _reference(mixed_store, template.format(macro), params)
        expected = _reference(mixed_store, template.format(f"ref_{macro}"), params)
        _same(actual, expected, f"{macro} {chosen}")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chosen=filters, limit=st.sampled_from([1, 7, 50, 10_000]))
def test_the_review_queue_answers_as_over_the_base_tables(mixed_store, chosen, limit):
    """Its order is total (ids break ties), so rows are compared in the order given."""
    params = {**chosen.params(), "limit": limit}
    text = (REFERENCE_SQL / "review_queue_by_proposal.sql").read_text(encoding="utf-8")
    expected = _reference(mixed_store, text, params)
    actual = frame(mixed_store, "review_queue_by_proposal", params)
    pd.testing.assert_frame_equal(actual, expected, check_exact=True, obj=str(chosen))


# Queries that read status_proposals_in_view in their own text (those that read it only through
# outcome_cells_in_view are checked against the history in test_figures_added_up_by_event_...).
STATUS_QUERIES = (
    "outcomes/proposals_by_status",
    "outcomes/response_times",
    "outcomes/oldest_unanswered",
    "outcomes/proposals_list",
    "metrics/summary_by_proposal",
    "recurring/groups",
    "recurring/group_summary",
    "recurring/group_members",
)
# Ordered by ids in the end, so their rows (some holding lists) are compared in the order given.
TOTALLY_ORDERED = {
    "outcomes/oldest_unanswered",
    "outcomes/proposals_list",
    "recurring/groups",
    "recurring/group_summary",
    "recurring/group_members",
}
statuses = st.lists(st.sampled_from(list(STATUSES)), max_size=2, unique=True).map(tuple)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chosen=filters, wanted=statuses)
def test_status_queries_answer_as_over_the_base_tables(mixed_store, chosen, wanted):
    """Each query that reads statuses, with status_proposals_in_view swapped for the same over
    the history (ref_status_proposals_in_view): the status columns of derived_proposals are exact."""
    params = {**chosen.with_(statuses=wanted).params(), "limit": 50, "min_events": 2, "group_id": 1}
    for name in STATUS_QUERIES:
        (text,) = statements(name)
        reference_text = text.replace("status_proposals_in_view(", "ref_status_proposals_in_view(")
        assert reference_text != text, name
        actual, expected = frame(mixed_store, name, params), _reference(mixed_store, reference_text, params)
        if name in TOTALLY_ORDERED:
            pd.testing.assert_frame_equal(actual, expected, check_exact=True, obj=f"{name} {chosen}")
        else:
            _same(actual, expected, f"{name} {chosen}")


def _run(con):
    return lambda name, values: frame(con, name, values)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chosen=filters, wanted=statuses, limit=st.sampled_from([1, 3, 20, 500]))
@example(chosen=Filters(themes=("health",)), wanted=(), limit=3)
@example(chosen=Filters(themes=("health", "migration"), date_from=date(2021, 4, 2)), wanted=("no_response",), limit=1)
def test_the_oldest_unanswered_from_the_oldest_events_are_the_plain_querys(mixed_store, chosen, wanted, limit):
    """Read from the oldest events first (under a theme filter), the rows are the plain query's (itself
    checked over the history above) whenever there are `limit` of them; the Outcomes page's always are."""
    params = {**chosen.with_(statuses=wanted).params(), "limit": limit}
    plain = frame(mixed_store, "outcomes/oldest_unanswered", params)
    read = frame(mixed_store, "outcomes/oldest_unanswered_by_events", params)
    if len(read) == limit:
        pd.testing.assert_frame_equal(read, plain, check_exact=True, obj=f"{chosen} {wanted} {limit}")
    shown = outcomes.oldest_unanswered(_run(mixed_store), params)
    pd.testing.assert_frame_equal(shown, plain, check_exact=True, obj=f"{chosen} {wanted} {limit}")


def test_the_oldest_unanswered_under_a_theme_are_read_from_the_oldest_events(mixed_store):
    """The common case takes the short way: the oldest events hold enough, and nothing else is asked."""
    params = {**Filters(themes=("health",)).params(), "limit": 3}
    asked = []

    def run(name, values):
        asked.append(name)
        return frame(mixed_store, name, values)

    shown = outcomes.oldest_unanswered(run, params)
    assert asked == ["outcomes/oldest_unanswered_by_events"] and len(shown) == 3
    pd.testing.assert_frame_equal(shown, frame(mixed_store, "outcomes/oldest_unanswered", params), check_exact=True)


def test_the_oldest_unanswered_read_every_event_on_the_last_read_events_date(tmp_path):
    """Events sharing the date of the last of the oldest events are all read, not only those counted
    first: on one date, proposals go by id, so the first may be in any of that date's events."""
    con = store.connect(tmp_path / "store.duckdb")
    add_demo_events(con, 40, seed=3)
    with store.transaction(con):
        con.execute("update events set event_date = date '2022-05-17'")
        store.refresh_derived(con)
    checked = 0
    for theme in reference.theme_ids():
        params = {**Filters(themes=(theme,)).params(), "limit": 1}
        plain = frame(con, "outcomes/oldest_unanswered", params)
        counted_first = sorted(frame(con, "events_by_date", {**params, "limit": 40})["event_id"])[:4]
        if plain.empty or plain["event_id"].iloc[0] in counted_first:
            continue  # only themes whose oldest unanswered proposal lies past the first events tell
        read = frame(con, "outcomes/oldest_unanswered_by_events", params)
        pd.testing.assert_frame_equal(read, plain, check_exact=True, obj=theme)
        checked += 1
    con.close()
    assert checked >= 2


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chosen=filters, wanted=statuses, min_events=st.integers(1, 3))
# whole years (the yearly cells), one theme within them, and whole months that are not whole years
@example(chosen=Filters(date_from=date(2021, 1, 1), date_to=date(2024, 12, 31)), wanted=(), min_events=1)
@example(chosen=Filters(themes=("health",), date_to=date(2022, 12, 31), include_demo=True), wanted=(), min_events=2)
@example(chosen=Filters(date_from=date(2021, 1, 1), date_to=date(2024, 11, 30)), wanted=(), min_events=1)
# whole months from the cells and the part-months at either end event by event, or proposal by proposal
@example(chosen=Filters(date_from=date(2020, 3, 15), date_to=date(2024, 8, 20)), wanted=(), min_events=2)
@example(chosen=Filters(themes=("health",), date_from=date(2019, 12, 9), include_demo=True), wanted=(), min_events=1)
@example(chosen=Filters(themes=("health", "migration"), include_demo=True), wanted=(), min_events=2)
@example(
    chosen=Filters(themes=("health", "migration"), date_from=date(2020, 3, 15), date_to=date(2024, 8, 20)),
    wanted=(),
    min_events=1,
)
def test_the_outcomes_page_recurring_queries_answer_as_the_full_groups(mixed_store, chosen, wanted, min_events):
    """The page's group summary is recurring/groups without the member lists, and a group's
    members fetched on selection are the proposals of its list, in the same order."""
    chosen = chosen.with_(statuses=wanted)
    params = {**chosen.params(), "min_events": min_events}
    full = frame(mixed_store, "recurring/groups", params)
    shown = ["group_id", "label", "size", "events", "regions", "first_date", "last_date", "statuses"]
    expected = full[shown].assign(regions=[list(regions) if regions is not None else [] for regions in full["regions"]])
    # The path chosen for the filters, and the general one (any filters).
    for name in {recurring.summary_query(chosen), "recurring/group_summary"}:
        summary = frame(mixed_store, name, params)
        actual = summary.assign(regions=[list(regions) for regions in summary["regions"]])
        pd.testing.assert_frame_equal(actual, expected, check_exact=True, obj=f"{name} {chosen}")
    for group in full.itertuples():
        members = frame(mixed_store, "recurring/group_members", {**params, "group_id": group.group_id})
        listed = frame(mixed_store, "outcomes/proposals_by_ids", {"proposal_ids": [int(i) for i in group.proposal_ids]})
        pd.testing.assert_frame_equal(members, listed, check_exact=True, obj=f"group {group.group_id} {chosen}")


# Queries that add up each event's follow-up figures (schema/012 and 014) or the monthly cells by
# theme mask and status (schema/014) -> their reference (the old count over every proposal). The
# metrics are added by the path dashboard/metrics.py chooses for the filters.
BY_EVENT = {
    "outcomes/shares_by_year": "outcomes_shares_by_year",
    "outcomes/status_by_region": "outcomes_status_by_region",
    "outcomes/status_by_theme": "outcomes_status_by_theme",
}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chosen=filters, wanted=st.one_of(st.just(()), statuses))
@example(chosen=Filters(themes=("health",)), wanted=())  # the page's common case: one theme, whole months
@example(chosen=Filters(themes=("health", "migration"), date_from=date(2021, 4, 1)), wanted=())
@example(chosen=Filters(themes=("health",), date_from=date(2021, 1, 1), date_to=date(2023, 12, 31)), wanted=())
@example(chosen=Filters(regions=("Osh",), date_to=date(2022, 12, 31)), wanted=("no_response",))
def test_figures_added_up_by_event_answer_as_proposal_by_proposal(mixed_store, chosen, wanted):
    """With the statuses taken from the history in the reference, so the events' figures are checked too."""
    chosen = chosen.with_(statuses=wanted)
    params = chosen.params()
    for name, reference_name in {metrics.query_name(chosen): "metrics_summary", **BY_EVENT}.items():
        expected = _metrics_reference(mixed_store, reference_name, params)
        _same(frame(mixed_store, name, params), expected, f"{name} {chosen}")


def _metrics_reference(con, reference_name: str, params: dict) -> pd.DataFrame:
    text = (REFERENCE_SQL / f"{reference_name}.sql").read_text(encoding="utf-8")
    return _reference(con, text.replace("status_proposals_in_view(", "ref_status_proposals_in_view("), params)


# Filters for which dashboard/metrics.py chooses each path of the headline metrics.
SUMMARY_PATHS = {
    "metrics/summary_by_event": [
        Filters(),
        Filters(regions=("Osh", "Chuy"), date_from=date(2021, 4, 1)),
        # Whole years (the yearly cells of schema/016).
        Filters(date_from=date(2021, 1, 1), date_to=date(2023, 12, 31)),
        Filters(regions=("Osh",), date_to=date(2022, 12, 31)),
    ],
    "metrics/summary_by_event_days": [Filters(date_from=date(2021, 4, 2)), Filters(date_to=date(2022, 2, 27))],
    "metrics/summary_by_theme": [
        Filters(themes=("health",)),
        # Whole months inside years and across them.
        Filters(themes=("health",), date_from=date(2020, 4, 1), date_to=date(2023, 5, 31)),
        Filters(themes=("health",), date_from=date(2022, 1, 1), date_to=date(2022, 12, 31)),
    ],
    "metrics/summary_by_themes": [
        Filters(themes=("health", "migration")),
        Filters(themes=("health", "migration"), date_to=date(2024, 12, 31)),
        Filters(themes=("health", "migration"), date_to=date(2024, 11, 30)),
        # Dates off month boundaries: whole months from the cells, the part-months proposal by proposal.
        Filters(themes=("health",), date_to=date(2022, 3, 15)),
        Filters(themes=("health", "migration"), date_from=date(2020, 4, 9), date_to=date(2023, 5, 30)),
        Filters(themes=("migration",), date_from=date(2019, 6, 3), date_to=date(2022, 7, 28)),
    ],
    "metrics/summary_by_proposal": [
        Filters(statuses=("accepted", "no_response")),
        Filters(themes=("health",), statuses=("implemented", "no_response"), date_from=date(2019, 2, 11)),
    ],
}


@pytest.mark.parametrize(("name", "chosen"), [(name, f) for name, cases in SUMMARY_PATHS.items() for f in cases])
def test_each_path_of_the_metrics_answers_as_proposal_by_proposal(mixed_store, name, chosen):
    """Each path of queries/metrics/ gives the plain count's figures for the filters it is chosen for;
    the proposal-by-proposal path gives them for any filters."""
    assert metrics.query_name(chosen) == name
    expected = _metrics_reference(mixed_store, "metrics_summary", chosen.params())
    assert expected["proposals"][0] > 0 and expected["answered"][0] > 0, "the case should count something"
    for path in (name, "metrics/summary_by_proposal"):
        _same(frame(mixed_store, path, chosen.params()), expected, f"{path} {chosen}")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chosen=filters, statuses=st.lists(st.sampled_from(sorted(STATUSES)), max_size=2, unique=True).map(tuple))
def test_the_demo_note_counts_from_a_pages_metrics_as_from_its_own_query(mixed_store, chosen, statuses):
    """The Overview's and the Participation page's demo notes read their metrics' row
    (ui.page_filters(summary_query=...)): whichever path answers the filters, its events and demo
    events are those of demo_share.sql."""
    chosen = chosen.with_(statuses=statuses)
    own = frame(mixed_store, "demo_share", chosen.params()).astype("int64")
    for summary_query in (metrics.query_name, metrics.headline_query_name, metrics.participation_query_name):
        note = frame(mixed_store, summary_query(chosen), chosen.params())[["events", "demo_events"]]
        assert note.astype("int64").equals(own), (summary_query.__name__, chosen)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chosen=filters, statuses=st.lists(st.sampled_from(sorted(STATUSES)), max_size=2, unique=True).map(tuple))
@example(chosen=Filters(themes=("health", "migration")), statuses=())
@example(chosen=Filters(themes=("health",), date_from=date(2021, 4, 9)), statuses=("implemented",))
def test_the_participation_figures_are_the_headline_metrics_ones(mixed_store, chosen, statuses):
    """The Participation page's own statement gives every participation metric, and its events, as
    the plain count of the headline metrics does under the same filters."""
    chosen = chosen.with_(statuses=statuses)
    participation = frame(mixed_store, metrics.participation_query_name(chosen), chosen.params())
    expected = _metrics_reference(mixed_store, "metrics_summary", chosen.params())
    shown = metrics.Figures.from_row(participation.iloc[0])
    shown_on_the_page = {"participants", "women", "men", "unspecified", "women_share", "participants_with_split"}
    assert set(shown.values) == {*shown_on_the_page, "events", "regions_covered"}
    _same(participation, expected[participation.columns], str(chosen))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chosen=filters, statuses=st.lists(st.sampled_from(sorted(STATUSES)), max_size=2, unique=True).map(tuple))
@example(chosen=Filters(date_from=date(2018, 3, 15), date_to=date(2023, 8, 20)), statuses=())
@example(chosen=Filters(regions=("Osh",), date_from=date(2016, 1, 1)), statuses=())
def test_the_overviews_tiles_are_the_headline_metrics_ones(mixed_store, chosen, statuses):
    """The Overview's own statement gives every metric it has as the plain count of the headline
    metrics does, under any filters (part-month dates too); without a theme or status filter it is the
    row without the medians of days, which no tile shows."""
    chosen = chosen.with_(statuses=statuses)
    name = metrics.headline_query_name(chosen)
    row = frame(mixed_store, name, chosen.params())
    expected = _metrics_reference(mixed_store, "metrics_summary", chosen.params())
    shown = metrics.Figures.from_row(row.iloc[0])
    assert set(metrics.OVERVIEW_TILES) <= set(shown.values)
    if not (chosen.themes or chosen.statuses):
        assert name == "metrics/headline_by_event"
        assert not {"median_days_to_response", "median_days_to_implementation"} & set(shown.values)
    _same(row, expected[row.columns], str(chosen))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chosen=filters)
@example(chosen=Filters(include_demo=False))
def test_the_overviews_events_per_year_add_up_from_its_coverage(mixed_store, chosen):
    """The Overview draws its events per year from the coverage query's rows (one query fewer): the
    years, events and participants of events_by_year over the base tables, demo in or out."""
    years = coverage.events_by_year(frame(mixed_store, "coverage_by_region_year", chosen.params()), chosen.include_demo)
    text = (REFERENCE_SQL / "events_by_year.sql").read_text(encoding="utf-8")
    expected = _reference(mixed_store, text, chosen.params()).astype("int64")
    pd.testing.assert_frame_equal(years, expected, check_exact=True, obj=str(chosen))


month_start = st.sampled_from(MONTH_EDGES)
one_theme_whole_months = st.builds(
    Filters,
    regions=st.lists(st.sampled_from(reference.region_names()), max_size=2, unique=True).map(tuple),
    themes=st.sampled_from(reference.theme_ids()).map(lambda theme: (theme,)),
    date_from=st.one_of(st.none(), month_start),
    date_to=st.one_of(st.none(), month_start.map(lambda d: d - timedelta(days=1))),
    event_types=st.lists(st.sampled_from(sorted(reference.event_type_labels())), max_size=2, unique=True).map(tuple),
    include_demo=st.booleans(),
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chosen=one_theme_whole_months)
def test_the_metrics_under_one_theme_answer_as_proposal_by_proposal(mixed_store, chosen):
    """The cells per theme (schema/015) under any region, whole-month dates, event type and demo filters."""
    assert metrics.query_name(chosen) == "metrics/summary_by_theme"
    expected = _metrics_reference(mixed_store, "metrics_summary", chosen.params())
    _same(frame(mixed_store, "metrics/summary_by_theme", chosen.params()), expected, str(chosen))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(chosen=filters, limit=st.sampled_from([None, 1, 5, 500]))
def test_participation_problems_answer_as_over_the_base_tables(mixed_store, chosen, limit):
    """The first `limit` problems in the old order, each row counting all of them."""
    params = {**chosen.params(), "limit": limit}
    text = (REFERENCE_SQL / "events_with_participation_problems.sql").read_text(encoding="utf-8")
    expected = _reference(mixed_store, text, params)
    actual = frame(mixed_store, "events_with_participation_problems", params)
    assert (actual["problems"] == len(expected)).all()
    shown = expected if limit is None else expected.head(limit)
    # A head of the full reference keeps a column's float type for nulls the shown rows may not have.
    pd.testing.assert_frame_equal(
        actual.drop(columns="problems"), shown, check_exact=True, check_dtype=limit is None, obj=str(chosen)
    )


def test_the_fixture_store_has_recurring_groups(mixed_store):
    groups = frame(mixed_store, "recurring/group_summary", {**Filters(include_demo=True).params(), "min_events": 2})
    assert len(groups) >= 3 and (groups["size"] >= 2).all()


def test_status_writes_keep_the_derived_tables_exact(tmp_path):
    con = store.connect(tmp_path / "store.duckdb")
    ingest_paths(con, [FOUNDING_REPORT])
    add_demo_events(con, 30, seed=3)
    ids = [row[0] for row in con.execute("select proposal_id from proposals order by proposal_id limit 3").fetchall()]
    for proposal_id, status in zip(ids, ("accepted", "implemented", "declined"), strict=True):
        outcomes.record_status(con, {"proposal_id": proposal_id, "status": status, "date": "2026-01-05"}, "tester")
    assert [
        row[0]
        for row in con.execute(
            "select status from derived_proposals where list_contains(?, proposal_id) order by proposal_id", [ids]
        ).fetchall()
    ] == ["accepted", "implemented", "declined"]
    assert derived_rows(con) == rebuilt_rows(con)
    # Regrouping rewrites each event's groups and the groups' monthly cells.
    con.execute("delete from derived_recurring_state")
    recurring.ensure_current(con)
    assert con.execute("select count(*) from derived_recurring_months").fetchall()[0][0] > 0
    assert derived_rows(con) == rebuilt_rows(con)
    assert _labels(con)[0] and _labels(con)[0] == _labels(con)[1]


def _labels(con) -> tuple[list[tuple], list[tuple]]:
    """The groups' labels as kept apart (schema/016), and as marked among the grouped proposals."""
    kept = con.execute("select group_id, proposal_id from derived_recurring_labels order by all").fetchall()
    marked = con.execute("select group_id, proposal_id from derived_recurring where is_label order by all").fetchall()
    return kept, marked


def test_the_review_queue_puts_reviewed_proposals_last(mixed_store):
    queue = frame(mixed_store, "review_queue_by_proposal", {**Filters(include_demo=True).params(), "limit": 10_000})
    assert queue["reviewed_at"].notna().sum() == 1
    assert pd.notna(queue["reviewed_at"].iloc[-1])
    unreviewed = queue["confidence"].iloc[:-1].dropna()
    assert len(unreviewed) > 10 and unreviewed.is_monotonic_increasing


def test_every_grain_of_the_trend_matches(mixed_store):
    for grain in ("month", "quarter", "year"):
        params = {**Filters(date_from=date(2021, 3, 1), date_to=date(2024, 6, 30)).params(), **EXTRA, "grain": grain}
        text = (REFERENCE_SQL / "proposals_by_period_theme.sql").read_text(encoding="utf-8")
        expected = _reference(mixed_store, text, params)
        assert len(expected) > 0
        _same(frame(mixed_store, "proposals_by_period_theme", params), expected, grain)


def test_the_fixture_store_has_what_the_properties_need(mixed_store):
    assert derived_rows(mixed_store) == rebuilt_rows(mixed_store)
    counts = mixed_store.execute(
        "select count(*) filter (where not is_demo), count(*) filter (where event_date is null) from derived_events"
    ).fetchall()[0]
    assert counts[0] >= 5 and counts[1] >= 1  # real reports, and one without a date
    manual = mixed_store.execute("select count(*) from proposal_themes where source = 'manual'").fetchall()[0][0]
    assert manual == 2


def test_writes_keep_the_derived_tables_exact(tmp_path):
    con = store.connect(tmp_path / "store.duckdb")
    ingest_paths(con, [FOUNDING_REPORT])
    assert derived_rows(con)["derived_events"]
    assert derived_rows(con) == rebuilt_rows(con)
    # Re-ingest of a changed report: new counts, a proposal rewritten with other themes, one dropped.
    changed = tmp_path / FOUNDING_REPORT.name
    text = FOUNDING_REPORT.read_text(encoding="utf-8")
    text = text.replace("50, out of which 22", "52, out of which 24").replace(
        "raise personnel issues", "build a new hospital and school"
    )
    changed.write_text(text.rsplit("\n5. ", 1)[0] + "\n", encoding="utf-8")
    summary = ingest_paths(con, [changed])
    assert summary.count("updated") == 1, summary.describe()
    assert con.execute("select proposals, total from derived_events").fetchall() == [(4, 52)]
    assert derived_rows(con) == rebuilt_rows(con)
    assert _labels(con)[0] == _labels(con)[1]
    add_demo_events(con, 30, seed=9)
    proposal_id = con.execute("select max(proposal_id) from proposals").fetchall()[0][0]
    review.save_corrections(con, {proposal_id: ["defense_security"]})
    mask = con.execute("select theme_mask from derived_proposals where proposal_id = ?", [proposal_id]).fetchall()[0][0]
    assert mask == 1 << con.execute("select bit from themes where theme_id = 'defense_security'").fetchall()[0][0]
    assert derived_rows(con) == rebuilt_rows(con)
    before = derived_rows(con)
    folder = tmp_path / "backup"
    backup.backup(con, folder)
    con.close()
    target = tmp_path / "restored.duckdb"
    backup.restore(folder, target)
    restored = duckdb.connect(str(target))
    assert derived_rows(restored) == before
    restored.close()


def _store_of_version_3(tmp_path) -> tuple[Path, dict]:
    """A store of schema version 3 (before the derived tables) holding some reports, and the answers a
    current store with the same reports gives."""
    current = store.connect(tmp_path / "current.duckdb")
    ingest_paths(current, [FOUNDING_REPORT, *sorted((TEST_DATA / "reports").glob("ru_*.txt"))[:2]])
    params = Filters().params()
    expected = {name: frame(current, name, params) for name in ("stats_summary", "proposals_by_theme")}
    current.close()
    old = duckdb.connect(str(tmp_path / "old.duckdb"))
    execute(old, "write/create_schema_version")
    for version, path in store.migrations():
        if version <= 3:
            run_script(old, path.read_text(encoding="utf-8"))
            execute(old, "write/insert_schema_version", {"version": version})
    old.execute(f"attach '{tmp_path / 'current.duckdb'}' as src (read_only)")
    # Columns added after version 3 are left out.
    later = {
        "themes": "bit",
        "events": "warnings",
        "proposals": "span_start, span_end",
        "proposal_themes": "confidence",
    }
    for table in backup.tables_of(3)[1:]:
        old.execute(
            f"insert into {table} select * exclude ({later[table]}) from src.{table}"
            if table in later
            else f"insert into {table} select * from src.{table}"
        )
    old.execute("detach src")
    old.close()
    return tmp_path / "old.duckdb", expected


def _assert_backfilled(upgraded, expected: dict) -> None:
    assert store.schema_version(upgraded) == store.latest_schema_version()
    # Theme bits may be numbered differently from the other store, so compare answers, not masks.
    assert len(derived_rows(upgraded)["derived_proposals"]) == expected["stats_summary"]["proposals"][0]
    assert derived_rows(upgraded) == rebuilt_rows(upgraded)
    for name, answer in expected.items():
        _same(frame(upgraded, name, Filters().params()), answer, name)


def test_an_older_store_is_backfilled_on_upgrade(tmp_path):
    path, expected = _store_of_version_3(tmp_path)
    upgraded = store.connect(path)
    _assert_backfilled(upgraded, expected)
    upgraded.close()


def test_an_upgrade_stopped_while_backfilling_is_done_again_on_the_next_start(tmp_path, monkeypatch):
    """A process killed during the backfill (as a long upgrade of a big store can be) must not leave the
    store at the new version with its derived tables empty: the next start upgrades it again."""
    path, expected = _store_of_version_3(tmp_path)

    def stopped(con, event_ids=None):
        raise KeyboardInterrupt

    with monkeypatch.context() as patched:
        patched.setattr(store, "refresh_derived", stopped)
        with pytest.raises(KeyboardInterrupt):
            store.connect(path)
    reopened = duckdb.connect(str(path))
    assert store.schema_version(reopened) == 3
    reopened.close()
    upgraded = store.connect(path)
    _assert_backfilled(upgraded, expected)
    upgraded.close()


def test_macros_are_defined_anew_on_every_connect(tmp_path):
    """A store keeps the macros of the program that last opened it; the next open replaces them."""
    path = tmp_path / "store.duckdb"
    con = store.connect(path)
    ingest_paths(con, [FOUNDING_REPORT])
    params = Filters().params()
    expected = {name: frame(con, name, params) for name in ("stats_summary", "proposals_by_theme")}
    version = store.schema_version(con)
    con.close()
    # As an older program might have left them: a filter that passes nothing, a view missing.
    stale = duckdb.connect(str(path))
    stale.execute(
        "create or replace macro passes_filters(regions, date_from, date_to, event_types, include_demo, "
        "row_region_id, row_date, row_event_type, row_is_demo) as false"
    )
    stale.execute("drop view proposal_status")
    assert frame(stale, "stats_summary", params)["events"][0] == 0
    stale.close()
    con = store.connect(path)
    assert store.schema_version(con) == version
    for name, answer in expected.items():
        _same(frame(con, name, params), answer, name)
    assert (
        con.execute("select count(*) from proposal_status").fetchall()[0][0]
        == expected["stats_summary"]["proposals"][0]
    )
    con.close()


def test_the_median_of_an_even_count_is_the_mean_of_the_middle_two(tmp_path):
    """The headline median from the counts per day value (whole months) and from each event's days."""
    con = store.connect(tmp_path / "store.duckdb")
    ingest_paths(con, [FOUNDING_REPORT])
    (event_date,) = con.execute("select event_date from events").fetchall()[0]
    ids = [row[0] for row in con.execute("select proposal_id from proposals order by proposal_id limit 4").fetchall()]
    for proposal_id, days in zip(ids, (10, 20, 40, 80), strict=True):
        answered = {"proposal_id": proposal_id, "status": "accepted", "date": str(event_date + timedelta(days=days))}
        outcomes.record_status(con, answered, "tester")
    whole_months = Filters(include_demo=True)
    some_days = Filters(include_demo=True, date_from=event_date - timedelta(days=3))
    for chosen in (whole_months, some_days):
        summary = frame(con, metrics.query_name(chosen), chosen.params()).iloc[0]
        assert (summary["answered"], summary["median_days_to_response"]) == (4, 30.0), chosen
    assert derived_rows(con) == rebuilt_rows(con)


def test_a_store_of_version_14_gets_the_theme_cells_on_upgrade(tmp_path):
    """A store from before schema/015 (as the program of that time left it) is given the cells per theme
    and answers the headline metrics under one theme as before."""
    path = tmp_path / "store.duckdb"
    con = store.connect(path)
    ingest_paths(con, [FOUNDING_REPORT])
    add_demo_events(con, 40, seed=4)
    most = "select theme_id from derived_theme_months group by theme_id order by sum(proposals) desc, theme_id"
    (theme,) = con.execute(most).fetchall()[0]
    chosen = Filters(themes=(theme,))
    expected = frame(con, "metrics/summary_by_proposal", chosen.params())
    con.close()
    old = duckdb.connect(str(path))
    old.execute("drop table derived_theme_event_months")
    old.execute("drop table derived_theme_days")
    for table in YEARLY + MASKS:
        old.execute(f"drop table {table}")
    old.execute("delete from schema_version where version >= 15")
    old.close()
    upgraded = store.connect(path)
    assert store.schema_version(upgraded) == store.latest_schema_version()
    rows = derived_rows(upgraded)
    assert rows["derived_theme_event_months"] and rows["derived_theme_days"]
    assert rows == rebuilt_rows(upgraded)
    _same(frame(upgraded, metrics.query_name(chosen), chosen.params()), expected, str(chosen))
    upgraded.close()


@pytest.mark.parametrize(("version", "added"), [(15, YEARLY + MASKS), (16, MASKS)])
def test_a_store_of_version_15_or_16_gets_the_recurring_cells_without_a_backfill(tmp_path, monkeypatch, version, added):
    """schema/016 adds up the monthly cells a store already has, schema/017 its grouped proposals: the
    upgrade runs no backfill of every derived table (a quarter of an hour at 1,000,000 events), and
    gives what a rebuild gives."""
    path = tmp_path / "store.duckdb"
    con = store.connect(path)
    ingest_paths(con, [FOUNDING_REPORT])
    add_demo_events(con, 60, seed=6)
    chosen = {**Filters(include_demo=True).params(), "min_events": 2}
    expected = frame(con, "recurring/groups", chosen)
    con.close()
    old = duckdb.connect(str(path))
    for table in added:
        old.execute(f"drop table {table}")
    old.execute("delete from schema_version where version > ?", [version])
    old.close()

    def backfill(con, event_ids=None):
        raise AssertionError("a backfill of every derived table")

    with monkeypatch.context() as patched:
        patched.setattr(store, "refresh_derived", backfill)
        upgraded = store.connect(path)
    assert store.schema_version(upgraded) == store.latest_schema_version()
    rows = derived_rows(upgraded)
    assert all(rows[table] for table in added if table in DERIVED)
    assert rows == rebuilt_rows(upgraded)
    assert _labels(upgraded)[0] and _labels(upgraded)[0] == _labels(upgraded)[1]
    summary = frame(upgraded, "recurring/group_summary", chosen)
    assert len(summary) >= 3
    as_lists = {"regions": lambda frame: [list(regions) if regions is not None else [] for regions in frame["regions"]]}
    pd.testing.assert_frame_equal(
        summary.assign(**as_lists), expected[list(summary.columns)].assign(**as_lists), check_exact=True
    )
    upgraded.close()

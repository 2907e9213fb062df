"""Recurring proposals: `recurring --json` groups reworded copies made at different events and keeps
different requests apart; the grouping's measured quality holds on our labelled pairs."""

import csv
import json

from dashboard import recurring, store
from dashboard.demo_data import add_demo_events
from dashboard.evaluation import recurring as evaluation
from dashboard.ingest import ingest_paths
from tests.conftest import run_cli

GROUP_KEYS = {
    "group_id",
    "label",
    "size",
    "events",
    "regions",
    "first_date",
    "last_date",
    "themes",
    "statuses",
    "proposal_ids",
}
# Our own wording: the same three requests reworded at four events, and requests that differ.
EVENTS = [
    (
        "Round table on water",
        "2019-03-02",
        "Batken",
        [
            "to build a new school in the village of Kara-Bak",
            "to provide the village with clean drinking water",
            "to open a youth centre in the district",
        ],
    ),
    (
        "Public hearing on services",
        "2020-05-14",
        "Naryn",
        [
            "build a new school in the village",
            "provide clean drinking water to the villages",
            "to raise salaries of doctors in the district hospital",
        ],
    ),
    (
        "Open dialogue platform",
        "2022-09-30",
        "Osh",
        [
            "It is necessary to build a new school in our village",
            "to reduce the tariffs for electricity",
        ],
    ),
    (
        "Forum of young leaders",
        "2024-04-11",
        "Talas",
        [
            "to ban the sale of alcohol near schools",
            "we propose to provide the village with clean drinking water",
        ],
    ),
]


def _table(path, events):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["title", "date", "region", "proposals"])
        for title, day, region, proposals in events:
            writer.writerow([title, day, region, "|".join(proposals)])
    return path


def _store(tmp_path):
    table = _table(tmp_path / "events.csv", EVENTS)
    db = tmp_path / "recurring.duckdb"
    result = run_cli("ingest", str(table), db=db)
    assert result.returncode == 0, result.stderr
    return db


def _groups(db, *args) -> list[dict]:
    result = run_cli("recurring", "--json", *args, db=db)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _texts(db) -> dict[int, str]:
    result = run_cli("proposals", "--json", db=db)
    return {row["id"]: row["text"] for row in json.loads(result.stdout)}


def test_reworded_copies_at_different_events_are_grouped_and_different_requests_kept_apart(tmp_path):
    db = _store(tmp_path)
    texts = _texts(db)
    groups = _groups(db)
    assert all(GROUP_KEYS == group.keys() for group in groups)
    found = sorted(sorted(texts[pid] for pid in group["proposal_ids"]) for group in groups)
    assert found == sorted(
        [
            sorted(
                [
                    "to build a new school in the village of Kara-Bak",
                    "build a new school in the village",
                    "It is necessary to build a new school in our village",
                ]
            ),
            sorted(
                [
                    "to provide the village with clean drinking water",
                    "provide clean drinking water to the villages",
                    "we propose to provide the village with clean drinking water",
                ]
            ),
        ]
    )
    school = next(group for group in groups if "school" in group["label"])
    assert (school["size"], school["events"]) == (3, 3)
    assert school["regions"] == ["Batken", "Naryn", "Osh"]
    assert (school["first_date"], school["last_date"]) == ("2019-03-02", "2022-09-30")
    assert school["statuses"] == {"no_response": 3}
    # Largest first; filters narrow the members, --min-events the groups.
    assert [group["size"] for group in groups] == sorted((group["size"] for group in groups), reverse=True)
    assert [len(group["proposal_ids"]) for group in _groups(db, "--region", "Batken", "--region", "Naryn")] == [2, 2]
    assert _groups(db, "--min-events", "4") == []


def test_groups_follow_an_import_of_a_new_reworded_copy_and_its_status(tmp_path):
    db = _store(tmp_path)
    extra = tmp_path / "more.csv"
    extra.write_text(
        "title,date,region,proposals\nHearing in Chuy,2025-02-01,Chuy,to build a new school in the village\n",
        encoding="utf-8",
    )
    assert run_cli("ingest", str(extra), db=db).returncode == 0
    school = next(group for group in _groups(db) if "school" in group["label"])
    assert school["size"] == 4 and "Chuy" in school["regions"]
    updates = tmp_path / "updates.csv"
    updates.write_text(
        f"proposal_id,status,date\n{school['proposal_ids'][0]},implemented,2024-01-01\n", encoding="utf-8"
    )
    assert run_cli("outcomes", "import", str(updates), db=db).returncode == 0
    school = next(group for group in _groups(db) if "school" in group["label"])
    assert school["statuses"] == {"implemented": 1, "no_response": 3}
    implemented = _groups(db, "--status", "implemented", "--min-events", "1")
    assert [group["proposal_ids"] for group in implemented] == [[school["proposal_ids"][0]]]


def test_grouping_quality_on_our_labelled_pairs():
    own = evaluation.score(evaluation.own_pairs())["all"]
    assert own["precision"] >= 0.85 and own["recall"] >= 0.95
    demo = evaluation.score(evaluation.demo_pairs())["all"]
    assert demo["precision"] >= 0.95 and demo["recall"] >= 0.95


def _from_scratch(con) -> tuple[list[tuple], list[tuple]]:
    """The groups and every event's figures as computed with no groups stored before (not kept)."""
    con.execute("begin transaction")
    try:
        con.execute("delete from derived_recurring")
        recurring.replace_groups(con)
        store.refresh_derived(con)  # every derived row anew, the figures with these groups
        return _groups_and_figures(con)
    finally:
        con.execute("rollback")


def _groups_and_figures(con) -> tuple[list[tuple], list[tuple]]:
    return (
        con.execute("select * from derived_recurring order by all").fetchall(),
        con.execute("select * from derived_events order by event_id").fetchall(),
    )


def test_a_regrouping_after_an_import_rewrites_only_what_changed_and_equals_one_from_scratch(tmp_path):
    con = store.connect(tmp_path / "store.duckdb")
    ingest_paths(con, [_table(tmp_path / "events.csv", EVENTS)])
    add_demo_events(con, 40, seed=3)
    recurring.ensure_current(con)
    groups_before, _ = _groups_and_figures(con)
    # A new reworded copy joins the school group; the Naryn hearing is imported again with its water
    # request replaced by one no other event makes, so that proposal leaves its group.
    title, day, region, proposals = EVENTS[1]
    changed = [
        ("Hearing in Chuy", "2025-02-01", "Chuy", ["to build a new school in the village"]),
        (title, day, region, [proposals[0], "to pave the road to the mountain pastures", proposals[2]]),
    ]
    summary = ingest_paths(con, [_table(tmp_path / "more.csv", changed)])
    assert (summary.count("added"), summary.count("updated")) == (1, 1), summary.describe()
    groups_after, figures_after = _groups_and_figures(con)
    assert groups_after != groups_before
    assert (groups_after, figures_after) == _from_scratch(con)
    # Nothing changed since: a regrouping rewrites no row and names no event.
    con.execute("begin transaction")
    assert recurring.replace_groups(con) == []
    con.execute("rollback")
    con.close()


def test_an_import_that_gives_an_older_proposal_a_group_updates_that_older_events_figures(tmp_path):
    # The import regroups in its own transaction: events it did not write but whose proposals
    # joined a group get their figures too.
    con = store.connect(tmp_path / "store.duckdb")
    older = [("Meeting on roads", "2021-04-10", "Osh", ["to repair the bridge over the Ak-Buura river"])]
    ingest_paths(con, [_table(tmp_path / "older.csv", older)])
    groups_of_older = "select recurring_group_ids from derived_events where event_id = 1"
    assert con.execute(groups_of_older).fetchall() == [([],)]
    newer = [("Hearing on roads", "2022-06-01", "Osh", ["to repair the bridge across the Ak-Buura river"])]
    ingest_paths(con, [_table(tmp_path / "newer.csv", newer)])
    assert len(con.execute(groups_of_older).fetchall()[0][0]) == 1
    assert _groups_and_figures(con) == _from_scratch(con)
    con.close()


def test_the_grouping_vectors_are_scikit_learns_tfidf_of_word_bounded_character_ngrams():
    """The regrouping's own TF-IDF (written to spare a bulk import scikit-learn's import) gives the
    similarities scikit-learn's vectorizer gives, so the same pairs pass the threshold."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [
        "provide the village with clean drinking water",
        "give the villages clean drinking water",
        "clean water for the village school",
        "a b to ok",  # words shorter than every n-gram
        "water and more water for the water tower",  # n-grams counted more than once (sublinear)
        "построить новую школу в селе",
        "построить школу в селе кара бак",
        "айылга таза ичүүчү суу берүү",
        "айылга таза суу жеткирүү",
        "open a youth centre in the district",
    ]
    texts = [recurring.normalise(text) for text in texts]
    ours = recurring.tfidf_rows(texts)
    theirs = TfidfVectorizer(analyzer="char_wb", ngram_range=recurring.NGRAMS, sublinear_tf=True).fit_transform(texts)
    assert sorted(ours.getnnz(axis=1)) == sorted(theirs.getnnz(axis=1))
    similar, expected = (ours @ ours.T).toarray(), (theirs @ theirs.T).toarray()
    assert np.allclose(similar, expected, rtol=0, atol=1e-12)
    assert np.allclose(np.diag(similar), 1)
    rows, cols, _ = recurring.similarity_pairs(texts)
    pairs = {(i, j) for i, j in zip(rows, cols, strict=True)}
    assert pairs == {(i, j) for i, j in zip(*np.nonzero(np.triu(expected >= recurring.THRESHOLD, k=1)), strict=True)}
    assert pairs  # the rewordings meet the threshold, so the comparison above is not of two empty sets


def test_a_text_with_nothing_left_after_normalising_joins_no_group():
    """An empty text (a proposal that was only an opener) anywhere in the list, last too, has no
    n-grams: it is compared with nothing, and the others group as without it."""
    texts = ["clean drinking water for the village", "", "clean drinking water for villages", ""]
    rows, cols, _ = recurring.similarity_pairs(texts)
    assert [(int(i), int(j)) for i, j in zip(rows, cols, strict=True)] == [(0, 2)]

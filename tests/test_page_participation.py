"""The Participation page in AppTest: gender by region, women's share against a target,
participant groups and the data-quality table, checked against the store's own figures."""

import pytest

from dashboard import reference, store
from tests.conftest import open_page
from tests.plotly_spec import charts, title

PAGE = "dashboard/pages/participation.py"


def _by_title(at, words: str) -> dict:
    return next(spec for spec in charts(at) if words in title(spec))


def _gender_bars(at) -> dict[str, dict[str, float]]:
    spec = _by_title(at, "Participants by gender and region")
    return {trace["name"]: dict(zip(trace["y"], trace["x"], strict=True)) for trace in spec["data"]}


def test_batken_bar_has_the_founding_report_women_and_men(app_store):
    bars = _gender_bars(open_page(PAGE))
    assert bars == {"Women": {"Batken": 22}, "Men": {"Batken": 28}, "Unspecified": {"Batken": 0}}


def test_one_event_is_too_few_for_a_women_s_share(app_store):
    spec = _by_title(open_page(PAGE), "Women's share of participants")
    assert spec["data"] == []
    assert "too few to compare shares" in spec["layout"]["annotations"][0]["text"]


def test_women_share_and_the_parity_target_line(demo_store):
    con = store.connect(demo_store)
    women, participants = con.execute(
        "select sum(women), sum(coalesce(pa.total, coalesce(women, 0) + coalesce(men, 0) + coalesce(unspecified, 0))) "
        "from participation as pa join events as e using (event_id) "
        "where year(e.event_date) = 2021 and (women is not null or men is not null)"
    ).fetchall()[0]
    con.close()
    at = open_page(PAGE)
    spec = _by_title(at, "Women's share of participants")
    assert "events that report a gender split" in title(spec)
    shares = dict(zip(spec["data"][0]["x"], spec["data"][0]["y"], strict=True))
    assert shares["2021-01-01"] == pytest.approx(100 * women / participants)
    assert [shape["y0"] for shape in spec["layout"]["shapes"]] == [50]
    assert [note["text"] for note in spec["layout"]["annotations"]] == ["Target 50%"]

    at.number_input(key="parity_target").set_value(60).run()
    spec = _by_title(at, "Women's share of participants")
    assert [shape["y0"] for shape in spec["layout"]["shapes"]] == [60]
    assert [note["text"] for note in spec["layout"]["annotations"]] == ["Target 60%"]


def test_participant_groups_of_the_founding_report(app_store):
    con = store.connect(app_store)
    categories = [row[0] for row in con.execute("select category from participant_categories").fetchall()]
    con.close()
    spec = _by_title(open_page(PAGE), "participant group")
    labels = reference.participant_category_labels()
    bars = dict(zip(spec["data"][0]["y"], spec["data"][0]["x"], strict=True))
    assert bars == {labels[category]: 1 for category in categories}
    assert len(bars) == 6


def test_founding_report_needs_no_checking(app_store):
    at = open_page(PAGE)
    assert [success.value for success in at.success] == [
        "Every event in view reports participants with a gender split that adds up."
    ]


def test_demo_events_without_a_gender_split_are_listed(demo_store):
    con = store.connect(demo_store)
    unsplit = con.execute(
        "select e.title from events as e join participation as pa using (event_id) "
        "where e.is_demo and pa.women is null and pa.men is null"
    ).fetchall()
    con.close()
    at = open_page(PAGE)
    table = at.dataframe[0].value
    assert len(unsplit) > 0
    assert sorted(table["title"]) == sorted(title for (title,) in unsplit)
    assert set(table["problem"]) == {"No gender split: neither women nor men given"}
    assert any(f"{len(unsplit):,} events in view lack a gender split" in caption.value for caption in at.caption)


def test_filters_from_the_link_survive_the_switch_to_this_page(demo_store):
    con = store.connect(demo_store)
    women, men = con.execute(
        "select sum(pa.women), sum(pa.men) from events as e join participation as pa using (event_id) "
        "where e.region_id = 'batken'"
    ).fetchall()[0]
    con.close()
    at = open_page(PAGE, {"region": "Batken"})
    assert at.toggle[0].value is True
    bars = _gender_bars(at)
    assert bars["Women"] == {"Batken": women}
    assert bars["Men"] == {"Batken": men}
    assert women > 22

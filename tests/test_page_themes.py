"""The Themes page in AppTest: the theme × region heatmap, one region against the rest and
the tile-grid map, checked against the store's own proposal themes."""

import pytest

from dashboard import reference, store
from tests.conftest import open_page
from tests.plotly_spec import charts, title

PAGE = "dashboard/pages/themes.py"


def _by_title(at, words: str) -> dict:
    return next(spec for spec in charts(at) if words in title(spec))


def _founding_theme_counts(path) -> dict[str, int]:
    """Theme label -> proposals of the founding report carrying it, straight from the store."""
    con = store.connect(path)
    rows = con.execute(
        "select pt.theme_id, count(*) from proposals as p join proposal_themes as pt using (proposal_id) "
        "join events as e using (event_id) where not e.is_demo group by pt.theme_id"
    ).fetchall()
    con.close()
    labels = reference.theme_labels()
    return {labels[theme]: count for theme, count in rows}


def _heatmap_column(spec: dict, region: str) -> dict[str, float]:
    trace = spec["data"][0]
    column = trace["x"].index(region)
    return {theme: row[column] for theme, row in zip(trace["y"], trace["z"], strict=True)}


def test_heatmap_counts_for_batken_are_the_founding_report_themes(app_store):
    at = open_page(PAGE)
    spec = _by_title(at, "Proposals by theme and region")
    assert spec["data"][0]["x"] == ["Batken"]
    assert _heatmap_column(spec, "Batken") == _founding_theme_counts(app_store)


def _theme_counts(path, region_id: str) -> tuple[dict[str, int], int]:
    """Theme label -> the region's proposals carrying it, and all the region's proposals, from the store."""
    con = store.connect(path)
    rows = con.execute(
        "select pt.theme_id, count(*) from proposals as p join proposal_themes as pt using (proposal_id) "
        "join events as e using (event_id) where e.region_id = ? group by pt.theme_id",
        [region_id],
    ).fetchall()
    total = con.execute(
        "select count(*) from proposals as p join events as e using (event_id) where e.region_id = ?", [region_id]
    ).fetchall()[0][0]
    con.close()
    labels = reference.theme_labels()
    return {labels[theme]: count for theme, count in rows}, total


def test_heatmap_as_share_of_the_region_proposals(demo_store):
    at = open_page(PAGE)
    at.radio(key="theme_measure").set_value("Share of the region's proposals (%)").run()
    spec = _by_title(at, "share of the region's proposals")
    counts, total = _theme_counts(demo_store, "naryn")
    assert _heatmap_column(spec, "Naryn") == {
        theme: pytest.approx(100 * counts.get(theme, 0) / total) for theme in _heatmap_column(spec, "Naryn")
    }


def test_one_event_is_too_few_for_shares(app_store):
    at = open_page(PAGE)
    at.radio(key="theme_measure").set_value("Share of the region's proposals (%)").run()
    spec = _by_title(at, "share of the region's proposals")
    assert spec["data"] == []
    assert "Only 1 event matches these filters" in spec["layout"]["annotations"][0]["text"]
    assert "Fewer than 5" in at.warning[0].value


def test_batken_against_the_rest(demo_store):
    con = store.connect(demo_store)
    batken, rest = con.execute(
        "select count(*) filter (where e.region_id = 'batken'), count(*) filter (where e.region_id <> 'batken') "
        "from proposals as p join events as e using (event_id)"
    ).fetchall()[0]
    migration = dict(
        con.execute(
            "select e.region_id = 'batken', count(*) from proposals as p join events as e using (event_id) "
            "join proposal_themes as pt using (proposal_id) where pt.theme_id = 'migration' group by 1"
        ).fetchall()
    )
    con.close()
    at = open_page(PAGE)
    assert at.selectbox(key="theme_focus").value == "Batken"
    spec = _by_title(at, "Themes in Batken against all other regions")
    shares = {trace["name"]: dict(zip(trace["y"], trace["x"], strict=True)) for trace in spec["data"]}
    assert shares["Batken"]["Migration"] == 100 * migration[True] / batken
    assert shares["All other regions"]["Migration"] == 100 * migration[False] / rest


def test_focus_region_defaults_to_the_first_filtered_region(demo_store):
    at = open_page(PAGE, {"region": ["Naryn", "Talas"]})
    assert at.selectbox(key="theme_focus").value == "Naryn"
    assert _by_title(at, "Themes in Naryn against all other regions")


def test_tile_map_places_every_region_on_its_grid_square(app_store):
    spec = _by_title(open_page(PAGE), "Proposals by region")
    tiles = spec["data"][1]
    for region in reference.regions():
        assert tiles["text"][region.grid_row][region.grid_col].startswith(region.name + "<br>")
    batken = reference.region_by_name("Batken")
    assert tiles["z"][batken.grid_row][batken.grid_col] == 5
    assert tiles["text"][batken.grid_row][batken.grid_col] == "Batken<br>5"


def test_tile_map_shows_one_theme_as_a_share(demo_store):
    at = open_page(PAGE, {"theme": "migration"})
    spec = _by_title(at, "Share of proposals on Migration by region")
    batken = reference.region_by_name("Batken")
    counts, total = _theme_counts(demo_store, "batken")
    share = 100 * counts["Migration"] / total
    assert spec["data"][1]["z"][batken.grid_row][batken.grid_col] == pytest.approx(share)
    assert spec["data"][1]["text"][batken.grid_row][batken.grid_col] == f"Batken<br>{share:.1f}%"


def test_tile_map_greys_out_regions_outside_the_filter(app_store):
    spec = _by_title(open_page(PAGE, {"region": "Batken"}), "Proposals by region")
    naryn = reference.region_by_name("Naryn")
    assert spec["data"][0]["text"][naryn.grid_row][naryn.grid_col] == "Naryn<br>not selected"
    assert spec["data"][1]["z"][naryn.grid_row][naryn.grid_col] is None

"""Every number leads to its evidence: clicking a mark of each chart lists the records behind it,
with the chart's own count; "Apply as filter" narrows the dashboard and the link; "Clear" closes.

Selections are sent as the browser sends them (tests/drill.py); expected numbers are read from
the drawn chart, so each test checks that the list agrees with what the viewer clicked.
"""

from datetime import date

import pandas as pd
import pytest

from dashboard import reference, store
from dashboard.outcomes import STATUSES
from tests.conftest import open_page
from tests.drill import click, heatmap_value, listed, panel, points
from tests.plotly_spec import charts, title

OVERVIEW = "dashboard/pages/overview.py"
PARTICIPATION = "dashboard/pages/participation.py"
THEMES = "dashboard/pages/themes.py"
PROPOSALS = "dashboard/pages/proposals.py"
OUTCOMES = "dashboard/pages/outcomes.py"


def _param(at, key: str) -> list[str]:
    value = at.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)


def _largest(found, value):
    """The point with the largest number, so lists are long enough to mean something."""
    return max(found, key=value)


def test_nothing_is_listed_before_a_click(demo_store):
    at = open_page(THEMES)
    assert panel(at, "themes_heatmap") is None


def test_theme_bar_lists_the_proposals_carrying_the_theme(demo_store):
    at = open_page(OVERVIEW)
    bar = _largest(points(at, "overview_themes"), lambda point: point.x)
    at = click(at, "overview_themes", bar)
    count, table = listed(at, "overview_themes")
    assert count == bar.x > 0
    assert len(table) == count
    label = reference.theme_labels()[bar.key["themes"][0]]
    assert all(label in themes for themes in table["themes"])
    assert all(link.startswith("events?event=") for link in table["event_link"])


def test_year_bar_lists_that_year_s_events(demo_store):
    at = open_page(OVERVIEW)
    bar = _largest(points(at, "overview_years"), lambda point: point.y)
    at = click(at, "overview_years", bar)
    count, table = listed(at, "overview_years")
    assert count == bar.y == len(table)
    assert {pd.Timestamp(day).year for day in table["date"]} == {int(bar.x)}


def test_coverage_cell_lists_real_reports_only(demo_store):
    at = open_page(OVERVIEW)
    cell = next(iter(points(at, "overview_coverage")))
    at = click(at, "overview_coverage", cell)
    count, table = listed(at, "overview_coverage")
    assert count == heatmap_value(at, "overview_coverage", cell) == 1  # the founding report
    assert (cell.y, cell.x) == ("Batken", "2021")
    assert not table["demo"].any()


def test_gender_bar_lists_the_region_s_events_and_their_participants(demo_store):
    at = open_page(PARTICIPATION)
    women = [point for point in points(at, "participation_gender") if point.curve == 0]
    bar = _largest(women, lambda point: point.x)
    at = click(at, "participation_gender", bar)
    count, table = listed(at, "participation_gender")
    assert count == bar.hovered("Events") == len(table)
    assert set(table["region"]) == {bar.y}
    assert table["women"].fillna(0).sum() == bar.x  # the clicked segment: the women of these events


def test_women_share_point_lists_the_period_s_events(demo_store):
    at = open_page(PARTICIPATION)
    point = _largest(points(at, "participation_share"), lambda point: point.hovered("Events"))
    at = click(at, "participation_share", point)
    count, table = listed(at, "participation_share")
    assert count == point.hovered("Events") == len(table)
    split = table[table["gender_split"]]
    assert len(split) == point.hovered("Events with a gender split")
    assert split["women"].fillna(0).sum() == point.hovered("Women")


def test_participant_group_bar_lists_its_events_and_cannot_become_a_filter(demo_store):
    at = open_page(PARTICIPATION)
    bar = _largest(points(at, "participation_groups"), lambda point: point.x)
    at = click(at, "participation_groups", bar)
    count, table = listed(at, "participation_groups")
    assert count == bar.x == len(table)
    assert at.button(key="participation_groups_apply").disabled


def test_heatmap_cell_lists_the_proposals_of_that_theme_and_region(demo_store):
    at = open_page(THEMES)
    cell = _largest(points(at, "themes_heatmap"), lambda point: heatmap_value(at, "themes_heatmap", point))
    at = click(at, "themes_heatmap", cell)
    count, table = listed(at, "themes_heatmap")
    assert count == heatmap_value(at, "themes_heatmap", cell) == len(table)
    assert set(table["region"]) == {cell.x}
    assert all(cell.y in themes for themes in table["themes"])


def test_heatmap_cell_shown_as_a_share_lists_the_proposals_it_counts(demo_store):
    at = open_page(THEMES)
    cell = next(point for point in points(at, "themes_heatmap") if point.x == "Naryn")
    proposals = heatmap_value(at, "themes_heatmap", cell)
    at.radio(key="theme_measure").set_value("Share of the region's proposals (%)").run()
    cell = next(point for point in points(at, "themes_heatmap") if (point.x, point.y) == (cell.x, cell.y))
    at = click(at, "themes_heatmap", cell)
    count, table = listed(at, "themes_heatmap")
    assert count == proposals == len(table)
    assert 0 < heatmap_value(at, "themes_heatmap", cell) <= 100


def test_region_against_rest_bars_list_each_side(demo_store):
    at = open_page(THEMES)
    found = points(at, "themes_focus")
    for side in ("region", "not_region"):
        bar = _largest([point for point in found if side in point.key], lambda point: point.x)
        at = click(at, "themes_focus", bar)
        count, table = listed(at, "themes_focus")
        assert count == bar.hovered("Proposals with this theme") == len(table)
        regions = set(table["region"])
        assert regions == {"Batken"} if side == "region" else "Batken" not in regions


def test_map_tile_lists_the_region_s_proposals(demo_store):
    at = open_page(THEMES, {"theme": "health"})
    tile = _largest(points(at, "themes_map"), lambda point: heatmap_value(at, "themes_map", point, curve=1))
    at = click(at, "themes_map", tile)
    count, table = listed(at, "themes_map")
    # With one theme filtered the tile shows a share; its proposals are those carrying the theme.
    region = tile.key["region"]
    assert set(table["region"]) == {region}
    assert all("Health" in themes for themes in table["themes"])
    hover = next(trace for trace in charts(at) if "Share of proposals on Health" in title(trace))["data"][2][
        "hovertext"
    ][tile.index]
    assert hover.startswith(f"{region}: {count:,} of ")


def test_trend_point_lists_that_period_s_proposals(demo_store):
    at = open_page(PROPOSALS)
    point = _largest(
        [point for point in points(at, "proposals_trend") if len(point.key["themes"]) == 1], lambda point: point.y
    )
    at = click(at, "proposals_trend", point)
    count, table = listed(at, "proposals_trend")
    assert count == point.y == len(table)
    year = date.fromisoformat(point.key["date_from"]).year
    assert {pd.Timestamp(day).year for day in table["date"]} == {year}


def test_all_other_themes_point_lists_proposal_theme_pairs(demo_store):
    at = open_page(PROPOSALS)
    point = _largest(
        [point for point in points(at, "proposals_trend") if len(point.key["themes"]) > 1], lambda point: point.y
    )
    at = click(at, "proposals_trend", point)
    count, table = listed(at, "proposals_trend")
    assert count == point.y == len(table)
    labels = reference.theme_labels()
    assert set(table["clicked_theme"]) <= {labels[theme] for theme in point.key["themes"]}
    assert "proposal–theme pairs" in panel(at, "proposals_trend").caption[0].value


def test_apply_as_filter_narrows_the_dashboard_and_the_link(demo_store):
    at = open_page(THEMES)
    cell = _largest(points(at, "themes_heatmap"), lambda point: heatmap_value(at, "themes_heatmap", point))
    number = heatmap_value(at, "themes_heatmap", cell)
    at = click(at, "themes_heatmap", cell)
    at = click(at, "themes_heatmap", cell, press="themes_heatmap_apply")
    theme = cell.key["themes"][0]
    assert _param(at, "region") == [cell.x]
    assert _param(at, "theme") == [theme]
    assert at.multiselect(key="f_regions").value == [cell.x]
    assert panel(at, "themes_heatmap") is None
    spec = next(spec for spec in charts(at) if "Proposals by theme and region" in title(spec))
    assert spec["data"][0]["x"] == [cell.x] and spec["data"][0]["z"] == [[number]]
    at.switch_page(OVERVIEW).run()
    assert _param(at, "region") == [cell.x]
    assert {metric.label: metric.value for metric in at.metric}["Proposals"] == f"{number:,}"


def test_apply_a_period_keeps_it_inside_the_filtered_dates(demo_store):
    at = open_page(OVERVIEW, {"from": "2020-03-01"})
    bar = next(point for point in points(at, "overview_years") if int(point.x) == 2020)
    at = click(at, "overview_years", bar)
    at = click(at, "overview_years", bar, press="overview_years_apply")
    assert _param(at, "from") == ["2020-03-01"]
    assert _param(at, "to") == ["2020-12-31"]


def test_clear_closes_the_list(demo_store):
    at = open_page(OVERVIEW)
    bar = points(at, "overview_themes")[0]
    at = click(at, "overview_themes", bar)
    assert panel(at, "overview_themes") is not None
    at = click(at, "overview_themes", bar, press="overview_themes_clear")
    assert panel(at, "overview_themes") is None
    assert "theme" not in at.query_params


def test_status_segment_lists_that_theme_s_proposals_with_that_status(demo_store):
    at = open_page(OUTCOMES)
    segment = _largest(
        [point for point in points(at, "outcomes_themes") if point.key["statuses"] != ["no_response"]],
        lambda point: point.x,
    )
    at = click(at, "outcomes_themes", segment)
    count, table = listed(at, "outcomes_themes")
    assert count == segment.x == len(table) > 0
    status = segment.key["statuses"][0]
    assert set(table["status"]) == {STATUSES[status]}
    label = reference.theme_labels()[segment.key["themes"][0]]
    assert all(label in themes for themes in table["themes"])


def test_region_segment_follows_the_status_filter_and_applies_as_filter(demo_store):
    at = open_page(OUTCOMES, {"status": ["accepted", "declined"]})
    segment = _largest(points(at, "outcomes_regions"), lambda point: point.x)
    at = click(at, "outcomes_regions", segment)
    count, table = listed(at, "outcomes_regions")
    assert count == segment.x == len(table) > 0
    assert set(table["region"]) == {segment.y}
    at = click(at, "outcomes_regions", segment, press="outcomes_regions_apply")
    assert _param(at, "region") == [segment.key["region"]]
    assert _param(at, "status") == segment.key["statuses"]


def test_answered_share_point_lists_the_year_s_answered_proposals(demo_store):
    at = open_page(OUTCOMES)
    point = _largest(
        [point for point in points(at, "outcomes_years") if point.key["ever"] == "answered"],
        lambda point: point.hovered("Of them"),
    )
    at = click(at, "outcomes_years", point)
    count, table = listed(at, "outcomes_years")
    assert count == point.hovered("Of them") == len(table) > 0
    assert {pd.Timestamp(day).year for day in table["date"]} == {int(point.x)}
    assert at.button(key="outcomes_years_apply").disabled  # 'answered at some time' is no filter


@pytest.mark.parametrize("page", [OVERVIEW, PARTICIPATION, THEMES, PROPOSALS, OUTCOMES])
def test_every_chart_has_its_data_and_every_mark_is_clickable(demo_store, page):
    at = open_page(page)
    assert not at.exception
    drawn = [chart for chart in at.get("plotly_chart") if chart.key]
    assert drawn, "no drill-down charts"
    assert [expander.label for expander in at.expander].count("Data behind this chart") == len(drawn)
    for chart in drawn:
        assert points(at, chart.key.rsplit("-", 1)[0]), f"{chart.key} has no clickable marks"


def test_data_behind_a_chart_holds_the_numbers_it_draws(demo_store):
    at = open_page(OVERVIEW)
    assert not at.dataframe  # the tables are sent only when their expander opens
    at.session_state["overview_themes_data"] = True
    at.run()
    table = at.dataframe[0].value
    drawn = {point.y: point.x for point in points(at, "overview_themes")}
    assert dict(zip(table["theme"], table["proposals"], strict=True)) == drawn
    assert [button.key for button in at.get("download_button")] == ["overview_themes_csv"]


def test_data_behind_the_heatmap_is_its_grid(demo_store):
    at = open_page(THEMES)
    at.session_state["themes_heatmap_data"] = True
    at.run()
    table = at.dataframe[0].value
    for cell in points(at, "themes_heatmap"):
        row = table[(table["region"] == cell.x) & (table["theme"] == cell.y)]
        assert row["proposals"].tolist() == [heatmap_value(at, "themes_heatmap", cell)]


def test_data_behind_the_coverage_matrix_is_its_cells(demo_store):
    at = open_page(OVERVIEW)
    at.session_state["overview_coverage_data"] = True
    at.run()
    table = at.dataframe[0].value
    cells = points(at, "overview_coverage")
    assert cells
    for cell in cells:
        row = table[table["region"] == cell.y]
        assert row[cell.x].tolist() == [heatmap_value(at, "overview_coverage", cell)]


def test_shares_resting_on_few_events_are_named(demo_store):
    con = store.connect(demo_store)
    thin = con.execute(
        "select r.name, count(distinct e.event_id) from events as e join regions as r using (region_id) "
        "join proposals as p using (event_id) where year(e.event_date) = 2024 "
        "group by r.name having count(distinct e.event_id) < 5 order by r.name"
    ).fetchall()
    con.close()
    assert thin, "the demo store has thinly covered regions in 2024"
    at = open_page(THEMES, {"from": "2024-01-01", "to": "2024-12-31"})
    at.radio(key="theme_measure").set_value("Share of the region's proposals (%)").run()
    warning = next(warning.value for warning in at.warning if warning.value.startswith("Shares for"))
    shown = warning.replace("\\", "")  # Markdown escapes
    for name, events in thin:
        assert f"{name} ({events} event" in shown

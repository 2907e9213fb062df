"""Chart functions of the Participation and Themes pages, given small aggregated frames."""

from datetime import date

import pandas as pd
import pytest

from dashboard.charts import participation, themes

SCOPE = "Batken; all themes; 2021-01-01 to 2021-12-31"

GENDER = pd.DataFrame(
    {
        "region": ["Naryn", "Batken"],
        "events": [1, 2],
        "women": [5, 22],
        "men": [7, 28],
        "unspecified": [0, 3],
        "participants": [12, 53],
    }
)
SHARE = pd.DataFrame(
    {
        "grain": ["quarter", "quarter"],
        "period_start": [date(2021, 4, 1), date(2021, 7, 1)],
        "period": ["2021 Q2", "2021 Q3"],
        "events": [2, 1],
        "events_with_split": [1, 1],
        "women": [10, 22],
        "participants": [40, 50],
        "women_share": [25.0, 44.0],
    }
)
CATEGORIES = pd.DataFrame({"category": ["youth", "media"], "events": [3, 1]})
THEME_REGION = pd.DataFrame(
    {
        "region": ["Batken", "Batken", "Naryn"],
        "theme_id": ["migration", "health", "migration"],
        "proposals": [2, 1, 4],
        "region_proposals": [5, 5, 8],
        "share": [40.0, 20.0, 50.0],
    }
)
VERSUS = pd.DataFrame(
    {
        "theme_id": ["migration", "migration"],
        "side": ["Batken", "All other regions"],
        "in_focus": [True, False],
        "proposals": [2, 4],
        "side_proposals": [5, 8],
        "share": [40.0, 50.0],
    }
)
TILES = pd.DataFrame(
    {
        "region": ["Talas", "Batken"],
        "grid_row": [0, 2],
        "grid_col": [1, 0],
        "in_view": [False, True],
        "proposals": [0, 2],
        "all_proposals": [3, 5],
        "theme_share": [0.0, 40.0],
    }
)

CHARTS = [
    (participation.gender_by_region_bar, GENDER, {}),
    (participation.women_share_line, SHARE, {"target": 50}),
    (participation.categories_bar, CATEGORIES, {}),
    (themes.theme_region_heatmap, THEME_REGION, {"measure": "count"}),
    (themes.theme_region_heatmap, THEME_REGION, {"measure": "share"}),
    (themes.region_vs_rest_bar, VERSUS, {"focus": "Batken"}),
    (themes.region_tile_map, TILES, {}),
    (themes.region_tile_map, TILES, {"theme": "migration"}),
]
IDS = [f"{chart.__name__}-{i}" for i, (chart, _, _) in enumerate(CHARTS)]


@pytest.mark.parametrize(("chart", "frame", "options"), CHARTS, ids=IDS)
def test_title_names_the_filters(chart, frame, options):
    figure = chart(frame, SCOPE, **options)
    assert figure.layout.title.text.endswith(f"<br><sup>{SCOPE}</sup>")


@pytest.mark.parametrize(("chart", "frame", "options"), CHARTS, ids=IDS)
def test_empty_input_gives_the_empty_state(chart, frame, options):
    figure = chart(frame.iloc[0:0], SCOPE, **options)
    assert figure.data == ()
    assert "Widen the filters" in figure.layout.annotations[0].text
    assert SCOPE in figure.layout.title.text


@pytest.mark.parametrize(
    ("chart", "frame", "options", "x_title", "y_title"),
    [
        (participation.gender_by_region_bar, GENDER, {}, "Participants", "Region"),
        (participation.women_share_line, SHARE, {}, "Quarter", "Women's share (%)"),
        (participation.categories_bar, CATEGORIES, {}, "Events", "Participant group"),
        (themes.theme_region_heatmap, THEME_REGION, {}, "Region", "Theme"),
        (themes.region_vs_rest_bar, VERSUS, {"focus": "Batken"}, "Share of proposals (%)", "Theme"),
    ],
)
def test_axes_are_labelled(chart, frame, options, x_title, y_title):
    figure = chart(frame, SCOPE, **options)
    assert (figure.layout.xaxis.title.text, figure.layout.yaxis.title.text) == (x_title, y_title)


def test_gender_bars_stack_in_the_gender_colours():
    figure = participation.gender_by_region_bar(GENDER, SCOPE)
    assert figure.layout.barmode == "stack"
    colours = {trace.name: trace.marker.color for trace in figure.data}
    assert colours == {"Women": "#CC79A7", "Men": "#0072B2", "Unspecified": "#BBBBBB"}
    assert list(figure.data[0].x) == [5, 22]


def test_women_share_skips_periods_without_a_split_and_draws_the_target():
    frame = pd.concat([SHARE, SHARE.iloc[[0]].assign(period="2021 Q4", women_share=None)], ignore_index=True)
    figure = participation.women_share_line(frame, SCOPE, target=40)
    assert list(figure.data[0].y) == [25.0, 44.0]
    assert figure.layout.shapes[0].y0 == 40 and figure.layout.shapes[0].line.dash == "dash"
    assert figure.layout.annotations[0].text == "Target 40%"
    assert "Events with a gender split=" in figure.data[0].hovertemplate


def test_women_share_without_any_split_says_so():
    figure = participation.women_share_line(SHARE.assign(women_share=None), SCOPE)
    assert "No event in view reports a gender split" in figure.layout.annotations[0].text


def test_categories_use_their_labels():
    figure = participation.categories_bar(CATEGORIES, SCOPE)
    assert list(figure.data[0].y) == ["Media and bloggers", "Youth"]


def test_heatmap_fills_missing_cells_with_zero_and_writes_values():
    figure = themes.theme_region_heatmap(THEME_REGION, SCOPE, "count")
    trace = figure.data[0]
    assert list(trace.x) == ["Batken", "Naryn"]
    assert list(trace.y) == ["Migration", "Health"]
    assert trace.z.tolist() == [[2, 4], [1, 0]]
    assert trace.texttemplate


def test_tile_map_greys_out_regions_outside_the_filter():
    outside, inside, _click_targets = themes.region_tile_map(TILES, SCOPE, "migration").data
    assert outside.text[0][1] == "Talas<br>not selected"
    assert inside.z[2][0] == 40.0 and inside.text[2][0] == "Batken<br>40.0%"
    assert inside.z[0][1] is None

"""Chart functions of the Outcomes page, given small aggregated frames: every number of the frame
is drawn once, in its status's trace and colour, with a drill key saying what it stands for."""

import json

import pandas as pd

from dashboard import i18n
from dashboard.charts import outcomes
from dashboard.outcomes import STATUSES

SCOPE = "All regions; all themes"

BY_REGION = pd.DataFrame(
    {
        "region": ["Naryn", "Batken", "Naryn", "Region not stated", "Batken"],
        "status": ["implemented", "no_response", "no_response", "declined", "declined"],
        "proposals": [3, 7, 4, 1, 2],
    }
)
BY_THEME = pd.DataFrame(
    {
        "theme_id": ["health", "migration", "health"],
        "status": ["accepted", "accepted", "under_review"],
        "proposals": [5, 2, 1],
    }
)
YEARS = pd.DataFrame(
    {"year": [2021, 2023], "proposals": [40, 10], "answered": [50.0, 30.0], "implemented": [25.0, 0.0]}
)


def _drawn(figure) -> dict[tuple[str, str], int]:
    """(category, status label) -> proposals, read from the figure's bars."""
    return {
        (category, trace.name): int(value)
        for trace in figure.data
        for category, value in zip(trace.y, trace.x, strict=True)
    }


def test_status_bars_draw_each_row_once_in_its_status_trace():
    figure = outcomes.status_by_region_bars.uncached(BY_REGION, SCOPE)
    assert _drawn(figure) == {
        (
            i18n.region_label(row.region) if row.region != "Region not stated" else row.region,
            i18n.status_label(row.status),
        ): row.proposals
        for row in BY_REGION.itertuples()
    }
    # Traces (and the legend) in the statuses' order, each in its colour; stacked; first region on top.
    assert [trace.name for trace in figure.data] == ["No response", "Implemented", "Declined"]
    assert [trace.marker.color for trace in figure.data] == [outcomes.STATUS_COLOURS[t.name] for t in figure.data]
    assert figure.layout.barmode == "stack"
    assert list(figure.layout.yaxis.categoryarray) == ["Region not stated", "Naryn", "Batken"]
    assert figure.layout.legend.title.text == "Status" and figure.layout.xaxis.title.text == "Proposals"


def test_status_bar_drill_keys_name_the_segment():
    figure = outcomes.status_by_theme_bars.uncached(BY_THEME, SCOPE)
    keys = {
        (category, trace.name): json.loads(custom[0])
        for trace in figure.data
        for category, custom in zip(trace.y, trace.customdata, strict=True)
    }
    assert len(keys) == len(BY_THEME)
    for row in BY_THEME.itertuples():
        key = keys[(i18n.theme_label(row.theme_id), i18n.status_label(row.status))]
        assert key["statuses"] == [row.status] and key["themes"] == [row.theme_id] and key["by_status"]
    assert [trace.name for trace in figure.data] == [STATUSES["under_review"], STATUSES["accepted"]]


def test_shares_by_year_lines_draw_both_shares_with_their_counts():
    figure = outcomes.shares_by_year_lines.uncached(YEARS, SCOPE)
    answered, implemented = figure.data
    assert (answered.name, implemented.name) == ("Answered", "Implemented (fully or partly)")
    assert list(answered.x) == [2021, 2023] and list(answered.y) == [50.0, 30.0]
    assert list(implemented.y) == [25.0, 0.0]
    # customdata: drill key, the year's proposals, how many of them (share of proposals, rounded)
    assert [list(row[1:]) for row in answered.customdata] == [[40, 20], [10, 3]]
    assert [json.loads(row[0])["ever"] for row in implemented.customdata] == ["implemented", "implemented"]
    assert json.loads(answered.customdata[1][0])["date_from"] == "2023-01-01"
    assert "Of them=%{customdata[2]:,}" in answered.hovertemplate
    assert list(figure.layout.yaxis.range) == [0, 100] and answered.mode == "lines+markers"


def test_an_empty_frame_draws_the_empty_chart():
    figure = outcomes.status_by_region_bars.uncached(BY_REGION.iloc[0:0], SCOPE)
    assert not figure.data and "Widen the filters" in figure.layout.annotations[0].text

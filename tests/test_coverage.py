"""Coverage on the Overview: real reports per region and year (demo apart), a sentence on what the
figures can support, and charts that say so when fewer than 5 events lie behind them."""

import pandas as pd

from dashboard import coverage, reference, store
from tests.conftest import open_page
from tests.plotly_spec import charts, title

OVERVIEW = "dashboard/pages/overview.py"


def _frame(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["region", "year", "reports", "demo_events"])


def test_summary_names_the_regions_without_reports_and_the_latest_year():
    frame = _frame(
        [
            ("North", 2023, 3, 0),
            ("North", 2024, 2, 0),
            ("South", 2024, 4, 1),
            ("East", None, 0, 0),
            ("West", 2023, 0, 2),
        ]
    )
    text = " ".join(coverage.summary(frame, include_demo=True))
    assert "9 real reports from 2 of 4 regions, 2023–2024." in text
    assert "2 of 4 regions have reports in 2024." in text
    assert "regions without reports (East, West) cannot be compared" in text
    assert "Demo data adds 3 synthetic events, left out of this matrix but counted" in text


def test_summary_warns_when_there_are_too_few_reports():
    text = " ".join(coverage.summary(_frame([("North", 2021, 2, 0), ("South", 2021, 1, 0)]), include_demo=False))
    assert "3 real reports from 2 of 2 regions, 2021." in text
    assert "Fewer than 5 real reports" in text
    assert "Demo" not in text


def test_summary_without_real_reports_says_every_figure_is_demo():
    text = " ".join(coverage.summary(_frame([("North", 2021, 0, 4)]), include_demo=True))
    assert text.startswith("No real report matches these filters: every figure shown is demo data.")


def test_matrix_lists_every_region_and_counts_real_reports_only():
    grid = coverage.matrix(_frame([("North", 2022, 1, 5), ("South", 2023, 0, 2), ("East", None, 0, 0)]))
    assert list(grid.index) == ["North", "South", "East"]
    assert list(grid.columns) == ["2022", "2023"]
    assert grid.to_numpy().tolist() == [[1, 0], [0, 0], [0, 0]]


def test_overview_coverage_of_the_store(demo_store):
    con = store.connect(demo_store)
    real = con.execute("select count(*) from events where not is_demo").fetchall()[0][0]
    demo = con.execute("select count(*) from events where is_demo").fetchall()[0][0]
    con.close()
    at = open_page(OVERVIEW)
    spec = next(spec for spec in charts(at) if "Real reports per region and year" in title(spec))
    cells = spec["data"][0]
    assert cells["y"] == list(reference.region_names())
    assert sum(map(sum, cells["z"])) == real
    assert cells["z"][cells["y"].index("Batken")][cells["x"].index("2021")] == 1
    sentence = next(markdown.value for markdown in at.markdown if "real report" in markdown.value)
    assert f"{real} real report from 1 of {len(reference.region_names())} regions, 2021." in sentence
    assert f"Demo data adds {demo} synthetic events" in sentence


def test_a_filter_leaving_few_events_is_said_under_every_chart(demo_store):
    at = open_page(OVERVIEW, {"region": "Batken", "demo": "0"})
    warnings = [warning.value for warning in at.warning]
    assert len([text for text in warnings if "Fewer than 5" in text]) == 2  # both charts; coverage says it in words
    assert "From 1 event in view." in warnings[0]
    assert any("Fewer than 5 real reports" in markdown.value for markdown in at.markdown)


def test_no_events_at_all_is_an_empty_state_not_an_error(demo_store):
    at = open_page(OVERVIEW, {"region": "Naryn", "from": "1990-01-01", "to": "1990-12-31"})
    assert not at.exception
    assert any("No real report matches these filters." in markdown.value for markdown in at.markdown)
    titles = [title(spec) for spec in charts(at)]
    assert len(titles) == 3
    assert all(not spec["data"] for spec in charts(at))

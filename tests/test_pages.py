"""Every page through Streamlit's AppTest: with no filters, real filters and hostile URL parameters."""

import pytest

from tests.conftest import ROOT, open_page

PAGES = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "dashboard" / "pages").glob("*.py"))
HOSTILE = {
    "region": ["Atlantis", "'; drop table events; --", "<script>alert(1)</script>"],
    "theme": ["nonsense"],
    "from": "2021-13-45",
    "to": "yesterday",
    "type": ["x' or 1=1"],
    "demo": "maybe",
}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(
    "params",
    [None, {"region": "Batken", "theme": "migration", "from": "2021-01-01", "to": "2021-12-31"}, HOSTILE],
    ids=["no-filters", "real-filters", "hostile"],
)
def test_every_page_runs(app_store, page, params):
    at = open_page(page, params)
    assert not at.exception, [exception.message for exception in at.exception]


def test_overview_tiles_for_the_founding_report(app_store):
    at = open_page("dashboard/pages/overview.py")
    metrics = {metric.label: metric.value for metric in at.metric}
    assert metrics == {
        "Events": "1",
        "Participants": "50",
        "Women's share": "44.0%",
        "Proposals": "5",
        "Regions covered": "1",
        "Share answered": "0.0%",
    }


def test_hostile_parameters_are_dropped_with_a_notice(app_store):
    at = open_page("dashboard/pages/overview.py", HOSTILE)
    notices = " ".join(caption.value for caption in at.caption)
    assert "unknown region 'Atlantis'" in notices
    assert "malformed from date" in notices
    assert {metric.label: metric.value for metric in at.metric}["Events"] == "1"


def test_filters_come_from_the_url_and_go_back_to_it(app_store):
    at = open_page("dashboard/pages/overview.py", {"region": "Naryn"})
    assert at.multiselect(key="f_regions").value == ["Naryn"]
    assert {metric.label: metric.value for metric in at.metric}["Events"] == "0"
    at.multiselect(key="f_regions").set_value(["Batken"]).run()
    assert at.query_params["region"] in ("Batken", ["Batken"])
    assert {metric.label: metric.value for metric in at.metric}["Events"] == "1"


def test_a_change_sent_with_the_link_from_before_the_last_run_still_lands(app_store):
    """A quick second change reaches the app with the page link the browser had before the first
    change's run rewrote it: both changes stay, and the link is put right."""
    at = open_page("dashboard/pages/overview.py", {"region": "Naryn", "lang": "en"})
    at.multiselect(key="f_regions").set_value(["Batken"]).run()
    assert at.query_params["region"] in ("Batken", ["Batken"])
    at.query_params["region"] = "Naryn"  # the browser had not yet got the link naming Batken
    at.multiselect(key="f_regions").set_value(["Batken", "Osh"]).run()
    assert at.multiselect(key="f_regions").value == ["Batken", "Osh"]
    assert at.query_params["region"] == ["Batken", "Osh"]
    assert {metric.label: metric.value for metric in at.metric}["Events"] == "1"
    at.query_params["region"] = "Talas"  # a link the session never had: taken
    at.run()
    assert at.multiselect(key="f_regions").value == ["Talas"]


def test_a_language_sent_with_the_link_from_before_a_switch_does_not_switch_back(app_store):
    at = open_page("dashboard/pages/overview.py", {"lang": "en"})
    at.selectbox(key="f_lang").set_value("ru").run()
    assert at.query_params["lang"] in ("ru", ["ru"])
    at.query_params["lang"] = "en"  # a filter change sent before the switch's link arrived
    at.multiselect(key="f_regions").set_value(["Batken"]).run()
    assert at.sidebar.header[0].value == "Фильтры"
    assert at.query_params["lang"] in ("ru", ["ru"]) and at.query_params["region"] in ("Batken", ["Batken"])


def test_first_start_creates_the_store_with_the_real_report_and_demo_data(tmp_path, monkeypatch):
    from dashboard import store, ui
    from dashboard.filters import Filters
    from dashboard.stats import summary

    path = tmp_path / "new" / "first.duckdb"
    monkeypatch.setenv("DASHBOARD_DB", str(path))
    ui.connection.clear()
    ui.data_changed()
    at = open_page("dashboard/pages/overview.py")
    assert not at.exception
    notice = at.info[0].value
    assert notice.startswith(f"Demo data: {ui.FIRST_START_DEMO_EVENTS:,} of the {ui.FIRST_START_DEMO_EVENTS + 1:,}")
    ui.connection.clear()  # let go of the store to read it here
    con = store.connect(path)
    real = summary(con, Filters(include_demo=False))
    con.close()
    assert (real["events"], real["participants_total"], real["proposals"]) == (1, 50, 5)


@pytest.mark.parametrize("page", PAGES)
def test_charts_get_aggregates_not_raw_rows(demo_store, page):
    """No chart receives more than about 5,000 points, whatever the size of the store."""
    import numpy as np

    from tests.plotly_spec import charts

    at = open_page(page)
    for figure in charts(at):
        points = sum(max(np.size(trace.get(axis) or []) for axis in ("x", "y", "z")) for trace in figure["data"])
        assert 0 < points <= 5_000, (page, figure["layout"].get("title"))

"""Every page through Streamlit's AppTest: with no filters, real filters and hostile URL parameters."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import ingest, store
from tests.conftest import FOUNDING_REPORT, ROOT

APP = str(ROOT / "streamlit_app.py")
PAGES = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "dashboard" / "pages").glob("*.py"))
HOSTILE = {
    "region": ["Atlantis", "'; drop table events; --", "<script>alert(1)</script>"],
    "theme": ["nonsense"],
    "from": "2021-13-45",
    "to": "yesterday",
    "type": ["x' or 1=1"],
    "demo": "maybe",
}


@pytest.fixture
def app_store(tmp_path, monkeypatch) -> Path:
    """A store holding only the founding report, so figures are known exactly."""
    path = tmp_path / "app.duckdb"
    con = store.connect(path)
    ingest.ingest_paths(con, [FOUNDING_REPORT])
    con.close()
    monkeypatch.setenv("DASHBOARD_DB", str(path))
    from dashboard import ui

    ui.connection.clear()
    ui.data_changed()
    return path


def open_page(page: str, params: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (params or {}).items():
        at.query_params[key] = value
    at.run()
    at.switch_page(page).run()
    return at


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

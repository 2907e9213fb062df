"""The Events page through AppTest: the table of events and one event's report (`?event=<id>`)."""

import base64
import json

import duckdb
import numpy as np
import pytest

from tests.conftest import open_page

PAGE = "dashboard/pages/events.py"
TITLE = 'Open dialogue platform in Batken region on the topic "SPECIAL STATUS OF BATKEN REGION"'


def _ok(at):
    assert not at.exception, [exception.message for exception in at.exception]
    return at


def _values(data) -> list:
    """A plotly trace's values: a list, or a typed array in base64."""
    if isinstance(data, dict):
        return np.frombuffer(base64.b64decode(data["bdata"]), dtype=data["dtype"]).tolist()
    return list(data)


def _facts(at) -> dict[str, str]:
    table = at.dataframe[0].value
    return dict(zip(table["Fact"], table["Value"], strict=True))


def test_the_table_lists_the_founding_event(app_store):
    at = _ok(open_page(PAGE))
    table = at.dataframe[0].value
    assert len(table) == 1
    row = table.iloc[0]
    assert (row["title"], str(row["date"]), row["region"], row["event_type"]) == (
        TITLE,
        "2021-07-08",
        "Batken",
        "Open dialogue platform",
    )
    assert (row["participants"], row["women"], row["men"], row["proposals"], row["demo"]) == (50, 22, 28, 5, False)
    assert row["link"] == "events?event=1"
    assert "1 event." in [caption.value for caption in at.caption]


def test_choosing_an_event_opens_its_view(app_store):
    at = _ok(open_page(PAGE, {"region": "Batken"}))
    chooser = at.selectbox[0]
    assert chooser.label == "Open an event"
    chooser.set_value(1).run()
    _ok(at)
    assert at.query_params["event"] in ("1", ["1"])
    assert at.query_params["region"] in ("Batken", ["Batken"])
    assert _facts(at)["Moderator"] == "Tolonbek Shakirovich Abdyrov"


def test_the_founding_event_view_shows_its_report(app_store):
    at = _ok(open_page(PAGE, {"event": "1", "region": "Batken"}))
    facts = _facts(at)
    assert facts["Title"] == TITLE
    assert facts["Date"] == "2021-07-08"
    assert facts["Region"] == "Batken"
    assert facts["City"] == "Batken"
    assert facts["Venue"] == 'conference hall, the "Aigul-Too" hotel'
    assert facts["Event type"] == "Open dialogue platform"
    assert facts["Moderator"] == "Tolonbek Shakirovich Abdyrov"
    assert facts["Source file"] == "report_batken_2021-07-08.txt"
    assert facts["Purpose"].startswith("Building interaction between local and state bodies")
    assert not [element for element in at.markdown if "Demo data" in element.value]

    figure = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert figure["layout"]["title"]["text"].startswith("Participants by gender<br><sup>Event 1, 2021-07-08")
    bars = {trace["name"]: _values(trace["y"]) for trace in figure["data"]}
    assert bars == {"Women": [22], "Men": [28], "Unspecified": [0]}
    assert figure["layout"]["yaxis"]["title"]["text"] == "People"

    speakers = at.dataframe[1].value
    assert speakers["Name"].tolist() == ["Ulan Nasirdinovich Shamshiev", "Almaz Ashyrkulovich Asanov"]
    presentations = at.dataframe[2].value
    assert presentations["Title"].tolist()[1] == "Batken. Migration and Prospects"
    proposals = at.dataframe[3].value
    assert len(proposals) == 5
    assert proposals.iloc[1]["Themes"] == "Migration"
    assert proposals.iloc[1]["Evidence per theme"] == "Migration: migra* (1)"
    assert "Proposals (5)" in [subheader.value for subheader in at.subheader]

    texts = [text.value for text in at.text]
    assert any(text.startswith("Civil society\n") for text in texts)
    source = [text for text in texts if "Suggestions made:" in text]
    assert len(source) == 1
    assert "Number of participants: 50, out of which 22 are women and 28 are men." in source[0]
    assert at.expander[0].label == "Source text of the report"
    # The link back keeps the sidebar filters.
    back = at.get("page_link")[0]
    assert back.proto.label == "All events"
    assert "region=Batken" in back.proto.query_string


@pytest.mark.parametrize(
    ("value", "notice"),
    [
        ("999", "There is no event number 999 in the store."),
        ("abc", "`abc` is not an event number"),
        ("1; drop table events", "is not an event number"),
        ("-1", "is not an event number"),
        ("99999999999999999999", "is not an event number"),
    ],
)
def test_unknown_or_malformed_ids_give_a_notice(app_store, value, notice):
    at = _ok(open_page(PAGE, {"event": value}))
    assert notice in at.warning[0].value


def test_a_demo_event_carries_a_badge(demo_store):
    con = duckdb.connect(str(demo_store))
    event_id = con.execute("select min(event_id) from events where is_demo").fetchall()[0][0]
    con.close()
    at = _ok(open_page(PAGE, {"event": str(event_id)}))
    assert [element for element in at.markdown if "Demo data" in element.value]


def test_the_event_view_offers_its_fact_sheet_in_one_click(app_store):
    # The files themselves are tested in tests/test_briefing.py (one slide; the event's facts).
    at = open_page(PAGE, {"event": "1"})
    buttons = at.get("download_button")
    assert [button.proto.label for button in buttons] == ["Fact sheet (PowerPoint)", "Fact sheet (HTML, works offline)"]


@pytest.mark.parametrize("value", ["²", "١٢", "1e3", "0x1", " 1 2", "9" * 30])
def test_an_event_number_is_ascii_digits_only(app_store, value):
    at = open_page(PAGE, {"event": value})
    assert not at.exception
    assert [warning.value for warning in at.warning if "is not an event number" in warning.value]

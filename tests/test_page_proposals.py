"""The Proposals page through AppTest: the trend by theme, the search table and its links."""

import io
import json

import duckdb
import pandas as pd

from dashboard import review
from tests.conftest import open_page

PAGE = "dashboard/pages/proposals.py"
PENSIONS = (
    "it is necessary to consider the issue of increasing benefits and pensions "
    "for the border areas of the Batken region"
)


def _search(at, text):
    at.text_input(key="proposals_search").set_value(text).run()
    assert not at.exception, [exception.message for exception in at.exception]
    return at


def _figure(at):
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def test_searching_pensions_finds_exactly_the_fourth_proposal(app_store):
    at = _search(open_page(PAGE), "PENSIONS")
    table = at.dataframe[0].value
    assert table["proposal"].tolist() == [PENSIONS]
    row = table.iloc[0]
    assert row["region"] == "Batken"
    assert str(row["date"]) == "2021-07-08"
    assert row["themes"] == "Borders and interethnic relations, Pensions and social protection"
    assert row["evidence"] == (
        "Borders and interethnic relations: border* (1); Pensions and social protection: benefit* (0.5); pension* (1)"
    )
    assert row["label_source"] == "rule"
    assert row["event_link"] == "events?event=1"
    assert "1 proposal matches." in [caption.value.split(" Themes")[0] for caption in at.caption]


def test_search_text_is_data_not_sql(app_store):
    at = _search(open_page(PAGE), "'); drop table proposals; --")
    assert not at.dataframe
    assert "No proposals match" in at.info[0].value
    at = _search(at, "")
    assert len(at.dataframe[0].value) == 5


def test_links_keep_the_sidebar_filters(app_store):
    at = _search(open_page(PAGE, {"region": "Batken", "theme": "migration"}), "")
    table = at.dataframe[0].value
    assert table["proposal"].tolist() == [
        "it is necessary to immediately stop the flow of internal and external migration in Batken"
    ]
    assert table["event_link"].tolist() == ["events?event=1&region=Batken&theme=migration"]


def test_trend_by_theme_follows_the_grain(app_store):
    at = open_page(PAGE)
    figure = _figure(at)
    assert figure["layout"]["title"]["text"].startswith("Proposals per year by theme<br><sup>all regions")
    assert figure["layout"]["xaxis"]["title"]["text"] == "Year"
    assert figure["layout"]["yaxis"]["title"]["text"] == "Proposals"
    traces = {trace["name"]: trace for trace in figure["data"]}
    assert set(traces) == {
        "Borders and interethnic relations",
        "Defense and security",
        "Economy and development",
        "Migration",
        "Pensions and social protection",
        "Personnel and governance",
    }
    at.radio(key="proposals_grain").set_value("Quarter").run()
    figure = _figure(at)
    assert figure["layout"]["title"]["text"].startswith("Proposals per quarter by theme")
    assert figure["layout"]["xaxis"]["title"]["text"] == "Quarter"


def test_no_matching_proposals_gives_an_empty_chart_with_a_message(app_store):
    at = open_page(PAGE, {"region": "Naryn"})
    figure = _figure(at)
    assert "No proposals match these filters." in figure["layout"]["annotations"][0]["text"]
    assert "No proposals match" in at.info[0].value


def test_many_matches_are_capped_with_the_total_stated(demo_store):
    con = duckdb.connect(str(demo_store))
    total = con.execute("select count(*) from proposals").fetchall()[0][0]
    con.close()
    at = open_page(PAGE)
    table = at.dataframe[0].value
    assert total > 500
    assert len(table) == 500
    captions = [caption.value for caption in at.caption]
    assert (
        f"{total:,} proposals match; showing the first 500. Themes marked (manual) were set by a reviewer." in captions
    )
    assert f"Downloads hold the first {total:,} of {total:,} matching proposals." not in captions
    assert [button.label for button in at.get("download_button")] == ["Download CSV", "Download XLSX"]


def test_manual_labels_are_marked(app_store):
    from dashboard import store

    con = store.connect(app_store)
    proposal_id = con.execute("select proposal_id from proposals where position = 4").fetchall()[0][0]
    review.save_corrections(con, {proposal_id: ["pensions_social"]})
    con.close()
    at = _search(open_page(PAGE), "pensions")
    row = at.dataframe[0].value.iloc[0]
    assert (row["themes"], row["evidence"], row["label_source"]) == (
        "Pensions and social protection (manual)",
        "Pensions and social protection: set by a reviewer",
        "manual",
    )


def test_empty_periods_are_zeros_not_bridged():
    import pandas as pd

    from dashboard.charts.proposals import proposals_over_time_lines

    frame = pd.DataFrame(
        {
            "period": pd.to_datetime(["2021-01-01", "2021-10-01"]),
            "theme_id": ["migration", "health"],
            "proposals": [1, 2],
        }
    )
    figure = proposals_over_time_lines(frame, "quarter", "all regions")
    traces = {trace.name: list(trace.y) for trace in figure.data}
    assert traces == {"Health": [0, 0, 0, 2], "Migration": [1, 0, 0, 0]}
    assert figure.layout.xaxis.title.text == "Quarter"


def test_beyond_six_themes_the_rest_are_one_grey_line():
    import pandas as pd

    from dashboard import reference
    from dashboard.charts.proposals import OTHER_THEMES, proposals_over_time_lines

    themes = reference.theme_ids()[:8]
    frame = pd.DataFrame(
        {"period": pd.to_datetime(["2021-01-01"] * 8), "theme_id": themes, "proposals": [8, 7, 6, 5, 4, 3, 2, 1]}
    )
    figure = proposals_over_time_lines(frame, "year", "all regions")
    names = [trace.name for trace in figure.data]
    assert names == [reference.theme_labels()[theme] for theme in themes[:6]] + [OTHER_THEMES]
    assert list(figure.data[-1].y) == [3]
    assert figure.data[-1].line.color == "#999999"
    assert "the 6 most frequent themes" in figure.layout.title.text


def test_the_download_holds_every_match_though_the_page_fetches_only_the_shown_rows(demo_store, monkeypatch):
    from streamlit.runtime.media_file_manager import MediaFileManager

    from dashboard.bench.pages import recorded_queries

    deferred = {}
    original = MediaFileManager.add_deferred

    def add_deferred(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        deferred[file_name] = data_callable
        return original(self, data_callable, mimetype, coordinates, file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", add_deferred)
    with recorded_queries() as names:
        at = open_page(PAGE)
    assert len(at.dataframe[0].value) == 500
    assert names.count("newest_proposals_in_view") == names.count("proposal_rows") == 1

    downloaded = pd.read_csv(io.StringIO(deferred["proposals.csv"]().decode("utf-8-sig")))
    con = duckdb.connect(str(demo_store))
    texts = [row[0] for row in con.execute("select text from proposals").fetchall()]
    con.close()
    assert len(downloaded) == len(texts) > 500
    assert sorted(downloaded["Proposal"]) == sorted(texts)
    assert list(downloaded.columns[:3]) == ["Proposal", "Event", "Region"]

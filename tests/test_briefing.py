"""Briefing packs and fact sheets: open the produced files and check them against the store."""

import re
from datetime import date
from html import escape
from html.parser import HTMLParser

import pytest
from plotly.offline import get_plotlyjs
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

from dashboard import cli, reference, sql, store
from dashboard.filters import Filters
from dashboard.stats import summary
from tests.conftest import open_page

FOUNDING_SENTENCE = "Women's share: 44.0%."
DEMO_LABEL = "Includes synthetic demo data (200 of 201 events)"


def brief(tmp_path, *args, suffix="pptx"):
    out = tmp_path / f"out.{suffix}"
    assert cli.main(["brief", "--format", suffix, "--out", str(out), *args]) == 0
    return out


def slide_text(slide) -> str:
    return " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def charts(slide):
    return [shape.chart for shape in slide.shapes if shape.has_chart]


def series_values(chart) -> dict[str, tuple]:
    return {series.name: tuple(series.values) for series in chart.plots[0].series}


def test_founding_report_deck(demo_store, tmp_path):
    deck = Presentation(brief(tmp_path, "--region", "Batken", "--no-demo"))
    slides = list(deck.slides)
    assert len(slides) == 8
    assert "Batken; all themes; real reports only" in slide_text(slides[0])
    assert "8 July 2021" in slide_text(slides[0])
    assert [charts(slide)[0].chart_type for slide in slides[2:5]] == [
        XL_CHART_TYPE.BAR_STACKED,
        XL_CHART_TYPE.BAR_STACKED,
        XL_CHART_TYPE.LINE_MARKERS,
    ]
    gender = charts(slides[2])[0]
    assert list(gender.plots[0].categories) == ["Batken"]
    assert series_values(gender) == {"Women": (22.0,), "Men": (28.0,)}
    assert FOUNDING_SENTENCE in slides[2].notes_slide.notes_text_frame.text
    for slide in slides[2:5]:
        assert slide.notes_slide.notes_text_frame.text.strip()
    kpis = slide_text(slides[1])
    for value in ("50", "44.0%", "5"):
        assert value in kpis
    assert not any("synthetic demo data" in slide_text(slide) for slide in slides)
    table = next(shape.table for shape in slides[5].shapes if shape.has_table)
    assert len(table.rows) == 1 + 5  # the founding report's five proposals
    assert {table.cell(row, 1).text for row in range(1, 6)} == {"Batken"}
    outcomes = charts(slides[6])[0]
    assert series_values(outcomes) == {"Proposals": (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 5.0)}  # all without response
    assert "Share answered: 0.0%." in slides[6].notes_slide.notes_text_frame.text
    assert "How these figures are computed" in slide_text(slides[7])
    assert "Women's share: 44.0%. Women divided by participants" in slide_text(slides[7])


def test_chart_values_match_the_store(demo_store, tmp_path):
    deck = Presentation(brief(tmp_path))
    slides = list(deck.slides)
    con = store.connect(demo_store)
    try:
        expected = summary(con, Filters())
        gender = charts(slides[2])[0]
        values = series_values(gender)
        assert sum(values["Women"]) == expected["participants_women"]
        assert sum(values["Men"]) == expected["participants_men"]
        by_region = {row["region"]: row for row in sql.records(con, "participation_by_region", Filters().params())}
        for index, region in enumerate(gender.plots[0].categories):
            assert values["Women"][index] == by_region[region]["women"]

        themes = charts(slides[3])[0]
        labels = {label: theme for theme, label in reference.theme_labels().items()}
        per_theme = [sum(column) for column in zip(*series_values(themes).values(), strict=True)]
        for category, total in zip(themes.plots[0].categories, per_theme, strict=True):
            assert total == expected["proposals_by_theme"][labels[category]]

        trend = charts(slides[4])[0]
        years = list(trend.plots[0].categories)
        for name, counts in series_values(trend).items():
            for year in (years[0], years[-1]):
                in_year = Filters(date_from=date(int(year), 1, 1), date_to=date(int(year), 12, 31))
                assert counts[years.index(year)] == summary(con, in_year)["proposals_by_theme"][labels[name]]
    finally:
        con.close()
    for slide in slides[:5]:
        assert DEMO_LABEL in slide_text(slide)
    assert "most frequent theme" in slides[3].notes_slide.notes_text_frame.text


def test_min_count_suppresses_small_groups(demo_store, tmp_path):
    deck = Presentation(brief(tmp_path, "--region", "Batken", "--no-demo", "--min-count", "30"))
    slides = list(deck.slides)
    gender = charts(slides[2])[0]
    assert series_values(gender) == {"Women": (None,), "Men": (None,)}  # 22 women < 30 hides the split
    assert list(gender.plots[0].categories) == ["Batken (suppressed)"]
    assert FOUNDING_SENTENCE not in slides[2].notes_slide.notes_text_frame.text
    assert all(value is None for values in series_values(charts(slides[3])[0]).values() for value in values)
    kpis = slide_text(slides[1])
    assert "50" in kpis and "<30" in kpis and "44.0%" not in kpis  # 50 participants shown, 5 proposals hidden
    assert "shown as <30" in slide_text(slides[2])


def test_fact_sheets_are_one_slide(demo_store, tmp_path):
    region = Presentation(brief(tmp_path, "--region", "Batken", "--no-demo", "--fact-sheet"))
    assert len(region.slides) == 1
    slide = region.slides[0]
    assert "Batken: fact sheet" in slide_text(slide)
    assert FOUNDING_SENTENCE in slide.notes_slide.notes_text_frame.text
    assert charts(slide)[0].chart_type == XL_CHART_TYPE.BAR_STACKED

    event = Presentation(brief(tmp_path, "--event", "1"))
    assert len(event.slides) == 1
    text = slide_text(event.slides[0])
    assert "50 in total: 22 women, 28 men" in text
    assert "Proposals (5)" in text
    table = next(shape.table for shape in event.slides[0].shapes if shape.has_table)
    assert len(table.rows) == 6
    assert [table.cell(row, 2).text for row in range(1, 6)] == ["No response"] * 5

    demo_event = Presentation(brief(tmp_path, "--event", "2"))
    assert "Synthetic demo event" in slide_text(demo_event.slides[0])


def test_fact_sheet_needs_a_region_or_event(demo_store, tmp_path, capsys):
    assert cli.main(["brief", "--format", "pptx", "--out", str(tmp_path / "x.pptx"), "--fact-sheet"]) == 2
    assert cli.main(["brief", "--format", "pptx", "--out", str(tmp_path / "x.pptx"), "--event", "999"]) == 2
    assert "no event with id 999" in capsys.readouterr().err


class Resources(HTMLParser):
    """Every src/href a browser would load or follow."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        self.scripts += tag == "script"
        self.links += [value or "" for name, value in attrs if name in ("src", "href")]


def test_html_briefing_is_self_contained(demo_store, tmp_path):
    con = store.connect(demo_store)
    try:
        sql.execute(con, "write/update_proposal_text", {"proposal_id": 1, "text": "<img src=x onerror=alert(1)>"})
    finally:
        con.close()
    text = brief(tmp_path, "--region", "Batken", suffix="html").read_text(encoding="utf-8")
    parser = Resources()
    parser.feed(text)
    assert not [link for link in parser.links if re.match(r"\s*(https?:)?//", link)]
    assert text.count(get_plotlyjs()[:300]) == 1
    assert text.count("Plotly.newPlot") == 4  # gender, themes, trend, outcomes
    assert "What became of the proposals" in text and "Share answered: " in text
    assert "How these figures are computed" in text  # the footnote
    assert "@media print" in text and "break-before: page" in text
    assert "<img" not in text.replace(get_plotlyjs(), "")
    assert "Includes synthetic demo data (13 of 14 events)" in text
    assert escape("Women's share: ") in text

    real = brief(tmp_path, "--region", "Batken", "--no-demo", suffix="html").read_text(encoding="utf-8")
    assert escape(FOUNDING_SENTENCE) in real and "synthetic demo data" not in real


def test_html_event_fact_sheet(demo_store, tmp_path):
    text = brief(tmp_path, "--event", "1", "--min-count", "25", suffix="html").read_text(encoding="utf-8")
    assert text.count("<section>") == 1
    assert "50 in total: &lt;25 women, &lt;25 men" in text
    assert "SPECIAL STATUS OF BATKEN REGION" in text


@pytest.mark.parametrize("kind", ["Briefing pack", "Region fact sheet", "Event fact sheet"])
def test_briefing_page_offers_the_file(app_store, kind):
    at = open_page("dashboard/pages/briefing.py")
    at.radio(key="brief_kind").set_value(kind).run()
    at.button(key="brief_prepare").click().run()
    assert not at.exception
    buttons = at.get("download_button")
    assert len(buttons) == 1
    assert ".pptx" in buttons[0].proto.label


def test_womens_share_is_the_overview_figure(demo_store):
    """Deck and Overview agree: women over participants of events that report a gender split."""
    from dashboard import briefing

    con = store.connect(demo_store)
    built = briefing.build(con, Filters())
    row = sql.records(con, "stats_summary", Filters().params())[0]
    con.close()
    assert row["participants_with_split"] < row["participants_total"]  # demo events without a split exist
    assert built.kpis()["Women's share"] == f"{100 * row['participants_women'] / row['participants_with_split']:.1f}%"

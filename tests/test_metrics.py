"""One figure, one definition: every surface that shows a metric shows the value of dashboard/metrics.py.

For each set of filters the test reads what a user sees (Overview tiles and Participation captions
through AppTest, the PowerPoint deck and fact sheet through python-pptx, the HTML report, the XLSX
summary sheet through openpyxl, and `stats --json`) and requires one value per metric across them.
"""

import json
import re
from html import unescape

import pytest
from openpyxl import load_workbook
from pptx import Presentation

from dashboard import cli, metrics, store
from dashboard.filters import Filters
from tests.conftest import open_page

OVERVIEW = "dashboard/pages/overview.py"
PARTICIPATION = "dashboard/pages/participation.py"
OUTCOMES = "dashboard/pages/outcomes.py"
# (URL parameters, the same filters as CLI arguments)
FILTER_SETS = {
    "everything": ({}, []),
    "batken-and-osh": ({"region": ["Batken", "Osh"]}, ["--region", "Batken", "--region", "Osh"]),
    "nothing-matches": ({"region": "Naryn", "demo": "0"}, ["--region", "Naryn", "--no-demo"]),
    "theme-dates-status": (
        {"region": "Osh", "theme": "migration", "from": "2019-01-01", "to": "2023-12-31", "status": "no_response"},
        ["--region", "Osh", "--theme", "migration", "--from", "2019-01-01", "--to", "2023-12-31"]
        + ["--status", "no_response"],
    ),
}
# Small groups: only briefings and exports take --min-count.
SMALL_GROUPS = {
    "founding-report-min-30": ["--region", "Batken", "--no-demo", "--min-count", "30"],
    "batken-min-5": ["--region", "Batken", "--min-count", "5"],
}
PERCENT = re.compile(r"\d[\d,.\s\xa0]*%")


def _labelled(text: str) -> dict[str, str]:
    """Metric id -> value from sentences of the form 'Label: value. ...' (captions, notes, footnotes)."""
    found = {}
    for metric_id in metrics.definitions():
        match = re.search(rf"(?:^|\. |\n){re.escape(metrics.label(metric_id))}: (.+?)\.(?:\s|$)", text)
        if match:
            found[metric_id] = match.group(1)
    return found


def _tiles(pairs) -> dict[str, str]:
    """Metric id -> value from (label, value) pairs of tiles."""
    ids = {metrics.label(metric_id): metric_id for metric_id in metrics.definitions()}
    return {ids[label]: value for label, value in pairs if label in ids}


def _agree(surfaces: dict[str, dict[str, str]]) -> None:
    by_metric: dict[str, dict[str, str]] = {}
    for surface, values in surfaces.items():
        for metric_id, value in values.items():
            by_metric.setdefault(metric_id, {})[surface] = value
    disagreeing = {metric_id: shown for metric_id, shown in by_metric.items() if len(set(shown.values())) > 1}
    assert disagreeing == {}


def deck_values(path) -> dict[str, dict[str, str]]:
    """What a briefing deck shows of each metric, slide by slide."""
    slides = list(Presentation(path).slides)
    tiles = _tiles(
        tuple(reversed(shape.text_frame.text.split("\n")))
        for shape in slides[1].shapes
        if shape.has_text_frame and shape.text_frame.text.count("\n") == 1
    )
    texts = [[shape.text_frame.text for shape in slide.shapes if shape.has_text_frame] for slide in slides]
    gender_subtitle = texts[2][1]  # the sentence under the title of the gender slide
    shares = PERCENT.findall(gender_subtitle)
    return {
        "deck key figures": tiles,
        "deck key-figure notes": _labelled(slides[1].notes_slide.notes_text_frame.text),
        # Whatever the wording, the first share the gender slide states is the women's share.
        "deck gender slide": {"women_share": shares[0]} if shares else {},
        "deck outcome notes": _labelled(slides[6].notes_slide.notes_text_frame.text),
        "deck definitions slide": _labelled("\n".join(texts[-1])),
    }


def html_values(text: str) -> dict[str, dict[str, str]]:
    tiles = re.findall(r'<div class="tile"><b>(.*?)</b>(.*?)</div>', text)
    footnote = [unescape(item) for item in re.findall(r"<li>(.*?)</li>", text)]
    return {
        "html tiles": _tiles((unescape(label), unescape(value)) for value, label in tiles),
        "html footnote": _labelled("\n".join(footnote)),
    }


def summary_sheet(path) -> dict[str, str]:
    sheet = load_workbook(path)["summary"]
    header = [cell.value for cell in sheet[1]]
    rows = [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)]
    for row in rows:  # the number in the sheet is the value as shown
        if row["value"] is not None:
            assert metrics.format_value(row["metric"], row["value"]) == row["shown"], row
    return {row["metric"]: row["shown"] for row in rows}


def files(tmp_path, args: list[str]) -> dict[str, dict[str, str]]:
    """Deck, fact sheet, HTML report and XLSX export under the CLI filters in `args`."""
    deck, sheet, html, xlsx = (tmp_path / name for name in ("b.pptx", "s.pptx", "b.html", "e.xlsx"))
    assert cli.main(["brief", "--format", "pptx", "--out", str(deck), *args]) == 0
    assert cli.main(["brief", "--format", "html", "--out", str(html), *args]) == 0
    assert cli.main(["export", "--format", "xlsx", "--out", str(xlsx), *args]) == 0
    found = {
        **deck_values(deck),
        **html_values(html.read_text(encoding="utf-8")),
        "xlsx summary": summary_sheet(xlsx),
    }
    if args.count("--region") == 1:  # a fact sheet is of one region
        assert cli.main(["brief", "--format", "pptx", "--out", str(sheet), "--fact-sheet", *args]) == 0
        fact_sheet = Presentation(sheet).slides[0]
        found["fact sheet tiles"] = _tiles(
            tuple(reversed(shape.text_frame.text.split("\n")))
            for shape in fact_sheet.shapes
            if shape.has_text_frame and shape.text_frame.text.count("\n") == 1
        )
        found["fact sheet notes"] = _labelled(fact_sheet.notes_slide.notes_text_frame.text)
    return found


@pytest.mark.parametrize("name", FILTER_SETS)
def test_every_surface_shows_one_value_per_metric(demo_store, tmp_path, capsys, name):
    params, args = FILTER_SETS[name]
    capsys.readouterr()
    assert cli.main(["stats", "--json", *args]) == 0
    stats = json.loads(capsys.readouterr().out)
    surfaces = {"stats --json": {key: metrics.format_value(key, value) for key, value in stats["metrics"].items()}}
    overview = open_page(OVERVIEW, params)
    assert not overview.exception
    surfaces["overview tiles"] = _tiles((metric.label, metric.value) for metric in overview.metric)
    outcomes = open_page(OUTCOMES, params)
    assert not outcomes.exception
    surfaces["outcomes tiles"] = _tiles((metric.label, metric.value) for metric in outcomes.metric)
    participation = open_page(PARTICIPATION, params)
    assert not participation.exception
    surfaces["participation captions"] = _labelled("\n".join(caption.value for caption in participation.caption))
    surfaces.update(files(tmp_path, args))
    _agree(surfaces)

    # Every surface showed its figures, and the older stats keys are the same metrics.
    assert len(surfaces["overview tiles"]) == 6 and len(surfaces["outcomes tiles"]) == 4
    assert len(surfaces["xlsx summary"]) == len(metrics.definitions())
    assert {"women_share", "participants_with_split"} <= surfaces["participation captions"].keys()
    assert (stats["participants_total"], stats["participants_women"]) == (
        stats["metrics"]["participants"],
        stats["metrics"]["women"],
    )
    assert stats["proposals"] == stats["metrics"]["proposals"] == sum(stats["proposals_by_status"].values())
    if name == "nothing-matches":
        assert stats["events"] == 0 and surfaces["overview tiles"]["women_share"] == "–"
    else:
        assert "women_share" in surfaces["deck gender slide"]


@pytest.mark.parametrize("name", SMALL_GROUPS)
def test_small_groups_are_hidden_alike_everywhere(demo_store, tmp_path, name):
    args = SMALL_GROUPS[name]
    surfaces = files(tmp_path, args)
    _agree(surfaces)
    if name == "founding-report-min-30":  # 22 women and 28 men at the one event: the split is hidden
        assert surfaces["xlsx summary"]["women"] == "<30"
        assert surfaces["deck key figures"]["women_share"] == "–"
        assert surfaces["deck key figures"]["participants"] == "50"


def test_the_batken_and_osh_deck_gives_one_womens_share(demo_store, tmp_path):
    """Women among participants of events with a gender split, never among all participants."""
    deck = tmp_path / "b.pptx"
    assert cli.main(["brief", "--format", "pptx", "--out", str(deck), "--region", "Batken", "--region", "Osh"]) == 0
    con = store.connect(demo_store)
    figures = metrics.compute(con, Filters(regions=("Batken", "Osh")))
    con.close()
    assert figures["participants_with_split"] < figures["participants"]  # the two definitions differ here
    all_text = " ".join(
        " ".join(
            [slide.notes_slide.notes_text_frame.text] + [s.text_frame.text for s in slide.shapes if s.has_text_frame]
        )
        for slide in Presentation(deck).slides
    )
    stated = {match.group(1) for match in re.finditer(r"Women's share: ([^ ]+?)\.(?:\s|$)", all_text)}
    assert stated == {figures.text("women_share")}
    among_all = metrics.format_value("women_share", 100 * figures["women"] / figures["participants"])
    assert among_all not in all_text


def test_definitions_come_from_the_csv_in_the_interface_language(demo_store):
    from dashboard import i18n

    with i18n.using("ru"):
        assert metrics.label("women_share") == "Доля женщин"
        assert metrics.definition("women_share").startswith("Число женщин")
        assert metrics.format_value("women_share", 39.65) == "39,6\xa0%"  # rounded as the English "39.6%"
        assert metrics.format_value("women_share", 39.68) == "39,7\xa0%"
    for metric in metrics.definitions().values():
        assert set(metric.labels) == set(metric.definitions) == set(i18n.LANGUAGES)
        assert all(metric.labels.values()) and all(metric.definitions.values())
    at = open_page(OVERVIEW, {"lang": "ru"})
    help_texts = {metric.label: metric.help for metric in at.metric}
    with i18n.using("ru"):
        assert help_texts["Доля женщин"].startswith(metrics.definition("women_share"))
        assert "Мероприятий в основе показателя:" in help_texts["Доля женщин"]

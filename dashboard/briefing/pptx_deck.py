"""Briefing packs and fact sheets as PowerPoint decks with native (editable) charts.

Each function takes the content from dashboard/briefing.py and returns the .pptx bytes, in the
current interface language (dashboard/i18n.py).
"""

from datetime import date
from io import BytesIO

import pandas as pd
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION, XL_MARKER_STYLE
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.util import Emu, Inches, Pt

from dashboard import i18n, metrics
from dashboard.briefing import FACT_SHEET_THEMES, KPIS, TITLE, Briefing, EventSheet, participation_line
from dashboard.charts import GENDER_COLOURS, PALETTE
from dashboard.downloads import guard_cell
from dashboard.i18n import _, ngettext

WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
CONTENT_WIDTH = WIDTH - 2 * MARGIN
INK = RGBColor(0x22, 0x22, 0x22)
MUTED = RGBColor(0x55, 0x55, 0x55)
DEMO_FILL = RGBColor.from_string(PALETTE[1].lstrip("#"))
# Set on every text run and chart: a typeface with Cyrillic and the Kyrgyz letters (ң ө ү), present in
# Windows, macOS and LibreOffice installs, rather than the theme font the viewer's machine may lack.
FONT = "Arial"


def _rgb(colour: str) -> RGBColor:
    return RGBColor.from_string(colour.lstrip("#"))


def _shorten(text: str, limit: int) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _deck() -> Presentation:
    deck = Presentation()
    deck.slide_width, deck.slide_height = WIDTH, HEIGHT
    return deck


def _slide(deck: Presentation):
    return deck.slides.add_slide(deck.slide_layouts[6])  # blank: we place every shape ourselves


def _text(slide, left, top, width, height, lines, size, *, bold=False, colour=INK, align=None, anchor=None):
    """A text box; `lines` is a string or a list of paragraphs."""
    box = slide.shapes.add_textbox(left, top, width, height)
    frame = box.text_frame
    frame.word_wrap = True
    if anchor:
        frame.vertical_anchor = anchor
    for index, line in enumerate([lines] if isinstance(lines, str) else lines):
        paragraph = frame.paragraphs[0] if index == 0 else frame.add_paragraph()
        paragraph.text = line
        paragraph.font.size = Pt(size)
        paragraph.font.bold = bold
        paragraph.font.color.rgb = colour
        if align:
            paragraph.alignment = align
    return box


def _header(slide, title: str, subtitle: str | None = None, size: int = 30) -> None:
    _text(slide, MARGIN, Inches(0.35), CONTENT_WIDTH, Inches(0.7), title, size, bold=True)
    if subtitle:
        _text(slide, MARGIN, Inches(1.0), CONTENT_WIDTH, Inches(0.5), subtitle, 17, colour=MUTED)


def _footer(slide, scope: str, demo_label: str | None, privacy_note: str | None) -> None:
    lines = [_("Filters: {scope}").format(scope=scope)] + ([privacy_note] if privacy_note else [])
    _text(slide, MARGIN, Inches(6.8), Inches(7.2), Inches(0.6), lines, 11, colour=MUTED, anchor=MSO_ANCHOR.BOTTOM)
    if demo_label:
        width = Inches(4.9)
        label = slide.shapes.add_shape(
            MSO_SHAPE.ROUNDED_RECTANGLE, WIDTH - MARGIN - width, Inches(6.9), width, Inches(0.4)
        )
        label.fill.solid()
        label.fill.fore_color.rgb = DEMO_FILL
        label.line.fill.background()
        frame = label.text_frame
        frame.text = demo_label
        frame.word_wrap = False
        frame.paragraphs[0].font.size = Pt(12)
        frame.paragraphs[0].font.bold = True
        frame.paragraphs[0].font.color.rgb = INK
        frame.paragraphs[0].alignment = PP_ALIGN.CENTER


def _notes(slide, sentences: list[str]) -> None:
    slide.notes_slide.notes_text_frame.text = " ".join(sentences)


def _kpi_tiles(slide, kpis: dict[str, str], top, height, value_size: int) -> None:
    gap = Inches(0.2)
    width = Emu(int((CONTENT_WIDTH - gap * (len(kpis) - 1)) / len(kpis)))
    for index, (label, value) in enumerate(kpis.items()):
        left = MARGIN + index * (width + gap)
        tile = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, left, top, width, height)
        tile.fill.solid()
        tile.fill.fore_color.rgb = RGBColor(0xF2, 0xF5, 0xF9)
        tile.line.fill.background()
        frame = tile.text_frame
        frame.text = value
        frame.paragraphs[0].font.size = Pt(value_size)
        frame.paragraphs[0].font.bold = True
        frame.paragraphs[0].font.color.rgb = _rgb(PALETTE[0])
        caption = frame.add_paragraph()
        caption.text = label
        caption.font.size = Pt(max(12, value_size // 2.5))
        caption.font.color.rgb = INK
        for paragraph in frame.paragraphs:
            paragraph.alignment = PP_ALIGN.CENTER


def _values(column: pd.Series) -> list[int | None]:
    """Chart values; a suppressed count is None, which PowerPoint leaves out."""
    return [None if value is None or pd.isna(value) else int(value) for value in column]


def _chart(slide, kind, categories, series: dict[str, list], colours: list[str], box, *, legend=True):
    data = CategoryChartData(number_format="#,##0")
    data.categories = [guard_cell(category) for category in categories]  # they go into an embedded workbook
    for name, values in series.items():
        data.add_series(guard_cell(name), values)
    left, top, width, height = box
    chart = slide.shapes.add_chart(kind, left, top, width, height, data).chart
    chart.font.size = Pt(13)
    chart.font.color.rgb = INK
    chart.has_title = False
    chart.has_legend = legend and len(series) > 1
    if chart.has_legend:
        chart.legend.position = XL_LEGEND_POSITION.BOTTOM
        chart.legend.include_in_layout = False
    chart.value_axis.has_major_gridlines = True
    chart.value_axis.major_gridlines.format.line.color.rgb = RGBColor(0xE0, 0xE0, 0xE0)
    chart.value_axis.tick_labels.number_format = "#,##0"
    chart.value_axis.tick_labels.number_format_is_linked = False
    chart.value_axis.format.line.fill.background()
    for index, plot_series in enumerate(chart.plots[0].series):
        colour = _rgb(colours[index % len(colours)])
        if kind == XL_CHART_TYPE.LINE_MARKERS:
            plot_series.smooth = False
            plot_series.format.line.color.rgb = colour
            plot_series.format.line.width = Pt(2.5)
            plot_series.marker.style = XL_MARKER_STYLE.CIRCLE
            plot_series.marker.size = 7
            plot_series.marker.format.fill.solid()
            plot_series.marker.format.fill.fore_color.rgb = colour
            plot_series.marker.format.line.color.rgb = colour
        else:
            plot_series.format.fill.solid()
            plot_series.format.fill.fore_color.rgb = colour
    if kind != XL_CHART_TYPE.LINE_MARKERS:
        chart.plots[0].gap_width = 60 if len(categories) > 3 else 150
    _label_every_category(chart.category_axis)
    return chart


def _label_every_category(axis) -> None:
    """PowerPoint skips category labels on a short chart; a theme without its label is unreadable."""
    skip = OxmlElement("c:tickLblSkip")
    skip.set("val", "1")
    later = {qn("c:tickMarkSkip"), qn("c:noMultiLvlLbl"), qn("c:extLst")}  # schema order after tickLblSkip
    successor = next((child for child in axis._element if child.tag in later), None)
    if successor is None:
        axis._element.append(skip)
    else:
        successor.addprevious(skip)


def _nothing(slide, message: str) -> None:
    _text(slide, MARGIN, Inches(3.2), CONTENT_WIDTH, Inches(1), message, 24, colour=MUTED, align=PP_ALIGN.CENTER)


CHART_BOX = (MARGIN, Inches(1.75), CONTENT_WIDTH, Inches(5.0))


def gender_chart(slide, briefing: Briefing, box=CHART_BOX):
    """Participants by gender per region, stacked; regions read top to bottom in alphabetical order."""
    data = briefing.participation.iloc[::-1]
    regions = [
        _("{region} (suppressed)").format(region=row.region) if row.women is None and row.participants else row.region
        for row in data.itertuples()
    ]
    parts = {"Women": _("Women"), "Men": _("Men"), "Unspecified": _("Unspecified")}
    series = {"Women": _values(data["women"]), "Men": _values(data["men"])}
    if any(value for value in _values(data["unspecified"])):
        series["Unspecified"] = _values(data["unspecified"])
    colours = [GENDER_COLOURS[name] for name in series]
    named = {parts[name]: values for name, values in series.items()}
    return _chart(slide, XL_CHART_TYPE.BAR_STACKED, regions, named, colours, box)


def themes_chart(slide, briefing: Briefing, box=CHART_BOX, most: int | None = None):
    """Proposals per theme (most frequent on top), one stacked segment per region."""
    table = briefing.themes_by_region if most is None else briefing.themes_by_region.tail(most)
    series = {region: _values(table[region]) for region in table.columns}
    return _chart(slide, XL_CHART_TYPE.BAR_STACKED, list(table.index), series, PALETTE, box)


def trend_chart(slide, briefing: Briefing, box=CHART_BOX):
    table = briefing.trend
    series = {theme: _values(table[theme]) for theme in table.columns}
    return _chart(slide, XL_CHART_TYPE.LINE_MARKERS, [str(year) for year in table.index], series, PALETTE, box)


def outcomes_chart(slide, briefing: Briefing, box=CHART_BOX):
    """Proposals per current follow-up status, in the order a proposal moves through them."""
    data = briefing.outcomes.iloc[::-1]  # bar charts draw the first category at the bottom
    series = {_("Proposals"): _values(data["proposals"])}
    statuses = [_(status) for status in data["status"]]  # English labels, shown in the language
    return _chart(slide, XL_CHART_TYPE.BAR_CLUSTERED, statuses, series, PALETTE, box, legend=False)


def _chart_slide(deck, briefing: Briefing, title: str, section: str, draw, empty: bool, explained=()) -> None:
    """`explained`: metrics whose definitions the speaker notes add after the slide's sentences."""
    slide = _slide(deck)
    sentences = briefing.notes[section]
    _header(slide, title, sentences[0])
    if empty:
        _nothing(slide, _("No data match these filters."))
    else:
        draw(slide, briefing)
    _footer(slide, briefing.scope, briefing.demo_label, briefing.privacy_note)
    _notes(slide, sentences + briefing.definitions(explained, value=False))


def _definitions_slide(deck, briefing: Briefing) -> None:
    """How each figure in the pack is computed: its value, definition and the events it rests on."""
    slide = _slide(deck)
    _header(slide, metrics.phrase("how_computed"))
    _text(slide, MARGIN, Inches(1.2), CONTENT_WIDTH, Inches(5.5), briefing.definitions(), 11)
    _footer(slide, briefing.scope, briefing.demo_label, briefing.privacy_note)
    _notes(slide, briefing.definitions())


def _recent_table(slide, recent: pd.DataFrame, top, height, text_limit: int) -> None:
    columns = [(_("Date"), 1.3), (_("Region"), 1.5), (_("Proposal"), 6.9), (_("Themes"), 2.633)]
    shape = slide.shapes.add_table(len(recent) + 1, len(columns), MARGIN, top, CONTENT_WIDTH, height)
    table = shape.table
    for index, (name, width) in enumerate(columns):
        table.columns[index].width = Inches(width)
        table.cell(0, index).text = name
    for row_number, row in enumerate(recent.itertuples(index=False), start=1):
        day = "" if row.event_date is None or pd.isna(row.event_date) else f"{row.event_date:%Y-%m-%d}"
        values = [day, row.region, _shorten(row.text, text_limit), row.themes]
        for index, value in enumerate(values):
            table.cell(row_number, index).text = value
    for row in table.rows:
        for cell in row.cells:
            cell.margin_top = cell.margin_bottom = Inches(0.03)
            for paragraph in cell.text_frame.paragraphs:
                paragraph.font.size = Pt(12)


def briefing_pptx(briefing: Briefing) -> bytes:
    deck = _deck()
    label, footer = briefing.demo_label, (briefing.scope, briefing.demo_label, briefing.privacy_note)

    slide = _slide(deck)
    _text(slide, MARGIN, Inches(2.2), CONTENT_WIDTH, Inches(1.2), _(TITLE), 44, bold=True)
    _text(
        slide,
        MARGIN,
        Inches(3.5),
        CONTENT_WIDTH,
        Inches(2),
        [
            _("Events: {dates}").format(dates=briefing.date_range),
            _("Filters: {scope}").format(scope=briefing.scope),
            _("Prepared {date}").format(date=f"{date.today():%Y-%m-%d}"),
        ],
        20,
        colour=MUTED,
    )
    _footer(slide, briefing.scope, label, briefing.privacy_note)

    slide = _slide(deck)
    _header(slide, _("Key figures"), briefing.date_range)
    _kpi_tiles(slide, briefing.kpis(), Inches(1.8), Inches(1.8), 40)
    _text(slide, MARGIN, Inches(4.0), CONTENT_WIDTH, Inches(2.5), briefing.notes["kpis"], 20)
    _footer(slide, *footer)
    _notes(slide, briefing.notes["kpis"] + briefing.definitions(KPIS))

    _chart_slide(
        deck,
        briefing,
        _("Participants by gender per region"),
        "gender",
        gender_chart,
        briefing.participation.empty,
        explained=("women_share", "participants_with_split"),
    )
    _chart_slide(
        deck, briefing, _("Proposals by theme and region"), "themes", themes_chart, briefing.themes_by_region.empty
    )
    trend_title = (
        _("Proposals per year: the most frequent themes") if briefing.trend_is_top else _("Proposals per year by theme")
    )
    _chart_slide(deck, briefing, trend_title, "trend", trend_chart, briefing.trend.empty)

    slide = _slide(deck)
    shown = len(briefing.recent)
    _header(
        slide,
        _("The most recent proposals"),
        ngettext(
            "The {count} newest under these filters, with region and themes",
            "The {count} newest under these filters, with region and themes",
            shown,
        ).format(count=shown),
    )
    if briefing.recent.empty:
        _nothing(slide, _("No proposals match these filters."))
    else:
        _recent_table(slide, briefing.recent, Inches(1.55), Inches(5.0), 170)
    uses_demo = bool(briefing.recent["is_demo"].any()) if not briefing.recent.empty else False
    _footer(slide, briefing.scope, label if uses_demo else None, briefing.privacy_note)
    _notes(
        slide,
        [
            ngettext(
                "The {count} most recent proposal under these filters.",
                "The {count} most recent proposals under these filters, newest first.",
                shown,
            ).format(count=shown)
        ],
    )

    no_proposals = not any(_values(briefing.outcomes["proposals"]))
    _chart_slide(
        deck,
        briefing,
        _("What became of the proposals"),
        "outcomes",
        outcomes_chart,
        no_proposals,
        explained=("share_answered", "median_days_to_response"),
    )
    _definitions_slide(deck, briefing)
    return _saved(deck)


def region_sheet_pptx(briefing: Briefing) -> bytes:
    """One slide for one region: key figures, proposals by theme, participation and the latest proposals."""
    deck = _deck()
    slide = _slide(deck)
    region = ", ".join(map(i18n.region_label, briefing.filters.regions)) or _("All regions")
    _header(
        slide, _("{region}: fact sheet").format(region=region), _("Events: {dates}").format(dates=briefing.date_range)
    )
    _kpi_tiles(slide, briefing.kpis(), Inches(1.55), Inches(1.15), 28)
    if briefing.themes_by_region.empty:
        _text(
            slide, MARGIN, Inches(3.0), Inches(6.6), Inches(1), _("No proposals match these filters."), 18, colour=MUTED
        )
    else:
        heading = (
            _("Proposals by theme ({count} most frequent)").format(count=FACT_SHEET_THEMES)
            if len(briefing.themes_by_region) > FACT_SHEET_THEMES
            else _("Proposals by theme")
        )
        _text(slide, MARGIN, Inches(2.85), Inches(6.6), Inches(0.4), heading, 16, bold=True)
        box = (MARGIN, Inches(3.2), Inches(6.6), Inches(3.6))
        chart = themes_chart(slide, briefing, box, most=FACT_SHEET_THEMES)
        chart.has_legend = False
        chart.font.size = Pt(10)
    right = MARGIN + Inches(6.9)
    width = CONTENT_WIDTH - Inches(6.9)
    sentences = briefing.notes["gender"] + briefing.notes["themes"]
    _text(slide, right, Inches(2.85), width, Inches(1.2), sentences, 14)
    _text(slide, right, Inches(4.05), width, Inches(0.4), _("Latest proposals"), 16, bold=True)
    latest = [f"{row.event_date:%Y-%m-%d}: {_shorten(row.text, 120)}" for row in briefing.recent.head(4).itertuples()]
    _text(slide, right, Inches(4.45), width, Inches(2.3), latest or [_("None recorded.")], 12)
    _footer(slide, briefing.scope, briefing.demo_label, briefing.privacy_note)
    _notes(slide, briefing.notes["kpis"] + sentences + briefing.definitions())
    return _saved(deck)


def event_sheet_pptx(sheet: EventSheet) -> bytes:
    """One slide for one event: what the report states, participation, and its proposals with themes."""
    deck = _deck()
    slide = _slide(deck)
    _text(slide, MARGIN, Inches(0.3), CONTENT_WIDTH, Inches(1.0), _shorten(sheet.title, 150), 24, bold=True)
    left_width = Inches(4.4)
    facts = [f"{label}: {_shorten(value, 180)}" for label, value in sheet.facts.items()]
    _text(slide, MARGIN, Inches(1.4), left_width, Inches(3.6), facts, 12)
    _text(slide, MARGIN, Inches(5.0), left_width, Inches(0.4), _("Participants"), 16, bold=True)
    participation = [participation_line(sheet)] + sheet.notes[:1]
    _text(slide, MARGIN, Inches(5.4), left_width, Inches(1.2), participation, 13)
    right = MARGIN + left_width + Inches(0.3)
    width = CONTENT_WIDTH - left_width - Inches(0.3)
    shown = sheet.proposals.head(8)
    heading = _("Proposals ({count})").format(count=len(sheet.proposals))
    _text(slide, right, Inches(1.4), width, Inches(0.4), heading, 16, bold=True)
    if not shown.empty:
        table = slide.shapes.add_table(len(shown) + 1, 4, right, Inches(1.85), width, Inches(4.4)).table
        for index, (name, inches) in enumerate([("#", 0.45), (_("Proposal"), 4.0), (_("Status"), 1.4)]):
            table.columns[index].width = Inches(inches)
            table.cell(0, index).text = name
        table.columns[3].width = width - Inches(5.85)
        table.cell(0, 3).text = _("Themes")
        for number, row in enumerate(shown.itertuples(index=False), start=1):
            for index, value in enumerate([str(row.position), _shorten(row.text, 120), row.status, row.themes]):
                table.cell(number, index).text = value
        for row in table.rows:
            for cell in row.cells:
                for paragraph in cell.text_frame.paragraphs:
                    paragraph.font.size = Pt(11)
    if len(sheet.proposals) > len(shown):
        rest = len(sheet.proposals) - len(shown)
        more = ngettext(
            "{count} more proposal is in the report.", "{count} more proposals are in the report.", rest
        ).format(count=rest)
        _text(slide, right, Inches(6.35), width, Inches(0.35), more, 11, colour=MUTED)
    _footer(slide, _("event {number}").format(number=sheet.event_id), sheet.demo_label, sheet.privacy_note)
    _notes(slide, sheet.notes)
    return _saved(deck)


def _text_frames(shape):
    if shape.has_text_frame:
        yield shape.text_frame
    if shape.has_table:
        for row in shape.table.rows:
            for cell in row.cells:
                yield cell.text_frame


def _set_font(deck: Presentation) -> None:
    for slide in deck.slides:
        for shape in slide.shapes:
            if shape.has_chart:
                shape.chart.font.name = FONT
            for frame in _text_frames(shape):
                for paragraph in frame.paragraphs:
                    paragraph.font.name = FONT
                    for run in paragraph.runs:
                        run.font.name = FONT


def _saved(deck: Presentation) -> bytes:
    _set_font(deck)
    buffer = BytesIO()
    deck.save(buffer)
    return buffer.getvalue()

"""Briefing packs and fact sheets as one self-contained HTML file that works offline.

plotly.js is embedded once; figures are plain divs that use it. Nothing is fetched from
the network (no remote scripts, fonts or images). All report text is escaped.
"""

from datetime import date
from html import escape

import pandas as pd
import plotly.graph_objects as go
from plotly.offline import get_plotlyjs

from dashboard import i18n, metrics
from dashboard.briefing import FACT_SHEET_THEMES, TITLE, Briefing, EventSheet, participation_line
from dashboard.briefing.charts import gender_by_region_bar, themes_by_region_bar, trend_by_theme_line
from dashboard.charts import PALETTE
from dashboard.charts.outcomes import outcomes_bar
from dashboard.i18n import _

STYLE = f"""
body {{ font-family: "DejaVu Sans", Arial, sans-serif; color: #222; margin: 0 auto; max-width: 1100px;
       padding: 1.5rem; line-height: 1.4; }}
h1 {{ font-size: 2rem; margin: 0 0 .3rem; }}
h2 {{ font-size: 1.5rem; margin: .8rem 0 .3rem; }}
.muted {{ color: #555; }}
.demo {{ display: inline-block; background: {PALETTE[1]}; color: #000; font-weight: bold; padding: .25rem .7rem;
        border-radius: .4rem; }}
.tiles {{ display: flex; gap: .8rem; margin: 1rem 0; }}
.tile {{ flex: 1; background: #F2F5F9; padding: .8rem; text-align: center; }}
.tile b {{ display: block; font-size: 2rem; color: {PALETTE[0]}; }}
table {{ border-collapse: collapse; width: 100%; font-size: .9rem; }}
th, td {{ border-bottom: 1px solid #ddd; padding: .35rem .5rem; text-align: left; vertical-align: top; }}
th {{ background: #F2F5F9; }}
section {{ margin-bottom: 2.5rem; }}
dl {{ display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0; }}
dt {{ font-weight: bold; }}
dd {{ margin: 0; }}
.columns {{ display: flex; gap: 1.5rem; }}
.columns > div {{ flex: 1; min-width: 0; }}
@page {{ size: A4 landscape; margin: 12mm; }}
@media print {{
  body {{ max-width: none; padding: 0; font-size: 10.5pt; }}
  section {{ break-before: page; margin: 0; }}
  section:first-of-type {{ break-before: auto; }}
  .modebar-container, .modebar {{ display: none !important; }}
  tr, .tile {{ break-inside: avoid; }}
}}
"""
PLOTLY_CONFIG = {"displaylogo": False, "responsive": True}


def _figure(figure: go.Figure) -> str:
    return figure.to_html(full_html=False, include_plotlyjs=False, config=PLOTLY_CONFIG, default_width="100%")


def _paragraphs(sentences: list[str], css: str = "") -> str:
    attribute = f' class="{css}"' if css else ""
    return "".join(f"<p{attribute}>{escape(sentence)}</p>" for sentence in sentences)


def _labels(demo_label: str | None, privacy_note: str | None) -> str:
    parts = []
    if demo_label:
        parts.append(f'<p><span class="demo">{escape(demo_label)}</span></p>')
    if privacy_note:
        parts.append(f'<p class="muted">{escape(privacy_note)}</p>')
    return "".join(parts)


def _section(title: str, body: str, labels: str) -> str:
    return f"<section><h2>{escape(title)}</h2>{labels}{body}</section>"


def _tiles(kpis: dict[str, str]) -> str:
    tiles = "".join(f'<div class="tile"><b>{escape(value)}</b>{escape(label)}</div>' for label, value in kpis.items())
    return f'<div class="tiles">{tiles}</div>'


def _table(frame: pd.DataFrame, columns: dict[str, str]) -> str:
    head = "".join(f"<th>{escape(label)}</th>" for label in columns.values())
    rows = []
    for record in frame.to_dict("records"):
        cells = "".join(f"<td>{escape(_cell(record[name]))}</td>" for name in columns)
        rows.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def _cell(value) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}"
    return str(value)


def _footnote(briefing: Briefing) -> str:
    """How each figure is computed: its value, definition and the events it rests on."""
    items = "".join(f"<li>{escape(sentence)}</li>" for sentence in briefing.definitions())
    return f'<footer class="muted"><h2>{escape(metrics.phrase("how_computed"))}</h2><ol>{items}</ol></footer>'


def _document(title: str, body: str, uses_plotly: bool) -> str:
    script = f"<script>{get_plotlyjs()}</script>" if uses_plotly else ""
    return (
        f'<!DOCTYPE html><html lang="{i18n.language()}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{STYLE}</style>{script}</head>"
        f"<body>{body}</body></html>"
    )


def briefing_html(briefing: Briefing) -> str:
    labels = _labels(briefing.demo_label, briefing.privacy_note)
    notes = briefing.notes
    recent_uses_demo = not briefing.recent.empty and bool(briefing.recent["is_demo"].any())
    recent_labels = _labels(briefing.demo_label if recent_uses_demo else None, briefing.privacy_note)
    sections = [
        f"<section><h1>{escape(_(TITLE))}</h1>{labels}"
        f'<p class="muted">{escape(_("Events: {dates}").format(dates=briefing.date_range))}<br>'
        f"{escape(_('Filters: {scope}').format(scope=briefing.scope))}<br>"
        f"{escape(_('Prepared {date}').format(date=f'{date.today():%Y-%m-%d}'))}</p>"
        f"{_tiles(briefing.kpis())}{_paragraphs(notes['kpis'])}</section>",
        _section(
            _("Participants by gender per region"),
            _paragraphs(notes["gender"])
            + _figure(gender_by_region_bar(briefing.participation, briefing.scope))
            + _paragraphs(briefing.definitions(("women_share",), value=False), "muted"),
            labels,
        ),
        _section(
            _("Proposals by theme and region"),
            _paragraphs(notes["themes"]) + _figure(themes_by_region_bar(briefing.themes_by_region, briefing.scope)),
            labels,
        ),
        _section(
            _("Proposals per year: the most frequent themes")
            if briefing.trend_is_top
            else _("Proposals per year by theme"),
            _paragraphs(notes["trend"])
            + _figure(trend_by_theme_line(briefing.trend, briefing.scope, briefing.trend_is_top)),
            labels,
        ),
        _section(
            _("What became of the proposals"),
            _paragraphs(notes["outcomes"]) + _figure(outcomes_bar(briefing.outcomes, briefing.scope)),
            labels,
        ),
        _section(
            _("The most recent proposals"),
            _table(
                briefing.recent,
                {"event_date": _("Date"), "region": _("Region"), "text": _("Proposal"), "themes": _("Themes")},
            )
            if not briefing.recent.empty
            else f"<p>{escape(_('No proposals match these filters.'))}</p>",
            recent_labels,
        ),
    ]
    return _document(_(TITLE), "".join(sections) + _footnote(briefing), uses_plotly=True)


def region_sheet_html(briefing: Briefing) -> str:
    region = ", ".join(map(i18n.region_label, briefing.filters.regions)) or _("All regions")
    title = _("{region}: fact sheet").format(region=region)
    table = briefing.themes_by_region.tail(FACT_SHEET_THEMES)
    chart = (
        _figure(themes_by_region_bar(table, briefing.scope))
        if not table.empty
        else f"<p>{escape(_('No proposals match these filters.'))}</p>"
    )
    latest = _table(briefing.recent.head(5), {"event_date": _("Date"), "text": _("Proposal"), "themes": _("Themes")})
    body = (
        f"<section><h1>{escape(title)}</h1>{_labels(briefing.demo_label, briefing.privacy_note)}"
        f'<p class="muted">{escape(_("Events: {dates}").format(dates=briefing.date_range))}<br>'
        f"{escape(_('Filters: {scope}').format(scope=briefing.scope))}</p>"
        f"{_tiles(briefing.kpis())}"
        f"{_paragraphs(briefing.notes['gender'] + briefing.notes['themes'])}{chart}"
        f"<h2>{escape(_('Latest proposals'))}</h2>{latest}</section>{_footnote(briefing)}"
    )
    return _document(title, body, uses_plotly=True)


def event_sheet_html(sheet: EventSheet) -> str:
    facts = "".join(f"<dt>{escape(label)}</dt><dd>{escape(value)}</dd>" for label, value in sheet.facts.items())
    participation = participation_line(sheet)
    proposals = (
        _table(sheet.proposals, {"position": "#", "text": _("Proposal"), "themes": _("Themes"), "status": _("Status")})
        if not sheet.proposals.empty
        else f"<p>{escape(_('The report records no proposals.'))}</p>"
    )
    body = (
        f"<section><h1>{escape(sheet.title)}</h1>{_labels(sheet.demo_label, sheet.privacy_note)}"
        f'<div class="columns"><div><dl>{facts}</dl><h2>{escape(_("Participants"))}</h2>'
        f"{_paragraphs([participation, *sheet.notes[:1]])}</div>"
        f"<div><h2>{escape(_('Proposals ({count})').format(count=len(sheet.proposals)))}</h2>{proposals}</div></div>"
        "</section>"
    )
    return _document(sheet.title, body, uses_plotly=False)

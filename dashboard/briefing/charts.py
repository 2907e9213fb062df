"""Plotly figures for the HTML briefing; they mirror the native charts of the PowerPoint deck.

Suppressed counts (None) are left out of the bars and lines.
"""

import pandas as pd
import plotly.graph_objects as go

from dashboard import i18n
from dashboard.charts import GENDER_COLOURS, PALETTE, TEMPLATE, empty_figure, titled
from dashboard.i18n import _


def _values(column: pd.Series) -> list:
    return [None if value is None or pd.isna(value) else int(value) for value in column]


def gender_by_region_bar(participation: pd.DataFrame, scope: str) -> go.Figure:
    title = _("Participants by gender per region")
    if participation.empty:
        return empty_figure(title, scope, _("No events match these filters."))
    figure = go.Figure()
    names = {"women": _("Women"), "men": _("Men"), "unspecified": _("Unspecified")}
    parts = ["women", "men"] + (["unspecified"] if any(_values(participation["unspecified"])) else [])
    for part in parts:
        figure.add_bar(
            y=participation["region"],
            x=_values(participation[part]),
            name=names[part],
            orientation="h",
            marker_color=GENDER_COLOURS[part.capitalize()],
            hovertemplate="%{y}, " + names[part].replace("%", "%%") + ": %{x:,}<extra></extra>",
        )
    figure.update_layout(
        template=TEMPLATE,
        separators=i18n.plotly_separators(),
        title=titled(title, scope),
        barmode="stack",
        legend_traceorder="normal",
        xaxis_title=_("Participants"),
        yaxis={"title": _("Region"), "autorange": "reversed"},
        height=max(360, 40 * len(participation) + 180),
    )
    return figure


def themes_by_region_bar(table: pd.DataFrame, scope: str) -> go.Figure:
    title = _("Proposals by theme and region")
    if table.empty:
        return empty_figure(title, scope, _("No proposals match these filters."))
    figure = go.Figure()
    for index, region in enumerate(table.columns):
        figure.add_bar(
            y=list(table.index),
            x=_values(table[region]),
            name=region,
            orientation="h",
            marker_color=PALETTE[index % len(PALETTE)],
            hovertemplate="%{y}, " + region.replace("%", "%%") + "<br>" + _("Proposals") + ": %{x:,}<extra></extra>",
        )
    figure.update_layout(
        template=TEMPLATE,
        separators=i18n.plotly_separators(),
        title=titled(title, scope),
        barmode="stack",
        legend_traceorder="normal",
        xaxis_title=_("Proposals"),
        yaxis_title=_("Theme"),
        height=max(360, 32 * len(table) + 200),
    )
    return figure


def trend_by_theme_line(table: pd.DataFrame, scope: str, top_only: bool) -> go.Figure:
    title = _("Proposals per year: the most frequent themes") if top_only else _("Proposals per year by theme")
    if table.empty:
        return empty_figure(title, scope, _("No dated proposals match these filters."))
    figure = go.Figure()
    for index, theme in enumerate(table.columns):
        figure.add_scatter(
            x=[str(year) for year in table.index],
            y=_values(table[theme]),
            name=theme,
            mode="lines+markers",
            line={"color": PALETTE[index % len(PALETTE)], "width": 2.5},
            hovertemplate=theme.replace("%", "%%") + ", %{x}<br>" + _("Proposals") + ": %{y:,}<extra></extra>",
        )
    figure.update_layout(
        template=TEMPLATE,
        separators=i18n.plotly_separators(),
        title=titled(title, scope),
        xaxis_title=_("Year"),
        yaxis_title=_("Proposals"),
        height=460,
    )
    return figure

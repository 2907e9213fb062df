"""Compact charts for the Overview page."""

from datetime import date

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from dashboard import i18n
from dashboard.charts import SEQUENTIAL, TEMPLATE, click_targets, drill_key, empty_figure, localised, titled
from dashboard.charts.cache import cached_figure
from dashboard.i18n import _, ngettext


@cached_figure
def proposals_by_theme_bar(frame: pd.DataFrame, scope: str) -> go.Figure:
    title = _("Proposals by theme")
    if frame.empty or frame["proposals"].sum() == 0:
        return empty_figure(title, scope)
    labels = i18n.labels("theme")
    data = frame.assign(theme=frame["theme_id"].map(labels)).sort_values("proposals")
    data["drill"] = [
        drill_key("proposals", _("{theme} proposals").format(theme=label), themes=[theme])
        for theme, label in zip(data["theme_id"], data["theme"], strict=True)
    ]
    figure = px.bar(
        data,
        x="proposals",
        y="theme",
        orientation="h",
        template=TEMPLATE,
        title=titled(title, scope),
        labels={"proposals": _("Proposals"), "theme": _("Theme"), "theme_id": _("Theme id")},
        custom_data=["drill"],
        hover_data={"theme_id": True},
    )
    figure.update_layout(height=max(360, 32 * len(data) + 120))
    return localised(figure)


@cached_figure
def events_by_year_line(frame: pd.DataFrame, scope: str) -> go.Figure:
    title = _("Events per year")
    if frame.empty:
        return empty_figure(title, scope)
    data = frame.assign(
        drill=[
            drill_key(
                "events",
                _("events in {year}").format(year=year),
                date_from=date(int(year), 1, 1),
                date_to=date(int(year), 12, 31),
            )
            for year in frame["year"]
        ]
    )
    figure = px.bar(
        data,
        x="year",
        y="events",
        template=TEMPLATE,
        title=titled(title, scope),
        labels={"year": _("Year"), "events": _("Events"), "participants": _("Participants")},
        custom_data=["drill"],
        hover_data={"participants": ":,"},
    )
    figure.update_xaxes(dtick=1, tickformat="d")  # years without a group mark
    figure.update_layout(height=360)
    return localised(figure)


@cached_figure
def coverage_matrix(grid: pd.DataFrame, scope: str) -> go.Figure:
    """Real reports (demo left out) per region (rows) and year (columns): where and when the evidence comes from."""
    title = _("Real reports per region and year")
    if grid.empty or grid.to_numpy().sum() == 0:
        return empty_figure(title, scope, _("No real reports match these filters."))
    names = {region: _(region) if region == "Region not stated" else i18n.region_label(region) for region in grid.index}
    years = list(grid.columns)  # as text: the axis is categorical
    figure = go.Figure(
        go.Heatmap(
            z=grid.to_numpy(),
            x=years,
            y=[names[region] for region in grid.index],
            text=[[str(value) if value else "" for value in row] for row in grid.to_numpy()],
            texttemplate="%{text}",
            colorscale=SEQUENTIAL,
            zmin=0,
            showscale=False,
            hoverinfo="skip",
            xgap=2,
            ygap=2,
        )
    )
    cells = [(region, year) for region in grid.index for year in years if grid.loc[region, year] > 0]
    figure.add_trace(
        click_targets(
            [year for _region, year in cells],
            [names[region] for region, _year in cells],
            [
                drill_key(
                    "events",
                    _("real reports in {region}, {year}").format(region=names[region], year=year),
                    region=region,
                    date_from=date(int(year), 1, 1),
                    date_to=date(int(year), 12, 31),
                    real_only=True,
                )
                for region, year in cells
            ],
            [
                ngettext(
                    "{region}, {year}: {count} real report", "{region}, {year}: {count} real reports", count
                ).format(region=names[region], year=year, count=count)
                for region, year in cells
                for count in [int(grid.loc[region, year])]
            ],
        )
    )
    figure.update_layout(
        template=TEMPLATE,
        title=titled(title, scope),
        xaxis={"title": _("Year"), "type": "category", "side": "top"},
        yaxis={"title": "", "autorange": "reversed"},
        height=max(320, 30 * len(grid) + 160),
    )
    return localised(figure)

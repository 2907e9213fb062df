"""Compact charts for the Overview page."""

from datetime import date

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import i18n
from dashboard.charts import (
    PALETTE,
    SEQUENTIAL,
    TEMPLATE,
    Bar,
    Figure,
    Heatmap,
    click_targets,
    drill_key,
    empty_figure,
    localised,
    titled,
)
from dashboard.charts.cache import cached_figure
from dashboard.i18n import _, ngettext


@cached_figure
def proposals_by_theme_bar(frame: pd.DataFrame, scope: str) -> go.Figure:
    title = _("Proposals by theme")
    if frame.empty or frame["proposals"].sum() == 0:
        return empty_figure(title, scope)
    labels = i18n.labels("theme")
    # Plain lists, not pandas: a dozen rows, which pandas took ≈ 2 ms to map, sort and select
    # (a tenth of an Overview run's Python on views not drawn before). A stable sort, as sort_values.
    rows = sorted(zip(frame["proposals"].tolist(), frame["theme_id"].tolist(), strict=True), key=lambda row: row[0])
    shown = [labels.get(theme) for _count, theme in rows]
    drills = [
        drill_key("proposals", _("{theme} proposals").format(theme=label), themes=[theme])
        for label, (_count, theme) in zip(shown, rows, strict=True)
    ]
    names = {"proposals": _("Proposals"), "theme": _("Theme"), "theme_id": _("Theme id")}
    # graph_objects, not plotly express (a fraction of the time), drawn as px.bar drew it.
    figure = Figure(
        Bar(
            x=np.array([count for count, _theme in rows]),
            y=np.array(shown, dtype=object),
            customdata=np.array(
                [[drill, theme] for drill, (_count, theme) in zip(drills, rows, strict=True)], dtype=object
            ),
            orientation="h",
            name="",
            legendgroup="",
            showlegend=False,
            marker={"color": PALETTE[0]},
            hovertemplate="{proposals}=%{{x}}<br>{theme}=%{{y}}<br>{theme_id}=%{{customdata[1]}}<extra></extra>".format(
                **names
            ),
        ),
        layout={
            "template": TEMPLATE,
            "title": {"text": titled(title, scope)},
            "xaxis": {"title": {"text": names["proposals"]}},
            "yaxis": {"title": {"text": names["theme"]}},
            "legend": {"tracegroupgap": 0},
            "barmode": "relative",
        },
    )
    figure.update_layout(height=max(360, 32 * len(rows) + 120))
    return localised(figure)


@cached_figure
def events_by_year_line(frame: pd.DataFrame, scope: str) -> go.Figure:
    title = _("Events per year")
    if frame.empty:
        return empty_figure(title, scope)
    years = frame["year"].tolist()
    drills = [
        drill_key(
            "events",
            _("events in {year}").format(year=year),
            date_from=date(int(year), 1, 1),
            date_to=date(int(year), 12, 31),
        )
        for year in years
    ]
    names = {"year": _("Year"), "events": _("Events"), "participants": _("Participants")}
    figure = Figure(
        Bar(
            x=frame["year"].to_numpy(),
            y=frame["events"].to_numpy(),
            customdata=list(zip(drills, map(float, frame["participants"].tolist()), strict=True)),
            name="",
            legendgroup="",
            showlegend=False,
            marker={"color": PALETTE[0]},
            hovertemplate="{year}=%{{x}}<br>{events}=%{{y}}<br>{participants}=%{{customdata[1]:,}}<extra></extra>".format(
                **names
            ),
        ),
        layout={
            "template": TEMPLATE,
            "title": {"text": titled(title, scope)},
            # Years without a group mark; in the constructor, as update_xaxes costs ≈2 ms.
            "xaxis": {"title": {"text": names["year"]}, "dtick": 1, "tickformat": "d"},
            "yaxis": {"title": {"text": names["events"]}},
            "legend": {"tracegroupgap": 0},
            "barmode": "relative",
            "height": 360,
        },
    )
    return localised(figure)


@cached_figure
def coverage_matrix(grid: pd.DataFrame, scope: str) -> go.Figure:
    """Real reports (demo left out) per region (rows) and year (columns): where and when the evidence comes from."""
    title = _("Real reports per region and year")
    if grid.empty or grid.to_numpy().sum() == 0:
        return empty_figure(title, scope, _("No real reports match these filters."))
    names = {region: _(region) if region == "Region not stated" else i18n.region_label(region) for region in grid.index}
    years = list(grid.columns)  # as text: the axis is categorical
    figure = Figure(
        Heatmap(
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
        ),
        layout={"template": TEMPLATE},
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
        title={"text": titled(title, scope)},
        xaxis={"title": {"text": _("Year")}, "type": "category", "side": "top"},
        yaxis={"title": {"text": ""}, "autorange": "reversed"},
        height=max(320, 30 * len(grid) + 160),
    )
    return localised(figure)

"""Compact charts for the Overview page."""

from datetime import date

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from dashboard import reference
from dashboard.charts import SEQUENTIAL, TEMPLATE, click_targets, drill_key, empty_figure, titled
from dashboard.charts.cache import cached_figure


@cached_figure
def proposals_by_theme_bar(frame: pd.DataFrame, scope: str) -> go.Figure:
    title = "Proposals by theme"
    if frame.empty or frame["proposals"].sum() == 0:
        return empty_figure(title, scope)
    labels = reference.theme_labels()
    data = frame.assign(theme=frame["theme_id"].map(labels)).sort_values("proposals")
    data["drill"] = [
        drill_key("proposals", f"{label} proposals", themes=[theme])
        for theme, label in zip(data["theme_id"], data["theme"], strict=True)
    ]
    figure = px.bar(
        data,
        x="proposals",
        y="theme",
        orientation="h",
        template=TEMPLATE,
        title=titled(title, scope),
        labels={"proposals": "Proposals", "theme": "Theme"},
        custom_data=["drill"],
        hover_data={"theme_id": True},
    )
    figure.update_layout(height=max(360, 32 * len(data) + 120))
    return figure


@cached_figure
def events_by_year_line(frame: pd.DataFrame, scope: str) -> go.Figure:
    title = "Events per year"
    if frame.empty:
        return empty_figure(title, scope)
    data = frame.assign(
        drill=[
            drill_key("events", f"events in {year}", date_from=date(int(year), 1, 1), date_to=date(int(year), 12, 31))
            for year in frame["year"]
        ]
    )
    figure = px.bar(
        data,
        x="year",
        y="events",
        template=TEMPLATE,
        title=titled(title, scope),
        labels={"year": "Year", "events": "Events", "participants": "Participants"},
        custom_data=["drill"],
        hover_data={"participants": ":,"},
    )
    figure.update_xaxes(dtick=1)
    figure.update_layout(height=360)
    return figure


@cached_figure
def coverage_matrix(grid: pd.DataFrame, scope: str) -> go.Figure:
    """Real reports (demo left out) per region (rows) and year (columns): where and when the evidence comes from."""
    title = "Real reports per region and year"
    if grid.empty or grid.to_numpy().sum() == 0:
        return empty_figure(title, scope, "No real reports match these filters.")
    years = list(grid.columns)  # as text: the axis is categorical
    figure = go.Figure(
        go.Heatmap(
            z=grid.to_numpy(),
            x=years,
            y=list(grid.index),
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
            [year for _, year in cells],
            [region for region, _ in cells],
            [
                drill_key(
                    "events",
                    f"real reports in {region}, {year}",
                    region=region,
                    date_from=date(int(year), 1, 1),
                    date_to=date(int(year), 12, 31),
                    real_only=True,
                )
                for region, year in cells
            ],
            [f"{region}, {year}: {int(grid.loc[region, year])} real reports" for region, year in cells],
        )
    )
    figure.update_layout(
        template=TEMPLATE,
        title=titled(title, scope),
        xaxis={"title": "Year", "type": "category", "side": "top"},
        yaxis={"title": "", "autorange": "reversed"},
        height=max(320, 30 * len(grid) + 160),
    )
    return figure

"""Compact charts for the Overview page."""

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from dashboard import reference
from dashboard.charts import TEMPLATE, empty_figure, titled


def proposals_by_theme_bar(frame: pd.DataFrame, scope: str) -> go.Figure:
    title = "Proposals by theme"
    if frame.empty or frame["proposals"].sum() == 0:
        return empty_figure(title, scope)
    data = frame.assign(theme=frame["theme_id"].map(reference.theme_labels())).sort_values("proposals")
    figure = px.bar(
        data,
        x="proposals",
        y="theme",
        orientation="h",
        template=TEMPLATE,
        title=titled(title, scope),
        labels={"proposals": "Proposals", "theme": "Theme"},
        hover_data={"theme_id": True},
    )
    figure.update_layout(height=max(360, 32 * len(data) + 120))
    return figure


def events_by_year_line(frame: pd.DataFrame, scope: str) -> go.Figure:
    title = "Events per year"
    if frame.empty:
        return empty_figure(title, scope)
    figure = px.bar(
        frame,
        x="year",
        y="events",
        template=TEMPLATE,
        title=titled(title, scope),
        labels={"year": "Year", "events": "Events", "participants": "Participants"},
        hover_data={"participants": ":,"},
    )
    figure.update_xaxes(dtick=1)
    figure.update_layout(height=360)
    return figure

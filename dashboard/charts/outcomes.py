"""Charts for the Outcomes page: what became of the proposals, by theme, region and year."""

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from dashboard import reference
from dashboard.charts import TEMPLATE, empty_figure, titled
from dashboard.charts.cache import cached_figure
from dashboard.outcomes import STATUSES

# From no answer (grey) through steps on the way (blues) to done (greens); declined stands apart.
STATUS_COLOURS = {
    "No response": "#BBBBBB",
    "Under review": "#56B4E9",
    "Accepted": "#0072B2",
    "In progress": "#F0E442",
    "Partly implemented": "#8FD3B6",
    "Implemented": "#009E73",
    "Declined": "#D55E00",
}


def _status_bars(frame: pd.DataFrame, category: str, label: str, order: list[str], title: str, scope: str):
    if frame.empty or frame["proposals"].sum() == 0:
        return empty_figure(title, scope, "No proposals match these filters.")
    data = frame.assign(status_label=frame["status"].map(STATUSES))
    totals = data.groupby(category)["proposals"].sum()
    order = [item for item in order if item in totals.index]
    figure = px.bar(
        data,
        x="proposals",
        y=category,
        color="status_label",
        orientation="h",
        template=TEMPLATE,
        title=titled(title, scope),
        labels={"proposals": "Proposals", category: label, "status_label": "Status"},
        category_orders={category: order, "status_label": list(STATUSES.values())},
        color_discrete_map=STATUS_COLOURS,
    )
    figure.update_traces(hovertemplate="%{y}: %{x:,} proposals<extra>%{fullData.name}</extra>")
    figure.update_layout(height=max(380, 34 * len(order) + 180), barmode="stack")
    return figure


@cached_figure
def status_by_theme_bars(frame: pd.DataFrame, scope: str) -> go.Figure:
    """Stacked bars: each theme's proposals by current status."""
    labels = reference.theme_labels()
    data = frame.assign(theme=frame["theme_id"].map(lambda theme: labels.get(theme, theme)))
    order = [labels.get(theme, theme) for theme in reference.theme_ids()]
    return _status_bars(data, "theme", "Theme", order, "What became of the proposals, by theme", scope)


@cached_figure
def status_by_region_bars(frame: pd.DataFrame, scope: str) -> go.Figure:
    """Stacked bars: each region's proposals by current status."""
    order = [*reference.region_names(), "Region not stated"]
    return _status_bars(frame, "region", "Region", order, "What became of the proposals, by region", scope)


@cached_figure
def shares_by_year_lines(frame: pd.DataFrame, scope: str) -> go.Figure:
    """Share of each year's proposals answered and implemented by now."""
    title = "Share of proposals answered and implemented, by the year they were made"
    if frame.empty:
        return empty_figure(title, scope, "No proposals match these filters.")
    data = frame.melt(
        id_vars=["year", "proposals"], value_vars=["answered", "implemented"], var_name="measure", value_name="share"
    )
    data["measure"] = data["measure"].map({"answered": "Answered", "implemented": "Implemented (fully or partly)"})
    figure = px.line(
        data,
        x="year",
        y="share",
        color="measure",
        markers=True,
        template=TEMPLATE,
        title=titled(title, scope),
        labels={"year": "Year proposed", "share": "Share of the year's proposals (%)", "proposals": "Proposals"},
        hover_data={"proposals": ":,", "share": ":.1f"},
        color_discrete_sequence=["#0072B2", "#009E73"],
    )
    figure.update_yaxes(range=[0, 100])
    figure.update_layout(legend_title_text="")
    figure.update_xaxes(dtick=1)
    figure.update_layout(height=380)
    return figure


@cached_figure
def outcomes_bar(frame: pd.DataFrame, scope: str) -> go.Figure:
    """Proposals per current status, for briefings (`frame`: status label, proposals; None = suppressed)."""
    title = "What became of the proposals"
    values = [None if value is None or pd.isna(value) else int(value) for value in frame["proposals"]]
    if not any(values):
        return empty_figure(title, scope, "No proposals match these filters.")
    figure = go.Figure(
        go.Bar(
            x=values,
            y=frame["status"],
            orientation="h",
            marker_color=[STATUS_COLOURS[status] for status in frame["status"]],
            hovertemplate="%{y}: %{x:,} proposals<extra></extra>",
        )
    )
    figure.update_layout(
        template=TEMPLATE,
        title=titled(title, scope),
        xaxis_title="Proposals",
        yaxis={"title": "Status", "autorange": "reversed"},
        height=420,
    )
    return figure

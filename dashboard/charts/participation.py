"""Charts for the Participation page: who took part, by gender, over time and by group."""

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from dashboard import reference
from dashboard.charts import GENDER_COLOURS, TEMPLATE, empty_figure, titled

GENDER_COLUMNS = {"women": "Women", "men": "Men", "unspecified": "Unspecified"}


def gender_by_region_bar(frame: pd.DataFrame, scope: str) -> go.Figure:
    """Stacked horizontal bars: women, men and unspecified participants per region."""
    title = "Participants by gender and region"
    if frame.empty or frame["participants"].sum() == 0:
        return empty_figure(title, scope)
    data = frame.rename(columns=GENDER_COLUMNS).melt(
        id_vars=["region", "events", "participants"],
        value_vars=list(GENDER_COLUMNS.values()),
        var_name="gender",
        value_name="count",
    )
    figure = px.bar(
        data,
        x="count",
        y="region",
        color="gender",
        orientation="h",
        barmode="stack",
        color_discrete_map=GENDER_COLOURS,
        category_orders={"gender": list(GENDER_COLUMNS.values()), "region": list(frame["region"])},
        template=TEMPLATE,
        title=titled(title, scope),
        labels={"count": "Participants", "region": "Region", "gender": "Gender", "events": "Events"},
        hover_data={"events": True, "participants": ":,"},
    )
    figure.update_layout(height=max(360, 40 * len(frame) + 160))
    return figure


def women_share_line(frame: pd.DataFrame, scope: str, target: float = 50.0) -> go.Figure:
    """Women's share of participants per period, with a dashed parity target line."""
    grain = frame["grain"].iloc[0] if not frame.empty else "period"
    title = f"Women's share of participants by {grain} (events that report a gender split)"
    data = frame.dropna(subset=["women_share"])
    if data.empty:
        return empty_figure(title, scope, "No event in view reports a gender split.")
    figure = px.line(
        data,
        x="period_start",
        y="women_share",
        markers=True,
        template=TEMPLATE,
        title=titled(title, scope),
        labels={
            "period_start": grain.capitalize(),
            "women_share": "Women's share (%)",
            "period": grain.capitalize(),
            "events_with_split": "Events with a gender split",
            "events": "Events",
            "women": "Women",
            "participants": "Participants in those events",
        },
        hover_data={
            "period_start": False,
            "period": True,
            "women_share": ":.1f",
            "women": ":,",
            "participants": ":,",
            "events_with_split": True,
            "events": True,
        },
    )
    figure.add_hline(
        y=target,
        line_dash="dash",
        line_color="#D55E00",
        annotation_text=f"Target {target:g}%",
        annotation_position="top left",
    )
    figure.update_yaxes(range=[0, max(100.0, float(data["women_share"].max()), target)], ticksuffix="%")
    figure.update_layout(height=400)
    return figure


def categories_bar(frame: pd.DataFrame, scope: str) -> go.Figure:
    """Number of events in which each participant category took part."""
    title = "Events in which each participant group took part"
    if frame.empty:
        return empty_figure(title, scope, "No event in view names its participant groups.")
    labels = reference.participant_category_labels()
    data = frame.assign(group=frame["category"].map(lambda category: labels.get(category, category)))
    data = data.sort_values("events")
    figure = px.bar(
        data,
        x="events",
        y="group",
        orientation="h",
        template=TEMPLATE,
        title=titled(title, scope),
        labels={"events": "Events", "group": "Participant group", "category": "Category id"},
        hover_data={"category": True},
    )
    # Whole events only: small counts would otherwise get ticks at 0.5 steps.
    figure.update_xaxes(tickformat="d", dtick=1 if data["events"].max() <= 10 else None)
    figure.update_layout(height=max(360, 32 * len(data) + 140))
    return figure

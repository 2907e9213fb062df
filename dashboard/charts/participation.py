"""Charts for the Participation page: who took part, by gender, over time and by group."""

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from dashboard import reference
from dashboard.charts import GENDER_COLOURS, TEMPLATE, THIN_EVENTS, drill_key, empty_figure, period_end, titled
from dashboard.charts.cache import cached_figure

GENDER_COLUMNS = {"women": "Women", "men": "Men", "unspecified": "Unspecified"}


@cached_figure
def gender_by_region_bar(frame: pd.DataFrame, scope: str) -> go.Figure:
    """Stacked horizontal bars: women, men and unspecified participants per region."""
    title = "Participants by gender and region"
    if frame.empty or frame["participants"].sum() == 0:
        return empty_figure(title, scope)
    drill = [drill_key("events", f"events in {region}", region=region) for region in frame["region"]]
    data = (
        frame.assign(drill=drill)
        .rename(columns=GENDER_COLUMNS)
        .melt(
            id_vars=["region", "events", "participants", "drill"],
            value_vars=list(GENDER_COLUMNS.values()),
            var_name="gender",
            value_name="count",
        )
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
        custom_data=["drill"],
        hover_data={"events": True, "participants": ":,"},
    )
    figure.update_layout(height=max(360, 40 * len(frame) + 160))
    return figure


@cached_figure
def women_share_line(frame: pd.DataFrame, scope: str, target: float = 50.0) -> go.Figure:
    """Women's share of participants per period, with a dashed parity target line. A period whose
    share rests on fewer than THIN_EVENTS events gets a hollow marker and says so on hover."""
    grain = frame["grain"].iloc[0] if not frame.empty else "period"
    title = f"Women's share of participants by {grain} (events that report a gender split)"
    data = frame.dropna(subset=["women_share"])
    if data.empty:
        return empty_figure(title, scope, "No event in view reports a gender split.")
    data = data.assign(
        drill=[
            drill_key("events", f"events in {period}", date_from=start, date_to=period_end(start, grain))
            for period, start in zip(data["period"], pd.to_datetime(data["period_start"]).dt.date, strict=True)
        ],
        basis=[
            f"{count} events: too few for a share" if count < THIN_EVENTS else f"{count} events"
            for count in data["events_with_split"]
        ],
    )
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
            "basis": "Share from",
        },
        custom_data=["drill"],
        hover_data={
            "period_start": False,
            "period": True,
            "women_share": ":.1f",
            "women": ":,",
            "participants": ":,",
            "events_with_split": True,
            "events": True,
            "basis": True,
        },
    )
    thin = data["events_with_split"] < THIN_EVENTS
    # Hollow markers for shares computed from too few events.
    figure.update_traces(
        marker={"size": 10, "symbol": ["circle-open" if flag else "circle" for flag in thin]}, line={"width": 3}
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


@cached_figure
def categories_bar(frame: pd.DataFrame, scope: str) -> go.Figure:
    """Number of events in which each participant category took part."""
    title = "Events in which each participant group took part"
    if frame.empty:
        return empty_figure(title, scope, "No event in view names its participant groups.")
    labels = reference.participant_category_labels()
    data = frame.assign(group=frame["category"].map(lambda category: labels.get(category, category)))
    data["drill"] = [
        drill_key("events", f"events with {group}", category=category)
        for category, group in zip(data["category"], data["group"], strict=True)
    ]
    data = data.sort_values("events")
    figure = px.bar(
        data,
        x="events",
        y="group",
        orientation="h",
        template=TEMPLATE,
        title=titled(title, scope),
        labels={"events": "Events", "group": "Participant group", "category": "Category id"},
        custom_data=["drill"],
        hover_data={"category": True},
    )
    # Whole events only: small counts would otherwise get ticks at 0.5 steps.
    figure.update_xaxes(tickformat="d", dtick=1 if data["events"].max() <= 10 else None)
    figure.update_layout(height=max(360, 32 * len(data) + 140))
    return figure

"""Charts for the Participation page: who took part, by gender, over time and by group."""

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from dashboard import i18n
from dashboard.charts import (
    GENDER_COLOURS,
    PALETTE,
    TEMPLATE,
    THIN_EVENTS,
    Bar,
    Figure,
    Scatter,
    drill_key,
    empty_figure,
    localised,
    period_end,
    titled,
)
from dashboard.charts.cache import cached_figure
from dashboard.i18n import N_, _, ngettext

GENDER_COLUMNS = {"women": N_("Women"), "men": N_("Men"), "unspecified": N_("Unspecified")}  # shown with _()
GRAIN_NAMES = {"month": N_("Month"), "quarter": N_("Quarter"), "year": N_("Year")}
SHARE_TITLES = {
    "month": N_("Women's share of participants by month (events that report a gender split)"),
    "quarter": N_("Women's share of participants by quarter (events that report a gender split)"),
    "year": N_("Women's share of participants by year (events that report a gender split)"),
}


def period_name(start, grain: str) -> str:
    """A period as a reader says it in the language: июль 2021, 2021 Q3, 2021."""
    if grain == "month":
        return f"{i18n.month_name(start.month)} {start.year}"
    if grain == "quarter":
        return _("{year} Q{quarter}").format(year=start.year, quarter=(start.month - 1) // 3 + 1)
    return str(start.year)


@cached_figure
def gender_by_region_bar(frame: pd.DataFrame, scope: str) -> go.Figure:
    """Stacked horizontal bars: women, men and unspecified participants per region."""
    title = _("Participants by gender and region")
    if frame.empty or frame["participants"].sum() == 0:
        return empty_figure(title, scope)
    genders = {column: _(name) for column, name in GENDER_COLUMNS.items()}
    names = frame["region"].map(_region)
    drill = [
        drill_key("events", _("events in {region}").format(region=name), region=region)
        for region, name in zip(frame["region"], names, strict=True)
    ]
    # graph_objects, not plotly express (a fraction of the time), drawn as px.bar drew it: one
    # stacked trace per gender, the first region at the top.
    words = {
        "gender": _("Gender"),
        "count": _("Participants"),
        "region": _("Region"),
        "events": _("Events"),
        "participants": _("All participants"),
    }
    hover = (
        "{gender}={name}<br>{count}=%{{x}}<br>{region}=%{{y}}<br>{events}=%{{customdata[1]}}"
        "<br>{participants}=%{{customdata[2]:,}}<extra></extra>"
    )
    colours = {_(name): colour for name, colour in GENDER_COLOURS.items()}
    # One trace per gender column, the regions in the frame's order: melting the frame into rows and
    # filtering them back per gender cost more than the bars.
    customdata = list(zip(drill, frame["events"], frame["participants"].astype("float64"), strict=True))
    traces = []
    for column, gender in genders.items():
        traces.append(
            Bar(
                x=frame[column].astype("float64").to_numpy(),
                y=names.to_numpy(),
                customdata=customdata,
                orientation="h",
                name=gender,
                legendgroup=gender,
                marker={"color": colours[gender]},
                hovertemplate=hover.format(name=gender, **words),
            )
        )
    figure = Figure(
        data=traces,
        layout={
            "template": TEMPLATE,
            "title": {"text": titled(title, scope)},
            "xaxis": {"title": {"text": words["count"]}},
            "yaxis": {"title": {"text": words["region"]}, "categoryorder": "array", "categoryarray": list(names)[::-1]},
            "legend": {"title": {"text": words["gender"]}, "tracegroupgap": 0},
            "barmode": "stack",
            "height": max(360, 40 * len(frame) + 160),
        },
    )
    return localised(figure)


def _region(name: str) -> str:
    return _(name) if name == "Region not stated" else i18n.region_label(name)


@cached_figure
def women_share_line(frame: pd.DataFrame, scope: str, target: float = 50.0) -> go.Figure:
    """Women's share of participants per period, with a dashed parity target line. A period whose
    share rests on fewer than THIN_EVENTS events gets a hollow marker and says so on hover."""
    grain = frame["grain"].iloc[0] if not frame.empty else "year"
    title = _(SHARE_TITLES[grain])
    data = frame.dropna(subset=["women_share"])
    if data.empty:
        return empty_figure(title, scope, _("No event in view reports a gender split."))
    starts = pd.to_datetime(data["period_start"]).dt.date
    data = data.assign(
        period=[period_name(start, grain) for start in starts],
        drill=[
            drill_key(
                "events",
                _("events in {period}").format(period=period_name(start, grain)),
                date_from=start,
                date_to=period_end(start, grain),
            )
            for start in starts
        ],
        basis=[
            (
                ngettext("{count} event: too few for a share", "{count} events: too few for a share", count)
                if count < THIN_EVENTS
                else ngettext("{count} event", "{count} events", count)
            ).format(count=count)
            for count in data["events_with_split"]
        ],
    )
    thin = data["events_with_split"] < THIN_EVENTS
    # graph_objects, not plotly express (a fraction of the time), drawn as px.line drew it;
    # hollow markers for shares computed from too few events.
    words = {
        "period": _(GRAIN_NAMES[grain]),
        "women_share": _("Women's share (%)"),
        "women": _("Women"),
        "participants": _("Participants in those events"),
        "events_with_split": _("Events with a gender split"),
        "events": _("Events"),
        "basis": _("Share from"),
    }
    hover = (
        "{period}=%{{customdata[1]}}<br>{women_share}=%{{y:.1f}}<br>{women}=%{{customdata[2]:,}}"
        "<br>{participants}=%{{customdata[3]:,}}<br>{events_with_split}=%{{customdata[4]}}"
        "<br>{events}=%{{customdata[5]}}<br>{basis}=%{{customdata[6]}}<extra></extra>"
    )
    customdata = zip(
        data["drill"],
        data["period"],
        data["women"].astype("float64"),
        data["participants"].astype("float64"),
        data["events_with_split"],
        data["events"],
        data["basis"],
        strict=True,
    )
    figure = Figure(
        Scatter(
            x=data["period_start"].to_numpy(),
            y=data["women_share"].to_numpy(),
            customdata=list(customdata),
            mode="lines+markers",
            name="",
            legendgroup="",
            showlegend=False,
            line={"color": PALETTE[0], "dash": "solid", "width": 3},
            marker={"symbol": ["circle-open" if flag else "circle" for flag in thin], "size": 10},
            hovertemplate=hover.format(**words),
        ),
        # The whole layout in the constructor: update_xaxes, add_hline and the like walk the figure
        # property by property (add_hline alone cost more than building the trace).
        layout={
            "template": TEMPLATE,
            "title": {"text": titled(title, scope)},
            # Tick labels in the language: month names from Babel, not plotly's English ones.
            "xaxis": {
                "title": {"text": words["period"]},
                "tickvals": list(data["period_start"]),
                "ticktext": list(data["period"]),
            },
            "yaxis": {
                "title": {"text": words["women_share"]},
                "range": [0, max(100.0, float(data["women_share"].max()), target)],
                "ticksuffix": i18n.percent_suffix(),
            },
            "legend": {"tracegroupgap": 0},
            # The parity target across the plot, as add_hline draws it.
            "shapes": [
                {
                    "line": {"color": "#D55E00", "dash": "dash"},
                    "type": "line",
                    "x0": 0,
                    "x1": 1,
                    "xref": "x domain",
                    "y0": target,
                    "y1": target,
                    "yref": "y",
                }
            ],
            "annotations": [
                {
                    "showarrow": False,
                    "text": _("Target {percent}").format(percent=i18n.percent(target / 100)),
                    "x": 0,
                    "xanchor": "left",
                    "xref": "x domain",
                    "y": target,
                    "yanchor": "bottom",
                    "yref": "y",
                }
            ],
            "height": 400,
        },
    )
    return localised(figure)


@cached_figure
def categories_bar(frame: pd.DataFrame, scope: str) -> go.Figure:
    """Number of events in which each participant category took part."""
    title = _("Events in which each participant group took part")
    if frame.empty:
        return empty_figure(title, scope, _("No event in view names its participant groups."))
    data = frame.assign(group=frame["category"].map(i18n.participant_group_label))
    data["drill"] = [
        drill_key("events", _("events with {group}").format(group=group), category=category)
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
        labels={"events": _("Events"), "group": _("Participant group"), "category": _("Group id")},
        custom_data=["drill"],
        hover_data={"category": True},
    )
    # Whole events only: small counts would otherwise get ticks at 0.5 steps.
    figure.update_xaxes(tickformat="d", dtick=1 if data["events"].max() <= 10 else None)
    figure.update_layout(height=max(360, 32 * len(data) + 140))
    return localised(figure)

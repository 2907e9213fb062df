"""Charts for the Outcomes page: what became of the proposals, by theme, region and year."""

from datetime import date

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import i18n, reference
from dashboard.charts import TEMPLATE, Bar, Figure, Scatter, drill_key, empty_figure, localised, titled
from dashboard.charts.cache import cached_figure
from dashboard.i18n import _
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

LINE_COLOURS = {"answered": "#0072B2", "implemented": "#009E73"}


def _status_bars(frame: pd.DataFrame, groups: list, label: str, order: list[str], title: str, scope: str, where):
    """Stacked bars of proposals per group (`groups`: each row's group name) and status; `where(row)`
    gives the drill key's dimensions of a bar segment besides its status (its theme or region)."""
    if frame.empty or frame["proposals"].sum() == 0:
        return empty_figure(title, scope, _("No proposals match these filters."))
    # Plain lists over the hundred-odd rows: each pandas step here (assign, records, groupby,
    # drop_duplicates) cost about a millisecond, together more than the bars.
    columns = list(frame.columns)
    values = zip(*(frame[column].tolist() for column in columns), strict=True)
    rows = [dict(zip(columns, row, strict=True)) for row in values]
    statuses = [i18n.status_label(status) for status in frame["status"].tolist()]
    drills = [
        drill_key(
            "proposals",
            _("{group}: proposals with status {status}").format(group=group, status=status),
            statuses=[row["status"]],
            by_status=True,
            **where(row),
        )
        for row, group, status in zip(rows, groups, statuses, strict=True)
    ]
    present = set(groups)
    order = [item for item in order if item in present]
    # graph_objects, not plotly express (a third of the time): one stacked trace per status, in
    # the statuses' order, the first category at the top, as px.bar drew them.
    colours = _colours()
    known = [_(name) for name in STATUSES.values()]
    present_statuses = set(statuses)
    shown = [name for name in known if name in present_statuses]
    shown += [name for name in dict.fromkeys(statuses) if name not in known]
    hover = "%{y}: %{x:,} " + _("proposals") + "<extra>%{fullData.name}</extra>"
    # Arrays as the frame's columns gave them (what the browser receives is unchanged), split by mask.
    statuses = np.array(statuses, dtype=object)
    counts, groups = frame["proposals"].to_numpy(), np.array(groups, dtype=object)
    drills = np.array(drills, dtype=object)
    traces = []
    for name in shown:
        mask = statuses == name
        traces.append(
            Bar(
                x=counts[mask],
                y=groups[mask],
                customdata=[[key] for key in drills[mask]],
                orientation="h",
                name=name,
                legendgroup=name,
                marker={"color": colours.get(name)},
                hovertemplate=hover,
            )
        )
    figure = Figure(
        data=traces,
        layout={
            "template": TEMPLATE,
            "title": {"text": titled(title, scope)},
            "xaxis": {"title": {"text": _("Proposals")}},
            "yaxis": {"title": {"text": label}, "categoryorder": "array", "categoryarray": order[::-1]},
            "legend": {"title": {"text": _("Status")}, "tracegroupgap": 0},
            "barmode": "stack",
            "height": max(380, 34 * len(order) + 180),
        },
    )
    return localised(figure)


def _colours() -> dict[str, str]:
    """STATUS_COLOURS by the status names in the current language."""
    return {_(name): colour for name, colour in STATUS_COLOURS.items()}


def _region(name: str) -> str:
    return _(name) if name == "Region not stated" else i18n.region_label(name)


@cached_figure
def status_by_theme_bars(frame: pd.DataFrame, scope: str) -> go.Figure:
    """Stacked bars: each theme's proposals by current status."""
    labels = i18n.labels("theme")
    themes = [labels.get(theme, theme) for theme in frame["theme_id"].tolist()]
    order = [labels.get(theme, theme) for theme in reference.theme_ids()]
    title = _("What became of the proposals, by theme")
    return _status_bars(frame, themes, _("Theme"), order, title, scope, lambda row: {"themes": [row["theme_id"]]})


@cached_figure
def status_by_region_bars(frame: pd.DataFrame, scope: str) -> go.Figure:
    """Stacked bars: each region's proposals by current status."""
    order = [_region(name) for name in (*reference.region_names(), "Region not stated")]
    regions = [_region(name) for name in frame["region"].tolist()]
    title = _("What became of the proposals, by region")
    return _status_bars(frame, regions, _("Region"), order, title, scope, lambda row: {"region": row["region"]})


@cached_figure
def shares_by_year_lines(frame: pd.DataFrame, scope: str) -> go.Figure:
    """Share of each year's proposals answered and implemented by now."""
    title = _("Share of proposals answered and implemented, by the year they were made")
    if frame.empty:
        return empty_figure(title, scope, _("No proposals match these filters."))
    made_in = {
        "answered": _("Proposals made in {year} and answered"),
        "implemented": _("Proposals made in {year} and implemented (fully or partly)"),
    }
    names = {"answered": _("Answered"), "implemented": _("Implemented (fully or partly)")}
    hover = (
        "{measure}={name}<br>{year}=%{{x}}<br>{share}=%{{y:.1f}}<br>{proposals}=%{{customdata[1]:,}}"
        "<br>{count}=%{{customdata[2]:,}}<extra></extra>"
    )
    labels = {
        "measure": _("Measure"),
        "year": _("Year proposed"),
        "share": _("Share of the year's proposals (%)"),
        "proposals": _("Proposals"),
        "count": _("Of them"),
    }
    # graph_objects, not plotly express (a third of the time), drawn as px.line drew it; a line per
    # measure from the frame's columns (a melt and a groupby took most of this chart's time).
    years, proposals = frame["year"].to_numpy(), frame["proposals"].to_numpy()
    traces = []
    for measure in ("answered", "implemented"):
        shares = frame[measure].to_numpy()
        customdata = np.empty((len(frame), 3), dtype=object)
        customdata[:, 0] = [
            drill_key(
                "proposals",
                made_in[measure].format(year=int(year)),
                date_from=date(int(year), 1, 1),
                date_to=date(int(year), 12, 31),
                ever=measure,
                by_status=True,
            )
            for year in years
        ]
        customdata[:, 1] = proposals
        # The proposals behind a point: that year's proposals answered (or implemented) at some time.
        customdata[:, 2] = (shares * proposals / 100).round().astype(int)
        traces.append(
            Scatter(
                x=years,
                y=shares,
                customdata=customdata,
                mode="lines+markers",
                name=names[measure],
                legendgroup=names[measure],
                line={"color": LINE_COLOURS[measure], "dash": "solid"},
                marker={"symbol": "circle"},
                hovertemplate=hover.format(name=names[measure], **labels),
            )
        )
    figure = Figure(
        data=traces,
        layout={
            "template": TEMPLATE,
            "title": {"text": titled(title, scope)},
            "xaxis": {"title": {"text": labels["year"]}, "dtick": 1, "tickformat": "d"},
            "yaxis": {"title": {"text": labels["share"]}, "range": [0, 100]},
            "legend": {"title": {"text": ""}, "tracegroupgap": 0},
            "height": 380,
        },
    )
    return localised(figure)


@cached_figure
def outcomes_bar(frame: pd.DataFrame, scope: str) -> go.Figure:
    """Proposals per current status, for briefings (`frame`: English status label, proposals; None = suppressed)."""
    title = _("What became of the proposals")
    values = [None if value is None or pd.isna(value) else int(value) for value in frame["proposals"]]
    if not any(values):
        return empty_figure(title, scope, _("No proposals match these filters."))
    figure = Figure(
        Bar(
            x=values,
            y=[_(status) for status in frame["status"]],
            orientation="h",
            marker_color=[STATUS_COLOURS[status] for status in frame["status"]],
            hovertemplate="%{y}: %{x:,} " + _("proposals") + "<extra></extra>",
        ),
        layout={"template": TEMPLATE},
    )
    figure.update_layout(
        title={"text": titled(title, scope)},
        xaxis_title={"text": _("Proposals")},
        yaxis={"title": {"text": _("Status")}, "autorange": "reversed"},
        height=420,
    )
    return localised(figure)

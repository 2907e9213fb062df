"""Charts for the Proposals page."""

import pandas as pd
import plotly.graph_objects as go

from dashboard import i18n
from dashboard.charts import PALETTE, TEMPLATE, Figure, Scatter, drill_key, empty_figure, localised, period_end, titled
from dashboard.charts.cache import cached_figure
from dashboard.charts.participation import GRAIN_NAMES, period_name
from dashboard.i18n import N_, _

PERIOD_STARTS = {"month": "MS", "quarter": "QS", "year": "YS"}
TITLES = {
    "month": (N_("Proposals per month by theme"), N_("Proposals per month: the {count} most frequent themes")),
    "quarter": (N_("Proposals per quarter by theme"), N_("Proposals per quarter: the {count} most frequent themes")),
    "year": (N_("Proposals per year by theme"), N_("Proposals per year: the {count} most frequent themes")),
}
TOP_THEMES = 6  # lines a reader can tell apart; the rest are summed into one grey line
OTHER_THEMES = N_("All other themes")


@cached_figure
def proposals_over_time_lines(frame: pd.DataFrame, grain: str, scope: str) -> go.Figure:
    """Proposals per period for the most frequent themes, one line each (a proposal with two themes counts in both)."""
    title = _(TITLES[grain][0])
    if frame.empty or frame["proposals"].sum() == 0:
        return empty_figure(title, scope, _("No proposals match these filters."))
    labels = i18n.labels("theme")
    others = _(OTHER_THEMES)
    # Periods without proposals (of a theme, or at all) are zeros, so lines do not bridge gaps.
    wide = frame.groupby(["period", "theme_id"])["proposals"].sum().unstack(fill_value=0)  # pivot_table, cheaper
    periods = pd.date_range(wide.index.min(), wide.index.max(), freq=PERIOD_STARTS[grain], name="period")
    wide = wide.reindex(periods, fill_value=0)
    ranked = wide.sum().sort_values(ascending=False).index.tolist()
    top, rest = ranked[:TOP_THEMES], ranked[TOP_THEMES:]
    shown = wide[top].rename(columns=labels)
    if rest:
        shown[others] = wide[rest].sum(axis=1)
        title = _(TITLES[grain][1]).format(count=TOP_THEMES)
    data = shown.reset_index().melt(id_vars="period", var_name="theme", value_name="proposals")
    said = {period: period_name(period, grain) for period in periods}  # once a period, not once a point
    data["when"] = data["period"].map(said)
    members = {labels.get(theme, theme): [theme] for theme in top} | {others: rest}
    data["drill"] = [
        drill_key(
            "proposals",
            _("{theme} proposals, {period}").format(theme=theme, period=said[period]),
            themes=members[theme],
            date_from=period.date(),
            date_to=period_end(period.date(), grain),
        )
        for theme, period in zip(data["theme"], data["period"], strict=True)
    ]
    # graph_objects, not plotly express (a fraction of the time), drawn as px.line drew it: one line
    # per theme in the ranked order, "all other themes" grey and the palette from its second colour.
    names = {"theme": _("Theme"), "when": _(GRAIN_NAMES[grain]), "proposals": _("Proposals")}
    hover = "{theme}={name}<br>{when}=%{{customdata[1]}}<br>{proposals}=%{{y}}<extra></extra>"
    size = 8 if len(periods) <= 24 else 5
    # melt leaves each theme's periods as one block of rows, in the columns' order: sliced, not grouped.
    starts, counts = data["period"].to_numpy(), data["proposals"].to_numpy()
    points, block = data[["drill", "when"]].to_numpy(dtype=object), len(periods)
    traces = []
    for index, theme in enumerate(shown.columns):
        colour = "#999999" if theme == others else PALETTE[(index + 1) % len(PALETTE)]
        rows = slice(index * block, (index + 1) * block)
        traces.append(
            Scatter(
                x=starts[rows],
                y=counts[rows],
                customdata=points[rows],
                mode="lines+markers",  # plotly selects markers, not lines: every period is a clickable point
                name=theme,
                legendgroup=theme,
                line={"color": colour, "dash": "solid", "width": 3},
                marker={"symbol": "circle", "size": size},
                hovertemplate=hover.format(name=theme, **names),
            )
        )
    # Tick labels in the language (Babel's month names), at most about a dozen of them.
    ticks = list(periods[:: max(1, len(periods) // 12)])
    figure = Figure(
        data=traces,
        layout={
            "template": TEMPLATE,
            "title": {"text": titled(title, scope)},
            "xaxis": {
                "title": {"text": names["when"]},
                "tickvals": ticks,
                "ticktext": [said[period] for period in ticks],
            },
            "yaxis": {"title": {"text": names["proposals"]}},
            "legend": {"title": {"text": names["theme"]}, "tracegroupgap": 0},
            "height": 480,
            # One line's point per hover and click: a click then selects exactly the number under the pointer.
            "hovermode": "closest",
        },
    )
    return localised(figure)

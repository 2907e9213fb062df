"""Charts for the Proposals page."""

import numpy as np
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
    # Plain Python over the (period, theme) rows: a groupby, unstack, reindex and melt cost more than the lines.
    period_values = frame["period"].tolist()
    periods = pd.date_range(min(period_values), max(period_values), freq=PERIOD_STARTS[grain], name="period")
    position = {period: index for index, period in enumerate(periods)}
    # Periods without proposals (of a theme, or at all) are zeros, so lines do not bridge gaps.
    counts: dict[str, list[int]] = {}
    for period, theme, proposals in zip(
        period_values, frame["theme_id"].tolist(), frame["proposals"].tolist(), strict=True
    ):
        if period in position:
            counts.setdefault(theme, [0] * len(periods))[position[period]] += proposals
    # Most proposals first; a tie keeps the themes' alphabetical order (a stable sort, as pandas' was).
    ranked = sorted(sorted(counts), key=lambda theme: -sum(counts[theme]))
    top, rest = ranked[:TOP_THEMES], ranked[TOP_THEMES:]
    lines = {labels.get(theme, theme): counts[theme] for theme in top}
    if rest:
        lines[others] = [sum(values) for values in zip(*(counts[theme] for theme in rest), strict=True)]
        title = _(TITLES[grain][1]).format(count=TOP_THEMES)
    said = {period: period_name(period, grain) for period in periods}  # once a period, not once a point
    members = {labels.get(theme, theme): [theme] for theme in top} | {others: rest}
    # graph_objects, not plotly express (a fraction of the time), drawn as px.line drew it: one line
    # per theme in the ranked order, "all other themes" grey and the palette from its second colour.
    names = {"theme": _("Theme"), "when": _(GRAIN_NAMES[grain]), "proposals": _("Proposals")}
    hover = "{theme}={name}<br>{when}=%{{customdata[1]}}<br>{proposals}=%{{y}}<extra></extra>"
    size = 8 if len(periods) <= 24 else 5
    starts = periods.to_numpy()
    when = list(said.values())
    spans = [(period.date(), period_end(period.date(), grain)) for period in periods]
    drill_title = _("{theme} proposals, {period}")
    traces = []
    for index, (theme, values) in enumerate(lines.items()):
        colour = "#999999" if theme == others else PALETTE[(index + 1) % len(PALETTE)]
        points = np.empty((len(periods), 2), dtype=object)
        points[:, 0] = [
            drill_key(
                "proposals",
                drill_title.format(theme=theme, period=name),
                themes=members[theme],
                date_from=first_day,
                date_to=last_day,
            )
            for name, (first_day, last_day) in zip(when, spans, strict=True)
        ]
        points[:, 1] = when
        traces.append(
            Scatter(
                x=starts,
                y=np.array(values, dtype=np.int64),
                customdata=points,
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

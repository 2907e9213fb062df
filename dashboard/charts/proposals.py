"""Charts for the Proposals page."""

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from dashboard import i18n
from dashboard.charts import TEMPLATE, drill_key, empty_figure, localised, period_end, titled
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
    wide = frame.pivot_table(index="period", columns="theme_id", values="proposals", aggfunc="sum", fill_value=0)
    periods = pd.date_range(wide.index.min(), wide.index.max(), freq=PERIOD_STARTS[grain], name="period")
    wide = wide.reindex(periods, fill_value=0)
    ranked = wide.sum().sort_values(ascending=False).index.tolist()
    top, rest = ranked[:TOP_THEMES], ranked[TOP_THEMES:]
    shown = wide[top].rename(columns=labels)
    if rest:
        shown[others] = wide[rest].sum(axis=1)
        title = _(TITLES[grain][1]).format(count=TOP_THEMES)
    data = shown.reset_index().melt(id_vars="period", var_name="theme", value_name="proposals")
    data["when"] = [period_name(period, grain) for period in data["period"]]
    members = {labels.get(theme, theme): [theme] for theme in top} | {others: rest}
    data["drill"] = [
        drill_key(
            "proposals",
            _("{theme} proposals, {period}").format(theme=theme, period=period_name(period, grain)),
            themes=members[theme],
            date_from=period.date(),
            date_to=period_end(period.date(), grain),
        )
        for theme, period in zip(data["theme"], data["period"], strict=True)
    ]
    order = list(shown.columns)
    figure = px.line(
        data,
        x="period",
        y="proposals",
        color="theme",
        category_orders={"theme": order},
        color_discrete_map={others: "#999999"},
        markers=True,  # plotly selects markers, not lines: every period is a clickable point
        template=TEMPLATE,
        title=titled(title, scope),
        labels={
            "period": _(GRAIN_NAMES[grain]),
            "when": _(GRAIN_NAMES[grain]),
            "proposals": _("Proposals"),
            "theme": _("Theme"),
        },
        custom_data=["drill"],
        hover_data={"period": False, "when": True},
    )
    # Tick labels in the language (Babel's month names), at most about a dozen of them.
    ticks = list(periods[:: max(1, len(periods) // 12)])
    figure.update_xaxes(tickvals=ticks, ticktext=[period_name(period, grain) for period in ticks])
    figure.update_traces(line={"width": 3}, marker={"size": 8 if len(periods) <= 24 else 5})
    # One line's point per hover and click: a click then selects exactly the number under the pointer.
    figure.update_layout(height=480, hovermode="closest")
    return localised(figure)

"""Charts for the Proposals page."""

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from dashboard import reference
from dashboard.charts import TEMPLATE, drill_key, empty_figure, period_end, titled
from dashboard.charts.cache import cached_figure

# Hover format of a period at each grain (the SQL truncates dates to the period's first day).
PERIOD_FORMATS = {"month": "%b %Y", "quarter": "Q%q %Y", "year": "%Y"}
PERIOD_STARTS = {"month": "MS", "quarter": "QS", "year": "YS"}


def period_label(period: pd.Timestamp, grain: str) -> str:
    if grain == "quarter":
        return f"{period.year} Q{period.quarter}"
    return period.strftime("%b %Y" if grain == "month" else "%Y")


TOP_THEMES = 6  # lines a reader can tell apart; the rest are summed into one grey line
OTHER_THEMES = "All other themes"


@cached_figure
def proposals_over_time_lines(frame: pd.DataFrame, grain: str, scope: str) -> go.Figure:
    """Proposals per period for the most frequent themes, one line each (a proposal with two themes counts in both)."""
    title = f"Proposals per {grain} by theme"
    if frame.empty or frame["proposals"].sum() == 0:
        return empty_figure(title, scope, "No proposals match these filters.")
    labels = reference.theme_labels()
    # Periods without proposals (of a theme, or at all) are zeros, so lines do not bridge gaps.
    wide = frame.pivot_table(index="period", columns="theme_id", values="proposals", aggfunc="sum", fill_value=0)
    periods = pd.date_range(wide.index.min(), wide.index.max(), freq=PERIOD_STARTS[grain], name="period")
    wide = wide.reindex(periods, fill_value=0)
    ranked = wide.sum().sort_values(ascending=False).index.tolist()
    top, rest = ranked[:TOP_THEMES], ranked[TOP_THEMES:]
    shown = wide[top].rename(columns=labels)
    if rest:
        shown[OTHER_THEMES] = wide[rest].sum(axis=1)
        title = f"Proposals per {grain}: the {TOP_THEMES} most frequent themes"
    data = shown.reset_index().melt(id_vars="period", var_name="theme", value_name="proposals")
    members = {labels.get(theme, theme): [theme] for theme in top} | {OTHER_THEMES: rest}
    data["drill"] = [
        drill_key(
            "proposals",
            f"{theme} proposals, {period_label(period, grain)}",
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
        color_discrete_map={OTHER_THEMES: "#999999"},
        markers=True,  # plotly selects markers, not lines: every period is a clickable point
        template=TEMPLATE,
        title=titled(title, scope),
        labels={"period": grain.capitalize(), "proposals": "Proposals", "theme": "Theme"},
        custom_data=["drill"],
        hover_data={"period": f"|{PERIOD_FORMATS[grain]}"},
    )
    figure.update_traces(line={"width": 3}, marker={"size": 8 if len(periods) <= 24 else 5})
    # One line's point per hover and click: a click then selects exactly the number under the pointer.
    figure.update_layout(height=480, hovermode="closest")
    return figure

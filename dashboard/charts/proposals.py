"""Charts for the Proposals page."""

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from dashboard import reference
from dashboard.charts import TEMPLATE, empty_figure, titled

# Hover format of a period at each grain (the SQL truncates dates to the period's first day).
PERIOD_FORMATS = {"month": "%b %Y", "quarter": "Q%q %Y", "year": "%Y"}
PERIOD_STARTS = {"month": "MS", "quarter": "QS", "year": "YS"}


TOP_THEMES = 6  # lines a reader can tell apart; the rest are summed into one grey line
OTHER_THEMES = "All other themes"


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
    order = list(shown.columns)
    figure = px.line(
        data,
        x="period",
        y="proposals",
        color="theme",
        category_orders={"theme": order},
        color_discrete_map={OTHER_THEMES: "#999999"},
        markers=len(periods) <= 24,
        template=TEMPLATE,
        title=titled(title, scope),
        labels={"period": grain.capitalize(), "proposals": "Proposals", "theme": "Theme"},
        hover_data={"period": f"|{PERIOD_FORMATS[grain]}"},
    )
    figure.update_traces(line={"width": 3})
    figure.update_layout(height=480, hovermode="x unified")
    return figure

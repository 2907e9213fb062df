"""Charts for the Proposals page."""

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from dashboard import reference
from dashboard.charts import TEMPLATE, empty_figure, titled

# Hover format of a period at each grain (the SQL truncates dates to the period's first day).
PERIOD_FORMATS = {"month": "%b %Y", "quarter": "Q%q %Y", "year": "%Y"}
PERIOD_STARTS = {"month": "MS", "quarter": "QS", "year": "YS"}


def proposals_over_time_area(frame: pd.DataFrame, grain: str, scope: str) -> go.Figure:
    """Stacked areas: proposals per period by theme (a proposal with two themes counts in both)."""
    title = f"Proposals per {grain} by theme"
    if frame.empty or frame["proposals"].sum() == 0:
        return empty_figure(title, scope, "No proposals match these filters.")
    labels = reference.theme_labels()
    # Periods without proposals (of a theme, or at all) are zeros, so the stacked areas do not bridge gaps.
    wide = frame.pivot_table(index="period", columns="theme_id", values="proposals", aggfunc="sum", fill_value=0)
    periods = pd.date_range(wide.index.min(), wide.index.max(), freq=PERIOD_STARTS[grain], name="period")
    wide = wide.reindex(periods, fill_value=0)
    data = wide.reset_index().melt(id_vars="period", var_name="theme_id", value_name="proposals")
    data["theme"] = data["theme_id"].map(labels).fillna(data["theme_id"])
    order = data.groupby("theme")["proposals"].sum().sort_values(ascending=False).index.tolist()
    figure = px.area(
        data,
        x="period",
        y="proposals",
        color="theme",
        category_orders={"theme": order},
        template=TEMPLATE,
        title=titled(title, scope),
        labels={"period": grain.capitalize(), "proposals": "Proposals", "theme": "Theme"},
        hover_data={"theme_id": False, "period": f"|{PERIOD_FORMATS[grain]}"},
    )
    figure.update_layout(height=480, hovermode="x unified")
    return figure

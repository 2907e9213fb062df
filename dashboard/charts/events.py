"""Charts for the Events page."""

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from dashboard import i18n
from dashboard.charts import GENDER_COLOURS, TEMPLATE, empty_figure, localised, titled
from dashboard.charts.cache import cached_figure
from dashboard.i18n import _


@cached_figure
def participation_bar(participation: pd.DataFrame, scope: str) -> go.Figure:
    """Women, men and participants whose gender the report does not give, for one event."""
    title = _("Participants by gender")
    if participation.empty or pd.isna(participation.iloc[0]["total"]):
        return empty_figure(title, scope, _("The report gives no number of participants."))
    row = participation.iloc[0]
    data = pd.DataFrame(
        {
            "group": [_(name) for name in GENDER_COLOURS],
            "participants": [
                int(row[column]) if pd.notna(row[column]) else 0 for column in ("women", "men", "unspecified")
            ],
        }
    )
    total = int(row["total"])
    # Written by Babel, as the language writes a percentage (plotly's d3 format has no "41 %").
    data["share"] = [i18n.percent(count / total if total else 0.0) for count in data["participants"]]
    figure = px.bar(
        data,
        x="group",
        y="participants",
        color="group",
        color_discrete_map={_(name): colour for name, colour in GENDER_COLOURS.items()},
        text="participants",
        template=TEMPLATE,
        title=titled(title, scope),
        labels={"group": _("Participants"), "participants": _("People"), "share": _("Share of participants")},
        hover_data={"group": False, "share": True},
    )
    figure.update_layout(height=360, showlegend=False)
    return localised(figure)

"""Plotly figures for the dashboard and briefings: one template, a colour-blind-safe palette.

Chart functions take DataFrames that SQL already aggregated and return figures; they
never query. Every title says what is shown and under which filters.
"""

import plotly.graph_objects as go
import plotly.io as pio

from dashboard.i18n import _

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#999999", "#F0E442"]
GENDER_COLOURS = {"Women": "#CC79A7", "Men": "#0072B2", "Unspecified": "#BBBBBB"}
SEQUENTIAL = "Blues"
FONT_SIZE = 16

pio.templates["dialogue"] = go.layout.Template(
    layout=go.Layout(
        font={"family": "DejaVu Sans, Arial, sans-serif", "size": FONT_SIZE, "color": "#222222"},
        title={"font": {"size": FONT_SIZE + 4}, "x": 0, "xanchor": "left"},
        colorway=PALETTE,
        paper_bgcolor="white",
        plot_bgcolor="white",
        xaxis={"gridcolor": "#E5E5E5", "linecolor": "#888888", "title": {"standoff": 10}},
        yaxis={"gridcolor": "#E5E5E5", "linecolor": "#888888", "title": {"standoff": 10}},
        legend={"title": {"text": ""}, "orientation": "h", "y": -0.2},
        margin={"l": 60, "r": 20, "t": 80, "b": 60},
        hoverlabel={"font": {"size": FONT_SIZE - 2}},
    )
)
TEMPLATE = "plotly_white+dialogue"


def titled(title: str, scope: str) -> str:
    """A chart title with the filters it shows, on a second, smaller line."""
    return f"{title}<br><sup>{scope}</sup>"


def empty_figure(title: str, scope: str, message: str = "No events match these filters.") -> go.Figure:
    figure = go.Figure()
    figure.update_layout(
        template=TEMPLATE,
        title=titled(title, scope),
        xaxis={"visible": False},
        yaxis={"visible": False},
        annotations=[
            {
                "text": message + "<br>" + _("Widen the filters in the sidebar."),
                "showarrow": False,
                "font": {"size": 18},
            }
        ],
        height=360,
    )
    return figure

"""Plotly figures for the dashboard and briefings: one template, a colour-blind-safe palette.

Chart functions take DataFrames that SQL already aggregated and return figures; they
never query. Every title says what is shown and under which filters.

Drill-down convention: every clickable point carries, as its first customdata value, a
drill key (`drill_key`): the JSON of what the point stands for (region, themes, period,
participant category, whether its records are proposals or events). dashboard/drilldown.py
turns a clicked key into the records behind the number, so charts never know about queries.
"""

import json
from datetime import date, timedelta

import plotly.graph_objects as go
import plotly.io as pio
from _plotly_utils.basevalidators import is_homogeneous_array
from _plotly_utils.utils import is_skipped_key, to_typed_array_spec

from dashboard import i18n
from dashboard.i18n import _, ngettext

# Okabe-Ito: distinguishable with the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#999999", "#F0E442"]
GENDER_COLOURS = {"Women": "#CC79A7", "Men": "#0072B2", "Unspecified": "#BBBBBB"}
# As its colours, not its name: figures built unchecked are sent as built (see CHECKED).
SEQUENTIAL = [list(step) for step in go.Heatmap(colorscale="Blues").colorscale]
FONT_SIZE = 16

_DIALOGUE = go.layout.Template(
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

# Every figure copies and validates its template: plotly_white carries defaults for 24 trace types and
# 3D/geo/polar axes (≈40 ms a figure, most of a page's run). One pre-merged template with only what the
# dashboard draws looks the same and costs a fraction; a "a+b" name would be merged again per figure.
_DRAWN_TRACES = ("bar", "scatter", "heatmap")
_UNUSED_LAYOUT = ("geo", "polar", "scene", "ternary", "mapbox", "map")
_merged = pio.templates.merge_templates("plotly_white", _DIALOGUE)
pio.templates["dialogue"] = go.layout.Template(
    layout={key: value for key, value in _merged.layout.to_plotly_json().items() if key not in _UNUSED_LAYOUT},
    data={trace: _merged.data[trace] for trace in _DRAWN_TRACES},
)
# As plain JSON: figures built unchecked (below) are sent as built, and plotly.js knows no template by name.
TEMPLATE = pio.templates["dialogue"].to_plotly_json()

# plotly checks every property as it is set (≈8 ms a figure with its template, most of a chart's
# cost). The app builds figures unchecked; tests/test_figures_unchecked.py draws every page both ways
# and compares what the browser receives.
CHECKED = False


def _unchecked(kind):
    def build(*args, **kwargs):
        return kind(*args, _validate=CHECKED, **kwargs)

    build.__doc__ = f"plotly's {kind.__name__}, built without property checks unless CHECKED."
    return build


# Values of these types are sent as they are: no array to encode, nothing inside to walk.
_PLAIN = frozenset((str, int, float, bool, type(None)))


def _sendable(value, encode_arrays: bool):
    """`value` as plotly's `to_dict` gives it (a deep copy, then numeric arrays that are dict values
    as base64 typed arrays), copying only the containers the encoding or a caller may change."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if isinstance(value, dict):
        return {key: item if is_skipped_key(key) else _sendable(item, True) for key, item in value.items()}
    if isinstance(value, list | tuple):  # plotly encodes arrays inside lists only as dict values
        items = [_sendable(item, False) for item in value]
        return tuple(items) if isinstance(value, tuple) else items
    if encode_arrays and is_homogeneous_array(value):
        return to_typed_array_spec(value)
    return value


class _SharedFigure(go.Figure):
    """A figure that is read-only once built (figures are shared between sessions, see cache.py).

    `st.plotly_chart` sends `to_dict()`, which plotly makes by deep-copying the figure and walking
    the copy again to encode arrays: most of what sending a chart costs. Here one walk does both and
    leaves the values themselves uncopied (strings, numbers and arrays no one writes to)."""

    _sent: dict | None = None

    def seal(self) -> "_SharedFigure":
        """Called when the figure is kept for sharing (cache.py): it is then sent as it is now, its
        dict made once rather than on every page run that draws it."""
        self._sent = self._sendable_dict()
        return self

    def to_dict(self):
        return self._sent if self._sent is not None else self._sendable_dict()

    def _sendable_dict(self) -> dict:
        if self._frame_objs:  # animation frames: the dashboard draws none; plotly's own way then
            return super().to_dict()
        return {"data": [_sendable(trace, True) for trace in self._data], "layout": _sendable(self._layout, True)}


Figure, Bar, Scatter, Heatmap = map(_unchecked, (_SharedFigure, go.Bar, go.Scatter, go.Heatmap))
# Fewer events than this behind a share or a pattern: the chart says so instead of drawing it.
THIN_EVENTS = 5


def titled(title: str, scope: str) -> str:
    """A chart title with the filters it shows, on a second, smaller line."""
    return f"{title}<br><sup>{scope}</sup>"


def empty_figure(title: str, scope: str, message: str | None = None) -> go.Figure:
    """A chart's place when nothing matches: its title, `message` (default: no events match) and what to do."""
    message = message or _("No events match these filters.")
    # The template in the constructor: update_layout walks a template property by property.
    return Figure(
        layout={
            "template": TEMPLATE,
            "title": {"text": titled(title, scope)},
            "xaxis": {"visible": False},
            "yaxis": {"visible": False},
            "annotations": [
                {
                    "text": message + "<br>" + _("Widen the filters in the sidebar."),
                    "showarrow": False,
                    "font": {"size": 18},
                }
            ],
            "height": 360,
        }
    )


def drill_key(records: str, label: str, **dimensions) -> str:
    """What a clicked point stands for: `records` is "proposals" or "events"; dimensions are
    region, not_region, themes (a list), date_from/date_to (a period), category, real_only."""
    key = {"records": records, "label": label}
    key.update({name: value for name, value in dimensions.items() if value is not None})
    return json.dumps(key, default=lambda value: value.isoformat() if isinstance(value, date) else str(value))


def period_end(start: date, grain: str) -> date:
    """The last day of the month, quarter or year that starts on `start`."""
    months = start.month - 1 + {"month": 1, "quarter": 3, "year": 12}[grain]
    return date(start.year + months // 12, months % 12 + 1, 1) - timedelta(days=1)


def thin_figure(figure: go.Figure, events: int) -> go.Figure:
    """A share chart's place, under its own title, when too few events lie behind it."""
    return empty_figure(
        "",
        "",
        ngettext(
            "Only {count} event matches these filters:<br>too few to compare shares.",
            "Only {count} events match these filters:<br>too few to compare shares.",
            events,
        ).format(count=events),
    ).update_layout(title=figure.layout.title)


def localised(figure: go.Figure) -> go.Figure:
    """The figure with the current language's decimal and group marks (12 268,5 in Russian)."""
    return figure.update_layout(separators=i18n.plotly_separators())


def click_targets(x, y, keys, hovertext, size: int = 28) -> go.Scatter:
    """Invisible markers over heatmap cells: plotly selects points of scatter traces, not heatmap
    cells, so these make each cell clickable (an outline marks the clicked one); `size` in pixels."""
    return Scatter(
        x=x,
        y=y,
        mode="markers",
        marker={"symbol": "square-open", "size": size, "color": "#D55E00", "opacity": 0, "line": {"width": 3}},
        selected={"marker": {"opacity": 1}},
        unselected={"marker": {"opacity": 0}},
        customdata=[[key] for key in keys],
        hovertext=hovertext,
        hovertemplate="%{hovertext}<extra></extra>",
        showlegend=False,
        name="",
    )

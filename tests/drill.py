"""Clicking chart marks in AppTest: the selection state the browser sends, sent the same way.

Streamlit's frontend answers a click on a plotly chart (on_select="rerun") with a widget
state holding {"selection": {"points": [...], ...}} as a JSON string; `click` sends exactly
that for one point of the chart and reruns the page.
"""

import json
import re
from dataclasses import dataclass

from streamlit.proto.WidgetStates_pb2 import WidgetState
from streamlit.testing.v1 import AppTest

from tests.plotly_spec import figure_spec


@dataclass
class Point:
    curve: int
    index: int
    x: object
    y: object
    key: dict  # the decoded drill key
    customdata: list
    hovertemplate: str

    def hovered(self, label: str):
        """The value a px hover line `label=%{customdata[i]...}` shows for this point."""
        match = re.search(re.escape(label) + r"=%\{customdata\[(\d+)\]", self.hovertemplate)
        assert match, f"{label!r} not in {self.hovertemplate!r}"
        return self.customdata[int(match.group(1))]


def _chart(at: AppTest, name: str):
    return next(chart for chart in at.get("plotly_chart") if chart.key and chart.key.startswith(name + "-"))


def points(at: AppTest, name: str) -> list[Point]:
    """Every clickable point of the chart whose drill-down key is `name`."""
    spec = figure_spec(_chart(at, name))
    found = []
    for curve, trace in enumerate(spec["data"]):
        for index, custom in enumerate(trace.get("customdata") or []):
            found.append(
                Point(
                    curve,
                    index,
                    trace["x"][index],
                    trace["y"][index],
                    json.loads(custom[0]),
                    custom,
                    trace.get("hovertemplate") or "",
                )
            )
    return found


def heatmap_value(at: AppTest, name: str, point: Point, curve: int = 0):
    """The number a heatmap draws in the cell under a click target."""
    trace = figure_spec(_chart(at, name))["data"][curve]
    if "x" in trace:
        return trace["z"][trace["y"].index(point.y)][trace["x"].index(point.x)]
    return trace["z"][point.y][point.x]  # a tile grid: x and y are column and row


def click(at: AppTest, name: str, point: Point, press: str | None = None) -> AppTest:
    """Click `point`; with `press`, the browser's selection stays while that button is pressed."""
    chart = _chart(at, name)
    if press:
        at.button(key=press).click()
    selected = {
        "curve_number": point.curve,
        "point_number": point.index,
        "point_index": point.index,
        "x": point.x,
        "y": point.y,
        "customdata": point.customdata,
    }
    state = {"selection": {"points": [selected], "point_indices": [point.index], "box": [], "lasso": []}}
    widgets = at._tree.get_widget_states()
    widgets.widgets.append(WidgetState(id=chart.proto.id, string_value=json.dumps(state)))
    return at._run(widgets)


def panel(at: AppTest, name: str):
    """The drill-down panel under chart `name`, or None when nothing is clicked."""

    def walk(node):
        for child in getattr(node, "children", {}).values():
            if str(getattr(getattr(child, "proto", None), "id", "")).endswith(f"-drill_{name}"):
                return child
            found = walk(child)
            if found is not None:
                return found
        return None

    return walk(at._tree)


def listed(at: AppTest, name: str) -> tuple[int, "object"]:
    """The count the panel states (its first number) and the table it lists."""
    block = panel(at, name)
    assert block is not None, f"no drill-down panel under {name}"
    count = int(block.caption[0].value.split(" ")[0].replace(",", ""))
    return count, block.dataframe[0].value

"""Reading plotly figures back in tests: the chart spec AppTest holds, with typed arrays decoded."""

import base64
import json

import numpy as np


def decoded(value):
    """Plotly stores numeric arrays as {'dtype', 'bdata', 'shape'}; this returns plain lists."""
    if isinstance(value, dict) and "bdata" in value:
        array = np.frombuffer(base64.b64decode(value["bdata"]), dtype=np.dtype(value["dtype"]))
        if "shape" in value:
            array = array.reshape([int(size) for size in str(value["shape"]).split(",")])
        return array.tolist()
    return value


def figure_spec(chart) -> dict:
    """A plotly_chart element's figure as a dict, with every trace's arrays decoded."""
    spec = json.loads(chart.proto.spec)
    spec["data"] = [{key: decoded(value) for key, value in trace.items()} for trace in spec["data"]]
    return spec


def charts(at) -> list[dict]:
    return [figure_spec(chart) for chart in at.get("plotly_chart")]


def title(spec: dict) -> str:
    return spec["layout"]["title"]["text"]

"""The app builds its plotly figures without plotly's property checks (dashboard/charts: most of a
chart's cost). Every page's charts, built checked and unchecked, must reach the browser the same:
a property plotly would have rejected or rewritten shows up here as a difference. They are also
sent without plotly's deep copy (charts._SharedFigure), which must send what plotly would."""

import plotly.graph_objects as go
import plotly.io as pio
import pytest

from dashboard import charts
from dashboard.bench.pages import page_names
from dashboard.charts import cache
from tests.conftest import open_page
from tests.plotly_spec import charts as drawn

CASES = ({}, {"region": "Osh", "from": "2023-01-01"}, {"theme": "health", "lang": "ru"})


def _specs(page: str, params: dict, checked: bool, monkeypatch) -> list[dict]:
    monkeypatch.setattr(charts, "CHECKED", checked)
    cache.clear()
    at = open_page(f"dashboard/pages/{page}.py", params)
    assert not at.exception, at.exception
    return drawn(at)


def _differences(checked, unchecked, path="") -> list[str]:
    """Where two decoded specs differ, as paths (the template is large; a plain diff would hide them)."""
    if isinstance(checked, dict) and isinstance(unchecked, dict):
        return [
            found
            for key in sorted(set(checked) | set(unchecked))
            for found in _differences(checked.get(key), unchecked.get(key), f"{path}.{key}")
        ]
    if isinstance(checked, list) and isinstance(unchecked, list) and len(checked) == len(unchecked):
        return [
            found
            for i, pair in enumerate(zip(checked, unchecked, strict=True))
            for found in _differences(*pair, f"{path}[{i}]")
        ]
    return [] if checked == unchecked else [f"{path}: {checked!r} checked, {unchecked!r} unchecked"]


@pytest.mark.parametrize("page", page_names())
def test_unchecked_figures_reach_the_browser_as_checked_ones(demo_store, monkeypatch, page):
    for params in CASES:
        checked = _specs(page, params, True, monkeypatch)
        unchecked = _specs(page, params, False, monkeypatch)
        assert not _differences(checked, unchecked), (page, params)
    cache.clear()


@pytest.mark.parametrize("page", page_names())
def test_figures_are_sent_as_plotly_would_send_them(demo_store, monkeypatch, page):
    sent = []
    own = charts._SharedFigure.to_dict

    def recorded(figure):
        sent.append(figure)
        return own(figure)

    monkeypatch.setattr(charts._SharedFigure, "to_dict", recorded)
    for params in CASES:
        cache.clear()
        at = open_page(f"dashboard/pages/{page}.py", params)
        assert not at.exception, at.exception
    assert sent, page
    for figure in sent:
        ours = pio.to_json(own(figure), validate=False)
        assert ours == pio.to_json(go.Figure.to_dict(figure), validate=False), (page, figure.layout.title.text)
        assert pio.to_json(own(figure), validate=False) == ours  # sending left the shared figure as it was
    cache.clear()

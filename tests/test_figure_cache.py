"""Figures kept per query result: the same frame draws the same figure, any change draws anew."""

import cachetools
import pandas as pd

from dashboard import i18n
from dashboard.charts import cache
from dashboard.charts.overview import proposals_by_theme_bar


def _themes(count: int) -> pd.DataFrame:
    return pd.DataFrame({"theme_id": ["migration", "economy_development"], "proposals": [count, 3]})


def test_the_same_result_gives_the_figure_built_before():
    cache.clear()
    first = proposals_by_theme_bar(_themes(5), "all regions")
    assert proposals_by_theme_bar(_themes(5), "all regions") is first
    assert first.to_json() == proposals_by_theme_bar.uncached(_themes(5), "all regions").to_json()


def test_new_data_a_new_scope_or_another_language_build_anew():
    cache.clear()
    first = proposals_by_theme_bar(_themes(5), "all regions")
    changed = proposals_by_theme_bar(_themes(6), "all regions")
    assert changed is not first and list(changed.data[0].x) == [3, 6]
    assert proposals_by_theme_bar(_themes(5), "Batken").layout.title.text.endswith("<sup>Batken</sup>")
    with i18n.using("ru"):
        assert proposals_by_theme_bar(_themes(5), "all regions") is not first


def test_the_cache_is_bounded_dropping_the_least_recently_drawn(monkeypatch):
    monkeypatch.setattr(cache, "_figures", cachetools.LRUCache(maxsize=3))
    oldest = proposals_by_theme_bar(_themes(1), "all regions")
    newest = [proposals_by_theme_bar(_themes(count), "all regions") for count in (2, 3, 4)]
    assert len(cache._figures) == 3
    assert proposals_by_theme_bar(_themes(4), "all regions") is newest[-1]
    assert proposals_by_theme_bar(_themes(1), "all regions") is not oldest

"""Built figures kept per query result: plotly takes tens to hundreds of milliseconds to build a
figure, most of a page run, while the frames behind a page repeat across reruns and viewers.

A figure is found again by what it is built from (the chart function, its arguments including
the frame's contents, and the interface language), so a new result after an import simply
misses. The cache is bounded by entries; figures of aggregated results are small. Callers
treat the figures as read-only, as they are shared between sessions.
"""

import functools
import hashlib
import pickle
import threading

import cachetools

from dashboard import i18n

FIGURE_ENTRIES = 256

_figures: cachetools.LRUCache = cachetools.LRUCache(maxsize=FIGURE_ENTRIES)
_lock = threading.Lock()


def _key(build, args: tuple, kwargs: dict) -> tuple | None:
    try:
        content = pickle.dumps((args, sorted(kwargs.items())), protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, TypeError, AttributeError):
        return None  # an argument that cannot be fingerprinted: build every time
    return build.__module__, build.__qualname__, i18n.language(), hashlib.blake2b(content).hexdigest()


def cached_figure(build):
    """Decorator for a chart function: the same arguments give the same (shared) figure."""

    @functools.wraps(build)
    def figure(*args, **kwargs):
        key = _key(build, args, kwargs)
        if key is None:
            return build(*args, **kwargs)
        with _lock:
            found = _figures.get(key)
        if found is None:
            found = build(*args, **kwargs)
            if hasattr(found, "seal"):
                found.seal()
            with _lock:
                _figures[key] = found
        return found

    figure.uncached = build
    return figure


def clear() -> None:
    with _lock:
        _figures.clear()

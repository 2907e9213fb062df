"""What every page shares: the store connection, cached queries, and the filters in the sidebar and URL.

Pages call `page_filters()` once, then `query(name, filters)` for each SQL file they use.
"""

from pathlib import Path

import pandas as pd
import streamlit as st

from dashboard import reference, store
from dashboard.config import REPORTS_DIR, database_path
from dashboard.filters import Filters, from_query_params
from dashboard.sql import frame

FIRST_START_DEMO_EVENTS = 300
FIRST_START_DEMO_SEED = 42


def _first_start(path: Path) -> None:
    """A missing store is created with the real founding report(s) and a demo dataset."""
    from dashboard.demo_data import add_demo_events
    from dashboard.ingest import ingest_paths

    con = store.connect(path)
    try:
        ingest_paths(con, [REPORTS_DIR])
        add_demo_events(con, FIRST_START_DEMO_EVENTS, FIRST_START_DEMO_SEED)
    finally:
        con.close()


@st.cache_resource(show_spinner="Opening the store…")
def connection(path: str):
    """One connection per store for the whole server; every query takes its own cursor."""
    store_path = Path(path)
    if not store_path.exists():
        _first_start(store_path)
    return store.connect(store_path)


def cursor():
    return connection(str(database_path())).cursor()


@st.cache_data(show_spinner=False, max_entries=512)
def _cached_query(path: str, name: str, params_key: tuple, params: dict) -> pd.DataFrame:
    return frame(connection(path).cursor(), name, params)


def query(name: str, params: dict | Filters | None = None) -> pd.DataFrame:
    """A named query's result, cached until the data changes (see `data_changed`)."""
    if isinstance(params, Filters):
        params = params.params()
    params = params or {}
    key = tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))
    return _cached_query(str(database_path()), name, key, params)


def data_changed() -> None:
    """Call after any write: cached results are dropped so every page shows the new data."""
    _cached_query.clear()


# ---------------------------------------------------------------- filters

_WIDGET_KEYS = ("f_regions", "f_themes", "f_from", "f_to", "f_types", "f_demo")
# Query parameters that one page owns (the Events page's `event`): the filter sync leaves them in the URL.
PAGE_PARAMS = ("event",)


def _filter_url_items() -> tuple:
    return tuple(
        sorted((key, tuple(st.query_params.get_all(key))) for key in st.query_params if key not in PAGE_PARAMS)
    )


def _filters_from_widgets() -> Filters:
    state = st.session_state
    return Filters(
        regions=tuple(state.get("f_regions", ())),
        themes=tuple(state.get("f_themes", ())),
        date_from=state.get("f_from"),
        date_to=state.get("f_to"),
        event_types=tuple(state.get("f_types", ())),
        include_demo=state.get("f_demo", True),
    )


def _seed_widgets_from_url() -> list[str]:
    """On a session's first run (or a new URL), the URL sets the widgets; returns what was dropped."""
    parsed = from_query_params(st.query_params)
    url_key = _filter_url_items()
    if st.session_state.get("_url_seen") == url_key:
        return st.session_state.get("_url_dropped", [])
    filters = parsed.filters
    st.session_state.f_regions = list(filters.regions)
    st.session_state.f_themes = list(filters.themes)
    st.session_state.f_from = filters.date_from
    st.session_state.f_to = filters.date_to
    st.session_state.f_types = list(filters.event_types)
    st.session_state.f_demo = filters.include_demo
    st.session_state._url_dropped = parsed.dropped
    st.session_state._url_seen = url_key
    return parsed.dropped


def _write_url(filters: Filters) -> None:
    wanted = filters.to_query_params()
    current = {key: st.query_params.get_all(key) for key in st.query_params if key not in PAGE_PARAMS}
    normalised = {key: value if isinstance(value, list) else [value] for key, value in wanted.items()}
    if current != normalised:
        kept = {key: st.query_params.get_all(key) for key in st.query_params if key in PAGE_PARAMS}
        st.query_params.from_dict({**wanted, **kept})
    st.session_state._url_seen = tuple(sorted((key, tuple(value)) for key, value in normalised.items()))


def page_filters() -> Filters:
    """The sidebar filters, synced both ways with the URL; call once at the top of each page."""
    # Streamlit drops a widget's state when the page changes; re-assigning carries the filters to the next page.
    for key in _WIDGET_KEYS:
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
    dropped = _seed_widgets_from_url()
    sidebar = st.sidebar
    sidebar.header("Filters")
    sidebar.multiselect("Regions", reference.region_names(), key="f_regions", placeholder="All regions")
    sidebar.multiselect(
        "Themes",
        reference.theme_ids(),
        key="f_themes",
        format_func=lambda theme: reference.theme_labels().get(theme, theme),
        placeholder="All themes",
    )
    left, right = sidebar.columns(2)
    left.date_input("From", key="f_from", value=None, format="YYYY-MM-DD")
    right.date_input("To", key="f_to", value=None, format="YYYY-MM-DD")
    sidebar.multiselect(
        "Event types",
        list(reference.event_type_labels()),
        key="f_types",
        format_func=lambda kind: reference.event_type_labels().get(kind, kind),
        placeholder="All event types",
    )
    sidebar.toggle("Include demo data", key="f_demo", help="Synthetic records made for trying the dashboard")
    filters = _filters_from_widgets()
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        sidebar.warning("'From' is after 'To': dates ignored.")
        filters = filters.with_(date_from=None, date_to=None)
    _write_url(filters)
    if dropped:
        st.caption("Ignored in the link: " + "; ".join(dropped))
    _link_to_view(filters)
    _demo_note(filters)
    return filters


def _link_to_view(filters: Filters) -> None:
    from urllib.parse import urlencode

    query_string = urlencode(filters.to_query_params(), doseq=True)
    with st.sidebar.popover("Copy link to this view", width="stretch"):
        st.caption("This link reproduces the page with these filters:")
        st.code(f"?{query_string}" if query_string else "(no filters)", language=None)


def _demo_note(filters: Filters) -> None:
    counts = query("demo_share", filters)
    if counts.empty:
        return
    row = counts.iloc[0]
    demo, total = int(row["demo_events"]), int(row["events"])
    if demo and filters.include_demo:
        st.info(
            f"Demo data: {demo:,} of the {total:,} events shown are synthetic records made for trying "
            f"the dashboard, not real reports. Switch off 'Include demo data' in the sidebar to see real reports only.",
            icon="🧪",
        )


def event_url(event_id: int, filters: Filters) -> str:
    """The Events page's view of one event with the current filters; relative, so it works under any base path."""
    from urllib.parse import urlencode

    return "events?" + urlencode({"event": event_id, **filters.to_query_params()}, doseq=True)

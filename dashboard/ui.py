"""What every page shares: the store connection, cached queries, and the filters in the sidebar and URL.

Pages call `page_filters()` once, then `query(name, filters)` for each SQL file they use.
"""

import atexit
import contextlib
import functools
import json
import math
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode

import cachetools
import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from dashboard import i18n, inbox, reference, store
from dashboard.config import REPORTS_DIR, database_path
from dashboard.filters import QUERY_KEYS, Filters, from_query_params
from dashboard.i18n import _
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


_WORKERS: dict[str, inbox.Worker] = {}


@st.cache_resource(show_spinner=False)  # _require_store shows its own, in the interface language
def connection(path: str):
    """One connection per store for the whole server; every query takes its own cursor.

    The app is the store's only writer while it runs: the CLI hands it imports through
    the inbox (dashboard/inbox.py), taken by a background thread started here."""
    store_path = Path(path)
    if not store_path.exists():
        _first_start(store_path)
    con = inbox.connect_when_free(store_path)
    worker = _WORKERS[path] = inbox.start_worker(con, store_path, data_changed)
    # Let go of the store cleanly when the server stops (a checkpointed file, no dangling thread).
    atexit.register(_close, con, worker)
    return con


def open_store() -> None:
    """Open this server's store (building it on a first start); done at server start (dashboard/warmup.py)."""
    connection(str(database_path()))


def _close(con, worker) -> None:
    worker.stop()
    con.close()


def _require_store() -> None:
    """Open the store, or tell the viewer plainly why it cannot be opened now."""
    import duckdb

    path = str(database_path())
    try:
        # The first open of a store may build it (a minute on a first start): say so in the language.
        with st.spinner(_("Opening the store…")) if path not in _WORKERS else contextlib.nullcontext():
            connection(path)
        if worker := _WORKERS.get(path):
            worker.ensure_running()  # a dead inbox thread would leave every CLI hand-over waiting
    except duckdb.IOException as error:
        if not inbox.is_locked_error(error):
            raise
        st.error(
            _("The data store is busy: another program is writing to it. Reload this page in a minute."),
            icon=":material/hourglass:",
        )
        st.stop()


def cursor():
    return connection(str(database_path())).cursor()


# Query results are kept for every session, bounded so that viewers varying the URL cannot
# grow the server without limit: by rows in all (the measure of their memory), by rows per
# result (a larger one is run again when asked for), by entries and by age.
CACHE_ROWS = 400_000
CACHE_ROWS_PER_RESULT = 100_000
CACHE_ENTRIES = 256
CACHE_SECONDS = 600


class _QueryCache:
    """Viewers asking for the same result at once wait for one run of the query rather than each
    running it (many sessions open the same default view). A result computed while the data
    changed (`clear`) is handed to its callers but not kept."""

    def __init__(self):
        self._lock = threading.Lock()
        self._results = cachetools.TTLCache(maxsize=CACHE_ROWS, ttl=CACHE_SECONDS, getsizeof=self._rows)
        self._running: dict[tuple, threading.Event] = {}
        self._generation = 0

    @staticmethod
    def _rows(result: pd.DataFrame) -> int:
        return max(1, len(result))

    def get(self, path: str, name: str, params: dict) -> pd.DataFrame:
        key = (path, name, json.dumps(params, sort_keys=True, default=str))
        with self._lock:
            result = self._results.get(key)
            running = self._running.get(key) if result is None else None
            if result is None and running is None:
                self._running[key] = threading.Event()
            generation = self._generation
        if running is not None:
            running.wait()
            with self._lock:
                result = self._results.get(key)
            if result is None:  # too large to keep, failed, or the data changed meanwhile: run it here
                result = frame(connection(path).cursor(), name, params)
        elif result is None:
            try:
                result = frame(connection(path).cursor(), name, params)
                self._keep(key, result, generation)
            finally:
                with self._lock:
                    self._running.pop(key).set()
        return result.copy(deep=False)  # copy-on-write: a page changing its frame leaves the cache alone

    def _keep(self, key: tuple, result: pd.DataFrame, generation: int) -> None:
        if len(result) > CACHE_ROWS_PER_RESULT:
            return
        with self._lock:
            if generation != self._generation:
                return
            if len(self._results) >= CACHE_ENTRIES:
                self._results.popitem()
            self._results[key] = result

    def clear(self) -> None:
        with self._lock:
            self._results.clear()
            self._generation += 1

    def size(self) -> tuple[int, int]:
        """(entries, rows) held now."""
        with self._lock:
            self._results.expire()
            return len(self._results), int(self._results.currsize)


_cached_query = _QueryCache()


def _plain(params: dict | Filters | None) -> dict:
    return (params.params() if isinstance(params, Filters) else params) or {}


def query(name: str, params: dict | Filters | None = None) -> pd.DataFrame:
    """A named query's result, cached until the data changes (see `data_changed`)."""
    return _cached_query.get(str(database_path()), name, _plain(params))


# Most of a query's time on a page's small results is DuckDB binding and planning it, on one core:
# queries started together are planned side by side on both. Two threads for every session, so
# many viewers cannot pile up threads; a query no thread has taken yet runs in the page's own.
_STARTED = ThreadPoolExecutor(max_workers=2, thread_name_prefix="query")


class Started:
    """Work started now and read later (`start`, `start_call`)."""

    def __init__(self, function: Callable[..., pd.DataFrame], *args):
        self._call = (function, args)
        self._future = _STARTED.submit(function, *args)

    def result(self) -> pd.DataFrame:
        if self._future.cancel():  # still queued behind other viewers' queries: no point waiting
            function, args = self._call
            return function(*args)
        return self._future.result()


def start(name: str, params: dict | Filters | None = None) -> Started:
    """Start a named query the page reads later, so the queries of one page run side by side:
    `themes = start("proposals_by_theme", filters)` ... `themes.result()` (same cache as `query`)."""
    return Started(_cached_query.get, str(database_path()), name, _plain(params))


def start_call(function: Callable[[Callable, dict], pd.DataFrame], params: dict) -> Started:
    """Start `function(query, params)`, one that chooses its named queries itself (e.g. a fallback)."""
    return Started(function, query, params)


class _DataVersion:
    """Bumped on every write in this process; open pages compare it to rerun with new data."""

    value = 0


def data_changed() -> None:
    """Call after any write: cached results are dropped so every page shows the new data."""
    _cached_query.clear()
    _DataVersion.value += 1


@st.fragment(run_every=3)
def _follow_data_changes() -> None:
    """Viewers see imports made beside them (CLI through the inbox) without reloading: the page reruns
    when the data changed after its last run began (`page_filters` notes the version), not otherwise.

    Only the timer's own runs check. Within a page's full run the check would stop that run part-way
    whenever an import lands meanwhile; the next tick reruns the page all the same."""
    if not get_script_run_ctx().fragment_ids_this_run:
        return
    if st.session_state.get("_data_version", _DataVersion.value) != _DataVersion.value:
        st.rerun(scope="app")


# ---------------------------------------------------------------- editing


def signed_in_editor() -> str | None:
    """The signed-in editor's name, drawing the sign-in form (or how to set it up) when there is none."""
    from dashboard import auth

    if st.session_state.get("_editor"):
        if st.button(_("Sign out"), key="sign_out", icon=":material/logout:"):
            del st.session_state._editor
            st.rerun()
        return st.session_state._editor
    try:
        secrets = st.secrets.to_dict()
    except (FileNotFoundError, st.errors.StreamlitSecretNotFoundError):
        secrets = None
    password_hash = auth.configured_hash(secrets)
    if password_hash is None:
        st.info(
            _(
                "Editing is switched off because no editor password is set. Run `python -m dashboard hash-password`, "
                "then put the printed hash in the environment variable {variable} or in .streamlit/secrets.toml "
                'as `[auth]` `password_hash = "..."`, and restart the app.'
            ).format(variable=auth.ENV_VARIABLE),
            icon=":material/lock:",
        )
        return None
    with st.form("sign_in"):
        st.write(_("Sign in to import reports and edit theme labels."))
        name = st.text_input(_("Your name (recorded in the audit log)"))
        password = st.text_input(_("Password"), type="password")
        if st.form_submit_button(_("Sign in")):
            _sign_in(name.strip()[:60], password, password_hash)
    return None


def _sign_in(name: str, password: str, password_hash: str) -> None:
    """Check a sign-in, throttled before the (costly) password check; failures go to the audit log."""
    from dashboard import audit, auth

    session = st.session_state
    wait = auth.THROTTLE.wait(session)
    if wait > 0:
        st.error(_("Too many failed sign-ins: try again in {seconds} s.").format(seconds=math.ceil(wait)))
        return
    try:
        auth.check_length(password)
        ok = bool(name) and auth.verify(password, password_hash)
        problem = _("Name and password are both needed, and the password must match.")
    except auth.PasswordTooLong as error:
        ok, problem = (
            False,
            _("Passwords are limited to {limit} bytes (UTF-8); this one has {size}.").format(
                limit=auth.MAX_PASSWORD_BYTES, size=error.size
            ),
        )
    if ok:
        auth.THROTTLE.succeeded(session)
        session._editor = f"app:{name}"
        st.rerun()
    locked = auth.THROTTLE.failed(session)
    with contextlib.closing(cursor()) as con:
        audit.record(con, f"app:{name or '(no name)'}", "sign-in failed", "editor sign-in", None, None)
        if locked:
            minutes = auth.SERVER_LOCKOUT / 60
            audit.record(con, "app", "sign-in locked", f"all sign-ins for {minutes:.0f} minutes", None, None)
    # No data_changed(): failed attempts must not make every open page rerun.
    st.error(problem)


# ---------------------------------------------------------------- language


def interface_language() -> str:
    """Sets this run's language: the link's `lang`, else the session's choice, else the browser's, else English.

    The language is written back into the URL, so a copied or shared link opens in the same language.
    Safe to call more than once a run (the entry point and `page_filters` both do)."""
    state = st.session_state
    asked = st.query_params.get("lang")
    if (asked is None or asked != state.get("_lang_written")) and not _late_echo(asked, state.get("_langs_before", ())):
        chosen = asked.strip().casefold() if asked else None
        if chosen in i18n.LANGUAGES:
            state._lang = chosen
        elif "_lang" not in state:
            state._lang = _browser_language() or i18n.DEFAULT
        i18n.set_language(state._lang)
        # an unknown value is ignored like other bad link parameters (listed under the page title)
        unknown = asked is not None and chosen not in i18n.LANGUAGES
        state._lang_dropped = [_("unknown language {value}").format(value=repr(asked[:40]))] if unknown else []
    i18n.set_language(state._lang)
    if asked != state._lang:
        st.query_params["lang"] = state._lang_written = state._lang
    state._langs_before = {*state.get("_langs_before", ()), state._lang}
    return state._lang


def _late_echo(value, earlier) -> bool:
    """Whether this run's link shows `value` only because the browser had not yet got the link of
    the session's last run: a quick second change is sent with the link from before the first
    change's run reached the browser. `earlier` holds what the session's runs had before; only the
    browser's back and forward buttons really go back to one of them."""
    return value in earlier and not get_script_run_ctx().is_history_navigation


def _browser_language() -> str | None:
    return i18n.parse_language(st.context.locale) or i18n.from_accept_language(
        st.context.headers.get("Accept-Language")
    )


def _switch_language() -> None:
    state = st.session_state
    state._lang = state.f_lang
    st.query_params["lang"] = state._lang_written = state._lang


def _language_switch() -> None:
    st.session_state.f_lang = i18n.language()
    st.sidebar.selectbox(
        ":material/translate: " + _("Language"),
        i18n.LANGUAGES,
        key="f_lang",
        format_func=i18n.NATIVE_NAMES.get,
        on_change=_switch_language,
    )


# ---------------------------------------------------------------- filters


def _filters_from_widgets() -> Filters:
    state = st.session_state
    return Filters(
        regions=tuple(state.f_regions),
        themes=tuple(state.f_themes),
        date_from=state.f_from,
        date_to=state.f_to,
        event_types=tuple(state.f_types),
        include_demo=state.f_demo,
        statuses=tuple(state.f_statuses),
    )


def _remember_widgets() -> None:
    """Widget callback: the session's filters follow the user's change (runs before the rerun)."""
    st.session_state._filters = _filters_from_widgets()


# Page links a session keeps to tell a late echo of its own link from a new one (bounded: a
# session can change filters for hours).
URLS_REMEMBERED = 50


def _url_key() -> tuple:
    return tuple(sorted((key, tuple(st.query_params.get_all(key))) for key in st.query_params))


def _session_filters() -> tuple[Filters, list[str]]:
    """The session's filters. A new URL (first load, a pasted link, the browser's back and forward
    buttons) sets them; a URL that lost its parameters through sidebar navigation does not, so
    moving between pages keeps the filters. Nor does a late echo of the session's own link, which
    would undo the viewer's last changes (`_late_echo`)."""
    state = st.session_state
    url = _url_key()
    if state.get("_url_seen") != url:
        if not _late_echo(url, state.get("_urls_before", ())) or "_filters" not in state:
            parsed = from_query_params(st.query_params)
            if any(key in st.query_params for key in QUERY_KEYS) or "_filters" not in state:
                state._filters = parsed.filters
            state._url_dropped = parsed.dropped
        _note_url_seen(url)
    return state._filters, state.get("_url_dropped", [])


def _note_url_seen(url: tuple) -> None:
    state = st.session_state
    state._url_seen = url
    state._urls_before = (*(seen for seen in state.get("_urls_before", ()) if seen != url), url)[-URLS_REMEMBERED:]


def _write_url(filters: Filters) -> None:
    wanted = filters.to_query_params()
    normalised = {key: value if isinstance(value, list) else [value] for key, value in wanted.items()}
    kept = {key: st.query_params.get_all(key) for key in st.query_params if key not in QUERY_KEYS}
    current = {key: st.query_params.get_all(key) for key in st.query_params if key in QUERY_KEYS}
    if current != normalised:
        st.query_params.from_dict({**kept, **wanted})
    _note_url_seen(_url_key())


MAX_NOTICES = 3


def plain(text: str, limit: int = 40) -> str:
    """Text from outside (a URL, a report) for a Markdown element, shown as it is: on one line,
    shortened, inside a code span. Backslash escapes are not enough: Streamlit's Markdown still
    turns `https://...` in text into a link, but never inside code."""
    text = " ".join(str(text).split()).replace("`", "'")
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"`{text}`" if text else "` `"


def page_filters(summary_query: Callable[[Filters], str] | None = None) -> Filters:
    """The sidebar filters, synced both ways with the URL; call once at the top of each page.

    `summary_query`: the page reads the row of this query for the filters (`metrics.headline_query_name`,
    the Overview's tiles, or `metrics.participation_query_name`), which counts the events and demo events
    in view; the demo note reads that row too, one query fewer per new view."""
    _require_store()
    st.session_state._data_version = _DataVersion.value  # this run reads the data as it is now
    interface_language()
    filters, dropped = _session_filters()
    dropped = dropped + st.session_state.get("_lang_dropped", [])
    state = st.session_state
    # Widgets are drawn from the session's filters on every page, so each page shows the same ones.
    state.f_regions = list(filters.regions)
    state.f_themes = list(filters.themes)
    state.f_from = filters.date_from
    state.f_to = filters.date_to
    state.f_types = list(filters.event_types)
    state.f_demo = filters.include_demo
    state.f_statuses = list(filters.statuses)
    sidebar = st.sidebar
    _language_switch()
    sidebar.header(_("Filters"))
    sidebar.multiselect(
        _("Regions"),
        reference.region_names(),
        key="f_regions",
        format_func=i18n.region_label,
        placeholder=_("All regions"),
        on_change=_remember_widgets,
    )
    sidebar.multiselect(
        _("Themes"),
        reference.theme_ids(),
        key="f_themes",
        format_func=i18n.theme_label,
        placeholder=_("All themes"),
        on_change=_remember_widgets,
    )
    left, right = sidebar.columns(2)
    left.date_input(_("From"), key="f_from", format="YYYY-MM-DD", on_change=_remember_widgets)
    right.date_input(_("To"), key="f_to", format="YYYY-MM-DD", on_change=_remember_widgets)
    sidebar.multiselect(
        _("Event types"),
        list(reference.event_type_labels()),
        key="f_types",
        format_func=i18n.event_type_label,
        placeholder=_("All event types"),
        on_change=_remember_widgets,
    )
    sidebar.multiselect(
        _("Follow-up status"),
        list(outcome_statuses()),
        key="f_statuses",
        format_func=i18n.status_label,
        placeholder=_("All statuses"),
        help=_("What became of a proposal; narrows the proposals on the Outcomes and Proposals pages"),
        on_change=_remember_widgets,
    )
    sidebar.toggle(
        _("Include demo data"),
        key="f_demo",
        help=_("Synthetic records made for trying the dashboard"),
        on_change=_remember_widgets,
    )
    if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
        sidebar.warning(_("'From' is after 'To': dates ignored."))
        filters = filters.with_(date_from=None, date_to=None)
    _write_url(filters)
    if dropped:
        shown = [plain(item, 60) for item in dropped[:MAX_NOTICES]]
        more = _("; and {count} more").format(count=len(dropped) - MAX_NOTICES) if len(dropped) > MAX_NOTICES else ""
        st.caption(_("Ignored in the link: {problems}").format(problems="; ".join(shown) + more))
    _link_to_view(filters)
    _demo_note(filters, summary_query)
    with st.sidebar:
        _follow_data_changes()
    return filters


def tile_columns(count: int, per_row: int = 3) -> list:
    """Places for `count` metric tiles, `per_row` to a row: six in one row cut the longer Russian and
    Kyrgyz labels ("Доля выполненных предложе…"), as Streamlit keeps a tile's label on one line. One
    set of columns, each holding its tiles one under the other, draws the same grid as a set of
    columns per row with fewer elements (each costs the server ≈ 0.1 ms a run with 20 viewers)."""
    columns = st.columns(per_row)
    return [columns[index % per_row] for index in range(count)]


def outcome_statuses() -> dict[str, str]:
    from dashboard.outcomes import STATUSES

    return STATUSES


def _link_to_view(filters: Filters) -> None:
    from urllib.parse import urlencode

    query_string = urlencode({**filters.to_query_params(), "lang": i18n.language()}, doseq=True)
    page_url = (st.context.url or "").split("?")[0]
    with st.sidebar.popover(_("Copy link to this view"), width="stretch"):
        st.caption(_("This link opens this page with these filters and this language (copy button on the right):"))
        st.code(f"{page_url}?{query_string}", language=None, wrap_lines=True)


def _demo_note(filters: Filters, summary_query: Callable[[Filters], str] | None) -> None:
    counts = query(summary_query(filters) if summary_query else "demo_share", filters)
    if counts.empty:
        return
    row = counts.iloc[0]
    demo, total = int(row["demo_events"]), int(row["events"])
    if demo and filters.include_demo:
        st.info(
            i18n.ngettext(
                "Demo data: {demo} of the {total} event shown is a synthetic record made for trying the dashboard, "
                "not a real report. Switch off 'Include demo data' in the sidebar to see real reports only.",
                "Demo data: {demo} of the {total} events shown are synthetic records made for trying the dashboard, "
                "not real reports. Switch off 'Include demo data' in the sidebar to see real reports only.",
                total,
            ).format(demo=i18n.number(demo), total=i18n.number(total)),
            icon=":material/science:",
        )


def event_url(event_id: int, filters: Filters) -> str:
    """The Events page's view of one event with the current filters; relative, so it works under any base path."""
    return f"events?event={int(event_id)}{_view_query(filters)}"


@functools.lru_cache(maxsize=64)
def _view_query(filters: Filters) -> str:
    """The filters' part of an event link, encoded once for a table's hundreds of links."""
    encoded = urlencode(filters.to_query_params(), doseq=True)
    return f"&{encoded}" if encoded else ""

"""The first page sooner: on a first start the server builds the store before any viewer connects,
and the browser starts on plotly's renderer while the server still works.

Streamlit runs the app's script only when a viewer's session connects. Started by `streamlit run
streamlit_app.py` (an `st.App` whose lifespan is `at_server_start`), the server builds a missing
store in a thread at start, while the viewer's browser is still loading Streamlit's frontend; once
the first page has run, the server's long-lived objects are frozen out of the garbage collector's
sight (`freeze_once`).

Streamlit's frontend loads its plotly chart module (4.7 MB of JavaScript, plotly.js inside) only
when the first chart arrives, and compiling it takes the browser seconds. The entry point calls
`load_chart_renderer()` before anything else, so the browser fetches and compiles that module
while the server imports, opens the store and runs the page's queries; the first chart is then
drawn as soon as it arrives. The module is the very one Streamlit loads later (same URL), so the
browser does the work once. In a cold server, the first run also sends a hidden blank chart before
its imports (`draw_hidden_chart`), so the browser sets up Streamlit's chart component meanwhile too.

Imported first by streamlit_app.py: it stays light (streamlit and the standard library only;
plotly only for the hidden chart).
"""

import ast
import contextlib
import functools
import gc
import importlib
import inspect
import logging
import re
import sys
import threading
from pathlib import Path

import streamlit as st

from dashboard import rerun_race
from dashboard.config import PROJECT_ROOT, database_path

log = logging.getLogger(__name__)
# A page run waits at most this long for the warm-up's imports (they take about a second).
IMPORTS_WAIT_SECONDS = 60.0
_server = threading.Event()  # set by the lifespan: this process is `streamlit run`'s server
_started = threading.Event()
_imported = threading.Event()
_frozen = threading.Event()
_freeze_lock = threading.Lock()
_import_lock = threading.Lock()
_first_page: list[str] = []  # the default page, named by the lifespan

_STATIC_JS = Path(st.__file__).parent / "static" / "static" / "js"
# The module is a file beside the frontend's entry script (static/js/index.*.js); resolving its
# name against that script's address works under any page path and base URL path.
_LOAD = """<script type="module" data-chart-renderer>
const entry = document.querySelector('script[type="module"][src*="static/js/index."]');
if (entry) import(new URL("{module}", entry.src).href).catch(() => {{}});
</script>"""
# The hidden chart's element key; Streamlit gives its container the CSS class st-key-<key>.
WARM_UP_CHART_KEY = "chart-renderer-warm-up"
# Hides the loader, the hidden chart and itself. Sent as markdown, which Streamlit's frontend draws
# with what it has loaded at start (st.html and charts wait for modules of their own), so the rules
# are in the page before either element takes room or shows.
_HIDE = f"""<style data-warm-up>
[data-testid="stElementContainer"]:has(style[data-warm-up]),
[data-testid="stElementContainer"]:has(script[data-chart-renderer]) {{ display: none; }}
.st-key-{WARM_UP_CHART_KEY} {{ position: absolute; width: 640px; height: 0; overflow: hidden; visibility: hidden; }}
</style>"""


@functools.cache
def chart_module() -> str | None:
    """File name of the installed Streamlit's plotly chart module, or None when there is not exactly one."""
    found = [path.name for path in _STATIC_JS.glob("PlotlyChart.*.js")]
    if len(found) == 1 and re.fullmatch(r"PlotlyChart\.[\w-]+\.js", found[0]):
        return found[0]
    return None


def load_chart_renderer() -> None:
    """Have the viewer's browser load the chart module now (an invisible element; nothing without it),
    and hide that element and the hidden chart (`draw_hidden_chart`)."""
    st.markdown(_HIDE, unsafe_allow_html=True)
    module = chart_module()
    if module:
        st.html(_LOAD.format(module=module), unsafe_allow_javascript=True)


def is_cold() -> bool:
    """Whether this page run is to import the app's modules (the server's first), which takes a second."""
    return "dashboard.ui" not in sys.modules


def draw_hidden_chart(cold: bool):
    """On the first run in a cold server (`is_cold`), a tiny blank chart the viewer never sees (one bar,
    line and heatmap trace), sent before the run's imports: the browser sets up Streamlit's chart
    component for it (and draws it if it has time) while the server still imports and queries, so
    this one-time work is done before the page's charts arrive (launch → first chart drawn 7.9 →
    7.0 s, medians of 6, at 100,000 events on a busy machine). The rule hiding it is drawn a moment
    after it arrives; in a warm server the page would follow within that moment, so nothing is sent
    there. Returns the chart's slot, to be emptied at the end of the run: it is there on every run,
    so the page's elements keep their places from one run to the next."""
    slot = st.empty()
    if cold:
        import plotly.graph_objects as go

        # Blank even where shown: Streamlit may give the element room before the rule hiding it applies.
        figure = go.Figure([go.Bar(x=[0], y=[1]), go.Scatter(x=[0], y=[1]), go.Heatmap(z=[[1]], showscale=False)])
        figure.update_traces(opacity=0)
        figure.update_layout(paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)", showlegend=False)
        figure.update_xaxes(visible=False).update_yaxes(visible=False)
        slot.plotly_chart(figure, key=WARM_UP_CHART_KEY, config={"displayModeBar": False})
    return slot


def page_modules(page: Path) -> list[str]:
    """The modules a page script imports at its top level, in its order."""
    modules = []
    for node in ast.parse(page.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Import):
            modules += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            modules.append(node.module)
    return modules


def import_first_page(first_page: str) -> None:
    for module in ["dashboard.ui", *page_modules(PROJECT_ROOT / first_page)]:
        importlib.import_module(module)


def warm(first_page: str) -> None:
    """What the first page run would pay for: the first page's imports (pandas, plotly, DuckDB, the
    charts' template), the sidebar's lists, then the store opened (built on a first start).
    A failure is logged and left to the page run, which says it to the viewer."""
    try:
        import_first_page(first_page)
        from dashboard import reference, ui

        reference.region_names(), reference.theme_ids(), reference.event_type_labels(), ui.outcome_statuses()
        # Streamlit's first element in a process asks inspect.stack() whether it runs in a REPL, which
        # maps every loaded module to its file once (0.3 s with these imports): done here, not by a page.
        inspect.stack()
    except Exception:  # noqa: BLE001 (the page run imports them again and shows the error)
        log.exception("warm-up: importing the first page's modules failed")
    finally:
        _imported.set()
    try:
        from dashboard import ui

        ui.open_store()
    except Exception as error:  # noqa: BLE001 (a locked store is told to the viewer by the page run)
        log.warning("warm-up: the store could not be opened now: %s", str(error).splitlines()[0])
    freeze_once()


def at_server_start(first_page: str):
    """An `st.App` lifespan: when the store is still to be built (a first start), the app is warmed in
    a thread at server start (`warm`), since building the store takes longer than the viewer's browser
    takes to load Streamlit's frontend. Otherwise the first page run imports as a script does: warming
    at every start competed with the browser loading the frontend (2 cores, one interpreter), and the
    bench's launch → first chart went from 6.8 to 7.4 s at 100,000 events and to 9.5 s at 1,000,000."""

    @contextlib.asynccontextmanager
    async def lifespan(_app):
        _server.set()
        _first_page.append(first_page)
        rerun_race.install()
        if not database_path().exists():
            _started.set()
            threading.Thread(target=warm, args=(first_page,), name="dashboard-warmup", daemon=True).start()
        yield
        gc.unfreeze()  # the interpreter's cleanup at exit sees everything again

    return lifespan


def freeze_once() -> None:
    """In the server, once its modules are loaded: what lives as long as the server (modules, classes,
    the store's caches) out of the garbage collector's sight. Streamlit collects every generation after
    each page run and each tick of a page's fragment, which held the GIL for 0.15 s each over these
    160,000 objects, for every viewer."""
    with _freeze_lock:
        if not _server.is_set() or _frozen.is_set():
            return
        _frozen.set()
    gc.collect()
    gc.freeze()


def wait_for_imports() -> None:
    """Called by the script before its own imports: a page run that starts while the warm-up imports
    waits for it rather than importing the same modules at the same time. Page runs of viewers who
    arrive together at a cold server import one at a time: two threads importing numpy at once can
    each find the other's half-made module ("partially initialized module 'numpy' has no attribute
    'ndarray'", seen with 20 sessions connecting at once)."""
    if _started.is_set():
        if not _imported.wait(IMPORTS_WAIT_SECONDS):
            log.warning("warm-up: imports not done after %.0f s; the page run goes on", IMPORTS_WAIT_SECONDS)
        return
    if is_cold() and _first_page:
        with _import_lock:
            import_first_page(_first_page[0])

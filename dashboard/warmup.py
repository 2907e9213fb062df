"""The first page sooner: the browser starts on plotly's renderer while the server still works.

Streamlit's frontend loads its plotly chart module (4.7 MB of JavaScript, plotly.js inside) only
when the first chart arrives, and compiling it takes the browser seconds. The entry point calls
`load_chart_renderer()` before anything else, so the browser fetches and compiles that module
while the server imports, opens the store and runs the page's queries; the first chart is then
drawn as soon as it arrives. The module is the very one Streamlit loads later (same URL), so the
browser does the work once.

Imported first by streamlit_app.py: it stays light (streamlit and the standard library only).
"""

import functools
import re
from pathlib import Path

import streamlit as st

_STATIC_JS = Path(st.__file__).parent / "static" / "static" / "js"
# The module is a file beside the frontend's entry script (static/js/index.*.js); resolving its
# name against that script's address works under any page path and base URL path.
_LOAD = """<script type="module" data-chart-renderer>
const entry = document.querySelector('script[type="module"][src*="static/js/index."]');
if (entry) import(new URL("{module}", entry.src).href).catch(() => {{}});
</script>
<style>[data-testid="stElementContainer"]:has(script[data-chart-renderer]) {{ display: none; }}</style>"""


@functools.cache
def chart_module() -> str | None:
    """File name of the installed Streamlit's plotly chart module, or None when there is not exactly one."""
    found = [path.name for path in _STATIC_JS.glob("PlotlyChart.*.js")]
    if len(found) == 1 and re.fullmatch(r"PlotlyChart\.[\w-]+\.js", found[0]):
        return found[0]
    return None


def load_chart_renderer() -> None:
    """Have the viewer's browser load the chart module now (an invisible element; nothing without it)."""
    module = chart_module()
    if module:
        st.html(_LOAD.format(module=module), unsafe_allow_javascript=True)

"""Dialogue Outcomes Dashboard: the entry point. It builds the navigation, nothing else
(after having the browser load the chart renderer, see dashboard/warmup.py)."""

import streamlit as st

from dashboard.warmup import load_chart_renderer

load_chart_renderer()  # first: the browser loads the chart renderer while the imports below run

from dashboard.i18n import _  # noqa: E402
from dashboard.ui import interface_language  # noqa: E402

interface_language()  # before the titles below: they are in the viewer's language
PAGES = [
    st.Page("dashboard/pages/overview.py", default=True, title=_("Overview"), icon=":material/dashboard:"),
    st.Page("dashboard/pages/participation.py", title=_("Participation"), icon=":material/groups:"),
    st.Page("dashboard/pages/themes.py", title=_("Themes"), icon=":material/category:"),
    st.Page("dashboard/pages/proposals.py", title=_("Proposals"), icon=":material/forum:", url_path="proposals"),
    st.Page("dashboard/pages/outcomes.py", title=_("Outcomes"), icon=":material/task_alt:", url_path="outcomes"),
    st.Page("dashboard/pages/events.py", title=_("Events"), icon=":material/event:", url_path="events"),
    st.Page("dashboard/pages/data.py", title=_("Data"), icon=":material/upload_file:", url_path="data"),
    st.Page("dashboard/pages/briefing.py", title=_("Briefing"), icon=":material/slideshow:"),
]

st.set_page_config(page_title=_("Dialogue Outcomes Dashboard"), layout="wide")
st.navigation(PAGES).run()

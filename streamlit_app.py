"""Dialogue Outcomes Dashboard: the entry point.

Run as the app's script (each page run), it builds the navigation, nothing else, after having the
browser load the chart renderer. Imported by `streamlit run streamlit_app.py` to start the server,
it gives the server (`app`, an `st.App`) its warm-up at start: see dashboard/warmup.py.
"""

import streamlit as st

from dashboard import run_queue, warmup

if __name__ != "__main__":  # `streamlit run` imports this file for its server; page runs are `__main__`
    app = st.App(__file__, lifespan=warmup.at_server_start("dashboard/pages/overview.py"))
else:
    warmup.load_chart_renderer()  # first: the browser loads the chart renderer while the imports below run
    hidden_chart = warmup.draw_hidden_chart(warmup.is_cold())
    warmup.wait_for_imports()

    from dashboard.i18n import _
    from dashboard.ui import interface_language

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
    try:
        with run_queue.turn:
            st.navigation(PAGES).run()
    finally:
        hidden_chart.empty()
    warmup.freeze_once()  # after the first page, in the server: see dashboard/warmup.py

"""Dialogue Outcomes Dashboard: the entry point. It builds the navigation, nothing else."""

import streamlit as st

PAGES = [
    st.Page("dashboard/pages/overview.py", title="Overview", icon=":material/dashboard:", default=True),
    st.Page("dashboard/pages/participation.py", title="Participation", icon=":material/groups:"),
    st.Page("dashboard/pages/themes.py", title="Themes", icon=":material/category:"),
    st.Page("dashboard/pages/proposals.py", title="Proposals", icon=":material/forum:", url_path="proposals"),
    st.Page("dashboard/pages/outcomes.py", title="Outcomes", icon=":material/task_alt:", url_path="outcomes"),
    st.Page("dashboard/pages/events.py", title="Events", icon=":material/event:", url_path="events"),
    st.Page("dashboard/pages/data.py", title="Data", icon=":material/upload_file:", url_path="data"),
    st.Page("dashboard/pages/briefing.py", title="Briefing", icon=":material/slideshow:"),
]

st.set_page_config(page_title="Dialogue Outcomes Dashboard", layout="wide")
st.navigation(PAGES).run()

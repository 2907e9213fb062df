"""Dialogue Outcomes Dashboard: the entry point. It builds the navigation, nothing else."""

import streamlit as st

PAGES = [
    st.Page("dashboard/pages/overview.py", title="Overview", icon="📊", default=True),
    st.Page("dashboard/pages/briefing.py", title="Briefing", icon="📑"),
]

st.set_page_config(page_title="Dialogue Outcomes Dashboard", layout="wide")
st.navigation(PAGES).run()

"""Dialogue Outcomes Dashboard: the entry point. It builds the navigation, nothing else."""

import streamlit as st

PAGES = [
    st.Page("dashboard/pages/overview.py", title="Overview", icon="📊", default=True),
    st.Page("dashboard/pages/proposals.py", title="Proposals", icon="💬", url_path="proposals"),
    st.Page("dashboard/pages/events.py", title="Events", icon="📅", url_path="events"),
    st.Page("dashboard/pages/data.py", title="Data", icon="🗂️", url_path="data"),
]

st.set_page_config(page_title="Dialogue Outcomes Dashboard", layout="wide")
st.navigation(PAGES).run()

"""Themes: what the proposals are about in each region, one region against the rest, and a
tile-grid map of the regions."""

import streamlit as st

from dashboard import reference
from dashboard.charts.themes import region_tile_map, region_vs_rest_bar, theme_region_heatmap
from dashboard.ui import page_filters, query

QUERIES = ["proposals_by_theme_region", "theme_share_region_vs_rest", "proposals_by_region"]
DEFAULT_FOCUS = "Batken"
MEASURES = {"Counts": "count", "Share of the region's proposals (%)": "share"}


def main() -> None:
    filters = page_filters()
    st.title("Themes")
    scope = filters.describe()
    st.caption(f"Showing: {scope}")

    choice = st.radio("Show", list(MEASURES), horizontal=True, key="theme_measure")
    heatmap = theme_region_heatmap(query("proposals_by_theme_region", filters), scope, MEASURES[choice])
    st.plotly_chart(heatmap, width="stretch")
    st.caption(
        "A proposal with two themes counts once for each. Shares are of all the region's proposals "
        "under the other filters, so a theme filter narrows the rows shown, not the total."
    )

    st.subheader("This region against the rest")
    names = list(reference.region_names())
    default = filters.regions[0] if filters.regions else DEFAULT_FOCUS
    focus = st.selectbox("Region", names, index=names.index(default), key="theme_focus")
    against = query("theme_share_region_vs_rest", {**filters.params(), "focus_region": focus})
    st.plotly_chart(region_vs_rest_bar(against, scope, focus), width="stretch")
    if not against.empty and not against["in_focus"].any():
        st.caption(f"{focus} has no proposals in the filtered view; widen the region filter to compare it.")

    st.subheader("Map of the regions")
    one_theme = filters.themes[0] if len(filters.themes) == 1 else None
    st.plotly_chart(region_tile_map(query("proposals_by_region", filters), scope, one_theme), width="stretch")
    st.caption(
        "Each tile is a region, placed roughly where it lies. "
        + (
            "Colour: share of the region's proposals on the filtered theme."
            if one_theme
            else "Colour: number of proposals (filter one theme to see its share instead)."
        )
    )


main()

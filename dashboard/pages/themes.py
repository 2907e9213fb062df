"""Themes: what the proposals are about in each region, one region against the rest, and a
tile-grid map of the regions."""

import streamlit as st

from dashboard import drilldown, i18n, reference
from dashboard.charts.themes import region_tile_map, region_vs_rest_bar, theme_region_heatmap
from dashboard.i18n import N_, _
from dashboard.ui import page_filters, query, start

DEFAULT_FOCUS = "Batken"
MEASURES = {N_("Counts"): "count", N_("Share of the region's proposals (%)"): "share"}  # options: msgids


def main() -> None:
    filters = page_filters()
    st.title(_("Themes"))
    scope = filters.describe()
    st.caption(_("Showing: {filters}").format(filters=scope))

    cells = start("proposals_by_theme_region", filters)
    tiles = start("proposals_by_region", filters)
    events = drilldown.events_in_view(filters)
    choice = st.radio(_("Show"), list(MEASURES), format_func=_, horizontal=True, key="theme_measure")
    cells = cells.result()
    shares = MEASURES[choice] == "share"
    heatmap = theme_region_heatmap(cells, scope, MEASURES[choice])
    drilldown.chart(
        heatmap,
        "themes_heatmap",
        filters,
        data=cells,
        shares=shares,
        events=events,
        share_groups=("region", "region_events"),
    )
    st.caption(
        _(
            "A proposal with two themes counts once for each. Shares are of all the region's proposals "
            "under the other filters, so a theme filter narrows the rows shown, not the total."
        )
    )

    st.subheader(_("This region against the rest"))
    names = list(reference.region_names())
    default = filters.regions[0] if filters.regions else DEFAULT_FOCUS
    focus = st.selectbox(
        _("Region"), names, index=names.index(default), format_func=i18n.region_label, key="theme_focus"
    )
    against = query("theme_share_region_vs_rest", {**filters.params(), "focus_region": focus})
    drilldown.chart(
        region_vs_rest_bar(against, scope, focus),
        "themes_focus",
        filters,
        data=against,
        shares=True,
        events=events,
        share_groups=("side", "side_events"),
    )
    if not against.empty and not against["in_focus"].any():
        st.caption(
            _("{region} has no proposals in the filtered view; widen the region filter to compare it.").format(
                region=i18n.region_label(focus)
            )
        )

    st.subheader(_("Map of the regions"))
    one_theme = filters.themes[0] if len(filters.themes) == 1 else None
    tiles = tiles.result()
    drilldown.chart(
        region_tile_map(tiles, scope, one_theme),
        "themes_map",
        filters,
        data=tiles,
        shares=bool(one_theme),
        events=events,
        share_groups=("region", "events"),
    )
    st.caption(
        _("Each tile is a region, placed roughly where it lies.")
        + " "
        + (
            _("Colour: share of the region's proposals on the filtered theme.")
            if one_theme
            else _("Colour: number of proposals (filter one theme to see its share instead).")
        )
    )


main()

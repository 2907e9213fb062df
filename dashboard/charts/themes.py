"""Charts for the Themes page: what proposals are about, where."""

import pandas as pd
import plotly.graph_objects as go

from dashboard import i18n, reference
from dashboard.charts import (
    PALETTE,
    SEQUENTIAL,
    TEMPLATE,
    Bar,
    Figure,
    Heatmap,
    click_targets,
    drill_key,
    empty_figure,
    localised,
    titled,
)
from dashboard.charts.cache import cached_figure
from dashboard.i18n import N_, _, ngettext

MEASURES = {"count": N_("Proposals"), "share": N_("Share of the region's proposals (%)")}  # shown with _()
NOT_STATED = N_("Region not stated")
OTHERS = N_("All other regions")  # the side the SQL names for the rest of the country


def _region(name: str) -> str:
    return _(name) if name in (NOT_STATED, OTHERS) else i18n.region_label(name)


def _region_order(names) -> list[str]:
    """Regions in the reference order, anything else (e.g. 'Region not stated') after them."""
    present = set(names)
    known = [name for name in reference.region_names() if name in present]
    return known + sorted(present - set(known))


@cached_figure
def theme_region_heatmap(frame: pd.DataFrame, scope: str, measure: str = "count") -> go.Figure:
    """Themes (rows) by regions (columns), as counts or as a share of each region's proposals."""
    title = (
        _("Proposals by theme and region (share of the region's proposals)")
        if measure == "share"
        else _("Proposals by theme and region")
    )
    if frame.empty:
        return empty_figure(title, scope)
    labels = i18n.labels("theme")
    column = "proposals" if measure == "count" else "share"
    present = set(frame["theme_id"])  # once: a set per theme was a third of the figure's cost
    themes = [theme for theme in reference.theme_ids() if theme in present]
    regions = _region_order(frame["region"].unique())

    def pivot(values: str) -> pd.DataFrame:
        # groupby + unstack: pivot_table's table at a third of its cost, twice per figure.
        table = frame.groupby(["theme_id", "region"])[values].sum().unstack(fill_value=0)
        return table.reindex(index=themes, columns=regions, fill_value=0)

    grid, counts = pivot(column), pivot("proposals")
    # Region names on top are slanted when long (Russian and Kyrgyz ones are): room for them under the title.
    longest = max((len(_region(region)) for region in regions), default=0)
    top = 90 + (4 * longest if longest > 10 else 0)
    # Cell values by (theme, region) read once: a .loc lookup per cell cost more than the figure.
    values, count_of = grid.stack().to_dict(), counts.stack().astype(int).to_dict()
    cells = [(theme, region) for theme in themes for region in regions if count_of[theme, region] > 0]
    shown = {
        (theme, region): _("{percent} of the region's proposals").format(
            percent=i18n.percent(values[theme, region] / 100, 1)
        )
        if measure == "share"
        else ngettext("{count} proposal", "{count} proposals", count_of[theme, region]).format(
            count=i18n.number(count_of[theme, region])
        )
        for theme, region in cells
    }
    targets = click_targets(
        [_region(region) for _theme, region in cells],
        [labels.get(theme, theme) for theme, _region_name in cells],
        [
            drill_key(
                "proposals",
                _("{theme} proposals in {region}").format(theme=labels.get(theme, theme), region=_region(region)),
                region=region,
                themes=[theme],
            )
            for theme, region in cells
        ],
        [
            _("{theme} in {region}: {value}").format(
                theme=labels.get(theme, theme), region=_region(region), value=shown[theme, region]
            )
            for theme, region in cells
        ],
    )
    # graph_objects, not px.imshow (a fraction of the time), drawn as px.imshow drew it. The click
    # targets carry the hover text, so a cell shows one label, not two. Traces and layout in the
    # constructor: add_trace checks the trace again and update_xaxes walks the figure (≈2 ms a call).
    figure = Figure(
        data=[
            Heatmap(
                z=grid.to_numpy(),
                x=[_region(region) for region in regions],
                y=[labels.get(theme, theme) for theme in themes],
                coloraxis="coloraxis",
                name="0",
                texttemplate="%{z}" if measure == "count" else "%{z:.1f}",
                hoverinfo="skip",
            ),
            targets,
        ],
        layout={
            "template": TEMPLATE,
            "title": {"text": titled(title, scope)},
            "coloraxis": {
                "colorbar": {"title": {"text": _(MEASURES[measure])}},
                "colorscale": SEQUENTIAL,
                "autocolorscale": False,
            },
            "xaxis": {"title": {"text": _("Region")}, "side": "top"},
            "yaxis": {"autorange": "reversed", "title": {"text": _("Theme")}},
            "height": max(420, 36 * len(grid) + 200 + top - 90),
            "margin": {"t": top},
        },
    )
    return localised(figure)


@cached_figure
def region_vs_rest_bar(frame: pd.DataFrame, scope: str, focus: str) -> go.Figure:
    """Grouped bars: each theme's share of the proposals in `focus` and in all other regions."""
    place = _region(focus)
    title = _("Themes in {region} against all other regions (share of each side's proposals)").format(region=place)
    if frame.empty:
        return empty_figure(title, scope)
    labels = i18n.labels("theme")
    data = frame.assign(
        theme=frame["theme_id"].map(lambda theme: labels.get(theme, theme)), side=frame["side"].map(_region)
    )
    data["drill"] = [
        drill_key(
            "proposals",
            (_("{theme} proposals in {region}") if in_focus else _("{theme} proposals outside {region}")).format(
                theme=theme, region=place
            ),
            themes=[theme_id],
            **({"region": focus} if in_focus else {"not_region": focus}),
        )
        for theme_id, theme, in_focus in zip(data["theme_id"], data["theme"], data["in_focus"], strict=True)
    ]
    order = [labels.get(theme, theme) for theme in reference.theme_ids()]
    # graph_objects, not plotly express (a fraction of the time), drawn as px.bar drew it: one
    # trace per side, the region first; each side keeps its colour when the other has no bars.
    hover = (
        "{where}={side}<br>{share}=%{{x:.1f}}<br>{theme}=%{{y}}<br>{proposals}=%{{customdata[1]:,}}"
        "<br>{all}=%{{customdata[2]:,}}<extra></extra>"
    )
    words = {
        "where": _("Where"),
        "share": _("Share of proposals (%)"),
        "theme": _("Theme"),
        "proposals": _("Proposals with this theme"),
        "all": _("All proposals"),
    }
    # Columns read once and split by mask: a boolean filter of the frame per side cost more than its bars.
    sides, shares, themes = (data[column].to_numpy() for column in ("side", "share", "theme"))
    details = data[["drill", "proposals", "side_proposals", "in_focus"]].to_numpy(dtype=object)
    traces = []
    for side, colour in ((place, PALETTE[1]), (_(OTHERS), PALETTE[0])):
        mask = sides == side
        if not mask.any():
            continue
        traces.append(
            Bar(
                x=shares[mask],
                y=themes[mask],
                customdata=details[mask],
                orientation="h",
                name=side,
                legendgroup=side,
                offsetgroup=side,
                alignmentgroup="True",
                marker={"color": colour},
                hovertemplate=hover.format(side=side, **words),
            )
        )
    figure = Figure(
        data=traces,
        layout={
            "template": TEMPLATE,
            "title": {"text": titled(title, scope)},
            "xaxis": {"title": {"text": words["share"]}, "ticksuffix": i18n.percent_suffix()},
            "yaxis": {"title": {"text": words["theme"]}, "categoryorder": "array", "categoryarray": order[::-1]},
            "legend": {"title": {"text": words["where"]}, "tracegroupgap": 0},
            "barmode": "group",
            "height": max(420, 44 * data["theme"].nunique() + 180),
        },
    )
    return localised(figure)


@cached_figure
def region_tile_map(frame: pd.DataFrame, scope: str, theme: str | None = None) -> go.Figure:
    """One square tile per region at its (grid_row, grid_col), coloured by proposals, or by
    the share of the region's proposals carrying `theme` when one theme is given."""
    measure = "share" if theme else "proposals"
    theme_label = i18n.theme_label(theme) if theme else ""
    title = (
        _("Share of proposals on {theme} by region").format(theme=theme_label) if theme else _("Proposals by region")
    )
    if frame.empty or frame.loc[frame["in_view"], "all_proposals"].sum() == 0:
        return empty_figure(title, scope)
    rows, cols = int(frame["grid_row"].max()) + 1, int(frame["grid_col"].max()) + 1
    # Two layers: grey tiles for regions the filter leaves out, coloured tiles for the rest.
    # Empty squares get empty text: plotly writes "null" where a cell's text is missing.
    layers = {
        kind: {
            key: [[blank] * cols for _ in range(rows)] for key, blank in (("z", None), ("text", ""), ("hovertext", ""))
        }
        for kind in "io"
    }
    for tile in frame.itertuples():
        row, col = int(tile.grid_row), int(tile.grid_col)
        region = _region(tile.region)
        if not tile.in_view:
            layer, value, shown = layers["o"], 0, _("not selected")
            hover = _("{region}: outside the region filter").format(region=region)
        elif measure == "share":
            layer, value = layers["i"], None if pd.isna(tile.theme_share) else float(tile.theme_share)
            shown = _("no proposals") if value is None else i18n.percent(value / 100, 1)
            hover = _("{region}: {count} of {total} proposals ({share})").format(
                region=region,
                count=i18n.number(tile.proposals),
                total=i18n.number(tile.all_proposals),
                share=shown,
            )
        else:
            layer, value, shown = layers["i"], int(tile.proposals), i18n.number(int(tile.proposals))
            hover = ngettext("{region}: {count} proposal", "{region}: {count} proposals", value).format(
                region=region, count=shown
            )
        layer["z"][row][col] = value
        layer["text"][row][col] = f"{region}<br>{shown}"
        layer["hovertext"][row][col] = hover
    common = {"texttemplate": "%{text}", "xgap": 6, "ygap": 6}
    grey = [[0, "#EEEEEE"], [1, "#EEEEEE"]]
    legend = _("Share (%)") if measure == "share" else _("Proposals")
    clickable = frame[frame["in_view"]]
    # Traces and layout in the constructor: add_trace, update and update_layout each walk the figure.
    figure = Figure(
        data=[
            Heatmap(
                **layers["o"],
                colorscale=grey,
                showscale=False,
                name=_("Not selected"),
                hovertemplate="%{hovertext}<extra></extra>",
                **common,
            ),
            Heatmap(
                **layers["i"],
                colorscale=SEQUENTIAL,
                zmin=0,
                zmax=max([value for row in layers["i"]["z"] for value in row if value is not None], default=0) or 1,
                name=legend,
                colorbar={"title": {"text": legend}},
                hoverinfo="skip",  # the click targets carry its hover text
                **common,
            ),
            click_targets(
                [int(col) for col in clickable["grid_col"]],
                [int(row) for row in clickable["grid_row"]],
                [
                    drill_key("proposals", _("proposals in {region}").format(region=_region(region)), region=region)
                    for region in clickable["region"]
                ],
                [
                    layers["i"]["hovertext"][int(row)][int(col)]
                    for row, col in zip(clickable["grid_row"], clickable["grid_col"], strict=True)
                ],
                size=60,
            ),
        ],
        layout={
            "template": TEMPLATE,
            "title": {"text": titled(title, scope)},
            "height": 140 * rows + 160,
            "xaxis": {"visible": False, "constrain": "domain"},
            "yaxis": {"visible": False, "autorange": "reversed", "scaleanchor": "x"},
        },
    )
    return localised(figure)

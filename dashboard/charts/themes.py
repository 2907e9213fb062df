"""Charts for the Themes page: what proposals are about, where."""

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from dashboard import reference
from dashboard.charts import PALETTE, SEQUENTIAL, TEMPLATE, click_targets, drill_key, empty_figure, titled
from dashboard.charts.cache import cached_figure

MEASURES = {"count": "Proposals", "share": "Share of the region's proposals (%)"}


def _region_order(names) -> list[str]:
    """Regions in the reference order, anything else (e.g. 'Region not stated') after them."""
    known = [name for name in reference.region_names() if name in set(names)]
    return known + sorted(set(names) - set(known))


@cached_figure
def theme_region_heatmap(frame: pd.DataFrame, scope: str, measure: str = "count") -> go.Figure:
    """Themes (rows) by regions (columns), as counts or as a share of each region's proposals."""
    title = "Proposals by theme and region" + (" (share of the region's proposals)" if measure == "share" else "")
    if frame.empty:
        return empty_figure(title, scope)
    labels = reference.theme_labels()
    column = "proposals" if measure == "count" else "share"
    themes = [theme for theme in reference.theme_ids() if theme in set(frame["theme_id"])]
    regions = _region_order(frame["region"].unique())

    def pivot(values: str) -> pd.DataFrame:
        table = frame.pivot_table(index="theme_id", columns="region", values=values, aggfunc="sum", fill_value=0)
        return table.reindex(index=themes, columns=regions, fill_value=0)

    grid, counts = pivot(column), pivot("proposals")
    figure = px.imshow(
        grid.rename(index=lambda theme: labels.get(theme, theme)),
        text_auto=True if measure == "count" else ".1f",
        aspect="auto",
        color_continuous_scale=SEQUENTIAL,
        template=TEMPLATE,
        title=titled(title, scope),
        labels={"x": "Region", "y": "Theme", "color": MEASURES[measure]},
    )
    # The click targets carry the hover text, so a cell shows one label, not two.
    figure.update_traces(hoverinfo="skip", hovertemplate=None)
    cells = [(theme, region) for theme in themes for region in regions if counts.loc[theme, region] > 0]
    shown = {
        (theme, region): f"{grid.loc[theme, region]:.1f}% of the region's proposals"
        if measure == "share"
        else f"{int(counts.loc[theme, region]):,} proposals"
        for theme, region in cells
    }
    figure.add_trace(
        click_targets(
            [region for _, region in cells],
            [labels.get(theme, theme) for theme, _ in cells],
            [
                drill_key(
                    "proposals", f"{labels.get(theme, theme)} proposals in {region}", region=region, themes=[theme]
                )
                for theme, region in cells
            ],
            [f"{labels.get(theme, theme)} in {region}: {shown[theme, region]}" for theme, region in cells],
        )
    )
    figure.update_xaxes(title="Region", side="top")
    figure.update_yaxes(title="Theme")
    figure.update_layout(height=max(420, 36 * len(grid) + 200))
    return figure


@cached_figure
def region_vs_rest_bar(frame: pd.DataFrame, scope: str, focus: str) -> go.Figure:
    """Grouped bars: each theme's share of the proposals in `focus` and in all other regions."""
    title = f"Themes in {focus} against all other regions (share of each side's proposals)"
    if frame.empty:
        return empty_figure(title, scope)
    labels = reference.theme_labels()
    data = frame.assign(theme=frame["theme_id"].map(lambda theme: labels.get(theme, theme)))
    data["drill"] = [
        drill_key(
            "proposals",
            f"{theme} proposals " + (f"in {focus}" if in_focus else f"outside {focus}"),
            themes=[theme_id],
            **({"region": focus} if in_focus else {"not_region": focus}),
        )
        for theme_id, theme, in_focus in zip(data["theme_id"], data["theme"], data["in_focus"], strict=True)
    ]
    order = [labels.get(theme, theme) for theme in reference.theme_ids()]
    figure = px.bar(
        data,
        x="share",
        y="theme",
        color="side",
        orientation="h",
        barmode="group",
        color_discrete_sequence=[PALETTE[1], PALETTE[0]],
        category_orders={"theme": order, "side": [focus, "All other regions"]},
        template=TEMPLATE,
        title=titled(title, scope),
        labels={
            "share": "Share of proposals (%)",
            "theme": "Theme",
            "side": "Where",
            "proposals": "Proposals with this theme",
            "side_proposals": "All proposals",
        },
        custom_data=["drill"],
        hover_data={"share": ":.1f", "proposals": ":,", "side_proposals": ":,", "in_focus": False},
    )
    figure.update_xaxes(ticksuffix="%")
    figure.update_layout(height=max(420, 44 * data["theme"].nunique() + 180))
    return figure


@cached_figure
def region_tile_map(frame: pd.DataFrame, scope: str, theme: str | None = None) -> go.Figure:
    """One square tile per region at its (grid_row, grid_col), coloured by proposals, or by
    the share of the region's proposals carrying `theme` when one theme is given."""
    measure = "share" if theme else "proposals"
    theme_label = reference.theme_labels().get(theme, theme) if theme else ""
    title = f"Share of proposals on {theme_label} by region" if theme else "Proposals by region"
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
        if not tile.in_view:
            layer, value, shown = layers["o"], 0, "not selected"
            hover = f"{tile.region}: outside the region filter"
        elif measure == "share":
            layer, value = layers["i"], None if pd.isna(tile.theme_share) else float(tile.theme_share)
            shown = "no proposals" if value is None else f"{value:.1f}%"
            hover = f"{tile.region}: {tile.proposals:,} of {tile.all_proposals:,} proposals ({shown})"
        else:
            layer, value, shown = layers["i"], int(tile.proposals), f"{int(tile.proposals):,}"
            hover = f"{tile.region}: {shown} proposals"
        layer["z"][row][col] = value
        layer["text"][row][col] = f"{tile.region}<br>{shown}"
        layer["hovertext"][row][col] = hover
    common = {"texttemplate": "%{text}", "hovertemplate": "%{hovertext}<extra></extra>", "xgap": 6, "ygap": 6}
    figure = go.Figure()
    grey = [[0, "#EEEEEE"], [1, "#EEEEEE"]]
    figure.add_trace(go.Heatmap(**layers["o"], colorscale=grey, showscale=False, name="Not selected", **common))
    figure.add_trace(
        go.Heatmap(
            **layers["i"],
            colorscale=SEQUENTIAL,
            zmin=0,
            zmax=max([value for row in layers["i"]["z"] for value in row if value is not None], default=0) or 1,
            name="Share (%)" if measure == "share" else "Proposals",
            colorbar={"title": {"text": "Share (%)" if measure == "share" else "Proposals"}},
            **common,
        )
    )
    figure.data[1].update(hoverinfo="skip", hovertemplate=None)  # the click targets carry its hover text
    clickable = frame[frame["in_view"]]
    figure.add_trace(
        click_targets(
            [int(col) for col in clickable["grid_col"]],
            [int(row) for row in clickable["grid_row"]],
            [drill_key("proposals", f"proposals in {region}", region=region) for region in clickable["region"]],
            [
                layers["i"]["hovertext"][int(row)][int(col)]
                for row, col in zip(clickable["grid_row"], clickable["grid_col"], strict=True)
            ],
        ).update(marker={"size": 60})
    )
    figure.update_layout(
        template=TEMPLATE,
        title=titled(title, scope),
        height=140 * rows + 160,
        xaxis={"visible": False, "constrain": "domain"},
        yaxis={"visible": False, "autorange": "reversed", "scaleanchor": "x"},
    )
    return figure

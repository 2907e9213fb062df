"""Participation: who took part in the dialogues, by gender, region, over time and by group,
and which events' participation figures need checking."""

import streamlit as st

from dashboard import drilldown
from dashboard.charts import THIN_EVENTS
from dashboard.charts.participation import categories_bar, gender_by_region_bar, women_share_line
from dashboard.downloads import csv_bytes
from dashboard.ui import page_filters, query

TABLE_ROWS = 500


def _problems_table(filters) -> None:
    st.subheader("Participation figures to check")
    problems = query("events_with_participation_problems", filters)
    if problems.empty:
        st.success("Every event in view reports participants with a gender split that adds up.")
        return
    shown = problems.head(TABLE_ROWS)
    st.caption(
        f"{len(problems):,} events in view lack a gender split or have counts that do not add up"
        + (f"; the first {TABLE_ROWS:,} are shown, the download has all." if len(problems) > TABLE_ROWS else ".")
    )
    st.dataframe(
        shown[["title", "event_date", "region", "problem", "total", "women", "men", "parser_warnings"]],
        hide_index=True,
        width="stretch",
        column_config={
            "title": "Event",
            "event_date": st.column_config.DateColumn("Date", format="YYYY-MM-DD"),
            "region": "Region",
            "problem": "Problem",
            "total": st.column_config.NumberColumn("Total"),
            "women": st.column_config.NumberColumn("Women"),
            "men": st.column_config.NumberColumn("Men"),
            "parser_warnings": st.column_config.TextColumn(
                "Parser warning", help="What the parser found in the report but left out as unsure"
            ),
        },
    )
    st.download_button(
        "Download all as CSV",
        csv_bytes(problems),
        file_name="participation_problems.csv",
        mime="text/csv",
    )


def main() -> None:
    filters = page_filters()
    st.title("Participation")
    scope = filters.describe()
    st.caption(f"Showing: {scope}")
    events = drilldown.events_in_view(filters)
    gender = query("participation_by_gender_region", filters)
    drilldown.chart(gender_by_region_bar(gender, scope), "participation_gender", filters, data=gender, events=events)
    target = st.number_input(
        "Parity target (%)",
        min_value=0,
        max_value=100,
        value=50,
        step=5,
        key="parity_target",
        help="Drawn as a dashed line on the chart below",
    )
    share = query("women_share_by_period", filters)
    drilldown.chart(
        women_share_line(share, scope, target), "participation_share", filters, data=share, shares=True, events=events
    )
    st.caption(
        "The share counts only events that report how many women and men took part; "
        "events without a gender split are listed in the table below. "
        f"Hollow points rest on fewer than {THIN_EVENTS} such events."
    )
    groups = query("events_by_participant_category", filters)
    drilldown.chart(categories_bar(groups, scope), "participation_groups", filters, data=groups, events=events)
    _problems_table(filters)


main()

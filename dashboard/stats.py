"""Headline figures of the store under a set of filters (the `stats` command, the Overview tiles)."""

import duckdb

from dashboard import reference
from dashboard.filters import Filters
from dashboard.sql import fetch_all, records


def summary(con: duckdb.DuckDBPyConnection, filters: Filters) -> dict:
    params = filters.params()
    row = records(con, "stats_summary", params)[0]
    by_theme = dict.fromkeys(reference.theme_ids(), 0)
    by_theme.update(dict(fetch_all(con, "proposals_by_theme", params)))
    return {
        "events": row["events"],
        "proposals": row["proposals"],
        "participants_total": int(row["participants_total"]),
        "participants_women": int(row["participants_women"]),
        "participants_men": int(row["participants_men"]),
        "proposals_by_theme": by_theme,
        "demo_events": row["demo_events"],
        "regions_covered": row["regions_covered"],
    }

"""Headline figures of the store under a set of filters (the `stats` command, the Overview tiles)."""

import duckdb

from dashboard import reference
from dashboard.filters import Filters
from dashboard.outcomes import STATUSES
from dashboard.sql import fetch_all, records


def summary(con: duckdb.DuckDBPyConnection, filters: Filters) -> dict:
    params = filters.params()
    row = records(con, "stats_summary", params)[0]
    by_theme = dict.fromkeys(reference.theme_ids(), 0)
    by_theme.update(dict(fetch_all(con, "proposals_by_theme", params)))
    by_status = dict.fromkeys(STATUSES, 0)
    by_status.update(dict(fetch_all(con, "outcomes/proposals_by_status", params)))
    return {
        "events": row["events"],
        # A status filter narrows the proposals counted (the other figures are of events).
        "proposals": sum(by_status.values()) if filters.statuses else row["proposals"],
        "participants_total": int(row["participants_total"]),
        "participants_women": int(row["participants_women"]),
        "participants_men": int(row["participants_men"]),
        "proposals_by_theme": by_theme,
        "demo_events": row["demo_events"],
        "regions_covered": row["regions_covered"],
        "proposals_by_status": by_status,
    }

"""Headline figures of the store under a set of filters (the `stats` command).

The figures are the metrics of dashboard/metrics.py; the older keys name some of them
(`participants_total` is the `participants` metric), `metrics` holds them all by id.
"""

import duckdb

from dashboard import metrics, reference
from dashboard.filters import Filters
from dashboard.outcomes import STATUSES
from dashboard.sql import fetch_all


def summary(con: duckdb.DuckDBPyConnection, filters: Filters) -> dict:
    params = filters.params()
    figures = metrics.compute(con, filters)
    by_theme = dict.fromkeys(reference.theme_ids(), 0)
    by_theme.update(dict(fetch_all(con, "proposals_by_theme", params)))
    by_status = dict.fromkeys(STATUSES, 0)
    by_status.update(dict(fetch_all(con, "outcomes/proposals_by_status", params)))
    return {
        "events": figures["events"],
        # A status filter narrows the proposals counted (the other figures are of events).
        "proposals": figures["proposals"],
        "participants_total": figures["participants"],
        "participants_women": figures["women"],
        "participants_men": figures["men"],
        "proposals_by_theme": by_theme,
        "demo_events": figures.demo_events,
        "regions_covered": figures["regions_covered"],
        "proposals_by_status": by_status,
        **metrics.as_json(figures),
    }

"""Proposal search for the Proposals table: first which proposals match (a page of ids, newest first,
and how many match in all), then those proposals' rows by id, so neither step reads every text."""

from collections.abc import Callable

import pandas as pd

Run = Callable[[str, dict], pd.DataFrame]  # runs a named query with its parameters


def proposal_table(run: Run, filters_params: dict, search: str, limit: int) -> pd.DataFrame:
    """The first `limit` proposals in view whose text contains `search` (any case), with a `matching`
    column: how many match in all."""
    matches = run("proposal_search_matches", {**filters_params, "search": search, "limit": limit})
    ids = {"proposal_ids": [int(pid) for pid in matches["proposal_id"]]}
    rows = run("proposal_rows", {**ids, "event_ids": sorted({int(eid) for eid in matches["event_id"]})})
    return rows.assign(matching=int(matches["matching"].iloc[0]) if len(matches) else 0)

"""Proposal search for the Proposals table: first which proposals match (a page of ids, newest first,
and how many match in all), then those proposals' rows by id, so neither step reads every text."""

from collections.abc import Callable

import pandas as pd

Run = Callable[[str, dict], pd.DataFrame]  # runs a named query with its parameters


def proposal_table(run: Run, filters_params: dict, search: str, limit: int) -> pd.DataFrame:
    """The first `limit` proposals in view whose text contains `search` (any case), with their current
    follow-up status and a `matching` column: how many match in all."""
    matches = _matches(run, {**filters_params, "limit": limit}, search)
    dates = matches["event_date"].dropna()
    rows = run(
        "proposal_rows",
        {
            "proposal_ids": [int(pid) for pid in matches["proposal_id"]],
            # The shown rows lie between these dates in derived_search_rows: only those blocks are read.
            "oldest": min(dates, default=None),
            "newest": max(dates, default=None),
            "undated": bool(matches["event_date"].isna().any()),
        },
    )
    return rows.assign(matching=int(matches["matching"].iloc[0]) if len(matches) else 0)


def _matches(run: Run, params: dict, search: str) -> pd.DataFrame:
    """No term: the newest proposals in view, read from the newest events (unless a theme and a status
    filter are both set). A term that is one indexed word goes to the word index alone; any other
    (several words, punctuation, fewer than three letters) to the query that also reads texts."""
    if not search and not (params["themes"] and params["statuses"]):
        return run("newest_proposals_in_view", params)
    if search:
        term = run("search_term_words", {"search": search}).iloc[0]
        if list(term["words"]) == [term["term"]]:
            return run("proposal_search_word_matches", {**params, "search": term["term"]})
    return run("proposal_search_matches", {**params, "search": search})

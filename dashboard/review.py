"""Reviewer corrections of proposal themes: the one place that writes them.

Kept free of Streamlit so it can be tested and reused (e.g. from the CLI). A correction
replaces a proposal's labels with the reviewer's choice, stored as source 'manual';
re-ingesting the report keeps them (store.save_event leaves unchanged proposals alone).
Sign-in is not part of this module: callers pass who reviewed, if known.
"""

import json
from collections.abc import Mapping, Sequence

import duckdb
import pandas as pd

from dashboard import audit, reference
from dashboard.sql import execute, fetch_all, fetch_one
from dashboard.store import refresh_derived, transaction

MANUAL_EVIDENCE = "set by a reviewer"


class ReviewError(ValueError):
    """A correction that cannot be stored, said so a reviewer can act on it."""


def save_corrections(
    con: duckdb.DuckDBPyConnection,
    corrections: Mapping[int, Sequence[str]],
    reviewed_by: str | None = None,
    seen: Mapping[int, Sequence[str]] | None = None,
) -> int:
    """Store each proposal's chosen themes as manual labels, all in one transaction; returns how many proposals.

    `seen` holds the themes each proposal had when the reviewer chose: if any has other
    themes now (another editor saved, an import relabelled it), nothing is saved."""
    known = set(reference.theme_ids())
    for proposal_id, theme_ids in corrections.items():
        unknown = sorted(set(theme_ids) - known)
        if unknown:
            raise ReviewError(f"proposal {proposal_id}: unknown themes {', '.join(unknown)}")
    wanted = sorted(int(proposal_id) for proposal_id in corrections)
    found = {row[0] for row in fetch_all(con, "proposal_ids_by_id", {"proposal_ids": wanted})}
    missing = [proposal_id for proposal_id in wanted if proposal_id not in found]
    if missing:
        raise ReviewError(f"no such proposals: {', '.join(map(str, missing))} (was the report re-ingested?)")
    with transaction(con):
        changed = [
            proposal_id
            for proposal_id, themes in (seen or {}).items()
            if proposal_id in corrections
            and json.loads(fetch_one(con, "proposal_labels_state", {"proposal_id": int(proposal_id)})[0])["themes"]
            != sorted(themes)
        ]
        if changed:
            raise ReviewError(
                f"proposal{'s' if len(changed) > 1 else ''} {', '.join(map(str, sorted(changed)))} changed since "
                "you ticked (saved by someone else or re-imported); look at the queue again"
            )
        for proposal_id, theme_ids in corrections.items():
            params = {"proposal_id": int(proposal_id)}
            before = fetch_one(con, "proposal_labels_state", params)[0]
            audit.record(
                con,
                reviewed_by or "unknown",
                "label edit",
                f"proposal {proposal_id}",
                before,
                {"themes": sorted(dict.fromkeys(theme_ids)), "source": "manual"},
            )
            execute(con, "write/delete_proposal_themes", params)
            for theme_id in dict.fromkeys(theme_ids):
                execute(
                    con,
                    "write/insert_proposal_theme",
                    {**params, "theme_id": theme_id, "source": "manual", "score": None, "evidence": MANUAL_EVIDENCE},
                )
            execute(con, "write/mark_proposal_reviewed", {**params, "reviewed_by": reviewed_by})
        events = fetch_all(con, "event_ids_of_proposals", {"proposal_ids": wanted})
        refresh_derived(con, [row[0] for row in events])
    return len(corrections)


def corrections_from_edits(
    queue: pd.DataFrame, edited: pd.DataFrame, theme_columns: Mapping[str, str]
) -> dict[int, list[str]]:
    """The chosen themes of each proposal whose ticks a reviewer changed in a data editor.

    `queue` (as shown) and `edited` (as returned) have the same rows, a proposal_id column and one
    boolean column per theme; `theme_columns` maps column name to theme id.
    """
    corrections = {}
    for (_, before), (_, after) in zip(queue.iterrows(), edited.iterrows(), strict=True):
        chosen = [theme for column, theme in theme_columns.items() if bool(after[column])]
        if chosen != [theme for column, theme in theme_columns.items() if bool(before[column])]:
            corrections[int(before["proposal_id"])] = chosen
    return corrections

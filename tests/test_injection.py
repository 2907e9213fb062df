"""No SQL is built from user input: hostile strings in every parameter of every read query change nothing."""

import re

import pytest

from dashboard.config import QUERIES_DIR
from dashboard.filters import Filters
from dashboard.sql import frame, statements
from dashboard.stats import summary

INJECTIONS = [
    "'; drop table events; --",
    "Batken' or '1'='1",
    '" or 1=1 --',
    "); delete from proposals; --",
    "<script>alert(1)</script>",
    "%' union select * from audit_log --",
]
READ_QUERIES = sorted(path.stem for path in QUERIES_DIR.glob("*.sql"))
HOSTILE_FILTERS = Filters(
    regions=tuple(INJECTIONS), themes=tuple(INJECTIONS), event_types=tuple(INJECTIONS), include_demo=True
)
EXTRA = {
    "event_id": 1,
    "limit": 50,
    "focus_region": INJECTIONS[1],
    "search": INJECTIONS[5],
    "proposal_ids": [1, 2],
    "event_ids": [1],
    "oldest": None,
    "newest": None,
    "undated": True,
    "grain": "month",
    "fingerprint": INJECTIONS[0],
    "proposal_id": 1,
    "sel_region": INJECTIONS[1],
    "sel_not_region": INJECTIONS[0],
    "sel_themes": list(INJECTIONS),
    "sel_category": INJECTIONS[3],
    "sel_from": None,
    "sel_to": None,
    "sel_real_only": False,
    "sel_statuses": list(INJECTIONS),
    "sel_ever": INJECTIONS[2],
    "sel_by_status": True,
    "file_hash": INJECTIONS[0],
    "file_hashes": list(INJECTIONS),
    "fingerprints": list(INJECTIONS),
}


def _counts(con):
    return {table: con.execute(f"select count(*) from {table}").fetchall()[0][0] for table in ("events", "proposals")}


@pytest.mark.parametrize("name", READ_QUERIES)
def test_hostile_values_are_only_values(demo_store, name):
    from dashboard import store

    con = store.connect(demo_store)
    before = _counts(con)
    needed = {match for statement in statements(name) for match in re.findall(r"\$([a-z_]+)", statement)}
    params = {**HOSTILE_FILTERS.params(), **EXTRA}
    for key in needed & {"regions", "themes", "event_types"}:
        params[key] = list(INJECTIONS)
    result = frame(con, name, {key: params[key] for key in needed})
    assert _counts(con) == before
    if needed & {"regions", "themes", "event_types"} and "events" in result.columns:
        assert result["events"].fillna(0).sum() == 0
    con.close()


def test_hostile_filters_match_nothing(con):
    stats = summary(con, HOSTILE_FILTERS)
    assert stats["events"] == 0 and stats["proposals"] == 0

"""Follow-up statuses: the history, `outcomes import`, `proposals --json`, the status filter and stats."""

import csv
import json
import random
from collections import Counter
from datetime import date, timedelta

import openpyxl
import pytest

from dashboard import ingest, outcomes, store
from dashboard.demo_data import add_demo_events
from tests.conftest import FOUNDING_REPORT, run_cli

HEADER = ["proposal_id", "status", "date", "responsible_body", "response", "source"]


@pytest.fixture
def filled(tmp_path):
    """A store with the founding report and 150 demo events, without status histories."""
    path = tmp_path / "outcomes.duckdb"
    con = store.connect(path)
    ingest.ingest_paths(con, [FOUNDING_REPORT])
    add_demo_events(con, 150, seed=11)
    # Demo histories would blur the counts below.
    with store.transaction(con):
        con.execute("delete from proposal_outcomes")
        store.refresh_derived(con)
    con.close()
    return path


def _proposals(db, *args) -> list[dict]:
    result = run_cli("proposals", "--json", *args, db=db)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _stats(db, *args) -> dict:
    result = run_cli("stats", "--json", *args, db=db)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _write(path, rows) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)


def test_importing_a_thousand_updates_changes_exactly_those_statuses(filled, tmp_path):
    listed = _proposals(filled)
    assert len(listed) > 1000
    assert {row["status"] for row in listed} == {"no_response"}
    chosen = random.Random(5).sample(listed, 1000)
    answered = [status for status in outcomes.STATUSES if status != "no_response"]
    rows, expected = [], {}
    for number, proposal in enumerate(chosen):
        status = answered[number % len(answered)]
        when = date.fromisoformat(proposal["date"]) + timedelta(days=30 + number % 200)
        rows.append([proposal["id"], status, min(when, date.today()).isoformat(), "Ministry", "", "letter"])
        expected[proposal["id"]] = status
    table = tmp_path / "updates.csv"
    _write(table, rows)

    result = run_cli("outcomes", "import", str(table), db=filled)
    assert result.returncode == 0, result.stderr
    assert "recorded 1000 status changes" in result.stdout

    after = {row["id"]: row["status"] for row in _proposals(filled)}
    assert {pid: status for pid, status in after.items() if status != "no_response"} == expected
    by_status = _stats(filled)["proposals_by_status"]
    assert list(by_status) == list(outcomes.STATUSES)
    counts = Counter(expected.values())
    assert by_status == {status: counts.get(status, 0) for status in outcomes.STATUSES} | {
        "no_response": len(listed) - 1000
    }
    # The status filter narrows the listing and the count to the same proposals.
    declined = _proposals(filled, "--status", "declined")
    assert sorted(row["id"] for row in declined) == sorted(pid for pid, s in expected.items() if s == "declined")
    assert _stats(filled, "--status", "declined")["proposals"] == counts["declined"]

    con = store.connect(filled)
    audited = con.execute("select count(*) from audit_log where action = 'status change'").fetchone()[0]
    con.close()
    assert audited == 1000

    again = run_cli("outcomes", "import", str(table), db=filled)
    assert again.returncode == 0, again.stderr
    assert "recorded 0 status changes; 1000 already recorded" in again.stdout
    assert _stats(filled)["proposals_by_status"] == by_status


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        (["999999", "accepted", "2024-01-01"], "row 5: field proposal_id: no proposal 999999 in the store"),
        (["{id}", "approved", "2024-01-01"], "row 5: field status: unknown status 'approved'"),
        (["{id}", "accepted", "2024-13-01"], "row 5: field date: not a date (YYYY-MM-DD): '2024-13-01'"),
        (["{id}", "accepted", "2001-01-01"], "row 5: field date: 2001-01-01 is before the proposal's event"),
        (["{id}", "accepted", ""], "row 5: field date: is empty"),
    ],
)
def test_a_bad_row_leaves_the_store_unchanged_and_names_row_and_field(filled, tmp_path, bad, message):
    listed = _proposals(filled)
    good = [[row["id"], "accepted", date.today().isoformat(), "", "", ""] for row in listed[-3:]]
    table = tmp_path / "bad.csv"
    _write(table, [*good, [cell.format(id=listed[0]["id"]) for cell in bad], *good])
    before = _stats(filled)

    result = run_cli("outcomes", "import", str(table), db=filled)

    assert result.returncode == 1
    assert result.stderr.startswith(f"error: {table}: {message}")
    assert len(result.stderr.strip().splitlines()) == 1
    assert _stats(filled) == before


def test_current_status_is_the_latest_change_and_history_keeps_every_change(filled, tmp_path):
    proposal = _proposals(filled)[0]
    made = date.fromisoformat(proposal["date"])
    pid = proposal["id"]
    workbook_path = tmp_path / "updates.xlsx"
    assert run_cli("outcomes", "template", "--out", str(workbook_path)).returncode == 0
    workbook = openpyxl.load_workbook(workbook_path)
    assert [cell.value for cell in workbook["outcomes"][1]] == HEADER
    sheet = workbook["outcomes"]
    # Entered out of order: the later date decides, whatever the row order.
    sheet.append([pid, "implemented", made + timedelta(days=400), "Local council", "road repaired", "decree 7"])
    sheet.append([pid, "under_review", made + timedelta(days=20), "Local council", "", ""])
    workbook.save(workbook_path)

    result = run_cli("outcomes", "import", str(workbook_path), db=filled)
    assert result.returncode == 0, result.stderr

    shown = next(row for row in _proposals(filled) if row["id"] == pid)
    assert (shown["status"], shown["status_date"]) == ("implemented", (made + timedelta(days=400)).isoformat())
    con = store.connect(filled)
    history = con.execute("select status from proposal_outcomes where proposal_id = ? order by status_date", [pid])
    assert [row[0] for row in history.fetchall()] == ["under_review", "implemented"]
    con.close()


def test_unknown_status_filter_is_refused():
    result = run_cli("proposals", "--json", "--status", "done")
    assert result.returncode == 2
    assert "unknown status 'done'" in result.stderr

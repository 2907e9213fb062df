"""A report whose counts the parser is unsure of is kept: the counts stay empty and the warning is
stored with the event, shown on the Participation page's data-quality list and on the event's page."""

import json

from dashboard import ingest, store, ui
from tests.conftest import open_page, run_cli

UNSURE = (
    "Hearing on pasture use in Kochkor\n"
    "\n"
    "Date: 2023-05-04\n"
    "Venue: Kochkor village, district hall\n"
    "Number of participants: 40, of them 31 women and 25 men\n"
    "\n"
    "Residents discussed grazing fees with the district administration.\n"
)
WARNING = (
    "participants left empty: women (31) + men (25) is more than the total (40) in line 5: "
    '"40, of them 31 women and 25 men"'
)


def _store_with_unsure_report(tmp_path, monkeypatch):
    report = tmp_path / "kochkor.txt"
    report.write_text(UNSURE, encoding="utf-8")
    path = tmp_path / "app.duckdb"
    con = store.connect(path)
    result = ingest.ingest_paths(con, [report])
    con.close()
    monkeypatch.setenv("DASHBOARD_DB", str(path))
    ui.connection.clear()
    ui.data_changed()
    return result


def test_the_report_is_stored_without_its_doubtful_counts(tmp_path, monkeypatch):
    result = _store_with_unsure_report(tmp_path, monkeypatch)
    assert result.count("added") == 1 and not result.failed
    con = store.connect(tmp_path / "app.duckdb")
    warnings, participation = con.execute(
        "select e.warnings, pa.event_id from events as e left join participation as pa using (event_id)"
    ).fetchone()
    con.close()
    assert warnings == WARNING
    assert participation is None


def test_parse_json_has_the_warning_and_keeps_its_keys(tmp_path):
    report = tmp_path / "kochkor.txt"
    report.write_text(UNSURE, encoding="utf-8")
    done = run_cli("parse", str(report), "--json", db=tmp_path / "unused.duckdb")
    assert done.returncode == 0, done.stderr
    parsed = json.loads(done.stdout)
    assert parsed["warnings"] == [WARNING]
    assert parsed["participants_total"] is None and parsed["participants_women"] is None
    assert {"title", "date", "region", "city", "venue", "moderator", "proposals", "language"} <= set(parsed)


def test_participation_page_lists_the_warning(tmp_path, monkeypatch):
    _store_with_unsure_report(tmp_path, monkeypatch)
    at = open_page("dashboard/pages/participation.py")
    assert not at.exception
    table = at.dataframe[0].value
    assert list(table["title"]) == ["Hearing on pasture use in Kochkor"]
    assert list(table["parser_warnings"]) == [WARNING]


def test_event_page_shows_the_warning(tmp_path, monkeypatch):
    _store_with_unsure_report(tmp_path, monkeypatch)
    at = open_page("dashboard/pages/events.py", {"event": "1"})
    assert not at.exception
    assert [text.value for text in at.text if text.value == WARNING] == [WARNING]
    assert any("left these facts empty" in warning.value for warning in at.warning)


def test_a_founding_style_report_has_no_warning_on_its_page(app_store):
    at = open_page("dashboard/pages/events.py", {"event": "1"})
    assert not [warning for warning in at.warning if "left these facts empty" in warning.value]

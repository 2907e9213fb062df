"""Reviewer corrections (dashboard/review.py) and the spreadsheet-safe downloads (dashboard/export.py)."""

import io

import openpyxl
import pandas as pd
import pytest

from dashboard import review
from dashboard.downloads import csv_bytes, spreadsheet_safe, xlsx_bytes
from dashboard.ingest import ingest_paths
from tests.conftest import FOUNDING_REPORT


def _labels(con, proposal_id):
    return con.execute(
        "select theme_id, source, evidence from proposal_themes where proposal_id = ? order by theme_id",
        [proposal_id],
    ).fetchall()


def _proposal_id(con, position):
    return con.execute("select proposal_id from proposals where position = ?", [position]).fetchall()[0][0]


def test_a_correction_replaces_the_rule_labels_with_manual_ones(con):
    ingest_paths(con, [FOUNDING_REPORT])
    proposal_id = _proposal_id(con, 3)
    assert [source for _, source, _ in _labels(con, proposal_id)] == ["rule"]
    assert review.save_corrections(con, {proposal_id: ["law_rights", "personnel_governance"]}) == 1
    assert _labels(con, proposal_id) == [
        ("law_rights", "manual", "set by a reviewer"),
        ("personnel_governance", "manual", "set by a reviewer"),
    ]
    status, reviewed = con.execute(
        "select status, reviewed_at is not null from proposals where proposal_id = ?", [proposal_id]
    ).fetchall()[0]
    assert (status, reviewed) == ("reviewed", True)
    other = _proposal_id(con, 2)
    assert _labels(con, other) == [("migration", "rule", "migra* (1)")]


def test_unknown_themes_or_proposals_store_nothing(con):
    ingest_paths(con, [FOUNDING_REPORT])
    first, second = _proposal_id(con, 1), _proposal_id(con, 2)
    before = con.execute("select * from proposal_themes order by all").fetchall()
    with pytest.raises(review.ReviewError, match="unknown themes nonsense"):
        review.save_corrections(con, {first: ["migration"], second: ["nonsense"]})
    with pytest.raises(review.ReviewError, match="no such proposals: 999"):
        review.save_corrections(con, {first: ["migration"], 999: ["migration"]})
    assert con.execute("select * from proposal_themes order by all").fetchall() == before
    assert con.execute("select count(*) from proposals where reviewed_at is not null").fetchall() == [(0,)]


def test_a_manual_correction_survives_re_ingest_and_the_classifier(con, tmp_path):
    ingest_paths(con, [FOUNDING_REPORT])
    proposal_id = _proposal_id(con, 3)
    review.save_corrections(con, {proposal_id: ["law_rights"]})
    manual = [("law_rights", "manual", "set by a reviewer")]

    assert ingest_paths(con, [FOUNDING_REPORT]).count("unchanged") == 1
    assert _labels(con, proposal_id) == manual

    # The same report with another proposal rewritten: that one is classified afresh, the reviewed one kept.
    changed = tmp_path / "report_batken_2021-07-08.txt"
    text = FOUNDING_REPORT.read_text(encoding="utf-8")
    changed.write_text(
        text.replace("immediately stop the flow of internal and external migration", "build a new hospital"),
        encoding="utf-8",
    )
    assert ingest_paths(con, [changed]).count("updated") == 1
    assert _labels(con, proposal_id) == manual
    assert con.execute("select status from proposals where proposal_id = ?", [proposal_id]).fetchall() == [
        ("reviewed",)
    ]
    assert "health" in [theme for theme, source, _ in _labels(con, _proposal_id(con, 2)) if source == "rule"]


def test_edits_become_corrections_only_where_ticks_changed():
    queue = pd.DataFrame({"proposal_id": [7, 8, 9], "Migration": [True, False, False], "Health": [False, False, True]})
    edited = queue.copy()
    edited.loc[0, "Health"] = True
    edited.loc[1, "Migration"] = True
    edited.loc[1, "Migration"] = False
    edited.loc[2, "Health"] = False
    columns = {"Migration": "migration", "Health": "health"}
    assert review.corrections_from_edits(queue, edited, columns) == {7: ["migration", "health"], 9: []}


HOSTILE = pd.DataFrame(
    {
        "proposal": ['=HYPERLINK("http://x")', "+1", "-2+3", "@SUM(A1)", "\tcmd", "plain - text", None],
        "count": [-1, 2, 3, 4, 5, 6, 7],
    }
)


def test_formula_like_cells_get_an_apostrophe():
    safe = spreadsheet_safe(HOSTILE)
    assert safe["proposal"].tolist()[:6] == [
        '\'=HYPERLINK("http://x")',
        "'+1",
        "'-2+3",
        "'@SUM(A1)",
        "'\tcmd",
        "plain - text",
    ]
    assert pd.isna(safe["proposal"].iloc[6])
    assert safe["count"].tolist() == [-1, 2, 3, 4, 5, 6, 7]  # numbers stay numbers
    assert HOSTILE["proposal"].iloc[1] == "+1"  # the shown table is not changed


def test_downloads_hold_no_formulas():
    lines = csv_bytes(HOSTILE).decode("utf-8-sig").splitlines()
    assert lines[0] == "proposal,count"
    assert lines[2] == "'+1,2"
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx_bytes(HOSTILE, "proposals")))
    cells = [cell for row in workbook["proposals"].iter_rows(min_row=2) for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    assert workbook["proposals"]["A2"].value == '\'=HYPERLINK("http://x")'


def test_a_label_edit_is_audited_with_before_and_after(con):
    ingest_paths(con, [FOUNDING_REPORT])
    proposal_id = _proposal_id(con, 3)
    review.save_corrections(con, {proposal_id: ["law_rights"]}, reviewed_by="app:Aida")
    who, action, subject, before, after = con.execute(
        "select changed_by, action, subject, before_state, after_state from audit_log where action = 'label edit'"
    ).fetchall()[0]
    assert (who, action, subject) == ("app:Aida", "label edit", f"proposal {proposal_id}")
    assert '"themes":["personnel_governance"]' in before and '"source":"rule"' in before
    assert after == '{"themes": ["law_rights"], "source": "manual"}'

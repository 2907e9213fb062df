import csv
import shutil
from unittest import mock

import duckdb
import openpyxl
import pytest

from dashboard import ingest, store
from dashboard.filters import Filters
from dashboard.ingest import ingest_paths
from dashboard.stats import summary
from dashboard.table_import import COLUMN_NAMES, write_template
from tests.conftest import FOUNDING_REPORT, TEST_DATA


def _counts(con) -> dict[str, int]:
    tables = ["events", "participation", "proposals", "proposal_themes", "speakers", "presentations"]
    return {table: con.execute(f"select count(*) from {table}").fetchone()[0] for table in tables}


def test_founding_report_ingests_as_one_real_event(con):
    result = ingest_paths(con, [FOUNDING_REPORT])
    assert result.describe().startswith("added 1, updated 0, unchanged 0, failed 0")
    stats = summary(con, Filters())
    assert (stats["events"], stats["participants_total"], stats["participants_women"], stats["participants_men"]) == (
        1,
        50,
        22,
        28,
    )
    assert stats["proposals"] == 5
    assert stats["demo_events"] == 0
    themes = {theme for theme, count in stats["proposals_by_theme"].items() if count}
    assert {"migration", "defense_security", "pensions_social", "personnel_governance"} <= themes
    assert con.execute("select is_demo, region_id from events").fetchone() == (False, "batken")


def test_second_ingest_changes_nothing(con):
    ingest_paths(con, [FOUNDING_REPORT])
    before = _counts(con)
    ids = con.execute("select event_id, ingested_at from events").fetchall()
    result = ingest_paths(con, [FOUNDING_REPORT])
    assert (result.count("added"), result.count("updated"), result.count("unchanged")) == (0, 0, 1)
    assert _counts(con) == before
    assert con.execute("select event_id, ingested_at from events").fetchall() == ids


def _reimport_without_reading(con, paths, **options):
    """Ingest with parsing made to fail: a file that is parsed shows as failed."""
    with mock.patch.object(ingest, "read_records", side_effect=AssertionError("file was parsed")):
        return ingest_paths(con, paths, **options)


def test_a_byte_identical_file_is_not_read_again(con, tmp_path):
    table = tmp_path / "events.csv"
    write_template(table)
    with table.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        for title in ("First meeting", "Second meeting"):
            writer.writerow(
                {"title": title, "date": "2024-05-01", "region": "Osh"}.get(name, "") for name in COLUMN_NAMES
            )
    first = ingest_paths(con, [FOUNDING_REPORT, table])
    assert first.count("added") == 3, first.describe()
    lines = []
    again = _reimport_without_reading(con, [FOUNDING_REPORT, table], on_file=lambda r: lines.append(r.describe()))
    assert lines == [f"{FOUNDING_REPORT}: 1 unchanged", f"{table}: 2 unchanged"]
    assert again.describe() == "added 0, updated 0, unchanged 3, failed 0 (events; failures are files)"


def test_a_file_is_read_again_once_its_events_are_not_as_it_gave_them(con, tmp_path):
    ingest_paths(con, [FOUNDING_REPORT])
    corrected = tmp_path / "corrected.txt"
    text = FOUNDING_REPORT.read_text(encoding="utf-8")
    corrected.write_text(text.replace("50, out of which 22", "51, out of which 23"), encoding="utf-8")
    assert ingest_paths(con, [corrected]).count("updated") == 1
    # The store now holds the corrected event: the original file changes it back.
    assert ingest_paths(con, [FOUNDING_REPORT]).count("updated") == 1
    assert con.execute("select total from participation").fetchone() == (50,)
    assert _reimport_without_reading(con, [FOUNDING_REPORT]).count("unchanged") == 1
    # Imported as demo data, the same bytes are another import.
    as_demo = _reimport_without_reading(con, [FOUNDING_REPORT], is_demo=True)
    assert "file was parsed" in as_demo.failed[0].error
    # In one run, a file listed after one that changed its event is checked anew.
    both = ingest_paths(con, [corrected, FOUNDING_REPORT])
    assert [dict(result.outcomes) for result in both.results] == [{"updated": 1}, {"updated": 1}]
    assert con.execute("select total from participation").fetchone() == (50,)


def test_other_bytes_of_the_same_report_do_not_duplicate(con, tmp_path):
    ingest_paths(con, [FOUNDING_REPORT])
    variant = tmp_path / "batken copy.txt"
    text = FOUNDING_REPORT.read_text(encoding="utf-8")
    variant.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))
    result = ingest_paths(con, [variant])
    assert result.count("unchanged") == 1
    assert _counts(con)["events"] == 1


def test_a_corrected_report_updates_the_event_and_keeps_manual_labels(con, tmp_path):
    ingest_paths(con, [FOUNDING_REPORT])
    proposal_id = con.execute("select proposal_id from proposals where position = 3").fetchone()[0]
    con.execute("delete from proposal_themes where proposal_id = ?", [proposal_id])
    con.execute(
        "insert into proposal_themes (proposal_id, theme_id, source, score, evidence) "
        "values (?, 'law_rights', 'manual', null, 'set by a reviewer')",
        [proposal_id],
    )
    corrected = tmp_path / "corrected.txt"
    text = FOUNDING_REPORT.read_text(encoding="utf-8")
    corrected.write_text(text.replace("50, out of which 22", "51, out of which 23"), encoding="utf-8")
    result = ingest_paths(con, [corrected])
    assert result.count("updated") == 1
    assert _counts(con)["events"] == 1
    assert con.execute("select total, women from participation").fetchone() == (51, 23)
    assert con.execute(
        "select theme_id, source from proposal_themes where proposal_id = ?", [proposal_id]
    ).fetchall() == [("law_rights", "manual")]


def test_every_golden_report_ingests(con):
    result = ingest_paths(con, [TEST_DATA / "reports"])
    assert not result.failed, [failure.describe() for failure in result.failed]
    assert result.count("added") == len(list((TEST_DATA / "reports").glob("*.txt")))


def _write_table(path, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMN_NAMES)
        writer.writeheader()
        writer.writerows(rows)


GOOD_ROW = {
    "title": "Round table on water",
    "date": "2022-05-01",
    "region": "Talas",
    "event_type": "round_table",
    "participants_total": "30",
    "participants_women": "12",
    "participants_men": "18",
    "proposals": "to repair irrigation canals | to build a school",
}


def test_table_rows_become_events(con, tmp_path):
    table = tmp_path / "events.csv"
    _write_table(table, [GOOD_ROW, {**GOOD_ROW, "title": "Public hearing on roads", "region": "Osh city"}])
    result = ingest_paths(con, [table])
    assert result.count("added") == 2
    assert con.execute("select count(*) from proposals").fetchone()[0] == 4


def test_xlsx_template_round_trip(con, tmp_path):
    template = tmp_path / "template.xlsx"
    write_template(template)
    workbook = openpyxl.load_workbook(template)
    sheet = workbook["events"]
    sheet.append([GOOD_ROW.get(name) for name in COLUMN_NAMES])
    workbook.save(template)
    result = ingest_paths(con, [template])
    assert result.count("added") == 1
    assert "columns" in workbook.sheetnames


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            {"participants_women": "40"},
            "row 2, field participants_total: women (40) + men (18) is more than the total (30)",
        ),
        ({"participants_men": "-3"}, "row 2, field participants_men: negative count -3"),
        ({"date": "2022-02-30"}, "row 2, field date: impossible or unreadable date '2022-02-30'"),
        ({"region": "Atlantis"}, "row 2, field region: unknown region 'Atlantis'"),
        ({"participants_total": "thirty"}, "row 2, field participants_total: not a whole number: 'thirty'"),
    ],
)
def test_bad_table_rows_name_row_and_field(con, tmp_path, row, message):
    table = tmp_path / "bad.csv"
    _write_table(table, [{**GOOD_ROW, "title": "A fine first event"}, {**GOOD_ROW, **row}])
    result = ingest_paths(con, [table])
    assert [failure.error for failure in result.failed][0].startswith(message.replace("row 2", "row 3"))
    # The file is one transaction: its good first row is not stored either.
    assert _counts(con)["events"] == 0


def test_missing_required_columns(con, tmp_path):
    table = tmp_path / "partial.csv"
    table.write_text("title,date\nA,2022-01-01\n", encoding="utf-8")
    result = ingest_paths(con, [table])
    assert result.failed[0].error == "row 1: missing required columns: region"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "file is empty"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", "binary file, not a text report"),
        ("bad_date.txt", b"Round table in Naryn\nDate: 31.02.2021\n", "line 2, field date: impossible date"),
        (
            "negative.txt",
            b"Round table in Naryn\nNumber of participants: -50\n",
            "line 2, field participants_count: negative count '-50'",
        ),
        ("notes.pdf", b"%PDF-1.4", "unsupported file type .pdf"),
    ],
)
def test_bad_files_fail_alone(con, tmp_path, name, content, message):
    bad = tmp_path / name
    bad.write_bytes(content)
    shutil.copy(FOUNDING_REPORT, tmp_path / "good.txt")
    result = ingest_paths(con, [bad, tmp_path / "good.txt"])
    assert len(result.failed) == 1
    assert result.failed[0].error.startswith(message)
    assert result.count("added") == 1


def test_store_refuses_impossible_counts_even_without_the_parser(con):
    con.execute("insert into events (fingerprint, content_hash, title) values ('x', 'x', 'Direct insert')")
    event_id = con.execute("select event_id from events").fetchone()[0]
    with pytest.raises(duckdb.ConstraintException):
        con.execute("insert into participation values (?, 10, 8, 8, 0)", [event_id])
    with pytest.raises(duckdb.ConstraintException):
        con.execute("insert into participation values (?, -1, null, null, null)", [event_id])
    with pytest.raises(duckdb.ConstraintException):
        con.execute("insert into proposals (event_id, position, text) values (999, 1, 'orphan')")


def test_older_store_is_upgraded_in_place(tmp_path):
    path = tmp_path / "old.duckdb"
    first_version = store.migrations()[0]
    connection = duckdb.connect(str(path))
    connection.execute("create table schema_version (version integer primary key, applied_at timestamp)")
    from dashboard.sql import run_script

    run_script(connection, first_version[1].read_text(encoding="utf-8"))
    connection.execute("insert into schema_version values (?, now())", [first_version[0]])
    connection.close()
    upgraded = store.connect(path)
    assert store.schema_version(upgraded) == store.latest_schema_version()
    assert summary(upgraded, Filters())["events"] == 0
    upgraded.close()


def test_imports_are_audited_with_before_and_after(con, tmp_path):
    ingest_paths(con, [FOUNDING_REPORT], changed_by="app:alice")
    corrected = tmp_path / "corrected.txt"
    corrected.write_text(
        FOUNDING_REPORT.read_text(encoding="utf-8").replace("50, out of which 22", "51, out of which 23"),
        encoding="utf-8",
    )
    ingest_paths(con, [FOUNDING_REPORT, corrected])  # unchanged, then updated
    rows = con.execute(
        "select changed_by, action, before_state is null, after_state from audit_log order by audit_id"
    ).fetchall()
    assert [(who, action, created) for who, action, created, _ in rows] == [
        ("app:alice", "import report_batken_2021-07-08.txt", True),
        (rows[1][0], "import corrected.txt", False),
    ]
    assert rows[1][0].startswith("cli:")
    assert '"total":51' in rows[1][3]


def test_a_docx_report_gives_the_same_event_as_its_text(con, tmp_path):
    import docx

    document = docx.Document()
    for line in FOUNDING_REPORT.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    path = tmp_path / "batken.docx"
    document.save(str(path))
    ingest_paths(con, [path])
    result = ingest_paths(con, [FOUNDING_REPORT])
    assert result.count("unchanged") == 1  # the same facts: same fingerprint and content
    assert _counts(con)["events"] == 1


@pytest.mark.parametrize(
    ("written", "region"), [("Баткенская область", "batken"), ("г. Ош", "osh_city"), ("Karakol", "issyk_kul")]
)
def test_table_regions_may_be_written_as_in_reports(con, tmp_path, written, region):
    table = tmp_path / "regions.csv"
    _write_table(table, [{**GOOD_ROW, "region": written}])
    assert ingest_paths(con, [table]).count("added") == 1
    assert con.execute("select region_id from events").fetchall() == [(region,)]

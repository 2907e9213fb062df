"""Data exports: open the XLSX, CSV zip and Parquet folder and check them against the store."""

import csv
import io
import zipfile

import pyarrow.parquet as pq
from openpyxl import load_workbook

from dashboard import cli, sql, store
from dashboard.exports import COLUMNS
from dashboard.filters import Filters
from dashboard.stats import summary

HOSTILE = {1: '=HYPERLINK("http://x")', 2: "+1+1", 3: "-2", 4: "@SUM(A1)"}


def export(tmp_path, fmt, *args, name=None):
    out = tmp_path / (name or {"csv": "out.zip", "xlsx": "out.xlsx", "parquet": "out"}[fmt])
    assert cli.main(["export", "--format", fmt, "--out", str(out), *args]) == 0
    return out


def expected(db, filters):
    con = store.connect(db)
    try:
        return summary(con, filters)
    finally:
        con.close()


def make_hostile(db):
    con = store.connect(db)
    try:
        for proposal_id, text in HOSTILE.items():
            sql.execute(con, "write/update_proposal_text", {"proposal_id": proposal_id, "text": text})
    finally:
        con.close()


def test_xlsx_has_a_sheet_per_table_and_escapes_formulas(demo_store, tmp_path):
    make_hostile(demo_store)
    workbook = load_workbook(export(tmp_path, "xlsx"))
    assert workbook.sheetnames == ["events", "participation", "proposals", "themes", "outcomes", "columns", "summary"]
    figures = expected(demo_store, Filters())
    assert workbook["events"].max_row - 1 == figures["events"] == 201
    assert workbook["proposals"].max_row - 1 == figures["proposals"]
    for table, columns in COLUMNS.items():
        assert [cell.value for cell in workbook[table][1]] == list(columns)
    described = {(row[0], row[1]) for row in workbook["columns"].iter_rows(min_row=2, values_only=True)}
    assert described == {(table, column) for table, columns in COLUMNS.items() for column in columns}
    texts = {row[0]: row[3] for row in workbook["proposals"].iter_rows(min_row=2, values_only=True)}
    for proposal_id, text in HOSTILE.items():
        assert texts[proposal_id] == "'" + text
    for row in workbook["proposals"].iter_rows(min_row=2):
        assert row[3].data_type == "s"
    participation = list(workbook["participation"].iter_rows(min_row=2, values_only=True))
    assert sum(row[2] or 0 for row in participation) == figures["participants_women"]
    # Each proposal's follow-up status, and every status change of the demo histories.
    statuses = [row[7] for row in workbook["proposals"].iter_rows(min_row=2, values_only=True)]
    assert {status: statuses.count(status) for status in set(statuses)} == {
        status: count for status, count in figures["proposals_by_status"].items() if count
    }
    con = store.connect(demo_store)
    changes = con.execute("select count(*) from proposal_outcomes").fetchone()[0]
    con.close()
    assert workbook["outcomes"].max_row - 1 == changes > 0


def test_csv_zip_holds_the_same_tables(demo_store, tmp_path):
    make_hostile(demo_store)
    archive = zipfile.ZipFile(export(tmp_path, "csv", "--region", "Batken", "--no-demo"))
    assert sorted(archive.namelist()) == sorted(f"{name}.csv" for name in [*COLUMNS, "columns", "summary"])
    tables = {
        name: list(csv.DictReader(io.StringIO(archive.read(f"{name}.csv").decode("utf-8-sig"))))
        for name in [*COLUMNS, "columns"]
    }
    assert [row["title"][:22] for row in tables["events"]] == ["Open dialogue platform"]
    assert tables["participation"] == [{"event_id": "1", "total": "50", "women": "22", "men": "28", "unspecified": "0"}]
    assert [row["text"] for row in tables["proposals"]][:4] == ["'" + text for text in HOSTILE.values()]
    assert len(tables["themes"]) >= 5
    assert ("events", "is_demo") in {(row["table"], row["column"]) for row in tables["columns"]}
    summary = {
        row["metric"]: row for row in csv.DictReader(io.StringIO(archive.read("summary.csv").decode("utf-8-sig")))
    }
    assert summary["women_share"]["shown"] == "44.0%" and summary["women_share"]["events"] == "1"


def test_parquet_folder_keeps_types(demo_store, tmp_path):
    folder = export(tmp_path, "parquet", "--no-demo")
    names = [*COLUMNS, "columns", "summary"]
    assert sorted(path.name for path in folder.iterdir()) == sorted(f"{name}.parquet" for name in names)
    events = pq.read_table(folder / "events.parquet")
    assert events.num_rows == 1 and events.column("is_demo").to_pylist() == [False]
    assert str(events.schema.field("event_date").type) == "date32[day]"
    participation = pq.read_table(folder / "participation.parquet").to_pylist()
    assert participation == [{"event_id": 1, "total": 50, "women": 22, "men": 28, "unspecified": 0}]
    assert pq.read_table(folder / "proposals.parquet").num_rows == 5
    summary = {row["metric"]: row for row in pq.read_table(folder / "summary.parquet").to_pylist()}
    assert summary["participants"]["value"] == 50.0 and summary["women_share"]["value"] == 44.0


def test_min_count_suppresses_participation(demo_store, tmp_path):
    folder = export(tmp_path, "parquet", "--no-demo", "--min-count", "25")
    participation = pq.read_table(folder / "participation.parquet").to_pylist()
    assert participation == [{"event_id": 1, "total": "50", "women": "<25", "men": "<25", "unspecified": "<25"}]
    workbook = load_workbook(export(tmp_path, "xlsx", "--no-demo", "--min-count", "60"))
    assert list(workbook["participation"].iter_rows(min_row=2, values_only=True)) == [(1, "<60", "<60", "<60", "<60")]
    notes = [row[2] for row in workbook["columns"].iter_rows(min_row=2, values_only=True) if row[0] == "participation"]
    assert "<60 where the count is suppressed" in notes[1]


INJECTED = '=HYPERLINK("https://evil.example","open")'


def test_xlsx_export_defuses_a_formula_hidden_behind_a_control_character(demo_store, tmp_path):
    con = store.connect(demo_store)
    sql.execute(con, "write/update_proposal_text", {"proposal_id": 1, "text": "\x01" + INJECTED})
    con.close()
    workbook = load_workbook(export(tmp_path, "xlsx"))
    cell = next(row[3] for row in workbook["proposals"].iter_rows(min_row=2) if row[0].value == 1)
    assert (cell.value, cell.data_type) == ("'" + INJECTED, "s")
    with zipfile.ZipFile(export(tmp_path, "csv")) as archive:
        rows = list(csv.reader(io.StringIO(archive.read("proposals.csv").decode("utf-8-sig"))))
    assert next(row[3] for row in rows[1:] if row[0] == "1") == "'" + INJECTED


def test_guard_cell_is_the_last_step_for_every_kind_of_formula_start():
    from dashboard.downloads import guard_cell

    for text in (INJECTED, "\x01" + INJECTED, " " + INJECTED, "\t=1+1", "\r=1", "\uff1d1+1", "-2", "+1", "@SUM(A1)"):
        guarded = guard_cell(text)
        assert guarded.startswith("'") and not any(ord(char) < 9 for char in guarded), text
    assert guard_cell("A plain title") == "A plain title"
    assert guard_cell(42) == 42


def test_page_downloads_never_hold_a_live_formula(tmp_path, monkeypatch):
    """The Participation page's CSV (open to anonymous viewers) and the Proposals page's CSV and XLSX."""
    import streamlit as st

    from dashboard import ingest
    from tests.conftest import _app_store, open_page

    table = tmp_path / "hostile.csv"
    title = INJECTED.replace('"', '""')
    table.write_text(
        f'title,date,region,participants_total,proposals\n"\x01{title}",2021-07-08,Batken,30,"\x01{title}"\n',
        encoding="utf-8",
    )
    db = _app_store(tmp_path / "store.duckdb", monkeypatch)
    con = store.connect(db)
    assert not ingest.ingest_file(con, table).failed
    con.close()
    from streamlit.delta_generator import DeltaGenerator

    offered = {}
    original = DeltaGenerator.download_button

    def recording(container, label, data, *args, **kwargs):
        offered[label] = data() if callable(data) else data
        return original(container, label, data, *args, **kwargs)

    # Pages call st.download_button and column.download_button: both are this method.
    monkeypatch.setattr(DeltaGenerator, "download_button", recording)
    monkeypatch.setattr(st, "download_button", lambda *args, **kwargs: recording(st._main, *args, **kwargs))
    assert not open_page("dashboard/pages/participation.py").exception
    rows = list(csv.reader(io.StringIO(offered["Download all as CSV"].decode("utf-8-sig"))))
    assert "'" + INJECTED in rows[1]
    at = open_page("dashboard/pages/proposals.py")
    assert not at.exception
    proposals = list(csv.reader(io.StringIO(offered["Download CSV"].decode("utf-8-sig"))))
    assert ["'" + INJECTED] == [row[0] for row in proposals[1:] if "HYPERLINK" in row[0]]
    sheet = load_workbook(io.BytesIO(offered["Download XLSX"])).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2) if "HYPERLINK" in row[0].value]
    assert [(cell.value, cell.data_type) for cell in cells] == [("'" + INJECTED, "s")]

"""Bulk import (files read in parallel, written in batches) stores what file-by-file import stores."""

import csv
import shutil
import threading

import duckdb
import pytest

from dashboard import audit, ingest, store
from dashboard.bench import write_reports
from dashboard.ingest import ingest_file, ingest_paths
from dashboard.table_import import COLUMN_NAMES, write_template
from tests.conftest import TEST_DATA


@pytest.fixture
def small_batches(monkeypatch):
    """Batches of 4 written 2 at a time and worker processes from 3 files, so a few files cross
    every limit."""
    monkeypatch.setattr(ingest, "BATCH_FILES", 4)
    monkeypatch.setattr(ingest, "WRITE_FILES", 2)
    monkeypatch.setattr(ingest, "PARALLEL_MIN_FILES", 3)


def _reports(folder, count=9):
    folder.mkdir()
    paths = write_reports(folder, count)
    for golden in sorted((TEST_DATA / "reports").glob("*.txt"))[:3]:
        paths.append(folder / f"zz_{golden.name}")
        shutil.copy(golden, paths[-1])
    table = folder / "zz_events.csv"
    write_template(table)
    with table.open("a", encoding="utf-8", newline="") as handle:
        for title, day, region in (("Water forum", "2022-03-04", "Osh"), ("Road meeting", "2022-05-06", "Naryn")):
            row = {"title": title, "date": day, "region": region, "proposals": "Repair the canal; Pave the road"}
            csv.writer(handle).writerow(row.get(name, "") for name in COLUMN_NAMES)
    return sorted(paths + [table])


def _contents(con) -> dict[str, list[tuple]]:
    """Every table's rows in a stable order, without the times they were written."""
    tables = [row[0] for row in con.execute("select table_name from duckdb_tables() order by 1").fetchall()]
    contents = {}
    for table in tables:
        columns = [
            name
            for name, kind in con.execute(
                "select column_name, data_type from duckdb_columns() where table_name = ? order by column_index",
                [table],
            ).fetchall()
            if not kind.startswith("TIMESTAMP")
        ]
        quoted = ", ".join(f'"{name}"' for name in columns)
        contents[table] = con.execute(f"select {quoted} from {table} order by all").fetchall()
    # Word ids are numbered in the order refreshes meet the words: compare words, not their ids.
    del contents["derived_words"]
    contents["derived_proposal_words"] = con.execute(
        "select w.word, pw.proposal_id from derived_proposal_words as pw"
        " join derived_words as w on w.word_id = pw.word_id order by all"
    ).fetchall()
    return contents


def test_a_bulk_import_stores_what_file_by_file_import_stores(tmp_path, small_batches):
    files = _reports(tmp_path / "reports")
    seen = []
    bulk = store.connect(tmp_path / "bulk.duckdb")
    parts, refreshes = [], []
    with pytest.MonkeyPatch.context() as patch:  # count the parts written a statement per table, and the refreshes
        write_new_events, refresh_derived = ingest.write_new_events, ingest.refresh_derived
        patch.setattr(ingest, "write_new_events", lambda *args: parts.append(1) or write_new_events(*args))
        patch.setattr(ingest, "refresh_derived", lambda *args: refreshes.append(1) or refresh_derived(*args))
        summary = ingest_paths(bulk, [tmp_path / "reports"], on_file=seen.append, changed_by="cli:test")
    assert (len(parts), len(refreshes)) == (7, 4)  # 13 files: 4 to a batch, 2 to a part
    one_by_one = store.connect(tmp_path / "one.duckdb")
    for path in files:
        ingest_file(one_by_one, path, changed_by="cli:test")
    from dashboard import recurring

    recurring.ensure_current(one_by_one)
    assert [result.path for result in seen] == files  # results in file order, each once
    assert summary.count("added") == len(files) + 1 and not summary.failed  # the table holds two events
    expected = _contents(one_by_one)
    assert expected["events"] and expected["audit_log"] and expected["derived_proposals"]
    assert _contents(bulk) == expected
    bulk.close()
    one_by_one.close()


def test_the_app_reads_a_bulk_import_in_worker_processes_and_stores_the_same(tmp_path, small_batches):
    """The app's inbox import (a process with other threads, which must not fork) reads its files in
    processes from a fork server, not in its own thread beside the viewers' page runs."""
    from dashboard import inbox

    files = _reports(tmp_path / "reports")
    empty = tmp_path / "reports" / "empty.txt"
    empty.write_bytes(b"")
    read_here = []
    read_records = ingest.read_records
    app = store.connect(tmp_path / "app.duckdb")
    outcome = {}

    def import_in_the_inbox_thread():
        outcome["results"], _ = inbox.ingest_files(app, sorted(files + [empty]), lambda result: None)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ingest, "read_records", lambda path: read_here.append(path) or read_records(path))
        worker = threading.Thread(target=import_in_the_inbox_thread)
        worker.start()
        worker.join()
    assert read_here == []  # every file was read by a worker process
    results = outcome["results"]
    assert sum(result.outcomes.get("added", 0) for result in results) == len(files) + 1
    assert {str(result.path): result.error for result in results if result.error} == {str(empty): "file is empty"}
    one_by_one = store.connect(tmp_path / "one.duckdb")
    for path in files:
        ingest_file(one_by_one, path, changed_by=audit.cli_user())
    assert _contents(app) == _contents(one_by_one)
    app.close()
    one_by_one.close()


def test_a_file_the_store_refuses_fails_alone_and_the_batch_goes_in_without_it(con, tmp_path, small_batches):
    files = _reports(tmp_path / "reports")
    refused = files[5]
    title = ingest.read_records(refused)[0].title
    write_event, write_new_events = ingest.write_event, ingest.write_new_events

    def refuse(con, records):  # after writing something, as a constraint the checks miss would
        if any(record.title == title for record in records):
            con.execute("insert into events (fingerprint, content_hash, title) values ('x', 'x', 'x')")
            raise duckdb.ConstraintException("Constraint Error: simulated")

    def refusing(con, record, labeller):
        refuse(con, [record])
        return write_event(con, record, labeller)

    def refusing_many(con, records, labeller):
        refuse(con, records)
        return write_new_events(con, records, labeller)

    (tmp_path / "reports" / "empty.txt").write_bytes(b"")
    lines = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ingest, "write_event", refusing)
        patch.setattr(ingest, "write_new_events", refusing_many)
        summary = ingest_paths(con, [tmp_path / "reports"], on_file=lambda result: lines.append(result.describe()))
    assert [line.split(": ")[0] for line in lines] == [
        str(path) for path in sorted(files + [tmp_path / "reports" / "empty.txt"])
    ]
    failed = {str(result.path): result.error for result in summary.failed}
    assert failed == {
        str(tmp_path / "reports" / "empty.txt"): "file is empty",
        str(refused): "the store refused it: Constraint Error: simulated",
    }
    stored = {row[0] for row in con.execute("select title from events").fetchall()}
    assert title not in stored and "x" not in stored  # nothing of the refused file, nor of its half
    assert len(stored) == len(files)  # every other file, the table's two events included
    assert con.execute("select count(*) from derived_events").fetchone()[0] == len(files)
    audited = con.execute("select count(*) from audit_log").fetchone()[0]
    assert audited == len(files)


def test_an_interrupted_batch_leaves_nothing_half_written(con, tmp_path, small_batches):
    _reports(tmp_path / "reports")

    def interrupted(con, event_ids=None):
        raise KeyboardInterrupt

    with pytest.MonkeyPatch.context() as patch, pytest.raises(KeyboardInterrupt):
        patch.setattr(ingest, "refresh_derived", interrupted)
        ingest_paths(con, [tmp_path / "reports"])
    for table in ("events", "proposals", "proposal_themes", "audit_log", "derived_events", "derived_imported_files"):
        assert con.execute(f"select count(*) from {table}").fetchone()[0] == 0, table
    again = ingest_paths(con, [tmp_path / "reports"])
    assert not again.failed and again.count("added") == con.execute("select count(*) from events").fetchone()[0]

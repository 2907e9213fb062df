import json
import os
import threading
import time

import pytest

from dashboard import inbox
from dashboard.filters import Filters
from dashboard.ingest import ingest_files
from dashboard.stats import summary
from tests.conftest import FOUNDING_REPORT


@pytest.fixture
def app_reading_inbox(con, db_path):
    """The app's side of the inbox: a thread doing the waiting batches until the test ends."""
    stop = threading.Event()
    taken: set[str] = set()

    def rounds():
        while not stop.is_set():
            inbox.process_pending(con, db_path, taken)
            stop.wait(0.05)

    worker = threading.Thread(target=rounds)
    worker.start()
    yield
    stop.set()
    worker.join()


def test_a_batch_handed_to_the_writer_is_ingested_and_answered(app_reading_inbox, con, db_path, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = inbox.submit(db_path, [FOUNDING_REPORT, empty])
    assert [r.path for r in result.results] == [FOUNDING_REPORT, empty]
    assert result.describe().startswith("added 1, updated 0, unchanged 0, failed 1")
    assert result.failed[0].error == "file is empty"
    assert summary(con, Filters())["events"] == 1
    assert batches(db_path) == []  # answered batches are cleaned up


def test_nobody_reading_the_inbox_is_a_clear_timeout(db_path):
    with pytest.raises(inbox.InboxTimeout, match="locked by another process"):
        inbox.submit(db_path, [FOUNDING_REPORT], stale_after=0.5)
    assert batches(db_path) == []


def batches(db_path):
    return [path for path in inbox.inbox_dir(db_path).iterdir() if not path.name.startswith(".")]


def malformed_xlsx(path):
    """A workbook whose sheet points at a shared string that does not exist: it opens, then fails while read."""
    import zipfile

    from dashboard.table_import import write_template

    template = path.with_name("template.xlsx")
    write_template(template)
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(path, "w") as target:
        for member in source.infolist():
            data = source.read(member.filename)
            if member.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", b'<row r="2"><c r="A2" t="s"><v>999</v></c></row></sheetData>')
            target.writestr(member, data)
    return path


def hand_made_batch(db_path, name="b1", owner_waits=True):
    """A batch as an intruder (or a killed CLI) leaves it; returns (folder, the owner's lock or None)."""
    import fcntl

    batch = inbox.inbox_dir(db_path) / name
    (batch / "000000").mkdir(parents=True)
    (batch / inbox.REQUEST_FILE).write_text('{"kind": "files"}', encoding="utf-8")
    lock = open(batch / inbox.OWNER_LOCK, "w")  # noqa: SIM115
    if owner_waits:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return batch, lock
    lock.close()
    return batch, None


def test_a_malformed_xlsx_is_its_own_error_line_and_the_batch_is_answered(app_reading_inbox, con, db_path, tmp_path):
    bad = malformed_xlsx(tmp_path / "broken.xlsx")
    result = inbox.submit(db_path, [bad, FOUNDING_REPORT])
    assert [r.error for r in result.results] == ["not a readable XLSX workbook (IndexError in the sheet)", None]
    assert summary(con, Filters())["events"] == 1


def test_the_inbox_worker_survives_a_failing_round_and_is_restarted_if_it_dies(con, db_path, monkeypatch):
    rounds = []

    def failing(cursor, path, *rest):
        if path != db_path:  # another store's worker in this process (an app started by an earlier page test)
            return False, []
        rounds.append(1)
        raise SystemExit if len(rounds) == 3 else RuntimeError("boom")

    monkeypatch.setattr(inbox, "POLL_SECONDS", 0.01)
    monkeypatch.setattr(inbox, "process_pending", failing)
    worker = inbox.Worker(con, db_path, lambda: None)
    try:
        deadline = time.monotonic() + 10
        while len(rounds) < 3 and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.1)
        assert len(rounds) == 3  # two RuntimeErrors did not stop it; SystemExit did
        assert worker.ensure_running()
        deadline = time.monotonic() + 10
        while len(rounds) < 4 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert len(rounds) >= 4
    finally:
        worker.stop()


def test_links_in_a_batch_are_refused_not_imported(con, db_path, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_bytes(FOUNDING_REPORT.read_bytes())  # any file the app can read
    batch, lock = hand_made_batch(db_path)
    (batch / "000000" / "report.txt").symlink_to(secret)
    (batch / "000001").symlink_to(tmp_path)  # a folder outside the batch
    try:
        inbox.process_pending(con, db_path)
    finally:
        lock.close()
    answers = json.loads((batch / inbox.RESULT_FILE).read_text(encoding="utf-8"))
    assert answers == [{"file": "000000/report.txt", "outcomes": {}, "error": "not a regular file; refused"}]
    assert summary(con, Filters())["events"] == 0


def test_a_batch_left_by_a_killed_command_is_reported_not_imported(con, db_path):
    batch, _ = hand_made_batch(db_path, owner_waits=False)
    (batch / "000000" / "report.txt").write_bytes(FOUNDING_REPORT.read_bytes())
    changed, notices = inbox.process_pending(con, db_path)
    assert changed == 0 and "left by a command that is gone" in notices[0]
    assert not batch.exists()
    assert summary(con, Filters())["events"] == 0


def test_an_answer_that_cannot_be_written_is_not_imported_again_and_the_submitter_fails(
    app_reading_inbox, db_path, monkeypatch
):
    real_replace = os.replace

    def no_result(source, target):
        if str(target).endswith(inbox.RESULT_FILE):
            raise PermissionError(13, "Permission denied")
        real_replace(source, target)

    monkeypatch.setattr(inbox.os, "replace", no_result)
    imports = []
    monkeypatch.setattr(
        inbox, "ingest_files", lambda con, paths, on_file: imports.append(paths) or ingest_files(con, paths, on_file)
    )
    with pytest.raises(inbox.InboxError, match="stopped answering"):
        inbox.submit(db_path, [FOUNDING_REPORT], stale_after=1.0)
    assert len(imports) == 1


def test_the_submitter_sees_progress(app_reading_inbox, db_path, monkeypatch):
    seen = []

    def slowly(con, paths, on_file):  # each file's answer a while after the previous one
        return ingest_files(con, paths, lambda result: on_file(result) or time.sleep(0.5))

    monkeypatch.setattr(inbox, "ingest_files", slowly)
    inbox.submit(
        db_path, [FOUNDING_REPORT, FOUNDING_REPORT], on_progress=lambda done, total: seen.append((done, total))
    )
    assert (1, 2) in seen  # shown before the second file is answered


def test_many_files_are_stored_a_batch_at_a_time_and_answered_in_their_order(con, db_path, tmp_path, monkeypatch):
    """Not a transaction and a refresh of the derived tables per file: a large import beside the app
    would otherwise take a minute and slow every viewer's page meanwhile."""
    from dashboard import ingest
    from dashboard.bench import write_reports

    refreshes = []
    refresh = ingest.refresh_derived
    monkeypatch.setattr(ingest, "refresh_derived", lambda con, ids: refreshes.append(len(ids)) or refresh(con, ids))
    reports = tmp_path / "reports"
    reports.mkdir()
    files = write_reports(reports, ingest.BATCH_FILES + 5)
    empty = reports / "empty.txt"
    empty.write_bytes(b"")
    batch, lock = hand_made_batch(db_path)
    for index, path in enumerate([files[0], empty, *files[1:]]):
        (batch / f"{index:06d}").mkdir(exist_ok=True)
        (batch / f"{index:06d}" / path.name).write_bytes(path.read_bytes())
    try:
        changed, _ = inbox.process_pending(con, db_path)
    finally:
        lock.close()
    answers = json.loads((batch / inbox.RESULT_FILE).read_text(encoding="utf-8"))
    assert [answer["file"] for answer in answers] == [
        f"{index:06d}/{path.name}" for index, path in enumerate([files[0], empty, *files[1:]])
    ]
    assert answers[1]["error"] == "file is empty"
    assert all(answer["outcomes"] == {"added": 1} for index, answer in enumerate(answers) if index != 1)
    assert summary(con, Filters())["events"] == len(files)
    assert changed == 1
    assert len(refreshes) == 2  # BATCH_FILES files to a refresh


def test_open_pages_rerun_after_an_import_that_changed_the_store_only(con, db_path):
    """The worker tells the app (`ui.data_changed`, which reruns every open page) when a batch changed
    the store; files already stored as they are change nothing and rerun nobody."""
    ingest_files(con, [FOUNDING_REPORT], None)
    changes = []
    worker = inbox.Worker(con, db_path, lambda: changes.append(1))
    try:
        unchanged = answered(db_path, "b1", FOUNDING_REPORT.read_bytes())
        assert unchanged[0]["outcomes"] == {"unchanged": 1}
        time.sleep(2 * inbox.POLL_SECONDS)
        assert changes == []
        another_day = answered(db_path, "b2", FOUNDING_REPORT.read_bytes().replace(b"2021", b"2022"))
        assert another_day[0]["outcomes"] == {"added": 1}
        deadline = time.monotonic() + 10
        while not changes and time.monotonic() < deadline:
            time.sleep(0.05)
        assert changes == [1]
    finally:
        worker.stop()


def answered(db_path, name: str, report: bytes) -> list[dict]:
    """The answer of the running worker to a batch of one report."""
    batch, lock = hand_made_batch(db_path, name)
    (batch / "000000" / "report.txt").write_bytes(report)
    try:
        deadline = time.monotonic() + 60
        while not (batch / inbox.RESULT_FILE).exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        return json.loads((batch / inbox.RESULT_FILE).read_text(encoding="utf-8"))
    finally:
        lock.close()

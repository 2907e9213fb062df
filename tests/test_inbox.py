import threading

import pytest

from dashboard import inbox
from dashboard.filters import Filters
from dashboard.stats import summary
from tests.conftest import FOUNDING_REPORT


def test_a_batch_handed_to_the_writer_is_ingested_and_answered(con, db_path, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    stop = threading.Event()

    def app_worker():
        while not stop.is_set():
            inbox.process_pending(con, db_path)
            stop.wait(0.05)

    worker = threading.Thread(target=app_worker)
    worker.start()
    try:
        result = inbox.submit(db_path, [FOUNDING_REPORT, empty])
    finally:
        stop.set()
        worker.join()
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

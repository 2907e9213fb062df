"""Page runs take turns (dashboard/run_queue.py): with every turn taken, a viewer's page waits in line."""

import threading

from streamlit.testing.v1 import AppTest

from dashboard import run_queue
from tests.conftest import APP


def test_a_page_run_waits_for_a_turn_and_runs_once_one_is_free(app_store):
    for _ in range(run_queue.RUNS_AT_ONCE):
        run_queue.turn.acquire()  # as many page runs as may run at once, still running
    at = AppTest.from_file(APP, default_timeout=60)
    finished = threading.Event()
    viewer = threading.Thread(target=lambda: (at.run(), finished.set()))
    try:
        viewer.start()
        assert not finished.wait(2), "the page ran without waiting for a turn"
    finally:
        for _ in range(run_queue.RUNS_AT_ONCE):
            run_queue.turn.release()
    assert finished.wait(60)
    viewer.join()
    assert not at.exception and at.title[0].value == "Overview"

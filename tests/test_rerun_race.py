"""The workaround for Streamlit's lost end of a page run (dashboard/rerun_race.py).

The race itself needs a lagging event loop; tests/test_browser.py's twenty sessions during an import
meet it on a busy machine. These tests pin the session's side of the workaround with stand-ins for
Streamlit's session and runner, on a real event loop."""

import asyncio
import inspect

import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetStates
from streamlit.runtime.app_session import AppSession, AppSessionState
from streamlit.runtime.scriptrunner_utils.script_requests import RerunData

from dashboard import rerun_race


class Runner:
    def __init__(self, takes_reruns: bool):
        self.takes_reruns, self.handed = takes_reruns, []

    def request_rerun(self, rerun_data) -> bool:
        if self.takes_reruns:
            self.handed.append(rerun_data)
        return self.takes_reruns


class Session:
    def __init__(self, runner, loop):
        self._scriptrunner, self._event_loop = runner, loop
        self._state = AppSessionState.APP_NOT_RUNNING
        self.runners_started: list = []


@pytest.fixture
def started_runners(monkeypatch):
    monkeypatch.setattr(rerun_race, "_start_runner", lambda session, data: session.runners_started.append(data))


TICK = RerunData(fragment_id="timer", is_auto_rerun=True, widget_states=WidgetStates())
FULL_RUN = RerunData(query_string="region=Batken", widget_states=WidgetStates())
FRAGMENT_CLICK = RerunData(fragment_id="view", widget_states=WidgetStates())


async def settle() -> None:
    await asyncio.sleep(rerun_race.RETRY_SECONDS * 5)


def test_a_rerun_waits_until_the_stopped_runners_events_are_handled(started_runners):
    async def scenario():
        session = Session(Runner(takes_reruns=False), asyncio.get_running_loop())
        rerun_race._start_runner_after_stopped_one(session, TICK)
        await settle()
        assert session.runners_started == []  # the stopped runner's last events still wait on the loop
        session._scriptrunner = None  # Streamlit's handling of its shutdown event
        await settle()
        assert session.runners_started == [TICK]

    asyncio.run(scenario())


def test_a_rerun_goes_to_a_runner_started_meanwhile(started_runners):
    async def scenario():
        session = Session(Runner(takes_reruns=False), asyncio.get_running_loop())
        rerun_race._start_runner_after_stopped_one(session, TICK)
        session._scriptrunner = newer = Runner(takes_reruns=True)  # a full rerun started one
        await settle()
        assert newer.handed == [TICK] and session.runners_started == []

    asyncio.run(scenario())


def test_a_tick_that_waited_is_dropped_once_a_later_request_started_a_run(started_runners):
    """Its widget values are from before the viewer's change that started that run: handed over,
    they would undo it."""

    async def scenario():
        session = Session(Runner(takes_reruns=False), asyncio.get_running_loop())
        rerun_race._start_runner_after_stopped_one(session, TICK)
        session._scriptrunner = None  # a filter change: Streamlit stops the runner and starts one at once
        rerun_race._start_runner_after_stopped_one(session, FULL_RUN)
        session._scriptrunner = newer = Runner(takes_reruns=True)
        await settle()
        assert session.runners_started == [FULL_RUN] and newer.handed == []

    asyncio.run(scenario())


def test_a_fragment_click_that_waited_keeps_its_fragment_but_not_its_old_widget_values(started_runners):
    async def scenario():
        session = Session(Runner(takes_reruns=False), asyncio.get_running_loop())
        rerun_race._start_runner_after_stopped_one(session, FRAGMENT_CLICK)
        session._scriptrunner = None
        rerun_race._start_runner_after_stopped_one(session, FULL_RUN)
        session._scriptrunner = newer = Runner(takes_reruns=True)
        await settle()
        assert [(data.fragment_id, data.widget_states) for data in newer.handed] == [("view", None)]

    asyncio.run(scenario())


def test_of_two_waiting_reruns_the_later_keeps_its_widget_values(monkeypatch):
    started = []

    def start(session, data):  # as Streamlit's: the session holds the new runner
        started.append(data)
        session._scriptrunner = Runner(takes_reruns=True)

    monkeypatch.setattr(rerun_race, "_start_runner", start)

    async def scenario():
        session = Session(Runner(takes_reruns=False), asyncio.get_running_loop())
        rerun_race._start_runner_after_stopped_one(session, TICK)
        rerun_race._start_runner_after_stopped_one(session, FRAGMENT_CLICK)
        session._scriptrunner = None
        await settle()
        assert started == [TICK] and session._scriptrunner.handed == [FRAGMENT_CLICK]

    asyncio.run(scenario())


def test_without_a_stopped_runner_a_rerun_starts_at_once_and_a_closed_session_starts_none(started_runners):
    async def scenario():
        loop = asyncio.get_running_loop()
        fresh = Session(None, loop)
        rerun_race._start_runner_after_stopped_one(fresh, FULL_RUN)
        assert fresh.runners_started == [FULL_RUN]
        closed = Session(Runner(takes_reruns=False), loop)
        rerun_race._start_runner_after_stopped_one(closed, TICK)
        closed._state = AppSessionState.SHUTDOWN_REQUESTED
        closed._scriptrunner = None
        await settle()
        assert closed.runners_started == []

    asyncio.run(scenario())


def test_a_runner_that_never_hands_over_its_shutdown_is_replaced_after_the_wait(started_runners, monkeypatch):
    monkeypatch.setattr(rerun_race, "WAIT_SECONDS", rerun_race.RETRY_SECONDS)

    async def scenario():
        session = Session(Runner(takes_reruns=False), asyncio.get_running_loop())
        rerun_race._start_runner_after_stopped_one(session, TICK)
        await settle()
        assert session.runners_started == [TICK]

    asyncio.run(scenario())


def test_the_workaround_replaces_what_streamlit_calls_to_start_a_runner():
    # A Streamlit upgrade that starts runners another way would leave the workaround unused.
    assert "self._create_scriptrunner(rerun_data)" in inspect.getsource(AppSession.request_rerun)
    original = AppSession._create_scriptrunner
    try:
        rerun_race.install()
        assert AppSession._create_scriptrunner is rerun_race._start_runner_after_stopped_one
    finally:
        AppSession._create_scriptrunner = original

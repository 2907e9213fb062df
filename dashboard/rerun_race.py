"""A viewer kept the half-drawn end of a page run under load: a Streamlit race, worked around here.

A session's script runner runs in its own thread and hands its events (the page's elements, then
"run finished") to the server's event loop, which handles them in order. When the loop lags behind
(many viewers, an import: seen with 20 sessions on 2 cores), a runner can finish its page run and
stop while its last events still wait in the loop's queue. If a fragment rerun reaches the session
just then (the timer of `st.fragment(run_every=...)`, which every page has: dashboard/ui.py), Streamlit
1.67's `AppSession.request_rerun` finds the runner stopped and starts a new one at once; the old
runner's queued events are then ignored as coming from a runner no longer current. The viewer never
gets the end of the page or its "finished" message, and the page stays as it was until the next
full run (seen in the load test as a session whose page run never finished).

`install()` (at server start) makes the session wait for those events first: while the session
still holds a stopped runner (its shutdown event not handled yet), the new runner is started a
moment later, or the rerun is handed to a runner started meanwhile. Only that case changes; a
session without a runner, or whose runner takes the rerun, behaves as before.
"""

import time

from streamlit.runtime.app_session import AppSession, AppSessionState

RETRY_SECONDS = 0.01
# A stopped runner hands over its shutdown event at once; this bounds the wait if it never does.
WAIT_SECONDS = 2.0

_start_runner = AppSession._create_scriptrunner


def _start_runner_after_stopped_one(session: AppSession, rerun_data, waiting_since: float | None = None) -> None:
    """Called on the event loop, as `AppSession._create_scriptrunner` is."""
    if session._state == AppSessionState.SHUTDOWN_REQUESTED:
        return
    runner = session._scriptrunner
    if runner is None or (waiting_since is not None and time.monotonic() - waiting_since > WAIT_SECONDS):
        _start_runner(session, rerun_data)
    elif waiting_since is None or not runner.request_rerun(rerun_data):
        session._event_loop.call_later(
            RETRY_SECONDS, _start_runner_after_stopped_one, session, rerun_data, waiting_since or time.monotonic()
        )


def install() -> None:
    AppSession._create_scriptrunner = _start_runner_after_stopped_one

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

A rerun that waited is older than any run started meanwhile for a later request (a viewer's filter
change starts its run at once). It must not bring back the widget values it was sent with: a
fragment tick handed over with them undid the filter the viewer had just picked (seen in headless
Chromium: the pick vanished and the page link kept the old filter). So a superseded timer tick is
dropped (the later run draws the whole page), and a superseded fragment interaction keeps its
fragment but takes the session's current widget values.
"""

import time
from dataclasses import replace

from streamlit.runtime.app_session import AppSession, AppSessionState

RETRY_SECONDS = 0.01
# A stopped runner hands over its shutdown event at once; this bounds the wait if it never does.
WAIT_SECONDS = 2.0

_start_runner = AppSession._create_scriptrunner


def _start_runner_after_stopped_one(
    session: AppSession, rerun_data, waiting_since: float | None = None, request: int | None = None
) -> None:
    """Called on the event loop, as `AppSession._create_scriptrunner` is. `request` numbers the
    session's requests in the order they came; a retry keeps its number."""
    if session._state == AppSessionState.SHUTDOWN_REQUESTED:
        return
    if request is None:
        request = getattr(session, "_rerun_requests", 0) + 1
        session._rerun_requests = request
    elif getattr(session, "_last_started_request", 0) > request:
        if rerun_data.is_auto_rerun:
            return
        rerun_data = replace(rerun_data, widget_states=None)  # None: the session's current values
    runner = session._scriptrunner
    if runner is None or (waiting_since is not None and time.monotonic() - waiting_since > WAIT_SECONDS):
        session._last_started_request = request
        _start_runner(session, rerun_data)
    elif waiting_since is None or not runner.request_rerun(rerun_data):
        session._event_loop.call_later(
            RETRY_SECONDS,
            _start_runner_after_stopped_one,
            session,
            rerun_data,
            waiting_since or time.monotonic(),
            request,
        )


def install() -> None:
    AppSession._create_scriptrunner = _start_runner_after_stopped_one

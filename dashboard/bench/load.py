"""Many viewers at once while an import runs, against a running `streamlit run`.

Each session speaks Streamlit's own websocket protocol (the messages a browser sends; 20 real
Chromium tabs on 2 cores would measure the browser, not the app) and applies filter sets one
after another, timing each page run from the rerun request to its successful finish. Meanwhile
`python -m dashboard ingest` is run against the app's store, as a user would, so the files go
through the running app's inbox. The server's resident memory (with any child processes) is
sampled throughout. Shared by the bench and tests/test_browser.py.
"""

import asyncio
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from dashboard.config import PROJECT_ROOT

REGIONS = ["Batken", "Osh", "Chuy", "Naryn", "Talas", "Bishkek", "Issyk-Kul", "Jalal-Abad", "Osh city"]
REPLY_SECONDS = 120
ROUND_SECONDS = 300
SESSIONS_SECONDS = 900
IMPORT_SECONDS = 900
SAMPLE_SECONDS = 0.1


def filter_set(index: int, round_number: int) -> dict[str, str]:
    """Session `index`'s filters in round `round_number`: another region and start year each round."""
    return {"region": REGIONS[(index + round_number) % len(REGIONS)], "from": f"{2015 + round_number}-01-01"}


async def session(url: str, index: int, rounds: int, timings: list[float], problems: list[str]) -> None:
    """One viewer's session: each round asks for a page run with other filters and waits for it.

    As a browser does, it also reruns the page's fragments that ask for it (`st.fragment(run_every=...)`:
    the server names them in an `auto_rerun` message and the browser's timer asks for their runs), so
    the pages' check for new data runs, and the import's rerun reaches these sessions as it reaches viewers.
    Like Streamlit's frontend, it drops those timers whenever a full run starts (a `new_session` naming no
    fragments) and sets them again from that run's `auto_rerun` messages.

    Each round must see its page run finish within ROUND_SECONDS: fragment runs keep the socket busy,
    so waiting for a reply alone would never end a session whose page run was lost."""
    import websockets
    from streamlit.proto import BackMsg_pb2, ForwardMsg_pb2

    stream = url.replace("http://", "ws://") + "/_stcore/stream"
    query_string = ""
    timers: dict[str, asyncio.Task] = {}

    async def auto_rerun(socket, fragment_id: str, interval: float) -> None:
        while True:
            await asyncio.sleep(interval)
            message = BackMsg_pb2.BackMsg()
            message.rerun_script.query_string = query_string
            message.rerun_script.fragment_id = fragment_id
            message.rerun_script.is_auto_rerun = True
            await socket.send(message.SerializeToString())

    # No keepalive pings from this side: a browser sends none, so a server too busy to answer one
    # in time would close a session here that a viewer keeps.
    async with websockets.connect(stream, subprotocols=["streamlit"], max_size=None, ping_interval=None) as socket:
        try:
            for round_number in range(rounds):
                message = BackMsg_pb2.BackMsg()
                query_string = message.rerun_script.query_string = urlencode(filter_set(index, round_number))
                started = time.monotonic()
                finishes: list[str] = []  # how this round's runs ended, for a report if none is its page run
                await socket.send(message.SerializeToString())
                while True:
                    left = started + ROUND_SECONDS - time.monotonic()
                    if left <= 0:
                        problems.append(
                            f"session {index}, round {round_number}: its page run did not finish in "
                            f"{ROUND_SECONDS} s; runs ended meanwhile: {', '.join(finishes[-10:]) or 'none'}"
                        )
                        return
                    reply = ForwardMsg_pb2.ForwardMsg()
                    try:
                        reply.ParseFromString(await asyncio.wait_for(socket.recv(), min(REPLY_SECONDS, left)))
                    except TimeoutError:
                        if left < REPLY_SECONDS:
                            continue  # the round's deadline, reported above
                        raise
                    kind = reply.WhichOneof("type")
                    if kind == "new_session" and not reply.metadata.run.fragment_ids:
                        for timer in timers.values():
                            timer.cancel()
                        timers.clear()
                    if kind == "auto_rerun" and reply.auto_rerun.fragment_id not in timers:
                        timer = auto_rerun(socket, reply.auto_rerun.fragment_id, reply.auto_rerun.interval)
                        timers[reply.auto_rerun.fragment_id] = asyncio.create_task(timer)
                    if kind == "delta" and reply.delta.new_element.WhichOneof("type") == "exception":
                        problems.append(f"session {index}: {reply.delta.new_element.exception.message}")
                    if kind != "script_finished":
                        continue
                    status = reply.script_finished
                    finishes.append(ForwardMsg_pb2.ForwardMsg.ScriptFinishedStatus.Name(status))
                    if status == ForwardMsg_pb2.ForwardMsg.FINISHED_SUCCESSFULLY:
                        timings.append(time.monotonic() - started)
                        break
                    # A run cut short because the import changed the data reruns at once; fragments tick too.
                    if status not in (
                        ForwardMsg_pb2.ForwardMsg.FINISHED_EARLY_FOR_RERUN,
                        ForwardMsg_pb2.ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY,
                    ):
                        problems.append(f"session {index}: script finished with status {status}")
                        break
        finally:
            for timer in timers.values():
                timer.cancel()


def run_sessions(url: str, sessions: int, rounds: int) -> tuple[list[float], list[str]]:
    """All sessions at once; page run times in seconds and the problems seen (exceptions, failed runs)."""
    timings: list[float] = []
    problems: list[str] = []

    async def one(index: int) -> None:
        try:
            await session(url, index, rounds, timings, problems)
        except Exception as error:  # a dropped socket or a run that never ends is a problem to report
            problems.append(f"session {index}: {type(error).__name__}: {error}")

    async def all_sessions() -> None:
        await asyncio.gather(*(one(index) for index in range(sessions)))

    # Its own thread and event loop: a caller may already run one (Playwright's sync API does).
    worker = threading.Thread(target=lambda: asyncio.run(all_sessions()))
    worker.start()
    worker.join(timeout=SESSIONS_SECONDS)
    if worker.is_alive():
        problems.append(f"sessions still running after {SESSIONS_SECONDS} s")
    return timings, problems


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and its descendants, in kB, from /proc."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            # The command name in parentheses may hold spaces: fields after its closing one.
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # the process ended meanwhile
        parents[int(stat.parent.name)] = int(fields[1])
    family, total = {pid}, 0
    for child, parent in sorted(parents.items()):
        if parent in family:
            family.add(child)
    for member in family:
        try:
            lines = Path(f"/proc/{member}/status").read_text().splitlines()
        except OSError:
            continue
        total += next((int(line.split()[1]) for line in lines if line.startswith("VmRSS:")), 0)
    return total


class PeakMemory:
    """Samples a process tree's resident memory in a thread until stopped; `peak_mb` is the highest."""

    def __init__(self, pid: int):
        self.pid, self.peak_kb, self.samples = pid, 0, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak_kb = max(self.peak_kb, _tree_rss_kb(self.pid))
            self.samples += 1
            self._stop.wait(SAMPLE_SECONDS)

    def __enter__(self) -> "PeakMemory":
        self._thread.start()
        return self

    def __exit__(self, *_) -> None:
        self._stop.set()
        self._thread.join()

    @property
    def peak_mb(self) -> float:
        return self.peak_kb / 1024


def import_beside_app(store_path: Path, folder: Path) -> dict:
    """`python -m dashboard ingest FOLDER` against the app's store, as a user runs it."""
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "dashboard", "ingest", "--quiet", str(folder)],
        cwd=PROJECT_ROOT,
        env={**os.environ, "DASHBOARD_DB": str(store_path)},
        capture_output=True,
        text=True,
        timeout=IMPORT_SECONDS,
    )
    counts = re.search(r"added (\d+), updated (\d+), unchanged (\d+), failed (\d+)", result.stdout)
    added, updated, unchanged, failed = (int(n) for n in counts.groups()) if counts else (0, 0, 0, 0)
    return {
        "files": sum(1 for _ in folder.iterdir()),
        "returncode": result.returncode,
        "through_app": "handing the files to it" in result.stderr,
        "added": added,
        "updated": updated,
        "unchanged": unchanged,
        "failed": failed,
        "seconds": time.monotonic() - started,
        "summary": result.stdout.strip().splitlines()[-1] if result.stdout.strip() else "",
        "stderr": result.stderr.strip()[-2000:],
    }


def p95(values: list[float]) -> float:
    """95th percentile (statistics' default 'exclusive' method; one value is its own percentile)."""
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def measure(url: str, server_pid: int, store_path: Path, reports: Path, sessions: int, rounds: int) -> dict:
    """`sessions` viewers each applying `rounds` filter sets while the files in `reports` are imported.

    One page run comes first, so the app has its store open and the import goes through the app, as
    it does beside a running app that viewers use."""
    _, problems_before = run_sessions(url, 1, 1)
    imported: dict = {}
    importer = threading.Thread(target=lambda: imported.update(import_beside_app(store_path, reports)))
    with PeakMemory(server_pid) as memory:
        started = time.monotonic()
        importer.start()
        timings, problems = run_sessions(url, sessions, rounds)
        importer.join(timeout=IMPORT_SECONDS)
        seconds = time.monotonic() - started
    return {
        "sessions": sessions,
        "rounds": rounds,
        "page_runs": len(timings),
        "page_runs_expected": sessions * rounds,
        "page_run_seconds": [round(value, 3) for value in timings],
        "median_seconds": statistics.median(timings) if timings else None,
        "p95_seconds": p95(timings) if timings else None,
        "max_seconds": max(timings) if timings else None,
        "errors": problems_before + problems,
        "import": imported or {"error": f"the import did not end in {IMPORT_SECONDS} s"},
        "seconds": seconds,
        "peak_rss_mb": memory.peak_mb,
        "rss_samples": memory.samples,
    }

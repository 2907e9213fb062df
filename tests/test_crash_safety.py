"""An ingest killed with SIGKILL halfway leaves a store that opens, holds only whole events,
and a rerun of the same ingest completes it without duplicates."""

import os
import re
import subprocess
import sys
import time
from datetime import date, timedelta

import duckdb

from dashboard import store
from dashboard.ingest import BATCH_FILES
from tests.conftest import ROOT, run_cli

FILES = 4 * BATCH_FILES  # four transactions
KILL_AT = FILES * 2 // 5  # files reported done before the kill (40 %): after two batches, during the third
PROPOSALS = (
    "to raise personnel issues",
    "to increase pensions for the border areas",
    "to build a new school for the children of migrants",
    "to repair the water supply in villages",
    "to support local media in the border zones",
)
TEMPLATE = """Open dialogue platform number {n} in Batken region on the topic "Topic {n}"

Moderator: Tolonbek Shakirovich Abdyrov, Chairman of the Coordination Board.

Date and venue: {day:%B %d, %Y}, Batken city, conference hall.

Number of participants: 30, out of which 12 are women and 18 are men.

Suggestions made:

{proposals}
"""


def proposals_of(n: int) -> list[str]:
    return [f"{text} (event {n})" for text in PROPOSALS[: n % len(PROPOSALS) + 1]]


def write_reports(folder) -> None:
    folder.mkdir()
    for n in range(FILES):
        items = "\n".join(f"{position}. {text};" for position, text in enumerate(proposals_of(n), start=1))
        text = TEMPLATE.format(n=n, day=date(2021, 1, 1) + timedelta(days=n), proposals=items)
        (folder / f"report_{n:04d}.txt").write_text(text, encoding="utf-8")


def ingest_until_killed(folder, db) -> tuple[int, float]:
    """Start the ingest, SIGKILL it once its progress bar shows KILL_AT files; (files shown, seconds)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "dashboard", "ingest", str(folder)],
        cwd=ROOT,
        env={**os.environ, "DASHBOARD_DB": str(db)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    seen = b""
    done = 0
    try:
        while done < KILL_AT:
            chunk = os.read(process.stderr.fileno(), 4096)
            assert chunk, f"ingest ended before the kill: {seen[-500:]!r}"
            seen = (seen + chunk)[-4096:]
            counts = re.findall(rb"(\d+)/%d" % FILES, seen)
            done = int(counts[-1]) if counts else 0
        process.kill()
    finally:
        process.wait()
        process.stderr.close()
    assert process.returncode == -9
    return done, time.perf_counter() - started


def test_killed_ingest_leaves_whole_events_and_a_rerun_completes(tmp_path):
    folder = tmp_path / "reports"
    write_reports(folder)
    db = tmp_path / "store.duckdb"
    shown, seconds = ingest_until_killed(folder, db)
    # The import writes batches of files and lets go of the store (a checkpoint) after a batch once
    # it has held it a second, so the last committed batch may live only in the WAL, or not:
    # either way the store must open whole.

    con = store.connect(db)  # replays the WAL
    stored = con.execute(
        "select e.source_file, p.total, p.women, p.men, list(pr.text order by pr.position) "
        "from events e join participation p using (event_id) join proposals pr using (event_id) "
        "group by all"
    ).fetchall()
    events = con.execute("select count(*) from events").fetchone()[0]
    assert store.integrity_problems(con) == []
    con.close()
    print(f"\nkilled after {seconds:.2f} s; progress showed {shown} files; {events} events committed")

    assert shown <= events < FILES, "every file the bar counted is committed, and the kill came before the end"
    assert len(stored) == events, "every stored event has its participation and proposals"
    for source_file, total, women, men, texts in stored:
        n = int(re.search(r"\d+", source_file).group())
        assert (total, women, men) == (30, 12, 18)
        assert texts == proposals_of(n), f"{source_file} is stored whole"

    rerun = run_cli("ingest", str(folder), db=db)
    assert rerun.returncode == 0, rerun.stderr
    assert f"added {FILES - events}, updated 0, unchanged {events}, failed 0" in rerun.stdout
    con = duckdb.connect(str(db), read_only=True)
    counts = con.execute("select count(*), count(distinct fingerprint) from events").fetchone()
    proposals = con.execute("select count(*) from proposals").fetchone()[0]
    con.close()
    assert counts == (FILES, FILES)
    assert proposals == sum(len(proposals_of(n)) for n in range(FILES))

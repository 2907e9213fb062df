"""Page runs take turns: at most RUNS_AT_ONCE of them run at a time, the rest wait in line.

One server process runs every viewer's page script, and Python runs one thread at a time. When 20
viewers change filters at once, 20 page runs that all start share the process evenly and all
finish near the end; in line, the first are done early and the last no later. Two at a time keep
both cores busy: while one run waits for DuckDB (which works outside Python's lock), the other runs
Python. Measured in the load test (docs/performance.md, "Load"): 95th percentile 2.1–2.8 s with no
line, 1.2–1.6 s with two at a time, 1.3–2.6 s with three.

Only whole page runs wait in line; fragment runs (a view's own widgets, the data-change timer) are
short and go ahead. A waiting run that its viewer replaced meanwhile stops at its first element.
"""

import threading

RUNS_AT_ONCE = 2

turn = threading.BoundedSemaphore(RUNS_AT_ONCE)  # `with run_queue.turn:` around a page run

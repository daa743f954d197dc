"""A fixed sample plan for the app's tests, pictures and benchmark.

Made with the same actions the CLI runs (`plan`, `done`, `log`), each on its own
fixed day, in a throwaway MLPATH_HOME; "today" is TODAY.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

TODAY = date(2026, 5, 20)  # a Wednesday in week 20 of the intermediate plan
START = "2026-01-05"

DONE = [  # (day, item)
    ("2026-03-26", "1"),
    ("2026-04-09", "nn-architecture"),
    ("2026-04-27", "backpropagation"),
    ("2026-05-13", "optimizers"),
    ("2026-05-19", "loss-functions"),
]
LOGS = [("2026-05-13", "12"), ("2026-05-18", "2"), ("2026-05-19", "1h30")]


def make_sample(home: Path) -> None:
    from mlpath.app.actions import log_time, make_plan, mark_done
    from mlpath.store.state import Store

    store = Store(home)
    make_plan(
        store,
        date.fromisoformat(START),
        roadmap="intermediate",
        level="beginner",
        hours="10",
        start=START,
        days=None,
        breaks=(),
        dry_run=False,
        force=False,
        config={},
    )
    steps = [(d, "done", x) for d, x in DONE] + [(d, "log", x) for d, x in LOGS]
    for day, kind, what in sorted(steps):
        when = date.fromisoformat(day)
        if kind == "done":
            mark_done(store, when, [what], on=None, note=None, evidence=None)
        else:
            log_time(store, when, what, on=None, note=None)

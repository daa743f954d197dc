"""One way for the app-level tests (catch-up, skip, past days) to lay their plan:
practical, intermediate, 14 h a week from Monday 2027-01-04, through app/actions."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from mlpath.app import actions
from mlpath.store.state import Store

START = date(2027, 1, 4)  # a Monday


def day(n: int) -> date:
    """The plan's day n, counted from 0 at the start."""
    return START + timedelta(days=n)


def planned_store(home: Path, review_minutes: str = "0") -> Store:
    store = Store(home)
    actions.make_plan(
        store, START, roadmap="practical", level="intermediate", hours="14",
        start="2027-01-04", days=None, breaks=(), dry_run=False, force=True,
        review_minutes=review_minutes,
    )  # fmt: skip
    return store

"""Merging two long histories: `mlpath merge` of two 100,000-event copies.

Two machines share a common history and then each records its own events; the
benchmark times core/merge.py's merge_states (the union by id, the sort, the
renumbering) and the whole `merge` of a conflict copy through the app (parse
both files, merge, write state.json and its .bak), at several sizes, and prints
the seconds and the seconds per 100,000 events, which stay flat when the
merge is linear (the sort is n log n, a small part at these sizes).

    python benchmarks/bench_merge.py            # 100,000 events per copy
    python benchmarks/bench_merge.py --events 20000

Target: <= 2 s for two 100,000-event histories on a 2-core machine.
"""

from __future__ import annotations

import argparse
import copy
import shutil
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from mlpath.app.merge import merge_copies
from mlpath.core import ledger as sm
from mlpath.core.merge import merge_states
from mlpath.core.schedule import Settings
from mlpath.store.state import Store, encode_state

TARGET = 2.0
ITEMS = ["python-libraries", "statistics", "linear-algebra", "regression"]


def history(n: int, common: float = 0.5) -> tuple[dict[str, Any], dict[str, Any]]:
    """Two copies of `n` events each: a shared first part, then each machine's own."""
    plan = sm.plan_record(
        roadmap_id="practical",
        roadmap_hash="x",
        roadmap_path=None,
        settings=Settings("beginner", sm.Fraction(15), date(2027, 1, 4)),
    )
    base: dict[str, Any] = {"format": "mlpath-state", "version": 3, "events": []}
    sm.append(base, "plan", "2027-01-04T08:00:00.000000Z", writer="0000000a", plan=plan)
    shared = int(n * common)

    def grow(state: dict[str, Any], count: int, t0: int, step: int, writer: str) -> None:
        for i in range(count):
            t = t0 + i * step  # microseconds after 2027-01-04 10:00, increasing
            s, us = divmod(t, 1_000_000)
            stamp = f"2027-01-04T{10 + s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}.{us:06d}Z"
            on = (date(2027, 1, 4) + timedelta(days=i % 300)).isoformat()
            if i % 10 == 0:
                sm.append(state, "done", stamp, writer=writer, item=ITEMS[i % 4], on=on)
            else:
                sm.append(state, "log", stamp, writer=writer, hours="0.5", on=on, note="practice")

    grow(base, shared - 1, 0, 2, "0000000a")
    a = copy.deepcopy(base)
    b = copy.deepcopy(base)
    grow(a, n - shared, shared * 2, 2, "0000000b")
    grow(b, n - shared, shared * 2 + 1, 2, "0000000c")
    return a, b


def best_of(runs: int, fn: Any) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=100_000, help="events per copy")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"merge of two histories (each half shared, half its own); best of {args.runs}")
    print(f"{'events per copy':>16} {'core merge':>11} {'whole merge':>12} {'s per 100k':>11}")
    sizes = sorted({args.events // 4, args.events // 2, args.events})
    result = 0.0
    for n in sizes:
        a, b = history(n)
        core = best_of(args.runs, lambda a=a, b=b: merge_states([("a", a), ("b", b)]))
        raw_a, raw_b = encode_state(a), encode_state(b)

        def whole(raw_a: bytes = raw_a, raw_b: bytes = raw_b) -> None:
            home = Path(tempfile.mkdtemp(prefix="mlpath-bench-merge-"))
            try:
                (home / "state.json").write_bytes(raw_a)
                (home / "state-LAPTOP.json").write_bytes(raw_b)
                merge_copies(Store(home))
            finally:
                shutil.rmtree(home)

        total = best_of(args.runs, whole)
        per = total / (2 * n) * 100_000
        print(f"{n:>16,} {core:>10.2f}s {total:>11.2f}s {per:>10.2f}s")
        result = total
    verdict = "within" if result <= TARGET else "over"
    print(
        f"two {args.events:,}-event histories: {result:.2f} s ({verdict} the {TARGET:.0f} s target)"
    )


if __name__ == "__main__":
    main()

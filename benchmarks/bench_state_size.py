"""The size of a compacted state after many events: version 3 beside version 2.

Two machines write N events (logs, a done every tenth) to one history, which is
then compacted as a write would (the last 1,000 events kept). Version 2 kept the
id of every absorbed event in the snapshot (~20 bytes each); version 3 keeps a
version vector, one counter per machine. Both sizes are measured on the same
history, side by side: the version-2 form is the same snapshot with its vector
replaced by the list version 2 wrote. Target: at 100,000 events, version 3's
file is at most 10% of version 2's.

    python benchmarks/bench_state_size.py            # 100,000 events
    python benchmarks/bench_state_size.py --events 20000
"""

from __future__ import annotations

import argparse
import hashlib
from datetime import date, timedelta
from fractions import Fraction
from typing import Any

from mlpath.core import ledger
from mlpath.core.compaction import compact
from mlpath.core.schedule import Settings
from mlpath.store.state import encode_state

TARGET = 0.10
ITEMS = ["python-libraries", "statistics", "linear-algebra", "regression"]


def history(n: int) -> dict[str, Any]:
    plan = ledger.plan_record(
        roadmap_id="practical",
        roadmap_hash="0123456789abcdef",
        roadmap_path=None,
        settings=Settings("beginner", Fraction(15), date(2027, 1, 4)),
    )
    state: dict[str, Any] = {"format": "mlpath-state", "version": 3, "events": []}
    ledger.append(state, "plan", "2027-01-04T08:00:00.000000Z", writer="0000000a", plan=plan)
    for i in range(n - 1):
        s, us = divmod(i, 1_000_000)
        stamp = f"2027-01-04T09:{s // 60 % 60:02d}:{s % 60:02d}.{us:06d}Z"
        writer = "0000000a" if i % 3 else "0000000b"  # a laptop and a desktop
        on = (date(2027, 1, 4) + timedelta(days=i % 300)).isoformat()
        if i % 10 == 0:
            ledger.append(state, "done", stamp, writer=writer, item=ITEMS[i % 4], on=on)
        else:
            ledger.append(state, "log", stamp, writer=writer, hours="0.5", on=on)
    return state


def as_version_2(state: dict[str, Any], absorbed: int) -> dict[str, Any]:
    """The same compacted state as version 2 wrote it: every absorbed id listed."""
    snap = dict(state["snapshot"])
    snap.pop("vv", None)
    snap.pop("legacy", None)
    snap.pop("learner", None)
    snap["absorbed"] = [hashlib.sha256(str(k).encode()).hexdigest()[:16] for k in range(absorbed)]
    return {**state, "version": 2, "snapshot": snap}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=100_000)
    args = parser.parse_args()
    print(f"{'events':>9} {'version 2':>11} {'version 3':>11} {'ratio':>7}")
    ratio = 0.0
    for n in sorted({args.events // 10, args.events}):
        state = history(n)
        moved = compact(state)
        v3 = len(encode_state(state))
        v2 = len(encode_state(as_version_2(state, len(moved))))
        ratio = v3 / v2
        print(f"{n:>9,} {v2:>10,}B {v3:>10,}B {ratio:>6.1%}")
    verdict = "within" if ratio <= TARGET else "over"
    print(
        f"at {args.events:,} events: {ratio:.1%} of version 2 ({verdict} the {TARGET:.0%} target)"
    )


if __name__ == "__main__":
    main()

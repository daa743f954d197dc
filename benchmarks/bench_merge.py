"""Merging two long histories: the whole `mlpath merge` of two 100,000-event copies.

Two machines share a common history and then each records its own events (half
shared, half each machine's own). The benchmark writes both copies as real state
files in a throw-away home (state.json and a conflict copy beside it) and runs
the whole command, `python -m mlpath merge`, as a subprocess: reading and
checking both files, the union, laying the merged plan, the compaction and its
archive, the .bak and state.json. It prints the median wall time beside
`python -c pass` (run in alternation, so machine noise hits both alike) and the
process's own peak memory (VmHWM as it exits, through benchmarks/bench.py's
sitecustomize), at several sizes, so that linearity shows in the seconds per
100,000 events. Then core/merge.py's merge_states alone, in this process (the
whole merge's core; `mlpath merge` of a long copy streams instead), the git merge
driver on the largest pair, and the everyday case: two copies that share a
compacted history.

    python benchmarks/bench_merge.py              # 100,000 events per copy
    python benchmarks/bench_merge.py --events 20000 --runs 3

Targets (issue 25): <= 1 s and <= 100 MiB for two 100,000-event copies.
"""

from __future__ import annotations

import argparse
import copy
import os
import shutil
import statistics
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bench import PY, peak, run  # one spawner and one peak-memory probe for all benchmarks

from mlpath.core import ledger
from mlpath.core.compaction import compact
from mlpath.core.merge import merge_states
from mlpath.core.schedule import Settings
from mlpath.store.catalog import resolve
from mlpath.store.state import encode_state

TARGET_SECONDS = 1.0
TARGET_MIB = 100.0
ITEMS = ["python-libraries", "statistics", "linear-algebra", "regression"]


def history(n: int, common: float = 0.5) -> tuple[dict[str, Any], dict[str, Any]]:
    """Two copies of `n` events each: a shared first part, then each machine's own."""
    base = _base()
    shared = int(n * common)
    _grow(base, shared - 1, 0, 2, "0000000a")
    a = copy.deepcopy(base)
    b = copy.deepcopy(base)
    _grow(a, n - shared, shared * 2, 2, "0000000b")
    _grow(b, n - shared, shared * 2 + 1, 2, "0000000c")
    return a, b


def compacted_history(n: int, own: int = 1000) -> tuple[dict[str, Any], dict[str, Any]]:
    """Two copies that share `n - own` events, compacted as mlpath keeps them, then
    `own` events each: machines that sync now and then."""
    base = _base()
    _grow(base, n - own - 1, 0, 2, "0000000a")
    compact(base)
    a = copy.deepcopy(base)
    b = copy.deepcopy(base)
    _grow(a, own, n * 2, 2, "0000000b")
    _grow(b, own, n * 2 + 1, 2, "0000000c")
    return a, b


def _base() -> dict[str, Any]:
    plan = ledger.plan_record(
        roadmap_id="practical",
        roadmap_hash=resolve("practical").content_hash,  # a plan that lays, as merge checks
        roadmap_path=None,
        settings=Settings("beginner", ledger.Fraction(15), date(2027, 1, 4)),
    )
    base: dict[str, Any] = {"format": "mlpath-state", "version": 3, "events": []}
    ledger.append(base, "plan", "2027-01-04T08:00:00.000000Z", writer="0000000a", plan=plan)
    return base


def _grow(state: dict[str, Any], count: int, t0: int, step: int, writer: str) -> None:
    for i in range(count):
        t = t0 + i * step  # microseconds after 2027-01-04 10:00, increasing
        s, us = divmod(t, 1_000_000)
        stamp = f"2027-01-04T{10 + s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}.{us:06d}Z"
        on = (date(2027, 1, 4) + timedelta(days=i % 300)).isoformat()
        if i % 10 == 0:
            ledger.append(state, "done", stamp, writer=writer, item=ITEMS[i % 4], on=on)
        else:
            ledger.append(state, "log", stamp, writer=writer, hours="0.5", on=on, note="practice")


class Home:
    """A throw-away MLPATH_HOME laid afresh before each run (a merge moves its copy away
    and rewrites state.json)."""

    def __init__(self, tmp: Path, name: str, a: dict[str, Any], b: dict[str, Any]) -> None:
        self.folder = tmp / name
        self.ours, self.theirs = encode_state(a), encode_state(b)
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("MLPATH_")}
        self.env.pop("PYTHONDONTWRITEBYTECODE", None)  # measure mlpath with its bytecode
        self.env.update(
            MLPATH_HOME=str(self.folder),
            MLPATH_CONFIG_DIR=str(tmp / "config"),
            MLPATH_CACHE_DIR=str(tmp / "cache"),
            MLPATH_TODAY="2027-02-15",
        )

    def lay(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir()
        (self.folder / "state.json").write_bytes(self.ours)
        (self.folder / "state-LAPTOP.json").write_bytes(self.theirs)
        if hasattr(os, "sync"):  # so the merge's fsyncs do not flush the benchmark's writes
            os.sync()

    def timed(self, runs: int) -> tuple[float, float]:
        """Median seconds of the whole merge, and its median ratio to `python -c pass`."""
        times, ratios = [], []
        self.lay()
        run(MERGE, self.env)  # warm: bytecode, the roadmap cache, the file cache
        for _ in range(runs):
            base, _ = run([PY, "-c", "pass"], self.env)
            self.lay()
            took, _ = run(MERGE, self.env)
            times.append(took)
            ratios.append(took / base)
        return statistics.median(times), statistics.median(ratios)

    def peak_mib(self, tmp: Path) -> float | None:
        self.lay()
        mb = peak(MERGE, self.env, tmp)  # bench.py's MB are MiB (KiB / 1024)
        return mb

    def driver(self, runs: int, tmp: Path) -> tuple[float, float | None]:
        """The git merge driver on the same two files (sync's merge: no compaction, so
        every merged event is written back): median seconds and peak MiB."""
        cmd = [PY, "-m", "mlpath.app.merge_driver", os.devnull]
        cmd += [str(self.folder / "state.json"), str(self.folder / "state-LAPTOP.json")]
        times = []
        for _ in range(runs):
            self.lay()
            times.append(run(cmd, self.env)[0])
        self.lay()
        return statistics.median(times), peak(cmd, self.env, tmp)


MERGE = [PY, "-m", "mlpath", "merge"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=100_000, help="events per copy")
    parser.add_argument("--runs", type=int, default=5, help="timed runs per size")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="mlpath-bench-merge-"))
    try:
        env = {k: v for k, v in os.environ.items() if not k.startswith("MLPATH_")}
        base_t = statistics.median(run([PY, "-c", "pass"], env)[0] for _ in range(5))
        base_mb = peak([PY, "-c", "pass"], env, tmp)
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(
            f"`mlpath merge` of two copies (half shared, half each machine's own), "
            f"median of {args.runs}; {os.cpu_count()} cores, load {load:.1f}"
        )
        print(
            f"{'events per copy':>16} {'whole merge':>12} {'ratio':>8} {'s per 100k':>11} "
            f"{'peak':>10} {'core merge':>11}"
        )
        sizes = sorted({args.events // 4, args.events // 2, args.events})
        result: tuple[float, float | None] = (0.0, None)
        for n in sizes:
            a, b = history(n)
            core = min(_core(a, b) for _ in range(3))
            home = Home(tmp, f"home-{n}", a, b)
            del a, b
            took, ratio = home.timed(args.runs)
            mb = home.peak_mib(tmp)
            per = took / (2 * n) * 100_000
            shown = f"{mb:6.1f} MiB" if mb is not None else "         —"
            print(
                f"{n:>16,} {took:>11.2f}s {ratio:>7.1f}x {per:>10.2f}s {shown:>10} {core:>10.2f}s"
            )
            result = (took, mb)
        print(f"{'python -c pass':>16} {base_t:>11.3f}s {1:>7.1f}x {'':>11} ", end="")
        print(f"{base_mb:6.1f} MiB" if base_mb is not None else "")
        took_d, mb_d = home.driver(args.runs, tmp)
        shown = f"{mb_d:.1f} MiB" if mb_d is not None else "—"
        print(f"the git merge driver on the {args.events:,}-event copies: {took_d:.2f} s, {shown}")
        a, b = compacted_history(args.events)
        home = Home(tmp, "home-compacted", a, b)
        took, ratio = home.timed(args.runs)
        mb = home.peak_mib(tmp)
        shown = f"{mb:.1f} MiB" if mb is not None else "—"
        print(
            f"{args.events:,} events per copy, compacted (sharing their snapshot, 1,000 own "
            f"events each): {took:.2f} s ({ratio:.1f}x), {shown}"
        )
        took, mb = result
        verdict = "within" if took <= TARGET_SECONDS else "over"
        line = f"two {args.events:,}-event copies: {took:.2f} s ({verdict} the 1 s target)"
        if mb is not None:
            verdict = "within" if mb <= TARGET_MIB else "over"
            line += f", {mb:.0f} MiB ({verdict} the 100 MiB target)"
        print(line)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _core(a: dict[str, Any], b: dict[str, Any]) -> float:
    start = time.perf_counter()
    merge_states([("a", a), ("b", b)])
    return time.perf_counter() - start


if __name__ == "__main__":
    main()

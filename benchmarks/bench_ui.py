"""`mlpath ui` benchmark: launch to the first full Today screen, and a redraw.

1. Launch: a fresh interpreter starts the app headless (80×24) on the sample
   plan of tests/uisample.py; the time from starting the process to the first
   screen with today's items painted (interpreter start included). Also shown:
   the whole run with the app's exit, an upper bound, and its CPU time, which
   is what the wall time comes to on an idle machine (on a busy one the wall
   time also counts the waits for a core). Target: median ≤ 0.8 s.
2. Redraw: with the app running, another writer appends a `log` (the CLI's own
   action, as `mlpath log` in a second terminal would); the time from the app
   noticing the state file moved to the redrawn views (reading the state,
   building every view, refreshing the widgets). Target: ≤ 100 ms. The app
   looks every 0.25 s, so a change shows within that plus this figure.

    python benchmarks/bench_ui.py            # 9 launches, 15 redraws
    python benchmarks/bench_ui.py --quick    # 5 and 8
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from uisample import TODAY, make_sample  # noqa: E402

LAUNCH_TARGET = 0.8
REDRAW_TARGET = 0.100

_LAUNCH = r"""
import sys, time
from datetime import date
from mlpath.ui.app import MlpathApp

class Once(MlpathApp):
    def on_mount(self) -> None:
        super().on_mount()
        assert self.view("today").selected_item() is not None, "no Today item drawn"
        self.call_after_refresh(self.painted)

    def painted(self) -> None:
        self.first_screen = time.time()
        self.exit()

app = Once(home=sys.argv[1], today=date.fromisoformat(sys.argv[2]))
app.run(headless=True, size=(80, 24))
print(app.first_screen)
"""


def launches(home: Path, n: int) -> tuple[list[float], list[float], list[float]]:
    """(launch to the first Today screen painted, the whole process with its exit,
    the CPU time of the whole process: what the wall time comes to on an idle machine)."""
    env = {**os.environ, "MLPATH_HOME": str(home)}
    first, whole, cpu = [], [], []
    for _ in range(n):
        used = resource.getrusage(resource.RUSAGE_CHILDREN)
        wall, start = time.time(), time.perf_counter()
        run = subprocess.run(
            [sys.executable, "-c", _LAUNCH, str(home), TODAY.isoformat()],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        whole.append(time.perf_counter() - start)
        first.append(float(run.stdout.strip().splitlines()[-1]) - wall)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime + after.ru_stime - used.ru_utime - used.ru_stime)
    return first, whole, cpu


def redraws(home: Path, n: int) -> list[float]:
    from mlpath.app.actions import log_time
    from mlpath.store.state import Store
    from mlpath.ui.app import MlpathApp

    app = MlpathApp(home=home, today=TODAY, poll=3600)  # the bench calls poll() itself
    times: list[float] = []

    async def main() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            for _ in range(n):
                log_time(Store(home), TODAY, "10m", on=None, note=None)
                start = time.perf_counter()
                app.poll()
                await pilot.pause()
                times.append(time.perf_counter() - start)

    asyncio.run(main())
    return times


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer runs")
    args = ap.parse_args()
    base = Path(tempfile.mkdtemp(prefix="mlpath-bench-ui-"))
    os.environ["MLPATH_HOME"] = str(base / "home")
    os.environ["MLPATH_CONFIG_DIR"] = str(base / "config")
    os.environ["MLPATH_CACHE_DIR"] = str(base / "cache")
    home = base / "home"
    make_sample(home)
    launches(home, 1)  # warm the bytecode caches
    up, whole, cpu = launches(home, 5 if args.quick else 9)
    redo = redraws(home, 8 if args.quick else 15)
    rows = [
        ("launch to first Today screen", statistics.median(up), max(up), LAUNCH_TARGET),
        ("  the whole run, exit included", statistics.median(whole), max(whole), LAUNCH_TARGET),
        ("  its CPU time (user + system)", statistics.median(cpu), max(cpu), LAUNCH_TARGET),
        ("redraw after an outside change", statistics.median(redo), max(redo), REDRAW_TARGET),
    ]
    load = os.getloadavg()[0]
    print(
        f"mlpath ui on the sample plan ({len(up)} launches, {len(redo)} redraws; "
        f"load average {load:.1f} on {os.cpu_count()} cores)"
    )
    print(f"{'':32} {'median':>9} {'worst':>9} {'target':>9}")
    for name, med, worst, target in rows:
        flag = "ok" if med <= target else "OVER"
        print(f"{name:32} {med * 1000:7.0f}ms {worst * 1000:7.0f}ms {target * 1000:7.0f}ms  {flag}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

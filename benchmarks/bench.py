"""mlpath start-up and scale benchmark.

Prints, for each daily command, the median wall-time ratio to `python -c pass`
of the same interpreter, measured in alternating pairs (so machine noise hits
both sides alike); then how `plan` and `next` scale with roadmap size and
history length, and peak memory. Everything runs through the installed
`mlpath` entry point in throw-away MLPATH_HOME / cache folders.

    python benchmarks/bench.py            # full run (a few minutes)
    python benchmarks/bench.py --quick    # CI variant: fewer pairs, smaller scale
    python benchmarks/bench.py --budget   # also fail on gross regressions (> 2x a target)
"""

from __future__ import annotations

import argparse
import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

PY = sys.executable
TARGETS = {  # ratio to `python -c pass`, newest dependencies (issue: today's dependencies)
    "next": 2.0,
    "next --json": 2.0,
    "next --line": 2.0,  # a shell prompt or tmux's status line runs it all day
    "done ITEM": 6.0,
    "log H": 6.0,
    "status": 5.0,
    "--help": 5.0,
    "plan --help": 5.0,
    "roadmaps": 6.0,
    "review": 5.0,
    "plan": 8.0,
    "export ics": 12.0,  # icalendar alone imports in ~80 ms
    "export json": 12.0,
    "doctor": 12.0,
}


def entry_point() -> list[str]:
    found = shutil.which("mlpath", path=os.path.dirname(PY)) or shutil.which("mlpath")
    if not found:
        sys.exit("benchmarks/bench.py: install mlpath first (pip install .), no `mlpath` found")
    return [found]


# Processes are started by a small spawner process, not by this one: on Linux a
# child's peak RSS starts at its parent's RSS when forked, so a bench that has
# built 100,000 events in memory would inflate every figure.
_SPAWNER = r"""
import json, os, subprocess, sys, time
for line in sys.stdin:
    cmd, env = json.loads(line)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    print(json.dumps([elapsed, usage.ru_maxrss, os.waitstatus_to_exitcode(status)]), flush=True)
"""
_spawner: subprocess.Popen[str] | None = None


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time and peak RSS (KiB) of one process."""
    global _spawner
    if _spawner is None:
        _spawner = subprocess.Popen(
            [PY, "-c", _SPAWNER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
    assert _spawner.stdin is not None and _spawner.stdout is not None
    _spawner.stdin.write(json.dumps([cmd, env]) + "\n")
    _spawner.stdin.flush()
    elapsed, rss, code = json.loads(_spawner.stdout.readline())
    if code != 0:
        raise RuntimeError(f"exit {code}: {' '.join(cmd)}")
    return float(elapsed), int(rss)


def ratio(
    cmd: list[str], env: dict[str, str], pairs: int, before: list[str] | None = None
) -> tuple[float, float, int]:
    """Median of time(cmd)/time(python -c pass) over alternating pairs; also median seconds, max RSS."""
    base = [PY, "-c", "pass"]
    ratios, times, rss = [], [], 0
    run(cmd, env)  # warm the file cache and mlpath's own caches
    for _ in range(pairs):
        b, _ = run(base, env)
        if before:  # untimed set-up for the next timed run (e.g. undo the last done)
            run(before, env)
        c, r = run(cmd, env)
        ratios.append(c / b)
        times.append(c)
        rss = max(rss, r)
    return statistics.median(ratios), statistics.median(times), rss


def synthetic_roadmap(path: Path, phases: int, topics: int = 10) -> None:
    lines = [
        "schema: 1",
        f"id: synthetic-{phases}",
        f"title: Synthetic roadmap with {phases} phases",
        "source: {document: benchmarks/bench.py}",
        "summary: Generated for benchmarks.",
        "duration: {text: generated}",
        "hours_per_week: {value: 10}",
        "phases:",
    ]
    for p in range(1, phases + 1):
        lines += [
            f"  - number: {p}",
            f"    id: phase-{p}",
            f"    title: Phase {p}",
            "    weeks: {min: 1, max: 2}",
            "    summary: Generated phase.",
            "    topics:",
        ]
        lines += [f"      - {{id: t-{p}-{t}, title: Topic {p}.{t}}}" for t in range(1, topics + 1)]
        lines += [f"    milestone: {{id: m-{p}, title: Milestone {p}}}"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def grow_history(home: Path, events: int) -> None:
    """Append `events` log events to the saved plan's state (benchmark fixture; the
    bench writes the file itself only to save a hundred thousand process starts)."""
    state_path = home / "state.json"
    state = json.loads(state_path.read_text(encoding="utf-8"))
    evs = state["events"]
    seq = evs[-1]["seq"]
    stamp = evs[-1]["at"]
    for i in range(events):
        seq += 1
        evs.append(
            {
                "id": os.urandom(8).hex(),  # state version 2: every event has an id
                "seq": seq,
                "at": stamp,
                "type": "log",
                "hours": "0.05",  # spread so that no day holds more than 24 h
                "on": (date(2026, 3, 1) + timedelta(days=i % 300)).isoformat(),
            }
        )
    state_path.write_text(json.dumps(state), encoding="utf-8")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="fewer pairs and a smaller scale series")
    ap.add_argument("--pairs", type=int, default=None, help="alternating pairs per figure")
    ap.add_argument(
        "--budget", action="store_true", help="exit 1 if a figure exceeds 2x its target"
    )
    args = ap.parse_args()
    pairs = args.pairs or (5 if args.quick else 15)
    mlpath = entry_point()
    tmp = Path(tempfile.mkdtemp(prefix="mlpath-bench-"))
    # PYTHONDONTWRITEBYTECODE (set on some build machines) would make every run
    # recompile mlpath; an installed mlpath has its bytecode, so measure that.
    skip = ("NO_COLOR", "PYTHONDONTWRITEBYTECODE")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MLPATH_") and k not in skip}
    env.update(
        MLPATH_HOME=str(tmp / "home"),
        MLPATH_CONFIG_DIR=str(tmp / "config"),
        MLPATH_CACHE_DIR=str(tmp / "cache"),
        MLPATH_TODAY="2027-02-15",
    )
    failures: list[str] = []
    try:
        subprocess.run(
            [*mlpath, "plan", "-r", "practical", "-l", "int", "--start", "2027-01-04", "-H", "15"],
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        base_t, base_rss = run([PY, "-c", "pass"], env)
        print(
            f"mlpath benchmark — {sys.version.split()[0]} on {os.cpu_count()} cores, {pairs} pairs per figure"
        )
        print(f"{'command':<34}{'ratio':>8}{'target':>8}{'median':>10}{'peak RSS':>11}")
        # `done` must change something each time: undo it between pairs (not timed).
        rows = [
            ("next", ["next"], None),
            ("next --json", ["next", "--json"], None),
            ("next --line", ["next", "--line"], None),
            ("done ITEM", ["done", "python-libraries"], [*mlpath, "undo"]),
            ("log H", ["log", "0.1", "--on", "2027-02-01"], None),
            ("status", ["status"], None),
            ("--help", ["--help"], None),
            ("plan --help", ["plan", "--help"], None),
            ("roadmaps", ["roadmaps"], None),
            ("review", ["review"], None),
            ("plan", ["plan", "-r", "practical", "-l", "int", "--dry-run"], None),
            ("export ics", ["export", "ics"], None),
            ("export json", ["export", "json"], None),
            ("doctor", ["doctor"], None),
        ]
        for name, argv, before in rows:
            try:
                r, t, rss = ratio([*mlpath, *argv], env, pairs, before)
            except RuntimeError as exc:
                print(f"mlpath {name:<27}  failed ({exc})")
                failures.append(f"{name}: failed")
                continue
            target = TARGETS[name]
            flag = "" if r <= target else "  over target"
            print(
                f"mlpath {name:<27}{r:>7.2f}x{target:>7.0f}x{t * 1000:>8.1f}ms{rss / 1024:>9.1f}MB{flag}"
            )
            if r > 2 * target:
                failures.append(f"{name}: {r:.2f}x > 2 x {target:g}x")

        print("\nscale: plan --dry-run on synthetic roadmaps (10 topics per phase)")
        sizes = (10, 100, 300) if args.quick else (10, 100, 1000)
        works = {}
        for n in sizes:
            f = tmp / f"synthetic-{n}.yaml"
            synthetic_roadmap(f, n)
            r, t, rss = ratio(
                [*mlpath, "plan", "-r", str(f), "--dry-run", "--json"], env, max(3, pairs // 3)
            )
            works[n] = max(t - base_t, 1e-6)
            print(f"  {n:>5} phases   {t * 1000:8.1f} ms  ({r:6.2f}x)  peak {rss / 1024:6.1f} MB")
        lo, hi = sizes[1], sizes[2]
        exponent = math.log(works[hi] / works[lo]) / math.log(hi / lo)
        print(
            f"  fitted exponent of the work (time - interpreter start), {lo}->{hi} phases: {exponent:.2f} (target <= 1.1)"
        )
        if exponent > 2.2:
            failures.append(f"plan scale exponent {exponent:.2f}")

        print("\nscale: next with a growing history (cold: the first run after the state changed)")
        big = tmp / f"synthetic-{sizes[-1]}.yaml"
        histories = (0, 1000, 10_000) if args.quick else (0, 1000, 100_000)
        fresh_t = None
        for roadmap, events in [("practical", 0)] + [(str(big), e) for e in histories]:
            henv = dict(env, MLPATH_HOME=str(tmp / f"h-{events}-{Path(roadmap).stem}"))
            subprocess.run(
                [*mlpath, "plan", "-r", roadmap, "--start", "2027-01-04", "-H", "15"],
                env=henv,
                check=True,
                stdout=subprocess.DEVNULL,
            )
            if events:
                grow_history(Path(henv["MLPATH_HOME"]), events)
                # the next write compacts the history into snapshot + tail, as it
                # would have happened along the way in real use
                subprocess.run(
                    [*mlpath, "log", "0.25", "--on", "2027-02-10"],
                    env=henv,
                    check=True,
                    stdout=subprocess.DEVNULL,
                )
            r, t, rss = ratio([*mlpath, "next"], henv, max(3, pairs // 3))
            # cold: the state changed since the last run, so nothing derived is reused
            touch = [
                PY,
                "-c",
                f"import os; os.utime({str(Path(henv['MLPATH_HOME']) / 'state.json')!r})",
            ]
            rc, tc, rssc = ratio([*mlpath, "next"], henv, max(3, pairs // 3), before=touch)
            label = "bundled practical" if roadmap == "practical" else f"{sizes[-1]} phases"
            if fresh_t is None:
                fresh_t = t
            print(
                f"  {label:<18}{events:>7} events: {t * 1000:6.1f} ms ({r:5.2f}x, {t / fresh_t:4.2f}x fresh,"
                f" peak {rss / 1024:5.1f} MB)   cold {tc * 1000:6.1f} ms ({rc:5.2f}x, peak {rssc / 1024:5.1f} MB)"
            )
        print(f"\ninterpreter alone: {base_t * 1000:.1f} ms, peak {base_rss / 1024:.1f} MB")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if failures and args.budget:
        print("\nbudget exceeded (more than 2x a target): " + "; ".join(failures))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""`mlpath cohort` over a class: 30 learners' `export json --share` files.

Makes one real share export per bundled roadmap (through the installed `mlpath`,
each learner with a few weeks of logged time and a ticked item), copies them into
30 files with their own learner ids and names, then times `mlpath cohort DIR` and
`python -c pass` in alternating pairs (machine noise hits both alike) and prints
the median seconds and the median ratio.

    python benchmarks/bench_cohort.py            # 30 files, 15 pairs
    python benchmarks/bench_cohort.py --files 200 --pairs 5

Target: under 1 s for 30 files on a 2-core machine (the ratio is printed so that a
slower machine can be read against its own bare interpreter).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

TARGET_SECONDS = 1.0
ROADMAPS = ("beginner", "intermediate", "job-ready", "complete", "practical")


def mlpath() -> str:
    found = shutil.which("mlpath", path=os.path.dirname(sys.executable)) or shutil.which("mlpath")
    if not found:
        sys.exit("benchmarks/bench_cohort.py: install mlpath first (pip install .)")
    return found


def make_exports(folder: Path, count: int) -> Path:
    exe = mlpath()
    exports = folder / "exports"
    exports.mkdir()
    samples = []
    for k, roadmap in enumerate(ROADMAPS):
        env = {**os.environ, "MLPATH_HOME": str(folder / f"home{k}")}

        def run(*args: str, today: str, env: dict[str, str] = env) -> str:
            done = subprocess.run(
                [exe, *args], env={**env, "MLPATH_TODAY": today}, capture_output=True, text=True
            )
            if done.returncode != 0:
                sys.exit(f"bench_cohort: `mlpath {' '.join(args)}` failed: {done.stderr}")
            return done.stdout

        run(
            "plan",
            "--roadmap",
            roadmap,
            "--start",
            "2026-09-07",
            "--hours",
            "12",
            today="2026-09-07",
        )
        for week in range(6):  # 10 h at the end of each of the first six weeks
            day = (date(2026, 9, 13) + timedelta(weeks=week)).isoformat()
            run("log", "10", "--on", day, today="2026-10-30")
        first = json.loads(run("next", "--json", today="2026-09-20"))["now"][0]["id"]
        run("done", first, "--on", "2026-09-20", today="2026-10-30")
        samples.append(json.loads(run("export", "json", "--share", today="2026-10-30")))
    for n in range(count):
        doc = dict(samples[n % len(samples)])
        doc["learner"] = f"{n:016x}"
        doc["name"] = f"Learner {n}"
        (exports / f"learner-{n:03d}.json").write_text(json.dumps(doc, indent=2))
    return exports


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True)
    took = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"bench_cohort: {' '.join(cmd)} failed: {done.stderr.decode()}")
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=30)
    parser.add_argument("--pairs", type=int, default=15)
    parser.add_argument(
        "--budget", action="store_true", help="exit 1 on a gross regression (over 2x the target)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        exports = make_exports(Path(tmp), args.files)
        size = sum(p.stat().st_size for p in exports.iterdir())
        cohort = [mlpath(), "cohort", str(exports)]
        bare = [sys.executable, "-c", "pass"]
        timed(cohort)  # warm the file cache and the bytecode
        pairs = [(timed(cohort), timed(bare)) for _ in range(args.pairs)]
    seconds = statistics.median(c for c, _ in pairs)
    ratio = statistics.median(c / b for c, b in pairs)
    print(
        f"cohort over {args.files} files ({size // 1024} kB): median {seconds:.3f} s, "
        f"{ratio:.1f}x `python -c pass` (target: under {TARGET_SECONDS:.0f} s)"
    )
    if args.budget and seconds > 2 * TARGET_SECONDS:
        sys.exit(1)


if __name__ == "__main__":
    main()

"""5b. Coverage-guided fuzzing of the roadmap loader with atheris (libFuzzer).

Runs only where atheris is installed (`pip install atheris`); Hypothesis
(test_hostile_roadmaps.py) covers the same ground everywhere. The bundled
roadmaps seed the corpus; libFuzzer mutates them guided by coverage.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from reliability_support import HERE, ROADMAPS, Figures

RUNS = 10_000

pytest.importorskip("atheris", reason="the fuzzing test needs atheris: pip install atheris")


def test_atheris_finds_no_crash(tmp_path: Path, figures: Figures) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for roadmap in ROADMAPS.glob("*.yaml"):
        shutil.copy(roadmap, corpus)
    result = subprocess.run(
        [
            sys.executable,
            str(HERE / "atheris_roadmaps.py"),
            str(corpus),
            f"-runs={RUNS}",
            "-max_total_time=60",
            "-max_len=20000",
            "-rss_limit_mb=1024",
            f"-artifact_prefix={tmp_path}/",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=tmp_path,
    )
    done = re.search(r"Done (\d+) runs in (\d+) second", result.stderr)
    runs = int(done[1]) if done else 0
    figures.add("tracebacks", 0 if result.returncode == 0 else 1, runs)
    figures.note(
        f"hostile roadmaps: atheris (libFuzzer) ran {runs:,} coverage-guided inputs: "
        + ("no crash" if result.returncode == 0 else "a crash")
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert runs >= min(RUNS, 1000)

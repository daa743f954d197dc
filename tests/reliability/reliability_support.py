"""Helpers shared by the reliability tests (imported as a plain module)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from typer.testing import CliRunner, Result

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
ROADMAPS = REPO / "data" / "roadmaps"
FIXTURES = HERE / "fixtures"
TODAY = "2027-02-15"


@dataclass
class Figure:
    bad: int = 0
    tried: int = 0
    notes: list[str] = field(default_factory=list)


class Figures:
    """Counts gathered by the tests, printed by pytest_terminal_summary.

    `add(name, bad, tried)` adds to a headline counter (lost updates, torn
    files, overwritten bad files, tracebacks...); `note(text)` adds a detail
    line; `maximum(name, value)` keeps the largest value seen (lock wait).
    """

    HEADLINE = (
        "lost updates",
        "torn files",
        "overwritten bad files",
        "changed files after I/O errors",
        "tracebacks",
        "rejections not FILE:LINE",
        "date mismatches",
        "model mismatches",
        "failed upgrades",
    )

    def __init__(self) -> None:
        self.counts: dict[str, Figure] = {}
        self.maxima: dict[str, float] = {}
        self.details: list[str] = []

    def add(self, name: str, bad: int, tried: int) -> None:
        fig = self.counts.setdefault(name, Figure())
        fig.bad += bad
        fig.tried += tried

    def maximum(self, name: str, value: float) -> None:
        self.maxima[name] = max(value, self.maxima.get(name, 0.0))

    def note(self, text: str) -> None:
        self.details.append(text)

    def dump(self) -> dict[str, Any]:
        """What a pytest-xdist worker sends back (plain data)."""
        counts = {k: [f.bad, f.tried] for k, f in self.counts.items()}
        return {"counts": counts, "maxima": self.maxima, "details": self.details}

    def absorb(self, data: dict[str, Any]) -> None:
        """Add a worker's figures (the controller prints them all)."""
        for name, (bad, tried) in data["counts"].items():
            self.add(name, bad, tried)
        for name, value in data["maxima"].items():
            self.maximum(name, value)
        self.details += data["details"]

    def summary(self) -> list[str]:
        if not self.counts and not self.details:
            return []
        parts = []
        for name in self.HEADLINE:
            fig = self.counts.get(name)
            if fig is None:
                continue
            text = f"{name} {fig.bad:,} of {fig.tried:,}"
            if name == "lost updates" and "max lock wait" in self.maxima:
                text += f", max lock wait {self.maxima['max lock wait']:.3f} s"
            parts.append(text)
        lines = ["; ".join(parts)] if parts else []
        lines += [f"  {d}" for d in self.details]
        return lines


def mlpath_env(home: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["MLPATH_HOME"] = str(home)
    env.setdefault("MLPATH_TODAY", TODAY)
    env.update(extra)
    return env


def run_mlpath(
    args: list[str], env: dict[str, str], timeout: float = 60, **kw: Any
) -> subprocess.CompletedProcess[str]:
    """`python -m mlpath ARGS` in a fresh interpreter."""
    return subprocess.run(
        [sys.executable, "-m", "mlpath", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        **kw,
    )


_RUNNER = CliRunner()


def invoke(args: list[str]) -> Result:
    """The real CLI, in this process."""
    from mlpath.cli.main import app

    return _RUNNER.invoke(app, args, prog_name="mlpath")


def crashed(result: Result) -> bool:
    """True when a command died of a bug (traceback or internal error), not a clean refusal."""
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        return True
    text = (result.stderr or "") + (result.stdout or "")
    return "Traceback" in text or "internal error" in text


@dataclass(frozen=True)
class Snapshot:
    sha256: str
    mtime_ns: int
    size: int


def snapshot(path: Path) -> Snapshot | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return Snapshot(hashlib.sha256(path.read_bytes()).hexdigest(), st.st_mtime_ns, st.st_size)


def temps(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob(".*.tmp"))


def events_of(path: Path) -> list[dict[str, Any]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    events: list[dict[str, Any]] = data["events"]
    return events


def make_real_state(home: Path) -> Path:
    """A state a learner would have after a few days: plan, done, log, undo, done."""
    steps = [
        ["plan", "-r", "practical", "--hours", "15", "--start", "2027-01-04"],
        ["done", "python-libraries", "--on", "2027-01-06", "--note", "numpy + pandas"],
        ["log", "1h30", "--on", "2027-01-07", "--note", "Stats videos"],
        ["log", "2", "--on", "2027-01-08"],
        ["undo"],
        ["done", "statistics", "--on", "2027-01-10"],
    ]
    for args in steps:
        result = invoke(["--home", str(home), *args])
        assert result.exit_code == 0, (args, result.stdout, result.stderr)
    return home / "state.json"


def item_ids(roadmap: str, kinds: tuple[str, ...] = ("topic", "project")) -> list[str]:
    """Ids of a bundled roadmap's items of those kinds, in roadmap order."""
    from mlpath.store.catalog import resolve

    rm = resolve(roadmap)
    return [it.id for _, kind, it in rm.items() if kind in kinds]

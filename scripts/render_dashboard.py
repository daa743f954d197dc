"""Render `mlpath status` for a sample plan to docs/dashboard.svg (the README's picture).

The plan is made with the real commands (`plan`, `done`, `log`) in a throwaway
MLPATH_HOME, on fixed days (MLPATH_TODAY), and drawn by the same code as
`mlpath status`, through rich's SVG export.

    python scripts/render_dashboard.py            # (re)write docs/dashboard.svg
    python scripts/render_dashboard.py --check    # exit 1 if the picture is stale

The SVG opens with a comment holding a digest of the dashboard's text, so
`--check` compares what mlpath draws now with what the picture shows, and is
not fooled by a rich upgrade that only changes the SVG's markup.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "docs" / "dashboard.svg"
WIDTH = 100
TODAY = "2026-05-20"  # week 20 of a 60-week plan
ROADMAP = "intermediate"  # a bundled roadmap with milestones, so every section shows
DIGEST = re.compile(r"<!-- mlpath dashboard text sha256: ([0-9a-f]{64}) -->")

# (day it happens, command). Logs on the days studied; milestones and topics as finished.
STEPS: list[tuple[str, list[str]]] = [
    ("2026-01-05", ["plan", "-r", ROADMAP, "-H", "10", "--start", "2026-01-05"]),
    ("2026-03-26", ["done", "1", "--note", "Tuned and logged three models"]),
    ("2026-04-09", ["done", "nn-architecture"]),
    ("2026-04-27", ["done", "backpropagation"]),
    ("2026-05-13", ["done", "optimizers"]),
    ("2026-05-19", ["done", "loss-functions"]),
]
LOGS = {  # the Wednesday of each plan week -> hours studied that week
    "2026-01-07": "10",
    "2026-01-14": "9",
    "2026-01-21": "11",
    "2026-01-28": "6",
    "2026-02-04": "10",
    "2026-02-11": "12",
    "2026-02-18": "8",
    "2026-02-25": "10",
    "2026-03-04": "4",
    "2026-03-11": "7",
    "2026-03-18": "10",
    "2026-03-25": "12",
    "2026-04-01": "10",
    "2026-04-08": "11",
    "2026-04-15": "10",
    "2026-04-22": "13",
    "2026-04-29": "10",
    "2026-05-06": "10",
    "2026-05-13": "12",
    "2026-05-20": "3",
}


def _isolate() -> None:
    """Point mlpath at throwaway folders before it is imported."""
    base = Path(tempfile.mkdtemp(prefix="mlpath-dashboard-"))
    os.environ["MLPATH_HOME"] = str(base / "home")
    os.environ["MLPATH_CONFIG_DIR"] = str(base / "config")
    os.environ["MLPATH_CACHE_DIR"] = str(base / "cache")
    for var in ("NO_COLOR", "MLPATH_TODAY"):
        os.environ.pop(var, None)


def sample_view() -> dict[str, Any]:
    """`mlpath status --json` for the sample plan."""
    from typer.testing import CliRunner

    from mlpath.cli.main import app

    runner = CliRunner()

    def run(today: str, args: list[str]) -> str:
        result = runner.invoke(app, args, env={"MLPATH_TODAY": today})
        if result.exit_code != 0:
            raise SystemExit(f"`mlpath {' '.join(args)}` failed: {result.output}{result.stderr}")
        return result.output

    steps = [*STEPS, *((day, ["log", hours]) for day, hours in LOGS.items())]
    for today, args in sorted(steps, key=lambda s: (s[0], s[1][0] != "plan")):
        run(today, args)
    view: dict[str, Any] = json.loads(run(TODAY, ["status", "--json"]))
    return view


def render(view: dict[str, Any]) -> tuple[str, str]:
    """(SVG, plain text) of the dashboard at WIDTH columns, in colour."""
    from rich.console import Console

    from mlpath.render.status import Dashboard

    console = Console(
        record=True,
        width=WIDTH,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        highlight=False,
        legacy_windows=False,
    )
    console.print(Dashboard(view, unicode=True))
    text = console.export_text(clear=False)
    svg = console.export_svg(title="mlpath status")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return f"<!-- mlpath dashboard text sha256: {digest} -->\n{svg}", text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check that the SVG is fresh")
    parser.add_argument("--out", type=Path, default=OUT, help=f"where to write (default {OUT})")
    parser.add_argument("--text", action="store_true", help="also print the dashboard as text")
    args = parser.parse_args(argv)
    _isolate()
    svg, text = render(sample_view())
    if args.text:
        sys.stdout.write(text)
    if args.check:
        try:
            current = args.out.read_text(encoding="utf-8")
        except FileNotFoundError:
            current = ""
        found = DIGEST.search(current)
        wanted = DIGEST.search(svg)
        assert wanted is not None
        if found is None or found.group(1) != wanted.group(1):
            sys.stderr.write(
                f"{args.out} does not show what `mlpath status` draws now; "
                "run `python scripts/render_dashboard.py` and commit the result.\n"
            )
            return 1
        print(f"{args.out}: up to date")
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(svg, encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""One learner's state for the publish and cohort tests, made through the real CLI.

job-ready at 15 h/week from Mon 2026-09-07, level intermediate: 14 h logged at the
end of each of the first twelve weeks (Sundays 2026-09-13 .. 2026-11-29), the first
milestone done on 2026-10-10 with a public link and a note, the phase 2 project on
2026-11-20 with a local path as evidence and a note. Today: Tue 2026-12-01.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from clirun import invoke

TODAY = "2026-12-01"
NOTE_1 = "private note about the dataset"
NOTE_2 = "kaggle notebook notes, do not share"
LINK = "https://github.com/ada/explore-dataset"
LOCAL = "/home/ada/projects/kaggle-starter"


def make_learner(env: dict[str, str] | None = None) -> None:
    """Fill the MLPATH_HOME in the environment (or in `env`) with the sample learner."""

    def run(*args: str, today: str) -> None:
        result = invoke(args, today=today, env=env)
        assert result.exit_code == 0, result.output

    run(
        "plan",
        "--roadmap",
        "job-ready",
        "--start",
        "2026-09-07",
        "--hours",
        "15",
        "--level",
        "intermediate",
        today="2026-09-07",
    )
    first = date(2026, 9, 13)
    for k in range(12):
        day = (first + timedelta(weeks=k)).isoformat()
        run("log", "14", "--on", day, today=day)
    run("done", "explore-dataset", "--note", NOTE_1, "--evidence", LINK, today="2026-10-10")
    run("done", "kaggle-starter", "--note", NOTE_2, "--evidence", LOCAL, today="2026-11-20")


ROADMAPS = ("beginner", "intermediate", "job-ready", "complete", "practical")
LEVELS = ("beginner", "intermediate", "advanced")


def make_class(folder: Any, count: int = 30) -> list[dict[str, Any]]:
    """`count` learners, each in their own home under `folder`, each with a share export
    in `folder/exports/` made on their own day. Learner k: roadmap ROADMAPS[k % 5], level
    LEVELS[k % 3], 8 + k % 13 h/week from 2026-09-07 + k days, 2 + k % 7 h logged on each
    of the first k % 9 days of the plan, every fourth learner's first item done on day 5
    of the plan, the export made on day 40 + k (so learners
    differ in pace and in days since they last studied). Even learners are named with
    --name, odd ones by the file's stem. Returns, per learner, the file and the
    `next --json` they saw that day."""
    import json
    from pathlib import Path

    base = Path(folder)
    exports = base / "exports"
    exports.mkdir(parents=True, exist_ok=True)
    out: list[dict[str, Any]] = []
    for k in range(count):
        env = {"MLPATH_HOME": str(base / f"home{k}")}
        start = date(2026, 9, 7) + timedelta(days=k)
        today = (start + timedelta(days=40 + k)).isoformat()

        def run(*args: str, on: str, env: dict[str, str] = env) -> Any:
            result = invoke(args, today=on, env=env)
            assert result.exit_code == 0, result.output
            return result

        run(
            "plan",
            "--roadmap",
            ROADMAPS[k % 5],
            "--level",
            LEVELS[k % 3],
            "--hours",
            str(8 + k % 13),
            "--start",
            start.isoformat(),
            on=start.isoformat(),
        )
        for d in range(k % 9):
            day = (start + timedelta(days=d)).isoformat()
            run("log", str(2 + k % 7), "--on", day, on=day)
        if k % 4 == 0:  # every fourth learner ticked their first item on day 5
            day = (start + timedelta(days=5)).isoformat()
            first_item = json.loads(run("next", "--json", on=day).stdout)["now"][0]["id"]
            run("done", first_item, on=day)
        target = exports / f"learner-{k:02d}.json"
        name = ("--name", f"Learner {k}") if k % 2 == 0 else ()
        run("export", "json", "--share", *name, "-o", str(target), on=today)
        nxt = json.loads(run("next", "--json", on=today).stdout)
        days = [k % 9 - 1] if k % 9 else []
        days += [5] if k % 4 == 0 else []
        last = start + timedelta(days=max(days)) if days else None
        out.append(
            {
                "file": target,
                "name": f"Learner {k}" if k % 2 == 0 else target.stem,
                "next": nxt,
                "today": today,
                "last_activity": last.isoformat() if last else None,
            }
        )
    return out

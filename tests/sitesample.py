"""One learner's state for the publish and cohort tests, made through the real CLI.

job-ready at 15 h/week from Mon 2026-09-07, level intermediate: 14 h logged at the
end of each of the first twelve weeks (Sundays 2026-09-13 .. 2026-11-29), the first
milestone done on 2026-10-10 with a public link and a note, the phase 2 project on
2026-11-20 with a local path as evidence and a note. Today: Tue 2026-12-01.
"""

from __future__ import annotations

from datetime import date, timedelta

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

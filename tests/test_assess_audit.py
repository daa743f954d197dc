"""`mlpath assess` as a learner meets it: a level override or background that
lengthens a phase, bad option values, stopping, a plan whose roadmap file is gone."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from clirun import invoke
from mlpath.core import assess
from mlpath.store.catalog import resolve as load_roadmap
from mlpath.store.state import store_for

TODAY = "2027-01-04"


def run(*args: str, stdin: str | None = None) -> Any:
    return invoke(args, today=TODAY, input=stdin)


def lines(rid: str, yes: set[str]) -> str:
    """One piped answer per question of `rid`: yes for the ids in `yes`."""
    return "".join("y\n" if q.id in yes else "n\n" for q in assess.questions(load_roadmap(rid)))


def test_a_level_that_lengthens_a_phase_does_not_stop_its_compression() -> None:
    """practical's beginner override lengthens every phase (twice the weeks): a phase the
    learner half knows is still compressed, not kept as "already shortened"."""
    r = run(
        "assess", "-r", "practical", "--json", stdin=lines("practical", {"pre-1", "p1-1", "p1-2"})
    )
    assert r.exit_code == 0, r.stderr
    view = json.loads(r.stdout)
    assert view["level"] == "beginner"  # 2 of 14 checks
    assert view["compress"] == [1] and view["skip"] == []
    assert "shortens" not in view["phases"][0]["reason"]
    assert view["command"].endswith("--level beginner --compress 1")
    # all of a phase known but a prerequisite missing: half its effort, at any level
    missing = {"p3-1", "p3-2", "p3-3"}
    view = json.loads(
        run("assess", "-r", "practical", "--json", stdin=lines("practical", missing)).stdout
    )
    assert view["level"] == "beginner" and view["compress"] == [3]


def test_a_background_that_adds_weeks_does_not_stop_compression() -> None:
    """complete's non-stem adds weeks to Phases 0 and 1: a half-known Phase 1 is compressed."""
    rm = load_roadmap("complete")
    yes = {q.id for q in assess.questions(rm) if q.kind == "prerequisite"}
    yes |= {"bg-non-stem", "p1-1", "p1-2"}
    view = json.loads(
        run("assess", "-r", "complete", "--json", stdin=lines("complete", yes)).stdout
    )
    assert view["applied_backgrounds"] == ["non-stem"]
    assert view["compress"] == [1]
    assert "shortens" not in view["phases"][1]["reason"]


def test_bad_hours_or_start_are_refused_before_any_question() -> None:
    """--hours and --start go into the printed `mlpath plan` command and --apply: a value
    plan refuses is refused first, before the learner answers every question, and never
    printed as a command that would fail."""
    every = lines("practical", {"pre-1"})
    for option in (
        ("--hours", "-5"),
        ("--hours", "abc"),
        ("--hours", "9999"),
        ("--start", "01/02/2027"),
        ("--start", "someday"),
    ):
        for extra in ((), ("--apply",)):
            r = run("assess", "-r", "practical", *option, *extra, stdin=every)
            assert r.exit_code == 2, (option, r.stdout)
            assert "[1/" not in r.stderr, "no question was asked"
            assert "mlpath plan" not in r.stdout
            assert len(r.stderr.strip().splitlines()) == 1
    assert not Path(store_for(None).path).exists()
    good = run("assess", "-r", "practical", "--hours", "12", "--start", "2027-02-01", stdin=every)
    assert good.exit_code == 0, good.stderr
    assert "--hours 12 --start 2027-02-01" in " ".join(good.stdout.replace("\\\n", " ").split())

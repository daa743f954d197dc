"""ITEM resolution (ids, phase numbers, prefixes, titles) and what `mlpath done` does with it.

The table runs the pure resolver on the bundled `practical` roadmap (phases 1,
3 and 4 have no milestone, 2 has one); the error rows also go through the
real CLI to pin the exact sentence and exit code 2.
"""

from __future__ import annotations

import json
from datetime import date
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from clirun import invoke
from mlpath.core.resolve import Unconfirmed, resolve
from mlpath.core.schedule import Schedule, Settings, build
from mlpath.errors import UsageError
from mlpath.store.catalog import resolve as load_roadmap

START = date(2027, 1, 4)  # a Monday
PHASE_1 = ["python-libraries", "statistics", "linear-algebra"]
PHASE_3 = [
    "clustering",
    "dimensionality-reduction",
    "anomaly-detection",
    "specialization",
    "specialization-project",
]
PHASE_4 = ["mlops-basics", "deployment", "monitoring", "deployment-project"]


@pytest.fixture(scope="module")
def practical() -> Schedule:
    return build(load_roadmap("practical"), Settings("beginner", Fraction(15), START))


# query -> the ids it names. Each row says which rule decides it.
RESOLVES = [
    ("linear-algebra", ["linear-algebra"]),  # exact id
    ("LINEAR-ALGEBRA", ["linear-algebra"]),  # exact id, any case
    ("supervised-baseline", ["supervised-baseline"]),  # a milestone's id
    ("2", ["supervised-baseline"]),  # phase number -> its milestone
    ("p2", ["supervised-baseline"]),
    ("P4", PHASE_4),
    ("phase 2", ["supervised-baseline"]),
    ("Phase 4", PHASE_4),
    ("stage 2", ["supervised-baseline"]),
    ("supervised", ["supervised-baseline"]),  # the phase's own id, like its number
    ("3", PHASE_3),  # a phase without a milestone -> all its topics and projects
    ("p1", PHASE_1),
    ("foundations", PHASE_1),  # phase 1's id
    ("lin", ["linear-algebra"]),  # unique id prefix
    ("stat", ["statistics"]),
    ("mlops", ["mlops-basics"]),
    ("deployment-p", ["deployment-project"]),
    ("\uff2c\uff29\uff2e\uff25\uff21\uff32-algebra", ["linear-algebra"]),  # full-width letters
    ("\uff4c\uff49\uff4e", ["linear-algebra"]),  # a full-width prefix
    ("\uff12", ["supervised-baseline"]),  # a full-width phase number
]


@pytest.mark.parametrize(("query", "ids"), RESOLVES)
def test_resolves(practical: Schedule, query: str, ids: list[str]) -> None:
    assert [it.id for it in resolve(query, practical)] == ids


# A title or a fuzzy match is never acted on directly: query -> the candidates, best first.
ASKS = [
    ("tabular", ["supervised-tabular-project"]),  # piece of one title
    ("Model evaluation", ["model-evaluation"]),  # a whole title
    ("shows deployment", ["deployment-project"]),
    ("algebra", ["linear-algebra"]),
    ("Linear algbra", ["linear-algebra"]),  # fuzzy title
    ("statistcs", ["statistics"]),
    ("clusterring", ["clustering"]),
    ("regresion", ["regression"]),
    ("deploymnt", ["deployment", "deployment-project"]),  # issue 16: not `deployment` alone
    ("data", ["supervised-tabular-project", "supervised-baseline"]),  # in two titles
]


@pytest.mark.parametrize(("query", "ids"), ASKS)
def test_titles_and_near_misses_ask_first(practical: Schedule, query: str, ids: list[str]) -> None:
    with pytest.raises(Unconfirmed) as err:
        resolve(query, practical)
    assert [it.id for it in err.value.candidates] == ids
    assert err.value.exit_code == 2
    assert "Nothing was changed" in str(err.value)


FAILS = [
    (
        "d",
        "'d' matches 3 items: dimensionality-reduction (Dimensionality reduction), "
        "deployment (Deployment), deployment-project (Project that shows deployment). "
        "Type more of the id.",
    ),
    (
        "spec",
        "'spec' matches 2 items: specialization (Specialization), specialization-project "
        "(Project demonstrating your specialization area). Type more of the id.",
    ),
    (
        "superv",
        "'superv' matches 2 items: supervised-tabular-project (Supervised learning project "
        "on tabular data), supervised-baseline (Clean a dataset, train and compare three "
        "model types, explain the choice). Type more of the id.",
    ),
    (
        "data",  # in two titles, neither exactly
        "'data' is in 2 titles: supervised-tabular-project (Supervised learning project "
        "on tabular data), supervised-baseline (Clean a dataset, train and compare three "
        "model types, explain the choice). Nothing was changed; use one of these ids.",
    ),
    (
        "deploy-project",
        "No item matches 'deploy-project'. "
        "Did you mean deployment-project, deployment, specialization-project?",
    ),
    ("zzz", "No item matches 'zzz'. `mlpath roadmaps show practical` lists every id."),
    # issue 16: a minus sign is not part of a phase number
    ("p-2", "No item matches 'p-2'. `mlpath roadmaps show practical` lists every id."),
    ("-2", "No item matches '-2'. `mlpath roadmaps show practical` lists every id."),
    ("phase 9", "There is no phase 9 in this roadmap. Phases: 1, 2, 3, 4."),
    ("9", "There is no phase 9 in this roadmap. Phases: 1, 2, 3, 4."),
    (
        " ",
        "An empty item was given. "
        "Name an id, a phase number or part of a title (`mlpath next` shows ids).",
    ),
]


@pytest.mark.parametrize(("query", "message"), FAILS)
def test_refuses(practical: Schedule, query: str, message: str) -> None:
    with pytest.raises(UsageError) as err:
        resolve(query, practical)
    assert str(err.value) == message


def test_phase_zero_of_complete() -> None:
    """`complete` numbers its phases from 0 and names no milestones: a phase number
    (or the phase's id) stands for all its topics and projects."""
    sched = build(load_roadmap("complete"), Settings("beginner", Fraction(10), START))
    zero = ["programming-fundamentals", "math-check", "statistical-thinking"]
    zero.append("csv-stats-assessment")
    assert [it.id for it in resolve("0", sched)] == zero
    assert [it.id for it in resolve("p0", sched)] == zero
    assert [it.id for it in resolve("prerequisites", sched)] == zero
    assert resolve("1", sched) == resolve("math-foundations", sched)
    assert {it.phase for it in resolve("1", sched)} == {1}


# --- through the CLI -------------------------------------------------------------------

# The real Typer app, turned into its click command once for the whole module.


def cli(runner: CliRunner, *args: str, today: str = "2027-01-18") -> Any:
    return invoke(args, today=today)


def planned(runner: CliRunner) -> None:
    r = cli(
        runner, "plan", "-r", "practical", "-l", "int", "-H", "15", "--start", START.isoformat()
    )
    assert r.exit_code == 0, r.stderr


@pytest.mark.parametrize(("query", "message"), [FAILS[0], FAILS[3], FAILS[4], FAILS[5]])
def test_done_refuses_with_exit_2(
    runner: CliRunner, isolated: Path, query: str, message: str
) -> None:
    planned(runner)
    before = (isolated / "state.json").read_bytes()
    r = cli(runner, "done", query)
    assert r.exit_code == 2
    assert r.stderr == f"Error: {message}\n"
    assert r.stdout == ""
    assert (isolated / "state.json").read_bytes() == before


@pytest.mark.parametrize("query", ["deploymnt", "Linear algebra", "p-2", "-2"])
def test_done_never_ticks_a_near_miss(runner: CliRunner, isolated: Path, query: str) -> None:
    """Issue 16: `done deploymnt` ticked `deployment`; `done p-2` and `done -- -2`
    completed phase 2. Off a terminal: exit 2, the candidates listed, no change."""
    planned(runner)
    before = (isolated / "state.json").read_bytes()
    r = cli(runner, "done", "--", query)
    assert r.exit_code == 2
    assert r.stdout == ""
    assert "Nothing was changed" in r.stderr or "No item matches" in r.stderr
    if query == "deploymnt":
        assert "deployment (Deployment), deployment-project (" in r.stderr
    assert (isolated / "state.json").read_bytes() == before


def test_done_twice_changes_nothing(runner: CliRunner, isolated: Path) -> None:
    planned(runner)
    first = cli(runner, "done", "lin", "--json")
    assert first.exit_code == 0, first.stderr
    assert [c["id"] for c in json.loads(first.stdout)["changed"]] == ["linear-algebra"]
    state = isolated / "state.json"
    before, backup = state.read_bytes(), (isolated / "state.json.bak").read_bytes()
    again = cli(runner, "done", "linear-algebra")
    assert again.exit_code == 0, again.stderr
    assert (
        "Already done: Linear algebra (linear-algebra) on 2027-01-18; nothing changed."
        in again.stdout
    )
    assert state.read_bytes() == before
    assert (isolated / "state.json.bak").read_bytes() == backup
    as_json = json.loads(cli(runner, "done", "LINEAR-ALGEBRA", "--json").stdout)
    assert as_json["changed"] == []
    assert as_json["already"] == [
        {"id": "linear-algebra", "title": "Linear algebra", "on": "2027-01-18"}
    ]
    assert state.read_bytes() == before


def test_milestone_completes_its_phase(runner: CliRunner) -> None:
    """Phase 2 = 8 weeks x 15 h = 120 h (4 items of 30 h). On 2027-01-18 the plan
    expects 14 days x 15/7 h = 30 h. Ticking only phase 2's milestone counts all
    120 h: (120 - 30) / (15/7) = 42 days ahead."""
    planned(runner)
    r = cli(runner, "done", "2", "--json")
    assert r.exit_code == 0, r.stderr
    view = json.loads(r.stdout)
    assert [c["id"] for c in view["changed"]] == ["supervised-baseline"]
    assert view["pace"]["completed_hours"] == 120
    assert (view["pace"]["status"], view["pace"]["days"]) == ("ahead", 42)
    text = cli(runner, "done", "regression")
    assert (
        "Already done: Regression (regression) on 2027-01-18 (with its phase's milestone, "
        "supervised-baseline); nothing changed." in " ".join(text.stdout.split())  # wrapped
    )
    now = json.loads(cli(runner, "next", "--json").stdout)
    assert "regression" not in [it["id"] for it in now["now"]]
    assert now["next_milestone"] is None  # phase 4's closing advice is no milestone


def test_phase_without_milestone_marks_its_work_and_undoes_at_once(runner: CliRunner) -> None:
    """`done 3`: phase 3 (6 weeks x 15 h = 90 h) has no milestone, so its five items
    are marked; one `undo` reverts the whole command."""
    planned(runner)
    r = cli(runner, "done", "3")
    assert r.exit_code == 0, r.stderr
    assert "Phase 3 has no milestone: marking its 5 topics and projects." in r.stdout
    said = " ".join(r.stdout.split())  # long lines wrap at the terminal's width
    for item in PHASE_3:
        assert f" {item}, phase 3) on 2027-01-18." in said
    # (90 - 30) / (15/7) = 28 days ahead
    assert "Pace: ahead by 28 days" in r.stdout
    u = cli(runner, "undo", "--json")
    assert u.exit_code == 0, u.stderr
    undid = json.loads(u.stdout)
    assert undid["undid"]["what"] == "done " + ", ".join(PHASE_3) + " (on 2027-01-18)"
    assert (undid["pace"]["status"], undid["pace"]["days"]) == ("behind", 14)


def test_done_on_dates(runner: CliRunner, isolated: Path) -> None:
    planned(runner)
    future = cli(runner, "done", "statistics", "--on", "tomorrow")
    assert future.exit_code == 2
    assert future.stderr == (
        "Error: 2027-01-19 is in the future. Record what you did today or earlier.\n"
    )
    bad = cli(runner, "done", "statistics", "--on", "31/31/2027")
    assert bad.exit_code == 2
    assert "Cannot read '31/31/2027' as a date." in bad.stderr
    ok = cli(
        runner,
        "done",
        "statistics",
        "--on",
        "yesterday",
        "--note",
        "Khan Academy unit",
        "--evidence",
        "https://github.com/me/stats",
        "--json",
    )
    assert ok.exit_code == 0, ok.stderr
    assert json.loads(ok.stdout)["changed"][0]["on"] == "2027-01-17"
    events = json.loads((isolated / "state.json").read_text())["events"]
    done = [e for e in events if e["type"] == "done"]
    assert len(done) == 1
    assert done[0]["item"] == "statistics"
    assert done[0]["on"] == "2027-01-17"
    assert done[0]["note"] == "Khan Academy unit"
    assert done[0]["evidence"] == "https://github.com/me/stats"
    path_evidence = cli(runner, "done", "p4", "--evidence", "./deploy/README.md")
    assert path_evidence.exit_code == 0, path_evidence.stderr
    events = json.loads((isolated / "state.json").read_text())["events"]
    assert events[-1]["evidence"] == "./deploy/README.md"


def test_several_items_in_one_command(runner: CliRunner) -> None:
    planned(runner)
    r = cli(runner, "done", "lin", "stat", "linear-algebra", "--json")
    assert r.exit_code == 0, r.stderr
    view = json.loads(r.stdout)
    assert [c["id"] for c in view["changed"]] == ["linear-algebra", "statistics"]
    # An unknown item among them: nothing at all is marked.
    bad = cli(runner, "done", "python-libraries", "zzz")
    assert bad.exit_code == 2
    now = json.loads(cli(runner, "next", "--json").stdout)
    assert now["now"][0]["id"] == "python-libraries"


@pytest.mark.parametrize("command", [("log", "1", "--item"), ("start",)])
def test_time_on_a_milestone_says_it_names_a_milestone(
    runner: CliRunner, isolated: Path, command: tuple[str, ...]
) -> None:
    """`log --item` and `start` take a topic or project: a milestone's id was refused
    as naming "phase 2", as if the learner had typed a phase number."""
    planned(runner)
    r = cli(runner, *command, "supervised-baseline")
    assert r.exit_code == 2
    assert "milestone" in r.stderr and "supervised-baseline" in r.stderr
    r = cli(runner, *command, "3")  # a phase without a milestone still names the phase
    assert r.exit_code == 2 and "phase 3" in r.stderr and "milestone" not in r.stderr

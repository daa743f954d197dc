"""7. A Hypothesis state machine: plan, done, log, undo, replan and crash.

The model keeps its own event list and its own replay of it (which plan is
active, what is done, what is logged, what `undo` would revert). After every
step the events in state.json must be exactly the model's, and mlpath's own
fold of them must agree with the model's replay. Commands run in-process
(the real CLI through click's runner); `crash` runs `log` or `done` in a
separate process that SIGKILLs itself at a chosen step of the save, after
which the file must hold the old events or the old ones plus that change.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)
from reliability_support import TODAY, Figures, invoke, item_ids

from mlpath.core.ledger import fold

ROADMAP = "practical"
ITEMS = item_ids(ROADMAP)  # topics and projects (no milestones: they complete whole phases)
SAVE_STEPS = ["locked", "bak:half-written", "temp-created", "half-written", "fsynced"]
SAVE_STEPS += ["before-rename", "after-rename"]
EXAMPLES = 100
STEPS = 20


def model_replay(events: list[dict[str, Any]]) -> dict[str, Any]:
    """The model's own reading of an event list (not mlpath's fold)."""
    undone = {e["undoes"] for e in events if e["type"] == "undone"}
    plan, done, logs, last = None, set(), [], None
    for e in events:
        if e["type"] == "undone" or e["seq"] in undone:
            continue
        last = e
        if e["type"] == "plan":
            plan, done, logs = e, set(), []
        elif e["type"] == "replan":
            plan = e
        elif e["type"] == "done":
            done.add(e["item"])
        elif e["type"] == "log":
            logs.append(Fraction(e["hours"]))
    return {"plan": plan, "done": done, "logs": logs, "last": last}


def _key(e: dict[str, Any], seq_of: dict[str, int] | None = None) -> tuple[Any, ...]:
    """What the model and the disk must agree on; on disk an undo names its target
    by id (`seq_of` maps the disk's ids to seqs), in the model by seq."""
    plan = e.get("plan") or {}
    undoes = e.get("undoes")
    return (
        e["seq"],
        e["type"],
        e.get("item"),
        e.get("hours"),
        e.get("on"),
        seq_of.get(undoes) if seq_of is not None and undoes is not None else undoes,
        plan.get("hours_per_week"),
        tuple(plan.get("completed") or ()),
    )


class Context:
    """What the machine needs from the test: a folder per run and the fork driver."""

    driver: Any = None
    root: Path = Path()
    runs = 0
    steps = 0
    crashes: dict[str, int] = {}
    in_place = False


class StateMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        Context.runs += 1
        self.home = Context.root / f"run{Context.runs}"
        self.events: list[dict[str, Any]] = []

    # --- helpers --------------------------------------------------------------

    def cli(self, *args: str) -> Any:
        Context.steps += 1
        return invoke(["--home", str(self.home), *args])

    def disk(self) -> list[dict[str, Any]]:
        path = self.home / "state.json"
        if not path.exists():
            return []
        try:
            events: list[dict[str, Any]] = json.loads(path.read_bytes())["events"]
        except ValueError:
            raise AssertionError(f"torn file: {path} does not parse") from None
        return events

    def add(self, kind: str, **fields: Any) -> None:
        self.events.append({"seq": len(self.events) + 1, "type": kind, **fields})

    def replay(self) -> dict[str, Any]:
        return model_replay(self.events)

    def progress(self) -> bool:
        r = self.replay()
        return bool(r["done"] or r["logs"])

    def _plan_event(self, kind: str, hours: str) -> None:
        done = sorted(self.replay()["done"]) if kind == "replan" else []
        self.add(kind, plan={"hours_per_week": hours, "completed": done})

    # --- rules ------------------------------------------------------------------

    @initialize(hours=st.sampled_from(["8", "15"]))
    def first_plan(self, hours: str) -> None:
        self.plan(hours, force=False)  # most runs start planned; undo can still empty it

    @rule(hours=st.sampled_from(["8", "15"]), force=st.booleans())
    def plan(self, hours: str, force: bool) -> None:
        args = ["plan", "-r", ROADMAP, "--hours", hours, "--start", "2027-01-04"]
        result = self.cli(*args, *(["--force"] if force else []))
        if self.replay()["plan"] is not None and self.progress() and not force:
            assert result.exit_code == 1, result.stderr
        else:
            assert result.exit_code == 0, result.stderr
            self._plan_event("plan", hours)

    @rule(item=st.sampled_from(ITEMS))
    def done(self, item: str) -> None:
        result = self.cli("done", item)
        r = self.replay()
        if r["plan"] is None:
            assert result.exit_code == 1 and "no active plan" in result.stderr
            return
        assert result.exit_code == 0, result.stderr
        if item not in r["done"]:
            self.add("done", item=item, on=TODAY)

    @rule(hours=st.sampled_from(["0.5", "1", "2.25"]))
    def log(self, hours: str) -> None:
        result = self.cli("log", hours)
        r = self.replay()
        if r["plan"] is None:
            assert result.exit_code == 1
        elif sum(r["logs"], Fraction(0)) + Fraction(hours) > 24:
            assert result.exit_code == 2
        else:
            assert result.exit_code == 0, result.stderr
            self.add("log", hours=hours, on=TODAY)

    @rule()
    def undo(self) -> None:
        result = self.cli("undo")
        last = self.replay()["last"]
        if last is None:
            assert result.exit_code == 1 and "nothing to undo" in result.stderr
        else:
            assert result.exit_code == 0, result.stderr
            self.add("undone", undoes=last["seq"])

    @rule(hours=st.sampled_from(["6", "12"]))
    def replan(self, hours: str) -> None:
        result = self.cli("replan", "--hours", hours)
        active = self.replay()["plan"]
        if active is None:
            assert result.exit_code == 1
            return
        assert result.exit_code == 0, result.stderr
        same = active["type"] == "replan" and active["plan"] == {
            "hours_per_week": hours,
            "completed": sorted(self.replay()["done"]),
        }
        if not same:  # a replan that changes nothing saves nothing
            self._plan_event("replan", hours)

    @rule(step=st.sampled_from(SAVE_STEPS), item=st.sampled_from(ITEMS), use_log=st.booleans())
    def crash(self, step: str, item: str, use_log: bool) -> None:
        r = self.replay()
        if r["plan"] is None or (not use_log and item in r["done"]):
            return  # nothing would be saved, so nothing to kill
        if use_log and sum(r["logs"], Fraction(0)) + 1 > 24:
            return
        argv = ["--home", str(self.home), *(["log", "1"] if use_log else ["done", item])]
        if Context.in_place:  # the self-check: a writer without temp files, killed half-way
            step = "half-written"
        extra = {"MLPATH_TEST_CRASH_AT": step, "MLPATH_TODAY": TODAY}
        if Context.in_place:
            extra["MLPATH_TEST_IN_PLACE"] = "1"
        status = Context.driver.run(argv, extra)
        Context.steps += 1
        assert status == -9, (step, status, Context.driver.errors())
        after = self.disk()
        landed = len(after) == len(self.events) + 1
        Context.crashes["new" if landed else "old"] = (
            Context.crashes.get("new" if landed else "old", 0) + 1
        )
        assert landed == (step == "after-rename"), (step, len(after), len(self.events))
        if landed:
            if use_log:
                self.add("log", hours="1", on=TODAY)
            else:
                self.add("done", item=item, on=TODAY)

    # --- after every step -------------------------------------------------------

    @invariant()
    def disk_matches_model(self) -> None:
        disk = self.disk()
        seq_of = {e["id"]: e["seq"] for e in disk}
        assert len(seq_of) == len(disk)  # every event has its own id
        assert [_key(e, seq_of) for e in disk] == [_key(e) for e in self.events]
        ledger, mine = fold(disk), self.replay()
        assert set(ledger.done) == mine["done"]
        assert ledger.logged_total == sum(mine["logs"], Fraction(0))
        assert (ledger.plan is None) == (mine["plan"] is None)
        if mine["plan"] is not None:
            assert ledger.plan_seq == mine["plan"]["seq"]


def _run(driver: Any, root: Path, examples: int, *, in_place: bool = False) -> None:
    Context.driver, Context.root, Context.in_place = driver, root, in_place
    run_state_machine_as_test(
        StateMachine,
        settings=settings(
            max_examples=examples,
            stateful_step_count=STEPS,
            deadline=None,
            database=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
            phases=[Phase.generate] if in_place else list(Phase),
        ),
    )


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MLPATH_TODAY", TODAY)


def test_model_and_disk_agree_after_every_step(
    driver: Any, tmp_path: Path, figures: Figures
) -> None:
    Context.runs = Context.steps = 0
    Context.crashes = {}
    _run(driver, tmp_path, EXAMPLES)
    crashes = sum(Context.crashes.values())
    figures.add("model mismatches", 0, Context.steps)
    figures.add("torn files", 0, crashes)
    figures.note(
        f"state machine: {Context.runs} runs, {Context.steps} steps (plan, done, log, undo, "
        f"replan, crash), {crashes} crashes ({Context.crashes.get('old', 0)} kept the old "
        f"state, {Context.crashes.get('new', 0)} the new): 0 disagreements"
    )


def test_catches_torn_files_in_the_machine(driver: Any, tmp_path: Path, figures: Figures) -> None:
    """The machine can fail: with an in-place writer, a crash half-way is caught."""
    Context.runs = 0
    with pytest.raises(AssertionError, match="torn file") as info:
        _run(driver, tmp_path, 30, in_place=True)
    figures.note(f"self-check: the state machine with an in-place writer fails: {info.value}")

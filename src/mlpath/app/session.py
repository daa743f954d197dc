"""Wiring: state file + roadmap + scheduler + progress for one command run.

This is the layer commands call; it owns no rules of its own (those live in
core: schedule, progress, ledger) and prints nothing (rendering is elsewhere).
"""

from __future__ import annotations

from datetime import date

from mlpath.app.clock import today
from mlpath.core.ledger import Ledger, complete_phases, fold_state, settings_of
from mlpath.core.progress import Progress, compute
from mlpath.core.record import Record
from mlpath.core.roadmap import Roadmap
from mlpath.core.schedule import Schedule, Settings
from mlpath.errors import MlpathError, NoPlanError, RoadmapError, UsageError
from mlpath.store.state import Store

TYPE_CHECKING = False
if TYPE_CHECKING:
    import os
    from collections.abc import Container
    from typing import Any


def unsafe_plan(plan: dict[str, Any]) -> str | None:
    """One sentence when the plan's roadmap hash or path (data that becomes a path)
    is not safe to use, else None."""
    from mlpath.core.shape import is_roadmap_hash
    from mlpath.store import catalog

    digest = plan.get("roadmap_hash")
    if not is_roadmap_hash(digest):
        shown = repr(digest) if len(str(digest)) <= 24 else f"{str(digest)[:20]!r}..."
        return (
            f"The plan's roadmap_hash {shown} is not a roadmap hash (16 lowercase hex "
            "digits), so mlpath does not use it."
        )
    path = plan.get("roadmap_path")
    if path:
        problem = catalog.plan_file_problem(path)
        if problem:
            return f"The plan's roadmap file {path!r:.80} is not opened: {problem}."
    return None


class UnsafePlanError(MlpathError):
    """A plan whose roadmap hash or path cannot be used safely (`doctor` names it)."""


class MissingRoadmapError(MlpathError):
    """A plan on a roadmap file this machine lacks, with no copy kept beside the state."""


def roadmap_for(
    plan: dict[str, Any], home: str | os.PathLike[str] | None = None, *, adopt: bool = False
) -> Roadmap:
    """The plan's roadmap (`plan_roadmap`)."""
    return plan_roadmap(plan, home, adopt=adopt)[0]


def plan_roadmap(
    plan: dict[str, Any], home: str | os.PathLike[str] | None = None, *, adopt: bool = False
) -> tuple[Roadmap, bool]:
    """(the plan's roadmap, whether its source holds an edit the plan has not adopted).

    An edit that leaves the user's file unreadable waits for `replan` too: the kept
    copy is laid, and `replan` (which must read the file) names the file's problems.
    A state from elsewhere may name any file here: it is then only read, never used.

    Bundled, the user's file, or the copy kept beside the state in `home` by the
    plan's content hash: on a machine without that file, and while the user's file
    holds an edit the plan has not adopted, so every machine lays the same plan and
    past days keep their past until `replan` (which passes `adopt`) takes the file
    as it is now. A bundled roadmap has no kept copy: a new release's is used."""
    from mlpath.store import catalog

    problem = unsafe_plan(plan)
    if problem:
        raise UnsafePlanError(
            problem, "`mlpath doctor` names the change that brought it and how to drop it."
        )
    wanted = plan["roadmap_hash"]
    path = plan.get("roadmap_path")
    found: Roadmap | None = None
    try:
        found = catalog.load_file(path) if path else catalog.resolve(plan["roadmap"], id_only=True)
    except RoadmapError:
        kept = catalog.load_kept(home, wanted) if home and path and not adopt else None
        if kept is None:
            raise
        return kept, True
    except UsageError:
        if not path:  # an id no roadmap here has: the kept copy, or the reason
            kept = catalog.load_kept(home, wanted) if home else None
            if kept is None:
                raise
            return kept, False
    if found is not None and (adopt or found.content_hash == wanted or found.bundled):
        return found, False
    kept = catalog.load_kept(home, wanted) if home else None
    if kept is not None:
        return kept, found is not None or bool(path and _exists(path))
    if found is not None:  # edited, and no copy of the plan's version: the file as it is
        return found, False
    raise MissingRoadmapError(
        f"The plan's roadmap file {path} is gone.",
        "Put it back, or start a new plan with `mlpath plan --force`.",
    )


def _exists(path: str) -> bool:
    import os

    return os.path.isfile(path)


def milestone_phases(
    roadmap: Roadmap, done: Container[str] | None = None
) -> list[tuple[str, list[str]]]:
    """Each milestone with the other items of its phase (what ticking it completes);
    with `done`, only the milestones in it: `complete_phases` passes over the rest, and
    a roadmap kept in the cache then makes only their phases."""
    phases = roadmap.phases
    return [
        (milestone, phases.at(i).work_ids())
        for milestone, i in phases.milestone_positions()
        if done is None or milestone in done
    ]


def review_due(
    roadmap: Roadmap, settings: Settings, ledger: Ledger | None
) -> dict[date, int] | None:
    """The review load the plan's capacity gives way to (core/progress.py)."""
    from mlpath.core.progress import review_due_for

    return review_due_for(roadmap, settings, ledger)


def review_cap() -> int:
    """The learner's `config review_cap_minutes` (assumed 30 when not set)."""
    import os

    from mlpath.core.schedule import REVIEW_CAP_MINUTES
    from mlpath.store.paths import config_file_str

    if not os.path.exists(config_file_str()):
        return REVIEW_CAP_MINUTES  # the usual case, without importing the config reader
    from mlpath.store.config import load_config

    try:
        return int(load_config().values.get("review_cap_minutes", REVIEW_CAP_MINUTES))
    except MlpathError:  # a broken config.yaml is reported by the commands that use it
        return REVIEW_CAP_MINUTES


def schedule_for(
    roadmap: Roadmap,
    plan: dict[str, Any],
    ledger: Ledger | None = None,
    cap: int | None = None,
    where: str | None = None,
) -> Schedule:
    """The plan's schedule: laid, or kept from an earlier run with the same inputs
    (app/laid.py); `where`, the state file's path, names its cache entry."""
    from mlpath.app.laid import laid_schedule
    from mlpath.core.habits import with_habits
    from mlpath.core.progress import skipped_on
    from mlpath.core.schedule import REVIEW_CAP_MINUTES

    settings = with_habits(roadmap, settings_of(plan))  # the documents' habits, derived
    due = review_due(roadmap, settings, ledger)
    cap = REVIEW_CAP_MINUTES if cap is None else cap
    return laid_schedule(roadmap, plan, settings, due, skipped_on(ledger), cap, where)


class Active(Record):
    """The active plan with everything derived from it, for one command run."""

    __slots__ = (
        "store",
        "state",
        "ledger",
        "plan",
        "roadmap",
        "schedule",
        "today",
        "review_cap",
        "edited",
        "_progress",
    )
    _no_compare = ("_progress",)  # derived from the others

    def __init__(
        self,
        store: Store,
        state: dict[str, Any],
        ledger: Ledger,
        plan: dict[str, Any],
        roadmap: Roadmap,
        schedule: Schedule,
        today: date,
        review_cap: int,
        edited: bool = False,  # the roadmap's source holds an edit not adopted (plan_roadmap)
    ) -> None:
        self.store = store
        self.state = state
        self.ledger = ledger
        self.plan = plan
        self.roadmap = roadmap
        self.schedule = schedule
        self.today = today
        self.review_cap = review_cap
        self.edited = edited
        self._progress: Progress | None = None

    __hash__ = None  # type: ignore[assignment]

    @property
    def progress(self) -> Progress:
        """Pace, credit and what is done, worked out when first asked for: a change reads
        the plan before it writes, but most need only the state after it (a `log` on a
        long history then replays the credit once, not twice)."""
        if self._progress is None:
            self._progress = compute(self.schedule, self.ledger, self.today)
            self._progress.review_cap = self.review_cap
        return self._progress

    @property
    def roadmap_changed(self) -> bool:
        return self.plan.get("roadmap_hash") != self.roadmap.content_hash or self.edited

    @property
    def warnings(self) -> list[str]:
        """What to tell the learner before anything else; derived from the plan itself,
        so a replan that adopts the changed roadmap has none."""
        out = [changed_warning(self)] if self.roadmap_changed else []
        kept = self.kept_copy
        if kept:
            out.append(
                f"The plan's roadmap file {self.plan['roadmap_path']} is not here; "
                f"using the copy kept beside the state ({kept})."
            )
        return out

    @property
    def kept_copy(self) -> str | None:
        """The copy kept beside the state, when the plan's own file is missing here."""
        wanted = self.plan.get("roadmap_path")
        if wanted and self.roadmap.path and self.roadmap.path != wanted and not self.edited:
            return self.roadmap.path
        return None


def progress_said(led: Ledger) -> str | None:
    """The progress a plan holds, as the refusal to replace it says it (None: none):
    its items done, its hours (timed ones too, as every view counts them), the habits
    recorded and a timer running; a cancelled timer is nothing."""
    from fractions import Fraction

    from mlpath.core.numbers import number, plural
    from mlpath.core.timer import timed_logs

    timers = [t for t in led.timers.values() if not t.cancelled]
    if not (led.done or led.logs or led.dids or timers):
        return None
    timed = sum((g.hours for g in timed_logs(led)), Fraction(0))
    said = [f"{plural(len(led.done), 'item')} done", f"{number(led.logged_total + timed)} h logged"]
    if led.dids:
        said.append(f"{plural(len(led.dids), 'habit')} recorded")
    if any(t.running for t in timers):
        said.append("a timer running")
    return ", ".join(said)


def changed_warning(active: Active) -> str:
    return (
        f"The roadmap '{active.roadmap.id}' has changed since this plan was made; "
        "run `mlpath replan` to adopt it (progress on items that still exist is kept)."
    )


def load_active(
    store: Store, when: date, state: dict[str, Any] | None = None, reuse: Active | None = None
) -> Active:
    """The active plan with everything derived from it, or NoPlanError.

    `reuse`: an Active read earlier in the same command; when the plan is still
    the same (a `done` or `log` changes only progress) its roadmap and schedule
    are taken as they are instead of being loaded and laid again.
    """
    from mlpath.core.timer import add_timed

    state = state if state is not None else store.read()
    ledger = add_timed(fold_state(state))  # timer sessions count as logged time
    cap = review_cap()
    if ledger.plan is None:
        raise NoPlanError()
    if reuse is not None and reuse.plan == ledger.plan:
        roadmap, schedule, edited = reuse.roadmap, reuse.schedule, reuse.edited
        complete_phases(ledger, milestone_phases(roadmap, ledger.done))
        due = review_due(roadmap, schedule.settings, ledger)
        if (due or {}) != schedule.review_due:  # a done item brought reviews with it
            from mlpath.app.laid import laid_schedule
            from mlpath.core.progress import skipped_on

            schedule = laid_schedule(
                roadmap,
                ledger.plan,
                schedule.settings,
                due,
                skipped_on(ledger),
                cap,
                store.file,
            )
    else:
        roadmap, edited = plan_roadmap(ledger.plan, store.folder)
        complete_phases(ledger, milestone_phases(roadmap, ledger.done))
        schedule = schedule_for(roadmap, ledger.plan, ledger, cap, store.file)
    return Active(store, state, ledger, ledger.plan, roadmap, schedule, when, cap, edited)


__all__ = ["Active", "load_active", "roadmap_for", "schedule_for", "today"]

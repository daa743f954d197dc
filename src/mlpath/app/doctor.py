"""`mlpath doctor`: check the state file and everything around it, say how to repair.

Checks, in order: the state file (reads, has the right shape and version),
its backup, the lock, the plan's roadmap (there, valid, unchanged), the config
file, and temp files left by interrupted saves. Each check says what it found
and, when something is wrong, the one thing to do about it. Nothing here
writes: the repair `doctor --restore` goes through store/state.py's Store.restore_backup.
"""

from __future__ import annotations

import os
import shlex
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any

from mlpath.core.record import Record
from mlpath.errors import MlpathError, StateError
from mlpath.render.text import plural
from mlpath.store.state import STATE_NAME, VERSION, Store, parse_state, read_regular, stray_temps

OK, NOTE, WARNING, PROBLEM = "ok", "note", "warning", "problem"


class Check(Record):
    __slots__ = ("name", "status", "message", "fix")

    def __init__(self, name: str, status: str, message: str, fix: str | None = None) -> None:
        self.name = name
        self.status = status  # ok | note | warning | problem
        self.message = message
        self.fix = fix


class Report(Record):
    __slots__ = ("home", "checks")

    def __init__(self, home: str, checks: list[Check]) -> None:
        self.home = home
        self.checks = checks

    __hash__ = None  # type: ignore[assignment]

    @property
    def ok(self) -> bool:
        return not any(c.status == PROBLEM for c in self.checks)

    def view(self) -> dict[str, Any]:
        checks = [{n: getattr(c, n) for n in Check.__slots__} for c in self.checks]
        return {"home": self.home, "ok": self.ok, "checks": checks}


def _read_state(
    path: Path, *, follow: bool = True
) -> tuple[dict[str, Any] | None, int | None, StateError | None]:
    """(state, version on disk, error): state None when missing or unreadable."""
    try:
        raw = read_regular(path, follow=follow)
        if raw is None:
            return None, None, None
        import json

        try:
            on_disk = json.loads(raw).get("version")
        except (ValueError, AttributeError, RecursionError):
            on_disk = None
        return parse_state(raw, path), on_disk if isinstance(on_disk, int) else None, None
    except StateError as exc:
        return None, None, exc


def _restore_fix(store: Store, backup_ok: bool) -> str:
    if backup_ok:
        return (
            f"Run `mlpath doctor --restore` to put back {store.backup.name} (the version "
            "before the last change); the damaged file is kept beside it."
        )
    return (
        f"There is no usable backup: move {store.path} aside to start afresh, or repair it by "
        "hand (it is JSON: one event per line)."
    )


def _events_text(state: dict[str, Any]) -> str:
    from mlpath.core.ledger import fold_state

    events = state.get("events", [])
    ledger = fold_state(state)
    text = plural(len(events), "event")
    if state.get("snapshot"):
        text += f" after a snapshot of the first {state['snapshot']['upto']}"
    if ledger.plan is not None:
        p = ledger.plan
        text += (
            f"; plan: {p['roadmap']}, {p['level']}, {p['hours_per_week']} h/week from {p['start']}"
        )
        text += f", {plural(len(ledger.done), 'item')} done"
    else:
        text += "; no active plan"
    return text


def diagnose(store: Store, today: date) -> Report:
    checks: list[Check] = []
    state, on_disk, state_error = _read_state(store.path)
    backup, _, backup_error = _read_state(store.backup, follow=False)
    backup_ok = backup is not None

    # 1. the state file
    where = str(store.path)
    if store.path.is_symlink():
        where += f" (a link to {store.target()})"
    if state_error is not None:
        newer = "newer mlpath" in state_error.message
        conflict = "git merge conflict" in state_error.message
        # MLPATH_HOME naming a file: no state.json to restore or move aside
        blocked = "is a file, not a folder" in state_error.message
        checks.append(
            Check(
                "state file",
                PROBLEM,
                state_error.message,
                state_error.hint
                if newer or conflict or blocked
                else _restore_fix(store, backup_ok),
            )
        )
    elif state is None:
        checks.append(Check("state file", OK, f"{where} does not exist yet: no plan made."))
    else:
        message = f"{where}: {_events_text(state)}."
        if on_disk is not None and on_disk < VERSION:
            message += f" State version {on_disk}: the next change upgrades it to {VERSION}."
        checks.append(Check("state file", OK, message))

    # 2. the backup
    if backup_error is not None:
        checks.append(
            Check(
                "backup",
                PROBLEM if state_error else WARNING,
                f"The backup is unusable: {backup_error.message}",
                backup_error.hint
                if "symbolic link" in backup_error.message
                else None
                if state_error
                else "The next change replaces it with a copy of the current state.",
            )
        )
    elif backup is None:
        checks.append(
            Check("backup", OK, f"{store.backup} does not exist yet (made by the second change).")
        )
    else:
        checks.append(
            Check(
                "backup",
                OK,
                f"{store.backup}: the version before the last change, {_events_text(backup)}.",
            )
        )

    # 3. the lock, and whether the folder takes changes at all
    holder = store.lock_holder()
    lock = store.lock_path
    if os.path.islink(lock):
        checks.append(
            Check(
                "lock",
                PROBLEM,
                f"The lock {lock} is a symbolic link: every change is refused, so that "
                "nothing is written through it.",
                f"Delete it: `rm {shlex.quote(str(lock))}` (mlpath makes a new one).",
            )
        )
    elif holder is None:
        checks.append(Check("lock", OK, "Free: no mlpath is changing the state right now."))
    else:
        who = f"process {holder}" if holder else "another process"
        checks.append(
            Check(
                "lock",
                WARNING,
                f"Held by {who}: an mlpath command is saving right now.",
                "Wait for it to finish; if it hangs, stop that process (the lock is freed "
                "the moment it exits, even if killed).",
            )
        )
    if os.path.lexists(store.old_lock_path):  # never opened: it may be a planted link
        checks.append(
            Check(
                "old lock",
                NOTE,
                f"{store.old_lock_path} was left by an older mlpath; the lock now lives "
                f"outside {store.home}, so this file is unused.",
                f"It is safe to delete: `rm {shlex.quote(str(store.old_lock_path))}`.",
            )
        )
    if store.home.exists() and not os.access(store.home, os.W_OK):
        checks.append(
            Check(
                "folder",
                PROBLEM,
                f"{store.home} is not writable: every change will fail.",
                f"Fix its permissions (`chmod u+w '{store.home}'`) or set MLPATH_HOME elsewhere.",
            )
        )

    # 4. the plan's roadmap
    checks.append(_roadmap_check(store, state, today))

    # 5. the config file
    checks.append(_config_check())

    # 5b. git's merge attribute, when `mlpath sync` set it up here
    merge = _merge_attribute_check(store.home)
    if merge is not None:
        checks.append(merge)

    # 6. other copies of the progress, left by a sync tool
    from mlpath.store.copies import conflict_copies

    copies = conflict_copies(store.home)
    if copies:
        names = ", ".join(copies[:3]) + (" ..." if len(copies) > 3 else "")
        checks.append(
            Check(
                "copies",
                WARNING,
                f"{len(copies)} conflict copy(ies) of state.json from a sync tool: {names}; "
                "their progress is not counted yet.",
                "`mlpath merge` folds them in, losing nothing (not `doctor --restore`, "
                "which would set one machine's changes aside).",
            )
        )
    else:
        checks.append(Check("copies", OK, "No conflict copies of state.json."))

    # 7. leftovers of interrupted saves
    temps = stray_temps(store.folder, STATE_NAME)
    elsewhere, name = os.path.split(store.target())
    if elsewhere != store.folder:
        temps += stray_temps(elsewhere, name)
    if temps:
        names = ", ".join(t.name for t in temps[:3]) + (" ..." if len(temps) > 3 else "")
        checks.append(
            Check(
                "temp files",
                NOTE,
                f"{plural(len(temps), 'temp file')} from an interrupted save: {names}.",
                "Harmless: the next change removes them (or delete them by hand).",
            )
        )
    else:
        checks.append(Check("temp files", OK, "None left by interrupted saves."))
    kept = sorted(store.home.glob(STATE_NAME + ".damaged-*")) if store.home.exists() else []
    if kept:
        checks.append(
            Check(
                "kept files",
                NOTE,
                f"{plural(len(kept), 'damaged file')} kept by earlier restores, e.g. {kept[-1].name}.",
                "Delete them once you no longer need them.",
            )
        )
    return Report(str(store.home), checks)


def _roadmap_check(store: Store, state: dict[str, Any] | None, today: date) -> Check:
    if state is None:
        return Check("roadmap", OK, "No plan, so no roadmap to check.")
    from mlpath.app.session import load_active
    from mlpath.core.ledger import fold_state

    ledger = fold_state(state)
    plan = ledger.plan
    if plan is None:
        return Check("roadmap", OK, "No active plan, so no roadmap to check.")
    from mlpath.app.session import roadmap_for, unsafe_plan
    from mlpath.core.ledger import plan_event_id

    event = plan_event_id(state.get("events", []), ledger.plan_seq)
    drop = (
        f"`mlpath doctor --drop {event}` removes that change (recorded as an event, so "
        "it merges to your other machines too)."
        if event
        else "Start a new plan with `mlpath plan --force`."
    )
    brought = f" (brought by event {event})" if event else ""
    problem = unsafe_plan(plan)
    if problem:
        return Check("roadmap", PROBLEM, f"{problem.rstrip('.')}{brought}.", drop)
    try:
        roadmap_for(plan, store.home)
    except MlpathError as exc:
        return Check(
            "roadmap",
            PROBLEM,
            f"The plan's roadmap '{plan.get('roadmap')}' cannot be used: {exc.message}",
            exc.hint or "Fix the roadmap file, or start a new plan with `mlpath plan --force`.",
        )
    try:
        active = load_active(store, today, state=state)
    except MlpathError as exc:
        return Check(
            "plan",
            PROBLEM,
            f"The plan cannot be laid{brought}: {exc.message}",
            f"`mlpath undo` if it was your last change; else {drop}",
        )
    if active.edited:
        return Check(
            "roadmap",
            WARNING,
            f"The roadmap '{active.roadmap.id}' has changed since the plan was made; the "
            f"plan keeps the version it was laid from ({active.roadmap.path}).",
            "Run `mlpath replan` to adopt the file as it is; progress on items that still "
            "exist is kept.",
        )
    if active.kept_copy:
        return Check(
            "roadmap",
            WARNING,
            f"The plan's roadmap file {plan['roadmap_path']} is gone from this machine; "
            f"mlpath uses the copy the plan kept beside the state ({active.kept_copy}).",
            "Put the file back to edit the roadmap; the plan works as it is meanwhile.",
        )
    if active.roadmap_changed:
        return Check(
            "roadmap",
            WARNING,
            f"The roadmap '{active.roadmap.id}' has changed since the plan was made "
            f"(hash {plan.get('roadmap_hash')} then, {active.roadmap.content_hash} now).",
            "Run `mlpath replan` to adopt it; progress on items that still exist is kept.",
        )
    return Check(
        "roadmap",
        OK,
        f"'{active.roadmap.id}' is unchanged since the plan was made "
        f"(hash {active.roadmap.content_hash}).",
    )


def _merge_attribute_check(home: Path) -> Check | None:
    """The merge driver git will really use for state.json (a later line in any
    attributes file can override `state.json merge=mlpath`)."""
    if not (home / ".gitattributes").is_file():
        return None
    import shutil
    import subprocess

    exe = shutil.which("git")
    if exe is None:
        return None
    result = subprocess.run(
        [exe, "check-attr", "merge", "--", STATE_NAME],
        cwd=home,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    if result.returncode != 0:
        return None  # not a work tree
    value = result.stdout.strip().rsplit(": ", 1)[-1]
    if value == "mlpath":
        return Check("merge driver", OK, "git merges state.json with mlpath's driver.")
    return Check(
        "merge driver",
        PROBLEM,
        f"git would merge state.json with `merge={value}`, not mlpath's driver: a line in "
        ".gitattributes, .git/info/attributes or core.attributesFile overrides it.",
        "Remove that line (`git check-attr -a state.json` shows the result); `mlpath sync` "
        "refuses to merge until then.",
    )


def drop_event(store: Store, event_id: str) -> dict[str, Any]:
    """Append a `drop` event removing `event_id` as an undo would; the dropped event."""
    from mlpath.errors import UsageError

    with store.transaction() as state:
        events = state.get("events", [])
        found = next((e for e in events if e.get("id") == event_id), None)
        if found is None:
            raise UsageError(
                f"There is no event {event_id!r:.40} in {store.path}.",
                "`mlpath doctor` names the event to drop.",
            )
        dropped = {e.get("drops") for e in events if e.get("type") == "drop"}
        if event_id in dropped:
            raise UsageError(f"Event {event_id} is already dropped.")
        if found.get("type") in ("undone", "drop"):
            # what an undo or a drop took away stays away (as `undo` never undoes one):
            # dropping it would read as done while changing nothing
            raise UsageError(
                f"Event {event_id} is {'an undo' if found['type'] == 'undone' else 'a drop'}: "
                "it removes a change, and cannot be dropped itself.",
                "Record what it took away again (`mlpath done`, `mlpath log`, ...).",
            )
        store.append(state, "drop", drops=event_id)
        return dict(found)


def _config_check() -> Check:
    try:
        from mlpath.store import config
    except ImportError:  # pragma: no cover - config arrives with its own feature
        return Check("config", OK, "Skipped: this mlpath has no config file.")
    try:
        cfg = config.load_config()
    except MlpathError as exc:
        return Check(
            "config",
            PROBLEM,
            exc.message,
            exc.hint or "Fix the line it names, or `mlpath config unset KEY`.",
        )
    if not cfg.exists:
        return Check("config", OK, f"{cfg.path} does not exist: the defaults apply.")
    keys = ", ".join(sorted(cfg.values)) or "no settings"
    if cfg.notices:
        return Check("config", OK, f"{cfg.path}: {keys}. {' '.join(cfg.notices)}")
    return Check("config", OK, f"{cfg.path}: {keys}.")


def damaged_name(store: Store, now: datetime | None = None) -> Path:
    """state.json.damaged-<UTC timestamp>, made unique if needed."""
    stamp = (now or datetime.now(timezone.utc)).strftime("%Y%m%dT%H%M%SZ")
    keep = store.home / f"{STATE_NAME}.damaged-{stamp}"
    n = 1
    while os.path.lexists(keep):
        n += 1
        keep = store.home / f"{STATE_NAME}.damaged-{stamp}-{n}"
    return keep


class RestorePlan(Record):
    """What `doctor --restore` would do, for the confirmation prompt."""

    __slots__ = ("state_ok", "state_events", "backup_events", "keep_as")

    def __init__(
        self, state_ok: bool, state_events: int | None, backup_events: int, keep_as: Path
    ) -> None:
        self.state_ok = state_ok
        self.state_events = state_events
        self.backup_events = backup_events
        self.keep_as = keep_as


def plan_restore(store: Store) -> RestorePlan:
    """Check that a restore is possible, or raise StateError saying why not."""
    backup, _, backup_error = _read_state(store.backup, follow=False)
    if backup_error is not None:
        raise StateError(
            f"The backup cannot be restored: {backup_error.message}",
            "Repair one of the two files by hand, or move state.json aside to start afresh.",
        )
    if backup is None:
        raise StateError(
            f"There is no backup to restore ({store.backup} does not exist).",
            "Move state.json aside to start afresh, or repair it by hand.",
        )
    state, _, state_error = _read_state(store.path)
    return RestorePlan(
        state_ok=state_error is None,
        state_events=len(state["events"]) if state is not None else None,
        backup_events=len(backup["events"]),
        keep_as=damaged_name(store),
    )


def restore(store: Store, plan: RestorePlan) -> None:
    store.restore_backup(plan.keep_as)

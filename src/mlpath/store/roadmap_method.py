"""The strict schema of a roadmap's method fields (data/roadmaps/README.md, "method"):
`balance` (a theory/practice target), `projects` (a rule or a tip) and `habits`.

store/roadmap_yaml.py builds these from its own checks (`method_schemas`), so
errors read like every other roadmap error: FILE:LINE: field.path: what is wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Check = Callable[[Any, Any, Any], bool]


def method_schemas(
    *,
    mapping: Callable[..., Check],
    list_of: Callable[..., Check],
    text: Check,
    boolean: Check,
    one_of: Callable[..., Check],
    ident: Check,
    phase_number: Check,
    is_number: Callable[[Any], bool],
    assumed_ok: Callable[[dict[str, Any], Any, Any], None],
    range_ok: Callable[[dict[str, Any], Any, Any], None],
    format_path: Callable[[Any], str],
) -> tuple[Check, Check, Check, Callable[[dict[str, Any], Any, set[int], set[str]], None]]:
    """(BALANCE, PROJECTS, HABIT, the cross checks) from the loader's building blocks."""

    def sourced_ok(d: dict[str, Any], path: Any, ctx: Any) -> None:
        """A figure is the document's (its `source`) or assumed (with a `note`)."""
        assumed_ok(d, path, ctx)
        if not d.get("assumed") and "source" not in d:
            ctx.err(path, "give the document's words in 'source', or set assumed: true and a note")

    def percent(value: Any, path: Any, ctx: Any) -> bool:
        if not is_number(value) or not 0 <= value <= 100:
            ctx.err(path, "must be a percentage from 0 to 100")
            return False
        return True

    def whole(lo: int, hi: int) -> Check:
        def check(value: Any, path: Any, ctx: Any) -> bool:
            if not isinstance(value, int) or isinstance(value, bool) or not lo <= value <= hi:
                ctx.err(path, f"must be a whole number from {lo} to {hi}")
                return False
            return True

        return check

    def count_ok(d: dict[str, Any], path: Any, ctx: Any) -> None:
        range_ok(d, path, ctx)
        assumed_ok(d, path, ctx)
        if d.get("use") == "max" and "max" not in d:
            ctx.err((*path, "use"), "use: max needs a 'max'")

    def when_ok(d: dict[str, Any], path: Any, ctx: Any) -> None:
        if "phases" in d and "interview_weeks" in d:
            ctx.err(path, "give 'phases' or 'interview_weeks', not both")
        sourced_ok(d, path, ctx)

    def figure(value: Check) -> Check:
        """A figure with its source, or assumed with a note."""
        return mapping(
            {
                "value": (value, True),
                "source": (text, False),
                "assumed": (boolean, False),
                "note": (text, False),
            },
            sourced_ok,
        )

    phases = list_of(phase_number, non_empty=True)
    target = mapping(
        {
            "phases": (phases, True),
            "practice_percent": (percent, True),
            "source": (text, True),
            "assumed": (boolean, False),
            "note": (text, False),
        },
        assumed_ok,
    )
    balance = mapping(
        {
            "source": (text, True),
            "also": (text, False),
            "note": (text, False),
            "targets": (list_of(target, non_empty=True), True),
            "exempt": (list_of(mapping({"phases": (phases, True), "source": (text, True)})), False),
        }
    )
    projects = mapping(
        {
            "rule": (one_of("warn", "tip"), True),
            "source": (text, True),
            "also": (text, False),
            "days_before": (figure(whole(0, 366)), False),
        }
    )
    count = mapping(
        {
            "per": (one_of("day", "week"), True),
            "min": (whole(1, 100), True),
            "max": (whole(1, 100), False),
            "use": (one_of("min", "max"), False),
            "assumed": (boolean, False),
            "note": (text, False),
        },
        count_ok,
    )
    when = mapping(
        {
            "phases": (phases, False),
            "interview_weeks": (whole(1, 52), False),
            "source": (text, False),
            "assumed": (boolean, False),
            "note": (text, False),
        },
        when_ok,
    )
    habit = mapping(
        {
            "id": (ident, True),
            "title": (text, True),
            "source": (text, True),
            "count": (count, True),
            "when": (when, True),
            "minutes": (figure(whole(1, 24 * 60)), True),
            "kind": (figure(one_of("practice", "theory")), True),
        }
    )

    def method_ok(d: dict[str, Any], ctx: Any, numbers: set[int], item_ids: set[str]) -> None:
        """Phases named by the method exist (each with one target at most); habit ids
        are unique and no item's (`mlpath start ID` takes either)."""
        b = d.get("balance")
        targeted: dict[int, Any] = {}
        for key in ("targets", "exempt"):
            for i, t in enumerate((b or {}).get(key) or ()):
                for j, n in enumerate(t["phases"]):
                    path = ("balance", key, i, "phases", j)
                    if n not in numbers:
                        ctx.err(path, f"there is no phase {n}")
                    elif n in targeted:
                        ctx.err(path, f"phase {n} is already at {format_path(targeted[n])}")
                    targeted.setdefault(n, path)
        habits: dict[str, int] = {}
        for i, h in enumerate(d.get("habits") or ()):
            if h["id"] in habits or h["id"] in item_ids:
                ctx.err(("habits", i, "id"), f"the id '{h['id']}' is already used")
            habits.setdefault(h["id"], i)
            for j, n in enumerate(h["when"].get("phases") or ()):
                if n not in numbers:
                    ctx.err(("habits", i, "when", "phases", j), f"there is no phase {n}")

    return balance, projects, habit, method_ok

"""The method's commands and options, declared as cli/spec.py declares the rest: the
timer (`start`, `stop`, `cancel`), habits (`did`), `--practice/--theory`, and the plan's
`--interview`/`--no-habit`. cli/spec.py imports this table into its own."""

from __future__ import annotations

from mlpath.cli.spec import Arg, Cmd, Opt  # kinds as literals: spec.py is mid-import


def _json(what: str) -> Opt:
    return Opt(("--json",), "as_json", f"Print {what} as JSON.", kind="flag")


def _on(what: str) -> Opt:
    return Opt(("--on",), "on", what, metavar="DATE")


PRACTICE_OPTS = (
    Opt(
        ("--practice",),
        "practice",
        "Count this time as practice (default: from the item's kind).",
        kind="flag",
    ),
    Opt(
        ("--theory",),
        "theory",
        "Count this time as theory (default: from the item's kind).",
        kind="flag",
    ),
)
AT_OPT = Opt(
    ("--at",),
    "at",
    "The time it happened, HH:MM (default: now; later than now means yesterday).",
    metavar="HH:MM",
)


INTERVIEW_OPT = Opt(
    ("--interview",),
    "interviews",
    "An interview date: a deadline, and the start of habits the roadmap's document "
    "times before interviews (repeatable; replan: `none` clears).",
    kind="multi",
    metavar="DATE",
)
NO_HABIT_OPT = Opt(
    ("--no-habit",),
    "no_habits",
    "Leave out one of the roadmap's habits, e.g. arxiv-titles (repeatable; replan: "
    "`none` keeps them all).",
    kind="multi",
    metavar="ID",
)

METHOD_COMMANDS: tuple[Cmd, ...] = (
    Cmd(
        ("start",),
        """Start the timer, on an item or a habit (or on your plan in order).

Stopped time is credited as `mlpath log` is; a habit's time is recorded as
`mlpath did`. Starting while a timer runs switches to the new one (one undo).

Examples:

  mlpath start linear-regression-from-scratch --practice

  mlpath start arxiv-titles

  mlpath start --at 09:15 --note "StatQuest" """,
        "cmd_timer:start",
        args=(
            Arg(
                "what",
                "ITEM|HABIT",
                "A topic or project (id, prefix or title), or a habit id; none: your plan.",
                required=False,
                complete="complete_item",
            ),
        ),
        opts=(
            Opt(("--note",), "note", "What you are doing.", metavar="TEXT"),
            AT_OPT,
            *PRACTICE_OPTS,
            _json("the change"),
        ),
    ),
    Cmd(
        ("stop",),
        """Stop the timer and count its time (cut at config timer_cap, default 4 h).

Example:  mlpath stop --at 12:30 --note "chapter 3 done\"""",
        "cmd_timer:stop",
        opts=(
            Opt(("--note",), "note", "What you did.", metavar="TEXT"),
            AT_OPT,
            _json("the change"),
        ),
    ),
    Cmd(
        ("cancel",),
        """Throw the running timer away: nothing is counted.

Example:  mlpath cancel""",
        "cmd_timer:cancel",
        opts=(_json("the change"),),
    ),
    Cmd(
        ("did",),
        """Record a habit of your roadmap's document, N times (default once).

Its time (N × the habit's minutes) is study time; it is not logged again.

Examples:

  mlpath did arxiv-titles

  mlpath did foundational-papers 2 --on yesterday""",
        "cmd_timer:did",
        args=(
            Arg("habit", "HABIT", "The habit's id (`mlpath next` lists today's)."),
            Arg("count", "N", "How many times (default 1).", required=False),
        ),
        opts=(
            _on("Which day (default today)."),
            Opt(("--note",), "note", "A note to keep with it.", metavar="TEXT"),
            _json("the change"),
        ),
    ),
)

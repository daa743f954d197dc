"""The method's commands and options, declared as cli/spec.py declares the rest: the
timer (`start`, `stop`, `cancel`), habits (`did`), `log --practice/--theory`, `next
--line`, and the plan's `--interview`/`--no-habit`. cli/spec.py adds them to its table
(`with_method`) once that table is built."""

from __future__ import annotations

from mlpath.cli.specparts import FLAG, MULTI, Arg, Cmd, Opt


def _json(what: str) -> Opt:
    return Opt(("--json",), "as_json", f"Print {what} as JSON.", kind=FLAG)


def _on(what: str) -> Opt:
    return Opt(("--on",), "on", what, metavar="DATE")


PRACTICE_OPTS: tuple[Opt, ...] = (
    Opt(
        ("--practice",),
        "practice",
        "Count this time as practice (default: from the item's kind).",
        kind=FLAG,
    ),
    Opt(
        ("--theory",),
        "theory",
        "Count this time as theory (default: from the item's kind).",
        kind=FLAG,
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
    kind=MULTI,
    metavar="DATE",
)
NO_HABIT_OPT = Opt(
    ("--no-habit",),
    "no_habits",
    "Leave out one of the roadmap's habits, e.g. arxiv-titles (repeatable; replan: "
    "`none` keeps them all).",
    kind=MULTI,
    metavar="ID",
    complete="complete_habit",
)
HABIT_OPTS: tuple[Opt, ...] = (INTERVIEW_OPT, NO_HABIT_OPT)
LINE_OPT: Opt = Opt(
    ("--line",),
    "line",
    "One line of at most 60 characters, for a shell prompt or tmux's status line.",
    kind=FLAG,
)

COMMANDS: tuple[Cmd, ...] = (
    Cmd(
        ("start",),
        """Start the timer, on an item or a habit (or on your plan in order).

Stopped time is credited as `mlpath log` is; a habit's time is recorded as
`mlpath did`. Starting while a timer runs switches to the new one (one undo).

Examples:

  mlpath start csv-stats-assessment --practice

  mlpath start arxiv-titles

  mlpath start --at 09:15 --note "StatQuest" """,
        "cmd_timer:start",
        summary="Start the timer on an item or a habit.",
        args=(
            Arg(
                "what",
                "ITEM|HABIT",
                "A topic or project (id, prefix or title), or a habit id; none: your plan.",
                required=False,
                complete="complete_timed",
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
        summary="Stop the timer and count its time.",
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
        summary="Throw the running timer away.",
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
        summary="Record a habit of your roadmap's document.",
        args=(
            Arg(
                "habit",
                "HABIT",
                "The habit's id (`mlpath next` lists today's).",
                complete="complete_habit",
            ),
            Arg("count", "N", "How many times (default 1).", required=False),
        ),
        opts=(
            _on("Which day (default today)."),
            Opt(("--note",), "note", "A note to keep with it.", metavar="TEXT"),
            _json("the change"),
        ),
        numbers_are_args=True,  # `did HABIT -1` reaches the count check, as `log -1` does
    ),
)


def _before_json(opts: tuple[Opt, ...], extra: tuple[Opt, ...]) -> tuple[Opt, ...]:
    """`extra` before the command's --json (which stays last, as everywhere)."""
    if opts and opts[-1].dest == "as_json":
        return (*opts[:-1], *extra, opts[-1])
    return (*opts, *extra)


def with_method(table: tuple[Cmd, ...]) -> tuple[Cmd, ...]:
    """The table with the method's options on plan, replan, log and next, and its
    commands after `log`."""
    extra = {
        ("plan",): HABIT_OPTS,
        ("replan",): HABIT_OPTS,
        ("log",): PRACTICE_OPTS,
        ("next",): (LINE_OPT,),
    }
    out: list[Cmd] = []
    for cmd in table:
        # by identity: Record's == compares every field, on every command's start-up
        if cmd.path in extra and not any(o is p for o in extra[cmd.path] for p in cmd.opts):
            cmd.opts = _before_json(cmd.opts, extra[cmd.path])
        out.append(cmd)
        if cmd.path == ("log",):
            out += COMMANDS
    return tuple(out)

"""The building blocks of cli/spec.py's table: option and argument kinds, the
Opt/Arg/Cmd records, and the options several commands share (declared once).

On every command's start-up path: plain tuples, no imports.
"""

from __future__ import annotations

from mlpath.core.record import Record

# Option kinds: a flag (no value), one value, a repeatable value, a bounded integer.
FLAG, VALUE, MULTI, INT = "flag", "value", "multi", "int"


class Opt(Record):
    __slots__ = ("names", "dest", "kind", "metavar", "help", "lo", "hi", "complete", "eager")

    def __init__(
        self,
        names: tuple[str, ...],
        dest: str,
        help: str,
        *,
        kind: str = VALUE,
        metavar: str | None = None,
        lo: int | None = None,
        hi: int | None = None,
        complete: str | None = None,
        eager: bool = False,
    ) -> None:
        self.names = names
        self.dest = dest
        self.kind = kind
        self.metavar = metavar
        self.help = help
        self.lo = lo
        self.hi = hi
        self.complete = complete  # a function's name in cli/completion.py
        self.eager = eager


class Arg(Record):
    __slots__ = ("dest", "metavar", "help", "many", "required", "complete")

    def __init__(
        self,
        dest: str,
        metavar: str,
        help: str,
        *,
        many: bool = False,
        required: bool = True,
        complete: str | None = None,
    ) -> None:
        self.dest = dest
        self.metavar = metavar
        self.help = help
        self.many = many
        self.required = required
        self.complete = complete


class Cmd(Record):
    """One command: its words (`("roadmaps", "show")`), its help, its summary (the
    phrase its group's list of commands gives it, short enough for 60 columns; else the
    help's first sentence, cut as click cuts it), its parameters, its body as "module:function" under mlpath.cli
    (imported only when it runs), and what runs before the body."""

    __slots__ = (
        "path",
        "help",
        "summary",
        "args",
        "opts",
        "body",
        "group",
        "numbers_are_args",
        "reads_config",
        "notices_copies",
    )

    def __init__(
        self,
        path: tuple[str, ...],
        help: str,
        body: str | None,
        *,
        args: tuple[Arg, ...] = (),
        opts: tuple[Opt, ...] = (),
        summary: str | None = None,
        group: bool = False,
        numbers_are_args: bool = False,
        reads_config: bool = True,
        notices_copies: bool = True,
    ) -> None:
        self.path = path
        self.help = help
        self.summary = summary
        self.args = args
        self.opts = opts
        self.body = body
        self.group = group  # has subcommands; its body (if any) runs when none is given
        # `mlpath log -1` is a (bad) number for log to refuse, not an unknown option
        self.numbers_are_args = numbers_are_args
        # What runs before the body, for this command and every subcommand of it:
        # a bad config.yaml stops it (not `config`, which repairs it, nor `doctor`,
        # which diagnoses it); a conflict copy waiting beside the state is mentioned
        # (not by merge, sync and doctor, which deal with copies themselves).
        self.reads_config = reads_config
        self.notices_copies = notices_copies


def empty_given(cmd: Cmd, kwargs: dict[str, object]) -> tuple[str, str] | None:
    """The first value given blank (`--hours ""`, `merge ""`), as (the sentence, what
    to do): an empty shell variable is a mistake to say, not an option left out or the
    current folder. Both parsers ask this before the body runs."""
    where = f"`mlpath {' '.join(cmd.path)} --help` says what it takes"
    params: tuple[Arg | Opt, ...] = (*cmd.args, *cmd.opts)
    for p in params:
        if p.metavar == "DATE":  # the date reader says "An empty date was given" itself
            continue
        v = kwargs.get(p.dest)
        values = v if isinstance(v, (list, tuple)) else [v]
        if any(isinstance(x, str) and not x.strip() for x in values):
            if isinstance(p, Arg):
                return f"The {p.metavar} given is empty.", f"Give {p.metavar} a value ({where})."
            name = max(p.names, key=len)
            return f"{name} is empty.", f"Give {name} a value, or leave it out ({where})."
    return None


def whole_numbers(cmd: Cmd, kwargs: dict[str, object]) -> tuple[str, str] | None:
    """Each INT option's text made its number in `kwargs`, or the first one that is not a
    whole number in its range, as (the sentence, what to do): mlpath's own words, in
    both parsers, not the argument library's."""
    for o in cmd.opts:
        v = kwargs.get(o.dest)
        if o.kind != INT or not isinstance(v, str):
            continue
        lo, hi = o.lo or 0, o.hi or 10**9
        text = v.strip()
        if text.isdigit() and len(text) < 10 and lo <= int(text) <= hi:
            kwargs[o.dest] = int(text)
            continue
        name, unit = max(o.names, key=len), (o.metavar or "N").lower()
        return (
            f"{name} takes a whole number of {unit} from {lo} to {hi}, not '{v}'.",
            f"Give it one, like {name} {max(lo, min(hi, 80))} "
            f"(`mlpath {' '.join(cmd.path)} --help` says what it takes).",
        )
    return None


def json_opt(what: str) -> Opt:
    return Opt(("--json",), "as_json", f"Print {what} as JSON.", kind=FLAG)


def on_opt(what: str) -> Opt:
    return Opt(("--on",), "on", what, metavar="DATE")


ROADMAP_OPT = Opt(
    ("--roadmap", "-r"),
    "roadmap",
    "Roadmap id or YAML file.",
    metavar="ID|FILE",
    complete="complete_roadmap",
)
FINISH_BY_OPT = Opt(
    ("--finish-by",),
    "finish_by",
    "Finish by this date: mlpath chooses the least hours per week "
    "(in quarter hours) that get there. Not with --hours.",
    metavar="DATE",
)
DEADLINE_OPT = Opt(
    ("--deadline",),
    "deadlines",
    "A date by which a topic, project, milestone or whole phase must be done, "
    "e.g. supervised-baseline=2027-05-01 (repeatable).",
    kind=MULTI,
    metavar="TARGET=DATE",
    complete="complete_target",
)
DRY_RUN_OPT = Opt(("--dry-run", "-n"), "dry_run", "Only print; save nothing.", kind=FLAG)
LEVEL_OPT = Opt(
    ("--level", "-l"),
    "level",
    "beginner (longest spans), intermediate (midpoints) or advanced (shortest); "
    "a prefix will do (-l adv).",
    metavar="LEVEL",
    complete="complete_level",
)


SKIP_OPT = Opt(
    ("--skip",),
    "skip",
    "Leave out what you already know: a phase (number or id), a topic or a project "
    "(repeatable; replan adds to those skipped before).",
    kind=MULTI,
    metavar="PHASE|ITEM",
    complete="complete_skippable",
)


# `mlpath skip`: declared here for room; cli/spec.py lists it with the others.
SKIP_CMD = Cmd(
    ("skip",),
    """Take a topic or project you already know out of the plan, from today.

What the plan laid of it before today stays as it was; the rest of its hours go,
and it gets no review card. `status` and exports show it as skipped (not done).
`mlpath reopen ITEM` or `mlpath undo` brings it back. A whole phase: `replan --skip N`.

Examples:

  mlpath skip linear-algebra

  mlpath skip statistics --reason 'did it at university'""",
    "cmd_daily:skip",
    summary="Take what you already know out of the plan.",
    args=(
        Arg(
            "item",
            "ITEM",
            "Topic or project id, id prefix, or a title (asks first).",
            complete="complete_open",
        ),
    ),
    opts=(
        Opt(
            ("--reason",),
            "reason",
            "Why, shown beside it in status and exports.",
            metavar="TEXT",
        ),
        json_opt("the change and pace"),
    ),
)

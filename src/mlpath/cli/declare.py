"""The shapes cli/spec.py declares commands with: an option, an argument, a command
(with what runs before its body). Plain records: on every command's start-up path."""

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
    """One command: its words (`("roadmaps", "show")`), its help (the first line is
    the summary), its parameters, and its body as "module:function" under mlpath.cli,
    imported only when it runs."""

    __slots__ = (
        "path",
        "help",
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
        group: bool = False,
        numbers_are_args: bool = False,
        reads_config: bool = True,
        notices_copies: bool = True,
    ) -> None:
        self.path = path
        self.help = help
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

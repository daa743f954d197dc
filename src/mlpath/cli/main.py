"""The Typer app, built from the declarations in cli/spec.py.

Typer owns what the fast path leaves to it: `--help`, shell completion, usage
errors and any command line the fast parser does not fully understand. A run
builds only the command it was asked for (Typer 0.29 prepares every parameter
of every command it builds, which is most of its start-up cost); `app`, the
whole tree, is built on first use for tests and the docs.
"""

from __future__ import annotations

import inspect
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from mlpath import __version__
from mlpath.cli import spec
from mlpath.errors import (
    MlpathError,
    broken_pipe_exit,
    guard,
    json_errors,
    show_error,
    show_exc,
)

# Typer 0.26+ runs on its own copy of click, so mlpath names click's classes only
# through Typer: an `except` naming the click package would miss that copy's errors.
_CLICK_ERROR: type[Exception] = next(
    c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException"
)
_TYPER_EXITS = (typer.Exit, typer.Abort, _CLICK_ERROR)


def _help(cmd: Any, ctx: Any) -> str | None:
    """The help cli/helptext.py draws for this command (the fast path's very text), at
    the width click would use; None for a command spec.py does not declare."""
    from mlpath.cli.helptext import render

    text = render(tuple(ctx.command_path.split()[1:]), ctx.terminal_width)
    return None if text is None else text.rstrip("\n")


class MlpathGroup(TyperGroup):
    """Runs each command inside the one error guard (errors.guard)."""

    def get_help(self, ctx: Any) -> str:
        return _help(self, ctx) or str(super().get_help(ctx))

    def invoke(self, ctx: Any) -> Any:
        if ctx.parent is None:  # (the root's callback runs before the command parses)
            words = [*getattr(ctx, "_protected_args", ()), *ctx.args]
            ctx.meta["mlpath.help"] = spec.wants_help(words)
        result: list[Any] = []
        code = guard(lambda: result.append(super(MlpathGroup, self).invoke(ctx)), _TYPER_EXITS)
        if code:
            raise typer.Exit(code)
        return result[0] if result else None

    def main(self, args: Any = None, *posargs: Any, **kwargs: Any) -> Any:
        """With `--json`, a usage error is JSON on stderr too, like every other error."""
        argv = list(sys.argv[1:] if args is None else args)
        as_json = spec.wants_json(argv)
        json_errors(argv, on=as_json)
        if not as_json or kwargs.get("standalone_mode") is False:
            return super().main(argv, *posargs, **kwargs)
        kwargs["standalone_mode"] = False
        try:
            code = super().main(argv, *posargs, **kwargs)
        except _CLICK_ERROR as exc:
            where = getattr(getattr(exc, "ctx", None), "command_path", None)
            hint = f"`{where} --help` shows its usage." if where else None
            code = int(getattr(exc, "exit_code", 2))
            show_error(exc.format_message(), hint, code)  # type: ignore[attr-defined]
            sys.exit(code)
        except typer.Abort:
            show_error("Aborted.", None, 1)
            sys.exit(1)
        sys.exit(code if isinstance(code, int) else 0)

    def shell_complete(self, ctx: Any, incomplete: str) -> list[Any]:
        """`mlpath help COMMAND...` (spec.help_words) completes the command names under the
        words typed so far, and nothing past a command; `help` is one of the root's names."""
        words = [*getattr(ctx, "_protected_args", ()), *ctx.args]
        if ctx.parent is not None or words[:1] != ["help"]:
            items = list(super().shell_complete(ctx, incomplete))
            if ctx.parent is None and not words and "help".startswith(incomplete):
                items.append(_completion_item("help", "Show a command's help."))
            return items
        sub = ctx
        for word in words[1:]:
            command = sub.command
            found = command.get_command(sub, word) if isinstance(command, TyperGroup) else None
            if found is None:
                return []
            sub = found.make_context(word, [], parent=sub, resilient_parsing=True)
        if incomplete.startswith("-") or not isinstance(sub.command, TyperGroup):
            return []
        if sub is ctx:
            return list(super().shell_complete(ctx, incomplete))
        return list(sub.command.shell_complete(sub, incomplete))

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # the order they are declared in, not alphabetical

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if ctx.parent is None:  # `mlpath next --home X` means `mlpath --home X next`
            from mlpath.cli.spec import hoist_globals

            args = hoist_globals(args)
        return super().parse_args(ctx, args)


def _completion_item(value: str, help_: str) -> Any:
    """A completion candidate, made by the click copy Typer runs on (see _CLICK_ERROR)."""
    import importlib

    package = _CLICK_ERROR.__module__.rpartition(".")[0]
    return importlib.import_module(f"{package}.shell_completion").CompletionItem(value, help=help_)


class MlpathCommand(TyperCommand):
    """A command whose --help is cli/helptext.py's, as on the fast path."""

    def get_help(self, ctx: Any) -> str:
        return _help(self, ctx) or str(super().get_help(ctx))


class NumbersCommand(MlpathCommand):
    """A command whose arguments may be negative numbers (`log -1` is refused by the
    command, not mistaken for an option): unknown options are let through to reach it
    as arguments, so an unknown `--option` is caught here, as one."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        known = [n for p in self.get_params(ctx) for n in (*p.opts, *p.secondary_opts)]
        for arg in args:
            if arg == "--":
                break
            name = arg.split("=", 1)[0]
            if arg.startswith("-") and not _number(arg) and name not in known:
                import sys as _sys
                from difflib import get_close_matches

                click_exceptions = _sys.modules[_CLICK_ERROR.__module__]
                near = get_close_matches(name, [k for k in known if k.startswith("--")], n=2)
                raise click_exceptions.NoSuchOption(name, possibilities=near, ctx=ctx)
        return super().parse_args(ctx, args)


def _number(arg: str) -> bool:
    """`-1`, `-0.5`, `-90m`, `-1h30`: an amount with a minus sign, for the command to refuse."""
    return len(arg) > 1 and (arg[1].isdigit() or arg[1] == "." and arg[2:3].isdigit())


def _completer(name: str | None) -> Any:
    if name is None:
        return None
    from mlpath.cli import completion

    return getattr(completion, name)


def _parameter(p: spec.Opt | spec.Arg) -> inspect.Parameter:
    """One declared argument or option as the annotated parameter Typer reads."""
    typ: Any
    default: Any = None
    if isinstance(p, spec.Arg):
        typ = list[str] if p.many else (str if p.required else str | None)
        info: Any = typer.Argument(
            help=p.help,
            metavar=p.metavar,
            show_default=False,
            autocompletion=_completer(p.complete),
        )
        if p.required:
            default = inspect.Parameter.empty
    elif p.kind == spec.FLAG:
        typ, default = bool, False
        info = typer.Option(*p.names, help=p.help)
    else:
        # an INT is read as text and checked by mlpath (fastpath.refuse_empty), not Typer
        # (its bounds are in its help, as Typer showed them)
        from mlpath.cli.helptext import bounded_help

        typ = list[str] | None if p.kind == spec.MULTI else str | None
        info = typer.Option(
            *p.names,
            help=bounded_help(p),
            metavar=p.metavar,
            autocompletion=_completer(p.complete),
        )
    return inspect.Parameter(
        p.dest, inspect.Parameter.KEYWORD_ONLY, annotation=Annotated[typ, info], default=default
    )


def _body(cmd: spec.Cmd) -> Any:
    """The command's body function, imported now (bodies are lazy: see cli/spec.py)."""
    assert cmd.body is not None
    module, func = cmd.body.split(":")
    import importlib

    return getattr(importlib.import_module(f"mlpath.cli.{module}"), func)


def _function(cmd: spec.Cmd, *, group_callback: bool = False) -> Any:
    """A function with the declared signature that runs the command's body."""
    declared: list[spec.Opt | spec.Arg] = [*cmd.args, *cmd.opts]
    params = [_parameter(p) for p in declared]
    if group_callback:
        params.insert(
            0, inspect.Parameter("ctx", inspect.Parameter.KEYWORD_ONLY, annotation=typer.Context)
        )

    def run(**kwargs: Any) -> None:
        ctx = kwargs.pop("ctx", None)
        if ctx is not None and ctx.invoked_subcommand is not None:
            return  # a subcommand runs instead of the group's own body
        from mlpath.cli.fastpath import refuse_empty

        refuse_empty(cmd, kwargs)
        _body(cmd)(**kwargs)

    run.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    run.__annotations__ = {p.name: p.annotation for p in params}
    run.__doc__ = cmd.help
    run.__name__ = "_".join(cmd.path) or "mlpath"
    return run


def _version(value: bool) -> None:
    if value:
        print(f"mlpath {__version__}")
        raise typer.Exit()


def _root_callback() -> Any:
    """The global options (--home, --no-color, --version) as the root's callback."""
    params = [inspect.Parameter("ctx", inspect.Parameter.KEYWORD_ONLY, annotation=typer.Context)]
    for o in spec.ROOT.opts:
        if o.eager:  # --version: printed while parsing, before any command runs
            info = typer.Option(*o.names, help=o.help, is_eager=True, callback=_version)
            params.append(
                inspect.Parameter(
                    o.dest,
                    inspect.Parameter.KEYWORD_ONLY,
                    annotation=Annotated[bool, info],
                    default=False,
                )
            )
        else:
            params.append(_parameter(o))

    def callback(**kwargs: Any) -> None:
        from mlpath.cli.common import set_globals

        ctx = kwargs["ctx"]
        if ctx.meta.get("mlpath.help"):
            # only the help is printed, as on the fast path: no check is for it (the
            # home is still taken, should the command's parser find no help after all)
            from mlpath.cli.common import Opts

            Opts.home = kwargs["home"]
            return
        named = spec.BY_PATH.get((ctx.invoked_subcommand,)) if ctx.invoked_subcommand else None
        check = not ctx.resilient_parsing and (named is None or named.reads_config)
        notice = not ctx.resilient_parsing and (named is None or named.notices_copies)
        set_globals(
            kwargs["home"],
            kwargs["no_color"],
            color=kwargs["color"],
            check_config=check,
            notice=notice,
        )

    callback.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    callback.__annotations__ = {p.name: p.annotation for p in params}
    return callback


def _typer(cmd: spec.Cmd, **kw: Any) -> typer.Typer:
    return typer.Typer(
        cls=MlpathGroup, help=cmd.help, short_help=cmd.summary, rich_markup_mode=None, **kw
    )


def build_app(only: str | None = None) -> typer.Typer:
    """The Typer app; with `only`, just that top-level command (and its subcommands)."""
    root = typer.Typer(
        cls=MlpathGroup,
        name="mlpath",
        help=spec.ROOT.help,
        epilog=spec.EPILOG,
        no_args_is_help=True,
        add_completion=True,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    root.callback()(_root_callback())
    groups: dict[str, typer.Typer] = {}
    for cmd in spec.COMMANDS:
        top = cmd.path[0]
        if only is not None and top != only:
            continue
        if cmd.group:
            sub = _typer(
                cmd,
                invoke_without_command=cmd.body is not None,
                no_args_is_help=cmd.body is None,
            )
            if cmd.body is not None:
                sub.callback()(_function(cmd, group_callback=True))
            groups[top] = sub
            root.add_typer(sub, name=top)
            continue
        parent = groups[top] if len(cmd.path) > 1 else root
        if cmd.numbers_are_args:
            parent.command(
                cmd.path[-1],
                cls=NumbersCommand,
                short_help=cmd.summary,
                context_settings={"ignore_unknown_options": True},
            )(_function(cmd))
        else:
            parent.command(cmd.path[-1], cls=MlpathCommand, short_help=cmd.summary)(_function(cmd))
    return root


def run(argv: list[str] | None = None) -> None:
    """Entry point used by __main__ when the fast path hands over: Typer, building only
    the command that was asked for when argv names one."""
    from mlpath.cli.spec import help_words, hoist_globals

    args = hoist_globals(help_words(list(sys.argv[1:] if argv is None else argv)))
    if "--install-completion" in args and _command_word(args) is None:
        _install_completion()
        return
    completing = _completion_words()
    word = _command_word(args if completing is None else hoist_globals(completing))
    try:
        build_app(word)(args=args, prog_name="mlpath")
    except BrokenPipeError:  # `mlpath plan | head`: the reader left; that is fine
        sys.exit(broken_pipe_exit())  # (unless the command had failed: errors.failing)
    except MlpathError as exc:  # raised outside a command (e.g. in completion)
        show_exc(exc)
        sys.exit(int(exc.exit_code))


def _install_completion() -> None:
    """Typer's own installer asks the parent process for the shell and adds a blank line
    to ~/.bashrc on every run; this one reads $SHELL and adds a line only once."""
    import os
    import subprocess
    from pathlib import Path

    from mlpath.app.completion_install import install, shell_of

    try:
        shell = shell_of(os.environ.get("SHELL"))
        env = {**os.environ, "_MLPATH_COMPLETE": f"source_{shell}"}
        env.pop("MLPATH_NO_FASTPATH", None)
        proc = subprocess.run(
            [sys.executable, "-m", "mlpath"], env=env, capture_output=True, text=True, check=False
        )
        if proc.returncode != 0 or not proc.stdout.strip():
            raise MlpathError(
                f"Could not make the {shell} completion script: {proc.stderr.strip()}"
            )
        script, rc, added = install(shell, Path.home(), proc.stdout)
    except MlpathError as exc:
        show_exc(exc)
        sys.exit(int(exc.exit_code))
    where = f"{shell} completion installed in {script}"
    if rc is not None:
        where += f"; {rc} " + (
            f"gained {added} line{'s' if added != 1 else ''}" if added else "already loads it"
        )
    print(where + ".")
    print("It works in new shells (open one, or run `exec $SHELL`).")


def _completion_words() -> list[str] | None:
    """In a shell completion run, the words before the one being completed (Typer's
    scripts pass the command line in the environment, argv is empty); else None."""
    import os
    import shlex

    mode = os.environ.get("_MLPATH_COMPLETE", "")
    if not mode.startswith("complete_"):
        return None
    try:
        if mode == "complete_bash":
            words = shlex.split(os.environ.get("COMP_WORDS", ""))
            words = words[: int(os.environ.get("COMP_CWORD", "0"))]
        else:  # zsh, fish, powershell: the line so far, its last word unfinished unless blank
            line = os.environ.get("_TYPER_COMPLETE_ARGS", "")
            words = shlex.split(line)
            if words and not line.endswith(" "):
                words.pop()
    except ValueError:  # an open quote: build every command, as before
        return []
    return words[1:]


def _command_word(args: list[str]) -> str | None:
    """The top-level command argv names, if it names a known one (else: build them all,
    so Typer can suggest the nearest, or list them all for a --help before it)."""
    i = 0
    while i < len(args) and args[i].startswith("-"):
        if args[i] in ("--help", "-h"):
            return None  # the root's help, which lists every command
        i += 2 if args[i] in ("--home", "--color") else 1
    if i < len(args) and any(c.path[0] == args[i] for c in spec.COMMANDS):
        return args[i]
    return None


_APP: typer.Typer | None = None


def __getattr__(name: str) -> Any:
    # `from mlpath.cli.main import app`: the whole tree, built once, for tests and docs.
    global _APP
    if name == "app":
        if _APP is None:
            _APP = build_app()
        return _APP
    raise AttributeError(name)

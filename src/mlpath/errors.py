"""Domain errors and exit codes.

The core raises these; only the CLI turns them into a message on stderr and an
exit code, so no command needs its own try/except.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable


class ExitCode:
    """Every exit code mlpath uses. (Plain ints, not an IntEnum: `enum` and what it
    imports would cost every command about 2 ms of start-up, a fifth of `next`'s.)"""

    OK = 0
    FAILURE = 1  # the command could not do its job (bad file, no plan, I/O error)
    USAGE = 2  # the user typed something mlpath cannot take (bad option, unknown item)


class MlpathError(Exception):
    """An error the user can act on: one sentence, plus what to do."""

    exit_code: int = ExitCode.FAILURE

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        if self.hint:
            return f"{self.message} {self.hint}"
        return self.message

    def json_fields(self) -> dict[str, object]:
        """What this error adds, as data, to its JSON object under `--json`."""
        return {}


class UsageError(MlpathError):
    """Bad input on the command line: exit 2."""

    exit_code = ExitCode.USAGE


class RoadmapError(MlpathError):
    """A roadmap file that cannot be used; carries every problem found."""

    def __init__(self, problems: list[str], hint: str | None = None) -> None:
        self.problems = problems
        first = problems[0] if problems else "invalid roadmap"
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(first + more, hint)

    def json_fields(self) -> dict[str, object]:
        return {"problems": list(self.problems)} if self.problems else {}


class StateError(MlpathError):
    """The state file cannot be read or written safely."""


class NoPlanError(MlpathError):
    """A command needs an active plan and there is none."""

    def __init__(self) -> None:
        super().__init__(
            "There is no active plan yet.",
            "Make one with `mlpath plan` (see `mlpath plan --help`).",
        )


def error_text(exc: MlpathError) -> str:
    """What the user sees on stderr for an error: one sentence and what to do.

    A roadmap with several problems lists each as FILE:LINE: path: message.
    Each is one line, so data it quotes (a file name, a YAML value) has its newlines
    and every other control shown escaped (render/safe.py's `line`).
    """
    from mlpath.render.safe import line

    if isinstance(exc, RoadmapError) and exc.problems:
        # FILE:LINE: path: message lines stay greppable: each at the start of its line.
        lines = list(exc.problems)
        if exc.hint:
            lines.append(exc.hint)
        return "\n".join(line(p) for p in lines) + "\n"
    return f"Error: {line(str(exc))}\n"


def error_json(message: str, hint: str | None, exit_code: int) -> str:
    """An error for scripts (`--json`): one JSON object on one line, alone on stderr.

    `{"error": message, "hint": what to do or null, "exit": the exit code}`; a
    roadmap's problems also come as a list, each FILE:LINE: path: message, and the
    items an ambiguous name could mean as `candidates` (exc_json).
    """
    import json

    return json.dumps({"error": message, "hint": hint, "exit": int(exit_code)}) + "\n"


def exc_json(exc: MlpathError) -> str:
    """`error_json` for one of mlpath's own errors, with what it adds as data
    (`json_fields`: a roadmap's `problems`, an ambiguous item's `candidates`)."""
    extra = exc.json_fields()
    if not extra:
        return error_json(exc.message, exc.hint, exc.exit_code)
    import json

    data = {"error": exc.message, "hint": exc.hint, "exit": int(exc.exit_code)}
    return json.dumps({**data, **extra}) + "\n"


def internal_error_text(exc: BaseException) -> str:
    return (
        f"Error: mlpath hit an internal error ({type(exc).__name__}: {exc}). Nothing was "
        "changed. Please report it; MLPATH_DEBUG=1 shows the details.\n"
    )


class Quit(Exception):
    """A command that has already said everything ends with this exit code."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


class _Outcome:
    """The exit code this run has come to before its output is written (`failing`)."""

    code = 0


def failing(code: int) -> None:
    """A command that has failed but shows its output first (cohort's refused files,
    doctor's report, a roadmap that does not validate) says so before writing it: a
    reader that leaves early (`| head`) ends the output, not the failure."""
    _Outcome.code = code


def broken_pipe_exit() -> int:
    """The exit code of a run whose reader left: 0, unless the run had already failed."""
    quiet_broken_pipe()
    return _Outcome.code


def quiet_broken_pipe() -> None:
    """`mlpath plan | head`: the reader left, which is fine. Point stdout at devnull so
    the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


class _Json:
    """Whether this run prints its errors as JSON (`--json` on its command line)."""

    on = False


def json_on() -> bool:
    """Whether this run's errors (and warnings) are JSON: `--json` was asked for."""
    return _Json.on


def json_errors(args: list[str], *, on: bool | None = None) -> None:
    """Set before anything can fail: when the command asks for data (`on`, as
    cli/spec.py's `wants_json` reads the parsed command line), errors come as data
    too. Without `on`, any `--json` before `--` in `args` counts."""
    if on is None:
        cut = args.index("--") if "--" in args else len(args)
        on = "--json" in args[:cut]
    _Json.on = on


def json_warning(message: str) -> bool:
    """With `--json`, a warning or note goes to stderr as one JSON object on its line,
    `{"warning": message}`, beside the error's `{"error", "hint", "exit"}`, so every
    line there is data; returns whether it did (in text mode the caller writes it)."""
    if not _Json.on:
        return False
    import json

    sys.stderr.write(json.dumps({"warning": message}) + "\n")
    return True


def show_error(message: str, hint: str | None, code: int, text: str | None = None) -> None:
    """The one way an error reaches stderr: one JSON object with `--json`, else the
    text (`text`, or the message and hint), wrapped to the width of a terminal."""
    if _Json.on:
        sys.stderr.write(error_json(message, hint, code))
        return
    from mlpath.render.safe import line
    from mlpath.render.term import for_stderr

    plain = text if text is not None else line(f"Error: {message}" + (f" {hint}" if hint else ""))
    sys.stderr.write(for_stderr(plain.rstrip("\n")) + "\n")


def show_exc(exc: MlpathError) -> None:
    if _Json.on:
        sys.stderr.write(exc_json(exc))
    elif isinstance(exc, RoadmapError) and exc.problems:
        sys.stderr.write(
            error_text(exc)
        )  # escaped; FILE:LINE lines stay whole, for grep and editors
    else:
        show_error(exc.message, exc.hint, exc.exit_code, error_text(exc))


def guard(run: Callable[[], object], passthrough: tuple[type[BaseException], ...] = ()) -> int:
    """Run one command and map every way it can end to an exit code: the one place
    errors become messages. `passthrough` lets Typer's own exits through to Typer."""
    _Outcome.code = 0
    try:
        run()
    except passthrough:
        raise
    except Quit as q:
        return q.code
    except MlpathError as exc:
        show_exc(exc)
        return int(exc.exit_code)
    except KeyboardInterrupt:
        show_error("Interrupted.", None, 130, "Interrupted.")
        return 130
    except BrokenPipeError:
        return broken_pipe_exit()
    except Exception as exc:  # a bug: still one sentence, no traceback
        if os.environ.get("MLPATH_DEBUG"):
            raise
        text = internal_error_text(exc)
        show_error(text.removeprefix("Error: ").strip(), None, ExitCode.FAILURE, text)
        return int(ExitCode.FAILURE)
    return 0

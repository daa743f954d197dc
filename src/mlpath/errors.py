"""Domain errors and exit codes.

The core raises these; only the CLI turns them into a message on stderr and an
exit code, so no command needs its own try/except.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """Every exit code mlpath uses."""

    OK = 0
    FAILURE = 1  # the command could not do its job (bad file, no plan, I/O error)
    USAGE = 2  # the user typed something mlpath cannot take (bad option, unknown item)


class MlpathError(Exception):
    """An error the user can act on: one sentence, plus what to do."""

    exit_code: ExitCode = ExitCode.FAILURE

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        if self.hint:
            return f"{self.message} {self.hint}"
        return self.message


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
    """
    if isinstance(exc, RoadmapError) and exc.problems:
        # FILE:LINE: path: message lines stay greppable: each at the start of its line.
        lines = list(exc.problems)
        if exc.hint:
            lines.append(exc.hint)
        return "\n".join(lines) + "\n"
    return f"Error: {exc}\n"


def internal_error_text(exc: BaseException) -> str:
    return (
        f"Error: mlpath hit an internal error ({type(exc).__name__}: {exc}). Nothing was "
        "changed. Please report it; MLPATH_DEBUG=1 shows the details.\n"
    )

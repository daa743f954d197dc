"""The questions mlpath asks on a terminal: a yes/no confirmation, and which item was
meant when a name was a title or a near miss ("did you mean"). Questions go to
stderr, so --json output stays clean; off a terminal nothing is asked (the error
stands, exit 2, nothing changed). The placement check's own questions are in
cli/assess_prompt.py.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, TypeVar

    T = TypeVar("T")


def interactive() -> bool:
    """Both ends are a terminal: a question can be asked and answered."""
    return sys.stdin.isatty() and sys.stdout.isatty()


def confirm(question: str, *, piped: bool = False) -> bool:
    """Ask y/N on stderr. Off a terminal the answer is no, unless `piped`: then a line
    on stdin answers (`echo y | mlpath doctor --restore`; with `--json` the question
    is not shown, so stderr holds only JSON)."""
    if not piped and not sys.stdin.isatty():
        return False
    from mlpath.core.assess import parse_answer
    from mlpath.errors import json_on

    shown = not json_on()  # with --json, stderr holds JSON only: the answer comes unasked
    if shown:
        from mlpath.render.term import for_stderr

        sys.stderr.write(for_stderr(f"{question} [y/N]") + " ")
        sys.stderr.flush()
    try:
        line = sys.stdin.readline()
    except KeyboardInterrupt:  # no answer: what follows starts on a line of its own
        if shown:
            sys.stderr.write("\n")
        return False
    if shown and not line.endswith("\n"):  # the input ended unanswered: end the line
        sys.stderr.write("\n")
    return parse_answer(line) is True


def pick_candidate(exc: Any) -> str:
    """On a terminal, ask which of an `Unconfirmed` error's candidates was meant and
    return its id; off one (or on no answer, Ctrl-C included), the error itself (exit 2,
    nothing changed)."""
    if not interactive():
        raise exc
    from mlpath.render.safe import line

    candidates = exc.candidates[:9]
    sys.stderr.write(f"'{line(exc.query)}' is not an id. Did you mean:\n")
    for n, it in enumerate(candidates, 1):
        sys.stderr.write(f"  {n}. {line(it.id)} ({line(it.title)})\n")
    try:  # the question inside: once it shows, Ctrl-C is an answer
        sys.stderr.write(f"Number (1-{len(candidates)}), or Enter for none: ")
        sys.stderr.flush()
        answer = sys.stdin.readline().strip()
    except KeyboardInterrupt:  # Ctrl-C is no answer, as in confirm: the error stands
        sys.stderr.write("\n")
        answer = ""
    if answer.isdigit() and 1 <= int(answer) <= len(candidates):
        chosen: str = candidates[int(answer) - 1].id
        return chosen
    from mlpath.errors import UsageError

    raise UsageError("Nothing was changed.", f"Use the exact id, e.g. {candidates[0].id}.")


def until_meant(names: list[Any], attempt: Callable[[list[Any]], T]) -> T:
    """Run `attempt(names)`; each time a name is only a title or a near miss, ask which
    item was meant (pick_candidate), put its id in the name's place and run it again."""
    from mlpath.core.resolve import Unconfirmed

    names = list(names)
    while True:
        try:
            return attempt(names)
        except Unconfirmed as exc:
            names[names.index(exc.query)] = pick_candidate(exc)

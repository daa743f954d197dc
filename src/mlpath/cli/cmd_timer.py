"""Bodies of the timer and habit commands: start, stop, cancel, did (their options:
cli/spec.py; the work: app/timer.py)."""

from __future__ import annotations

from mlpath.cli.common import change_output, store

TYPE_CHECKING = False
if TYPE_CHECKING:
    from mlpath.app.actions import Change


def mode_of(practice: bool, theory: bool) -> str | None:
    if practice and theory:
        from mlpath.errors import UsageError

        raise UsageError("--practice and --theory contradict each other.", "Give one of them.")
    return "practice" if practice else "theory" if theory else None


def start(
    *,
    what: str | None,
    note: str | None,
    at: str | None,
    practice: bool,
    theory: bool,
    as_json: bool,
) -> None:
    from mlpath.app.clock import now
    from mlpath.app.timer import start_timer
    from mlpath.cli.prompt import until_meant

    moment = now()
    mode = mode_of(practice, theory)

    def attempt(names: list[str | None]) -> Change:
        return start_timer(store(), moment, names[0], note=note, at=at, mode=mode)

    change_output(until_meant([what], attempt), as_json)


def stop(*, note: str | None, at: str | None, as_json: bool) -> None:
    from mlpath.app.clock import now
    from mlpath.app.timer import stop_timer

    change_output(stop_timer(store(), now(), note=note, at=at), as_json)


def cancel(*, as_json: bool) -> None:
    from mlpath.app.clock import now
    from mlpath.app.timer import cancel_timer

    change_output(cancel_timer(store(), now()), as_json)


def did(*, habit: str, count: str | None, on: str | None, note: str | None, as_json: bool) -> None:
    from mlpath.app.clock import today
    from mlpath.app.timer import did_habit

    n = 1
    if count is not None:
        from mlpath.core.shape import MAX_DID_COUNT

        text = count.strip()
        if not text.isdigit() or not 1 <= int(text) <= MAX_DID_COUNT:
            from mlpath.errors import UsageError

            raise UsageError(
                f"'{count}' is not a number of times.",
                f"Give a whole number from 1 to {MAX_DID_COUNT}, like `mlpath did {habit} 2`.",
            )
        n = int(text)
    change_output(did_habit(store(), today(), habit, n, on=on, note=note), as_json)

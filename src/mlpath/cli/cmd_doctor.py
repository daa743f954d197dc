"""Body of `mlpath doctor` (options: cli/spec.py)."""

from __future__ import annotations

from mlpath.cli.common import emit_json, store, style, today
from mlpath.cli.prompt import confirm
from mlpath.render.text import plural


def doctor(*, restore: bool, yes: bool, drop: str | None = None, as_json: bool) -> None:
    from mlpath.app import doctor as doc
    from mlpath.errors import ExitCode, Quit, failing
    from mlpath.render.term import write

    st = store()
    if drop is not None:
        from mlpath.core.ledger import describe
        from mlpath.render.safe import line

        gone = doc.drop_event(st, drop)
        if as_json:
            emit_json({"dropped": drop})
        else:
            said = line(f"Dropped event {drop} ({describe(gone)})")  # data: sanitised
            # undo passes over a drop: the backup made before it is the way back
            write(
                f"{said}: mlpath now reads as if it never happened. "
                "`mlpath doctor --restore` takes the drop back (`undo` does not).\n"
            )
        return
    if restore:
        plan = doc.plan_restore(st)
        if not yes:
            now = (
                f"state.json ({plural(plan.state_events or 0, 'event')}) is readable; restoring goes back "
                "one change"
                if plan.state_ok
                else "state.json is damaged"
            )
            question = (
                f"{now}. Put back {st.backup} ({plural(plan.backup_events, 'event')}) and keep the "
                f"current file as {plan.keep_as.name}?"
            )
            if not confirm(question, piped=True):
                from mlpath.errors import show_error

                hint = "`mlpath doctor --restore --yes` restores without asking."
                show_error(
                    "Nothing was changed.", hint, ExitCode.FAILURE, f"Nothing was changed. {hint}"
                )
                raise Quit(ExitCode.FAILURE)
        doc.restore(st, plan)
        if as_json:
            kept_as = str(plan.keep_as) if plan.keep_as.exists() else None
            emit_json(
                {
                    "restored": str(st.path),
                    "from": str(st.backup),
                    "events": plan.backup_events,
                    "kept_as": kept_as,
                }
            )
            return
        kept = f"; the previous file is kept as {plan.keep_as}" if plan.keep_as.exists() else ""
        write(
            f"Restored {st.path} from {st.backup} ({plural(plan.backup_events, 'event')}){kept}.\n"
        )
        return
    report = doc.diagnose(st, today())
    if not report.ok:
        failing(ExitCode.FAILURE)  # before the report: a reader leaving early is no success
    if as_json:
        emit_json(report.view())
    else:
        from mlpath.render.doctor import doctor_text

        write(doctor_text(report.view(), style()))
    if not report.ok:
        raise Quit(ExitCode.FAILURE)

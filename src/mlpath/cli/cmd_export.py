"""Body of `mlpath export` (options: cli/spec.py)."""

from __future__ import annotations

import json

from mlpath.cli.common import store, today, warn, write_stdout_bytes
from mlpath.render.term import write

EXPORT_FORMATS = ("ics", "markdown", "json")
EXPORT_ALIASES = {"md": "markdown"}


def export(
    *,
    fmt: str,
    output: str | None,
    alarm: list[str] | None,
    portfolio: bool,
    share: bool = False,
    name: str | None = None,
) -> None:
    from mlpath.errors import UsageError

    fmt = EXPORT_ALIASES.get(fmt.lower(), fmt.lower())
    if fmt not in EXPORT_FORMATS:
        raise UsageError(
            f"'{fmt}' is not an export format.", hint="Use ics, markdown (or md) or json."
        )
    if alarm and fmt != "ics":
        raise UsageError("--alarm only applies to `mlpath export ics`.")
    if portfolio and fmt != "markdown":
        raise UsageError("--portfolio only applies to `mlpath export markdown`.")
    if (share or name is not None) and fmt != "json":
        raise UsageError(f"--{'share' if share else 'name'} only applies to `mlpath export json`.")
    if name is not None and not name.strip():
        raise UsageError("--name is empty.", "Give the name others should see, like --name Ada.")
    from mlpath.app import export as ex
    from mlpath.app.session import load_active

    alarms = [ex.parse_alarm(a) for a in alarm or ()]
    active = load_active(store(), today())
    for w in active.warnings:
        warn(w)
    if fmt == "ics":
        from datetime import datetime, timezone

        stamp = datetime.now(timezone.utc).replace(microsecond=0)
        data = ex.export_ics(active, stamp=stamp, alarms=alarms)
    elif fmt == "markdown":
        text = ex.export_portfolio(active) if portfolio else ex.export_markdown(active)
        data = text.encode("utf-8")
    else:
        from mlpath.render.safe import json_text

        doc = json.dumps(
            ex.export_json(active, share=share, name=name.strip() if name else None),
            indent=2,
            ensure_ascii=False,
        )
        doc = json_text(doc) + "\n"  # C1 and bidi characters as \u escapes
        data = doc.encode("utf-8")
    if output is None or output == "-":
        write_stdout_bytes(data)
        return
    path = ex.write_file(output, data)
    if fmt == "ics":
        write(
            f"Wrote {path}: {data.count(b'BEGIN:VEVENT')} events. Import it into your calendar; "
            "importing a later export updates the same events.\n"
        )
    else:
        write(f"Wrote {path}.\n")

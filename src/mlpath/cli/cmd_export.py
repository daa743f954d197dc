"""Body of `mlpath export` (options: cli/spec.py)."""

from __future__ import annotations

from mlpath.cli.common import Opts, warn, write_stdout_bytes
from mlpath.render.term import write

TYPE_CHECKING = False
if TYPE_CHECKING:
    from mlpath.app.session import Active

EXPORT_FORMATS = ("ics", "markdown", "json")
EXPORT_ALIASES = {"md": "markdown"}
MAX_ALARM_SECONDS = 4 * 7 * 86400  # four weeks


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
    from mlpath.app import kept_exports

    alarms = tuple(_alarm_seconds(a) for a in alarm or ())
    shared_name = name.strip() if name else None
    what = f"{fmt}|{alarms}|{portfolio}|{share}|{shared_name}"

    def make(active: Active) -> bytes:
        from mlpath.app import export as ex

        if fmt == "ics":
            from datetime import datetime, timedelta, timezone

            stamp = datetime(*kept_exports.PLACEHOLDER_STAMP, tzinfo=timezone.utc)
            deltas = [timedelta(seconds=s) for s in alarms]
            return ex.export_ics(active, stamp=stamp, alarms=deltas)
        if fmt == "markdown":
            from mlpath.app import export_markdown as exm

            text = exm.export_portfolio(active) if portfolio else exm.export_markdown(active)
            return text.encode("utf-8")
        import json

        from mlpath.render.safe import json_text

        doc = json.dumps(
            ex.export_json(active, share=share, name=shared_name), indent=2, ensure_ascii=False
        )
        return (json_text(doc) + "\n").encode("utf-8")  # C1 and bidi characters as \u escapes

    from mlpath.app.clock import today_iso

    data, warnings = kept_exports.exported(Opts.home, today_iso(), what, make)
    for w in warnings:
        warn(w)
    if fmt == "ics":
        import time

        data = kept_exports.stamped(data, time.strftime("%Y%m%dT%H%M%SZ", time.gmtime()))
    if output is None or output == "-":
        write_stdout_bytes(data)
        return
    from mlpath.app.export import write_file
    from mlpath.render.safe import line

    path = line(str(write_file(output, data)))  # a file name may hold any character
    if fmt == "ics":
        write(
            f"Wrote {path}: {data.count(b'BEGIN:VEVENT')} events. Import it into your calendar; "
            "importing a later export updates the same events.\n"
        )
    else:
        write(f"Wrote {path}.\n")


def _alarm_seconds(text: str) -> int:
    """--alarm '1d', '2h', '30m', '1w', '1d12h': how many seconds before the event to
    remind (at most four weeks)."""
    import re

    from mlpath.errors import UsageError

    t = text.strip().lower().replace(" ", "")
    parts = re.findall(r"(\d{1,4})([wdhm])", t)
    if not t or "".join(n + u for n, u in parts) != t:
        raise UsageError(
            f"Cannot read '{text}' as a reminder time.",
            "Use a number and a unit before the event: 1d, 2h, 30m or 1w.",
        )
    unit = {"w": 7 * 86400, "d": 86400, "h": 3600, "m": 60}
    seconds = sum(int(n) * unit[u] for n, u in parts)
    if seconds > MAX_ALARM_SECONDS:
        raise UsageError(f"A reminder {text} ahead is too early.", "Use at most 4 weeks (4w).")
    return seconds

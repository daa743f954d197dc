"""`mlpath doctor`'s report as plain text: one line per check, its fix beneath it."""

from __future__ import annotations

from typing import Any

from mlpath.render import safe
from mlpath.render.term import Style
from mlpath.render.text import plural

_COLORS = {"ok": "green", "note": "cyan", "warning": "yellow", "problem": "red"}


def doctor_text(view: dict[str, Any], style: Style) -> str:
    """`view` is the report's JSON view (app/doctor.py `Report.view()`)."""
    view = safe.view(view)  # text from data, shown escaped (render/safe.py)
    lines = [style(f"mlpath doctor: {view['home']}", "bold")]
    for c in view["checks"]:
        status = c["status"]
        lines.append(f"{style(f'{status:<8}', _COLORS[status])} {c['name']:<11} {c['message']}")
        if c.get("fix"):
            lines.append(f"{'':<8} {'':<11} {style('fix: ' + c['fix'], 'dim')}")
    problems = sum(c["status"] == "problem" for c in view["checks"])
    lines.append(
        "All good."
        if not problems
        else f"{plural(problems, 'problem')} found: see the fixes above."
    )
    return "\n".join(lines) + "\n"

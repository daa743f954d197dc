"""`mlpath config show` as plain text, from the same dict as its --json."""

from __future__ import annotations

from mlpath.render import safe
from mlpath.render.term import columns, wrap_line

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


# what a key left unset means, where its default is no value of its own
UNSET = {"roadmap": "(the one matching the level)", "max_hours_per_day": "(unset: 24)"}


def value_text(key: str, value: Any) -> str:
    return UNSET.get(key, "(unset)") if value is None else str(value)


def config_text(view: dict[str, Any], width: int | None = None) -> str:
    """The settings, one a line (`  key  value  source  what it sets`) when the
    description keeps 30 columns beside them, else the description under each."""
    view = safe.view(view)  # text from data, shown escaped (render/safe.py)
    w = columns() if width is None else width
    settings: dict[str, dict[str, Any]] = view["settings"]
    head = str(view["path"]) + ("" if view["exists"] else " (not created yet: all defaults)")
    lines = wrap_line(head, w, 2)
    key_w = max(len(k) for k in settings)
    value_w = max(len(value_text(k, s["value"])) for k, s in settings.items())
    help_at = 2 + key_w + 2 + value_w + 2 + 7 + 2
    for key, s in settings.items():
        row = f"  {key:<{key_w}}  {value_text(key, s['value']):<{value_w}}  {s['source']:<7}"
        if help_at + 30 <= w:
            lines += wrap_line(f"{row}  {s['help']}", w, help_at)
        else:
            lines.append(row.rstrip())
            lines += wrap_line(f"      {s['help']}", w, 6)
    return "\n".join(lines) + "\n"

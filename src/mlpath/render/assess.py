"""`mlpath assess`'s result as plain text, from `assess.assessment_view`'s dict."""

from __future__ import annotations

from mlpath.render import safe
from mlpath.render.term import Style, columns, wrap_line
from mlpath.render.text import long_date, number

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_ACTION = {"skip": ("skip", "green"), "compress": ("compress", "yellow"), "keep": ("keep", "bold")}


def assessment_text(v: dict[str, Any], s: Style, width: int | None = None) -> str:
    """The placement, laid out for `width` columns (default: the terminal's)."""
    v = safe.view(v)  # text from data, shown escaped (render/safe.py)
    w = columns() if width is None else width
    lines = wrap_line(
        s(f"Placement for {v['roadmap']}", "bold") + s(f"  ({v['roadmap_title']})", "dim"), w, 2
    )
    lines.append(s("Recommended level: ", "bold") + s(v["level"], "bold", "green"))
    lines += wrap_line(f"  {v['level_reason']}", w, 4)
    for text in v["missing_prerequisites"]:
        lines += wrap_line(s("  Missing prerequisite: ", "yellow") + text, w, 4)
    for b in v.get("backgrounds") or ():
        if b["answer"]:
            lines.append(s("  Background: ", "bold") + f"{b['id']} (plan --background {b['id']})")
    lines.append("")
    lines.append(s("Phases", "bold"))
    title_w = max((len(p["title"]) for p in v["phases"]), default=0)
    # `  NN Title  action   reason`: the reason wraps under itself while that
    # leaves it room (30 columns); else the action and reason go under the title.
    reason_at = 2 + 2 + 1 + title_w + 2 + 9
    side = reason_at + 30 <= w
    for p in v["phases"]:
        word, colour = _ACTION[p["action"]]
        action = s(f"{word:<8}", "bold", colour) + f" {p['reason']}"
        if side:
            lines += wrap_line(
                f"  {p['number']:>2} {p['title']:<{title_w}}  " + action, w, reason_at
            )
        else:
            lines += wrap_line(f"  {p['number']:>2} {p['title']}", w, 5)
            lines += wrap_line("       " + action, w, 16)
        if p["action"] == "compress":
            for ask in p["still_to_learn"]:
                lines += wrap_line(s(f"       still to learn: {ask}", "dim"), w, 9)
    lines.append("")
    if v.get("applied"):
        plan = v["plan"]
        finish = long_date(plan["finish"])
        lines.append(
            s("Planned: ", "bold")
            + f"{plan['total_weeks']} weeks, {number(plan['total_hours'])} h, "
            f"finishing {finish}. Next: `mlpath next`."
        )
    else:
        lines.append(s("To adopt it:", "bold"))
        lines.append(f"  {v['command']}")
        lines.append(s("  (or run `mlpath assess --apply` to plan it now)", "dim"))
    return "\n".join(lines) + "\n"

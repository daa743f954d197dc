"""`mlpath assess`'s result as plain text, from `assess.assessment_view`'s dict."""

from __future__ import annotations

from mlpath.render.term import Style
from mlpath.render.text import long_date

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

_ACTION = {"skip": ("skip", "green"), "compress": ("compress", "yellow"), "keep": ("keep", "bold")}


def assessment_text(v: dict[str, Any], s: Style) -> str:
    lines = [s(f"Placement for {v['roadmap']}", "bold") + s(f"  ({v['roadmap_title']})", "dim")]
    lines.append(s("Recommended level: ", "bold") + s(v["level"], "bold", "green"))
    lines.append(f"  {v['level_reason']}")
    for text in v["missing_prerequisites"]:
        lines.append(s("  Missing prerequisite: ", "yellow") + text)
    for b in v.get("backgrounds") or ():
        if b["answer"]:
            lines.append(s("  Background: ", "bold") + f"{b['id']} (plan --background {b['id']})")
    lines.append("")
    lines.append(s("Phases", "bold"))
    width = max((len(p["title"]) for p in v["phases"]), default=0)
    for p in v["phases"]:
        word, colour = _ACTION[p["action"]]
        lines.append(
            f"  {p['number']:>2} {p['title']:<{width}}  "
            + s(f"{word:<8}", "bold", colour)
            + f" {p['reason']}"
        )
        if p["action"] == "compress":
            for ask in p["still_to_learn"]:
                lines.append(s(f"       still to learn: {ask}", "dim"))
    lines.append("")
    if v.get("applied"):
        plan = v["plan"]
        finish = long_date(plan["finish"])
        lines.append(
            s("Planned: ", "bold")
            + f"{plan['total_weeks']} weeks, {round(plan['total_hours'], 2):g} h, "
            f"finishing {finish}. Next: `mlpath next`."
        )
    else:
        lines.append(s("To adopt it:", "bold"))
        lines.append(f"  {v['command']}")
        lines.append(s("  (or run `mlpath assess --apply` to plan it now)", "dim"))
    return "\n".join(lines) + "\n"

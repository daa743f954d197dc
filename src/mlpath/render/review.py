"""`mlpath review` as plain text, from `views.review_list_view`'s dict."""

from __future__ import annotations

from datetime import date

from mlpath.render import safe
from mlpath.render.next import minutes
from mlpath.render.term import Style
from mlpath.render.text import hours, long_date, plural

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def review_text(v: dict[str, Any], s: Style) -> str:
    v = safe.view(v)  # text from data, shown escaped (render/safe.py)
    today = date.fromisoformat(v["today"])
    lines = [s(f"{today:%A %d %B %Y}", "bold")]
    if not v["cards"]:
        lines.append("Nothing to review yet: each item you finish (`mlpath done`) becomes a card.")
        return "\n".join(lines) + "\n"
    due = v["due"]
    if not due:
        lines.append(f"No reviews due today ({plural(v['cards'], 'card')} in all).")
    else:
        head = f"{plural(len(due), 'review')} due"
        if v["minutes"]:
            head += f", ~{minutes(v['minutes'])} of today's {hours(v['today_hours'])}"
        lines.append(s(head, "bold"))
        for c in due:
            late = f", {plural(c['overdue_days'], 'day')} overdue" if c["overdue_days"] else ""
            seen = (
                f"last {c['last_rating']} on {c['last_review']}"
                if c["last_review"]
                else f"done {c['learned']}"
            )
            lines.append("")
            lines.append(f"  {c['title']}  " + s(f"{c['id']} · phase {c['phase']}", "dim"))
            lines.append(s(f"    due {c['due']}{late} · {seen}", "dim"))
            for r in c.get("resources", []):
                by = f" — {r['by']}" if r.get("by") else ""
                lines.append(f"    • {r['title']}{by}")
        lines.append("")
        lines.append(
            s("Rate each: ", "bold") + f"mlpath review {due[0]['id']} again|hard|good|easy"
        )
    if v["upcoming"]:
        lines.append(s("Coming up", "bold"))
        for c in v["upcoming"]:
            lines.append(f"  {long_date(c['due'])}  {c['title']} " + s(f"({c['id']})", "dim"))
    return "\n".join(lines) + "\n"


def forecast_text(v: dict[str, Any], s: Style) -> str:
    """`mlpath review --forecast`: review minutes for each of the next 8 weeks."""
    rows = v.get("forecast") or []
    if not rows:
        return "No review time in this plan (--review-minutes 0).\n"
    lines = [s("Review minutes, next 8 weeks", "bold") + s("  (every review rated good)", "dim")]
    for row in rows:
        first = date.fromisoformat(row["week_start"])
        lines.append(f"  {first:%a %d %b}  {minutes(row['minutes']):>12}")
    return "\n".join(lines) + "\n"

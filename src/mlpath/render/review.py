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
        lines += review_head(v, s)
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
                if r.get("url") and r["url"] != r["title"]:
                    lines.append("      " + s(r["url"], "dim"))
        lines.append("")
        lines.append(
            s("Rate each: ", "bold") + f"mlpath review {due[0]['id']} again|hard|good|easy"
        )
    if v["upcoming"]:
        lines.append(s("Coming up", "bold"))
        for c in v["upcoming"]:
            lines.append(f"  {long_date(c['due'])}  {c['title']} " + s(f"({c['id']})", "dim"))
    return "\n".join(lines) + "\n"


def review_head(v: dict[str, Any], s: Style) -> list[str]:
    """How many are due, and (past a day's cap on carried reviews) how many of them
    today's time takes and how many wait for the next study days (`next` says the same)."""
    due, today = len(v["due"]), v.get("today_count", len(v["due"]))
    waiting = v.get("waiting", 0)
    head = f"{plural(due, 'review')} due"
    if waiting and not today:
        return [s(head + ", none of them today: they wait for the next study days", "bold")]
    if waiting:
        head += f", {today} of them today"
    if v["minutes"]:
        head += f", ~{minutes(v['minutes'])}"
        if v["today_hours"]:
            # more than the day holds: the rest is carried (the plan lays it later)
            over = v["minutes"] > float(v["today_hours"]) * 60
            head += f"{', more than' if over else ' of'} today's {hours(v['today_hours'])}"
    lines = [s(head, "bold")]
    moving = v.get("moves_to")
    if moving:  # PRODUCT.md: due on days without study time, spread under a daily cap
        lines.append(
            f"No study time today: they move to your next study day, {long_date(moving['day'])} "
            f"(at most {moving['cap_minutes']} min a day; the rest to the days after)."
        )
    if waiting:
        lines.append(s(f"{plural(waiting, 'more review')} waiting for the next study days", "dim"))
    return lines


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

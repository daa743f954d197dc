"""`mlpath cohort` in the terminal: one row per learner, with the next milestone under it.

Decides nothing: the rows come from app/cohort.py. Text from the learners' files
(names, titles, roadmap ids, file names) is shown as one line each (render/safe.py's
`line`: a newline in it shows as `\\n`, so a file cannot forge a row). At 80
columns and wider it is a table; narrower, each learner is a short block.
"""

from __future__ import annotations

from mlpath.render import safe
from mlpath.render.term import cells
from mlpath.render.text import long_date, number

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


ORDER = {
    "behind": "most behind first",
    "name": "by name",
    "roadmap": "by roadmap",
    "done": "least done first",
    "idle": "longest idle first",
    "due": "earliest next milestone first",
    "practice": "least practice first",
}


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _fit(text: str, width: int) -> str:
    """Cut to `width` cells with an ellipsis, padded to it."""
    text = safe.clip(text, width, cells)  # never inside an escape
    return text + " " * (width - cells(text))


def _fields(r: dict[str, Any]) -> dict[str, str]:
    ms = r["next_milestone"]
    if ms is None:
        nxt = "next milestone: —"
    else:
        nxt = f"next: {safe.line(ms['title'])}, due {long_date(ms['due'])}"
        left = ms["days_left"]
        if left is not None and left < 0:
            nxt += f" (overdue by {_days(-left)})"
    return {
        "name": safe.line(r["name"]),
        "roadmap": f"{safe.line(r['roadmap'])} ({safe.line(r['level'])})",
        "done": f"{number(r['percent'])}%",
        "pace": r["pace"]["label"],
        "idle": "—" if r["idle_days"] is None else _days(r["idle_days"]),
        "practice": "—" if r["practice_share"] is None else f"{number(r['practice_share'])}%",
        "next": nxt,
        "today": r["today"] or "—",
    }


def _wrap(text: str, width: int, indent: str) -> list[str]:
    from mlpath.render.term import wrap_line

    room = width - len(indent)
    # wrap_line keeps a word wider than the room whole (and a line that starts like a
    # path or a command unbroken); a name (the file's name, when no --name was given) or
    # a title from someone's file is cut instead, as the table cuts names. The first
    # word stays on the first line; any other may start a continuation (2 cells in).
    words = [safe.clip(w, room - (2 if k else 0), cells) for k, w in enumerate(text.split(" "))]
    lines = wrap_line(" ".join(words), room, 2)
    return [indent + safe.clip(ln, room, cells) for ln in lines]


def cohort_text(view: dict[str, Any], width: int = 80) -> str:
    rows = [_fields(r) for r in view["learners"]]
    out: list[str] = []
    n = len(rows)
    order = ORDER.get(view.get("sort", "behind"), "")
    out += _wrap(
        f"{n} learner{'' if n == 1 else 's'}, {order}; each as of the day "
        "their file was made. Days are calendar days.",
        width,
        "",
    )
    if rows:
        out.append("")
    if rows and width >= 80:  # no table at all when every file was refused
        # one line of figures, then the roadmap and the next milestone under it
        fixed = {"done": 6, "pace": 18, "idle": 8, "practice": 8}
        name_w = width - sum(fixed.values()) - 4 * 2
        name_w = max(8, min(max(cells(f["name"]) for f in rows), name_w))
        cols = [
            ("Learner", "name", name_w),
            ("Done", "done", fixed["done"]),
            ("Pace", "pace", fixed["pace"]),
            ("Idle", "idle", fixed["idle"]),
            ("Practice", "practice", fixed["practice"]),
        ]
        out.append("  ".join(_fit(h, w) for h, _, w in cols).rstrip())
        for f in rows:
            out.append("  ".join(_fit(f[k], w) for _, k, w in cols).rstrip())
            out += _wrap(f"{f['roadmap']} · {f['next']}", width, "  ")
    else:
        for k, f in enumerate(rows):
            if k:
                out.append("")
            out += _wrap(f"{f['name']} · {f['roadmap']}", width, "")
            out += _wrap(
                f"{f['done']} done · {f['pace']} · idle {f['idle']} · practice {f['practice']}",
                width,
                "  ",
            )
            out += _wrap(f["next"], width, "  ")
    return "\n".join(out) + "\n"


def refused_lines(view: dict[str, Any]) -> list[str]:
    return [safe.line(r["reason"]) for r in view["refused"]]


def counted_once_lines(view: dict[str, Any]) -> list[str]:
    """A learner's files beyond the one shown: said, since two people sharing one state
    would otherwise see one of them leave the class without a word."""
    return [
        f"{safe.line(p['file'])} and {safe.line(p['shown'])} are one learner's files; "
        f"{safe.line(p['shown'])} (the later activity) is shown."
        for p in view.get("counted_once", [])
    ]

"""The plan as plain text: a header and a week-by-week table, from `views.plan_view`.

Plain text rather than a rich Table: a 70-week plan rendered by rich took
longer than the rest of `mlpath plan` together, and this needs no import.
"""

from __future__ import annotations

from datetime import date

from mlpath.render import safe
from mlpath.render.term import Style, cells, columns
from mlpath.render.text import chosen_hours, hours, long_date, number

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

MIN_WIDTH, MAX_WIDTH = 60, 140


def width() -> int:
    """The width every text output wraps to (render/term.columns: COLUMNS, else the
    terminal's, else 80), kept between MIN_WIDTH and MAX_WIDTH columns."""
    return max(MIN_WIDTH, min(MAX_WIDTH, columns()))


def header_text(v: dict[str, Any], s: Style, cols: int = MAX_WIDTH) -> str:
    v = safe.view(v)  # text from data, shown escaped (render/safe.py)
    lines = [s(v["roadmap_title"], "bold")]
    lines.append(
        f"{v['roadmap']} · {v['level']} · {number(v['hours_per_week'])} h/week · {v['days']}"
    )
    lines.append(
        s(f"{long_date(v['start'])} → {long_date(v['finish'])}", "bold", "green")
        + f"  ·  {v['total_weeks']} weeks, {number(v['total_hours'])} h"
    )
    for a, b in v["breaks"]:
        lines.append(s(f"break {a} → {b}", "dim"))
    # One line per override sentence, naming every phase it changed.
    changed: dict[tuple[str, str], list[str]] = {}
    chosen = [
        f"{p['number']} ({'skipped' if p['choice'] == 'skip' else 'half its effort'})"
        for p in v["phases"]
        if p.get("choice")
    ]
    for p in v["phases"]:
        if p.get("choice") == "skip" and not p["override"]:
            continue  # named below, with the learner's choices
        if p["skipped"] or p["override"]:
            n = number(p["weeks"])
            what = "skipped" if p["skipped"] else f"{n} week{'' if n == '1' else 's'}"
            why = "your background" if p.get("backgrounds") and p["override"] else "your level"
            changed.setdefault((why, p["override"] or ""), []).append(f"{p['number']} ({what})")
    for b in v.get("backgrounds") or ():
        text = f"Background: {b['label']} (--background {b['id']})"
        lines += [s(part, "dim") for part in _wrap(text, cols)]
    if v.get("picks"):
        text = "Picked: " + ", ".join(f"{p['title']} ({p['id']})" for p in v["picks"])
        lines += [s(part, "dim") for part in _wrap(text, cols)]
    for (why, source), phases in changed.items():
        label = "Phase" if len(phases) == 1 else "Phases"
        text = f"{label} {', '.join(phases)} for {why}: “{source}”"
        lines += [s(part, "dim") for part in _wrap(text, cols)]
    if chosen:
        label = "Phase" if len(chosen) == 1 else "Phases"
        text = f"{label} {', '.join(chosen)} as you chose (--skip/--compress)"
        lines += [s(part, "dim") for part in _wrap(text, cols)]
    if v.get("review_minutes"):
        review = v.get("review_hours") or 0
        text = f"Reviews: {v['review_minutes']} min each, taken from your study time"
        if review:
            text += f" ({hours(review)} in this plan)"
        lines += [s(part, "dim") for part in _wrap(text, cols)]
    if v.get("finish_by"):
        fb = v["finish_by"]
        text = (
            f"Chose {chosen_hours(fb['hours_per_week'])} h/week: the least, in quarter hours, "
            f"that finishes by {long_date(fb['date'])} with the reviews its items will bring."
        )
        lines += [s(part, "bold") for part in _wrap(text, cols)]
    if v["defaults_used"]:
        text = "Defaults used: " + ", ".join(v["defaults_used"])
        lines += [s(part, "dim") for part in _wrap(text, cols)]
    return "\n".join(lines) + "\n"


def _minutes(h: float) -> str:
    m = round(h * 60)
    return f"{m}m" if m < 60 else hours(h).replace(" ", "")


def _units(word: str) -> list[str]:
    """`word` as the runs a cell may end after: each run ends in a hyphen or a slash
    (or at the word's end), so "Derivatives/gradients" breaks as "Derivatives/" and
    "gradients"."""
    runs, start = [], 0
    for k, c in enumerate(word):
        if c in "-/":
            runs.append(word[start : k + 1])
            start = k + 1
    if start < len(word):
        runs.append(word[start:])
    return runs


def _widest_run(texts: list[str]) -> int:
    """The widest run (`_units`) in `texts`: a column narrower than it cuts a word."""
    return max((cells(r) for t in texts for w in t.split() for r in _units(w)), default=0)


def _wrap(text: str, cols: int) -> list[str]:
    """`text` in lines of at most `cols` terminal cells (a CJK character or an emoji
    takes two), broken at spaces; a word wider than the column breaks after a hyphen
    or a slash, and only where it has none between characters (never inside an
    escape)."""
    out: list[str] = []
    line = ""
    for word in text.split():
        if line and cells(line) + 1 + cells(word) <= cols:
            line += " " + word
            continue
        if cells(word) <= cols:
            if line:
                out.append(line)
            line = word
            continue
        # too wide for any line: its runs, each cut further only if it must be
        pieces: list[str] = []
        for run in _units(word):
            if cells(run) <= cols:
                pieces.append(run)
                continue
            cut = ""
            for ch in safe.pieces(run):  # never inside an escape
                if cut and cells(cut + ch) > cols:
                    pieces.append(cut)
                    cut = ""
                cut += ch
            pieces.append(cut)
        glue = " " if line else ""
        for piece in pieces:
            if cells(line + glue + piece) <= cols:
                line += glue + piece
            else:
                if line:
                    out.append(line)
                line = piece
            glue = ""
    if line:
        out.append(line)
    return out or [""]


def _pad(text: str, width: int, right: bool) -> str:
    """`text` padded to `width` terminal cells (str.ljust counts characters)."""
    fill = " " * max(width - cells(text), 0)
    return fill + text if right else text + fill


def table_text(v: dict[str, Any], s: Style, cols: int) -> str:
    """Week, dates, phase(s), what to study (with hours), milestones due; wrapped to `cols`."""
    v = safe.view(v)  # text from data, shown escaped (render/safe.py)
    rows: list[tuple[str, str, str, str, str, bool]] = []  # wk, dates, ph, study, due, is_break
    year = None
    for wk in v["weeks"]:
        work = [i for i in wk["items"] if i["kind"] != "milestone"]
        mss = [i for i in wk["items"] if i["kind"] == "milestone"]
        d0, d1 = date.fromisoformat(wk["start"]), date.fromisoformat(wk["end"])
        if d0.year != year:  # the year on its own row where it starts and changes
            year = d0.year
            rows.append(("", str(year), "", "", "", False))
        # "2.5h" without a space, so a wrapped cell never splits a figure from its unit
        study = "; ".join(f"{i['title']} ({hours(i['hours']).replace(' ', '')})" for i in work)
        if wk.get("review_hours"):
            study += ("; " if work else "") + f"reviews ({_minutes(wk['review_hours'])})"
        off = wk.get("break_days", 0)
        if off:
            note = "break" if off == 7 else f"break {off} day{'s' if off != 1 else ''}"
            study += ("; " if study else "") + note
        elif not study:
            study = "—"
        phases = sorted({i["phase"] for i in work} | {i["phase"] for i in mss})
        rows.append(
            (
                str(wk["number"]),
                f"{d0:%b %d}–{d1:%b %d}",
                ",".join(str(p) for p in phases),
                study,
                "; ".join(i["title"] for i in mss),
                bool(off) and not work,
            )
        )
    w_wk = max([2] + [len(r[0]) for r in rows])
    w_dates = 13
    w_ph = max([2] + [len(r[2]) for r in rows])
    # Borders: 6 bars and a space either side of each of the five cells.
    rest = cols - (w_wk + w_dates + w_ph) - 6 - 10
    need_study = _widest_run([r[3] for r in rows])
    need_due = _widest_run([r[4] for r in rows])
    if max(12, need_study) + max(10, need_due) > rest:
        # too narrow for every word whole: the dates take two lines ("Jan 04–" and
        # "Jan 10") and give their room to the words
        w_dates, rest = 7, rest + 6
    w_study = max(12, rest * 3 // 5)
    w_due = max(10, rest - w_study)
    # a column narrower than its widest word takes cells from the other, as far as
    # that one's widest word allows ("classification" whole at 60 columns)
    if w_due < need_due:
        give = max(0, min(need_due - w_due, w_study - max(12, need_study)))
        w_study, w_due = w_study - give, w_due + give
    elif w_study < need_study:
        give = max(0, min(need_study - w_study, w_due - max(10, need_due)))
        w_study, w_due = w_study + give, w_due - give
    widths = (w_wk, w_dates, w_ph, w_study, w_due)
    heads = ("Wk", "Dates", "Ph", "What to study", "Milestones due")

    def rule(left: str, mid: str, right: str, fill: str) -> str:
        return left + mid.join(fill * (w + 2) for w in widths) + right

    def cells_line(row: tuple[str, ...], bar: str = "│", bold: bool = False) -> str:
        parts = []
        for k, (cell, w) in enumerate(zip(row, widths, strict=True)):
            text = _pad(cell, w, right=k in (0, 2))
            if bold and cell:
                text = s(text, "bold")
            elif k == 4 and cell:
                text = s(text, "green")
            parts.append(f" {text} ")
        return bar + bar.join(parts) + bar

    # A narrow column takes its heading on two lines ("Milestones" / "due") rather
    # than pushing the bars out of line.
    head_lines = [_wrap(h, w) for h, w in zip(heads, widths, strict=True)]
    out = [rule("┏", "┳", "┓", "━")]
    for k in range(max(len(h) for h in head_lines)):
        row = tuple(h[k] if k < len(h) else "" for h in head_lines)
        out.append(cells_line(row, "┃", bold=True))
    out.append(rule("┡", "╇", "┩", "━"))
    for wk_n, dates, ph, study, due, is_break in rows:
        if not wk_n:  # a year row
            out.append(cells_line(("", dates, "", "", ""), bold=True))
            continue
        s_lines, d_lines = _wrap(study, w_study), _wrap(due, w_due)
        date_lines = [dates] if w_dates >= cells(dates) else dates.split("–", 1)
        date_lines[:-1] = [part + "–" for part in date_lines[:-1]]
        for k in range(max(len(s_lines), len(d_lines), len(date_lines))):
            row = (
                wk_n if k == 0 else "",
                date_lines[k] if k < len(date_lines) else "",
                ph if k == 0 else "",
                s_lines[k] if k < len(s_lines) else "",
                d_lines[k] if k < len(d_lines) else "",
            )
            text = cells_line(row)
            out.append(s(text, "dim") if is_break else text)
    out.append(rule("└", "┴", "┘", "─"))
    return "\n".join(out) + "\n"

"""The `mlpath status` dashboard as styled lines (render/styled.py), built only from the view dict.

Decides nothing: every figure comes from `dashboard.status_view`. The layout
adapts to the width it is given (60 to ~140 columns; wider consoles still get
140), and uses Unicode blocks and braille unless the output encoding cannot
show them, in which case it falls back to plain ASCII.
"""

from __future__ import annotations

import math
import time
from datetime import date, timedelta

from mlpath.core.record import Record
from mlpath.render import safe
from mlpath.render.next import deadline_parts, range_text, required_text
from mlpath.render.styled import Styled, cell_len, terminal_has_colour
from mlpath.render.term import ascii_only, use_color
from mlpath.render.text import DATE_FORMAT, hours, number, plural

TYPE_CHECKING = False  # typing and rich cost start-up time: annotations only
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator
    from typing import Any

    from rich.console import Console, ConsoleOptions, RenderResult

MAX_WIDTH = 140
MIN_WIDTH = 40


# --- glyphs ------------------------------------------------------------------------------


class Glyphs(Record):
    """The characters a dashboard is drawn with: Unicode, or ASCII for old terminals."""

    __slots__ = (
        "unicode",
        "full",
        "track",
        "hpart",
        "vpart",
        "planned",
        "spark",
        "axis_v",
        "axis_tick",
        "axis_corner",
        "axis_h",
        "today",
        "milestone",
        "done",
        "next",
        "due",
        "overdue",
        "sep",
        "ellipsis",
        "arrow",
        "zero",
    )
    unicode: bool
    # full: a filled bar cell
    full: str
    # track: an empty bar cell
    track: str
    # hpart: horizontal partial cells, index 1..7 = 1/8..7/8
    hpart: str
    # vpart: vertical partial cells, index 0..8 = empty..full
    vpart: str
    # planned: the planned line by height inside a cell: bottom .. top
    planned: str
    # spark: sparkline levels, index 0..8
    spark: str
    axis_v: str
    axis_tick: str
    axis_corner: str
    axis_h: str
    today: str
    milestone: str
    done: str
    next: str
    due: str
    overdue: str
    # sep: between segments of a line
    sep: str
    ellipsis: str
    arrow: str
    # zero: sparkline: a week with hours planned and none logged
    zero: str

    def __init__(self, **glyphs: Any) -> None:
        for name in self.__slots__:
            setattr(self, name, glyphs.pop(name))
        if glyphs:
            raise TypeError(f"unknown glyphs: {sorted(glyphs)}")


UNICODE = Glyphs(
    unicode=True,
    full="█",
    track="░",
    hpart=" ▏▎▍▌▋▊▉",
    vpart=" ▁▂▃▄▅▆▇█",
    planned="⣀⠤⠒⠉",
    spark=" ▁▂▃▄▅▆▇█",
    axis_v="│",
    axis_tick="┤",
    axis_corner="└",
    axis_h="─",
    today="▲",
    milestone="◆",
    done="✓",
    next="▶",
    due="○",
    overdue="!",
    sep=" · ",
    ellipsis="…",
    arrow="→",
    zero="·",
)

ASCII = Glyphs(
    unicode=False,
    full="#",
    track="-",
    hpart="        ",
    vpart="    #####",
    planned="....",
    spark=" ..::-=+*#",
    axis_v="|",
    axis_tick="+",
    axis_corner="+",
    axis_h="-",
    today="^",
    milestone="o",
    done="v",
    next=">",
    due="o",
    overdue="!",
    sep=" | ",
    ellipsis=".",
    arrow="->",
    zero=".",
)

# Every Unicode glyph the dashboard draws: an encoding that can carry these gets them.
_SAMPLE = "".join(
    {c for name in Glyphs.__slots__ if name != "unicode" for c in getattr(UNICODE, name)}
)


def can_encode(encoding: str | None) -> bool:
    """True when text in this encoding can carry the dashboard's Unicode glyphs."""
    try:
        _SAMPLE.encode(encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return False
    return True


# --- small formatting helpers ---------------------------------------------------------------


def _d(iso: str | None, fmt: str = "%d %b %Y") -> str:
    return date.fromisoformat(iso).strftime(fmt) if iso else "—"


PACE_STYLE = {
    "ahead": "bold green",
    "on-track": "bold green",
    "finished": "bold green",
    "behind": "bold red",
    "not-started": "bold",
}
PHASE_STYLE = {
    "done": "green",
    "in-progress": "cyan",
    "upcoming": "dim",
    "overdue": "red",
    "skipped": "dim",
}


class Canvas:
    """Builds the dashboard's lines at one width with one set of glyphs."""

    def __init__(self, width: int, glyphs: Glyphs) -> None:
        self.width = width
        self.g = glyphs
        self.lines: list[Styled] = []

    # text that fits --------------------------------------------------------------------

    def t(self, text: str, style: str = "") -> Styled:
        return Styled(text if self.g.unicode else ascii_only(text), style=style)

    def fit(self, text: Styled, width: int | None = None) -> Styled:
        """Cut `text` to `width` cells, ending with an ellipsis when cut."""
        width = self.width if width is None else width
        if text.cell_len <= width:
            return text
        # whole pieces only: a cut inside an escape ("\\u20") reads as another character
        keep = safe.clip(text.plain, max(width - 1, 0), cell_len, end="")
        cut = text.copy()
        cut.truncate(cell_len(keep))
        cut.append(self.g.ellipsis[: max(width - cut.cell_len, 0)])
        return cut

    def cell(self, text: str, width: int, style: str = "", right: bool = False) -> Styled:
        """`text` in exactly `width` cells (cut or padded)."""
        out = self.fit(self.t(text, style), width)
        pad = width - out.cell_len
        if pad > 0:
            if right:
                out = Styled(" " * pad) + out
            else:
                out.append(" " * pad)
        return out

    def add(self, text: Styled | str = "") -> None:
        line = self.fit(text if isinstance(text, Styled) else self.t(text))
        line.rstrip()
        self.lines.append(line)

    def flow(self, segments: Iterable[Styled], indent: int = 0, wrap: bool = False) -> None:
        """Lay segments on as few lines as fit, separated by the separator; a segment
        wider than a line is cut, or with `wrap` broken between words over lines."""
        line = Styled(" " * indent)
        empty = True
        for seg in segments:
            if wrap and seg.cell_len > self.width - indent:
                if not empty:
                    self.add(line)
                    line, empty = Styled(" " * indent), True
                self._wrapped(seg, indent)
                continue
            seg = self.fit(seg, self.width - indent)
            sep = self.t(self.g.sep, "dim")
            if not empty and line.cell_len + sep.cell_len + seg.cell_len > self.width:
                self.add(line)
                line, empty = Styled(" " * indent), True
            if not empty:
                line.append_text(sep)
            line.append_text(seg)
            empty = False
        if not empty:
            self.add(line)

    def _wrapped(self, seg: Styled, indent: int) -> None:
        """One segment (plain text, one style) over lines broken between words."""
        from mlpath.render.term import wrap_line

        for part in wrap_line(" " * indent + seg.plain, self.width, indent + 2):
            self.add(Styled(part, style=seg.style))

    # bars -------------------------------------------------------------------------------

    def hbar(self, ratio: float, width: int, style: str) -> Styled:
        """A horizontal bar: filled cells (eighths with Unicode) on a dim track."""
        ratio = min(max(ratio, 0.0), 1.0)
        eighths = int(ratio * width * 8 + 1e-9)
        full, part = divmod(eighths, 8)
        if ratio < 1.0 and full == width:  # never look complete before it is
            full, part = width - 1, 7
        bar = Styled(self.g.full * full, style=style)
        used = full
        if used < width and part and self.g.unicode:
            bar.append(self.g.hpart[part], style=style)
            used += 1
        bar.append(self.g.track * (width - used), style="dim")
        return bar


# --- sections --------------------------------------------------------------------------------


def _header(c: Canvas, v: dict[str, Any]) -> None:
    p, pace = v["plan"], v["pace"]
    title = c.t(p["title"], "bold")
    today = c.t(f"today {_d(v['today'], DATE_FORMAT)}", "dim")
    if title.cell_len + 2 + today.cell_len <= c.width:
        c.add(title + Styled(" " * (c.width - title.cell_len - today.cell_len)) + today)
    else:
        c.add(title)
        c.add(today)
    wk = p["week"]
    segments = [c.t(f"{p['roadmap']} ({p['level']}, {number(p['hours_per_week'])} h/week)")]
    if p["before_start"]:
        segments.append(
            c.t(f"starts in {plural(p['days_to_start'], 'day')}, on {_d(p['start'])}", "bold")
        )
    else:
        segments.append(c.t(f"started {_d(p['start'])}"))
        if wk["number"] > wk["of"]:
            segments.append(c.t(f"week {wk['number']}, past the plan's {wk['of']}", "bold"))
        else:
            segments.append(c.t(f"week {wk['number']} of {wk['of']}", "bold"))
    c.flow(segments)
    finish = [] if p["finished"] else [c.t(pace["label"], PACE_STYLE.get(pace["status"], "bold"))]
    finish.append(c.t(f"planned finish {_d(p['planned_finish'])}"))
    if p["finished"]:
        finish.append(c.t(f"finished {_d(p['projected_finish'])}", "bold green"))
    elif p["projected_finish"]:
        late = p["projected_finish"] > p["planned_finish"]
        finish.append(
            c.t(f"projected finish {_d(p['projected_finish'])}", "bold yellow" if late else "bold")
        )
    elif pace["credited_hours"]:  # too slow (or nothing since a replan) to reach a finish
        finish.append(c.t("projected finish: none in sight at this pace", "yellow"))
    else:
        finish.append(c.t("projected finish: none yet, nothing done", "yellow"))
    for said in (required_text(pace), range_text(pace)):
        if said and not p["finished"]:
            finish.append(c.t(said))
    if pace["status"] == "behind":
        finish.append(c.t("run `mlpath replan` for a fresh plan", "yellow"))
    c.flow(finish)
    for d in v.get("deadlines") or ():
        parts, risk = deadline_parts(d, bool(pace["credited_hours"]))
        c.flow(
            [
                c.t("deadline " + p, "bold yellow" if risk else "") if i == 0 else c.t(p)
                for i, p in enumerate(parts)
            ]
        )


def _phase_detail(ph: dict[str, Any], long: bool) -> str:
    state = ph["state"]
    if state == "done":
        return f"done {_d(ph['done_on'])}" if ph["done_on"] else "done"
    if state == "in-progress":
        return f"in progress, due {_d(ph['due'])}" if long else f"due {_d(ph['due'])}"
    if state == "overdue":
        n = ph["days_overdue"]
        return f"overdue {n} d, due {_d(ph['due'])}" if long else f"{n} d overdue"
    if state == "upcoming":
        return f"upcoming, from {_d(ph['start'])}" if long else f"from {_d(ph['start'])}"
    if not long:
        return "skipped"
    return "skipped by your choice" if ph.get("choice") == "skip" else "skipped at this level"


def _progress(c: Canvas, v: dict[str, Any]) -> None:
    ov, phases = v["overall"], v["phases"]
    long = c.width >= 80
    with_dates = c.width >= 110
    labels = [f"{ph['number']} {ph['title']}" for ph in phases]
    details = [_phase_detail(ph, long) for ph in phases]
    total = f"{number(ov['completed_hours'])} of {hours(ov['total_hours'])}"
    dw = max([len(total), *(len(d) for d in details)])
    date_w = 25 if with_dates else 0
    # label | bar | pct | detail | dates
    fixed = 1 + 5 + 2 + dw + (2 + date_w if with_dates else 0)
    room = max(c.width - fixed, 16)
    bw = min(max(room * 2 // 5, 8), 48)
    lw = min(max(len("Overall"), *(len(x) for x in labels)), room - bw)
    bw = min(room - lw, 48)

    def row(
        label: Styled, ratio: float, pct: float, style: str, detail: Styled, dates: str
    ) -> None:
        line = c.fit(label, lw)
        line.append(" " * (lw - line.cell_len + 1))
        line.append_text(c.hbar(ratio, bw, style))
        line.append_text(c.cell(f"{math.floor(pct)}%", 5, "bold", right=True))
        line.append("  ")
        line.append_text(c.fit(detail, dw))
        if with_dates and dates:
            line.append(" " * (dw - min(detail.cell_len, dw) + 2))
            line.append_text(c.t(dates, "dim"))
        c.add(line)

    style = "bold green" if v["plan"]["finished"] else "bold cyan"
    row(c.t("Overall", "bold"), ov["ratio"], ov["percent"], style, c.t(total), "")
    runs = _runs(v, "before")
    last = max(runs, default=None)  # its line says where every phase is listed
    for k, (ph, label, detail) in enumerate(zip(phases, labels, details, strict=True)):
        _hidden(c, runs.get(k), "phase", 0, k == last)
        st = PHASE_STYLE[ph["state"]]
        dates = (
            f"{_d(ph['start'])} {c.g.arrow} {_d(ph['due'])}" if ph["start"] and ph["due"] else ""
        )
        row(
            c.t(label, "dim" if ph["state"] in ("upcoming", "skipped") else ""),
            ph["ratio"],
            ph["percent"],
            st,
            c.t(detail, st),
            dates,
        )
    _hidden(c, runs.get(len(phases)), "phase", 0, True)
    skipped = v.get("skipped_items") or []
    if skipped:
        said = [it["title"] + (f" ({it['reason']})" if it.get("reason") else "") for it in skipped]
        c.flow([c.t("Skipped by you", "dim"), *(c.t(t, "dim") for t in said)], wrap=True)


def _runs(v: dict[str, Any], where: str) -> dict[int, dict[str, Any]]:
    """The runs of phases a window leaves out (core/window.py), by the index of the
    row they come before (`where`: among the phase rows, or the milestone rows)."""
    window = v.get("window")
    return {run[where]: run for run in window["hidden"]} if window else {}


_RUN_WORDS = {
    "phase": (
        ("done", "done"),
        ("skipped", "skipped"),
        ("overdue", "overdue"),
        ("in-progress", "in progress"),
        ("upcoming", "to come"),
    ),
    "milestone": (("done", "done"), ("overdue", "overdue"), ("due", "to come")),
}


def _hidden(c: Canvas, run: dict[str, Any] | None, what: str, indent: int, hint: bool) -> None:
    """One line that counts a run of phases (or of their milestones) the window leaves
    out, by state; with `hint`, where to see every one."""
    if run is None:
        return
    counts = run["states"] if what == "phase" else run["milestones"]
    total = sum(counts.values())
    if not total:
        return
    said = ", ".join(f"{counts[k]} {word}" for k, word in _RUN_WORDS[what] if counts[k])
    mark = c.g.ellipsis if c.g.unicode else "..."
    text = f"{mark} {plural(total, 'more ' + what)} ({said})"
    segments = [c.t("`mlpath status --json` lists every one", "dim")] if hint else []
    if indent + len(text) > c.width:  # too many kinds for the width: broken between words
        from mlpath.render.term import wrap_line

        for part in wrap_line(" " * indent + text, c.width, indent + 2):
            c.add(c.t(part, "dim"))
    else:
        segments.insert(0, c.t(text, "dim"))
    if segments:
        c.flow(segments, indent)


def _milestones(c: Canvas, v: dict[str, Any]) -> None:
    rows = v["milestones"]
    if not rows:
        c.add(c.t("Milestones", "bold") + c.t("  none in this roadmap (phases above)", "dim"))
        return
    c.add(c.t("Milestones", "bold"))
    wide = c.width >= 100
    statuses: list[tuple[str, str, str]] = []  # marker, status text, style
    for m in rows:
        if m["state"] == "done":
            text = f"done {_d(m['done_on'])}" if m["done_on"] else "done"
            if wide and m["done_on"] and m["due"]:
                early = (date.fromisoformat(m["due"]) - date.fromisoformat(m["done_on"])).days
                if early:
                    text += f", {abs(early)} d {'early' if early > 0 else 'late'}"
            statuses.append((c.g.done, text, "green"))
        elif m["state"] == "overdue":
            statuses.append((c.g.overdue, f"{plural(-m['days_left'], 'day')} overdue", "bold red"))
        else:
            left = m["days_left"]
            text = "due today" if left == 0 else f"in {plural(left, 'day')}"
            if m["next"]:
                statuses.append((c.g.next, text, "bold yellow" if left <= 7 else "bold cyan"))
            else:
                statuses.append((c.g.due, text, ""))
    sw = max(len(s[1]) for s in statuses)
    # too narrow for title, date and status on one line: the date and status go below,
    # whole ("in 81 days", never "in 81 …")
    two_lines = 4 + 10 + 17 + 2 + sw > c.width
    room = c.width - 4 if two_lines else c.width - 4 - 17 - 2 - sw
    tw = min(max(len(m["title"]) for m in rows), max(10, room))
    runs = _runs(v, "milestones_before")
    for k, (m, (marker, text, style)) in enumerate(zip(rows, statuses, strict=True)):
        _hidden(c, runs.get(k), "milestone", 2, False)
        line = c.t(f"  {marker} ", style or "dim")
        title_style = "dim" if m["state"] == "done" else ("bold" if m["next"] else "")
        line.append_text(c.cell(m["title"], tw, title_style))
        if two_lines:
            c.add(line)
            line = c.t(f"    due {_d(m['due'])}", "dim")
        else:
            line.append_text(c.t(f"  due {_d(m['due'])}", "dim"))
        line.append("  ")
        line.append_text(c.t(text, style))
        c.add(line)
    _hidden(c, runs.get(len(rows)), "milestone", 2, False)


def chart_columns(n: int, width: int) -> list[list[int]]:
    """Which of the `n` points each chart column shows (its last one is drawn).

    Short plans are stretched (up to 4 columns a point), long ones downsampled
    into buckets of consecutive points, so the chart always fits `width`.
    """
    cols = max(1, min(width, n * 4))
    if cols >= n:
        return [[c * n // cols] for c in range(cols)]
    return [list(range(c * n // cols, (c + 1) * n // cols)) for c in range(cols)]


def column_of(point: int, n: int, width: int) -> int:
    """The last chart column showing `point` (the inverse of `chart_columns`)."""
    cols = max(1, min(width, n * 4))
    return max(0, min(cols - 1, -(-(point + 1) * cols // n) - 1))


def _burndown(c: Canvas, v: dict[str, Any]) -> None:
    bd = v["burndown"]
    pts = bd["points"]
    total = float(bd["total_hours"]) or 1.0
    g = c.g
    height = 8 if c.width >= 70 else 6
    top, half = number(round(total)), number(round(total / 2))
    yw = max(len(top), len(half), 1)
    width = max(c.width - yw - 1, 10)
    cols = chart_columns(len(pts), width)
    legend = [
        c.t(f"{g.full} actual", "cyan"),
        c.t(f"{g.planned[0]} planned", "bright_white"),
        c.t(f"{g.today} today", "bold"),
        c.t(f"{g.milestone} phase due", "magenta"),
    ]
    head = c.t("Burndown", "bold") + c.t(" remaining hours", "dim")
    leg = Styled("  ").join(legend)
    if head.cell_len + 3 + leg.cell_len <= c.width:
        c.add(head + Styled(" " * (c.width - head.cell_len - leg.cell_len)) + leg)
    else:
        c.add(head)
        c.add(Styled(" ").join(legend))

    # Per column: actual and planned heights, in eighths of a cell.
    scale = height * 8 / total
    actual: list[int | None] = []
    planned: list[int] = []
    behind: list[bool] = []
    for bucket in cols:
        shown = [
            pts[i]["actual_remaining"] for i in bucket if pts[i]["actual_remaining"] is not None
        ]
        plan_v = pts[bucket[-1]]["planned_remaining"]
        act_v = shown[-1] if shown else None
        planned.append(min(round(plan_v * scale), height * 8))
        actual.append(None if act_v is None else min(round(act_v * scale), height * 8))
        behind.append(act_v is not None and act_v > plan_v + 1e-9)

    for r in range(height - 1, -1, -1):
        label = top if r == height - 1 else half if r == height // 2 - 1 else ""
        line = c.t(label.rjust(yw), "dim")
        line.append(g.axis_tick if label else g.axis_v, style="dim")
        for x in range(len(cols)):
            a, p = actual[x], planned[x]
            bar_style = "yellow" if behind[x] else "cyan"
            fill = 0 if a is None else min(max(a - 8 * r, 0), 8)
            # a value on a cell's top edge is drawn at the top of that cell
            prow = min(max(p - 1, 0) // 8, height - 1)
            if prow == r:
                sub = min(max(p - 8 * prow - 1, 0) // 2, 3)
                mark = g.planned[sub]
                style = f"bold black on {bar_style}" if fill else "bright_white"
                line.append(mark, style=style)
            elif fill:
                line.append(g.vpart[fill] if g.unicode else g.vpart[fill], style=bar_style)
            else:
                line.append(" ")
        c.add(line)

    # x axis: milestones and today marked on it, dates under it.
    axis = [g.axis_h] * len(cols)
    styles = ["dim"] * len(cols)
    start = date.fromisoformat(pts[0]["through"]) + timedelta(days=1)
    for week, state in _due_weeks(v, start):
        if 0 <= week < len(pts):
            x = column_of(week, len(pts), width)
            axis[x] = g.milestone
            styles[x] = {"done": "green", "overdue": "red"}.get(state, "magenta")
    today_week = bd["today_week"]
    if 0 <= today_week < len(pts) and pts[max(today_week, 0)]["actual_remaining"] is not None:
        x = column_of(today_week, len(pts), width)
        axis[x], styles[x] = g.today, "bold"
    line = c.t("0".rjust(yw), "dim")
    line.append(g.axis_corner, style="dim")
    for ch, st in zip(axis, styles, strict=True):
        line.append(ch, style=st)
    c.add(line)

    days = len(pts) * 7
    fmt = "%d %b" if days <= 200 else "%b %Y"
    labels: list[tuple[int, str]] = []
    free = 0
    prev_month: tuple[int, int] | None = None
    for x, bucket in enumerate(cols):
        if x > 0 and cols[x - 1][-1] == bucket[-1]:
            continue  # a stretched point: label its first column only
        day = start + timedelta(days=7 * bucket[-1])
        month = (day.year, day.month)
        text = day.strftime(fmt)
        if fmt == "%b %Y" and x > 0 and month == prev_month:
            continue
        prev_month = month
        if x >= free and yw + 1 + x + len(text) <= c.width:
            labels.append((x, text))
            free = x + len(text) + 2
    row = [" "] * (c.width - yw - 1)
    for x, text in labels:
        row[x : x + len(text)] = list(text)
    c.add(c.t(" " * (yw + 1) + "".join(row).rstrip(), "dim"))


def _due_weeks(v: dict[str, Any], start: date) -> list[tuple[int, str]]:
    """(plan week, state) of each phase's due day, for the burndown's axis: of every
    phase, those a window leaves out of the rows too (it lists their weeks)."""
    window = v.get("window")
    if window:
        return [(week, state) for week, state in window["phase_due_weeks"]]
    return [
        ((date.fromisoformat(ph["due"]) - start).days // 7 + 1, ph["state"])
        for ph in v["phases"]
        if ph["due"] and ph["state"] != "skipped"
    ]


def _study(c: Canvas, v: dict[str, Any]) -> None:
    s = v["study"]
    g = c.g
    c.add(c.t("Study time", "bold"))
    target = s["week_target"]
    ratio = min(s["week_logged"] / target, 1.0) if target else float(s["week_logged"] > 0)
    met = bool(target) and s["week_logged"] >= target
    week = c.t("this week ") + c.hbar(ratio, 10, "green" if met else "cyan")
    week.append_text(c.t(f" {number(s['week_logged'])} of {hours(target)}", "bold"))
    streak = s["streak_weeks"]
    r = v.get("reviews") or {"cards": 0}
    reviews = []
    if r["cards"]:
        due = f"{plural(r['count'], 'review')} due today" if r["count"] else "no reviews due"
        if r["count"] and r["minutes"]:
            due += f" (~{r['minutes']} min)"
        reviews = [
            c.t(f"{due}, {plural(r['cards'], 'card')}", "bold yellow" if r["count"] else "dim")
        ]
    c.flow(
        [
            week,
            c.t(
                f"total {number(s['total_logged'])} h logged, {hours(s['planned_to_date'])} planned to date"
            ),
            c.t(_streak_text(streak, s["weeks"]), "bold green" if streak else "dim"),
            *reviews,
        ],
        indent=2,
    )
    ahead = [row["minutes"] for row in v.get("review_forecast") or ()]
    if any(ahead):  # review minutes in each of the next 8 weeks
        c.flow([c.t("reviews ahead (min/week)", "dim"), *(c.t(str(m)) for m in ahead)], indent=2)
    weeks = s["weeks"]
    if not weeks:
        return
    label = "  weekly "
    room = c.width - len(label) - 24
    shown = weeks[-max(room, 4) :]
    scale = max([1e-9, *(w["logged"] for w in shown), *(w["planned"] for w in shown)])
    line = c.t(label, "dim")
    current = weeks[-1]["week"]
    for w in shown:
        lvl = round(w["logged"] / scale * 8)
        ch = g.spark[lvl] if lvl else (g.zero if w["planned"] else " ")
        if w["week"] == current:
            style = "bold green" if w["met"] else "bold cyan"
        else:
            style = {True: "green", False: "yellow", None: "dim"}[w["met"]]
        line.append(ch, style=style)
    line.append_text(c.t(f"  {plural(len(shown), 'week')}, top {number(round(scale, 1))} h", "dim"))
    c.add(line)


def build_lines(view: dict[str, Any], width: int, unicode: bool = True) -> list[Styled]:
    """The dashboard as lines of at most `width` cells."""
    from mlpath.render import safe

    # text from data, shown escaped (render/safe.py); the burndown and the window's
    # counts hold only mlpath's own numbers and dates (a long plan's thousand weeks):
    # passed on as they are, not walked string by string
    figures = {k: view[k] for k in ("burndown", "window") if k in view}
    view = safe.view({k: v for k, v in view.items() if k not in figures}) | figures
    c = Canvas(max(min(width, MAX_WIDTH), MIN_WIDTH), UNICODE if unicode else ASCII)
    _header(c, view)
    c.add()
    _progress(c, view)
    c.add()
    _milestones(c, view)
    c.add()
    _burndown(c, view)
    c.add()
    _study(c, view)
    _method(c, view)
    return c.lines


def _method(c: Canvas, v: dict[str, Any]) -> None:
    """Theory and practice against the document's target, and the habits' streaks."""
    from mlpath.render.method import balance_lines, habits_status_lines, running_lines
    from mlpath.render.term import Style, wrap_line

    plain = Style(False)
    lines = running_lines(v.get("timer"))
    lines += balance_lines(v.get("theory_practice"), plain)
    lines += habits_status_lines(v.get("habits"))
    if not lines:
        return
    c.add()
    for line in lines:
        hang = len(line) - len(line.lstrip()) + 2
        head = not line.startswith(" ")  # a section's title, or the running timer
        for part in wrap_line(line, c.width, hang):
            c.add(c.t(part, "bold" if head else ""))


class Dashboard:
    """The dashboard as a rich renderable, laid out for the console's width and
    encoding: for rich's Live (`status --watch`) and the app."""

    def __init__(self, view: dict[str, Any], *, unicode: bool | None = None) -> None:
        self.view = view
        self.unicode = unicode

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        uni = can_encode(options.encoding) if self.unicode is None else self.unicode
        for styled in build_lines(self.view, options.max_width, uni):
            line = styled.to_rich()
            line.no_wrap = True
            line.overflow = "crop"
            line.end = "\n"
            yield line


# --- the screen, consoles and the live view ---------------------------------------------------


def _streak_text(streak: int, weeks: list[dict[str, Any]]) -> str:
    """ "streak 3 weeks"; once broken "streak: 0 weeks" ("none yet" read as never)."""
    if streak:
        return f"streak {plural(streak, 'week')}"
    return "streak: 0 weeks" if any(w.get("met") for w in weeks) else "streak: none yet"


def dashboard_text(view: dict[str, Any], *, no_color: bool, width: int, encoding: str) -> str:
    """The dashboard as the terminal receives it, laid out for `width` columns and the
    terminal's `encoding`: what rich's console prints for `Dashboard`, drawn without
    rich (tests/test_styled.py holds the two together)."""
    colour = use_color(no_color) and terminal_has_colour()
    out = []
    for line in build_lines(view, width, can_encode(encoding)):
        line.truncate(width)  # a console narrower than the smallest layout crops it
        out.append(line.ansi(colour) + "\n")
    return "".join(out)


def make_console(*, no_color: bool = False, width: int | None = None, file: Any = None) -> Console:
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            # rich would exit 1; the reader leaving (`status --watch | head`) ends the
            # run as it ends every command's: quietly, exit 0 (errors.py's guard)
            self.quiet = True
            raise BrokenPipeError

    colour = use_color(no_color)  # the one colour rule (render/term.py)
    return _Console(
        file=file,
        color_system="auto" if colour else None,
        no_color=not colour,
        force_terminal=True if colour else None,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
        width=width,
    )


def _error(message: str) -> Any:
    from mlpath.render.safe import line

    return Styled(f"Error: {line(message)}", style="bold red").to_rich()  # it may quote data


def watch(
    con: Console,
    load: Callable[[], dict[str, Any]],
    signature: Callable[[], object],
    *,
    interval: float = 0.5,
    on_error: type[Exception] = Exception,
) -> None:
    """Show the dashboard and redraw it whenever `signature()` changes, until Ctrl-C.

    `load()` builds a fresh view (an `on_error` exception is shown in its place,
    and watching goes on). On a terminal the dashboard is drawn in place with
    rich Live on the alternate screen (no flicker, no scrollback mess; the last
    frame is printed when you stop); elsewhere each change prints a new frame.
    """

    def frame() -> Any:
        try:
            return Dashboard(load())
        except on_error as exc:
            return _error(str(exc))

    def frames() -> Iterator[Any]:
        last = signature()
        yield frame()
        while True:
            time.sleep(interval)
            now = signature()
            if now != last:
                last = now
                yield frame()

    shown: Any = None
    if not con.is_terminal:
        try:
            for shown in frames():
                con.print(shown)
                con.print()
                con.file.flush()
        except KeyboardInterrupt:
            pass
        return
    from rich.live import Live

    it = frames()
    live: Live | None = None
    try:
        shown = next(it)
        live = Live(
            shown,
            console=con,
            screen=True,
            auto_refresh=False,
            redirect_stdout=False,
            redirect_stderr=False,
        )
        live.start(refresh=True)
        for shown in it:
            live.update(shown, refresh=True)
    except KeyboardInterrupt:
        pass
    finally:
        # Even when Ctrl-C lands mid-draw: leave the alternate screen, show the cursor.
        if live is not None:
            live.stop()
    if shown is not None:
        con.print(shown)

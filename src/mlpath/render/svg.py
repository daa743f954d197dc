"""The burndown as SVG: remaining hours, planned (the plan in force each week) and actual.

Reads `status --json`'s `burndown` (core/dashboard.py) and decides nothing. The
same drawing goes inline into the published page (styled by the page) and into
burndown.svg on its own (with its own light and dark style, for a README).
Deterministic: coordinates are written with one decimal.
"""

from __future__ import annotations

from mlpath.render.shown import esc
from mlpath.render.text import number

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

W, H = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 58, 18, 18, 44

STANDALONE_STYLE = """
svg{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:13px}
.bg{fill:#ffffff}.axis{stroke:#6b6b6b;stroke-width:1}.grid{stroke:#dcdcdc;stroke-width:1}
.label{fill:#444444}.planned{fill:none;stroke:#6b6b6b;stroke-width:2;stroke-dasharray:6 4}
.actual{fill:none;stroke:#0b5cad;stroke-width:3}.today{stroke:#a33a00;stroke-width:1.5}
.today-label{fill:#a33a00}
@media (prefers-color-scheme:dark){.bg{fill:#111418}.axis{stroke:#9aa3ad}.grid{stroke:#2c333b}
.label{fill:#c9d1d9}.planned{stroke:#9aa3ad}.actual{stroke:#7cb8ff}.today{stroke:#ffa46b}
.today-label{fill:#ffa46b}}
"""


def _f(v: float) -> str:
    return f"{v:.1f}"


def describe(burn: dict[str, Any]) -> str:
    """One sentence for the chart's <desc> (and for readers who cannot see it)."""
    points = burn["points"]
    total = burn["total_hours"]
    last = points[-1]["week"] if points else 0
    started = [p for p in points if p["actual_remaining"] is not None]
    text = (
        f"Remaining hours of study, planned and actual, by week: the plan goes from "
        f"{number(total)} h at the start to {number(points[-1]['planned_remaining'] if points else 0)} h "
        f"by the end of week {last}."
    )
    if started:
        p = started[-1]
        left, planned = number(p["actual_remaining"]), number(p["planned_remaining"])
        if p["week"] == burn.get("today_week"):
            # the week under way: its actual is today's, its planned figure the week's end
            text += f" Actual: {left} h left so far in week {p['week']}"
            text += f" (planned by the end of that week: {planned} h)."
        else:
            text += f" Actual: {left} h left at the end of week {p['week']}"
            text += f" (planned: {planned} h)."
    else:
        text += " Nothing to show as actual yet: the plan has not started."
    return text


def burndown_svg(burn: dict[str, Any], *, standalone: bool = False) -> str:
    """The chart; `standalone` adds the XML namespace and its own style."""
    points = burn["points"]
    total = float(burn["total_hours"]) or 1.0
    last = max((p["week"] for p in points), default=1) or 1
    pw, ph = W - LEFT - RIGHT, H - TOP - BOTTOM

    def x(week: float) -> float:
        return LEFT + week / last * pw

    def y(hours: float) -> float:
        return TOP + (1 - min(max(hours / total, 0.0), 1.0)) * ph

    title = "Burndown: remaining hours, planned and actual"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" role="img" '
        f'aria-labelledby="burndown-title burndown-desc" class="burndown">',
        f'<title id="burndown-title">{esc(title)}</title>',
        f'<desc id="burndown-desc">{esc(describe(burn))}</desc>',
    ]
    if standalone:
        out.append(f"<style>{STANDALONE_STYLE.strip()}</style>")
        out.append(f'<rect class="bg" width="{W}" height="{H}"/>')
    for frac in (0.0, 0.5, 1.0):
        hy = y(total * frac)
        out.append(f'<line class="grid" x1="{LEFT}" y1="{_f(hy)}" x2="{W - RIGHT}" y2="{_f(hy)}"/>')
        out.append(
            f'<text class="label" x="{LEFT - 6}" y="{_f(hy + 4)}" text-anchor="end">'
            f"{esc(number(total * frac))} h</text>"
        )
    step = max(1, -(-last // 8))  # at most about nine week labels
    ticks = list(range(0, last, step))
    if last - ticks[-1] < step / 2:  # too close to the last tick to read apart
        ticks.pop()
    for week in [*ticks, last]:
        out.append(
            f'<text class="label" x="{_f(x(week))}" y="{H - BOTTOM + 18}" '
            f'text-anchor="middle">{week}</text>'
        )
    out.append(
        f'<text class="label" x="{_f(LEFT + pw / 2)}" y="{H - 6}" text-anchor="middle">week</text>'
    )
    out.append(f'<line class="axis" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{H - BOTTOM}"/>')
    out.append(
        f'<line class="axis" x1="{LEFT}" y1="{H - BOTTOM}" x2="{W - RIGHT}" y2="{H - BOTTOM}"/>'
    )
    planned = " ".join(f"{_f(x(p['week']))},{_f(y(p['planned_remaining']))}" for p in points)
    out.append(f'<polyline class="planned" points="{planned}"/>')
    actual = [p for p in points if p["actual_remaining"] is not None]
    if actual:
        line = " ".join(f"{_f(x(p['week']))},{_f(y(p['actual_remaining']))}" for p in actual)
        out.append(f'<polyline class="actual" points="{line}"/>')
    today = burn.get("today_week") or 0
    if 0 < today <= last:
        tx = _f(x(today))
        out.append(f'<line class="today" x1="{tx}" y1="{TOP}" x2="{tx}" y2="{H - BOTTOM}"/>')
        anchor = "end" if today > last / 2 else "start"
        shift = -4 if anchor == "end" else 4
        out.append(
            f'<text class="today-label" x="{_f(x(today) + shift)}" y="{TOP + 12}" '
            f'text-anchor="{anchor}">this week</text>'
        )
    # the legend: a dashed and a solid sample with their words
    lx, ly = W - RIGHT - 170, TOP + 8
    out.append(f'<line class="planned" x1="{lx}" y1="{ly}" x2="{lx + 26}" y2="{ly}"/>')
    out.append(f'<text class="label" x="{lx + 32}" y="{ly + 4}">planned</text>')
    out.append(f'<line class="actual" x1="{lx + 92}" y1="{ly}" x2="{lx + 118}" y2="{ly}"/>')
    out.append(f'<text class="label" x="{lx + 124}" y="{ly + 4}">actual</text>')
    out.append("</svg>")
    text = "\n".join(out) + "\n"
    if standalone:
        return '<?xml version="1.0" encoding="UTF-8"?>\n' + text
    return text

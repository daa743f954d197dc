"""`next --line`: one line of at most 60 characters for a shell prompt or tmux's status
line (the running timer or today's first item, the hours left today, the pace).

A prompt runs it all day, so it imports no more than `next` does from a kept view
(no datetime unless a timer runs, no rich): it is benchmarked beside `next`.
"""

from __future__ import annotations

from mlpath.core.numbers import number
from mlpath.render import safe

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any

WIDTH = 60
_SHORT = {"on-track": "on track", "not-started": "not started", "finished": "done"}


def line_text(
    v: dict[str, Any],
    minutes_since: Callable[[str], int],
    width: int = WIDTH,
    cap: int | None = None,
) -> str:
    """The line, from `next`'s view; `minutes_since(begin)` counts a running timer,
    and a timer past `cap` minutes (config timer_cap) says only the cap counts."""
    v = safe.view(v)  # ids are data (render/safe.py)
    if v.get("finished"):
        return safe.clip("mlpath: plan finished", width)
    m = v.get("method") or {}
    live = (m.get("timer") or {}).get("running") or []
    pace = v["pace"]
    # "behind 16d", "ahead 3d": a bare sign would leave the reader guessing which way
    p = _SHORT.get(pace["status"]) or f"{pace['status']} {abs(pace['days'])}d"
    planned = float((v.get("day") or {}).get("hours") or 0)
    if planned:
        left = max(planned - float(m.get("logged_today") or 0), 0)
        tail = f" · {number(left)} h left · {p}"
    else:
        tail = f" · {p}"
    if live:
        r = live[0]
        took = max(minutes_since(r["begin"]), 0)
        h, mins = divmod(took, 60)
        over = ""
        if cap is not None and took > cap:
            over = f" (cap {cap // 60}h{f'{cap % 60:02d}' if cap % 60 else ''})"
        head = f"timer {h}h{mins:02d}{over} {r.get('item') or r.get('habit') or 'plan'}"
    elif v["now"]:
        head = f"next {v['now'][0]['id']}"
    elif v.get("before_start"):
        head = f"starts {v['plan_start']}"
    else:
        head = "nothing due"
    if len(head) + len(tail) <= width:
        return head + tail
    return safe.clip(head, max(width - len(tail), 10)) + tail

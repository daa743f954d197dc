"""Which phases a big plan's status dashboard shows: a window around the learner.

Pure: positions and counts in, positions out. A plan of more than `WINDOW_FROM`
phases (a user's own roadmap; the bundled ones have at most eight) shows, of its
phases and their milestones, the ones around where the learner is:

- `BEFORE` phases before the first one not done (what was just finished) and
  `AFTER` after it (the learner's place: where `next` points);
- when the calendar has moved past that (the learner is behind), the phase before
  the calendar's own and `AFTER` after it, so today's phase and its neighbours show;
- every other phase as one counted line per run it leaves out (core/dashboard.py
  counts each run's phases and milestones by state, render/status.py writes them).

The overdue phases lie between the two places: the oldest and the newest show, the
ones in between are counted as overdue. So a window is at most
`BEFORE + 1 + AFTER` + `1 + 1 + AFTER` = 11 rows, whatever the plan's size, and the
dashboard's view and drawing do work in proportion to what it shows.

Why 12: a window shows up to 11 rows and counted lines around them, so on a plan of
twelve phases or fewer it would hide at most a row or two behind a line saying so;
above it, every phase more is a row saved.
"""

from __future__ import annotations

WINDOW_FROM = 12  # plans with more phases than this show a window
BEFORE = 2  # phases shown before the learner's place
AFTER = 3  # phases shown after the learner's place (and after the calendar's)


def learner_at(states: list[str]) -> int:
    """The position of the first phase not done (nor skipped): where the learner is;
    the last phase once all are done."""
    for i, state in enumerate(states):
        if state not in ("done", "skipped"):
            return i
    return max(len(states) - 1, 0)


def shown(count: int, here: int, calendar: int) -> list[int]:
    """The positions shown of `count` phases, in order: all of them up to
    `WINDOW_FROM`, else around `here` (the learner's place) and, when the calendar's
    phase lies beyond it, around `calendar`."""
    if count <= WINDOW_FROM:
        return list(range(count))
    keep = set(range(max(here - BEFORE, 0), min(here + AFTER + 1, count)))
    if calendar > here:
        keep.update(range(max(calendar - 1, 0), min(calendar + AFTER + 1, count)))
    return sorted(keep)


def hidden_runs(positions: list[int], count: int) -> list[tuple[int, int, int]]:
    """The runs of phases left out, as (the index in `positions` they come before,
    first position, last position); a run after the last shown comes before
    `len(positions)`."""
    runs: list[tuple[int, int, int]] = []
    prev = -1
    for k, pos in enumerate(positions):
        if pos > prev + 1:
            runs.append((k, prev + 1, pos - 1))
        prev = pos
    if prev < count - 1:
        runs.append((len(positions), prev + 1, count - 1))
    return runs

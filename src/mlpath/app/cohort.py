"""`mlpath cohort`: a class's progress from the learners' `export json --share` files.

Each file is read as data from someone else: bounded in size, checked before use,
and refused (one sentence, the others still read) when it is not an mlpath export
or comes from a newer schema. Each learner is shown as of the day their file was
made (its `today`), with the figures their own `next --json` showed that day.
Two files of one learner (schema 3's learner id) count once: the one with the
later last activity, then the later day, wins.
"""

from __future__ import annotations

import json
import math
import os
from datetime import date
from fractions import Fraction
from pathlib import Path

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

MAX_BYTES = 8 * 1024 * 1024  # a share export of the biggest roadmap is ~100 kB
NEWEST_SCHEMA = 3
SORT_FIELDS = ("behind", "name", "roadmap", "done", "idle", "due", "practice")
PACE_STATES = ("not-started", "on-track", "ahead", "behind", "finished")


class Refused(Exception):
    """A file cohort will not read: its message is the one sentence shown."""


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def pace_label(status: str, days: int) -> str:
    """The pace as `next` words it, rebuilt from the figures (never the file's text)."""
    if status == "behind":
        return f"behind by {_days(days)}"
    if status == "ahead":
        return f"ahead by {_days(days)}"
    return {"on-track": "on track", "not-started": "not started yet"}.get(status, status)


def _date(v: Any) -> date | None:
    if v is None:
        return None
    if not isinstance(v, str):
        raise TypeError("date")
    return date.fromisoformat(v)


def _fraction(v: Any) -> Fraction:
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        raise TypeError("number")
    return Fraction(str(v))


def _text(v: Any) -> str:
    if not isinstance(v, str):
        raise TypeError("text")
    return v


def _finite(v: Any) -> float | int | None:
    """A number the JSON output can carry (NaN and Infinity are not JSON), else None."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return None
    return v if math.isfinite(v) else None


def row_of(doc: Any, path: Path) -> dict[str, Any]:
    """One learner's row; Refused when the document is not a readable export."""
    from mlpath.core.dashboard import percent

    name = path.name
    if not isinstance(doc, dict) or not str(doc.get("generator", "")).startswith("mlpath"):
        raise Refused(f"{name} is not an mlpath export (`mlpath export json --share`).")
    schema = doc.get("schema")
    if isinstance(schema, bool) or not isinstance(schema, int) or schema < 1:
        raise Refused(f"{name} is not an mlpath export: it has no schema number.")
    if schema > NEWEST_SCHEMA:
        raise Refused(
            f"{name} comes from a newer mlpath (export schema {schema}); update mlpath to read it."
        )
    if schema < 2:
        raise Refused(f"{name} is an export from mlpath 0.2 or older; export it again.")
    try:
        today = _date(doc["today"])
        plan, prog = doc["plan"], doc["progress"]
        pace = prog["pace"]
        status, days = _text(pace["status"]), pace["days"]
        if status not in PACE_STATES or isinstance(days, bool) or not isinstance(days, int):
            raise ValueError("pace")
        total = _fraction(plan["total_hours"])
        completed = _fraction(prog["completed_hours"])
        active: list[date] = []
        for it in doc["items"]:
            on = _date(it.get("done_on"))
            if on is not None:
                active.append(on)
        for log in doc["logs"]:
            on = _date(log["on"])
            if on is not None:
                active.append(on)
        last = max((d for d in active if today is None or d <= today), default=None)
        ms = prog["next_milestone"]
        milestone = None
        if ms is not None:
            left = ms["days_left"]
            if left is not None and (isinstance(left, bool) or not isinstance(left, int)):
                raise ValueError("days_left")
            milestone = {
                "id": _text(ms["id"]),
                "title": _text(ms["title"]),
                "due": None if ms["due"] is None else _date(ms["due"]).isoformat(),  # type: ignore[union-attr]
                "days_left": left,
            }
        tp = doc.get("theory_practice")
        share = None
        if isinstance(tp, dict):
            theory, practice = _fraction(tp["theory_hours"]), _fraction(tp["practice_hours"])
            if theory + practice > 0:
                share = round(float(practice / (theory + practice)) * 100, 1)
        learner = doc.get("learner")
        nick = doc.get("name")
        row = {
            "name": nick if isinstance(nick, str) and nick.strip() else path.stem,
            "learner": learner if isinstance(learner, str) and learner else None,
            "file": name,
            "schema": schema,
            "today": today.isoformat() if today else None,
            "roadmap": _text(plan["roadmap"]),
            "level": _text(plan["level"]),
            "percent": percent(completed, total),
            "completed_hours": float(completed),
            "total_hours": float(total),
            "pace": {"status": status, "days": abs(days), "label": pace_label(status, abs(days))},
            "last_activity": last.isoformat() if last else None,
            "idle_days": (today - last).days if today and last else None,
            "next_milestone": milestone,
            "practice_share": share,
            "tspi": _finite(doc.get("tspi")),
        }
    # OverflowError: a number too big for a float (JSON has no bound on digits)
    except (KeyError, TypeError, ValueError, AttributeError, ArithmeticError):
        raise Refused(
            f"{name} is not an mlpath export: a field it needs is missing or wrong."
        ) from None
    return row


def read_one(path: Path) -> dict[str, Any]:
    try:
        info = path.stat()
        if info.st_size > MAX_BYTES:
            raise Refused(
                f"{path.name} is over 8 MB ({info.st_size // (1024 * 1024)} MB): "
                "not an export mlpath writes."
            )
        with path.open("rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise Refused(f"Cannot read {path.name}: {exc.strerror or exc}.") from None
    if len(raw) > MAX_BYTES:
        raise Refused(f"{path.name} is over 8 MB: not an export mlpath writes.")
    try:
        doc = json.loads(raw.decode("utf-8"))
    except RecursionError:  # JSON, but no export of mlpath's nests like that
        raise Refused(f"{path.name} is not an mlpath export: it nests too deeply.") from None
    except (UnicodeDecodeError, ValueError):
        raise Refused(f"{path.name} is not an mlpath export: it is not JSON.") from None
    return row_of(doc, path)


def expand(paths: list[str]) -> tuple[list[Path], list[dict[str, str]]]:
    """Files named and the *.json files of folders named; (files, refusals)."""
    files: list[Path] = []
    refused: list[dict[str, str]] = []
    for arg in paths:
        p = Path(os.path.expanduser(arg))
        if p.is_dir():
            found = sorted(c for c in p.iterdir() if c.suffix == ".json" and c.is_file())
            if not found:
                refused.append({"file": arg, "reason": f"{arg} has no .json files."})
            inside = p.resolve()
            for c in found:
                # a shared folder may bring a link to any of the reader's files: read only
                # what is in the folder named
                if c.is_symlink() and not c.resolve().is_relative_to(inside):
                    refused.append(
                        {
                            "file": str(c),
                            "reason": f"{c.name} is a link to a file outside {arg}; "
                            "name that file itself to read it.",
                        }
                    )
                else:
                    files.append(c)
        elif p.is_file():
            files.append(p)
        else:
            refused.append({"file": arg, "reason": f"{arg} does not exist."})
    return files, refused


def _behind_key(r: dict[str, Any]) -> tuple[Any, ...]:
    pace = r["pace"]
    lag = {"behind": pace["days"], "ahead": -pace["days"], "finished": -(10**6)}.get(
        pace["status"], 0
    )
    return (-lag, r["percent"], r["name"].casefold(), r["file"])


def sort_rows(rows: list[dict[str, Any]], field: str) -> list[dict[str, Any]]:
    """Ties end on the name, then the file's name: the same files in any order (of the
    command line, of a folder) give the same table."""
    keys = {
        "behind": _behind_key,
        "name": lambda r: (r["name"].casefold(), r["file"]),
        "roadmap": lambda r: (r["roadmap"], r["level"], r["name"].casefold(), r["file"]),
        "done": lambda r: (r["percent"], r["name"].casefold(), r["file"]),
        "idle": lambda r: (
            r["idle_days"] is None,
            -(r["idle_days"] or 0),
            r["name"].casefold(),
            r["file"],
        ),
        "due": lambda r: (
            r["next_milestone"] is None or r["next_milestone"]["due"] is None,
            (r["next_milestone"] or {}).get("due") or "",
            r["name"].casefold(),
            r["file"],
        ),
        "practice": lambda r: (
            r["practice_share"] is None,
            r["practice_share"] or 0.0,
            r["name"].casefold(),
            r["file"],
        ),
    }
    return sorted(rows, key=keys[field])


def check_sort(field: str | None) -> str:
    from mlpath.errors import UsageError

    field = (field or "behind").lower()
    if field not in SORT_FIELDS:
        raise UsageError(
            f"--sort {field}: not a field to sort by.", f"Use {', '.join(SORT_FIELDS)}."
        )
    return field


def cohort(paths: list[str], *, sort: str = "behind") -> dict[str, Any]:
    """The class view: learners (one row each) and the files refused, with why."""
    from mlpath import __version__

    files, refused = expand(paths)
    seen: set[Path] = set()
    by_learner: dict[str, dict[str, Any]] = {}
    rows: list[dict[str, Any]] = []
    dropped: dict[str, list[str]] = {}  # learner id: their other files, not shown
    for path in files:
        real = path.resolve()
        if real in seen:  # a file named twice (or by its folder too) is one file
            continue
        seen.add(real)
        try:
            row = read_one(path)
        except Refused as exc:
            refused.append({"file": str(path), "reason": str(exc)})
            continue
        if row["learner"] is None:
            rows.append(row)
            continue
        other = by_learner.get(row["learner"])

        def recency(r: dict[str, Any]) -> tuple[str, str, str]:
            return (r["last_activity"] or "", r["today"] or "", r["file"])

        if other is None or recency(row) > recency(other):
            by_learner[row["learner"]] = row
        if other is not None:  # said, not silent: two people sharing one state vanish else
            gone = other if by_learner[row["learner"]] is row else row
            dropped.setdefault(row["learner"], []).append(gone["file"])
    rows += by_learner.values()
    return {
        "generator": f"mlpath {__version__}",
        "sort": sort,
        "learners": sort_rows(rows, sort),
        "refused": refused,
        "counted_once": [
            {"file": f, "shown": by_learner[who]["file"]}
            for who, files in dropped.items()
            for f in files
        ],
    }

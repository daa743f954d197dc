"""Other copies of the state: conflict copies that sync tools leave beside it, and
the two sides of a git conflict inside state.json.

When two machines change a synced state.json before syncing, the sync tool
keeps both, naming the second after its own convention:
- Syncthing: `state.sync-conflict-20270110-101010-ABCDEFG.json` (date, time,
  the first 7 characters of the device that changed it);
- Dropbox: `state (Laptop's conflicted copy 2027-01-10).json`, maybe with a
  ` (1)` counter inside the brackets;
- Nextcloud: `state (conflicted copy 2027-01-10 101010).json`; ownCloud and
  older Nextcloud clients: `state_conflict-20270110-101010.json`;
- OneDrive: the computer's name after a dash, `state-DESKTOP-1A2B3C.json`.

Finding them costs one directory listing (`next` notices them on every run).
"""

from __future__ import annotations

import os
import re

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

_PATTERNS = (
    re.compile(
        r"\Astate\.sync-conflict-(?P<day>\d{8})-(?P<time>\d{6})-(?P<device>[A-Z0-9]+)\.json\Z"
    ),
    re.compile(
        r"\Astate \((?P<who>.+)'s conflicted copy(?: (?P<day>\d{4}-\d{2}-\d{2}))?"
        r"(?: \(\d+\))?\)\.json\Z"
    ),
    re.compile(r"\Astate \(conflicted copy(?: (?P<day>\d{4}-\d{2}-\d{2})[^)]*)?\)\.json\Z"),
    re.compile(r"\Astate_conflict-(?P<day>\d{8})-(?P<time>\d{6})\.json\Z"),
    re.compile(r"\Astate-(?P<who>[A-Za-z0-9][A-Za-z0-9_-]*)\.json\Z"),
)


def copy_label(name: str) -> str | None:
    """How a conflict copy is named to the learner ("Laptop's copy"), or None when
    `name` is not a conflict copy of state.json."""
    for pattern in _PATTERNS:
        m = pattern.match(name)
        if m is None:
            continue
        found = m.groupdict()
        if found.get("who"):
            return f"{found['who']}'s copy"
        if found.get("device"):
            return f"the copy from device {found['device']}"
        if found.get("day"):
            day = found["day"]
            if len(day) == 8:
                day = f"{day[:4]}-{day[4:6]}-{day[6:]}"
            return f"the conflicted copy of {day}"
        return "the conflicted copy"
    return None


def copies_dir(home: str | os.PathLike[str]) -> str:
    """Where a sync tool leaves the conflict copies: beside state.json itself, which for
    a state.json that is a link (into a synced folder) is the folder the link leads to."""
    state = os.path.join(home, "state.json")
    if os.path.islink(state):
        return os.path.dirname(os.path.realpath(state))
    return os.fspath(home)


def conflict_copies(home: str | os.PathLike[str]) -> list[str]:
    """The names of the conflict copies beside the state (`copies_dir`), sorted (one
    directory listing)."""
    try:
        names = os.listdir(copies_dir(home))
    except OSError:
        return []
    return sorted(
        n
        for n in names
        if n.startswith("state") and n.endswith(".json") and n != "state.json" and copy_label(n)
    )


def has_git_conflict(raw: bytes) -> bool:
    """git's three markers, each at the start of a line (one stray `<<<<<<< ` in a
    damaged file is damage, not a conflict)."""
    starts = raw.startswith(b"<<<<<<< ") or b"\n<<<<<<< " in raw
    return starts and b"\n=======\n" in raw and b"\n>>>>>>> " in raw


def git_conflict_sides(raw: bytes) -> tuple[bytes, bytes, str] | None:
    """The two files a git conflict in state.json stands for: (ours, theirs, the name
    git gave theirs), or None without conflict markers.

    state.json holds one event per line, so each side of every conflict block is
    whole events; the lines outside the blocks belong to both sides. A diff3
    block's base section (`|||||||`) belongs to neither.
    """
    if not has_git_conflict(raw):
        return None
    ours: list[bytes] = []
    theirs: list[bytes] = []
    mode = ""
    name = ""
    for line in raw.splitlines(keepends=True):
        if line.startswith(b"<<<<<<<") and not mode:
            mode = "ours"
        elif line.startswith(b"|||||||") and mode == "ours":
            mode = "base"
        elif line.startswith(b"=======") and mode in ("ours", "base"):
            mode = "theirs"
        elif line.startswith(b">>>>>>>") and mode == "theirs":
            mode = ""
            name = line[7:].strip().decode("utf-8", "replace")
        elif not mode:
            ours.append(line)
            theirs.append(line)
        elif mode == "ours":
            ours.append(line)
        elif mode == "theirs":
            theirs.append(line)
    if mode:
        return None  # an unfinished block: not git's doing
    return b"".join(ours), b"".join(theirs), name


def aside_path(folder: Path, name: str) -> Path:
    """A free name for `name` in `folder` (`x.json`, then `x.1.json`, ...)."""
    target = folder / name
    stem, dot, ext = name.rpartition(".")
    n = 0
    while target.exists():
        n += 1
        target = folder / (f"{stem}.{n}.{ext}" if dot else f"{name}.{n}")
    return target

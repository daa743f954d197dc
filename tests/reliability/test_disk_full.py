"""3. Disk full and I/O errors: a failed save changes nothing.

OSError(ENOSPC) or OSError(EIO) is injected at the k-th open, write, fsync or
rename that touches the state folder, for every k until the command gets
through, once (a passing glitch) and from k on (a disk that stays full). Each
time: exit 1, one line on stderr naming the file and the cause, state.json
byte-identical, no temp file left; then the same command without faults works.
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from reliability_support import (
    TODAY,
    Figures,
    crashed,
    events_of,
    invoke,
    make_real_state,
    temps,
)

import mlpath.store.state as storage

if not os.path.isdir("/proc/self/fd"):  # Faults tells which file an fd is through /proc
    pytest.skip("needs /proc/self/fd (Linux)", allow_module_level=True)

COMMANDS = [
    ["log", "1", "--note", "x"],
    ["done", "linear-algebra"],
    ["undo"],
    ["replan", "--hours", "20"],
    ["plan", "-r", "beginner", "--force"],
]
FUNCTIONS = ["_open", "_write", "_fsync", "_replace"]
ERRORS = {errno.ENOSPC: "the disk is full", errno.EIO: "an I/O error occurred"}


class Faults:
    """Fail the k-th call of one storage function that touches `home` (and later ones)."""

    def __init__(self, home: Path, name: str, k: int, err: int, persistent: bool) -> None:
        self.home = home.resolve()
        self.name, self.k, self.err, self.persistent = name, k, err, persistent
        self.calls = self.fired = 0

    def _touches(self, target: Any) -> bool:
        if isinstance(target, int):  # a file descriptor: which file is it?
            try:
                target = os.readlink(f"/proc/self/fd/{target}")
            except OSError:
                return False
        p = Path(os.fsdecode(target)).resolve()
        return p == self.home or p.parent == self.home

    def wrap(self, real: Callable[..., Any]) -> Callable[..., Any]:
        def faulty(*args: Any) -> Any:
            target = args[1] if self.name == "_replace" else args[0]
            if self._touches(target):
                self.calls += 1
                if self.calls == self.k or (self.persistent and self.calls > self.k):
                    self.fired += 1
                    raise OSError(self.err, os.strerror(self.err))
            return real(*args)

        return faulty


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    home = tmp_path_factory.mktemp("template")
    os.environ["MLPATH_TODAY"] = TODAY
    try:
        make_real_state(home)
    finally:
        del os.environ["MLPATH_TODAY"]
    yield home


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MLPATH_TODAY", TODAY)


def _fresh(template: Path, home: Path) -> None:
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    for name in ("state.json", "state.json.bak"):
        shutil.copy2(template / name, home / name)


def _run_with(
    monkeypatch: pytest.MonkeyPatch, faults: Faults | None, home: Path, args: list[str]
) -> Any:
    with monkeypatch.context() as m:
        if faults is not None:
            m.setattr(storage, faults.name, faults.wrap(getattr(storage, faults.name)))
        return invoke(["--home", str(home), *args])


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_injected_io_errors_change_nothing(
    args: list[str],
    template: Path,
    isolated: Path,
    monkeypatch: pytest.MonkeyPatch,
    figures: Figures,
) -> None:
    state = isolated / "state.json"
    cases = changed = tracebacks = 0
    for name in FUNCTIONS:
        for err, reason in ERRORS.items():
            for persistent in (False, True):
                k = 1
                while True:
                    _fresh(template, isolated)
                    before = state.read_bytes()
                    faults = Faults(isolated, name, k, err, persistent)
                    result = _run_with(monkeypatch, faults, isolated, args)
                    where = (name, errno.errorcode[err], k, persistent)
                    if not faults.fired:  # k is past the last call: the command got through
                        assert result.exit_code == 0, (where, result.stderr)
                        assert state.read_bytes() != before
                        break
                    cases += 1
                    changed += state.read_bytes() != before
                    tracebacks += crashed(result)
                    assert result.exit_code == 1, (where, result.stdout, result.stderr)
                    lines = result.stderr.strip().splitlines()
                    assert len(lines) == 1, (where, result.stderr)
                    assert lines[0].startswith(f"Error: Could not save {state}: {reason}")
                    assert state.read_bytes() == before, where
                    assert temps(isolated) == [], where
                    assert events_of(isolated / "state.json.bak")  # the backup still parses
                    k += 1
    figures.add("changed files after I/O errors", changed, cases)
    figures.add("tracebacks", tracebacks, cases)
    figures.note(
        f"I/O errors: `{args[0]}` with ENOSPC/EIO at every k-th open/write/fsync/rename "
        f"(once and persistent): {cases} failed saves, {changed} changed the file"
    )
    assert cases >= 40


def test_catches_a_save_that_is_not_atomic(
    template: Path, isolated: Path, monkeypatch: pytest.MonkeyPatch, figures: Figures
) -> None:
    """The check above can fail: writing in place under a full disk damages the file."""
    _fresh(template, isolated)
    state = isolated / "state.json"
    before = state.read_bytes()
    monkeypatch.setattr(storage, "_in_place", True)
    # writes 1-2 fill the backup, write 3 is the first half of state.json
    result = _run_with(
        monkeypatch, Faults(isolated, "_write", 3, errno.ENOSPC, True), isolated, COMMANDS[0]
    )
    assert result.exit_code == 1
    figures.note(
        "self-check: an in-place save that hits a full disk leaves the file "
        + ("changed" if state.read_bytes() != before else "unchanged")
    )
    assert state.read_bytes() != before

"""1. Concurrency: many real mlpath processes writing one state file lose nothing.

20 rounds of 50 processes started at once, half `done ITEM`, half `log 0.25`,
each with a unique --note; afterwards every note must be in the file exactly
once. The rounds run through driver.py (one forked process per command, see
its docstring); one more round runs 50 `python -m mlpath` interpreters.
With the lock disabled (MLPATH_TEST_NO_LOCK=1) the same check finds losses.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from reliability_support import (
    TODAY,
    Figures,
    events_of,
    item_ids,
    mlpath_env,
    run_mlpath,
    temps,
)

ROUNDS = 20
PROCS = 50


@pytest.fixture(autouse=True)
def _today(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MLPATH_TODAY", TODAY)


ROADMAP = "practical"
PLAN = ["plan", "-r", ROADMAP, "--level", "advanced", "--hours", "100", "--start", "2027-01-04"]


def _round_commands(r: int, ids: list[str]) -> tuple[list[list[str]], set[str]]:
    """PROCS commands: `done` for every topic and project of the roadmap, `log` for the rest."""
    argvs, notes = [], set()
    for i in range(PROCS):
        note = f"r{r}-p{i}"
        notes.add(note)
        if i % 3 == 0 and i // 3 < len(ids):
            argvs.append(["done", ids[i // 3], "--note", note])
        else:
            argvs.append(["log", "0.25", "--note", note])
    return argvs, notes


@pytest.fixture
def ram_home(isolated: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A state folder in RAM (/dev/shm) when there is one, else the test's own folder.

    The rounds test the lock and the re-read, which behave the same on tmpfs;
    there fsync costs nothing, so 1,000 saves fit in seconds instead of a minute
    of waiting for the disk. The single-round test below uses the real disk.
    """
    shm = Path("/dev/shm")
    if not (shm.is_dir() and os.access(shm, os.W_OK)):
        yield isolated
        return
    home = Path(tempfile.mkdtemp(prefix="mlpath-concurrency-", dir=shm))
    monkeypatch.setenv("MLPATH_HOME", str(home))
    try:
        yield home
    finally:
        shutil.rmtree(home, ignore_errors=True)


def _losses(state: Path, expected: set[str]) -> tuple[int, int]:
    """(notes missing from the file, notes recorded more than once)."""
    seen = Counter(e.get("note") for e in events_of(state))
    missing = sum(1 for n in expected if seen[n] == 0)
    doubled = sum(seen[n] - 1 for n in expected if seen[n] > 1)
    return missing, doubled


def _run_rounds(driver: Any, rounds: int, extra: dict[str, str]) -> tuple[set[str], list[int]]:
    ids = item_ids(ROADMAP)
    expected: set[str] = set()
    statuses: list[int] = []
    for r in range(rounds):
        # A fresh plan each round, so the same items can be done again.
        assert driver.run([*PLAN, "--force"]) == 0
        argvs, notes = _round_commands(r, ids)
        expected |= notes
        statuses += driver.batch(argvs, extra)
    return expected, statuses


def test_concurrent_writers_lose_nothing(
    driver: Any, ram_home: Path, tmp_path: Path, figures: Figures
) -> None:
    waits = tmp_path / "lock-waits.txt"
    expected, statuses = _run_rounds(driver, ROUNDS, {"MLPATH_TEST_REPORT_LOCK_WAIT": str(waits)})
    missing, doubled = _losses(ram_home / "state.json", expected)
    wait_values = [float(x) for x in waits.read_text().split()]
    figures.add("lost updates", missing + doubled, len(expected))
    figures.maximum("max lock wait", max(wait_values))
    figures.note(
        f"concurrency: {ROUNDS} rounds x {PROCS} forked mlpath processes (done + log): "
        f"{missing} lost, {doubled} doubled, {sum(s != 0 for s in statuses)} failed; "
        f"lock waits: {len(wait_values)}, max {max(wait_values):.3f} s"
    )
    assert statuses == [0] * len(statuses), driver.errors()
    assert (missing, doubled) == (0, 0)
    assert len(expected) == ROUNDS * PROCS
    assert temps(ram_home) == []


def test_real_interpreters_lose_nothing(isolated: Path, figures: Figures) -> None:
    """One round through `python -m mlpath` itself: 50 fresh interpreters at once."""
    env = mlpath_env(isolated)
    assert run_mlpath(PLAN, env).returncode == 0
    argvs, expected = _round_commands(0, item_ids(ROADMAP))
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "mlpath", *argv],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for argv in argvs
    ]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    codes = [p.returncode for p in procs]
    missing, doubled = _losses(isolated / "state.json", expected)
    figures.add("lost updates", missing + doubled, len(expected))
    figures.note(
        f"concurrency: 1 round x {PROCS} `python -m mlpath` interpreters: {missing} lost, "
        f"{doubled} doubled"
    )
    assert codes == [0] * PROCS, [e for e in errors if e]
    assert (missing, doubled) == (0, 0)


def test_catches_lost_updates_without_the_lock(
    driver: Any, isolated: Path, figures: Figures
) -> None:
    """The check above can fail: with locking disabled it finds lost updates."""
    lost = tried = 0
    rounds = 0
    for _ in range(3):  # a race; one round of 50 virtually always loses some
        rounds += 1
        expected, _ = _run_rounds(driver, 1, {"MLPATH_TEST_NO_LOCK": "1"})
        missing, doubled = _losses(isolated / "state.json", expected)
        lost, tried = missing + doubled, len(expected)
        if lost:
            break
        (isolated / "state.json").unlink()
    figures.note(
        f"self-check: with locking disabled, lost updates {lost} of {tried} (caught after "
        f"{rounds} round(s))"
    )
    assert lost > 0


def test_lock_is_released_when_its_holder_is_killed(
    driver: Any, isolated: Path, figures: Figures
) -> None:
    assert driver.run(["plan", "-r", "practical", "--start", "2027-01-04"]) == 0
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\n"
            "from mlpath.store.state import store_for\n"
            "with store_for().transaction() as state:\n"
            "    print('held', flush=True)\n"
            "    time.sleep(120)\n",
        ],
        env=mlpath_env(isolated),
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    from mlpath.store.state import Store

    lock = Store(isolated).lock_path  # outside the home: store/local.py
    assert not (isolated / "state.json.lock").exists()

    assert Store(isolated).lock_holder() == holder.pid  # doctor can say who holds it
    fd = os.open(lock, os.O_RDONLY)
    try:
        with pytest.raises(BlockingIOError):
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # free again at once
        fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)
    assert Store(isolated).lock_holder() is None
    # Also killed inside mlpath's own save, right after taking the lock:
    assert driver.run(["log", "1", "--note", "killed"], {"MLPATH_TEST_CRASH_AT": "locked"}) == -9
    assert driver.run(["log", "1", "--note", "after"]) == 0
    notes = [e.get("note") for e in events_of(isolated / "state.json")]
    assert "after" in notes and "killed" not in notes
    figures.note("lock: released at once when its holder was SIGKILLed (2 of 2 cases)")

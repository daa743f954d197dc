"""One real-terminal run of the app: tmux starts it, waits for today's item,
presses d then q, and the state file holds the tick. Skipped without tmux.
It runs `python -m mlpath ui`, the command as a learner types it.

Its own tmux server (-L), so no one's sessions are touched. The waits are
bounded loops on what the screen and the file show, not timings.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from uisample import TODAY, make_sample

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]


def wait_for(cond: object, what: str, tries: int = 300) -> None:
    for _ in range(tries):
        if cond():  # type: ignore[operator]
            return
        time.sleep(0.1)
    raise AssertionError(f"gave up waiting for {what}")


def test_ui_in_a_real_terminal(isolated: Path, tmp_path: Path) -> None:
    make_sample(isolated)
    sock = f"mlpath-test-{os.getpid()}"
    env = {
        "MLPATH_HOME": str(isolated),
        "MLPATH_TODAY": TODAY.isoformat(),
        "MLPATH_CONFIG_DIR": os.environ["MLPATH_CONFIG_DIR"],
        "MLPATH_CACHE_DIR": os.environ["MLPATH_CACHE_DIR"],
        "TERM": "xterm-256color",
    }
    command = ["env", *(f"{k}={v}" for k, v in env.items()), sys.executable, "-m", "mlpath", "ui"]

    def tmux(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-L", sock, "-f", os.devnull, *args],
            capture_output=True,
            text=True,
            check=False,
        )

    def screen() -> str:
        return tmux("capture-pane", "-p", "-t", "ui").stdout

    started = tmux("new-session", "-d", "-s", "ui", "-x", "100", "-y", "30", *command)
    assert started.returncode == 0, started.stderr
    try:
        wait_for(lambda: "Overfitting & Regularization" in screen(), "today's item on screen")
        tmux("send-keys", "-t", "ui", "d")

        def ticked() -> bool:
            events = json.loads((isolated / "state.json").read_text(encoding="utf-8"))["events"]
            return bool(events[-1]["type"] == "done" and events[-1]["item"] == "regularization")

        wait_for(ticked, "the done event in state.json")
        wait_for(lambda: "Done: Overfitting & Regularization" in screen(), "the app's message")
        tmux("send-keys", "-t", "ui", "q")
        wait_for(lambda: tmux("has-session", "-t", "ui").returncode != 0, "the app to quit")
    finally:
        tmux("kill-server")
    events = json.loads((isolated / "state.json").read_text(encoding="utf-8"))["events"]
    assert (events[-1]["type"], events[-1]["item"], events[-1]["on"]) == (
        "done",
        "regularization",
        TODAY.isoformat(),
    )

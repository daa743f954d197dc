"""A newcomer's mistakes on a real terminal: each ends in one sentence saying what is
wrong and what to do, exit 1 or 2, and nothing written (PRODUCT.md: "errors on stderr
in one plain sentence plus what to do, never a traceback; exit 0 ok, 1 failure, 2
usage")."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from clirun import Cli

pty = pytest.importorskip("pty")


def _on_a_terminal(
    args: list[str], env: dict[str, str], wait_for: bytes, keys: bytes
) -> tuple[int, str]:
    """Run `python -m mlpath ARGS` on a pseudo-terminal, type `keys` once `wait_for` is
    on the screen, and return its exit code and everything it wrote."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: mlpath itself, the terminal its stdin, stdout and stderr
        os.execve(sys.executable, [sys.executable, "-m", "mlpath", *args], env)
    out = b""
    typed = False
    while True:
        if not select.select([fd], [], [], 120)[0]:  # a guard against a hang, not a timing
            os.kill(pid, signal.SIGKILL)
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the child has gone: the terminal is closed
            break
        if not chunk:
            break
        out += chunk
        if not typed and wait_for in out:
            os.write(fd, keys)
            typed = True
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), out.decode(errors="replace")


@pytest.mark.slow  # a real terminal and a real signal, as the tmux runs
def test_ctrl_c_at_did_you_mean_changes_nothing_and_says_so(tmp_path: Path) -> None:
    """Ctrl-C at `done`'s "did you mean" question is no answer, as Enter is and as Ctrl-C
    at every other question is: "Nothing was changed", exit 2. It ended in a bare
    "Interrupted." with exit 130."""
    env = {
        **os.environ,
        "MLPATH_HOME": str(tmp_path / "home"),
        "MLPATH_CONFIG_DIR": str(tmp_path / "config"),
        "MLPATH_TODAY": "2027-01-04",
        "COLUMNS": "80",
    }
    made = subprocess.run(
        [sys.executable, "-m", "mlpath", "plan"], env=env, capture_output=True, timeout=120
    )
    assert made.returncode == 0, made.stderr
    state = tmp_path / "home" / "state.json"
    before = state.read_bytes()
    code, screen = _on_a_terminal(["done", "supervised-lerning"], env, b"Enter for none:", b"\x03")
    assert code == 2, screen
    assert "Nothing was changed" in screen
    assert "supervised-learning" in screen  # what to type instead
    assert "Interrupted" not in screen
    assert state.read_bytes() == before


@pytest.mark.parametrize(
    ("days", "says"),
    [
        # every day: the week's 100 h is the limit, so more study days cannot help
        ((), "leave out what you know (--skip)"),
        # two days a week: 24 h a study day is the limit, and another day helps
        (("--days", "mon,wed"), "add study days"),
    ],
)
def test_finish_by_out_of_reach_says_a_way_that_helps(
    cli: Cli, days: tuple[str, ...], says: str
) -> None:
    got = cli("plan", "-n", "--finish-by", "2027-02-01", *days, today="2027-01-04")
    assert got.exit_code == 2
    assert "earliest finish reachable" in got.stderr
    assert says in got.stderr
    assert ("add study days" in got.stderr) == (says == "add study days")


def test_assess_apply_refused_suggests_a_plan_command_that_runs(cli: Cli) -> None:
    """`assess --apply` off a terminal over a plan with progress is refused and says the
    plan command to run later: that command must replace the plan when run (it lacked
    `--force`, so it was refused in its turn)."""
    import shlex

    assert cli("plan", today="2027-01-04").exit_code == 0
    assert cli("log", "1", today="2027-01-04").exit_code == 0
    refused = cli("assess", "--apply", today="2027-01-04", input="y\n" * 19)
    assert refused.exit_code == 1
    later = refused.stderr.split("or later: ", 1)[1].strip()
    words = shlex.split(later)
    assert words[0] == "mlpath"
    ran = cli(*words[1:], today="2027-01-04")
    assert ran.exit_code == 0, ran.output
    assert "--level advanced" in later  # the assessment's plan, not the current one
    assert "advanced" in cli("status", today="2027-01-04").stdout.splitlines()[1]


def test_doctor_restore_with_no_answer_says_how_to_restore(cli: Cli, tmp_path: Path) -> None:
    """`doctor --restore` from a script whose stdin is empty gets no answer: nothing is
    changed, and the message says how to restore without the question (`--yes`) on a
    line of its own, not glued to the unanswered question."""
    home = tmp_path / "home"
    env = {"MLPATH_HOME": str(home)}
    assert cli("plan", today="2027-01-04", env=env).exit_code == 0
    assert cli("log", "1", today="2027-01-04", env=env).exit_code == 0
    state = home / "state.json"
    state.write_bytes(state.read_bytes()[:100])  # truncated
    before = state.read_bytes()
    got = cli("doctor", "--restore", today="2027-01-04", input="", env=env)
    assert got.exit_code == 1
    assert "--restore --yes" in got.stderr
    assert any(line.startswith("Nothing was changed") for line in got.stderr.splitlines())
    assert state.read_bytes() == before

"""Fixtures of the reliability suite and the figures it prints at the end of the run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from reliability_support import HERE, Figures

FIGURES = Figures()

# fork, flock, SIGKILL and mkfifo: the suite needs a POSIX system.
collect_ignore_glob = ["test_*.py"] if sys.platform == "win32" else []


@pytest.fixture
def figures() -> Figures:
    return FIGURES


@pytest.fixture(autouse=True)
def _no_stray_test_hooks(monkeypatch: pytest.MonkeyPatch) -> None:
    """Child processes get only the test hooks a test asks for."""
    for var in ("MLPATH_TEST_NO_LOCK", "MLPATH_TEST_IN_PLACE", "MLPATH_TEST_REPORT_LOCK_WAIT"):
        monkeypatch.delenv(var, raising=False)


class Driver:
    """Client of driver.py: real mlpath commands in forked processes."""

    def __init__(self, errdir: Path) -> None:
        self.errdir = errdir
        env = {k: v for k, v in os.environ.items() if not k.startswith("MLPATH_")}
        env["MLPATH_DRIVER_ERRDIR"] = str(errdir)
        self.proc = subprocess.Popen(
            [sys.executable, str(HERE / "driver.py")],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )

    def _ask(self, req: dict[str, Any]) -> dict[str, Any]:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(json.dumps(req) + "\n")
        self.proc.stdin.flush()
        line = self.proc.stdout.readline()
        if not line:
            raise RuntimeError("the driver died")
        reply: dict[str, Any] = json.loads(line)
        return reply

    @staticmethod
    def env(extra: dict[str, str] | None = None) -> dict[str, str]:
        """The current test's mlpath folders and date, plus extra variables."""
        env = {k: v for k, v in os.environ.items() if k.startswith("MLPATH_")}
        env.update(extra or {})
        return env

    def batch(self, argvs: list[list[str]], extra: dict[str, str] | None = None) -> list[int]:
        env = self.env(extra)
        reply = self._ask({"op": "batch", "commands": [{"argv": a, "env": env} for a in argvs]})
        status: list[int] = reply["status"]
        return status

    def run(self, argv: list[str], extra: dict[str, str] | None = None) -> int:
        return self.batch([argv], extra)[0]

    def kill(
        self, argv: list[str], after: float, extra: dict[str, str] | None = None
    ) -> dict[str, Any]:
        return self._ask({"op": "kill", "argv": argv, "env": self.env(extra), "after": after})

    def errors(self) -> str:
        return "\n".join(
            f"{p.name}: {p.read_text(errors='replace').strip()}"
            for p in sorted(self.errdir.glob("*.err"))
            if p.stat().st_size
        )

    def close(self) -> None:
        if self.proc.stdin:
            self.proc.stdin.close()
        self.proc.wait(timeout=30)


@pytest.fixture(scope="session")
def driver(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Driver]:
    d = Driver(tmp_path_factory.mktemp("driver-stderr"))
    yield d
    d.close()


def pytest_sessionfinish(session: pytest.Session) -> None:
    # a pytest-xdist worker sends its figures to the controller (tests/conftest.py)
    workeroutput = getattr(session.config, "workeroutput", None)
    if workeroutput is not None:
        workeroutput["mlpath_reliability_figures"] = FIGURES.dump()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    lines = FIGURES.summary()
    if not lines:
        return
    terminalreporter.section("mlpath reliability figures")
    for line in lines:
        terminalreporter.write_line(line)

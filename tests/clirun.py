"""The one way tests reach the real CLI in-process (httpie's tests have `http()`)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from typer.testing import CliRunner


class Cli(Protocol):
    def __call__(
        self,
        *args: str,
        today: object | None = None,
        input: str | None = None,
        env: Mapping[str, str] | None = None,
    ) -> Any: ...


def invoke(
    args: Sequence[str],
    *,
    today: object | None = None,
    input: str | None = None,
    env: Mapping[str, str] | None = None,
) -> Any:
    """The real Typer app in this process; `today` sets MLPATH_TODAY for the run."""
    from mlpath.cli.main import app

    full_env = dict(env or {})
    if today is not None:
        full_env["MLPATH_TODAY"] = str(today)
    return CliRunner().invoke(app, list(args), input=input, env=full_env, prog_name="mlpath")


def traced(
    args: Sequence[str], env: Mapping[str, str | None]
) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """A real `python -X importtime -m mlpath ARGS` process, with `env` over this one's
    environment (None removes a variable): the finished process and the modules it
    imported (what start-up tests look at)."""
    full = {**os.environ, **env}
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "mlpath", *args],
        env={k: v for k, v in full.items() if v is not None},
        capture_output=True,
        text=True,
        timeout=60,
    )
    modules = {
        line.rpartition("|")[2].strip()
        for line in proc.stderr.splitlines()
        if line.startswith("import time:")
    }
    return proc, modules

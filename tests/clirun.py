"""The one way tests reach the real CLI in-process (httpie's tests have `http()`)."""

from __future__ import annotations

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

"""Git for the sync tests: an empty global config, no system config, and one author."""

from __future__ import annotations

from pathlib import Path

import pytest

IDENTITY = {
    "GIT_AUTHOR_NAME": "Ada",
    "GIT_AUTHOR_EMAIL": "ada@example.com",
    "GIT_COMMITTER_NAME": "Ada",
    "GIT_COMMITTER_EMAIL": "ada@example.com",
}


def isolate_git(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, today: str) -> None:
    """This test's git reads no config of the machine's, and mlpath's today is `today`."""
    empty = tmp_path / "gitconfig"
    empty.write_text("")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(empty))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("MLPATH_TODAY", today)
    monkeypatch.delenv("EMAIL", raising=False)
    for k, v in IDENTITY.items():
        monkeypatch.setenv(k, v)

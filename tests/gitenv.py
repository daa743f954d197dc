"""Git for the sync and merge tests: an empty global config, no system config, one
author, and a state.json holding a git conflict as `git pull` leaves it."""

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


def write_git_conflict(desk: Path, laptop: Path) -> str:
    """Make desk's state.json what a conflicted `git pull` of laptop's leaves: the
    lines both share, then both sides between conflict markers. Returns the text."""
    ours = (desk / "state.json").read_text().splitlines(keepends=True)
    theirs = (laptop / "state.json").read_text().splitlines(keepends=True)
    common = 0
    while ours[common] == theirs[common]:
        common += 1
    text = (
        "".join(ours[:common])
        + "<<<<<<< HEAD\n"
        + "".join(ours[common:-1])
        + "=======\n"
        + "".join(theirs[common:-1])
        + ">>>>>>> origin/main\n"
        + ours[-1]
    )
    (desk / "state.json").write_text(text)
    return text

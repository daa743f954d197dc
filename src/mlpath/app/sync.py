"""`mlpath sync`: commit, pull (merging with mlpath's driver) and push, with git.

For an MLPATH_HOME inside a git work tree. mlpath has no network code of its
own: it runs the `git` executable. On every run it makes sure the merge driver
is installed (`.gitattributes` beside the state says `state.json merge=mlpath`;
the repository's config runs this interpreter's mlpath.app.merge_driver), so a
pull merges two machines' events by union instead of conflicting. It commits
state.json and the archive of compacted events (state.json.history/) with a
message listing the new events, fetches, merges the upstream branch, pushes
when there is a remote, and says what came in and what went out.

It holds the state's lock throughout, so no other mlpath changes the state
while git rewrites it. Without git, without a repository or without a git
identity it stops with one sentence; it never invents an identity.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from mlpath.core import merge as mg
from mlpath.core.ledger import describe
from mlpath.errors import MlpathError
from mlpath.store.state import STATE_NAME, Store, parse_state

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

ATTRIBUTE = f"{STATE_NAME} merge=mlpath"
HISTORY = STATE_NAME + ".history"
# committed with the state: its archive, the copies of the user's own roadmaps, git's files
SHARED = (".gitattributes", ".gitignore", HISTORY, "roadmaps")
IGNORED = (STATE_NAME + ".bak", STATE_NAME + ".lock", ".state.json.*.tmp", "merged/")


class Synced:
    __slots__ = ("lines", "view")

    def __init__(self, lines: list[str], view: dict[str, Any]) -> None:
        self.lines = lines
        self.view = view


class Git:
    """The git executable, run in one folder with its output captured."""

    def __init__(self, exe: str, cwd: Path) -> None:
        self.exe = exe
        self.cwd = cwd

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "GIT_MERGE_AUTOEDIT": "no"}
        result = subprocess.run(
            [self.exe, *args],
            cwd=self.cwd,
            env=env,
            capture_output=True,
            text=True,
            stdin=subprocess.DEVNULL,
        )
        if check and result.returncode != 0:
            raise MlpathError(
                f"`git {' '.join(args)}` failed: {_first_line(result.stderr or result.stdout)}",
                "Nothing else was done; `git status` shows where the repository stands.",
            )
        return result

    def out(self, *args: str) -> str | None:
        result = self.run(*args, check=False)
        return result.stdout.strip() if result.returncode == 0 else None


def _first_line(text: str) -> str:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    return lines[0] if lines else "no reason given"


def _setup_hint(home: Path) -> str:
    where = shlex.quote(str(home))
    return f"Set one up with `git init {where}` and `git -C {where} remote add origin URL`."


def find_git(home: Path) -> Git:
    exe = shutil.which("git")
    if exe is None:
        raise MlpathError("mlpath sync needs git, which is not installed.", _setup_hint(home))
    if not home.is_dir():
        raise MlpathError(f"{home} is not in a git repository.", _setup_hint(home))
    git = Git(exe, home)
    if git.out("rev-parse", "--is-inside-work-tree") != "true":
        raise MlpathError(f"{home} is not in a git repository.", _setup_hint(home))
    return git


def check_identity(git: Git) -> None:
    """git must know who commits: from its config or its environment, never guessed."""
    name = git.out("config", "user.name")
    email = git.out("config", "user.email") or os.environ.get("EMAIL")
    for role in ("AUTHOR", "COMMITTER"):
        if not (os.environ.get(f"GIT_{role}_NAME") or name) or not (
            os.environ.get(f"GIT_{role}_EMAIL") or email
        ):
            raise MlpathError(
                "git has no user identity here (user.name and user.email), so mlpath "
                "cannot commit your progress.",
                'Set yours with `git config --global user.name "Your Name"` and '
                "`git config --global user.email you@example.com`, then sync again.",
            )


def install_driver(git: Git, home: Path) -> bool:
    """The driver in the repository's config and `.gitattributes`; True if it was new."""
    driver = f"{shlex.quote(sys.executable)} -m mlpath.app.merge_driver %O %A %B"
    changed = False
    if git.out("config", "--local", "merge.mlpath.driver") != driver:
        git.run("config", "--local", "merge.mlpath.name", "mlpath: merge two copies of state.json")
        git.run("config", "--local", "merge.mlpath.driver", driver)
        changed = True
    for name, lines in ((".gitattributes", (ATTRIBUTE,)), (".gitignore", IGNORED)):
        path = home / name
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            text = ""
        have = set(text.splitlines())
        missing = [ln for ln in lines if ln not in have]
        if missing:
            sep = "" if not text or text.endswith("\n") else "\n"
            path.write_text(text + sep + "".join(ln + "\n" for ln in missing), encoding="utf-8")
            changed = True
    return changed


def _state_at(git: Git, rev: str, rel: str) -> dict[str, Any] | None:
    """state.json as committed at `rev`, or None where it is not (or not readable)."""
    result = git.run("show", f"{rev}:{rel}", check=False)
    if result.returncode != 0:
        return None
    try:
        return parse_state(result.stdout.encode("utf-8"), Path(f"{rev}:{rel}"))
    except MlpathError:
        return None


def _ids(state: dict[str, Any] | None) -> mg.Seen | set[str]:
    return mg.ids(state) if state else set()


def _message(new: list[dict[str, Any]]) -> str:
    head = f"mlpath: {mg.summary(new)}"
    body = [f"- {describe(e)}" for e in new[:50]]
    if len(new) > 50:
        body.append(f"- and {len(new) - 50} more")
    return head + ("\n\n" + "\n".join(body) if body else "") + "\n"


def sync(store: Store) -> Synced:
    home = store.home
    git = find_git(home)
    check_identity(git)
    lines: list[str] = []
    view: dict[str, Any] = {"committed": 0, "came_in": 0, "went_out": 0, "pushed": False}
    prefix = git.out("rev-parse", "--show-prefix") or ""
    rel = prefix + STATE_NAME
    with store.locked():
        if install_driver(git, home):
            lines.append("Installed mlpath's merge driver for state.json in this repository.")
        local = store.read()
        # commit what is new here
        paths = [p for p in (STATE_NAME, *SHARED) if (home / p).exists()]
        git.run("add", "--", *paths)
        staged = git.run("diff", "--cached", "--quiet", "--", *paths, check=False).returncode
        if staged:
            committed_before = _state_at(git, "HEAD", rel)
            known = _ids(committed_before)
            new = sorted(
                (e for e in local.get("events", ()) if e["id"] not in known), key=mg.order_key
            )
            git.run("commit", "-q", "-m", _message(new), "--", *paths)
            view["committed"] = len(new)
            if new:
                lines.append(f"Committed {len(new)} new events: {mg.summary(new)}.")
        remotes = (git.out("remote") or "").split()
        if not remotes:
            lines.append("No remote to pull from or push to: committed here only.")
            return Synced(lines or ["Nothing new to commit."], view)
        branch = git.out("symbolic-ref", "--short", "HEAD")
        if branch is None:
            raise MlpathError(
                "The repository is not on a branch (detached HEAD), so mlpath cannot sync it.",
                "Check out your branch (`git switch main`), then sync again.",
            )
        upstream = git.out("rev-parse", "--abbrev-ref", "--symbolic-full-name", "@{u}")
        remote = (
            upstream.split("/", 1)[0]
            if upstream
            else ("origin" if "origin" in remotes else remotes[0])
        )
        upstream = upstream or f"{remote}/{branch}"
        git.run("fetch", "-q", remote)
        theirs_exists = git.out("rev-parse", "--verify", "-q", f"refs/remotes/{upstream}")
        before = store.read()
        theirs = _state_at(git, upstream, rel) if theirs_exists else None
        if theirs_exists:
            merged = git.run("merge", "--no-edit", "-q", upstream, check=False)
            if merged.returncode != 0:
                raise MlpathError(
                    f"git could not merge {upstream}: {_first_line(merged.stdout + merged.stderr)}",
                    "Resolve it (`git status`); a state.json left with conflict markers "
                    "is merged by `mlpath merge`.",
                )
        after = store.read()
        came_in = sorted(
            (e for e in after.get("events", ()) if e["id"] not in _ids(before)), key=mg.order_key
        )
        went_out = sorted(
            (e for e in before.get("events", ()) if e["id"] not in _ids(theirs)), key=mg.order_key
        )
        ahead = git.out("rev-list", "--count", f"{upstream}..HEAD") if theirs_exists else "1"
        if ahead and ahead != "0":
            push = ["push", "-q"] + ([] if git.out("rev-parse", "@{u}") else ["-u"])
            git.run(*push, remote, branch)
            view["pushed"] = True
        view["came_in"], view["went_out"] = len(came_in), len(went_out)
        lines.append(f"Came in from {upstream}: {mg.summary(came_in)}.")
        lines.append(f"Went out to {upstream}: {mg.summary(went_out)}.")
    return Synced(lines, view)

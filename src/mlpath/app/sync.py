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

What comes from the other machine is data, checked before it is merged
(issue 23): an upstream commit that adds or changes a file mlpath keeps on
this machine (`.bak`, a `*.lock`, a temp file, `merged/`), adds a symlink, or
changes a `.gitattributes` (git before 2.40 cannot ask a commit it has not
merged for its attributes, so a changed file could switch the driver off) is
refused, naming the commit. The merge runs with `--no-commit`; the merged
state.json must load and its plan lay (the app's own loading) before it is
committed, else the merge is aborted and the work tree is as it was.

Branches: the branch's upstream (`branch.<name>.remote`/`.merge`) is used for
both the pull and the push, and named as it is. With no upstream, an empty
remote gets this branch (and the upstream is set); a remote with a default
branch gives that branch (the upstream is set, and sync says so); a new branch
is never made beside the remote's silently.

A second machine: one whose only history is mlpath's own setup (no event yet)
takes the remote's history as its own; one that made its own plan stops, and
`mlpath sync --adopt-remote` keeps its copy aside in `merged/` and takes the
remote's.
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
IGNORED = (STATE_NAME + ".bak", "*.lock", ".state.json.*.tmp", "merged/")
SYMLINK_MODE = "120000"


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
    """The commit message: the new events, some perhaps from elsewhere, escaped as on
    every screen (`git log` prints it on a terminal)."""
    from mlpath.render.safe import line

    head = f"mlpath: {line(mg.summary(new))}"
    body = [f"- {line(describe(e))}" for e in new[:50]]
    if len(new) > 50:
        body.append(f"- and {len(new) - 50} more")
    return head + ("\n\n" + "\n".join(body) if body else "") + "\n"


class Upstream:
    """Where this branch pulls from and pushes to: `remote` and its `branch`."""

    __slots__ = ("remote", "branch", "tracking", "note")

    def __init__(self, remote: str, branch: str, tracking: str, note: str | None) -> None:
        self.remote = remote
        self.branch = branch
        self.tracking = tracking  # the local ref that mirrors it after a fetch
        self.note = note  # a line to say when sync chose it (and set the upstream)

    @property
    def name(self) -> str:
        return f"{self.remote}/{self.branch}"


def _strip_heads(ref: str) -> str:
    return ref[len("refs/heads/") :] if ref.startswith("refs/heads/") else ref


def find_upstream(git: Git, branch: str, remotes: list[str]) -> Upstream:
    """The branch's upstream from git's config, else the remote's own choice."""
    remote = git.out("config", f"branch.{branch}.remote")
    merge = git.out("config", f"branch.{branch}.merge")
    if remote and merge and remote in remotes:
        up = Upstream(remote, _strip_heads(merge), "", None)
        git.run("fetch", "-q", remote)
        # asked of the remote itself: a tracking ref may outlive its branch (no prune)
        listed = git.out("ls-remote", "--heads", remote) or ""
        there = [_strip_heads(ln.split("\t", 1)[-1]) for ln in listed.splitlines() if ln]
        if there and up.branch not in there:  # a push would make it again beside them
            raise MlpathError(
                f"{branch}'s upstream, {up.name}, is no longer on {remote} (its branches: "
                f"{', '.join(there[:5])}), and mlpath does not make it again.",
                f"Choose the branch to sync with (`git branch --set-upstream-to={remote}/"
                "BRANCH`), then sync again; nothing was pulled or pushed.",
            )
        if there:
            up.tracking = git.out("rev-parse", "--symbolic-full-name", "@{u}") or ""
        return up
    remote = "origin" if "origin" in remotes else remotes[0]
    git.run("fetch", "-q", remote)
    heads = [
        ln
        for ln in (
            git.out("for-each-ref", "--format=%(refname)", f"refs/remotes/{remote}/") or ""
        ).splitlines()
        if ln != f"refs/remotes/{remote}/HEAD"
    ]
    if not heads:  # an empty remote: this branch goes there, tracked from now on
        return Upstream(
            remote,
            branch,
            "",
            f"{remote} was empty: pushed {branch} there and set it as this branch's upstream.",
        )
    default = None
    symref = git.out("ls-remote", "--symref", remote, "HEAD") or ""
    for line in symref.splitlines():
        if line.startswith("ref: ") and line.endswith("\tHEAD"):
            default = _strip_heads(line[5:].split("\t", 1)[0])
    why = "the remote's default branch"
    if (default is None or f"refs/remotes/{remote}/{default}" not in heads) and (
        f"refs/remotes/{remote}/{branch}" in heads
    ):
        default, why = branch, "the remote's branch of that name"
    if default is None or f"refs/remotes/{remote}/{default}" not in heads:
        names = ", ".join(h.rsplit("/", 1)[-1] for h in heads[:5])
        raise MlpathError(
            f"{branch} has no upstream and {remote} has branches ({names}) but no default "
            "one, so mlpath does not know which to sync with.",
            f"Choose one: `git branch --set-upstream-to={remote}/BRANCH`, then sync again.",
        )
    git.run("branch", "-q", f"--set-upstream-to={remote}/{default}", branch)
    return Upstream(
        remote,
        default,
        f"refs/remotes/{remote}/{default}",
        f"{branch} had no upstream: it now tracks {remote}/{default}, {why}.",
    )


def _unquote(path: str) -> str:
    """A path as git prints it (C-quoted when it holds odd characters)."""
    if not (path.startswith('"') and path.endswith('"')):
        return path
    import codecs

    raw = codecs.escape_decode(path[1:-1].encode("utf-8"))[0]
    return raw.decode("utf-8", "replace")


def kept_local(path: str, prefix: str) -> bool:
    """Whether `path` (from the repository's root) is a file mlpath keeps on this machine,
    or lies in a folder named as one (git would put it in place of the file)."""
    if any(part.endswith((".lock", ".bak", ".tmp")) for part in path.split("/")):
        return True
    inside = path[len(prefix) :] if path.startswith(prefix) else None
    return inside is not None and (inside == "merged" or inside.startswith("merged/"))


def check_incoming(git: Git, base: str | None, theirs: str, prefix: str) -> None:
    """Refuse, naming the commit, an upstream that brings a file mlpath keeps local,
    a symlink, or a changed `.gitattributes` (before anything is merged)."""
    span = f"{base}..{theirs}" if base else theirs
    log = git.run(
        "-c",
        "core.quotePath=true",
        "log",
        "--reverse",
        "--no-renames",
        "-m",
        "-r",
        "--raw",
        "--no-abbrev",
        "--format=commit %H",
        span,
    ).stdout
    commit = ""
    deleted = ""  # a commit that deletes state.json
    attributes: dict[str, str] = {}  # each .gitattributes changed there: the last commit
    brought: dict[str, tuple[str, str]] = {}  # a local file or link: (last commit, what)
    for line in log.splitlines():
        if line.startswith("commit "):
            commit = line[7:].strip()
            continue
        if not line.startswith(":") or "\t" not in line:
            continue
        meta, path = line.split("\t", 1)
        fields = meta[1:].split()
        if len(fields) < 5:
            continue
        new_mode, status = fields[1], fields[4]
        path = _unquote(path)
        what = None
        if path == prefix + STATE_NAME and status[0] == "D":
            deleted = commit  # the last one, if the end of the upstream lacks the state
        elif path.rsplit("/", 1)[-1] == ".gitattributes":
            attributes[path] = commit
        elif status[0] != "D" and new_mode == SYMLINK_MODE:
            what = f"adds a symbolic link ({path})"
        elif status[0] != "D" and kept_local(path, prefix):
            what = f"adds {path}, a file mlpath keeps on this machine only"
        if what:
            brought[path] = (commit, what)
    # Only what the upstream ends with is merged: a file a later commit took back (the
    # `git revert` the refusal advises) brings nothing, so it no longer stops the sync.
    for path, (commit, what) in brought.items():
        if _entry(git, theirs, path) not in (None, _entry(git, "HEAD", path)):
            raise MlpathError(
                f"The incoming commit {commit[:12]} {what}, so mlpath did not merge it.",
                f"Look at it (`git show {commit[:12]}`) and undo it where it was made "
                "(`git revert`), then sync again; nothing was changed here.",
            )
    # a pull that ends without the state would take this machine's progress away
    if deleted and git.out("rev-parse", "-q", "--verify", f"{theirs}:{prefix}{STATE_NAME}") is None:
        raise MlpathError(
            f"The incoming commit {deleted[:12]} deletes {STATE_NAME}, so mlpath did not merge it.",
            f"Look at it (`git show {deleted[:12]}`) and undo it where it was made "
            "(`git revert`), then sync again; nothing was changed here.",
        )
    # A .gitattributes that ends up as ours is harmless (two machines' setup commits);
    # one that differs could switch the merge driver off before mlpath can ask git.
    for path, commit in attributes.items():
        if git.out("rev-parse", "-q", "--verify", f"{theirs}:{path}") != git.out(
            "rev-parse", "-q", "--verify", f"HEAD:{path}"
        ):
            raise MlpathError(
                f"The incoming commit {commit[:12]} changes {path}, which could switch off "
                "mlpath's merge driver, so mlpath did not merge it.",
                f"Look at it (`git show {commit[:12]}`) and undo it where it was made "
                "(`git revert`), then sync again; nothing was changed here.",
            )


def _entry(git: Git, rev: str, path: str) -> str | None:
    """The mode and object of `path` in commit `rev` (None when it has none there)."""
    out = git.out("ls-tree", "--full-tree", rev, "--", path)
    return out.split("\t", 1)[0] if out else None


def effective_merge(git: Git, rel: str) -> str:
    """The merge attribute git will really use for state.json (every attributes
    file counted, in git's order)."""
    out = git.out("check-attr", "merge", "--", rel) or ""
    return out.rsplit(": ", 1)[-1].strip() if out else "unspecified"


def check_attribute(git: Git, rel: str) -> None:
    value = effective_merge(git, rel)
    if value != "mlpath":
        raise MlpathError(
            f"git would merge {rel} with `merge={value}`, not mlpath's driver: a later line "
            "in .gitattributes, .git/info/attributes or core.attributesFile overrides "
            f"`{ATTRIBUTE}`.",
            "Remove that line (`git check-attr -a state.json` shows the result), then sync "
            "again; nothing was merged.",
        )


def check_lays(store: Store) -> None:
    """The state in the work tree loads and its plan lays, as every command needs."""
    from mlpath.app.clock import today
    from mlpath.app.session import load_active
    from mlpath.errors import NoPlanError

    try:
        load_active(store, today())
    except NoPlanError:
        pass


def _only_setup(git: Git, state: dict[str, Any]) -> bool:
    """This machine's history holds nothing but mlpath's own setup: no event anywhere
    and no file other than the ones sync writes."""
    if state.get("events"):
        return False
    touched = (git.out("log", "--format=", "--name-only", "HEAD") or "").split()
    setup = {".gitattributes", ".gitignore", STATE_NAME}
    return all(p.rsplit("/", 1)[-1] in setup for p in touched)


def _keep_aside(store: Store) -> str:
    from datetime import datetime, timezone

    from mlpath.app.merge import merged_dir
    from mlpath.store import copies as cp
    from mlpath.store.state import atomic_write_bytes, read_regular

    raw = read_regular(store.path)
    folder = merged_dir(store.home)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S")
    kept = cp.aside_path(folder, f"state.this-machine-{stamp}.json")
    atomic_write_bytes(kept, raw or b"")
    return str(kept)


def _abort(git: Git) -> None:
    git.run("merge", "--abort", check=False)


def _check_unmerged(git: Git, ours: list[str]) -> None:
    """A git merge in progress may be concluded only when no file but mlpath's own is
    left in conflict (state.json's markers stop every command before this)."""
    listed = git.out("diff", "--name-only", "--diff-filter=U") or ""
    others = [_unquote(p) for p in listed.splitlines() if p and _unquote(p) not in ours]
    if others:
        raise MlpathError(
            f"A git merge is in progress here with conflicts in {', '.join(others)}, which "
            "mlpath does not resolve.",
            "Resolve them and `git commit`, or undo the merge (`git merge --abort`), then "
            "sync again; nothing was changed.",
        )


def _commit(git: Git, paths: list[str], local: dict[str, Any], rel: str) -> list[dict[str, Any]]:
    """Commit mlpath's files (every staged file when `paths` is empty, as a merge in
    progress needs); the events that were not committed before."""
    committed_before = _state_at(git, "HEAD", rel)
    known = _ids(committed_before)
    new = sorted((e for e in local.get("events", ()) if e["id"] not in known), key=mg.order_key)
    git.run("commit", "-q", "-m", _message(new), *(["--", *paths] if paths else []))
    return new


def sync(store: Store, *, adopt_remote: bool = False) -> Synced:
    home = store.home
    git = find_git(home)
    check_identity(git)
    lines: list[str] = []
    view: dict[str, Any] = {"committed": 0, "came_in": 0, "went_out": 0, "pushed": False}
    prefix = git.out("rev-parse", "--show-prefix") or ""
    rel = prefix + STATE_NAME
    with store.locked():
        remotes = (git.out("remote") or "").split()
        # before anything is committed: a commit on a detached HEAD is left behind by
        # the `git switch` that puts the repository back on its branch
        branch = git.out("symbolic-ref", "--short", "HEAD")
        if branch is None:
            raise MlpathError(
                "The repository is not on a branch (detached HEAD), so mlpath cannot sync it.",
                "Check out your branch (`git switch main`), then sync again; nothing was "
                "committed.",
            )
        if install_driver(git, home):
            lines.append("Installed mlpath's merge driver for state.json in this repository.")
        check_attribute(git, STATE_NAME)
        local = store.read()
        # commit what is new here
        paths = [p for p in (STATE_NAME, *SHARED) if (home / p).exists()]
        # a `git pull` whose conflict `mlpath merge` repaired: commit concludes that merge
        merging = git.out("rev-parse", "-q", "--verify", "MERGE_HEAD") is not None
        if merging:
            _check_unmerged(git, [prefix + p for p in paths])
        git.run("add", "--", *paths)
        staged = git.run("diff", "--cached", "--quiet", "--", *paths, check=False).returncode
        if staged or merging:
            new = _commit(git, [] if merging else paths, local, rel)
            view["committed"] = len(new)
            if new:
                noun = "event" if len(new) == 1 else "events"
                lines.append(f"Committed {len(new)} new {noun}: {mg.summary(new)}.")
        if not remotes:
            lines.append("No remote to pull from or push to: committed here only.")
            return Synced(lines or ["Nothing new to commit."], view)
        up = find_upstream(git, branch, remotes)
        if up.note:
            lines.append(up.note)
        theirs_sha = git.out("rev-parse", "--verify", "-q", up.tracking) if up.tracking else None
        before = store.read()
        theirs = _state_at(git, theirs_sha, rel) if theirs_sha else None
        if theirs_sha:
            _pull(git, store, up, theirs_sha, theirs, before, prefix, rel, adopt_remote, lines)
        after = store.read()
        had, remote_had = _ids(before), _ids(theirs)  # once each: not once per event
        came_in = sorted(
            (e for e in after.get("events", ()) if e["id"] not in had), key=mg.order_key
        )
        went_out = sorted(  # what the remote lacked and this branch now has
            (e for e in after.get("events", ()) if e["id"] not in remote_had), key=mg.order_key
        )
        ahead = git.out("rev-list", "--count", f"{theirs_sha}..HEAD") if theirs_sha else "1"
        if ahead and ahead != "0":
            _push(git, branch, up, set_upstream=not up.tracking)
            view["pushed"] = True
        view["came_in"], view["went_out"] = len(came_in), len(went_out)
        view["upstream"] = up.name
        lines.append(f"Came in from {up.name}: {mg.summary(came_in)}.")
        lines.append(f"Went out to {up.name}: {mg.summary(went_out)}.")
    return Synced(lines, view)


def _pull(
    git: Git,
    store: Store,
    up: Upstream,
    theirs_sha: str,
    theirs: dict[str, Any] | None,
    ours: dict[str, Any],
    prefix: str,
    rel: str,
    adopt_remote: bool,
    lines: list[str],
) -> None:
    """Merge the upstream into this branch, or stop with one sentence, changing nothing."""
    base = git.out("merge-base", "HEAD", theirs_sha)
    if base == theirs_sha:
        return  # nothing new there
    check_incoming(git, base, theirs_sha, prefix)
    mine, other = mg.ids(ours), mg.ids(theirs or {})
    disjoint = bool(mine) and bool(other) and not mine.meets(other)
    if base is None and not disjoint and _only_setup(git, ours):
        # a new machine: its setup commit goes, the remote's history is taken as it is
        _take(git, store, ["reset", "-q", "--keep", theirs_sha])
        lines.append(f"This machine had no progress yet: took {up.name} as it is.")
        return
    if disjoint and not adopt_remote:
        raise MlpathError(
            f"This machine has its own plan, which shares no event with {up.name}'s: mlpath "
            "does not merge two separate histories of progress.",
            f"To keep {up.name}'s and set this machine's aside (in merged/), run "
            "`mlpath sync --adopt-remote`; nothing was changed.",
        )
    if base == git.out("rev-parse", "HEAD"):
        _take(git, store, ["merge", "-q", "--ff-only", theirs_sha])
        return
    merge = ["merge", "-q", "--no-commit", "--no-ff"]
    if base is None:
        merge.append("--allow-unrelated-histories")
    kept = _keep_aside(store) if disjoint else None
    merged = git.run(*merge, theirs_sha, check=False)
    if disjoint:
        git.run("checkout", theirs_sha, "--", STATE_NAME)
        merged = git.run("diff", "--name-only", "--diff-filter=U", check=False)
        if merged.stdout.strip():
            _abort(git)
            raise MlpathError(
                f"git could not merge {up.name}: {_first_line(merged.stdout)} conflicts.",
                "Nothing was changed; resolve it by hand (`git status`).",
            )
        lines.append(f"Took {up.name}'s progress; this machine's own is kept as {kept}.")
    elif merged.returncode != 0:
        _abort(git)
        from mlpath.app.merge_driver import DRIVER_SAYS

        # the driver's own reason (a newer or damaged state.json) over git's first line
        said = [ln.strip() for ln in merged.stderr.splitlines() if DRIVER_SAYS in ln]
        raise MlpathError(
            f"{up.name}'s state.json could not be merged: {said[0].split(DRIVER_SAYS, 1)[1].strip()}"
            if said
            else f"git could not merge {up.name}: {_first_line(merged.stdout + merged.stderr)}",
            "The merge was undone and nothing was changed; `git status` shows where the "
            "repository stands.",
        )
    try:
        check_attribute(git, STATE_NAME)
        check_lays(store)
    except MlpathError as exc:
        _abort(git)
        raise MlpathError(
            f"The merge with {up.name} gives a state mlpath cannot use ({exc.message}), so it "
            "was undone.",
            "Nothing was changed here; fix it on the machine that made it (`mlpath doctor`).",
        ) from None
    git.run("commit", "-q", "--no-edit")


def _take(git: Git, store: Store, args: list[str]) -> None:
    """A fast-forward or a reset to the upstream: checked after, undone if unusable."""
    head = git.out("rev-parse", "HEAD")
    git.run(*args)
    try:
        check_lays(store)
    except MlpathError as exc:
        if head:
            git.run("reset", "-q", "--keep", head, check=False)
        raise MlpathError(
            f"The incoming state cannot be used ({exc.message}), so it was not taken.",
            "Nothing was changed here; fix it on the machine that made it (`mlpath doctor`).",
        ) from None


def _push(git: Git, branch: str, up: Upstream, *, set_upstream: bool) -> None:
    args = ["push", "--porcelain"] + (["-u"] if set_upstream else [])
    result = git.run(*args, up.remote, f"refs/heads/{branch}:refs/heads/{up.branch}", check=False)
    if result.returncode == 0:
        return
    rejected = any(ln.startswith("!") for ln in result.stdout.splitlines())
    if rejected:
        raise MlpathError(
            f"Your changes are committed here, but the push to {up.name} was rejected: "
            "another machine pushed first; run `mlpath sync` again."
        )
    raise MlpathError(
        f"`git push` to {up.name} failed: {_first_line(result.stderr or result.stdout)}",
        "Your changes are committed here; sync again once the remote can be reached.",
    )

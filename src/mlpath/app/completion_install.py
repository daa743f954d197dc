"""`mlpath --install-completion`: the completion script for the learner's shell, put
where that shell looks, and the one line its start-up file needs, added once.

The shell is the login shell $SHELL names (bash, zsh or fish), not the process that
happens to run mlpath: a fish user's script run from bash still gets fish completion.
Running it again changes nothing: a line already in the start-up file is not added,
and no blank line is.
"""

from __future__ import annotations

import os
from pathlib import Path

from mlpath.errors import UsageError
from mlpath.store.state import atomic_write_bytes

SHELLS = ("bash", "zsh", "fish")


def shell_of(shell_var: str | None) -> str:
    name = os.path.basename((shell_var or "").strip())
    if name not in SHELLS:
        shown = shell_var or "unset"
        raise UsageError(
            f"Cannot tell your shell from SHELL ({shown}): completion installs for bash, "
            "zsh or fish.",
            "Print the script for your shell instead: `_MLPATH_COMPLETE=source_bash mlpath` "
            "(or source_zsh, source_fish), and put it where your shell reads completions.",
        )
    return name


def targets(shell: str, home: Path) -> tuple[Path, Path | None, list[str]]:
    """Where the script goes, the start-up file, and the lines it needs."""
    if shell == "bash":
        script = home / ".bash_completions" / "mlpath.sh"
        return script, home / ".bashrc", [f"source '{script}'"]
    if shell == "zsh":
        lines = ["fpath+=~/.zfunc", "autoload -Uz compinit", "compinit"]
        return home / ".zfunc" / "_mlpath", home / ".zshrc", lines
    return home / ".config" / "fish" / "completions" / "mlpath.fish", None, []


def install(shell: str, home: Path, script_text: str) -> tuple[Path, Path | None, int]:
    """Write the script and add the missing start-up lines; returns the script's path,
    the start-up file and how many lines were added to it."""
    script, rc, lines = targets(shell, home)
    script.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(script, script_text.encode("utf-8"), public=True)
    added = 0
    if rc is not None:
        text = rc.read_text(encoding="utf-8") if rc.exists() else ""
        have = {line.strip() for line in text.splitlines()}
        missing = [line for line in lines if line not in have]
        if missing:
            # appended, as shells' own installers do: a start-up file that is a symlink
            # into someone's dotfiles stays one
            with rc.open("a", encoding="utf-8") as fh:
                fh.write(
                    ("\n" if text and not text.endswith("\n") else "")
                    + "".join(f"{line}\n" for line in missing)
                )
            added = len(missing)
    return script, rc, added

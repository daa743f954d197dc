"""The README's shell examples are tests: every ```sh block of README.md, and every block
of docs/*.md that shows output, runs as a learner would paste it.

- Each file starts in a fresh home (HOME, XDG folders, no MLPATH_* variable), in a folder
  whose `.venv/bin` holds this test venv's `mlpath`, so `. .venv/bin/activate` and
  `.venv/bin/mlpath` work as they do in a checkout.
- README.md first makes the plan its first command makes (the part after the install).
- A line `$ CMD` is a command and the lines under it, up to the next `$`, its output
  (stdout and stderr together, at 80 columns); a line `...` there stands for any lines.
  In a block without `$`, every line that is not a comment is a command, output unchecked.
- `export`, `.`, `source`, `cd` and `alias` lines carry over to the commands after them
  (the README's own `MLPATH_TODAY`, the activated venv).
- A command exits 0, or the code its comment names (`$ mlpath next --json  # exits 1`).
- A block right under `<!-- no-run: why -->` is not run (installs, the test suite itself).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
NO_RUN = re.compile(r"^<!--\s*no-run\b.*-->$")
EXITS = re.compile(r"#.*\bexits (\d+)\b")
CARRIES = ("export ", ". ", "source ", "cd ", "alias ")


@dataclass
class Block:
    line: int  # of the opening fence, 1-based
    text: list[str]
    run: bool

    @property
    def shows_output(self) -> bool:
        return any(t.startswith("$ ") for t in self.text)


@dataclass
class Step:
    line: int
    command: str
    expected: list[str] | None = None  # None: output not checked
    carries: bool = field(default=False)


def blocks(markdown: str) -> list[Block]:
    out: list[Block] = []
    lines = markdown.splitlines()
    i = 0
    while i < len(lines):
        if lines[i].strip() == "```sh":
            before = next((lines[j].strip() for j in range(i - 1, -1, -1) if lines[j].strip()), "")
            j = i + 1
            while lines[j].strip() != "```":
                j += 1
            out.append(Block(i + 1, lines[i + 1 : j], not NO_RUN.match(before)))
            i = j
        i += 1
    return out


def steps(block: Block) -> list[Step]:
    out: list[Step] = []
    for n, text in enumerate(block.text, start=block.line + 1):
        if block.shows_output:
            if text.startswith("$ "):
                out.append(Step(n, text[2:], []))
            elif out and out[-1].expected is not None:
                out[-1].expected.append(text.rstrip())
        elif text.strip() and not text.lstrip().startswith("#"):
            out.append(Step(n, text.strip()))
    for step in out:
        step.carries = step.command.startswith(CARRIES)
    return out


def fresh_home(tmp_path: Path, on_path: bool) -> tuple[Path, dict[str, str]]:
    """A folder to paste in, and an environment with nothing of the user's in it; with
    `on_path`, this venv's `mlpath` is on PATH (the README puts it there itself)."""
    bindir = Path(sys.executable).parent
    if not (bindir / "mlpath").exists():
        pytest.skip(f"no `mlpath` beside {sys.executable}: install the package (pip install -e .)")
    work = tmp_path / "checkout"
    venv_bin = work / ".venv" / "bin"
    venv_bin.mkdir(parents=True)
    (venv_bin / "mlpath").symlink_to(bindir / "mlpath")
    (venv_bin / "activate").write_text(f'PATH="{venv_bin}:$PATH"\nexport PATH\n')
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MLPATH_", "XDG_"))}
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_STATE_HOME=str(home / ".local" / "state"),
        XDG_RUNTIME_DIR=str(tmp_path / "run"),
        COLUMNS="80",
        GIT_AUTHOR_NAME="Learner",
        GIT_AUTHOR_EMAIL="learner@example.org",
        GIT_COMMITTER_NAME="Learner",
        GIT_COMMITTER_EMAIL="learner@example.org",
    )
    # the README's own `. .venv/bin/activate` must be what finds mlpath there
    path = [p for p in env.get("PATH", "").split(os.pathsep) if p and Path(p) != bindir]
    env["PATH"] = os.pathsep.join([str(bindir), *path] if on_path else path)
    for var in ("NO_COLOR", "FORCE_COLOR", "VIRTUAL_ENV"):
        env.pop(var, None)
    (tmp_path / "run").mkdir(mode=0o700)
    return work, env


def matches(expected: list[str], got: list[str]) -> bool:
    if not expected:
        return True
    if expected[0] == "...":
        rest = expected[1:]
        return any(matches(rest, got[k:]) for k in range(len(got) + 1))
    return bool(got) and got[0] == expected[0] and matches(expected[1:], got[1:])


def run_file(path: Path, tmp_path: Path, only_output_blocks: bool) -> int:
    markdown = path.read_text(encoding="utf-8")
    work, env = fresh_home(tmp_path, on_path=path.name != "README.md")
    carried: list[str] = []
    ran = 0
    todo = [b for b in blocks(markdown) if b.run and (b.shows_output or not only_output_blocks)]
    first = [Step(0, first_plan(markdown))] if path.name == "README.md" else []
    for step in first + [s for b in todo for s in steps(b)]:
        script = "\n".join([*carried, step.command])
        proc = subprocess.run(
            ["bash", "-c", script],
            cwd=work,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            timeout=120,
            check=False,
        )
        label = path.relative_to(REPO) if path.is_relative_to(REPO) else path.name
        where = f"{label}:{step.line}: `{step.command}`"
        shown = EXITS.search(step.command)
        code = int(shown.group(1)) if shown else 0
        assert proc.returncode == code, f"{where} exited {proc.returncode}:\n{proc.stdout}"
        got = [line.rstrip() for line in proc.stdout.splitlines()]
        if step.expected is not None:
            want = list(step.expected)
            while want and not want[-1]:
                want.pop()
            assert matches(want, got), f"{where} printed:\n{proc.stdout}\nnot:\n" + "\n".join(want)
        if step.carries:
            carried.append(step.command)
        ran += 1
    return ran


def first_plan(markdown: str) -> str:
    """The README's first command without its install: `.venv/bin/mlpath plan`."""
    first = blocks(markdown)[0]
    command = " ".join(first.text).split("&&")[-1].strip()
    assert command.startswith(".venv/bin/mlpath "), command
    return command


def test_the_readme_runs_as_pasted(tmp_path: Path) -> None:
    ran = run_file(REPO / "README.md", tmp_path, only_output_blocks=False)
    assert ran >= 10  # the first plan and the walk-through, at least


DOCS = sorted(
    p
    for p in (REPO / "docs").glob("*.md")
    if any(b.shows_output and b.run for b in blocks(p.read_text(encoding="utf-8")))
)


@pytest.mark.parametrize("doc", DOCS, ids=[p.name for p in DOCS])
def test_docs_output_is_what_mlpath_prints(doc: Path, tmp_path: Path) -> None:
    assert run_file(doc, tmp_path, only_output_blocks=True) > 0


def test_the_runner_notices_a_changed_output(tmp_path: Path) -> None:
    # The checker itself can fail: a shown line that mlpath no longer prints.
    doc = tmp_path / "doc.md"
    doc.write_text("```sh\n$ mlpath --version\nmlpath 0.0.0-never\n```\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="not:"):
        run_file_at(doc, tmp_path / "run1")
    doc.write_text("<!-- no-run: example -->\n```sh\n$ false\n```\n", encoding="utf-8")
    assert run_file_at(doc, tmp_path / "run2") == 0
    doc.write_text("```sh\nmlpath done no-such-item\n```\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="exited 1"):  # no plan
        run_file_at(doc, tmp_path / "run3")


def run_file_at(doc: Path, where: Path) -> int:
    where.mkdir()
    return run_file(doc, where, only_output_blocks=False)

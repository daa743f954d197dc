"""Every text output fits the terminal's width and wraps at word boundaries.

Two checks on every command's text, at 80 and 60 columns (COLUMNS, as a
terminal sets it):

- no line is wider than the terminal, except a single word that is wider on
  its own (a path, a URL);
- wrapping changes only the spaces: the words, in order, are those printed at
  400 columns, where nothing wraps (so no word is ever cut, "pro⏎ject").

Tables (the plan's) are laid out for the width instead: each row is exactly as
wide as the table, so its bars line up.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from clirun import Cli
from mlpath.render.term import Style, cells, wrap, wrap_line

TODAY = "2027-02-20"
WIDE = 400
PLAN = ("plan", "-r", "practical", "-H", "15", "-s", "2027-01-04", "--review-minutes", "5")

ANSWERS = "\n".join(
    [
        "pre-1: yes",
        "bg-software-engineer: no",
        "p1-1: yes",
        "p1-2: yes",
        "p1-3: yes",
        "p2-1: yes",
        "p2-2: no",
    ]
    + ["p2-3: yes", "p2-4: no"]
    + [f"p3-{n}: no" for n in (1, 2, 3)]
    + [f"p4-{n}: no" for n in (1, 2, 3, 4)]
)


# --- the wrapping rule itself ------------------------------------------------------------------


def test_wraps_between_words_only() -> None:
    line = "Next milestone Clean a dataset, train and compare three model types"
    assert wrap_line(line, 30) == [
        "Next milestone Clean a",
        "  dataset, train and compare",
        "  three model types",
    ]


def test_a_figure_keeps_its_unit() -> None:
    # "22.5 h" would end the first line at 21 cells; it moves down whole instead
    assert wrap_line("Study now: regression, 22.5 h left", 23) == [
        "Study now: regression,",
        "  22.5 h left",
    ]
    assert wrap_line("at 15 h/week from Monday", 8) == ["at", "  15 h/week", "  from", "  Monday"]


def test_a_word_wider_than_the_line_stays_whole() -> None:
    url = "https://example.org/a/very/long/address/of/a/resource"
    assert wrap_line(f"see {url} for more", 30) == ["see", f"  {url}", "  for more"]


def test_a_line_naming_a_file_keeps_the_file_on_its_first_line() -> None:
    # issue 24: at a long checkout path `FILE: ok (...)` was cut after the file
    path = "/home/someone/a/rather/long/checkout/path/data/roadmaps/practical.yaml"
    assert wrap_line(f"{path}: ok (practical, 4 phases)", 40) == [
        f"{path}: ok (practical, 4 phases)"
    ]
    assert wrap_line(f"{path}:12: phases.0.id: not an id", 40) == [
        f"{path}:12: phases.0.id: not an id"
    ]
    # a row that names its file: the file stays on the row's line, the rest hangs
    state = "/home/someone/.local/share/mlpath/state.json"
    assert wrap_line(f"ok       state file  {state}: 3 events, 1 done", 40) == [
        f"ok       state file  {state}:",
        "  3 events, 1 done",  # (hangs two in: its column, 21, is past half of 40)
    ]


def test_a_file_named_at_the_end_of_a_sentence_does_not_hold_the_sentence_whole() -> None:
    """doctor's row for a plan whose roadmap file is gone names two files, the second at
    the end of the sentence: the row still wraps (it was one line of 180 columns)."""
    kept = "/home/ada/mlpath/roadmaps/0123456789abcdef.yaml"
    row = (
        "warning  roadmap     The plan's roadmap file /home/ada/my.yaml is gone from this "
        f"machine; mlpath uses the copy the plan kept beside the state ({kept})."
    )
    assert wrap_line(row, 80) == [
        "warning  roadmap     The plan's roadmap file /home/ada/my.yaml is gone from this",
        "                     machine; mlpath uses the copy the plan kept beside the",
        f"                     state ({kept}).",
    ]
    # at 60 only the lines holding a file (a word that never breaks) may pass the width
    narrow = wrap_line(row, 60)
    assert len(narrow) > 3
    assert all(len(line) <= 60 for line in narrow if "/home/ada/" not in line)


def test_continuations_hang_under_bullets_and_columns() -> None:
    bullet = "  • Linear algebra  linear-algebra · topic · phase 1 · 30 h left"
    assert wrap_line(bullet, 40) == [
        "  • Linear algebra  linear-algebra ·",
        "    topic · phase 1 · 30 h left",
    ]
    row = "ok       lock        Free: no mlpath is changing the state right now."
    assert wrap_line(row, 50) == [
        "ok       lock        Free: no mlpath is changing",
        "                     the state right now.",
    ]


def test_a_command_to_copy_wraps_with_shell_continuations() -> None:
    line = "  mlpath plan --roadmap practical --level intermediate --skip 1 --compress 2"
    assert wrap_line(line, 60) == [
        "  mlpath plan --roadmap practical --level intermediate \\",
        "    --skip 1 --compress 2",
    ]


def test_table_rows_and_colour_codes() -> None:
    row = "│  1 │ Jan 04–Jan 10 │  1 │ Python libraries (15h)       │ │"
    assert wrap_line(row, 20) == [row]
    s = Style(True)
    styled = s("Pace ", "bold") + s("behind by 12 days", "red") + " — run `mlpath replan` now"
    assert cells(styled) == len("Pace behind by 12 days — run `mlpath replan` now")
    out = wrap(styled, 23)
    assert [cells(x) for x in out.split("\n")] == [22, 23, 5]
    assert re.sub(r"\x1b\[[0-9;]*m", "", out) == (
        "Pace behind by 12 days\n  — run `mlpath replan`\n  now"
    )


def test_wide_characters_take_two_cells() -> None:
    assert cells("学习 ML") == 7
    assert wrap_line("学习 学习 学习", 10) == ["学习 学习", "  学习"]


# --- every command, at 80 and 60 columns ---------------------------------------------------------


def _scenario(tmp_path: Path) -> list[tuple[str, ...]]:
    """Commands in the order a learner runs them; each prints text."""
    answers = tmp_path / "answers.yaml"
    answers.write_text(ANSWERS, "utf-8")
    return [
        ("next",),
        ("done", "python-libraries", "--on", "2027-01-20", "--note", "pandas drills"),
        ("done", "2", "statistics", "--on", "2027-02-10"),
        ("log", "1h30"),
        ("next",),
        ("review",),
        ("undo",),
        ("replan",),
        ("roadmaps",),
        ("roadmaps", "show", "practical"),
        ("assess", "-r", "practical", "--answers", str(answers)),
        ("assess", "-r", "practical", "--questions"),
        ("doctor",),
        ("config", "set", "hours", "12"),
        ("config", "show"),
        ("reopen", "statistics"),
        ("done", "2", "--note", "a baseline at 0.81 AUC, with notes in the repository"),
    ]


def _run_all(cli: Cli, tmp_path: Path, columns: int) -> list[tuple[tuple[str, ...], str]]:
    """Each command's output (stdout then stderr), in a fresh home at this width."""
    env = {"COLUMNS": str(columns), "NO_COLOR": "1"}
    home = tmp_path / f"home-{columns}"
    config = tmp_path / f"config-{columns}"
    env |= {"MLPATH_HOME": str(home), "MLPATH_CONFIG_DIR": str(config)}
    first = cli(*PLAN, today=TODAY, env=env)
    assert first.exit_code == 0, first.stderr
    outputs = []
    for args in _scenario(tmp_path):
        r = cli(*args, today=TODAY, env=env)
        assert r.exit_code == 0, (args, r.stderr)
        # the folders differ between widths; the words around them do not
        text = (r.stdout + r.stderr).replace(str(home), "HOME").replace(str(config), "CONFIG")
        outputs.append((args, text))
    return outputs


def _words(text: str) -> list[str]:
    return text.split()


@pytest.mark.parametrize("columns", [80, 60])
def test_every_command_fits_and_wraps_at_words(cli: Cli, tmp_path: Path, columns: int) -> None:
    narrow = _run_all(cli, tmp_path, columns)
    wide = _run_all(cli, tmp_path, WIDE)
    for (args, text), (_, wide_text) in zip(narrow, wide, strict=True):
        for line in text.splitlines():
            # a line may run past the width only for a file's path (HOME/..., CONFIG/...)
            names_file = any(w.startswith(("HOME/", "CONFIG/")) for w in line.split())
            assert cells(line) <= columns or len(line.split()) == 1 or names_file, (args, line)
        # the words of the roadmap tables differ with their layout: bars between them
        if args[0] != "roadmaps" or len(args) > 1:
            # the one exception: a command wrapped for the shell gains a "\"
            assert [w for w in _words(text) if w != "\\"] == _words(wide_text), args


@pytest.mark.parametrize("columns", [80, 60])
def test_plan_table_rows_line_up(cli: Cli, columns: int) -> None:
    r = cli(*PLAN, today=TODAY, env={"COLUMNS": str(columns)})
    assert r.exit_code == 0, r.stderr
    table = [line for line in r.stdout.splitlines() if line[:1] in "┏┃┡│└"]
    assert table, r.stdout
    assert {cells(line) for line in table} == {columns}
    # the header keeps its bars where the rows have them
    bars = {i for i, c in enumerate(table[1]) if c == "┃"}
    assert bars == {i for i, c in enumerate(table[-2]) if c == "│"}
    # every heading word is there, whole
    heading = " ".join(line.strip("┃ ") for line in table if line.startswith("┃"))
    assert all(w in heading.split() for w in ("Wk", "Dates", "Ph", "What", "study", "Milestones"))


# --- a real terminal -------------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_next_in_an_80_column_tmux_pane(tmp_path: Path) -> None:
    """`next` in a real 80-column terminal: the pane shows whole words only."""
    socket = str(tmp_path / "tmux.sock")
    env = {
        "PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin",
        "MLPATH_HOME": str(tmp_path / "home"),
        "MLPATH_CONFIG_DIR": str(tmp_path / "config"),
        "MLPATH_CACHE_DIR": str(tmp_path / "cache"),
        "MLPATH_TODAY": TODAY,
        "TERM": "xterm",
        "HOME": str(tmp_path),
    }
    mlpath = f"{sys.executable} -m mlpath"
    subprocess.run(
        [sys.executable, "-m", "mlpath", *PLAN], env=env, capture_output=True, check=True
    )

    def tmux(*args: str) -> str:
        return subprocess.run(
            ["tmux", "-S", socket, *args], env=env, capture_output=True, text=True, check=True
        ).stdout

    tmux("new-session", "-d", "-s", "t", "-x", "80", "-y", "50", "sh")
    try:
        # the markers are typed split ("BE""GIN"), so only the output holds them whole
        typed = f'unset COLUMNS; echo BE""GIN; {mlpath} next; echo EX""IT=$?'
        tmux("send-keys", "-t", "t", typed, "Enter")
        screen = ""
        for _ in range(300):
            screen = tmux("capture-pane", "-p", "-t", "t")
            if re.search(r"EXIT=\d", screen):
                break
            time.sleep(0.1)
        assert "EXIT=0" in screen, screen
        begin = re.search(r"^(?:[#$] )?BEGIN$", screen, re.M)  # typed before the prompt
        assert begin is not None, screen
        shown = screen[begin.end() :].split("EXIT=")[0]
        lines = [line.rstrip() for line in shown.splitlines()]
        assert all(cells(line) <= 80 for line in lines)
        # nothing the terminal broke: the pane's words are `next`'s words at 400 columns
        wide = subprocess.run(
            [sys.executable, "-m", "mlpath", "next"],
            env={**env, "COLUMNS": str(WIDE)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert _words("\n".join(lines)) == _words(wide)
        assert any(cells(line) > 60 for line in lines)  # it used the pane's width
    finally:
        subprocess.run(["tmux", "-S", socket, "kill-server"], env=env, capture_output=True)


def _table_cells(text: str) -> list[str]:
    """The words in the plan table's rows, cell by cell (bars and padding gone)."""
    rows = [line for line in text.splitlines() if line.startswith("│")]
    return [w for row in rows for cell in row.split("│") for w in cell.split()]


def _pieces(word: str) -> set[str]:
    """`word` and every run of it a table may show on one line: it breaks only after
    a hyphen or a slash ("Derivatives/" and "gradients"), a date range after its dash."""
    cuts = [0] + [k + 1 for k, c in enumerate(word) if c in "-/–"] + [len(word)]
    return {word[a:b] for i, a in enumerate(cuts) for b in cuts[i + 1 :]}


@pytest.mark.parametrize("roadmap", ["job-ready", "intermediate", "practical"])
def test_plan_table_cells_break_only_between_words(cli: Cli, roadmap: str) -> None:
    # at 60 columns the study column is 16 wide: "Derivatives/gradients" (21) broke
    # as "Derivative" / "s/gradients", "classification" as "class" / "ification"
    args = ("plan", "-r", roadmap, "-s", "2027-01-04", "--dry-run")
    narrow = cli(*args, today=TODAY, env={"COLUMNS": "60"})
    wide = cli(*args, today=TODAY, env={"COLUMNS": "140"})
    assert narrow.exit_code == wide.exit_code == 0, narrow.stderr
    whole = {p for w in _table_cells(wide.stdout) for p in _pieces(w)}
    assert [w for w in _table_cells(narrow.stdout) if w not in whole] == []


def test_plan_table_never_splits_an_escape(cli: Cli, tmp_path: Path) -> None:
    """A title from a user roadmap is shown escaped (`\\x1b`, `\\u202e`); a table cell
    too narrow for it is cut between escapes, never inside one."""
    title = "Clip\x1b]52;c;SGVsbG8=\x07board\u202eoverride\u202cand\x00more\x9bwords"
    folder = tmp_path / "config" / "roadmaps"
    folder.mkdir(parents=True)
    (folder / "mine.yaml").write_text(
        "schema: 1\nid: mine\ntitle: Mine\nsource: {document: Mine}\nsummary: Mine.\n"
        'duration: {text: "4 weeks", weeks: {min: 4, max: 4}}\n'
        "hours_per_week: {value: 8, assumed: true, note: a guess}\nphases:\n"
        "  - number: 1\n    id: basics\n    title: Basics\n"
        '    weeks: {min: 4, max: 4, text: "4 weeks"}\n    summary: Basics.\n'
        f"    topics:\n      - {{id: clip, title: {json.dumps(title)}}}\n"
        f"    milestone: {{id: basics-done, title: {json.dumps(title)}}}\n",
        "utf-8",
    )
    env = {"MLPATH_CONFIG_DIR": str(tmp_path / "config"), "NO_COLOR": "1"}
    args = ("plan", "-r", "mine", "-s", "2027-01-04", "--dry-run")
    for columns in (60, 80, 100):
        r = cli(*args, today=TODAY, env={**env, "COLUMNS": str(columns)})
        assert r.exit_code == 0, r.stderr
        shown = "".join(_table_cells(r.stdout))
        for escape in ("\\x1b", "\\x07", "\\u202e", "\\u202c", "\\x00", "\\x9b"):
            # four weeks of the topic (with its hours) and the milestone's week
            assert shown.count(escape) == 5, (columns, escape, r.stdout)


def _torn(text: str) -> list[str]:
    """Backslashes that do not begin a whole escape (`\\x1b`, `\\u202e`, `\\n`): where a
    cut fell inside one ("\\u20…" reads as another character)."""
    return re.findall(r"\\(?!x[0-9a-f]{2}|u[0-9a-f]{4}|[ntr])...", text)


def _escaped_roadmap(folder: Path, rid: str, title: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{rid}.yaml").write_text(
        f"schema: 1\nid: {rid}\ntitle: Mine\nsource: {{document: Mine}}\nsummary: Mine.\n"
        'duration: {text: "4 weeks", weeks: {min: 4, max: 4}}\n'
        "hours_per_week: {value: 8, assumed: true, note: a guess}\nphases:\n"
        f"  - number: 1\n    id: basics\n    title: {json.dumps(title)}\n"
        '    weeks: {min: 4, max: 4, text: "4 weeks"}\n    summary: Basics.\n'
        f"    topics:\n      - {{id: clip, title: {json.dumps(title)}}}\n"
        f"    milestone: {{id: basics-done, title: {json.dumps(title)}}}\n",
        "utf-8",
    )


def test_status_and_cohort_cut_between_escapes(cli: Cli, tmp_path: Path) -> None:
    """A long title or name of escapes (`\\u202e` is six characters on screen) is cut
    between them wherever the cut falls: six learners whose titles start one character
    apart put the cut at every offset within an escape."""
    config = tmp_path / "config"
    env = {"MLPATH_CONFIG_DIR": str(config), "NO_COLOR": "1"}
    exports = tmp_path / "class"
    exports.mkdir()
    for k in range(6):
        rid, home = f"mine{k}", str(tmp_path / f"home{k}")
        title = "x" * k + "\u202e" * 40
        _escaped_roadmap(config / "roadmaps", rid, title)
        mine = {**env, "MLPATH_HOME": home}
        assert cli("plan", "-r", rid, "-s", "2027-01-04", today=TODAY, env=mine).exit_code == 0
        for columns in (60, 80):
            status = cli("status", today=TODAY, env={**mine, "COLUMNS": str(columns)})
            assert status.exit_code == 0, status.stderr
            assert "\\u202e" in status.stdout and "…" in status.stdout
            assert _torn(status.stdout) == [], (k, columns, status.stdout)
        name = "y" * k + "\u202e" * 12
        shared = ("export", "json", "--share", "--name", name, "-o", str(exports / f"{k}.json"))
        assert cli(*shared, today=TODAY, env=mine).exit_code == 0
    for columns in (80, 100):  # a table from 80 columns: the name column cuts
        cohort = cli("cohort", str(exports), today=TODAY, env={**env, "COLUMNS": str(columns)})
        assert cohort.exit_code == 0, cohort.stderr
        assert "\\u202e" in cohort.stdout and "…" in cohort.stdout
        assert _torn(cohort.stdout) == [], cohort.stdout


def test_a_file_named_late_in_a_sentence_wraps_as_a_word() -> None:
    # a line keeps its first file with what leads to it (`Wrote /path.`, doctor's
    # `ok  state file  /path ...`) only when that lead is short: doctor's fix line
    # "fix: There is no usable backup: move /tmp/x/state.json aside ..." ran 88 wide
    line = "fix: There is no usable backup: move /tmp/x/state.json aside to start afresh."
    for width in (60, 40):
        lines = wrap_line(line, width)
        assert all(cells(ln) <= width for ln in lines), lines
        assert _words("\n".join(lines)) == _words(line)
    assert wrap_line("Wrote /tmp/a/very/long/folder/name/for/the/site/index.html.", 30) == [
        "Wrote /tmp/a/very/long/folder/name/for/the/site/index.html."
    ]

"""Shell completion as a new user meets it, in bash, zsh and fish: the candidates each
argument and option gets (PRODUCT.md: "shell completion (typer) including item ids"),
from the plan the command line is about, and text from a user's files kept harmless.

Completion runs through Typer's own protocol (the environment its scripts set), in
this process; `_candidates` reads the values back out of each shell's format.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from clirun import Cli, invoke

REPO = Path(__file__).resolve().parent.parent
TODAY = "2027-01-06"
# what no shell may receive raw: C0 controls but the separators, DEL, C1, bidi controls
BIDI = {0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}
FORBIDDEN = {*range(0x20), 0x7F, *range(0x80, 0xA0), 0x2028, 0x2029, *BIDI} - {0x09, 0x0A}


def _env(shell: str, words: str) -> dict[str, str]:
    if shell == "bash":
        cword = len(words.split()) - (0 if words.endswith(" ") else 1)
        return {"_MLPATH_COMPLETE": "complete_bash", "COMP_WORDS": words, "COMP_CWORD": str(cword)}
    env = {"_MLPATH_COMPLETE": f"complete_{shell}", "_TYPER_COMPLETE_ARGS": words}
    if shell == "fish":
        env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    return env


def _complete(shell: str, words: str, env: dict[str, str] | None = None) -> Any:
    result = invoke([], today=TODAY, env={**(env or {}), **_env(shell, words)})
    assert result.exit_code == 0, (words, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    return result


def _candidates(words: str, shell: str = "fish", env: dict[str, str] | None = None) -> list[str]:
    """The values the shell is offered for the last word of `words`."""
    out = _complete(shell, words, env).stdout
    if shell == "zsh":
        if out.strip() == "_files":
            return []
        body = out.split("((", 1)[1].rsplit("))", 1)[0]
        return [line.split('":"', 1)[0].strip('"') for line in body.splitlines()]
    return [line.split("\t", 1)[0] for line in out.splitlines() if line]


def _plan(cli: Cli, roadmap: str = "practical", *extra: str) -> None:
    result = cli("plan", "-r", roadmap, "-H", "15", "--start", "2027-01-04", *extra, today=TODAY)
    assert result.exit_code == 0, result.stderr


# --- text from a user's files -----------------------------------------------------------


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_a_roadmap_file_name_reaches_the_shell_escaped(isolated: Path, shell: str) -> None:
    """A user roadmap's id is its file name: a name holding a newline and an OSC 52
    clipboard write is shown escaped, one candidate, never raw."""
    own = isolated.parent / "config" / "roadmaps"
    own.mkdir(parents=True)
    name = "odd\x1b]52;c;SGVsbG8=\x07\x9b\nname"
    (own / f"{name}.yaml").write_bytes((REPO / "data/roadmaps/practical.yaml").read_bytes())
    for words in ("mlpath plan -r o", "mlpath roadmaps show o", "mlpath config set roadmap o"):
        out = _complete(shell, words).stdout
        bad = sorted({hex(ord(c)) for c in out if ord(c) in FORBIDDEN})
        assert not bad, (shell, words, out)
        assert _candidates(words, shell) == ["odd\\x1b]52;c;SGVsbG8=\\x07\\x9b\\nname"]


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_a_title_with_brackets_is_shown_as_written(cli: Cli, isolated: Path, shell: str) -> None:
    """zsh and fish show each candidate's title, which Typer renders as rich markup: a
    title holding `[/bold]` or `[red]` is shown as written, not obeyed nor a crash."""
    own = isolated.parent / "config" / "roadmaps"
    own.mkdir(parents=True)
    title = "Linear [/bold] algebra [red]x[/red]"
    text = (REPO / "data/roadmaps/practical.yaml").read_text(encoding="utf-8")
    text = text.replace("title: Linear algebra\n", f'title: "{title}"\n', 1)
    (own / "mine.yaml").write_text(text.replace("id: practical", "id: mine", 1), encoding="utf-8")
    _plan(cli, "mine")
    out = _complete(shell, "mlpath done linear").stdout
    assert title in out, out


# --- the plan completed from ------------------------------------------------------------


def test_completion_reads_the_plan_home_names(cli: Cli, isolated: Path) -> None:
    """`--home DIR` on the command line (before or after the command) is the plan the
    candidates come from, as it is for the command itself."""
    _plan(cli)
    elsewhere = {"MLPATH_HOME": str(isolated.parent / "elsewhere")}
    assert _candidates("mlpath done stat", env=elsewhere) == []
    for words in (
        f"mlpath --home {isolated} done stat",
        f"mlpath done --home {isolated} stat",
        f"mlpath --home={isolated} log 1 --item stat",
    ):
        assert _candidates(words, env=elsewhere) == ["statistics"], words
    assert _candidates(f"mlpath --home {isolated} replan --background s", env=elsewhere) == [
        "software-engineer"
    ]


def test_a_skipped_item_is_offered_where_the_command_takes_it(cli: Cli) -> None:
    """`skip`, `log --item` and `start` refuse a skipped item; `reopen` brings it back
    (and `done` may still tick it)."""
    _plan(cli)
    assert cli("skip", "linear-algebra", today=TODAY).exit_code == 0
    for words in ("mlpath skip lin", "mlpath log 1 --item lin", "mlpath start lin"):
        assert _candidates(words) == [], words
        assert cli(*words.split()[1:-1], "linear-algebra", today=TODAY).exit_code != 0
    assert _candidates("mlpath reopen lin") == ["linear-algebra"]
    assert _candidates("mlpath done lin") == ["linear-algebra"]
    assert _candidates("mlpath skip stat") == ["statistics"]


# --- fixed choices ----------------------------------------------------------------------


def test_levels_and_ratings_complete(cli: Cli) -> None:
    levels = ["beginner", "intermediate", "advanced"]
    assert _candidates("mlpath plan --level ") == levels
    assert _candidates("mlpath plan -r complete -l a") == ["advanced"]
    assert _candidates("mlpath config set level ") == levels
    _plan(cli)
    assert _candidates("mlpath replan --level i") == ["intermediate"]
    assert cli("done", "statistics", today=TODAY).exit_code == 0
    assert _candidates("mlpath review statistics ") == ["again", "hard", "good", "easy"]
    assert _candidates("mlpath review statistics g") == ["good"]


# --- what a plan's options name ---------------------------------------------------------


def test_plan_options_naming_phases_and_items_complete(cli: Cli) -> None:
    """--deadline TARGET=DATE, --skip PHASE|ITEM and --compress PHASE offer the roadmap's
    phases and items (of `-r` on the line, else the plan's), each as the option takes it."""
    assert _candidates("mlpath plan -r practical --deadline sup") == [
        "supervised=",
        "supervised-tabular-project=",
        "supervised-baseline=",
    ]
    assert _candidates("mlpath plan -r practical --deadline supervised=2027") == []
    assert _candidates("mlpath plan -r practical --skip f") == ["foundations"]
    assert _candidates("mlpath plan -r practical --skip supervised-") == [
        "supervised-tabular-project"  # a milestone is not skipped alone
    ]
    assert _candidates("mlpath plan -r practical --compress ") == [
        "foundations",
        "supervised",
        "unsupervised-specialization",
        "production",
    ]
    _plan(cli)
    assert _candidates("mlpath replan --deadline prod") == ["production="]
    assert _candidates("mlpath replan --skip lin") == ["linear-algebra"]
    assert cli("replan", "-n", "--deadline", "production=2029-01-01", today=TODAY).exit_code == 0
    args = ("plan", "-r", "practical", "-n", "--skip", "linear-algebra")
    assert cli(*args, "--compress", "foundations", today=TODAY).exit_code == 0


# --- mlpath help COMMAND ----------------------------------------------------------------


def test_help_completes_command_names_only() -> None:
    """`mlpath help COMMAND...` takes command words (spec.help_words): the names under
    the words typed so far, never a command's own arguments."""
    assert _candidates("mlpath he") == ["help"]
    assert _candidates("mlpath help ro") == ["roadmaps"]
    assert _candidates("mlpath help roadmaps ") == ["show", "validate"]
    assert _candidates("mlpath help config s", "bash") == ["show", "set"]
    assert _candidates("mlpath help done ") == []
    assert _candidates("mlpath help roadmaps show ") == []
    assert _candidates("mlpath help nosuch ") == []


# --- quick ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "built"),
    [
        ("mlpath done st", "done"),
        ("mlpath --home /nowhere review ", "review"),
        ("mlpath roadmaps show c", "roadmaps"),
        ("mlpath do", None),  # the command word itself: every command it may start
        ("mlpath ", None),
    ],
)
def test_completion_builds_only_the_command_it_completes(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], words: str, built: Any
) -> None:
    """A run builds only the command its command line names (cli/main.py): a completion's
    line is in the environment, not argv, and building every command is most of Typer's
    start-up."""
    from mlpath.cli import main

    asked: list[str | None] = []
    build = main.build_app

    def recording(only: str | None = None) -> Any:
        asked.append(only)
        return build(only)

    monkeypatch.setattr(main, "build_app", recording)
    for name, value in _env("bash", words).items():
        monkeypatch.setenv(name, value)
    with pytest.raises(SystemExit) as ended:
        main.run([])
    assert ended.value.code == 0
    assert asked == [built]
    if built == "roadmaps":
        assert capsys.readouterr().out.split() == ["complete"]  # still completes


def test_colour_choices_complete() -> None:
    assert _candidates("mlpath --color ") == ["auto", "always", "never"]
    assert _candidates("mlpath --color n") == ["never"]
    assert _candidates("mlpath config set color a") == ["auto", "always"]


def test_plan_completes_from_the_roadmap_it_would_lay(cli: Cli) -> None:
    """`plan` without -r lays config's roadmap, else the level's, not the active plan's:
    its options offer that roadmap's ids, which it takes; `replan` keeps the plan's."""
    _plan(cli, "complete")
    assert _candidates("mlpath plan --pick ") == ["reinforcement-learning", "advanced-cv"]
    assert cli("plan", "-n", "--pick", "advanced-cv", today=TODAY).exit_code == 0
    assert _candidates("mlpath plan -l adv --compress ")[0] == "core-ml"
    assert "nlp-project" in _candidates("mlpath replan --pick ")
    assert cli("config", "set", "roadmap", "practical").exit_code == 0
    assert _candidates("mlpath plan --background ") == ["software-engineer"]
    assert cli("plan", "-n", "-f", "--background", "software-engineer", today=TODAY).exit_code == 0


def test_replan_offers_none_where_it_clears(cli: Cli) -> None:
    # `replan --background none` / `--pick none` clear them; `plan` takes no `none`
    _plan(cli, "complete")
    picks = _candidates("mlpath replan --pick n")
    assert picks[-1] == "none" and "nlp-project" in picks
    assert _candidates("mlpath replan --background n") == ["non-stem", "none"]
    assert "none" not in _candidates("mlpath plan --pick ")
    assert cli("replan", "--pick", "none", today=TODAY).exit_code == 0

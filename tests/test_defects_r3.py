"""Issue 24, "A newcomer's first hour, and defects from months of simulated use": one test
(or a few) per numbered reproduction, and the first hour's line-breaking defects.

Expected figures are worked out by hand in the comments. The bundled `practical`
roadmap at level intermediate: phases of 6, 8, 6 and 6 weeks at its nominal 15 h/week,
so 390 h in all; at 15 h/week every day the plan lays 15/7 h a day.
"""

from __future__ import annotations

import json
from typing import Any

from clirun import Cli


def ok(result: Any) -> Any:
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return result


def plan_practical(cli: Cli, *extra: str, today: str = "2027-01-04") -> None:
    ok(cli("plan", "-r", "practical", "-l", "intermediate", "-H", "15", *extra, today=today))


# --- 1. replan rewrites the burndown's past ----------------------------------------------


def burndown(cli: Cli, today: str) -> list[Any]:
    points = json.loads(ok(cli("status", "--json", today=today)).stdout)["burndown"]["points"]
    return [(p["week"], p["planned_remaining"], p["actual_remaining"]) for p in points]


def test_a_replan_leaves_past_weeks_of_the_burndown_as_they_were(cli: Cli) -> None:
    # Plan from Mon 2027-01-04 (390 h); 5 h logged on 01-12 (week 2: 01-11..01-17).
    # Week 0 ends 01-03, week 1 01-10: nothing was logged by then, so 390 left at both;
    # week 2 ends 01-17: 385 left. A replan on 01-20 settles the 5 h into its credit,
    # which must not reach back before the 12th.
    plan_practical(cli)
    ok(cli("log", "5", today="2027-01-12"))
    before = burndown(cli, "2027-01-20")
    assert [a for _, _, a in before[:3]] == [390, 390, 385]
    ok(cli("replan", today="2027-01-20"))
    after = burndown(cli, "2027-01-20")
    assert after[:3] == before[:3]  # weeks 0-2 end before the replan: planned and actual
    ok(cli("replan", "-H", "10", today="2027-01-27"))
    assert burndown(cli, "2027-01-27")[:4] == after[:4]  # week 3 ended on 01-24


# --- 2. a review dated in the past counts "in N days" from today ---------------------------


def test_a_past_review_says_when_the_next_one_is_from_today(cli: Cli) -> None:
    # The issue's reproduction: done 01-08, a "good" review dated 01-10 while today is
    # 01-20. Whatever day FSRS gives the next review (after 01-20: a "good" at day 2
    # waits longer than ten days), the count that follows it is from today, 01-20:
    # the issue's "2027-01-21 (in 11 days)" counted from 01-10.
    from datetime import date

    plan_practical(cli)
    ok(cli("done", "python-libraries", today="2027-01-08"))
    out = ok(cli("review", "python-libraries", "good", "--on", "2027-01-10", today="2027-01-20"))
    line = next(x for x in out.stdout.splitlines() if x.startswith("Next review: "))
    due = date.fromisoformat(line.split()[2])
    wait = (due - date(2027, 1, 20)).days
    assert wait > 0
    shown = "(tomorrow)." if wait == 1 else f"(in {wait} days)."
    assert line == f"Next review: {due.isoformat()} {shown}"


# --- 3. replan --level and replan -n keep everything done and logged ----------------------


def test_replan_level_keeps_ticks_and_logs_and_caps_credit(cli: Cli, isolated: Any) -> None:
    # practical for a beginner: the document's "about twelve months", twice each phase,
    # so phase 1 is 12 weeks x 15 h = 180 h, 60 h for each of its three topics; 780 h in all.
    ok(cli("plan", "-r", "practical", "-l", "beginner", "-H", "15", today="2027-01-04"))
    ok(cli("done", "statistics", today="2027-01-05"))
    for day in ("2027-01-06", "2027-01-07"):  # 40 h over two days (24 h a day at most)
        ok(cli("log", "20", "--item", "python-libraries", today=day))
    state = isolated / "state.json"
    saved = state.read_bytes()
    dry = ok(cli("replan", "--level", "intermediate", "-n", today="2027-01-08"))
    assert "nothing saved" in dry.stdout and state.read_bytes() == saved
    ok(cli("replan", "--level", "int", today="2027-01-08"))
    status = json.loads(ok(cli("status", "--json", today="2027-01-08")).stdout)
    # intermediate: 390 h; statistics done counts its new 30 h; the 40 h logged to
    # python-libraries stay logged, but only its new effort, 30 h, counts as credit.
    assert status["plan"]["level"] == "intermediate"
    assert status["overall"]["total_hours"] == 390
    assert status["overall"]["completed_hours"] == 30
    assert status["overall"]["credited_hours"] == 60
    assert status["study"]["total_logged"] == 40
    # and back: the tick and the logs are still there (780 h; statistics 60 h done). The
    # intermediate replan settled python-libraries' credit at its 30 h then; it stays so.
    ok(cli("replan", "-l", "beginner", today="2027-01-08"))
    status = json.loads(ok(cli("status", "--json", today="2027-01-08")).stdout)
    assert status["overall"]["total_hours"] == 780
    assert (status["overall"]["completed_hours"], status["overall"]["credited_hours"]) == (60, 90)
    assert status["study"]["total_logged"] == 40


def test_plan_over_progress_points_at_replan_level(cli: Cli) -> None:
    # issue 24 (3): `plan` with another level over a plan with progress is refused; the
    # way to change the level and keep the progress is named
    plan_practical(cli)
    ok(cli("done", "python-libraries", today="2027-01-05"))
    refused = cli("plan", "-r", "practical", "-l", "advanced", today="2027-01-05")
    assert refused.exit_code == 1 and "`replan --level`" in " ".join(refused.stderr.split())


def test_replan_dry_run_json_says_it_saved_nothing(cli: Cli, isolated: Any) -> None:
    plan_practical(cli)
    saved = (isolated / "state.json").read_bytes()
    view = json.loads(
        ok(cli("replan", "-H", "20", "--dry-run", "--json", today="2027-01-10")).stdout
    )
    assert view["saved"] is None and view["changed"] is False  # nothing saved
    assert (isolated / "state.json").read_bytes() == saved
    view = json.loads(ok(cli("replan", "-H", "20", "--json", today="2027-01-10")).stdout)
    assert view["saved"] == str(isolated / "state.json")


# --- 4. a replan starts today or later ------------------------------------------------------


def test_replan_from_the_past_is_refused_with_the_reason(cli: Cli, isolated: Any) -> None:
    plan_practical(cli)
    saved = (isolated / "state.json").read_bytes()
    result = cli("replan", "--from", "2026-01-01", today="2027-01-20")
    assert result.exit_code == 2
    assert "before today (2027-01-20)" in result.stderr and "Traceback" not in result.stderr
    assert (isolated / "state.json").read_bytes() == saved
    ok(cli("replan", "--from", "2027-01-25", today="2027-01-20"))  # later: fine


def test_replan_from_the_past_says_a_typed_date_once(cli: Cli) -> None:
    """A date typed as a date is not read back to the learner; another form is."""
    plan_practical(cli)
    typed = cli("replan", "--from", "2027-01-15", today="2027-01-20")
    assert typed.exit_code == 2
    assert "--from 2027-01-15 is before today (2027-01-20)" in typed.stderr
    other = cli("replan", "--from", "yesterday", today="2027-01-20")
    assert other.exit_code == 2
    assert "--from yesterday is 2027-01-19, before today (2027-01-20)" in other.stderr


# --- 6. --finish-by before the plan's start ---------------------------------------------------


def test_finish_by_before_the_start_says_so(cli: Cli) -> None:
    result = cli(
        "plan",
        "-r",
        "practical",
        "-s",
        "2027-02-01",
        "--finish-by",
        "2027-01-15",
        today="2027-01-04",
    )
    assert result.exit_code == 2
    assert "that date is before the plan's start (2027-02-01)" in result.stderr
    plan_practical(cli)
    result = cli("replan", "--finish-by", "2027-01-15", today="2027-01-20")
    assert result.exit_code == 2
    assert "that date is before the plan's start (2027-01-20)" in result.stderr


# --- the first hour: a line naming a file stays one line; no command broken across lines ----


def test_validate_names_the_file_on_one_line_at_any_path_length(cli: Cli, tmp_path: Any) -> None:
    # a checkout under a long folder path (the issue's was ~45 characters; this is ~120)
    deep = tmp_path / ("a-rather-long-folder-name-" * 4) / "data" / "roadmaps"
    deep.mkdir(parents=True)
    mine = deep / "practical.yaml"
    mine.write_bytes(_bundled("practical"))
    for columns in ("80", "60", "40"):
        out = ok(cli("roadmaps", "validate", str(mine), env={"COLUMNS": columns})).stdout
        assert out == f"{mine}: ok (practical, 4 phases)\n"


def _bundled(name: str) -> bytes:
    from pathlib import Path

    return (
        Path(__file__).resolve().parent.parent / "data" / "roadmaps" / f"{name}.yaml"
    ).read_bytes()


def test_the_first_plans_closing_line_keeps_its_command_whole(cli: Cli, tmp_path: Any) -> None:
    home = tmp_path / ("somewhere-deep-" * 3) / "mlpath"
    for columns in ("80", "60", "40"):
        env = {"COLUMNS": columns, "MLPATH_HOME": str(home / columns)}
        out = ok(cli("plan", "-r", "practical", env=env, today="2027-01-04")).stdout
        assert out.splitlines()[-1].endswith("Next: `mlpath next`."), (columns, out[-200:])


def test_no_width_breaks_inside_backticks_a_date_or_a_figure() -> None:
    # issue 24 (9): "15" / "h/week", "Jul" / "2027)", "`mlpath" / "next`."; every width
    # from 20 to the line's length: none of these pairs is ever split by a break.
    from mlpath.render.term import wrap_line

    lines = [
        "Saved as your plan in the usual folder for it. Next: `mlpath next`.",
        "Pace behind by 2 days (projected Fri 30 Jul 2027 at this pace; planned Mon 05 Jul 2027)",
        "A practical path for people with about 15 h/week to give, over six months",
    ]
    for line in lines:
        for width in range(20, len(line) + 1):
            got = wrap_line(line, width)
            assert [w for piece in got for w in piece.split()] == line.split()
            for a, b in zip(got, got[1:], strict=False):
                ends, starts = a.split()[-1], b.split()[0]
                assert ends.count("`") % 2 == 0 or a.count("`") % 2 == 0, (width, got)
                assert not (ends[-1:].isdigit() and starts in ("h/week", "Jul", "h")), (width, got)
                assert ends != "Jul", (width, got)


# --- 7. one sentence for a negative number, whichever way it comes in ---------------------


def test_negative_numbers_get_the_value_check_everywhere(cli: Cli, isolated: Any) -> None:
    hours = "Hours per week must be more than zero, not '-1'."
    minutes = "Minutes per review must be 0 or more, not '-5'."
    for args, sentence in (
        (("config", "set", "hours", "-1"), f"Cannot set 'hours': {hours}"),
        (("config", "set", "review_minutes", "-5"), f"Cannot set 'review_minutes': {minutes}"),
        (("plan", "-r", "practical", "-H", "-1"), hours),
        (("plan", "-r", "practical", "--review-minutes", "-5"), minutes),
    ):
        result = cli(*args, today="2027-01-04")
        assert result.exit_code == 2, (args, result.stdout)
        assert sentence in result.stderr and "No such option" not in result.stderr, args
    plan_practical(cli)
    result = cli("log", "-1", today="2027-01-05")
    assert result.exit_code == 2 and "Hours must be more than zero, not '-1'." in result.stderr
    # an unknown option is still one
    assert "No such option: --jsn" in cli("config", "set", "hours", "--jsn").stderr


# --- 10. config --help names only the settings there are ------------------------------------


def test_config_help_drops_the_removed_week_start(cli: Cli) -> None:
    text = " ".join(ok(cli("config", "--help")).stdout.split()).lower()
    assert "week start" not in text and "week_start" not in text
    assert "review minutes" in text


# --- 8. the plan table pads by display width ----------------------------------------------


def test_the_plan_table_lines_up_with_wide_characters(cli: Cli, tmp_path: Any) -> None:
    # A user roadmap whose titles are CJK (two cells a character, no spaces to wrap at)
    # and emoji: every row of the table is exactly COLUMNS cells, its bars in line.
    from mlpath.render.term import cells

    text = _bundled("practical").decode("utf-8")
    text = text.replace("title: Python libraries", "title: Pythonライブラリと数値計算の基礎を学ぶ")
    text = text.replace("title: Statistics", "title: 統計学 📊 と確率 🎲")
    text = text.replace("title: Regression", "title: 回帰分析（線形回帰・正則化・評価指標）")
    mine = tmp_path / "wide.yaml"
    mine.write_text(text, encoding="utf-8")
    for columns in (80, 60):
        out = ok(
            cli(
                "plan",
                "-r",
                str(mine),
                "-H",
                "15",
                "-n",
                env={"COLUMNS": str(columns)},
                today="2027-01-04",
            )
        ).stdout
        table = [line for line in out.splitlines() if line[:1] in "┏┃┡│└"]
        assert {cells(line) for line in table} == {columns}, columns

        # where the bars stand, in cells: on every row where the header's stand
        def bars(line: str, bar: str) -> list[int]:
            at, out = 0, []
            for ch in line:
                if ch == bar:
                    out.append(at)
                at += cells(ch)
            return out

        head = bars(table[1], "┃")
        assert len(head) == 6
        assert all(bars(line, "│") == head for line in table if line.startswith("│"))
        assert "ライブラリ" in out.replace("\n", "").replace("│", "").replace(" ", "")


# --- 11. the smaller ones -------------------------------------------------------------------


def test_one_week_is_singular(cli: Cli) -> None:
    # complete, beginner, software engineer: phase 0's 2 weeks halved -> 1 week
    out = ok(
        cli(
            "plan",
            "-n",
            "-r",
            "complete",
            "-l",
            "beginner",
            "--background",
            "software-engineer",
            today="2027-01-04",
        )
    ).stdout
    assert "Phases 0 (1 week), 1 (6.5 weeks)" in " ".join(out.split())
    assert "(1 weeks)" not in out


def test_an_unknown_roadmap_suggests_only_what_is_near(cli: Cli) -> None:
    far = cli("plan", "-r", "nope", today="2027-01-04")
    assert far.exit_code == 2 and "Did you mean" not in far.stderr
    assert "Known roadmaps: beginner, intermediate, job-ready, complete, practical." in far.stderr
    for typo, meant in (("practcal", "practical"), ("job", "job-ready"), ("complet", "complete")):
        assert f"Did you mean {meant}?" in cli("plan", "-r", typo, today="2027-01-04").stderr


def test_the_roadmaps_table_is_padded_and_ends_no_line_in_spaces(cli: Cli) -> None:
    for columns in ("80", "60"):
        out = ok(cli("roadmaps", env={"COLUMNS": columns})).stdout
        lines = out.splitlines()
        assert all(line == line.rstrip(" ") for line in lines), columns
        assert lines[0] == "Roadmaps"
        rows = [line for line in lines if line.startswith(("┃", "│"))]
        assert rows[0].startswith("┃ id ") and any(r.startswith("│ beginner ") for r in rows)


def test_status_keeps_in_n_days_whole_at_40_columns(cli: Cli) -> None:
    # the next milestone (practical's phase 2, due 2027-04-11) is 81 days after 01-20
    plan_practical(cli)
    out = ok(cli("status", "--width", "40", today="2027-01-20")).stdout
    assert "in 81 days" in out and "in 81 …" not in out
    assert max(len(line) for line in out.splitlines()) <= 40


def test_the_last_week_shown_ends_by_2999_12_31(cli: Cli) -> None:
    # planned from 2999-06-01 (26 weeks: to 2999-11-29); on 2999-12-31, week 31 of the
    # calendar would run 2999-12-28..3000-01-03: it is shown to 2999-12-31
    ok(cli("plan", "-r", "practical", "-l", "intermediate", "-H", "15", today="2999-06-01"))
    view = json.loads(ok(cli("next", "--json", today="2999-12-31")).stdout)
    assert view["week"]["start"] == "2999-12-28" and view["week"]["end"] == "2999-12-31"
    assert "3000" not in ok(cli("next", today="2999-12-31")).stdout


def test_plan_json_says_where_it_saved(cli: Cli, isolated: Any) -> None:
    view = json.loads(ok(cli("plan", "-r", "practical", "--json", today="2027-01-04")).stdout)
    assert view["saved"] == str(isolated / "state.json")
    before = (isolated / "state.json").read_bytes()
    dry = json.loads(ok(cli("plan", "-r", "complete", "-n", "--json", today="2027-01-05")).stdout)
    assert dry["saved"] is None and (isolated / "state.json").read_bytes() == before


def test_status_watch_json_is_a_usage_error(cli: Cli) -> None:
    plan_practical(cli)
    result = cli("status", "--watch", "--json", today="2027-01-05")
    assert result.exit_code == 2 and result.stdout == ""
    error = json.loads(result.stderr)
    assert error["error"].startswith("--watch redraws a screen and --json prints")
    assert error["error"].count(". ") == 0  # one sentence


def test_install_completion_follows_shell_and_runs_twice_the_same(tmp_path: Any) -> None:
    import os
    import subprocess
    import sys

    home = tmp_path / "user"
    home.mkdir()

    def install(shell: str) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "HOME": str(home), "SHELL": shell}
        return subprocess.run(
            [sys.executable, "-m", "mlpath", "--install-completion"],
            env=env, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip

    # fish, though this process's parent is whatever runs the tests
    assert install("/usr/bin/fish").returncode == 0
    fish = home / ".config" / "fish" / "completions" / "mlpath.fish"
    assert "complete --command mlpath" in fish.read_text(encoding="utf-8")
    assert not (home / ".bashrc").exists()
    (home / ".bashrc").write_text("alias ll='ls -l'", encoding="utf-8")  # no final newline
    for _ in range(3):
        assert install("/bin/bash").returncode == 0
    script = home / ".bash_completions" / "mlpath.sh"
    assert (home / ".bashrc").read_text(encoding="utf-8") == (
        f"alias ll='ls -l'\nsource '{script}'\n"
    )
    for _ in range(2):
        assert install("/bin/zsh").returncode == 0
    assert (home / ".zshrc").read_text(encoding="utf-8") == (
        "fpath+=~/.zfunc\nautoload -Uz compinit\ncompinit\n"
    )
    unknown = install("/bin/tcsh")
    assert unknown.returncode == 2 and "SHELL (/bin/tcsh)" in unknown.stderr


# --- 5. the "roadmap file is not here" warning goes when the file is back -------------------


def test_the_missing_roadmap_warning_goes_when_the_file_is_back(tmp_path: Any) -> None:
    import os
    import subprocess
    import sys

    env = {
        **os.environ,
        "MLPATH_HOME": str(tmp_path / "home"),
        "MLPATH_CACHE_DIR": str(tmp_path / "cache"),
        "MLPATH_TODAY": "2027-01-04",
    }

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        proc = subprocess.run(
            [sys.executable, "-m", "mlpath", *args],
            env=env, capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr
        return proc

    mine = tmp_path / "mine.yaml"
    mine.write_text(
        _bundled("practical").decode("utf-8").replace("id: practical", "id: mine", 1), "utf-8"
    )
    run("plan", "-r", str(mine))
    for command in ("next", "status"):
        assert "is not here" not in run(command).stderr  # the views are cached now
    away = tmp_path / "away.yaml"
    mine.rename(away)
    for command in ("next", "status"):
        assert "is not here" in run(command).stderr
    away.rename(mine)
    for command in ("next", "status"):
        assert "is not here" not in run(command).stderr, command
    mine.rename(away)  # and gone again: the warning is back at once
    assert "is not here" in run("next").stderr


def test_roadmaps_show_keeps_figures_with_their_units(cli: Cli) -> None:
    # issue 24 (9): at 40 columns `roadmaps show practical --brief` put "15" and "h/week"
    # on two lines; at no width from 40 to 100 does a line end in a figure whose unit
    # begins the next line
    units = ("h/week", "h", "weeks", "week", "days", "months")
    for columns in range(40, 101, 3):
        out = ok(cli("roadmaps", "show", "practical", "--brief", env={"COLUMNS": str(columns)}))
        lines = [line.split() for line in out.stdout.splitlines()]
        for this, after in zip(lines, lines[1:], strict=False):
            if this and after:
                assert not (this[-1][-1].isdigit() and after[0] in units), (columns, this, after)


def test_a_replan_past_2999_is_refused_with_a_way_a_replan_has(cli: Cli) -> None:
    """A replan lays from today, so it cannot "start earlier": practical at 15 h/week
    from 2999-01-04 (26 weeks, to July); at 5 h/week from 2999-03-01 the 390 h less
    the eight weeks laid would run to 3000."""
    got = cli("plan", "-r", "practical", "-l", "intermediate", "-H", "15", "-s", "2999-01-04",
              today="2999-01-04")  # fmt: skip
    assert got.exit_code == 0, got.output
    refused = cli("replan", "-H", "5", today="2999-03-01")
    assert refused.exit_code == 2
    assert "after 2999-12-31" in refused.stderr
    assert "Start earlier" not in refused.stderr and "--hours" in refused.stderr


def test_finish_by_out_of_reach_before_2999_suggests_no_date_after_it(cli: Cli) -> None:
    """complete (beginner) is over 1,500 h: at 100 h a week from 2999-12-01 it would end
    in March 3000, so no --finish-by date mlpath reads can be suggested (3000-03-27
    was, and is refused as out of range when given)."""
    got = cli("plan", "-r", "complete", "-l", "beginner", "-s", "2999-12-01",
              "--finish-by", "2999-12-31", "-n", today="2999-12-01")  # fmt: skip
    assert got.exit_code == 2
    assert "3000-" not in got.stderr and "2999-12-31, the last date mlpath handles" in got.stderr

"""config.yaml: `mlpath config path|show|set|unset`, plan defaults, colour, strict errors."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from mlpath.cli.main import app
from mlpath.store.config import ConfigError, DuplicateKey, NotSimple, load_config, parse_simple

TODAY = "2027-01-04"


def run(runner: CliRunner, args: list[str], **env: str) -> Any:
    result = runner.invoke(app, args, env={"MLPATH_TODAY": TODAY, **env})
    assert result.exit_code == 0, result.output + result.stderr
    return result


def config_file(isolated: Path) -> Path:
    return isolated.parent / "config" / "config.yaml"  # conftest: MLPATH_CONFIG_DIR


def test_path_names_the_file_in_the_config_dir(runner: CliRunner, isolated: Path) -> None:
    assert run(runner, ["config", "path"]).stdout.strip() == str(config_file(isolated))
    assert not config_file(isolated).exists()  # asking does not create it


def test_set_then_show_round_trips_and_writes_plain_yaml(runner: CliRunner, isolated: Path) -> None:
    for key, value in [
        ("hours", "7.5"),
        ("level", "adv"),
        ("days", "mon, wed,sat"),
        ("roadmap", "complete"),
        ("color", "false"),
        ("review_minutes", "10m"),
        ("timer_cap", "90m"),
        ("max_hours_per_day", "3"),
        ("review_cap_minutes", "20"),
    ]:
        assert f"Set {key} = " in run(runner, ["config", "set", key, value]).stdout
    expected = {
        "hours": "7.5",
        "level": "advanced",
        "days": "mon,wed,sat",
        "roadmap": "complete",
        "color": "never",
        "review_minutes": 10,
        "timer_cap": "1.5h",  # 90 min, kept in hours
        "max_hours_per_day": "3",
        "review_cap_minutes": 20,
    }
    shown = json.loads(run(runner, ["config", "show", "--json"]).stdout)
    assert shown["path"] == str(config_file(isolated)) and shown["exists"] is True
    assert {k: v["value"] for k, v in shown["settings"].items()} == expected
    assert {v["source"] for v in shown["settings"].values()} == {"config"}
    on_disk = yaml.safe_load(config_file(isolated).read_text(encoding="utf-8"))
    assert {k: str(v) for k, v in on_disk.items()} == {k: str(v) for k, v in expected.items()}
    # Setting the same value again changes nothing.
    assert "nothing changed" in run(runner, ["config", "set", "hours", "7.5"]).stdout
    assert [p.name for p in config_file(isolated).parent.iterdir()] == ["config.yaml"]


def test_show_without_a_file_lists_the_defaults(runner: CliRunner) -> None:
    shown = json.loads(run(runner, ["config", "show", "--json"]).stdout)
    assert shown["exists"] is False
    assert {v["source"] for v in shown["settings"].values()} == {"default"}
    assert shown["settings"]["hours"]["value"] == "10"
    text = run(runner, ["config", "show"]).stdout
    assert "not created yet" in text and "review_minutes" in text


def test_an_unset_key_shows_what_it_means_not_another_keys_default(runner: CliRunner) -> None:
    """Unset, roadmap is the one matching the level; max_hours_per_day is no cap
    beyond a day's 24 h (its help says so), not "the one matching the level"."""
    rows = {
        line.split()[0]: line for line in run(runner, ["config", "show"]).stdout.splitlines()[1:]
    }
    assert "(the one matching the level)" in rows["roadmap"]
    assert "(unset: 24)" in rows["max_hours_per_day"]
    assert "matching the level" not in rows["max_hours_per_day"]


def test_a_file_that_still_sets_week_start_gets_a_notice_not_an_error(
    runner: CliRunner, isolated: Path
) -> None:
    """Issue 16: week_start was stored but used nowhere. Weeks are the plan's own
    (start + 7(N-1)), so the key is gone; an old file keeps working."""
    path = config_file(isolated)
    path.parent.mkdir(parents=True)
    path.write_text("hours: 7.5\nweek_start: sun\n", encoding="utf-8")
    cfg = load_config(str(path))
    assert cfg.values == {"hours": "7.5"}
    assert cfg.notices == [
        f"{path}, line 2: 'week_start' is no longer a setting (weeks are your plan's own: "
        "week 1 starts on the plan's first day); `mlpath config unset week_start` removes it."
    ]
    shown = json.loads(run(runner, ["config", "show", "--json"]).stdout)
    assert "week_start" not in shown["settings"]
    listed = runner.invoke(app, ["roadmaps"], env={"MLPATH_TODAY": TODAY})
    assert listed.exit_code == 0
    assert listed.stderr.count("'week_start' is no longer a setting") == 1  # one line
    assert "'week_start' is no longer a setting" in run(runner, ["config", "show"]).stderr
    assert "Removed week_start" in run(runner, ["config", "unset", "week_start"]).stdout
    assert load_config(str(path)).notices == []
    assert path.read_text(encoding="utf-8") == "hours: 7.5\n"


@pytest.mark.parametrize(
    ("key", "value", "words"),
    [
        ("hours", "lots", "hours per week"),
        ("hours", "0", "more than zero"),
        ("level", "expert", "not a level"),
        ("days", "mon,funday", "not a day"),
        ("week_start", "sun", "no longer a setting"),  # issue 16: it did nothing
        ("color", "purple", "auto, always or never"),
        ("roadmap", "no-such-roadmap", "No roadmap with id"),
        ("colour", "never", "did you mean 'color'"),
        # a cap's limit, in a sentence about a cap (it read "more a cap than fit")
        ("timer_cap", "25h", "more than a timer cap can be: 24 h at most"),
        ("max_hours_per_day", "25", "more than a study day's cap can be: 24 h at most"),
    ],
)
def test_set_refuses_bad_values_naming_the_key(
    runner: CliRunner, isolated: Path, key: str, value: str, words: str
) -> None:
    result = runner.invoke(app, ["config", "set", key, value])
    assert result.exit_code == 2, result.stderr
    assert words in result.stderr and "Traceback" not in result.stderr
    if key != "roadmap":
        assert f"'{key}'" in result.stderr
    assert "--" not in result.stderr  # a config value, not a flag: "like mon,wed,sat"
    assert not config_file(isolated).exists()


def test_plan_takes_its_defaults_from_config_and_flags_win(runner: CliRunner) -> None:
    for key, value in [("hours", "7.5"), ("level", "advanced"), ("days", "mon,wed,sat")]:
        run(runner, ["config", "set", key, value])
    run(runner, ["config", "set", "roadmap", "complete"])
    plan = json.loads(run(runner, ["plan", "--dry-run", "--json"]).stdout)
    assert (plan["roadmap"], plan["level"], plan["hours_per_week"], plan["days"]) == (
        "complete",
        "advanced",
        7.5,
        "mon,wed,sat",
    )
    assert any("(config)" in d for d in plan["defaults_used"])
    flags = ["-r", "practical", "-l", "beginner", "-H", "12", "--days", "tue,thu"]
    plan = json.loads(run(runner, ["plan", "--dry-run", "--json", *flags]).stdout)
    assert (plan["roadmap"], plan["level"], plan["hours_per_week"], plan["days"]) == (
        "practical",
        "beginner",
        12,
        "tue,thu",
    )


def test_a_roadmap_file_is_stored_as_an_absolute_path(
    runner: CliRunner, isolated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src = Path(__file__).resolve().parent.parent / "data" / "roadmaps" / "practical.yaml"
    (tmp_path / "mine.yaml").write_bytes(src.read_bytes())
    monkeypatch.chdir(tmp_path)
    run(runner, ["config", "set", "roadmap", "./mine.yaml"])
    assert load_config(str(config_file(isolated))).values["roadmap"] == str(tmp_path / "mine.yaml")


BAD_FILES = [
    ("hours: lots\n", "line 1", "'hours'"),
    ("level: beginner\nhour: 8\n", "line 2", "did you mean 'hours'"),
    ("level: expert\n", "line 1", "'level'"),
    ("days: [mon, funday]\n", "line 1", "'days'"),
    ("color: purple  # loud\n", "line 1", "'color'"),
    ("roadmap:\n", "line 1", "'roadmap'"),
    ("hours: 8\nlevel: advanced\nhours: 9\n", "line 3", "'hours' is set twice"),
    ("- hours\n- 8\n", "line 1", "key: value"),
    ("hours: [8\n", "line", "config.yaml"),
]


@pytest.mark.parametrize(("text", "where", "words"), BAD_FILES)
def test_a_bad_config_stops_commands_before_they_change_anything(
    runner: CliRunner, isolated: Path, text: str, where: str, words: str
) -> None:
    path = config_file(isolated)
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    for args in (["plan"], ["next"], ["roadmaps"], ["config", "show"]):
        result = runner.invoke(app, args, env={"MLPATH_TODAY": TODAY})
        assert result.exit_code == 1, (args, result.stdout, result.stderr)
        err = result.stderr
        assert str(path) in err and where in err and words in err, err
        # continuation lines (wrapped to the terminal) are indented
        assert "Traceback" not in err and err.replace("\n  ", " ").count("\n") <= 2
    assert not (isolated / "state.json").exists()
    assert path.read_text(encoding="utf-8") == text  # never rewritten by reading
    # `config path` still answers, and --help still works for config itself.
    assert run(runner, ["config", "path"]).stdout.strip() == str(path)


def test_set_and_unset_repair_a_bad_file_and_keep_its_comments(
    runner: CliRunner, isolated: Path
) -> None:
    path = config_file(isolated)
    path.parent.mkdir(parents=True)
    path.write_text(
        "# my settings\nhours: lots\nlevel: intermediate  # for now\ndays:\n  - mon\n  - thu\n"
        "hours: 3\ncolr: never\n",
        encoding="utf-8",
    )
    result = run(runner, ["config", "set", "hours", "6"])
    assert "still has a problem" in result.stderr and "'colr'" in result.stderr
    run(runner, ["config", "set", "days", "sat,sun"])
    run(runner, ["config", "unset", "colr"])
    text = path.read_text(encoding="utf-8")
    assert text == "# my settings\nhours: 6\nlevel: intermediate  # for now\ndays: sat,sun\n"
    cfg = load_config(str(path))
    assert cfg.values == {"hours": "6", "level": "intermediate", "days": "sat,sun"}
    assert "was not set" in run(runner, ["config", "unset", "color"]).stdout
    run(runner, ["config", "unset", "hours"])
    assert "hours" not in load_config(str(path)).values


def _has_ansi(runner: CliRunner, args: list[str]) -> bool:
    result = run(runner, args, FORCE_COLOR="1", TERM="xterm-256color")
    return "\x1b[" in result.stdout


def test_color_never_in_config_turns_colour_off(runner: CliRunner) -> None:
    args = ["plan", "--dry-run", "-H", "10"]
    assert _has_ansi(runner, args)  # a forced terminal shows colour by default
    run(runner, ["config", "set", "color", "never"])
    assert not _has_ansi(runner, args)
    run(runner, ["config", "set", "color", "auto"])
    assert _has_ansi(runner, args)


# --- the fast reader agrees with PyYAML -----------------------------------------------------

SIMPLE_TEXTS = [
    "hours: 7.5\n",
    "hours: 10\nlevel: Advanced\n",
    "color: no\n",
    "color: Off\n",
    "color: TRUE\n",
    "roadmap: null\n",
    "roadmap:\n",
    "days: mon, wed,sat\n",
    "roadmap: 'my roadmap.yaml'\n",
    'roadmap: "/home/me/ml/roadmap.yaml"\n',
    "# comment\n\nweek_start: sun\n",
    "hours: 0\n",
]


@pytest.mark.parametrize("text", SIMPLE_TEXTS)
def test_fast_reader_matches_pyyaml_on_what_mlpath_writes(text: str) -> None:
    values, _ = parse_simple(text)
    assert values == (yaml.safe_load(text) or {})


_VALUE = st.one_of(
    st.sampled_from(["yes", "No", "OFF", "y", "null", "~", "7.5", "010", "1e3", ".5", "-1"]),
    st.from_regex(r"[A-Za-z][A-Za-z0-9 ,._/+-]{0,10}", fullmatch=True),
    st.from_regex(r"[0-9]{1,3}(\.[0-9]{1,2})?", fullmatch=True),
    st.from_regex(r"['\"][a-z #:'\"\\]{0,6}['\"]", fullmatch=True),
    st.text(alphabet="aAnoyesNOtrufl0123456789.,-_ /'\"#:~+", max_size=12),
)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(["hours", "level", "days", "x_y", "a-b"]), _VALUE))
def test_fast_reader_never_disagrees_with_pyyaml(pairs: dict[str, str]) -> None:
    text = "".join(f"{k}: {v}\n" for k, v in pairs.items())
    try:
        fast, _ = parse_simple(text)
    except (NotSimple, DuplicateKey):
        return  # outside the subset: PyYAML reads it instead
    assert fast == (yaml.safe_load(text) or {})


def test_load_config_reports_the_file_it_read(isolated: Path) -> None:
    path = config_file(isolated)
    path.parent.mkdir(parents=True)
    path.write_text("hours: abc\n", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(str(path))
    assert str(path) in str(err.value) and "config set hours" in str(err.value)


@pytest.mark.parametrize("cap", ["20m", "1h20", "0:50"])
def test_a_timer_cap_of_odd_minutes_reads_back(runner: CliRunner, cap: str) -> None:
    # 20 min is a third of an hour: it was written as "1/3h", which the reader then
    # refused, so every command stopped on config.yaml until the key was set again
    run(runner, ["config", "set", "timer_cap", cap])
    shown = json.loads(run(runner, ["config", "show", "--json"]).stdout)
    value = shown["settings"]["timer_cap"]["value"]
    assert "/" not in value  # one a learner can read, as they typed it
    run(runner, ["config", "set", "timer_cap", value])  # the value shown is one set takes
    assert "nothing changed" in run(runner, ["config", "set", "timer_cap", cap]).stdout


def test_a_timer_cap_in_minutes_cuts_a_session(runner: CliRunner) -> None:
    run(runner, ["config", "set", "timer_cap", "20m"])
    now = {"MLPATH_NOW": "2027-01-04T09:00", "MLPATH_TODAY": "2027-01-04"}
    run(runner, ["plan", "-r", "practical", "-s", "2027-01-04"], **now)
    run(runner, ["start"], **now)
    run(runner, ["stop"], MLPATH_NOW="2027-01-04T10:00")
    logged = json.loads(run(runner, ["next", "--json"], MLPATH_NOW="2027-01-04T10:00").stdout)
    assert logged["method"]["logged_today"] == pytest.approx(1 / 3)


def test_hours_of_odd_minutes_are_kept_as_people_write_them(runner: CliRunner) -> None:
    # 3h20 is 10/3 h: shown (and kept) as "10/3" it read as no duration anyone types
    assert "Set hours = 3h20 " in run(runner, ["config", "set", "hours", "3h20"]).stdout
    assert (
        "max_hours_per_day = 2h20 "
        in run(runner, ["config", "set", "max_hours_per_day", "140m"]).stdout
    )
    shown = json.loads(run(runner, ["config", "show", "--json"]).stdout)["settings"]
    assert (shown["hours"]["value"], shown["max_hours_per_day"]["value"]) == ("3h20", "2h20")
    assert "10/3" not in run(runner, ["config", "show"]).stdout
    plan = json.loads(run(runner, ["plan", "--dry-run", "--json"]).stdout)
    assert plan["hours_per_week"] == float(Fraction(10, 3))


def test_a_review_cap_refused_says_what_it_is_and_the_most_it_takes(runner: CliRunner) -> None:
    # the cap is minutes a day of carried reviews, not minutes per review; a whole
    # number past the most is one, just too many
    for value in ("1000", "-5", "abc"):
        got = runner.invoke(app, ["config", "set", "review_cap_minutes", value])
        assert got.exit_code == 2
        assert "per review" not in got.output and "a day" in got.output
    got = runner.invoke(app, ["config", "set", "review_minutes", "500"])
    assert got.exit_code == 2
    assert "is not a number" not in got.output and "at most 120" in got.output
    got = runner.invoke(app, ["plan", "--review-minutes", "500", "--dry-run"])
    assert got.exit_code == 2 and "at most 120" in got.output


def test_a_review_cap_below_one_review_is_refused_set_or_written(
    runner: CliRunner, isolated: Path
) -> None:
    """A day takes a carried review only while one review's minutes fit under the cap:
    a smaller cap would leave them waiting for ever, so it is not a setting."""
    for value in ("0", "4"):
        got = runner.invoke(app, ["config", "set", "review_cap_minutes", value])
        assert got.exit_code == 2 and "Traceback" not in got.output
        assert "at least 5" in got.output and f"not {value}" in got.output
    # a value that is no number, or a negative one, is told the range a cap may take:
    # from one review's 5 minutes, not from 0, which is refused
    for value in ("abc", "-5", "2.5"):
        got = runner.invoke(app, ["config", "set", "review_cap_minutes", value])
        assert got.exit_code == 2 and "Traceback" not in got.output
        assert "from 0" not in got.output and "from 5 to 120" in got.output
    assert not config_file(isolated).exists()  # nothing written
    # a plan's reviews may take longer than the cap (a day still takes one): raising
    # review_minutes past it later leaves the file valid, in either order
    run(runner, ["config", "set", "review_cap_minutes", "10"])
    run(runner, ["config", "set", "review_minutes", "15"])
    assert runner.invoke(app, ["plan", "--dry-run"], env={"MLPATH_TODAY": TODAY}).exit_code == 0
    # written by hand: reported as any bad value is, naming the file's line and the key
    config_file(isolated).write_text("hours: 8\nreview_cap_minutes: 2\n", encoding="utf-8")
    for args in (["config", "show"], ["status"], ["plan", "--dry-run"]):
        got = runner.invoke(app, args, env={"MLPATH_TODAY": TODAY})
        assert got.exit_code == 1 and "Traceback" not in got.output
        assert "line 2" in got.output and "review_cap_minutes" in got.output
        assert "at least 5" in got.output
    with pytest.raises(ConfigError):
        load_config(str(config_file(isolated)))

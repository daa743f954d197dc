"""Backgrounds, choosable ideas and the practical beginner's twelve months, as a
learner meets them: the plans the documents describe, the state they leave, and
what `roadmaps show` prints without --json.

Expected figures are worked out by hand from the documents (each sum is written
out next to its assertion), never read back from mlpath's own functions.

Hours per week of `complete`, per phase (its timeline table): 0: 20, 1: 22.5,
2: 25, 3: 25, 4: 30, 5: 30, 6: 25, 7: 20. Its weeks at the intermediate level
(the midpoints): 0: 1.5, 1: 11, 2: 5, 3: 7, 4: 9, 5: 7, 6: 5, 7: 13.
"""

from __future__ import annotations

import json
import os
import re
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from mlpath.app import actions
from mlpath.core.views import roadmap_detail
from mlpath.errors import UsageError
from mlpath.render.roadmaps import console, roadmap_show
from mlpath.store.catalog import resolve
from mlpath.store.state import store_for

DAY = date(2027, 1, 4)  # a Monday


def plan(roadmap: str, level: str, hours: str = "15", **extra: Any) -> dict[str, Any]:
    return actions.make_plan(
        store_for(None),
        DAY,
        roadmap=roadmap,
        level=level,
        hours=hours,
        start="2027-01-04",
        days=None,
        breaks=(),
        dry_run=bool(extra.pop("dry_run", True)),
        force=False,
        **extra,
    ).view


def exact(x: float) -> Fraction:
    """A JSON number back as the fraction it stands for (24/7 is a float in JSON)."""
    return Fraction(str(x)).limit_denominator(10_000)


def phase_weeks(view: dict[str, Any]) -> dict[int, Fraction]:
    return {p["number"]: exact(p["weeks"]) for p in view["phases"] if not p["skipped"]}


def item_hours(view: dict[str, Any]) -> dict[str, Fraction]:
    out: dict[str, Fraction] = {}
    for wk in view["weeks"]:
        for it in wk["items"]:
            out[it["id"]] = out.get(it["id"], Fraction(0)) + Fraction(str(it["hours"]))
    return {k: v.limit_denominator(10_000) for k, v in out.items()}


# --- practical: the longer end for a beginner, 8 weeks for a software engineer ---------


def test_practical_beginner_at_15_hours_takes_twelve_months() -> None:
    # "Someone spending 15 hours per week starting from Python basics is looking at
    # the longer end" of six to twelve months: 52 weeks, twice 6 + 8 + 6 + 6.
    view = plan("practical", "beginner")
    assert phase_weeks(view) == {1: 12, 2: 16, 3: 12, 4: 12}
    assert view["total_hours"] == 52 * 15 == 780
    # 780 h at 15/7 h a day: 364 days, the last one Sunday 2 January 2028
    assert view["finish"] == "2028-01-02" and view["total_weeks"] == 52
    assert all(p["override"] for p in view["phases"])


def test_practical_intermediate_keeps_the_26_weeks() -> None:
    view = plan("practical", "intermediate")
    assert phase_weeks(view) == {1: 6, 2: 8, 3: 6, 4: 6}
    assert view["total_hours"] == 26 * 15 and view["total_weeks"] == 26
    assert not any(p["override"] for p in view["phases"])


def test_practical_software_engineer_does_phases_1_and_2_in_8_weeks() -> None:
    # 8 weeks combined, shared 6 : 8 -> 24/7 and 32/7; at any level
    for level, rest in (("intermediate", 6 + 6), ("beginner", 12 + 12)):
        view = plan("practical", level, backgrounds=("software-engineer",))
        weeks = phase_weeks(view)
        assert (weeks[1], weeks[2]) == (Fraction(24, 7), Fraction(32, 7)), level
        assert view["total_hours"] == (8 + rest) * 15, level
        assert view["backgrounds"] == [
            {
                "id": "software-engineer",
                "label": "Software engineer with Python fluency and some statistics background",
            }
        ]
        assert [p["backgrounds"] for p in view["phases"]] == [
            ["software-engineer"],
            ["software-engineer"],
            [],
            [],
        ]
    # advanced no longer means "software engineer": it keeps the 26 weeks
    assert plan("practical", "advanced")["total_hours"] == 26 * 15


# --- complete: three backgrounds ---------------------------------------------------------


def test_complete_math_phd_skips_phase_1() -> None:
    view = plan("complete", "intermediate", "25", backgrounds=("math-phd",))
    skipped = [p["number"] for p in view["phases"] if p["skipped"]]
    assert skipped == [1]
    full = plan("complete", "intermediate", "25")
    # phase 1 at the midpoint: 11 weeks x 22.5 h
    assert Fraction(str(full["total_hours"])) - Fraction(str(view["total_hours"])) == Fraction(
        495, 2
    )


@pytest.mark.parametrize(
    ("level", "extra", "p0", "p1"),
    [
        # the figure by level, split in proportion to the phases' weeks
        ("beginner", 6, Fraction(2) + Fraction(6 * 2, 15), Fraction(13) + Fraction(6 * 13, 15)),
        (
            "intermediate",
            5,
            Fraction(3, 2) + Fraction(5 * 3, 25),
            Fraction(11) + Fraction(5 * 22, 25),
        ),
        ("advanced", 4, Fraction(1) + Fraction(4, 10), Fraction(9) + Fraction(4 * 9, 10)),
    ],
)
def test_complete_non_stem_adds_four_to_six_weeks_over_phases_0_and_1(
    level: str, extra: int, p0: Fraction, p1: Fraction
) -> None:
    base = phase_weeks(plan("complete", level, "25"))
    view = plan("complete", level, "25", backgrounds=("non-stem",))
    weeks = phase_weeks(view)
    assert (weeks[0], weeks[1]) == (p0, p1)
    assert weeks[0] + weeks[1] == base[0] + base[1] + extra
    assert all(weeks[n] == base[n] for n in range(2, 8))


def test_complete_software_engineer_is_not_a_level() -> None:
    # "may compress Phases 0–2", no figure: half of each (assumed, with its reason)
    view = plan("complete", "intermediate", "25", backgrounds=("software-engineer",))
    weeks = phase_weeks(view)
    assert (weeks[0], weeks[1], weeks[2]) == (Fraction(3, 4), Fraction(11, 2), Fraction(5, 2))
    advanced = plan("complete", "advanced", "25")
    assert not any(p["override"] for p in advanced["phases"]), "advanced alone compresses nothing"


def test_unknown_background_is_a_usage_error_listing_the_roadmaps() -> None:
    with pytest.raises(UsageError) as err:
        plan("complete", "intermediate", backgrounds=("astronaut",))
    assert err.value.exit_code == 2
    text = f"{err.value} {err.value.hint}"
    assert "astronaut" in text
    for known in ("software-engineer", "math-phd", "non-stem"):
        assert known in text
    with pytest.raises(UsageError) as err:
        plan("job-ready", "intermediate", backgrounds=("software-engineer",))
    assert "no backgrounds" in (err.value.hint or "")


# --- choosable ideas ---------------------------------------------------------------------


def test_complete_portfolio_is_one_project_of_your_choice_until_you_pick() -> None:
    view = plan("complete", "intermediate", "25")
    hours = item_hours(view)
    # Phase 7: 13 weeks x 20 h, all of it on the one stand-in, no nine projects
    assert hours["portfolio-project"] == 260
    for idea in ("cv-project", "research-paper", "open-source"):
        assert idea not in hours
    picked = plan("complete", "intermediate", "25", picks=("nlp-project", "blog-posts"))
    hours = item_hours(picked)
    assert "portfolio-project" not in hours
    assert hours["nlp-project"] == hours["blog-posts"] == 130
    assert picked["total_hours"] == view["total_hours"]
    assert [p["id"] for p in picked["picks"]] == ["nlp-project", "blog-posts"]


def test_complete_specialisation_track_takes_the_stand_ins_share() -> None:
    # Phase 5: 7 weeks x 30 h over three topics and one project: 52.5 h each
    view = plan("complete", "intermediate", "25", picks=("computer-vision-track",))
    hours = item_hours(view)
    assert hours["computer-vision-track"] == Fraction(105, 2)
    assert "specialisation-track" not in hours
    assert hours["transformers-attention"] == Fraction(105, 2)


def test_a_choice_of_one_takes_one_pick() -> None:
    with pytest.raises(UsageError) as err:
        plan("beginner", "intermediate", picks=("reinforcement-learning", "advanced-cv"))
    assert err.value.exit_code == 2 and "at most 1" in str(err.value)
    with pytest.raises(UsageError) as err:
        plan("complete", "intermediate", picks=("underwater-basket-weaving",))
    assert "cv-project" in (err.value.hint or "")


# --- state: the plan record keeps them, replan keeps and changes them --------------------


def test_state_and_replan_keep_backgrounds_and_picks(isolated: Path) -> None:
    plan("complete", "intermediate", "25", dry_run=False, backgrounds=("non-stem",),
         picks=("rl-project",))  # fmt: skip
    state = json.loads((isolated / "state.json").read_text("utf-8"))
    record = state["events"][-1]["plan"]
    assert record["backgrounds"] == ["non-stem"] and record["picks"] == ["rl-project"]
    store = store_for(None)
    change = actions.do_replan(store, DAY, hours="20", from_=None, days=None, breaks=())
    replanned = change.view["plan"]
    assert [b["id"] for b in replanned["backgrounds"]] == ["non-stem"]
    assert [p["id"] for p in replanned["picks"]] == ["rl-project"]
    # changed later, keeping progress
    change = actions.do_replan(
        store, DAY, hours=None, from_=None, days=None, breaks=(), backgrounds=("math-phd",),
        picks=("none",),
    )  # fmt: skip
    replanned = change.view["plan"]
    assert [b["id"] for b in replanned["backgrounds"]] == ["math-phd"]
    assert replanned["picks"] == []
    state = json.loads((isolated / "state.json").read_text("utf-8"))
    assert "picks" not in state["events"][-1]["plan"]


def test_a_plan_without_them_writes_neither(isolated: Path) -> None:
    plan("practical", "intermediate", dry_run=False)
    record = json.loads((isolated / "state.json").read_text("utf-8"))["events"][-1]["plan"]
    assert "backgrounds" not in record and "picks" not in record


# --- roadmaps show, in text ----------------------------------------------------------------


def shown(rid: str, width: int = 80, brief: bool = False) -> str:
    con = console(no_color=True, width=width)
    with con.capture() as cap:
        roadmap_show(con, roadmap_detail(resolve(rid)), brief=brief)
    return cap.get()


def flat(text: str) -> str:
    return " ".join(text.split())


def test_show_tells_every_assumed_figure_without_json() -> None:
    complete = flat(shown("complete"))
    assert "Ongoing · 13 weeks assumed" in complete
    assert 'The document calls this phase "Ongoing"' in complete
    assert "PhD in mathematics" in complete and "skips phase 1" in complete
    assert "adds four to six weeks (6 beginner, 5 intermediate, 4 advanced)" in complete
    assert "0.5 × their weeks (assumed)" in complete
    assert "(editorial)" in complete and "Career paths" in complete and "Tips" in complete
    assert "[from the document's general list; placed here by mlpath]" in complete
    assert "portfolio-project" in complete and "research-paper" in complete
    jobready = flat(shown("job-ready"))
    assert "15 h/week (assumed)" in jobready and "Ongoing · 6 weeks assumed" in jobready
    assert "published by the AI Learning Hub" in jobready
    assert "002_" not in jobready, "never the file name"
    practical = flat(shown("practical"))
    assert "Not designed for: Researchers" in practical
    assert "beginner: extends phases 1, 2, 3, 4 to 52 weeks combined (assumed)" in practical
    assert "compresses phases 1, 2 to 8 weeks combined" in practical
    assert "published by Edirae" in flat(shown("beginner"))


@pytest.mark.parametrize("rid", ["beginner", "intermediate", "job-ready", "complete", "practical"])
@pytest.mark.parametrize("width", [60, 80])
def test_show_fits_the_width_and_brief_is_the_phase_list(rid: str, width: int) -> None:
    text = shown(rid, width)
    assert all(len(line.rstrip()) <= width for line in text.splitlines())
    brief = shown(rid, width, brief=True)
    assert all(len(line.rstrip()) <= width for line in brief.splitlines())
    assert brief.count("Phase ") == len(resolve(rid).phases)
    assert " Topics\n" not in brief and "FAQ" not in brief


@pytest.mark.parametrize("width", range(60, 101, 2))
def test_show_keeps_the_pick_command_of_a_choice_whole(width: int) -> None:
    # at 80 columns beginner's choice ended a line with "plan" and began the next
    # with "--pick ID"
    for rid in ("beginner", "practical"):
        text = shown(rid, width)
        assert text.count("plan --pick ID)") == len(
            re.findall(r"ideas to choose from \(", flat(text))
        )


def test_time_added_to_a_skipped_phase_goes_with_it() -> None:
    # non-stem adds 6 weeks (beginner) over phases 0 (2 weeks) and 1 (13 weeks):
    # 0.8 and 5.2; math-phd then skips phase 1, and its 5.2 weeks with it
    view = plan("complete", "beginner", "25", backgrounds=("non-stem", "math-phd"))
    weeks = phase_weeks(view)
    assert 1 not in weeks and weeks[0] == Fraction(14, 5)


def test_next_shows_the_resources_of_the_pick(cli: Any) -> None:
    plan("complete", "intermediate", "25", dry_run=False, picks=("computer-vision-track",))
    items = {it["id"]: it for it in json.loads(cli("export", "json").stdout)["items"]}
    # the track takes 52.5 h at 25/7 h a day: about 15 days from its first one
    first = date.fromisoformat(items["computer-vision-track"]["start"])
    today = (first + timedelta(days=1)).isoformat()
    for done in ("0", "1", "2", "3", "4", "transformers-attention", "llms"):
        assert cli("done", done, "--on", first.isoformat(), today=today).exit_code == 0
    r = cli("next", "--json", today=today)
    assert r.exit_code == 0, r.output
    shown = json.loads(r.stdout)
    assert shown["now"][0]["id"] == "computer-vision-track"
    titles = [res["title"] for res in shown["resources"]]
    # the track's best courses (the document's table), before the phase's general ones
    assert titles[:2] == ["Stanford CS231N", "Fast.ai"]
    assert "Attention Is All You Need" not in titles


# --- through the command line ----------------------------------------------------------


def test_plan_background_and_pick_on_the_command_line(cli: Any, isolated: Path) -> None:
    r = cli("plan", "-r", "complete", "--background", "astronaut", "--dry-run")
    assert r.exit_code == 2 and r.stdout == ""
    (line,) = r.stderr.strip().splitlines()
    assert "astronaut" in line and "math-phd (PhD in mathematics)" in line
    assert "Traceback" not in r.stderr
    args = ["-r", "complete", "-l", "int", "-H", "25", "--start", "2027-01-04"]
    r = cli("plan", *args, "--background", "non-stem", "--pick", "nlp-project", today="2027-01-04")
    assert r.exit_code == 0, r.stderr
    assert "Background: Non-STEM background (--background non-stem)" in r.stdout
    assert "Picked: NLP project (nlp-project)" in r.stdout
    # an idea not picked: done says how to pick it, exit 2
    r = cli("done", "cv-project", today="2027-01-05")
    assert r.exit_code == 2 and "replan --pick cv-project" in r.stderr
    r = cli("replan", "--pick", "cv-project", "--json", today="2027-01-05")
    assert r.exit_code == 0, r.stderr
    view = json.loads(r.stdout)["plan"]
    assert [p["id"] for p in view["picks"]] == ["cv-project"]
    assert [b["id"] for b in view["backgrounds"]] == ["non-stem"]  # kept
    assert cli("done", "cv-project", today="2027-01-05").exit_code == 0
    markdown = cli("export", "markdown", today="2027-01-05").stdout
    assert "background: Non-STEM background" in markdown and "picked: Computer Vision" in markdown


def test_roadmaps_show_brief_on_the_command_line(cli: Any) -> None:
    r = cli("roadmaps", "show", "job-ready", "--brief", env={"COLUMNS": "60"})
    assert r.exit_code == 0, r.stderr
    assert "Phase 6 · Portfolio Projects" in r.stdout and "6 weeks assumed" in r.stdout
    assert " Topics" not in r.stdout
    assert all(len(line) <= 60 for line in r.stdout.splitlines())


def test_replan_pick_keeps_the_time_logged_on_the_choice(cli: Any, isolated: Path) -> None:
    """The picks share the stand-in's effort, so the hours logged on "Portfolio project
    of your choice" before picking count for the picks, and back again (`--pick none`)."""
    skip = [a for n in range(7) for a in ("--skip", str(n))]
    args = ["-r", "complete", "-l", "int", "-H", "25", "--review-minutes", "0", *skip]
    assert cli("plan", *args, today="2027-01-04").exit_code == 0
    assert cli("log", "10", "--item", "portfolio-project", today="2027-01-04").exit_code == 0

    def overall(day: str) -> dict[str, Any]:
        r = cli("status", "--json", today=day)
        assert r.exit_code == 0, r.stderr
        return dict(json.loads(r.stdout)["overall"])

    assert overall("2027-01-04")["credited_hours"] == 10
    r = cli("replan", "--pick", "cv-project", "--pick", "nlp-project", today="2027-01-05")
    assert r.exit_code == 0, r.stderr
    after = overall("2027-01-05")
    assert (after["credited_hours"], after["remaining_hours"]) == (10, 250)
    assert cli("replan", "--pick", "none", today="2027-01-06").exit_code == 0
    assert overall("2027-01-06")["credited_hours"] == 10


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_assess_on_a_terminal_keeps_its_lines_inside_60_columns(isolated: Path) -> None:
    """Every line `mlpath assess` draws on a 60-column terminal fits (the heading too)."""
    import select
    import subprocess
    import sys

    main, tty = os.openpty()
    env = {**os.environ, "COLUMNS": "60", "MLPATH_TODAY": "2027-01-04", "TERM": "xterm"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "mlpath", "assess", "-r", "practical"],
        stdin=tty,
        stdout=tty,
        stderr=tty,
        env=env,
        close_fds=True,
    )
    os.close(tty)
    seen = b""
    sent = False
    while True:
        ready, _, _ = select.select([main], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the terminal closed: the process is done
            break
        if not chunk:
            break
        seen += chunk
        if not sent and b"q quit" in seen:
            os.write(main, b"q")  # stop at the first question: nothing is changed
            sent = True
    proc.wait(timeout=30)
    os.close(main)
    shown = re.sub(r"\x1b\[[0-9;]*[A-Za-z]", "", seen.decode("utf-8", "replace"))
    lines = [seg for row in shown.replace("\r\n", "\n").split("\n") for seg in row.split("\r")]
    assert sent and proc.returncode == 2  # stopped: no answer, nothing changed
    assert any("[1/" in line for line in lines)
    assert [line for line in lines if len(line) > 60] == []


@pytest.mark.parametrize("width", range(60, 101, 4))
@pytest.mark.parametrize("rid", ["beginner", "intermediate", "job-ready", "complete", "practical"])
def test_show_keeps_every_inline_command_whole(cli: Any, rid: str, width: int) -> None:
    # at 60 columns complete's portfolio project said "Pick yours with `mlpath replan"
    # and "--pick ID`." on the next line: a pasted line ran a cut-off command
    result = cli("roadmaps", "show", rid, env={"COLUMNS": str(width)})
    assert result.exit_code == 0, result.stderr
    for line in result.stdout.splitlines():
        assert line.count("`") % 2 == 0, line


def test_show_gives_the_address_of_each_resource_the_document_gives_one(cli: Any) -> None:
    # the roadmap keeps the addresses the document gives (nlp.seas.harvard.edu,
    # kaggle.com/competitions, ...) but `roadmaps show` printed only the titles
    for rid in ("beginner", "intermediate", "job-ready", "complete", "practical"):
        result = cli("roadmaps", "show", rid, env={"COLUMNS": "80"})
        assert result.exit_code == 0, result.stderr
        heads = list(re.finditer(r"^Phase (\d+) · ", result.stdout, re.M))
        blocks = {
            int(m[1]): result.stdout[
                m.start() : heads[i + 1].start() if i + 1 < len(heads) else None
            ]
            for i, m in enumerate(heads)
        }
        for ph in resolve(rid).phases:
            block = blocks[ph.number]
            listed = block[block.index(" Resources\n") :] if ph.resources else ""
            listed = re.split(r"^ (?:Milestone|Notes)", listed, flags=re.M)[0]
            # each resource's own lines: its bullet and the lines hanging under it
            entries = re.findall(r"^  • (.*\n(?:    .*\n)*)", listed, re.M)
            for r in ph.resources:
                if r.url:
                    (entry,) = [e for e in entries if e.startswith(r.title)]
                    assert r.url in entry, (rid, r.title, r.url)


def test_next_and_review_give_the_address_of_a_resource(cli: Any, isolated: Path) -> None:
    # complete's Phase 5 lists the Annotated Transformer at nlp.seas.harvard.edu: the
    # daily screen named it without saying where to find it
    skip = [a for n in range(5) for a in ("--skip", str(n))]
    assert cli("plan", "-r", "complete", "-s", "2027-01-04", *skip, today="2027-01-04")
    shown = cli("next", today="2027-01-06", env={"COLUMNS": "80"})
    assert shown.exit_code == 0, shown.stderr
    view = json.loads(cli("next", "--json", today="2027-01-06").stdout)
    with_url = [r for r in view["resources"] if r.get("url")]
    assert with_url  # the case is the one it means to be
    lines = shown.stdout.splitlines()
    for r in with_url:
        (k,) = [k for k, line in enumerate(lines) if line.startswith(f"  • {r['title']}")]
        assert lines[k + 1].strip() == r["url"], shown.stdout
    item = view["now"][0]["id"]
    assert cli("done", item, today="2027-01-06").exit_code == 0
    due = json.loads(cli("review", "--json", today="2027-02-20").stdout)
    (card,) = [c for c in due["due"] if c["id"] == item]
    assert any(r.get("url") for r in card["resources"])
    listed = cli("review", today="2027-02-20", env={"COLUMNS": "80"}).stdout.splitlines()
    for r in card["resources"]:
        if r.get("url"):
            (k,) = [k for k, line in enumerate(listed) if line.startswith(f"    • {r['title']}")]
            assert listed[k + 1].strip() == r["url"], listed


# --- a choice: the document's ideas, and how to pick one said by mlpath itself -------------


def _texts(node: Any, key: str = "") -> Any:
    """Every (field, text) of a roadmap file's data, however deep."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _texts(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from _texts(v, key)
    elif isinstance(node, str):
        yield key, node


@pytest.mark.parametrize("rid", ["beginner", "intermediate", "job-ready", "complete", "practical"])
def test_what_the_document_says_is_never_mlpaths_own_instruction(rid: str) -> None:
    # complete's portfolio project said "Pick yours with `mlpath replan --pick ID`" in its
    # details, which `roadmaps show` gives as what the document says the item covers;
    # only a `note` (how mlpath read an assumed figure) may speak of mlpath
    import yaml

    path = Path(__file__).parent.parent / "data" / "roadmaps" / f"{rid}.yaml"
    said = {"summary", "details", "description", "title", "ask", "basis", "source"}
    for key, text in _texts(yaml.safe_load(path.read_text("utf-8"))):
        if key in said:
            assert not re.search(r"\bmlpath\b", text, re.I), (rid, key, text)


@pytest.mark.parametrize("width", [60, 80])
def test_show_and_next_say_how_to_pick_a_choices_idea(cli: Any, isolated: Path, width: int) -> None:
    # the hint is mlpath's, said wherever the choice is shown, from the item being one
    listed = flat(shown("complete", width=width))
    assert "Project ideas and publishing: ideas to choose from (pick any, plan --pick ID)" in (
        listed
    )
    skip = [a for n in range(7) for a in ("--skip", str(n))]
    assert cli("plan", "-r", "complete", "-l", "int", "-H", "25", *skip, today="2027-01-04")
    r = cli("next", today="2027-01-04", env={"COLUMNS": str(width)})
    assert r.exit_code == 0, r.stderr
    assert all(len(line) <= width for line in r.stdout.splitlines())
    lines = r.stdout.splitlines()
    (k,) = [k for k, line in enumerate(lines) if "Portfolio project of your choice" in line]
    hint = flat(" ".join(lines[k + 1 : k + 5]))
    assert "ideas to choose from (pick any): mlpath replan --pick ID" in hint, r.stdout
    assert "mlpath roadmaps show complete lists them" in hint, r.stdout
    assert any(line.rstrip().endswith("--pick ID") for line in lines), "the command whole"
    (now,) = json.loads(cli("next", "--json", today="2027-01-04").stdout)["now"]
    assert now["choice"]["id"] == "portfolio-ideas" and now["choice"]["max"] is None
    assert "cv-project" in now["choice"]["options"]
    # once picked, the ideas are the plan's items: nothing more to pick from
    assert cli("replan", "--pick", "cv-project", today="2027-01-05").exit_code == 0
    r = cli("next", today="2027-01-05", env={"COLUMNS": str(width)})
    assert "Computer Vision project" in r.stdout and "--pick" not in r.stdout
    assert all(
        "choice" not in it
        for it in json.loads(cli("next", "--json", today="2027-01-05").stdout)["now"]
    )


@pytest.mark.parametrize("rid", ["beginner", "practical"])
def test_a_choice_of_one_idea_says_pick_one(rid: str) -> None:
    # the documents say "pick one"; the count read "pick up to 1"
    text = flat(shown(rid, 80))
    assert "ideas to choose from (pick one, plan --pick ID)" in text
    assert "up to 1" not in text

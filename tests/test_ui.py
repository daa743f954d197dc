"""`mlpath ui`, driven by Textual's pilot: every view and every key.

The sample plan (tests/uisample.py) is the bundled intermediate roadmap at
10 h/week from Mon 2026-01-05, seen on Wed 2026-05-20 (week 20: 133 days in,
(133 // 7) + 1 = 20). Done: phase 1's milestone (so all of phase 1), then
nn-architecture, backpropagation, optimizers and loss-functions, so the first
three unfinished items in plan order are regularization, cnn-intro and
hardware-acceleration, and the next milestone is phase 2's cnn-from-scratch.
Logged this week (Mon 18 May on): 2 h + 1.5 h = 3.5 h.

After each key the tests read the state file itself, and what the shell's
`mlpath next --json` says, so the app and the CLI are checked against each other.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from clirun import traced
from uisample import TODAY, make_sample

textual = pytest.importorskip("textual")

from rich.text import Text  # noqa: E402
from textual.pilot import Pilot  # noqa: E402
from textual.widgets import DataTable, OptionList, Static, TabbedContent, Tree  # noqa: E402

from mlpath.ui.app import MlpathApp  # noqa: E402
from mlpath.ui.screens import ConfirmScreen, HelpScreen, ProblemScreen  # noqa: E402

DAY = TODAY.isoformat()


@pytest.fixture
def home(isolated: Path) -> Path:
    make_sample(isolated)
    return isolated


def events(home: Path) -> list[dict[str, Any]]:
    data: dict[str, Any] = json.loads((home / "state.json").read_text(encoding="utf-8"))
    return list(data["events"])


def text_of(app: MlpathApp, selector: str) -> str:
    return str(app.query_one(selector).render())


def shown_problem(app: MlpathApp) -> str:
    return str(app.screen.query_one("#problem").render())


def options(app: MlpathApp, selector: str) -> list[str]:
    ol = app.query_one(selector, OptionList)
    return [str(ol.get_option_at_index(i).id) for i in range(ol.option_count)]


async def until(pilot: Pilot[Any], cond: Callable[[], bool], tries: int = 60) -> None:
    """Let the app run (its poll, its redraws) until `cond` holds; bounded, not timed."""
    for _ in range(tries):
        if cond():
            return
        await pilot.pause(0.05)
    assert cond()


Scenario = Callable[[MlpathApp, Pilot[Any]], Awaitable[None]]


def drive(
    home: Path | None, scenario: Scenario, size: tuple[int, int] = (80, 24), **kw: Any
) -> MlpathApp:
    app = MlpathApp(home=home, today=kw.pop("today", TODAY), poll=0.05, **kw)

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await scenario(app, pilot)

    asyncio.run(main())
    return app


def cli_next(cli: Any) -> dict[str, Any]:
    result = cli("next", "--json", today=DAY)
    assert result.exit_code == 0, result.output
    view: dict[str, Any] = json.loads(result.stdout)
    return view


# --- Today and the keys that change things ---------------------------------------------


def test_today_opens_on_the_first_study_item_with_the_shells_figures(home: Path, cli: Any) -> None:
    shell = cli_next(cli)

    async def scenario(app: MlpathApp, pilot: Pilot[Any]) -> None:
        assert app.query_one(TabbedContent).active == "today"
        # what `next` lists to study now, then the next milestone (phase 2's)
        now = [i["id"] for i in shell["now"]]
        assert now[0] == "regularization"
        assert options(app, "#today-items") == [*now, "cnn-from-scratch"]
        assert app.view("today").selected_item() == "regularization"
        assert app.focused is app.query_one("#today-items")
        head = text_of(app, "#today-head")
        assert "Wednesday 20 May 2026" in head
        assert "Week 20 of 61" in head
        rest = text_of(app, "#today-rest")
        assert "3.5 h logged of 10 h planned" in rest
        assert f"Pace {shell['pace']['label']}" in rest
        assert shell["pace"]["label"] in text_of(app, "#title")

    drive(home, scenario)


def test_d_ticks_the_selected_item_and_the_shells_undo_reverts_it(home: Path, cli: Any) -> None:
    async def scenario(app: MlpathApp, pilot: Pilot[Any]) -> None:
        before = len(events(home))
        await pilot.press("d")
        new = events(home)[before:]
        assert [(e["type"], e["item"], e["on"]) for e in new] == [("done", "regularization", DAY)]
        assert "Done: Overfitting & Regularization" in text_of(app, "#message")
        assert options(app, "#today-items")[0] == "cnn-intro"
        assert [i["id"] for i in cli_next(cli)["now"]][0] == "cnn-intro"

        result = cli("undo", today=DAY)  # another terminal
        assert result.exit_code == 0, result.output
        await until(pilot, lambda: options(app, "#today-items")[0] == "regularization")

    drive(home, scenario)


def test_u_undoes_what_the_shell_did(home: Path, cli: Any) -> None:
    async def scenario(app: MlpathApp, pilot: Pilot[Any]) -> None:
        assert cli("done", "regularization", today=DAY).exit_code == 0
        await until(pilot, lambda: "regularization" not in options(app, "#today-items"))
        await pilot.press("u")
        last = events(home)[-1]
        assert last["type"] == "undone"
        assert "Undid: done regularization" in text_of(app, "#message")
        assert options(app, "#today-items")[0] == "regularization"
        assert cli_next(cli)["now"][0]["id"] == "regularization"

    drive(home, scenario)


def test_a_milestone_asks_before_it_completes_its_phase(home: Path, cli: Any) -> None:
    async def scenario(app: MlpathApp, pilot: Pilot[Any]) -> None:
        before = len(events(home))
        await pilot.press("down", "down", "down")  # the next milestone, last in the list
        assert app.view("today").selected_item() == "cnn-from-scratch"
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmScreen)
        # regularization, cnn-intro, hardware-acceleration are still open in phase 2
        assert "3 unfinished topics or projects" in app.screen.question
        await pilot.press("n")
        assert len(events(home)) == before
        assert "Nothing was changed" in text_of(app, "#message")

        await pilot.press("d")
        await pilot.press("y")
        new = events(home)[before:]
        assert [(e["type"], e["item"]) for e in new] == [("done", "cnn-from-scratch")]
        assert "Phase 2 is complete." in text_of(app, "#message")
        # phase 3's topics are what to study now, here and in the shell
        shell = [i["phase"] for i in cli_next(cli)["now"]]
        assert shell == [3, 3, 3]
        first = options(app, "#today-items")[0]
        assert first == cli_next(cli)["now"][0]["id"]

    drive(home, scenario)


def test_l_logs_time_in_the_clis_formats(home: Path) -> None:
    async def scenario(app: MlpathApp, pilot: Pilot[Any]) -> None:
        before = len(events(home))
        await pilot.press("l")
        await pilot.press(*"1h30", "enter")
        await pilot.press("l")
        await pilot.press(*"90m", "enter")
        new = events(home)[before:]
        # credited to the selected item, as `log --item` does
        assert [(e["type"], e["hours"], e["on"], e.get("item")) for e in new] == [
            ("log", "1.5", DAY, "regularization"),
            ("log", "1.5", DAY, "regularization"),
        ]
        # 3.5 h before, plus 1.5 h twice
        assert "6.5 h logged of 10 h planned" in text_of(app, "#today-rest")
        assert "Logged 1.5 h to regularization on 2026-05-20." in text_of(app, "#message")

    drive(home, scenario)


def test_l_on_a_view_without_a_selection_logs_plain_time(home: Path) -> None:
    async def scenario(app: MlpathApp, pilot: Pilot[Any]) -> None:
        before = len(events(home))
        await pilot.press("4", "l")
        await pilot.press(*"45m", "enter")
        new = events(home)[before:]
        assert [(e["type"], e["hours"], e.get("item")) for e in new] == [("log", "0.75", None)]

    drive(home, scenario)


def test_a_bad_entry_shows_the_clis_sentence_and_changes_nothing(home: Path, cli: Any) -> None:
    shell = cli("log", "lots", today=DAY)
    assert shell.exit_code == 2
    sentence = shell.stderr.strip()

    async def scenario(app: MlpathApp, pilot: Pilot[Any]) -> None:
        before = events(home)
        await pilot.press("l")
        await pilot.press(*"lots", "enter")
        assert events(home) == before
        message = app.query_one("#message")
        assert text_of(app, "#message") == sentence
        assert message.has_class("error")
        assert "Traceback" not in text_of(app, "#message")
        assert app.is_running

    drive(home, scenario)


def test_d_without_a_selected_item_says_where_to_pick_one(home: Path) -> None:
    async def scenario(app: MlpathApp, pilot: Pilot[Any]) -> None:
        before = events(home)
        await pilot.press("4", "d")
        assert events(home) == before
        assert "Select an item in Today or Roadmap" in text_of(app, "#message")

    drive(home, scenario)


def test_r_rates_the_selected_review(home: Path, cli: Any) -> None:
    async def scenario(app: MlpathApp, pilot: Pilot[Any]) -> None:
        await pilot.press("5")
        # every done item is a card, phase 1's items on their milestone's day (26 Mar);
        # eleven are past their first review day on 20 May, the longest overdue first
        cards = options(app, "#reviews-cards")
        assert len(cards) == 11
        assert cards[0] == "supervised-learning"
        assert cards[-3:] == ["nn-architecture", "backpropagation", "optimizers"]
        before = len(events(home))
        await pilot.press("r", "3")
        new = events(home)[before:]
        assert [(e["type"], e["item"], e["rating"], e["on"]) for e in new] == [
            ("review", "supervised-learning", "good", DAY)
        ]
        assert options(app, "#reviews-cards") == cards[1:]
        # eleven overdue: six under the day's 30-minute cap on carried reviews, five wait
        assert "5 more reviews due today." in text_of(app, "#message")
        shell = cli("review", "--json", today=DAY)
        assert [c["id"] for c in json.loads(shell.stdout)["due"]] == options(app, "#reviews-cards")

    drive(home, scenario)


def test_r_elsewhere_opens_the_reviews(home: Path) -> None:
    async def scenario(app: MlpathApp, pilot: Pilot[Any]) -> None:
        before = events(home)
        await pilot.press("r")
        assert app.query_one(TabbedContent).active == "reviews"
        assert events(home) == before

    drive(home, scenario)


def test_search_opens_the_item_in_the_roadmap(home: Path) -> None:
    async def scenario(app: MlpathApp, pilot: Pilot[Any]) -> None:
        await pilot.press("slash")
        await pilot.press(*"hardware", "enter")
        await pilot.pause()
        assert app.query_one(TabbedContent).active == "roadmap"
        await until(pilot, lambda: app.view("roadmap").selected_item() == "hardware-acceleration")
        detail = text_of(app, "#roadmap-text")
        assert "Hardware Acceleration Basics" in detail
        assert "hardware-acceleration · topic · phase 2" in detail
        # and d acts on it
        before = len(events(home))
        await pilot.press("d")
        assert events(home)[before]["item"] == "hardware-acceleration"

    drive(home, scenario)


def test_tab_and_number_keys_switch_views(home: Path) -> None:
    async def scenario(app: MlpathApp, pilot: Pilot[Any]) -> None:
        tabs = app.query_one(TabbedContent)
        seen = []
        for _ in range(5):
            await pilot.press("tab")
            seen.append(tabs.active)
        assert seen == ["plan", "roadmap", "dashboard", "reviews", "today"]
        await pilot.press("shift+tab")
        assert tabs.active == "reviews"
        for key, name in zip(
            "12345", ["today", "plan", "roadmap", "dashboard", "reviews"], strict=True
        ):
            await pilot.press(key)
            assert tabs.active == name

    drive(home, scenario)


def test_a_click_on_a_tab_switches_views(home: Path) -> None:
    async def scenario(app: MlpathApp, pilot: Pilot[Any]) -> None:
        await pilot.click("#--content-tab-roadmap")
        await pilot.pause()
        assert app.query_one(TabbedContent).active == "roadmap"

    drive(home, scenario)


def test_plan_is_scrolled_to_this_week_and_marks_weeks_with_symbols(home: Path) -> None:
    async def scenario(app: MlpathApp, pilot: Pilot[Any]) -> None:
        await pilot.press("2")
        table = app.query_one("#plan-table", DataTable)
        assert table.cursor_row == 19  # week 20
        marks = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        weeks = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
        assert weeks[19] == "20"
        assert marks[19] == "▶"
        # phase 1 (weeks 1-13 at 10 h/week) is complete through its milestone
        assert marks[:13] == ["✓"] * 13
        # week 19 held only Loss Functions, done on 19 May
        assert marks[18] == "✓"
        assert set(marks[20:]) == {" "}
        await until(pilot, lambda: table.scroll_y > 0)
        assert "▶ this week" in text_of(app, "#plan-head")

    drive(home, scenario)


def test_roadmap_shows_phases_items_details_resources_and_self_checks(home: Path) -> None:
    async def scenario(app: MlpathApp, pilot: Pilot[Any]) -> None:
        await pilot.press("3")
        tree = app.query_one("#roadmap-tree", Tree)
        phases = [str(n.label) for n in tree.root.children]
        assert len(phases) == 5
        assert phases[0].startswith("✓ Phase 1")
        assert phases[1].startswith("● Phase 2")
        assert phases[2].startswith("○ Phase 3")
        await until(pilot, lambda: app.view("roadmap").selected_item() == "regularization")
        leaves = [str(n.label) for n in tree.root.children[1].children]
        assert leaves[0] == "✓ Neural Network Architecture"
        assert leaves[-1] == "○ ◆ Implement a CNN from scratch for image classification"
        detail = text_of(app, "#roadmap-text")
        assert "Resources" in detail
        assert "Self-check (phase 2)" in detail
        # the phase itself: its weeks and its assumed hours
        await pilot.press("home")
        await pilot.press("down", "down")
        detail = text_of(app, "#roadmap-text")
        assert detail.startswith("Phase 2 ·")
        assert "15 h/week (assumed)" in detail

    drive(home, scenario)


def test_resources_link_to_their_address(isolated: Path, cli: Any) -> None:
    result = cli("plan", "-r", "complete", "--start", "2026-01-05", today="2026-01-05")
    assert result.exit_code == 0, result.output

    async def scenario(app: MlpathApp, pilot: Pilot[Any]) -> None:
        await pilot.press("slash")
        await pilot.press(*"transformers-attention", "enter")
        await until(pilot, lambda: app.view("roadmap").selected_item() == "transformers-attention")
        shown = app.query_one("#roadmap-text").render()
        assert "Annotated Transformer — Harvard NLP" in str(shown)
        # a link the terminal can open: Textual's span style, or rich's "link URL" text
        links = [
            str(getattr(span.style, "link", None) or span.style)
            for span in getattr(shown, "spans", [])
        ]
        assert any("https://nlp.seas.harvard.edu" in link for link in links)

    drive(isolated, scenario, today=date(2026, 1, 5))


def test_a_choices_stand_in_says_how_to_pick_its_ideas(isolated: Path, cli: Any) -> None:
    # the hint is mlpath's own, said from the item being a choice (the roadmap's data
    # keeps to the document's words)
    result = cli("plan", "-r", "complete", "--start", "2026-01-05", today="2026-01-05")
    assert result.exit_code == 0, result.output

    async def scenario(app: MlpathApp, pilot: Pilot[Any]) -> None:
        await pilot.press("slash")
        await pilot.press(*"portfolio-project", "enter")
        await until(pilot, lambda: app.view("roadmap").selected_item() == "portfolio-project")
        shown = str(app.query_one("#roadmap-text").render())
        assert "Ideas to choose from (pick any): mlpath replan --pick ID" in shown
        assert "Computer Vision project (cv-project)" in shown
        assert "Open Source (open-source)" in shown

    drive(isolated, scenario, today=date(2026, 1, 5))


def test_dashboard_draws_what_status_draws(home: Path, cli: Any) -> None:
    status = json.loads(cli("status", "--json", today=DAY).stdout)

    async def scenario(app: MlpathApp, pilot: Pilot[Any]) -> None:
        await pilot.press("4")
        await pilot.pause()
        assert app.snap is not None
        assert app.snap.status == status
        shown = app.export_screenshot()
        assert "Milestones" in shown.replace("&#160;", " ")

    drive(home, scenario, size=(120, 40))


def test_help_lists_every_key_and_closes(home: Path) -> None:
    async def scenario(app: MlpathApp, pilot: Pilot[Any]) -> None:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("d")  # keys that change things do nothing behind a dialog
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)

    before = events(home)
    drive(home, scenario)
    assert events(home) == before


def test_q_quits(home: Path) -> None:
    async def scenario(app: MlpathApp, pilot: Pilot[Any]) -> None:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running

    drive(home, scenario)


# --- live ----------------------------------------------------------------------------------


def test_redraws_when_the_day_turns(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MLPATH_TODAY", "2026-05-20")

    async def scenario(app: MlpathApp, pilot: Pilot[Any]) -> None:
        assert "Wednesday 20 May 2026" in text_of(app, "#today-head")
        monkeypatch.setenv("MLPATH_TODAY", "2026-05-21")
        await until(pilot, lambda: "Thursday 21 May 2026" in text_of(app, "#today-head"))

    drive(home, scenario, today=None)


def test_a_bad_state_file_shows_what_doctor_says_until_it_is_fixed(home: Path) -> None:
    state = home / "state.json"
    good = state.read_bytes()
    state.write_text('{"version": 1, "events": [tru', encoding="utf-8")

    async def scenario(app: MlpathApp, pilot: Pilot[Any]) -> None:
        assert isinstance(app.screen, ProblemScreen)
        shown = shown_problem(app)
        assert shown.startswith("Error: ")
        assert "mlpath doctor:" in shown
        assert "mlpath doctor --restore" in shown  # the backup's fix
        assert "Traceback" not in shown
        state.write_bytes(good)
        await until(pilot, lambda: not isinstance(app.screen, ProblemScreen))
        assert options(app, "#today-items")[0] == "regularization"

    drive(home, scenario)


def test_no_plan_indents_doctors_continuation_lines(isolated: Path) -> None:
    # issue 24 (11): doctor's rows, wrapped to the screen, hang under their message
    # instead of starting again at column 0
    async def scenario(app: MlpathApp, pilot: Pilot[Any]) -> None:
        assert isinstance(app.screen, ProblemScreen)
        lines = shown_problem(app).split("mlpath doctor:", 1)[1].splitlines()[1:]
        rows = lines[: next(i for i, x in enumerate(lines) if x.startswith("All good"))]
        assert len(rows) > 7  # some of the rows wrapped at 80 columns
        for line in rows:
            assert line.split(maxsplit=1)[0] in ("ok", "note", "warning", "problem") or (
                line.startswith("  ")
            ), line

    drive(isolated, scenario)


def test_no_plan_says_how_to_make_one(isolated: Path) -> None:
    async def scenario(app: MlpathApp, pilot: Pilot[Any]) -> None:
        assert isinstance(app.screen, ProblemScreen)
        assert "There is no active plan yet." in shown_problem(app)
        assert "mlpath plan" in shown_problem(app)
        await pilot.press("d")
        assert not (isolated / "state.json").exists()

    drive(isolated, scenario)


# --- fits ----------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(60, 20), (80, 24), (200, 60)])
def test_every_view_fits(home: Path, size: tuple[int, int]) -> None:
    async def scenario(app: MlpathApp, pilot: Pilot[Any]) -> None:
        for key in "12345":
            await pilot.press(key)
            await pilot.pause()
            for widget in app.screen.walk_children():
                if widget.display and widget.region.width:
                    assert widget.region.right <= size[0]
        table = app.query_one("#plan-table", DataTable)
        width = sum(col.get_render_width(table) for col in table.columns.values())
        assert size[0] - 6 <= width <= size[0]  # the table takes the width it is given

    drive(home, scenario, size=size)


def test_no_color_keeps_every_mark(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")

    async def scenario(app: MlpathApp, pilot: Pilot[Any]) -> None:
        assert app.no_color
        await pilot.press("2")
        marks = {str(app.query_one("#plan-table", DataTable).get_row_at(i)[0]) for i in range(25)}
        assert {"✓", "▶"} <= marks
        await pilot.press("5")
        assert "! 53 days overdue" in str(
            app.query_one("#reviews-cards", OptionList).get_option_at_index(0).prompt
        )

    drive(home, scenario)


# --- textual stays out of the everyday commands -------------------------------------------------


@pytest.mark.parametrize("command", [["next"], ["status"], ["plan", "--dry-run"]])
def test_daily_commands_never_import_textual(home: Path, command: list[str]) -> None:
    run, imported = traced(command, {"MLPATH_TODAY": DAY})
    assert run.returncode == 0, run.stderr
    assert "mlpath.core.views" in imported or "mlpath.cli.output" in imported
    assert not [m for m in imported if m == "textual" or m.startswith("textual.")]
    assert not [m for m in imported if m == "mlpath.ui" or m.startswith("mlpath.ui.")]


def test_without_a_terminal_it_says_so(home: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "mlpath", "ui"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        check=False,
    )
    assert run.returncode == 2
    assert run.stderr.startswith("Error: `mlpath ui` needs a terminal")
    assert len(run.stderr.strip().splitlines()) == 1
    assert "Traceback" not in run.stderr


def test_the_plan_moves_its_marks_when_the_week_turns(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MLPATH_TODAY", "2026-05-24")  # Sunday, the last day of week 20

    async def scenario(app: MlpathApp, pilot: Pilot[Any]) -> None:
        await pilot.press("2")
        table = app.query_one("#plan-table", DataTable)

        def mark(row: int) -> str:
            return str(table.get_row_at(row)[0])

        assert (mark(19), mark(20)) == ("▶", " ")
        monkeypatch.setenv("MLPATH_TODAY", "2026-05-25")  # Monday of week 21
        await until(pilot, lambda: mark(20) == "▶")
        # week 20 ended with Overfitting & Regularization still open
        assert mark(19) == "!"

    drive(home, scenario, today=None)


def test_today_shows_the_running_timer_as_next_does(
    home: Path, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # started at 09:00 on the sample's day; the app is read at 10:25: 1 h 25 min
    monkeypatch.setenv("MLPATH_NOW", f"{DAY}T10:25")
    started = cli("start", "regularization", env={"MLPATH_NOW": f"{DAY}T09:00"})
    assert started.exit_code == 0, started.output

    async def scenario(app: MlpathApp, pilot: Pilot[Any]) -> None:
        head = text_of(app, "#today-head")
        assert "Timer 1 h 25 min on Overfitting & Regularization (regularization)" in head

    drive(home, scenario, size=(100, 30))


def test_todays_timer_counts_on_while_it_runs(
    home: Path, cli: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # nothing in the state moves while a timer runs; Today's head still counts it
    monkeypatch.setenv("MLPATH_NOW", f"{DAY}T10:25")
    started = cli("start", "regularization", env={"MLPATH_NOW": f"{DAY}T09:00"})
    assert started.exit_code == 0, started.output

    async def scenario(app: MlpathApp, pilot: Pilot[Any]) -> None:
        assert "Timer 1 h 25 min on" in text_of(app, "#today-head")
        picked = app.query_one("#today-items", OptionList).highlighted
        monkeypatch.setenv("MLPATH_NOW", f"{DAY}T10:40")
        await until(pilot, lambda: "Timer 1 h 40 min on" in text_of(app, "#today-head"))
        assert app.query_one("#today-items", OptionList).highlighted == picked

    drive(home, scenario, size=(100, 30))


# --- text from files is data -----------------------------------------------------------------

HOSTILE_ROADMAP = """schema: 1
id: hostile
title: "[bold red]Hostile[/] roadmap \\u001b[2J"
source: {document: "[@click=app.quit]doc"}
summary: "Summary [@click=app.quit]click[/] \\u202e"
duration: {text: "8 weeks", weeks: {min: 8, max: 8}}
hours_per_week: {value: 8, assumed: true, note: "a guess"}
phases:
  - number: 1
    id: basics
    title: "[bold red]x[/] basics"
    weeks: {min: 4, max: 4, text: "4 weeks"}
    summary: "[@click=app.quit]phase"
    topics:
      - {id: numpy, title: "[@click=app.quit]numpy\\u001b]52;c;SGVsbG8=\\u0007"}
      - {id: pandas, title: "pandas [red]"}
    resources:
      - {title: "[link=https://example.org]res[/link]", kind: docs}
    milestone: {id: basics-done, title: "Milestone [/] \\u001b[31m"}
  - number: 2
    id: models
    title: Models
    weeks: {min: 4, max: 4, text: "4 weeks"}
    summary: Fit models.
    topics:
      - {id: regression, title: regression}
"""


def screen_text(app: MlpathApp) -> str:
    """What the terminal is sent, as text: every cell of the screen, dialogs included."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(s.text for s in strip if not s.control) for strip in strips)


def plan_on_hostile(isolated: Path, cli: Any, roadmap: str = HOSTILE_ROADMAP) -> None:
    folder = isolated.parent / "config" / "roadmaps"
    folder.mkdir(parents=True)
    (folder / "hostile.yaml").write_text(roadmap, encoding="utf-8")
    made = cli("plan", "-r", "hostile", "--hours", "8", "--start", "2027-01-04", today="2027-01-05")
    assert made.exit_code == 0, made.output


def test_titles_from_a_user_roadmap_show_escaped_never_obeyed(isolated: Path, cli: Any) -> None:
    # A shared roadmap's titles may hold terminal escapes (ESC ] 52 writes the clipboard)
    # and Textual markup; the app shows both as written, as `mlpath next` does.
    plan_on_hostile(isolated, cli)
    forbidden = {chr(c) for c in (*range(0x20), 0x7F, *range(0x80, 0xA0), 0x202E)} - {"\n"}

    async def scenario(app: MlpathApp, pilot: Pilot[Any]) -> None:
        shown = []
        for key in "12345":
            await pilot.press(key)
            await pilot.pause()
            shown.append(screen_text(app))
        await pilot.press("1", "down")
        assert app.view("today").selected_item() == "basics-done"
        await pilot.press("d")  # the milestone's question quotes its title
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.pause()
        shown.append(screen_text(app))
        await pilot.press("n")
        for screen in shown:
            assert not forbidden & set(screen), screen
        everything = "\n".join(shown)
        assert "[@click=app.quit]numpy\\x1b]52;c;SGVsbG8=\\x07" in everything
        assert "Milestone [/] \\x1b[31m" in everything
        assert "pandas [red]" in everything
        assert app.is_running

    drive(isolated, scenario, today=date(2027, 1, 5))


@pytest.mark.parametrize("url", ["example.org/a zzz", "example.org/a on", "example.org/a red"])
def test_a_resource_address_with_spaces_is_a_link_not_a_style(
    isolated: Path, cli: Any, url: str
) -> None:
    # The address went into a style string ("underline link URL"): its words after a
    # space were read as colours, and one that is none ("zzz") crashed the app.
    resource = '{title: "[link=https://example.org]res[/link]", kind: docs}'
    plan_on_hostile(
        isolated, cli, HOSTILE_ROADMAP.replace(resource, f'{{title: res, url: "{url}"}}')
    )

    async def scenario(app: MlpathApp, pilot: Pilot[Any]) -> None:
        await pilot.press("3", "1")
        assert app.is_running
        assert url in screen_text(app)
        rest = app.query_one("#today-rest", Static).content
        assert isinstance(rest, Text)
        links = {span.style.link for span in rest.spans if not isinstance(span.style, str)}
        assert f"https://{url}" in links

    drive(isolated, scenario, today=date(2027, 1, 5))


def test_today_says_what_next_says_on_a_rest_day_behind_with_a_deadline(
    isolated: Path, cli: Any
) -> None:
    # Mon/Wed/Fri from Mon 04 Jan 2027, a deadline on phase 1, nothing logged; Tue 05 Jan
    # is a rest day, one day behind. `next` says each of these lines; the app's Today
    # left them out (and said "Study now" on the rest day).
    made = cli(
        "plan", "-r", "practical", "--hours", "15", "--start", "2027-01-04",
        "--days", "mon,wed,fri", "--deadline", "1=2027-02-01", today="2027-01-04",
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    shell = cli("next", today="2027-01-05", env={"COLUMNS": "300"})
    assert shell.exit_code == 0, shell.output
    said = [line.strip() for line in shell.stdout.splitlines()]
    wanted = [
        line
        for line in said
        if line.startswith(("Rest day", "Up next", "Deadline ", "Nothing logged", "`mlpath log"))
        or "/week from today finishes on" in line
    ]
    assert len(wanted) == 6, said

    async def scenario(app: MlpathApp, pilot: Pilot[Any]) -> None:
        shown = " ".join((text_of(app, "#today-head") + "\n" + text_of(app, "#today-rest")).split())
        for line in wanted:
            assert " ".join(line.split()) in shown, line
        assert "Study now" not in shown

    drive(isolated, scenario, size=(120, 40), today=date(2027, 1, 5))


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
def test_each_view_opens_at_its_top(home: Path, size: tuple[int, int]) -> None:
    # Focusing a view's list centred it, scrolling the view: at 80x24 the Reviews view
    # opened with its first line ("11 reviews due, 6 of them today") out of sight.
    async def scenario(app: MlpathApp, pilot: Pilot[Any]) -> None:
        for key, name in zip("51", ("reviews", "today"), strict=True):
            await pilot.press(key)
            await pilot.pause(0.2)
            assert app.view(name).scroll_y == 0
        assert "Wednesday 20 May 2026" in screen_text(app)
        await pilot.press("5")
        await pilot.pause(0.2)
        assert "11 reviews due, 6 of them today" in screen_text(app)

    drive(home, scenario, size=size)


def test_a_finished_plan_says_so_without_an_empty_list_to_study(home: Path, cli: Any) -> None:
    for phase in "2345":
        assert cli("done", phase, today=DAY).exit_code == 0
    shell = cli("next", today=DAY, env={"COLUMNS": "300"}).stdout.splitlines()
    assert shell[1].startswith("Congratulations")

    async def scenario(app: MlpathApp, pilot: Pilot[Any]) -> None:
        head = text_of(app, "#today-head")
        assert shell[2] in head  # "600 h of study completed, 15.5 h logged, ..."
        assert "Study now" not in head and "Up next" not in head
        assert options(app, "#today-items") == []
        assert "finished" in text_of(app, "#title")

    drive(home, scenario, size=(120, 40))


def test_the_title_keeps_the_pace_at_60_columns(home: Path) -> None:
    # The title line (roadmap, date, week, pace) was cut at the screen's edge: at 60
    # columns the pace, its last part, was lost. It wraps at a word instead.
    async def scenario(app: MlpathApp, pilot: Pilot[Any]) -> None:
        top = " ".join(screen_text(app).splitlines()[:2])
        assert "week 20 of 61 · behind by 2 days" in " ".join(top.split())

    drive(home, scenario, size=(60, 20))


def footer_keys(app: MlpathApp) -> dict[str, str]:
    """The keys the footer on screen shows, with their words (a dialog's own footer
    draws over the view's)."""
    from textual.widgets._footer import FooterKey

    footers = list(app.screen.query("Footer")) or list(app.screen_stack[0].query("Footer"))
    return {k.key: k.description for k in footers[-1].query(FooterKey)}


def test_a_dialogs_footer_shows_the_keys_that_work_in_it(home: Path) -> None:
    # Under a dialog the footer still said "q Quit": in the log and search dialogs q
    # types a q, and in the help q closes the help. Each dialog shows its own keys.
    async def scenario(app: MlpathApp, pilot: Pilot[Any]) -> None:
        for opener in (["l"], ["slash"], ["question_mark"], ["5", "r"], ["down"] * 3 + ["d"]):
            await pilot.press(*opener)
            await pilot.pause()
            dialog = app.screen
            shown = footer_keys(app)
            assert "escape" in shown or "n" in shown, (dialog, shown)
            if "q" in shown:  # what it says it does
                assert shown["q"] == "Quit"
                assert not isinstance(dialog, HelpScreen) and not dialog.query("Input")
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is not dialog
            await pilot.press("1")
        assert app.is_running

    drive(home, scenario)


def test_the_plans_head_keeps_its_dates_whole_and_its_legend_at_60_columns(home: Path) -> None:
    # At 60 columns the head wrapped as words ("03 Mar" | "2027") into its two fixed
    # lines, and the legend of the week marks fell out of sight.
    async def scenario(app: MlpathApp, pilot: Pilot[Any]) -> None:
        await pilot.press("2")
        await pilot.pause()
        lines = [line.strip() for line in screen_text(app).splitlines()]
        assert "05 Jan 2026 → 03 Mar 2027 · 61 weeks" in lines
        assert any(line.startswith("▶ this week") for line in lines)

    drive(home, scenario, size=(60, 20))


def test_past_the_plans_end_the_title_says_so_as_next_and_status_do(home: Path) -> None:
    # The sample plan's 61 weeks end on Wed 03 Mar 2027; Thu 01 Apr 2027 is in week
    # (451 // 7) + 1 = 65. The title said "week 65 of 61".
    async def scenario(app: MlpathApp, pilot: Pilot[Any]) -> None:
        assert "week 65, past the plan's 61" in text_of(app, "#title")
        assert "Week 65, past the plan's 61" in text_of(app, "#today-head")

    drive(home, scenario, size=(120, 30), today=date(2027, 4, 1))


def tree_items(app: MlpathApp) -> list[str]:
    tree = app.query_one("#roadmap-tree", Tree)
    found: list[str] = []

    def walk(node: Any) -> None:
        if node.data and node.data[0] == "item":
            found.append(node.data[1])
        for child in node.children:
            walk(child)

    walk(tree.root)
    return found


def test_the_roadmap_holds_the_learners_pick_in_place_of_its_choice(
    isolated: Path, cli: Any
) -> None:
    # complete's Phase 5 offers specialisation tracks; with `--pick nlp-llms-track` the
    # plan studies "NLP & LLMs" where the stand-in "specialisation-track" was. The tree
    # showed the stand-in (no title, Phase 0's self-check, `d` failed: "No item
    # matches") and not the pick, which search could not open either.
    made = cli(
        "plan", "-r", "complete", "--pick", "nlp-llms-track", "--hours", "20",
        "--start", "2027-01-04", today="2027-01-04",
    )  # fmt: skip
    assert made.exit_code == 0, made.output

    async def scenario(app: MlpathApp, pilot: Pilot[Any]) -> None:
        await pilot.press("3")
        await pilot.pause()
        items = tree_items(app)
        assert "nlp-llms-track" in items and "specialisation-track" not in items
        assert items.index("llms") < items.index("nlp-llms-track")  # the stand-in's place
        await pilot.press("slash", *"nlp llms", "enter")
        await until(pilot, lambda: app.view("roadmap").selected_item() == "nlp-llms-track")
        detail = text_of(app, "#roadmap-text")
        assert "nlp-llms-track · topic · phase 5" in detail
        assert "Embeddings, NER" in detail  # the option's own words
        await pilot.press("d")
        last = events(isolated)[-1]
        assert (last["type"], last["item"]) == ("done", "nlp-llms-track")

    drive(isolated, scenario, size=(100, 30), today=date(2027, 1, 5))


@pytest.mark.parametrize("size", [(60, 20), (80, 24)])
def test_a_long_message_is_shown_whole(home: Path, size: tuple[int, int]) -> None:
    # Ticking phase 2's milestone says six lines at 80 columns (done, the phase complete,
    # the pace, the missing practice and how to record evidence): the message line held
    # five and cut the last sentence off mid-way. It may take half the screen now.
    async def scenario(app: MlpathApp, pilot: Pilot[Any]) -> None:
        await pilot.press("down", "down", "down", "d", "y")
        await pilot.pause()
        said = " ".join(text_of(app, "#message").split())
        assert said.endswith("records a link to the work.")
        shown = " ".join(screen_text(app).split())
        assert said in shown

    drive(home, scenario, size=size)


def test_the_help_wraps_in_its_column_and_scrolls_to_its_last_key(home: Path) -> None:
    # At 60x20 the help's descriptions wrapped to the dialog's left edge, under the keys,
    # and its last rows (q quit) were cut off with no way to reach them.
    def rows(app: MlpathApp) -> list[str]:
        return [line.split("│")[1] for line in screen_text(app).splitlines() if "│" in line]

    async def scenario(app: MlpathApp, pilot: Pilot[Any]) -> None:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = rows(app)
        at = next(i for i, row in enumerate(shown) if row.strip().startswith("1 2 3 4 5"))
        # "Today, Plan, Roadmap, Dashboard, Reviews" goes on under its own column
        assert shown[at + 1].startswith(" " * 17) and shown[at + 1].strip() == "Reviews"
        assert ["q", "quit"] not in [row.split() for row in shown]  # below the fold
        await pilot.press("end")
        await pilot.pause()
        assert ["q", "quit"] in [row.split() for row in rows(app)]

    drive(home, scenario, size=(60, 20))


# --- round 4 -------------------------------------------------------------------------------


def test_l_on_the_next_milestone_logs_plain_time_instead_of_failing(home: Path, cli: Any) -> None:
    # A milestone takes no logged time (`log --item` refuses it): the dialog offered
    # "Log study time for today on <milestone>", took the hours, then said the error.
    async def scenario(app: MlpathApp, pilot: Pilot[Any]) -> None:
        before = len(events(home))
        await pilot.press("down")
        assert app.view("today").selected_item() == "cnn-from-scratch"
        await pilot.press("l")
        await pilot.pause()
        assert "Implement a CNN" not in screen_text(app)
        assert "credited to what is unfinished" in screen_text(app)
        await pilot.press(*"1h", "enter")
        new = events(home)[before:]
        assert [(e["type"], e["hours"], e.get("item")) for e in new] == [("log", "1", None)]
        assert not app.query_one("#message").has_class("error")
        assert cli_next(cli)["hours"]["week_logged"] == 4.5  # 3.5 h before

    drive(home, scenario)


def test_a_config_change_in_the_shell_redraws_as_next_says_it(home: Path, cli: Any) -> None:
    # The review cap in config.yaml shapes today's reviews; the app watched only the
    # state file, so after `mlpath config set` it kept the old figures, unlike `next`.
    def reviewing(text: str) -> str:
        return next(" ".join(line.split()) for line in text.splitlines() if "reviewing" in line)

    async def scenario(app: MlpathApp, pilot: Pilot[Any]) -> None:
        assert "~30 min reviewing" in reviewing(text_of(app, "#today-rest"))
        assert cli("config", "set", "review_cap_minutes", "10").exit_code == 0
        shell = cli("next", today=DAY, env={"COLUMNS": "300"})
        said = reviewing(shell.stdout)
        assert "~30 min reviewing" not in said
        await until(pilot, lambda: reviewing(text_of(app, "#today-rest")) == said)

    drive(home, scenario, size=(120, 40))


def test_a_user_roadmap_put_back_clears_the_problem_and_an_edit_warns(
    isolated: Path, cli: Any
) -> None:
    # The app watched only the state file: a roadmap that could not be found kept the
    # problem screen up after it was put back, and an edited one never showed the
    # warning `next` gives, until something wrote the state.
    plan_on_hostile(isolated, cli)
    mine = isolated.parent / "config" / "roadmaps" / "hostile.yaml"
    kept = isolated / "roadmaps"
    aside = isolated.parent / "aside"
    aside.mkdir()
    mine.rename(aside / "hostile.yaml")
    kept.rename(aside / "kept")
    assert cli("next", today="2027-01-05").exit_code != 0

    async def scenario(app: MlpathApp, pilot: Pilot[Any]) -> None:
        assert isinstance(app.screen, ProblemScreen)
        (aside / "kept").rename(kept)
        (aside / "hostile.yaml").rename(mine)
        await until(pilot, lambda: not isinstance(app.screen, ProblemScreen))
        assert "Warning" not in text_of(app, "#today-rest")
        mine.write_text(
            HOSTILE_ROADMAP.replace("Fit models.", "Fit more models."), encoding="utf-8"
        )
        shell = cli("next", today="2027-01-05")
        assert "has changed since this plan was made" in shell.output
        await until(pilot, lambda: "has changed since" in text_of(app, "#today-rest"))

    drive(isolated, scenario, size=(120, 40), today=date(2027, 1, 5))


def test_nothing_changed_draws_nothing_again(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The roadmap files to watch are known only once the first snapshot is read; their
    # identities were left out of what it drew, so the next poll saw a "change" and
    # drew everything again (a list scrolled back, the app's pictures came out either way)
    loads: list[int] = []
    original = MlpathApp.reload

    def counted(self: MlpathApp) -> None:
        loads.append(1)
        original(self)

    monkeypatch.setattr(MlpathApp, "reload", counted)

    async def scenario(app: MlpathApp, pilot: Pilot[Any]) -> None:
        await pilot.pause(0.4)  # eight polls
        assert app.snap is not None and app.snap.files  # it does watch a roadmap file

    drive(home, scenario)
    assert len(loads) == 1

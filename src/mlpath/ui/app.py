"""`mlpath ui`: the whole study plan as one Textual app.

Reads: `data.load` builds the CLI's own view dicts (next, plan, status, review,
roadmaps show) from `app.session.load_active`. Writes: `d`, `u`, `l` and `r`
call the CLI's actions (`mark_done`, `undo_last`, `log_time`, `record_review`),
which take the state file's lock and append the same events, so `mlpath undo`
in a shell reverts what the app did and the other way round. An error shows as
the CLI's sentence (`errors.error_text`) in the message line; a state file that
cannot be read replaces the views with what `mlpath doctor` says about it.

Live: every quarter second the app compares the identities (inode, size, mtime) of
the files a view is read from (the state, config.yaml, the roadmaps) and today's
date with what it last drew; when one moved (`mlpath done` in another terminal, a
sync, `mlpath config set`, midnight) it reads the state again and redraws.
Textual is imported only here and in the modules beside it, so the everyday
commands never pay for it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import Footer, Static, TabbedContent, TabPane

from mlpath.app import clock
from mlpath.app.views import inputs
from mlpath.errors import MlpathError, error_text, internal_error_text
from mlpath.render import safe
from mlpath.render.text import long_date
from mlpath.store.state import Store, store_for
from mlpath.ui import data
from mlpath.ui.screens import (
    ConfirmScreen,
    HelpScreen,
    LogScreen,
    ProblemScreen,
    RateScreen,
    SearchScreen,
)
from mlpath.ui.tabs import (
    ANSI,
    DashboardView,
    PlanView,
    ReviewsView,
    RoadmapView,
    TodayView,
    ansi,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from mlpath.app.actions import Change

VIEWS = [
    ("today", "Today", TodayView),
    ("plan", "Plan", PlanView),
    ("roadmap", "Roadmap", RoadmapView),
    ("dashboard", "Dashboard", DashboardView),
    ("reviews", "Reviews", ReviewsView),
]
POLL_SECONDS = 0.25
COMPACT_BELOW = 70  # columns under which the footer's keys are drawn compact


class MlpathApp(App[None]):
    """The app. `home` is MLPATH_HOME (None: the usual folder); `today` pins the date
    (None: MLPATH_TODAY, else the calendar, read again as the day turns)."""

    TITLE = "mlpath"
    ENABLE_COMMAND_PALETTE = False
    CSS = """
    #title { dock: top; height: auto; max-height: 2; padding: 0 1; background: $primary-background; }
    #message { height: auto; max-height: 50%; padding: 0 1; }
    #message.error { color: $error; }
    TabbedContent { height: 1fr; }
    TabPane { padding: 0 1; }
    TodayView, ReviewsView, DashboardView { height: 1fr; }
    #today-items, #reviews-cards { height: auto; max-height: 10; border: none; }
    PlanView { height: 1fr; }
    #plan-head { height: auto; }
    #plan-table { height: 1fr; }
    RoadmapView { height: 1fr; }
    #roadmap-tree { width: 2fr; min-width: 30; height: 1fr; }
    #roadmap-detail { width: 3fr; height: 1fr; padding: 0 0 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "switch(1)", "Views", priority=True),
        Binding("shift+tab", "switch(-1)", "Previous view", show=False, priority=True),
        *(
            Binding(str(k + 1), f"show_view('{name}')", label, show=False)
            for k, (name, label, _) in enumerate(VIEWS)
        ),
        Binding("d", "done", "Done"),
        Binding("u", "undo", "Undo"),
        Binding("l", "log", "Log"),
        Binding("r", "rate", "Rate"),
        Binding("slash", "search", "Search", key_display="/"),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(
        self,
        home: str | Path | None = None,
        today: date | None = None,
        *,
        poll: float = POLL_SECONDS,
    ) -> None:
        super().__init__()
        self.store: Store = store_for(home)
        self.fixed_today = today
        self.poll_seconds = poll
        self.snap: data.Snapshot | None = None
        self.drawn: tuple[tuple[object, ...], date] | None = None
        self.problem: ProblemScreen | None = None
        self.stale: set[str] = set()
        self.timer_minute: datetime | None = None  # the minute Today's timer was counted to

    # --- layout ------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="title")
        with TabbedContent(initial="today", id="views"):
            for k, (name, label, cls) in enumerate(VIEWS):
                with TabPane(f"{k + 1} {label}", id=name):
                    if name == "today":  # the others are built when first shown
                        yield cls(id=f"{name}-view")
        yield Static(id="message")
        yield Footer()

    def on_mount(self) -> None:
        self.reload()
        if self.snap is not None:
            self.query_one("#today-items").focus(scroll_visible=False)
        self.set_interval(self.poll_seconds, self.poll)

    def on_resize(self, event: events.Resize) -> None:
        # The footer's keys take 68 columns with their usual spacing: on a narrower
        # screen the last (q Quit) fell off the edge; compact they take 60.
        for footer in self.query(Footer):
            footer.compact = event.size.width < COMPACT_BELOW

    def today(self) -> date:
        return self.fixed_today if self.fixed_today is not None else clock.today()

    # --- reading -------------------------------------------------------------------------

    def poll(self) -> None:
        """Redraw when the state file or the date moved since the last drawing."""
        try:
            now = (self.inputs(), self.today())
        except MlpathError:
            return  # a bad MLPATH_TODAY was reported when the app started
        if now != self.drawn:
            self.reload()
        else:
            self.tick_timer()

    def tick_timer(self) -> None:
        """While a timer runs, Today's head counts it from now: redrawn each new minute
        (nothing else moved, so nothing else is drawn)."""
        method = (self.snap.next.get("method") or {}) if self.snap is not None else {}
        if not (method.get("timer") or {}).get("running"):
            return
        try:
            minute = clock.now().replace(second=0, microsecond=0)
        except MlpathError:
            return
        if minute != self.timer_minute and self.query("#today-view"):
            self.timer_minute = minute
            assert self.snap is not None
            self.query_one("#today-view", TodayView).show_head(self.snap)

    def inputs(self) -> tuple[object, ...]:
        return inputs(self.store.home, self.snap.files if self.snap is not None else ())

    def reload(self) -> None:
        key = self.inputs()  # taken before reading: a write meanwhile redraws again
        try:
            day = self.today()
            snap = data.load(self.store, day)
        except Exception as exc:  # an MlpathError's sentence; never a traceback on the screen
            self.drawn = (key, self._safe_today())
            self.show_problem(exc)
            return
        if snap.files != (self.snap.files if self.snap is not None else ()):
            # the files to watch are known only now (the first load, another roadmap):
            # take their identities now, or the next poll would see them as a change
            # and draw everything again
            key = inputs(self.store.home, snap.files)
        self.drawn = (key, day)
        self.snap = snap
        if self.problem is not None:
            self.problem = None
            self.pop_screen()
            self.call_after_refresh(self._focus_view, self.active_view())
        # Only the view on screen is redrawn now; the others when they are next shown.
        self.stale = {name for name, _, _ in VIEWS}
        self.freshen(self.active_view())
        self.query_one("#title", Static).update(self.title_text(snap))

    async def build(self, name: str) -> None:
        """Mount a view the first time it is shown: a quicker start."""
        pane = self.query_one(f"#{name}", TabPane)
        if not pane.children:
            cls = {n: c for n, _, c in VIEWS}[name]
            await pane.mount(cls(id=f"{name}-view"))

    def freshen(self, name: str) -> None:
        if self.snap is not None and name in self.stale and self.query(f"#{name}-view"):
            self.stale.discard(name)
            self.view(name).show(self.snap)

    def _safe_today(self) -> date:
        try:
            return self.today()
        except MlpathError:
            return date.today()

    def title_text(self, snap: data.Snapshot) -> Text:
        v = snap.next
        wk = v["week"]
        t = Text("mlpath", style="bold").append(f" · {v['roadmap']} · {long_date(v['today'])}")
        if v.get("past_end") and not v["finished"]:  # as next and status say it
            t.append(f" · week {wk['number']}, past the plan's {wk['of']}")
        elif not v["before_start"] and not v["finished"]:
            t.append(f" · week {wk['number']} of {wk['of']}")
        t.append(f" · {v['pace']['label']}")
        return t

    def show_problem(self, exc: BaseException) -> None:
        # the screen's padding is 2 a side, its scroll bar 2: doctor's rows wrap inside that
        text = problem_text(self.store, exc, self._safe_today(), max(self.size.width - 6, 40))
        if self.problem is None:
            self.problem = ProblemScreen(text)
            self.push_screen(self.problem)
        else:
            self.problem.update(text)

    def view(self, name: str) -> Any:
        return self.query_one(f"#{name}-view")

    def active_view(self) -> str:
        return str(self.query_one(TabbedContent).active)

    # --- keys --------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Only quitting works behind a dialog or the problem screen."""
        if action == "quit":
            return True
        if isinstance(self.screen, ModalScreen) or self.problem is not None:
            return False
        return True

    async def action_switch(self, step: int) -> None:
        names = [n for n, _, _ in VIEWS]
        now = names.index(self.active_view())
        await self.action_show_view(names[(now + step) % len(names)])

    async def action_show_view(self, name: str) -> None:
        await self.build(name)
        tabs = self.query_one(TabbedContent)
        tabs.active = name
        self.freshen(name)
        focus = {
            "today": "#today-items",
            "plan": "#plan-table",
            "roadmap": "#roadmap-tree",
            "dashboard": "#dashboard-view",
            "reviews": "#reviews-cards",
        }[name]
        # not scrolled to: Textual centres a focused widget, which hid a view's first lines
        self.query_one(focus).focus(scroll_visible=False)

    async def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        if event.pane.id is not None:
            await self.build(event.pane.id)
            self.freshen(event.pane.id)
            self.call_after_refresh(self._focus_view, event.pane.id)

    async def _focus_view(self, name: str) -> None:
        if self.focused is None or self.focused.id in ("views", None):
            await self.action_show_view(name)

    def selected_item(self) -> str | None:
        name = self.active_view()
        if name in ("today", "roadmap"):
            item: str | None = self.view(name).selected_item()
            return item
        return None

    def action_done(self) -> None:
        snap = self.snap
        item = self.selected_item()
        if snap is None or item is None:
            self.say(
                "Select an item in Today or Roadmap (or find one with /), then press d.",
                error=True,
            )
            return
        it = snap.items.get(item)
        if it is not None and it["kind"] == "milestone" and not it["done"]:
            rest = data.phase_completion(snap, item)
            question = Text("Mark the milestone ").append(it["title"], "bold")
            question.append(f" done?\nIt completes Phase {it['phase']}")
            if rest:
                question.append(
                    f": its {len(rest)} unfinished topics or projects count as done too."
                    if len(rest) != 1
                    else ": its 1 unfinished topic or project counts as done too."
                )
            else:
                question.append(".")

            def answered(yes: bool | None) -> None:
                if yes:
                    self.mark_done(item)
                else:
                    self.say("Nothing was changed.")

            self.push_screen(ConfirmScreen(question), answered)
            return
        self.mark_done(item)

    def mark_done(self, item: str) -> None:
        from mlpath.app.actions import mark_done

        self.change(
            lambda: mark_done(self.store, self.today(), [item], on=None, note=None, evidence=None)
        )

    def action_undo(self) -> None:
        from mlpath.app.actions import undo_last

        self.change(lambda: undo_last(self.store, self.today()))

    def action_log(self) -> None:
        # The selected item, as `log --item`, while it is still to do; else plain time,
        # credited to what is unfinished in plan order. A milestone takes no time of its
        # own (`log --item` refuses it): with one selected the time is plain, not refused
        # after it was typed.
        item = self.selected_item()
        it = self.snap.items.get(item) if self.snap is not None and item else None
        if it is None or it["done"] or it["skipped"] or it["kind"] == "milestone":
            item, title = None, None
        else:
            title = it["title"]

        def logged(text: str | None) -> None:
            if text is None or not text.strip():
                self.say("Nothing was logged.")
                return
            from mlpath.app.actions import log_time

            self.change(
                lambda: log_time(self.store, self.today(), text, on=None, note=None, item=item)
            )

        self.push_screen(LogScreen(title), logged)

    async def action_rate(self) -> None:
        if self.active_view() != "reviews":
            await self.action_show_view("reviews")
            self.say("Select a review, then press r to rate it.")
            return
        item = self.view("reviews").selected_item()
        if item is None or self.snap is None:
            self.say("No review is due today; nothing to rate.", error=True)
            return
        title = self.snap.items.get(item, {}).get("title", item)

        def rated(rating: str | None) -> None:
            if rating is None:
                self.say("Nothing was rated.")
                return
            from mlpath.app.actions import record_review

            self.change(lambda: record_review(self.store, self.today(), item, rating, on=None))

        self.push_screen(RateScreen(title), rated)

    def action_search(self) -> None:
        if self.snap is None:
            return

        async def picked(item: str | None) -> None:
            if item is None:
                return
            await self.action_show_view("roadmap")
            self.view("roadmap").select_item(item)

        self.push_screen(SearchScreen(self.snap), picked)

    def action_help(self) -> None:
        self.push_screen(HelpScreen())

    # --- writing -------------------------------------------------------------------------

    def change(self, act: Callable[[], Change]) -> None:
        """Run one of the CLI's actions; say what it did, or the CLI's error sentence."""
        try:
            result = act()
        except MlpathError as exc:
            self.say(error_text(exc).strip(), error=True)
            return
        except Exception as exc:  # never a traceback on the screen
            self.say(internal_error_text(exc).strip(), error=True)
            return
        from mlpath.render.change import change_lines

        for kept in result.views.values():  # the shell's next read finds them computed
            kept.save()
        lines = [*change_lines(result.steps), *(f"Warning: {w}" for w in result.warnings)]
        self.say("\n".join(lines))
        self.reload()

    def say(self, text: str, *, error: bool = False) -> None:
        message = self.query_one("#message", Static)
        message.update(Text(safe.text(text)))  # titles and errors quote data
        message.set_class(error, "error")


def problem_text(store: Store, exc: BaseException, today: date, width: int = 80) -> Text:
    """The error as the CLI says it, then what `mlpath doctor` finds, its rows wrapped
    to `width` as the CLI wraps them (continuations under the message, not at column 0)."""
    from mlpath.app.doctor import diagnose
    from mlpath.render.doctor import doctor_text
    from mlpath.render.term import wrap

    if isinstance(exc, MlpathError):
        head = error_text(exc).strip()
    else:
        head = internal_error_text(exc).strip()
    text = Text(safe.text(head), style="bold").append("\n\n")
    try:
        report = diagnose(store, today)
    except Exception:  # the diagnosis itself failed: the sentence above is all there is
        return text.append("q quits.")
    text.append_text(ansi(wrap(doctor_text(report.view(), ANSI), width)))
    text.append("\n")
    text.append(
        "\nThis screen goes away by itself once the state file reads again "
        "(for example after `mlpath doctor --restore` in another terminal). q quits.",
        style="dim",
    )
    return text


def run(home: str | Path | None = None, today: date | None = None) -> None:
    """Run the app in this terminal; a UsageError when there is no terminal to run in."""
    import sys

    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        from mlpath.errors import UsageError

        raise UsageError(
            "`mlpath ui` needs a terminal to draw in and read keys from.",
            "In scripts and pipes use `mlpath next`, `mlpath status` or their --json.",
        )
    MlpathApp(home=home, today=today).run()

"""The app's dialogs (confirm, log, rate, search, help) and the problem screen.

Dialogs only ask; the app does the change through `app.actions`, as the CLI does.
"""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from mlpath.ui.data import Snapshot, search

KEYS: list[tuple[str, str]] = [
    ("Tab / Shift+Tab", "next / previous view"),
    ("1 2 3 4 5", "Today, Plan, Roadmap, Dashboard, Reviews"),
    ("↑ ↓ Enter", "move, open a phase (mouse: click)"),
    ("d", "mark the selected item done (asks first for a milestone)"),
    ("u", "undo the last change (yours or the shell's)"),
    ("l", "log study time (1h30, 90m or 1.5) on the selected item"),
    ("r", "rate the selected review: 1 again, 2 hard, 3 good, 4 easy"),
    ("/", "search items by id or title"),
    ("?", "this help"),
    ("q", "quit"),
]


class Dialog(ModalScreen[Any]):
    """A dialog over the views, with a footer of its own: the view's footer showed the
    view's keys ("q Quit"), which a dialog's input or help takes for itself."""

    DEFAULT_CSS = """
    Dialog { align: center middle; }
    Dialog > Vertical {
        width: 70; max-width: 95%; height: auto; max-height: 90%;
        border: round $accent; padding: 0 1; background: $surface;
    }
    Dialog .buttons { height: auto; }
    Dialog Button { margin: 0 1 0 0; min-width: 10; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmScreen(Dialog):
    """A yes/no question; y or Enter says yes, n or Escape no. The question is a Text,
    never markup: it quotes titles from files."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n", "answer(False)", "No"),
        Binding("escape", "answer(False)", "No", show=False),
    ]

    def __init__(self, question: Text) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, id="question")
            with Horizontal(classes="buttons"):
                yield Button("y  Yes, mark it done", id="yes", variant="primary")
                yield Button("n  No", id="no")
        yield Footer()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class LogScreen(Dialog):
    """Study time to log today, in the CLI's formats."""

    def __init__(self, title: str | None) -> None:
        super().__init__()
        self.item_title = title

    def compose(self) -> ComposeResult:
        with Vertical():
            head = Text("Log study time for today")
            if self.item_title:
                head.append(" on ").append(self.item_title, "bold")
            else:
                head.append(" (credited to what is unfinished, in plan order)")
            yield Static(head.append("\nEnter logs it, Escape cancels.", "dim"))
            yield Input(placeholder="1h30, 90m or 1.5", id="log-hours")
        yield Footer()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)


RATINGS = [("1", "again"), ("2", "hard"), ("3", "good"), ("4", "easy")]


class RateScreen(Dialog):
    """How well a review went: 1-4 or a click."""

    BINDINGS = [
        *(Binding(k, f"rate('{r}')", r.capitalize(), show=False) for k, r in RATINGS),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, title: str) -> None:
        super().__init__()
        self.item_title = title

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                Text("How well did you remember ").append(self.item_title, "bold").append("?")
            )
            with Horizontal(classes="buttons"):
                for key, rating in RATINGS:
                    yield Button(f"{key}  {rating}", id=f"rate-{rating}")
        yield Footer()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        assert event.button.id is not None
        self.dismiss(event.button.id.removeprefix("rate-"))

    def action_rate(self, rating: str) -> None:
        self.dismiss(rating)


class SearchScreen(Dialog):
    """Find an item by words of its id or title; Enter picks the highlighted one."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
    ]

    def __init__(self, snap: Snapshot) -> None:
        super().__init__()
        self.snap = snap

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("Search items (Enter opens it in the Roadmap view)")
            yield Input(placeholder="words of an id or title", id="search-input")
            yield OptionList(id="search-results")
        yield Footer()

    def on_mount(self) -> None:
        self._fill("")

    def _fill(self, query: str) -> None:
        results = self.query_one("#search-results", OptionList)
        results.clear_options()
        found = search(self.snap, query)
        results.add_options(
            [
                Option(
                    Text(f"{self.snap.mark(it['id'])} {it['title']}  ").append(
                        f"{it['id']} · {it['kind']} · phase {it['phase']}", "dim"
                    ),
                    it["id"],
                )
                for it in found
            ]
        )
        if found:
            results.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def action_move(self, step: int) -> None:
        results = self.query_one("#search-results", OptionList)
        if results.option_count:
            now = results.highlighted or 0
            results.highlighted = max(0, min(results.option_count - 1, now + step))

    def _pick(self) -> None:
        results = self.query_one("#search-results", OptionList)
        if results.highlighted is None or not results.option_count:
            self.dismiss(None)
            return
        self.dismiss(results.get_option_at_index(results.highlighted).id)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self._pick()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)


class HelpScreen(Dialog):
    """The keys, each description wrapping in its own column; the body scrolls, so a
    small screen (60x20) loses no key off the bottom."""

    BINDINGS = [
        Binding("escape", "cancel", "Close"),
        Binding("q", "cancel", "Close", show=False),
        Binding("question_mark", "cancel", "Close", show=False),
    ]
    DEFAULT_CSS = """
    HelpScreen > VerticalScroll {
        width: 70; max-width: 95%; height: auto; max-height: 90%;
        border: round $accent; padding: 0 1; background: $surface;
    }
    """

    def compose(self) -> ComposeResult:
        keys = Table.grid(padding=(0, 1))
        keys.add_column(style="bold", no_wrap=True)
        keys.add_column()
        for key, what in KEYS:
            keys.add_row(key, what)
        with VerticalScroll():
            yield Static(Text("mlpath ui — keys", style="bold"))
            yield Static(keys)
            yield Static(
                Text(
                    "\nEvery change is saved at once, as the CLI saves it: `mlpath undo` in a "
                    "shell reverts what you did here. The app redraws when the state file "
                    "changes.",
                    style="dim",
                )
            )
            yield Static(Text("Escape closes this help", style="dim"))
        yield Footer()


class ProblemScreen(Screen[None]):
    """Shown instead of the views while the plan cannot be read: what `doctor` says."""

    BINDINGS = [Binding("q", "app.quit", "Quit")]
    DEFAULT_CSS = """
    ProblemScreen VerticalScroll { padding: 1 2; }
    """

    def __init__(self, text: Text) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static(self.text, id="problem")
        yield Footer()

    def update(self, text: Text) -> None:
        self.text = text
        self.query_one("#problem", Static).update(text)

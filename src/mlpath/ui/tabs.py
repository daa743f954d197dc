"""The app's five views, each drawn from a `data.Snapshot` and nothing else.

Each view has `show(snap)` (redraw, keeping the selection where it still
exists) and `selected_item()` (the item `d` would mark done, if any). The
figures and words come from the CLI's view dicts and render helpers; every
state a colour shows is also written as a symbol (✓ done, ! overdue, ▶ this
week, ○ to do), so the app reads the same with NO_COLOR.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from rich.style import Style as RichStyle
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import DataTable, OptionList, Static, Tree
from textual.widgets.option_list import Option
from textual.widgets.tree import TreeNode

from mlpath.render.method import habit_lines, practice_lines, timer_lines, warning_lines
from mlpath.render.next import (
    ITEM_WHEN,
    day_line,
    deadline_text,
    pace_text,
    range_text,
    required_text,
    review_lines,
)
from mlpath.render.review import review_head
from mlpath.render.status import Dashboard
from mlpath.render.term import Style
from mlpath.render.text import hours, long_date, number, pick_count, plural
from mlpath.ui.data import CURRENT, DONE, IN_PROGRESS, MILESTONE, OVERDUE, TODO, Snapshot

ANSI = Style(True)  # the CLI's words with their styles; Textual drops colour under NO_COLOR


def ansi(text: str) -> Text:
    return Text.from_ansi(text.rstrip("\n"))


def resource_text(r: dict[str, Any], indent: str = "  ") -> Text:
    t = Text(f"{indent}• {r['title']}")
    if r.get("by"):
        t.append(f" — {r['by']}")
    if r.get("kind"):
        t.append(f" ({r['kind']})", style="dim")
    if r.get("url"):
        # A link the terminal can open (OSC 8) where it supports them; the roadmaps
        # write addresses without a scheme (kaggle.com/competitions).
        url = r["url"] if "://" in r["url"] else f"https://{r['url']}"
        t.append(f"\n{indent}  ")
        # a Style, not a style string: words after a space in the address are not colours
        t.append(r["url"], style=RichStyle(underline=True, link=url))
    return t


def join(parts: list[Text]) -> Text:
    return Text("\n").join(parts)


# --- Today -------------------------------------------------------------------------------


def method_head(m: dict[str, Any] | None) -> list[Text]:
    """The running timer (counted from now) under the date, as `mlpath next` has it."""
    timer = (m or {}).get("timer") or {}
    if not timer.get("running") and not timer.get("capped"):
        return []
    from mlpath.app.clock import now
    from mlpath.app.timer import cap_minutes

    return [ansi(line) for line in timer_lines(m, now(), ANSI, cap_minutes())]


class TodayView(VerticalScroll):
    """What `mlpath next` shows, with the items to study as a list to act on."""

    def compose(self) -> ComposeResult:
        yield Static(id="today-head")
        yield OptionList(id="today-items")
        yield Static(id="today-rest")

    def show(self, snap: Snapshot) -> None:
        self.show_head(snap)
        self.show_items(snap)

    def show_head(self, snap: Snapshot) -> None:
        """The date, the week, the day and the running timer: the app redraws it alone
        each minute while a timer runs (its time counts from now)."""
        v = snap.next
        wk = v["week"]
        head = [Text(f"{snap.today:%A %d %B %Y}", style="bold")]
        if v["finished"]:
            head.append(Text("Congratulations — every item of your plan is done!", style="bold"))
            h = v["hours"]
            head.append(
                Text(
                    f"{hours(h['completed'])} of study completed, {hours(h['total_logged'])} "
                    f"logged, in {plural(wk['of'], 'week')} planned."
                )
            )
        elif v["before_start"]:
            n = v["days_to_start"]
            head.append(
                Text(f"Your plan starts in {plural(n, 'day')}, on {long_date(v['plan_start'])}.")
            )
        else:
            span = f"({long_date(wk['start'])} – {long_date(wk['end'])})"
            head.append(
                Text(f"Week {wk['number']}, past the plan's {wk['of']}  {span}")
                if v.get("past_end")
                else Text(f"Week {wk['number']} of {wk['of']}  {span}")
            )
        # a rest day or a break says so, and what follows is "up next", as in `mlpath next`
        day = v.get("day")
        told = day_line(day)
        if told:
            head.append(Text(told))
        head += method_head(v.get("method"))
        head.append(Text(""))
        studying = not day or day["kind"] in ("study", "past-end")
        if not v["finished"]:  # a finished plan has nothing to study next
            head.append(
                Text("Study now" if studying else "Up next", style="bold").append(
                    "  (d: done, l: log time)", style="dim"
                )
            )
        self.query_one("#today-head", Static).update(join(head))

    def show_items(self, snap: Snapshot) -> None:
        v = snap.next
        options = self.query_one("#today-items", OptionList)
        keep = self.selected_item()
        prompts: list[Option] = []
        for it in v["now"]:
            left = (
                f"{hours(it['hours_left'])} left" if it["hours_left"] else "all hours in, tick it"
            )
            meta = f"{it['id']} · {left}{ITEM_WHEN.get(it.get('when') or '', '')}"
            prompts.append(
                Option(Text(f"{snap.mark(it['id'])} {it['title']}  ").append(meta, "dim"), it["id"])
            )
        ms = v["next_milestone"]
        if ms:
            prompts.append(Option(milestone_line(ms), ms["id"]))
        options.clear_options()
        options.add_options(prompts)
        ids = [p.id for p in prompts]
        if prompts:
            options.highlighted = ids.index(keep) if keep in ids else 0

        rest: list[Text] = []
        if v["resources"]:
            rest.append(Text("Resources", style="bold"))
            rest += [resource_text(r) for r in v["resources"]]
        reviews = review_lines(v.get("reviews"), ANSI)
        if reviews:
            rest.append(ansi("\n".join(reviews).replace("(mlpath review)", "(5: Reviews)")))
        m = v.get("method")
        rest += [ansi(line) for line in practice_lines(m, ANSI) + habit_lines(m, ANSI)]
        for d in v.get("deadlines") or ():
            said, risk = deadline_text(d, bool(v["pace"]["credited_hours"]))
            rest.append(Text("Deadline ", style="bold").append(said, "yellow" if risk else ""))
        h = v["hours"]
        rest.append(
            Text("This week ", style="bold").append(
                f"{hours(h['week_logged'])} logged of {hours(h['week_target'])} planned"
                f" · {hours(h['total_logged'])} in total"
            )
        )
        p = v["pace"]
        line = Text("Pace ", style="bold").append_text(ansi(pace_text(p, ANSI)))
        if p["projected_finish"] and p["projected_finish"] != p["planned_finish"]:
            line.append(
                f"  (finish {long_date(p['projected_finish'])} at this pace; "
                f"planned {long_date(p['planned_finish'])})",
                style="dim",
            )
        elif not p["projected_finish"] and p["status"] == "behind":
            said = (
                "no finish in sight at this pace"
                if p["credited_hours"]
                else "no progress yet to project a finish from"
            )
            line.append(f"  ({said})", style="dim")
        rest.append(line)
        # the hours that finish on the planned date, and what recent weeks point to
        extra = [t for t in (required_text(p), range_text(p)) if t]
        if extra:
            rest.append(Text("  " + "; ".join(extra) + ".", style="dim"))
        if v.get("never_logged") and p["status"] == "behind":
            rest.append(Text("  Nothing logged yet, so only finished items count:", style="dim"))
            rest.append(Text("  `mlpath log 1.5` after a session credits your time.", style="dim"))
        rest += [ansi(line) for line in warning_lines(v.get("method"), ANSI)]
        for w in snap.warnings:
            rest.append(Text(f"Warning: {w}", style="yellow"))
        self.query_one("#today-rest", Static).update(join(rest))

    def selected_item(self) -> str | None:
        options = self.query_one("#today-items", OptionList)
        if options.highlighted is None or not options.option_count:
            return None
        return options.get_option_at_index(options.highlighted).id


def milestone_line(ms: dict[str, Any]) -> Text:
    left = ms["days_left"]
    if left is None:
        when = ""
    elif left < 0:
        when = f"{OVERDUE} overdue by {plural(-left, 'day')}"
    elif left == 0:
        when = "due today"
    else:
        when = f"{plural(left, 'day')} left"
    t = Text(f"{MILESTONE} Next milestone: ", style="bold").append(ms["title"])
    t.append(
        f"  {ms['id']} · due {long_date(ms['due'])}, {when}",
        style="red" if left and left < 0 else "dim",
    )
    return t


# --- Plan --------------------------------------------------------------------------------


class PlanView(Vertical):
    """The week table, scrolled to this week; each week marked ▶ ✓ ! as well as coloured."""

    def compose(self) -> ComposeResult:
        yield Static(id="plan-head")
        yield DataTable(id="plan-table", cursor_type="row", zebra_stripes=False)

    def on_mount(self) -> None:
        self._snap: Snapshot | None = None
        self._width = 0
        self._scrolled = False
        self._drawn: tuple[Any, ...] | None = None  # the table's weeks and width as drawn
        self._marks: list[str] = []

    def on_resize(self) -> None:
        if self._snap is not None and self.app.size.width != self._width:
            self.show(self._snap)

    def show(self, snap: Snapshot) -> None:
        self._snap = snap
        self._width = self.app.size.width
        v = snap.plan
        head = Text(f"{v['roadmap']} · {v['level']} · {number(v['hours_per_week'])} h/week")
        span = f"{date.fromisoformat(v['start']):%d %b %Y} → {date.fromisoformat(v['finish']):%d %b %Y}"
        weeks = f" · {v['total_weeks']} weeks"
        # On a narrow screen the dates start the second line, whole, rather than
        # wrapping as words (which split "03 Mar | 2027").
        fits = len(head) + 3 + len(span) + len(weeks) <= self._width - 2
        head.append(" · " if fits else "\n")
        head.append(span, style="bold")
        head.append(f"{weeks}\n")
        head.append(
            f"{CURRENT} this week   {DONE} done   {OVERDUE} ended with work left", style="dim"
        )
        self.query_one("#plan-head", Static).update(head)

        table = self.query_one("#plan-table", DataTable)
        styles = {CURRENT: "bold cyan", DONE: "green", OVERDUE: "red", " ": ""}
        marks = [snap.week_mark(wk) for wk in v["weeks"]]
        drawn = (self._width, v["weeks"])
        if drawn == self._drawn:
            # The same weeks (a log, a review): only the marks can have moved; rebuilding
            # 60-odd rows would cost a redraw several times over.
            for wk, old, mark in zip(v["weeks"], self._marks, marks, strict=True):
                if mark != old:
                    key = str(wk["number"])
                    table.update_cell(key, "mark", Text(mark, style=styles[mark]))
                    table.update_cell(key, "wk", Text(key, style=styles[mark]))
            self._marks = marks
            return
        self._drawn, self._marks = drawn, marks
        row = table.cursor_row if table.row_count else None
        table.clear(columns=True)
        width = max(self._width - 2, 58)  # the pane's padding
        fixed = 1 + 3 + 13 + 3 + 2 * 6 + 2  # mark, wk, dates, phases, cell padding, scrollbar
        rest = max(width - fixed, 24)  # 24 at 60 columns: wider ran off the screen
        w_study = rest * 2 // 3
        w_due = rest - w_study
        table.add_column(" ", width=1, key="mark")
        table.add_column("Wk", width=3, key="wk")
        table.add_column("Dates", width=13, key="dates")
        table.add_column("Ph", width=3, key="ph")
        table.add_column("What to study", width=w_study, key="study")
        table.add_column("Milestones due" if w_due >= 14 else "Due", width=w_due, key="due")
        for wk, mark in zip(v["weeks"], marks, strict=True):
            work = [i for i in wk["items"] if i["kind"] != "milestone"]
            mss = [i for i in wk["items"] if i["kind"] == "milestone"]
            study = "; ".join(f"{i['title']} ({hours(i['hours']).replace(' ', '')})" for i in work)
            if wk.get("review_hours"):
                study += ("; " if study else "") + f"reviews ({hours(wk['review_hours'])})"
            if wk.get("break_days"):
                study += ("; " if study else "") + "break"
            d0, d1 = date.fromisoformat(wk["start"]), date.fromisoformat(wk["end"])
            table.add_row(
                Text(mark, style=styles[mark]),
                Text(str(wk["number"]), style=styles[mark]),
                f"{d0:%b %d}–{d1:%b %d}",
                ",".join(str(p) for p in sorted({i["phase"] for i in wk["items"]})),
                Text(study or "—", overflow="ellipsis", no_wrap=True),
                Text(
                    "; ".join(f"{MILESTONE} {m['title']}" for m in mss),
                    overflow="ellipsis",
                    no_wrap=True,
                ),
                key=str(wk["number"]),
            )
        target = snap.current_week() if row is None else min(row, table.row_count - 1)
        table.move_cursor(row=target, animate=False)
        if not self._scrolled:
            # The first time it is shown: this week near the top, two weeks above it.
            self._scrolled = True
            self.call_after_refresh(self._show_week, target)

    def _show_week(self, row: int) -> None:
        table = self.query_one("#plan-table", DataTable)
        table.scroll_to(y=max(row - 2, 0), animate=False)

    def selected_item(self) -> str | None:
        return None


# --- Roadmap -----------------------------------------------------------------------------


class RoadmapView(Horizontal):
    """Phases, then their topics, projects and milestone; the details of the one selected."""

    def compose(self) -> ComposeResult:
        tree: Tree[tuple[str, Any]] = Tree("Roadmap", id="roadmap-tree")
        tree.show_root = True
        yield tree
        with VerticalScroll(id="roadmap-detail"):
            yield Static(id="roadmap-text")

    def on_mount(self) -> None:
        self._snap: Snapshot | None = None
        self._drawn: tuple[Any, ...] | None = None  # what the tree's labels were drawn from

    def show(self, snap: Snapshot) -> None:
        self._snap = snap
        tree: Tree[tuple[str, Any]] = self.query_one("#roadmap-tree", Tree)
        keep = tree.cursor_node.data if tree.cursor_node is not None else None
        current: int | None = snap.next["now"][0]["phase"] if snap.next["now"] else None
        marks = [(i, snap.mark(i), it["skipped"]) for i, it in snap.items.items()]
        drawn = (snap.roadmap["content_hash"], current, marks)
        if drawn == self._drawn:  # the same labels (a log, a review): only the details
            self._detail(keep)
            return
        self._drawn = drawn
        open_phases = {
            n.data[1] for n in tree.root.children if n.data is not None and n.is_expanded
        }
        rm = snap.roadmap
        tree.clear()
        tree.root.set_label(Text(rm["title"], style="bold"))
        tree.root.data = ("roadmap", rm["id"])
        for ph in rm["phases"]:
            ms = ph["milestone"]
            work = work_leaves(ph, snap)
            ids = [i for i, _ in work]
            if ms:
                ids.append(ms["id"])
            known = [snap.items[i] for i in ids if i in snap.items]
            all_done = bool(known) and all(i["done"] or i["skipped"] for i in known)
            mark = DONE if all_done else (IN_PROGRESS if ph["number"] == current else TODO)
            label = Text(f"{mark} Phase {ph['number']} · {ph['title']}")
            node = tree.root.add(
                label,
                data=("phase", ph["number"]),
                expand=ph["number"] in open_phases or (not open_phases and ph["number"] == current),
            )
            for item, title in work:
                self._item_leaf(node, snap, item, title)
            if ms:
                self._item_leaf(node, snap, ms["id"], ms["title"], MILESTONE)
        tree.root.expand()
        target = self._find(tree.root, keep) if keep else None
        if target is None and current is not None:
            first = snap.next["now"][0]["id"]
            target = self._find(tree.root, ("item", first))
        if target is not None:
            # the rebuilt tree lays out its lines on the next refresh; select after it
            self.call_after_refresh(self.select, target)
        else:
            self._detail(tree.root.data)

    def _item_leaf(
        self,
        node: TreeNode[tuple[str, Any]],
        snap: Snapshot,
        item: str,
        title: str,
        prefix: str = "",
    ) -> None:
        it = snap.items.get(item)
        mark = snap.mark(item) if it and not it["skipped"] else "-"
        style = {DONE: "green", OVERDUE: "red"}.get(mark, "")
        label = Text(f"{mark} ", style=style).append(f"{prefix + ' ' if prefix else ''}{title}")
        node.add_leaf(label, data=("item", item))

    def _find(
        self, node: TreeNode[tuple[str, Any]], data: tuple[str, Any]
    ) -> TreeNode[tuple[str, Any]] | None:
        if node.data == data:
            return node
        for child in node.children:
            found = self._find(child, data)
            if found is not None:
                return found
        return None

    def select(self, node: TreeNode[tuple[str, Any]]) -> None:
        if node.parent is not None and not node.parent.is_expanded:
            node.parent.expand()  # its lines exist after the next refresh
            self.call_after_refresh(self._move, node)
        else:
            self._move(node)

    def _move(self, node: TreeNode[tuple[str, Any]]) -> None:
        tree: Tree[tuple[str, Any]] = self.query_one("#roadmap-tree", Tree)
        tree.move_cursor(node)
        self._detail(node.data)

    def select_item(self, item: str) -> bool:
        tree: Tree[tuple[str, Any]] = self.query_one("#roadmap-tree", Tree)
        node = self._find(tree.root, ("item", item))
        if node is None:
            return False
        self.call_after_refresh(self.select, node)
        tree.focus()
        return True

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[tuple[str, Any]]) -> None:
        self._detail(event.node.data)

    def selected_item(self) -> str | None:
        tree: Tree[tuple[str, Any]] = self.query_one("#roadmap-tree", Tree)
        node = tree.cursor_node
        if node is None or node.data is None or node.data[0] != "item":
            return None
        return str(node.data[1])

    def _detail(self, data: tuple[str, Any] | None) -> None:
        snap = self._snap
        if snap is None or data is None:
            return
        rm = snap.roadmap
        phases = {p["number"]: p for p in rm["phases"]}
        kind, key = data
        if kind == "roadmap":
            text = roadmap_text(rm)
        elif kind == "phase":
            text = phase_text(phases[key])
        else:
            text = item_text(snap, phases, key)
        self.query_one("#roadmap-text", Static).update(text)
        self.query_one("#roadmap-detail", VerticalScroll).scroll_home(animate=False)


def work_leaves(ph: dict[str, Any], snap: Snapshot) -> list[tuple[str, str]]:
    """A phase's topics and projects as the plan has them: a choice's stand-in
    (complete's "specialisation-track") replaced by the options the learner picked,
    as the schedule replaces it, so the tree holds the items `d` can tick."""
    picks = {
        c["item"]: [o for o in c["options"] if o["id"] in snap.items]
        for c in ph.get("choices") or []
    }
    out: list[tuple[str, str]] = []
    for t in [*ph["topics"], *ph["projects"]]:
        picked = picks.get(t["id"])
        if picked and t["id"] not in snap.items:
            out += [(o["id"], o["title"]) for o in picked]
        else:
            out.append((t["id"], t["title"]))
    return out


def _assumed(flag: bool) -> str:
    return " (assumed)" if flag else ""


def roadmap_text(rm: dict[str, Any]) -> Text:
    h = rm["hours_per_week"]
    parts = [Text(rm["title"], style="bold")]
    parts.append(
        Text(
            f"{DONE} done  {IN_PROGRESS} being studied  {TODO} to do  {OVERDUE} overdue  "
            f"{MILESTONE} milestone",
            style="dim",
        )
    )
    src = rm["source"]
    named = " · ".join(str(src[k]) for k in ("title", "publisher") if src.get(k))
    if named:
        parts.append(Text(f"Source: {named}", style="dim"))
    parts.append(Text(rm["summary"]))
    dur = rm["duration"]
    parts.append(
        Text(f"Duration: {dur.get('text', '')}" if isinstance(dur, dict) else f"Duration: {dur}")
    )
    parts.append(Text(f"Hours per week: {number(h['value'])}{_assumed(h['assumed'])}"))
    if h.get("note"):
        parts.append(Text(f"  {h['note']}", style="dim"))
    if rm["prerequisites"]:
        parts.append(Text("Prerequisites", style="bold"))
        parts += [
            Text(f"  • {p if isinstance(p, str) else p.get('text', p)}")
            for p in rm["prerequisites"]
        ]
    return join(parts)


def phase_text(ph: dict[str, Any]) -> Text:
    wk = ph["weeks"]
    parts = [Text(f"Phase {ph['number']} · {ph['title']}", style="bold")]
    parts.append(
        Text(
            f"Weeks: {wk['text']}{_assumed(wk['assumed'])} · "
            f"{number(ph['hours_per_week'])} h/week{_assumed(ph['hours_assumed'])}"
            + (" · ongoing" if ph["ongoing"] else "")
        )
    )
    if ph["summary"]:
        parts.append(Text(ph["summary"]))
    if ph["milestone"]:
        m = ph["milestone"]
        parts.append(Text(f"{MILESTONE} Milestone: ", style="bold").append(m["title"]))
        if m.get("description"):
            parts.append(Text(f"  {m['description']}"))
    if ph["resources"]:
        parts.append(Text("Resources", style="bold"))
        parts += [resource_text(r) for r in ph["resources"]]
    if ph["self_check"]:
        parts.append(Text("Self-check", style="bold"))
        parts += [Text(f"  ? {q['ask']}") for q in ph["self_check"]]
    if ph["notes"]:
        parts.append(Text("Notes", style="bold"))
        parts += [Text(f"  • {n}") for n in ph["notes"]]
    return join(parts)


def item_text(snap: Snapshot, phases: dict[int, dict[str, Any]], item: str) -> Text:
    it = snap.items.get(item, {"kind": "", "title": item, "phase": 0, "due": None, "done": False})
    ph = phases.get(it["phase"], {})
    entry: dict[str, Any] = {}
    for group in ("topics", "projects"):
        for t in ph.get(group, []):
            if t["id"] == item:
                entry = t
    for c in ph.get("choices", []):
        for o in c["options"]:
            if o["id"] == item:  # a pick stands in the plan for its choice
                entry = o
    if ph.get("milestone") and ph["milestone"]["id"] == item:
        entry = {"details": ph["milestone"].get("description")}
    mark = snap.mark(item)
    parts = [Text(it["title"], style="bold")]
    parts.append(Text(f"{item} · {it['kind']} · phase {it['phase']}", style="dim"))
    if it.get("skipped"):
        state = "- skipped in your plan"
    elif mark == DONE:
        on = it.get("done_on")
        state = f"{DONE} done" + (
            f" on {long_date(on)}" if on else " (its phase's milestone is done)"
        )
    elif mark == OVERDUE:
        state = f"{OVERDUE} overdue: due {long_date(it['due'])}"
    else:
        state = f"{TODO} due {long_date(it['due'])}"
    parts.append(Text(state, style={DONE: "green", OVERDUE: "red"}.get(mark, "")))
    if entry.get("weeks"):
        w = entry["weeks"]
        parts.append(
            Text(
                f"Weeks: {number(w['min'])}–{number(w['max'])}"
                if w["min"] != w["max"]
                else f"Weeks: {number(w['min'])}"
            )
        )
    if entry.get("optional"):
        parts.append(Text("Optional in the roadmap"))
    if entry.get("details"):
        parts.append(Text(entry["details"]))
    for c in ph.get("choices", []):
        if c["item"] == item and not it["done"]:  # a stand-in: how to pick, as `next` says
            count = pick_count(c.get("max"))
            parts.append(Text(f"Ideas to choose from ({count}): mlpath replan --pick ID"))
            parts += [Text(f"  – {o['title']} ({o['id']})") for o in c["options"]]
    own = [r for r in ph.get("resources", []) if r.get("topic") == item]
    general = [r for r in ph.get("resources", []) if not r.get("topic")]
    if own or general:
        parts.append(Text("Resources", style="bold"))
        parts += [resource_text(r) for r in own + general]
    if ph.get("self_check"):
        parts.append(Text(f"Self-check (phase {it['phase']})", style="bold"))
        parts += [Text(f"  ? {q['ask']}") for q in ph["self_check"]]
    if not it["done"] and not it.get("skipped"):
        parts.append(Text(""))
        parts.append(Text("d: mark it done", style="dim"))
    return join(parts)


# --- Dashboard ---------------------------------------------------------------------------


class DashboardView(VerticalScroll):
    """What `mlpath status` draws, by the same renderable."""

    def compose(self) -> ComposeResult:
        yield Static(id="dashboard")

    def show(self, snap: Snapshot) -> None:
        self.query_one("#dashboard", Static).update(Dashboard(snap.status, unicode=True))

    def selected_item(self) -> str | None:
        return None


# --- Reviews -----------------------------------------------------------------------------


class ReviewsView(VerticalScroll):
    """The cards due today with their phase's resources; `r` rates the selected one."""

    def compose(self) -> ComposeResult:
        yield Static(id="reviews-head")
        yield OptionList(id="reviews-cards")
        yield Static(id="reviews-detail")

    def on_mount(self) -> None:
        self._snap: Snapshot | None = None

    def show(self, snap: Snapshot) -> None:
        self._snap = snap
        v = snap.reviews
        due = v["due"]
        options = self.query_one("#reviews-cards", OptionList)
        keep = self.selected_item()
        if not v["cards"]:
            head = Text("Nothing to review yet: each item you finish (d) becomes a card.")
        elif not due:
            head = Text(f"{DONE} No reviews due today ({plural(v['cards'], 'card')} in all).")
        else:
            # `mlpath review`'s own head: today's share and those waiting past the cap
            head = ansi("\n".join(review_head(v, ANSI)))
            head.append("  (r: rate the selected one 1–4)", style="dim")
        self.query_one("#reviews-head", Static).update(head)
        options.clear_options()
        prompts = []
        for c in due:
            late = (
                f" · {OVERDUE} {plural(c['overdue_days'], 'day')} overdue"
                if c["overdue_days"]
                else ""
            )
            prompts.append(
                Option(
                    Text(f"{c['title']}  ").append(f"{c['id']} · phase {c['phase']}{late}", "dim"),
                    c["id"],
                )
            )
        options.add_options(prompts)
        options.display = bool(prompts)
        ids = [c["id"] for c in due]
        if ids:
            options.highlighted = ids.index(keep) if keep in ids else 0
        self._detail()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._detail()

    def _detail(self) -> None:
        snap = self._snap
        if snap is None:
            return
        v = snap.reviews
        parts: list[Text] = []
        chosen = self.selected_item()
        for c in v["due"]:
            if c["id"] != chosen:
                continue
            seen = (
                f"last {c['last_rating']} on {c['last_review']}"
                if c["last_review"]
                else f"done {c['learned']}"
            )
            parts.append(Text(f"▸ {c['title']}", style="bold"))
            parts.append(Text(f"  due {long_date(c['due'])} · {seen}", style="dim"))
            if c.get("resources"):
                parts.append(Text("Resources", style="bold"))
                parts += [resource_text(r) for r in c["resources"]]
        if v["upcoming"]:
            parts.append(Text("Coming up", style="bold"))
            for c in v["upcoming"]:
                parts.append(
                    Text(f"  {long_date(c['due'])}  {c['title']} ").append(f"({c['id']})", "dim")
                )
        self.query_one("#reviews-detail", Static).update(join(parts))

    def selected_item(self) -> str | None:
        options = self.query_one("#reviews-cards", OptionList)
        if options.highlighted is None or not options.option_count:
            return None
        return options.get_option_at_index(options.highlighted).id

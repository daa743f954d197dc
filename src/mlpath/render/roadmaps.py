"""Terminal rendering with rich: turns view dicts into text. Decides nothing."""

from __future__ import annotations

import sys
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from mlpath.render import safe
from mlpath.render.term import use_color
from mlpath.render.text import number, pick_count


def console(
    *, stderr: bool = False, no_color: bool = False, width: int | None = None, file: Any = None
) -> Console:
    """A rich console that colours by the one colour rule (render/term.py's use_color)."""
    colour = use_color(no_color, sys.stderr if stderr else sys.stdout)
    return Console(
        file=file,
        stderr=stderr,
        no_color=not colour,
        color_system="auto" if colour else None,
        force_terminal=True if colour else None,
        highlight=False,
        markup=False,  # a title like "[link=...]" is data, not markup
        width=width,
        soft_wrap=False,
        emoji=False,
    )


# --- roadmaps ------------------------------------------------------------------------


def roadmaps_table(
    con: Console, rows: list[dict[str, Any]], broken: list[str], folder: str
) -> None:
    import os.path

    # a file in the folder named under the table is shown by its name: a whole path
    # in the source column squeezes the titles to a word a line, cut mid-word
    rows = [
        {**r, "path": os.path.basename(r["path"])}
        if not r["bundled"] and os.path.dirname(r["path"]) == folder
        else r
        for r in rows
    ]
    rows, broken, folder = safe.view(rows), safe.view(broken), safe.line(folder)
    table = Table(title="Roadmaps", title_justify="left", expand=False)
    # below 80 columns a source column leaves the titles a few letters a line: the
    # user's own files are named under the table instead
    narrow = con.width < 80
    table.add_column("id", style="bold cyan", no_wrap=True)
    table.add_column("title", ratio=3)
    table.add_column("ph" if narrow else "phases", justify="right")
    table.add_column("duration")
    table.add_column("h/week", justify="right")
    if not narrow:
        table.add_column("source", ratio=1, overflow="fold")
    for r in rows:
        hw = number(r["hours_per_week"]) + ("*" if r["hours_assumed"] else "")
        src = "bundled" if r["bundled"] else r["path"]
        cells = [r["id"], r["title"], str(r["phases"]), r["duration"], hw]
        table.add_row(*cells, *([] if narrow else [src]))
    con.print(table)
    con.print("* assumed: the source document gives no weekly hours.", style="dim")
    con.print(f"Your own roadmaps go in {folder}", style="dim")
    own = [f"{r['path']} ({r['id']})" for r in rows if not r["bundled"]]
    if narrow and own:
        con.print(f"Yours there: {', '.join(own)}", style="dim")
    for line in broken:  # it names FILE:LINE: one line, never wrapped (issue 24)
        con.print(Text(f"skipped: {line}", style="yellow"), soft_wrap=True)


# A figure and its unit, a day and its month, a month and its year: rich breaks lines at
# any space, so these spaces become a placeholder of one cell for the wrap, then a space.
_GLUE = "\ue000"
_MONTH = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
_KEEP_TOGETHER = (
    rf"(?<=\d) (?=(?:h/week|h|min|weeks?|days?|months?|{_MONTH})\b)",
    rf"(?<=\b(?:{_MONTH})) (?=\d{{4}}\b)",
    # the command a choice names stays whole: "plan" at a line's end, "--pick ID" below
    r"(?<=\bplan) (?=--pick ID\b)|(?<=--pick) (?=ID\b)",
)


def _glued(text: Text) -> Text:
    import re

    plain = text.plain
    for pattern in _KEEP_TOGETHER:
        plain = re.sub(pattern, _GLUE, plain)
    # an inline `command` stays on one line, so a pasted line runs all of it
    plain = re.sub(r"`[^`\n]+`", lambda m: m[0].replace(" ", _GLUE), plain)
    # one character for one: the styles' spans still fit
    return Text(plain, style=text.style, spans=text.spans, end=text.end)


def _unglued(text: Text) -> Text:
    return Text(text.plain.replace(_GLUE, " "), style=text.style, spans=text.spans, end=text.end)


def _bullet(
    con: Console, text: str | Text, *, indent: int = 2, mark: str = "•", mark_style: str = ""
) -> None:
    """One list entry, wrapped at word boundaries, its lines hanging under its first word."""
    lead = " " * indent + (mark + " " if mark else "")
    body = _glued(text if isinstance(text, Text) else Text(text))
    width = max(con.width - len(lead), 20)
    for i, line in enumerate(body.wrap(con, width)):
        line.rstrip()
        line = _unglued(line)
        first = Text(" " * indent) + Text(lead[indent:], style=mark_style)
        con.print((first if i == 0 else Text(" " * len(lead))) + line, no_wrap=True, crop=False)


def _line(con: Console, text: Text) -> None:
    _bullet(con, text, indent=0, mark="")


def _g(x: float | int | None) -> str:
    return "" if x is None else number(x)


def _quote(text: str) -> str:
    return "“" + " ".join(text.split()) + "”"


def _span(w: dict[str, Any]) -> str:
    return (
        f"{_g(w['min'])}–{_g(w['max'])} weeks" if w["min"] != w["max"] else f"{_g(w['min'])} weeks"
    )


def _weeks_text(w: dict[str, Any], ongoing: bool) -> str:
    span = _span(w)
    text = w.get("text") or span
    if ongoing or w.get("assumed"):
        # an open-ended phase: its length is mlpath's assumption, shown as such
        return f"{text} · {span} assumed"
    if text != span:
        text += f" · {span}"
    return text


def _hours_text(p: dict[str, Any]) -> str:
    lo, hi = p.get("hours_min"), p.get("hours_max")
    text = f"{_g(p['hours_per_week'])} h/week"
    if lo is not None and hi is not None and lo != hi:
        text += f" (midpoint of {_g(lo)}–{_g(hi)})"
    if p["hours_assumed"]:
        text += " (assumed)"
    return text


def _effect_text(e: dict[str, Any]) -> str:
    phases = ", ".join(map(str, e["phases"]))
    which = f"phase {phases}" if len(e["phases"]) == 1 else f"phases {phases}"
    w = e.get("weeks")
    if isinstance(w, dict):
        lo, hi = w["min"], w["max"]
        figure = w.get("text") or f"{_g(lo)}–{_g(hi)} weeks"
        if lo != hi:
            mid = (lo + hi) / 2
            figure += f" ({_g(hi)} beginner, {_g(mid)} intermediate, {_g(lo)} advanced)"
    elif w is not None:
        figure = f"{_g(w)} weeks"
    else:
        figure = ""
    action = e["action"]
    if action == "skip":
        text = f"skips {which}"
    elif action == "add":
        text = f"adds {figure} over {which}"
    elif "factor" in e:
        text = f"{action}es {which} to {_g(e['factor'])} × their weeks".replace(
            "extendes", "extends"
        )
    else:
        verb = "compresses" if action == "compress" else "extends"
        text = f"{verb} {which} to {figure} combined"
    if e.get("assumed"):
        text += " (assumed)"
    return text


def _section(con: Console, title: str) -> None:
    con.print()
    con.print(Text(title, style="bold"))


def roadmap_show(con: Console, d: dict[str, Any], *, brief: bool = False) -> None:
    """`roadmaps show`: everything `--json` has, grouped; `brief`: the phases alone."""
    d = safe.view(d)  # text from data, shown escaped (render/safe.py)
    h = d["hours_per_week"]
    _line(con, Text(d["title"], style="bold"))
    hours = f"{_g(h['value'])} h/week"
    if h.get("min") is not None and h.get("max") is not None and h["min"] != h["max"]:
        hours += f" (midpoint of {_g(h['min'])}–{_g(h['max'])})"
    if h["assumed"]:
        hours += " (assumed)"
    _line(con, Text(f"id {d['id']} · {d['duration']['text']} · {hours}"))
    publisher = d["source"].get("publisher")
    _line(
        con,
        Text(
            f"Source: {_quote(d['title'])}, "
            + (f"published by {publisher}" if publisher else "its publisher not named"),
            style="dim",
        ),
    )
    if brief:
        con.print()
        for p in d["phases"]:
            _bullet(
                con,
                Text(f"Phase {p['number']} · {p['title']}", style="cyan")
                + Text(f"  {_weeks_text(p['weeks'], p['ongoing'])}, {_hours_text(p)}", style="dim"),
                indent=0,
                mark="",
            )
        return
    if h.get("source") or h.get("note"):
        con.print()
        if h.get("source"):
            _bullet(con, f"Hours: {_quote(h['source'])}", indent=0, mark="")
        if h.get("note"):
            _bullet(con, f"Hours (assumed): {' '.join(h['note'].split())}", indent=0, mark="")
    con.print()
    _line(con, Text(" ".join(d["summary"].split()), style="dim"))
    if d["audience"]:
        _section(con, "Audience")
        for a in d["audience"]:
            _bullet(con, " ".join(a.split()))
    if d["prerequisites"]:
        _section(con, "Prerequisites")
        for a in d["prerequisites"]:
            _bullet(con, " ".join(a.split()))
    for p in d["phases"]:
        _phase(con, p)
    if d["level_overrides"]:
        _section(con, "Level overrides (applied with --level)")
        for o in d["level_overrides"]:
            _bullet(con, f"{o['level']}: {_effect_text(o)} — {_quote(o['source'])}")
            if o.get("converted"):
                _bullet(con, f"converted: {' '.join(o['converted'].split())}", indent=4, mark="")
            if o.get("note"):
                _bullet(con, f"assumed: {' '.join(o['note'].split())}", indent=4, mark="")
    if d["backgrounds"]:
        _section(con, "Backgrounds (plan --background ID)")
        for b in d["backgrounds"]:
            _bullet(con, Text(b["id"], style="cyan") + Text(f"  {b['label']}"))
            for e in b["effects"]:
                _bullet(con, _effect_text(e), indent=4, mark="–")
                if e.get("note"):
                    _bullet(con, f"assumed: {' '.join(e['note'].split())}", indent=6, mark="")
            _bullet(con, _quote(b["source"]), indent=4, mark="")
    _method(con, d)
    if d["career_paths"]:
        _section(con, "Career paths")
        for c in d["career_paths"]:
            extra = [
                f"{k}: {' '.join(c[k].split())}"
                for k in ("focus", "path", "salary", "demand", "note")
                if c.get(k)
            ]
            _bullet(con, c["title"] + (" — " + "; ".join(extra) if extra else ""))
    if d["tips"]:
        _section(con, "Tips")
        for t in d["tips"]:
            _bullet(con, " ".join(t.split()))
    if d["guidance"]:
        _section(con, "Guidance")
        for t in d["guidance"]:
            _bullet(con, " ".join(t.split()))
    if d["faq"]:
        _section(con, "FAQ")
        if any(q.get("editorial") for q in d["faq"]):
            _line(
                con,
                Text(
                    "(editorial): the document gives the answer only; the question is mlpath's.",
                    style="dim",
                ),
            )
        for q in d["faq"]:
            mark = " (editorial)" if q.get("editorial") else ""
            _bullet(con, Text(" ".join(q["question"].split()) + mark, style="bold"), mark="Q")
            _bullet(con, " ".join(q["answer"].split()), indent=4, mark="")


def _assumed_note(con: Console, figure: dict[str, Any] | None, indent: int) -> None:
    if figure and figure.get("note"):
        tag = "assumed" if figure.get("assumed") else "note"
        _bullet(con, f"{tag}: {' '.join(figure['note'].split())}", indent=indent, mark="")


def _method(con: Console, d: dict[str, Any]) -> None:
    """How the document says to study: its theory/practice target, its word on
    projects and its habits, each with its quote and every assumed figure."""
    b, p, habits = d.get("balance"), d.get("projects"), d.get("habits") or []
    if not (b or p or habits):
        return
    _section(con, "How to study (mlpath checks you against it: docs/method.md)")
    if b:
        _bullet(con, f"Theory and practice: {_quote(b['source'])}")
        if b.get("also"):
            _bullet(con, f"also: {_quote(b['also'])}", indent=4, mark="")
        _assumed_note(con, b, 4)
        for t in b["targets"]:
            phases = ", ".join(str(n) for n in t["phases"])
            _bullet(
                con, f"phases {phases}: {_g(t['practice_percent'])}% practice", indent=4, mark="–"
            )
            _assumed_note(con, t, 6)
        for e in b.get("exempt") or ():
            phases = ", ".join(str(n) for n in e["phases"])
            _bullet(con, f"phase {phases}: no target — {_quote(e['source'])}", indent=4, mark="–")
    if p:
        kind = "a rule: next warns" if p["rule"] == "warn" else "a tip, shown beside the split"
        _bullet(con, f"Projects ({kind}): {_quote(p['source'])}")
        if p.get("also"):
            _bullet(con, _quote(p["also"]), indent=4, mark="")
        if p.get("days_before"):
            _bullet(
                con,
                f"from {p['days_before']['value']} days before a phase ends",
                indent=4,
                mark="–",
            )
            _assumed_note(con, p["days_before"], 6)
    for h in habits:
        c = h["count"]
        times = f"{c['min']}–{c['max']}" if c.get("max", c["min"]) != c["min"] else str(c["min"])
        when = h["when"]
        where = (
            "phase " + ", ".join(str(n) for n in when["phases"])
            if when.get("phases")
            else f"the {when['interview_weeks']} weeks before an interview (--interview)"
            if when.get("interview_weeks")
            else "every study day"
        )
        _bullet(
            con,
            Text(h["id"], style="cyan")
            + Text(f"  {h['title']}: {times} a {c['per']}, {h['minutes']['value']} min each, "
                   f"{where}, {h['kind']['value']}"),
        )  # fmt: skip
        _bullet(con, _quote(h["source"]), indent=4, mark="")
        for figure in (c, when, h["minutes"], h["kind"]):
            _assumed_note(con, figure, 4)


def _phase(con: Console, p: dict[str, Any]) -> None:
    con.print()
    _line(
        con,
        Text(f"Phase {p['number']} · {p['title']}", style="bold cyan")
        + Text(f"  ({_weeks_text(p['weeks'], p['ongoing'])}, {_hours_text(p)})", style="dim"),
    )
    w = p["weeks"]
    if w.get("converted"):
        _bullet(con, f"weeks: {' '.join(w['converted'].split())}", indent=1, mark="")
    if w.get("note"):
        _bullet(con, f"weeks assumed: {' '.join(w['note'].split())}", indent=1, mark="")
    if p.get("hours_note"):
        label = "hours assumed" if p["hours_assumed"] else "hours"
        _bullet(con, f"{label}: {' '.join(p['hours_note'].split())}", indent=1, mark="")
    _line(con, Text(" ".join(p["summary"].split())))
    choices = {c["item"]: c for c in p.get("choices") or ()}
    for key, head in (("topics", " Topics"), ("projects", " Projects")):
        if p[key]:
            con.print(Text(head, style="bold"))
        for t in p[key]:
            _item(con, t, indent=2, mark="•")
            if t["id"] in choices:
                _choice(con, choices[t["id"]])
    if p["resources"]:
        con.print(Text(" Resources", style="bold"))
        for r in p["resources"]:
            by = f" — {r['by']}" if r.get("by") else ""
            general = " [from the document's general list; placed here by mlpath]"
            _bullet(con, f"{r['title']}{by}" + (general if r.get("general") else ""))
            if r.get("url") and r["url"] != r["title"]:
                # the address the document gives, where its title is not the address itself
                _bullet(con, r["url"], indent=4, mark="")
            _detail(con, r.get("note"), 4)
    if p["milestone"]:
        m = p["milestone"]
        # its lines hang under the id; under them, the document's own milestone text
        # (the title is mlpath's short name for it)
        _bullet(
            con,
            Text(m["id"], style="cyan") + Text(f"  {m['title']}"),
            indent=1,
            mark="Milestone",
            mark_style="bold",
        )
        _detail(con, m.get("description"), 11)
    if p.get("notes"):
        con.print(Text(" Notes", style="bold"))
        for n in p["notes"]:
            _bullet(con, " ".join(n.split()))


def _choice(con: Console, c: dict[str, Any]) -> None:
    count = pick_count(c.get("max"))
    _bullet(
        con,
        Text(f"{c['title']}: ideas to choose from ({count}, plan --pick ID)", style="dim"),
        indent=4,
        mark="",
    )
    for o in c["options"]:
        _item(con, o, indent=6, mark="–")


def _item(con: Console, t: dict[str, Any], *, indent: int, mark: str) -> None:
    """A topic, project or idea: its title, its own weeks where the document gives them,
    whether the document marks it optional, and under it what the document says it covers."""
    w = t.get("weeks")
    span = ""
    if w:
        span = (
            f" ({_g(w['min'])}–{_g(w['max'])} weeks)"
            if w["min"] != w["max"]
            else (f" ({_g(w['min'])} weeks)")
        )
    extra = span + (" (optional)" if t.get("optional") else "")
    _bullet(con, Text(t["id"], style="cyan") + Text(f"  {t['title']}{extra}"), indent=indent,
            mark=mark)  # fmt: skip
    _detail(con, t.get("details"), indent + 2)


def _detail(con: Console, text: str | None, indent: int) -> None:
    if text:
        _bullet(con, Text(" ".join(text.split()), style="dim"), indent=indent, mark="")

"""Terminal rendering with rich: turns view dicts into text. Decides nothing."""

from __future__ import annotations

import sys
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from mlpath.render.term import use_color


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
        width=width,
        soft_wrap=False,
        emoji=False,
    )


# --- roadmaps ------------------------------------------------------------------------


def roadmaps_table(
    con: Console, rows: list[dict[str, Any]], broken: list[str], folder: str
) -> None:
    table = Table(title="Roadmaps", title_justify="left", expand=False, pad_edge=False)
    table.add_column("id", style="bold cyan", no_wrap=True)
    table.add_column("title", ratio=3)
    table.add_column("phases", justify="right")
    table.add_column("duration")
    table.add_column("h/week", justify="right")
    table.add_column("source", ratio=1, overflow="fold")
    for r in rows:
        hw = f"{r['hours_per_week']:g}" + ("*" if r["hours_assumed"] else "")
        src = "bundled" if r["bundled"] else r["path"]
        table.add_row(r["id"], r["title"], str(r["phases"]), r["duration"], hw, src)
    con.print(table)
    con.print("* assumed: the source document gives no weekly hours.", style="dim")
    con.print(f"Your own roadmaps go in {folder}", style="dim")
    for line in broken:
        con.print(Text(f"skipped: {line}", style="yellow"))


def roadmap_show(con: Console, d: dict[str, Any]) -> None:
    h = d["hours_per_week"]
    con.print(Text(d["title"], style="bold"))
    con.print(
        f"id {d['id']} · {d['duration']['text']} · {h['value']:g} h/week"
        + (" (assumed)" if h["assumed"] else "")
        + f" · source: {d['source']['document']}"
    )
    con.print(Text(d["summary"].strip(), style="dim"))
    if d["prerequisites"]:
        con.print(Text("Prerequisites", style="bold"))
        for p in d["prerequisites"]:
            con.print(f"  • {p}")
    for p in d["phases"]:
        w = p["weeks"]
        weeks = w["text"] or (
            f"{w['min']:g}–{w['max']:g} weeks" if w["min"] != w["max"] else f"{w['min']:g} weeks"
        )
        if p["ongoing"]:
            weeks += " · ongoing"
        con.print()
        con.print(
            Text(f"Phase {p['number']} · {p['title']}", style="bold cyan")
            + Text(f"  ({weeks}, {p['hours_per_week']:g} h/week)", style="dim")
        )
        con.print(Text(p["summary"].strip()))
        if p["topics"]:
            con.print(Text(" Topics", style="bold"))
            for t in p["topics"]:
                extra = " (optional)" if t.get("optional") else ""
                con.print(
                    Text("  • ") + Text(t["id"], style="cyan") + Text(f"  {t['title']}{extra}")
                )
        if p["resources"]:
            con.print(Text(" Resources", style="bold"))
            for r in p["resources"]:
                by = f" — {r['by']}" if r.get("by") else ""
                con.print(f"  • {r['title']}{by}")
        if p["projects"]:
            con.print(Text(" Projects", style="bold"))
            for t in p["projects"]:
                con.print(Text("  • ") + Text(t["id"], style="cyan") + Text(f"  {t['title']}"))
        if p["milestone"]:
            m = p["milestone"]
            con.print(
                Text(" Milestone ", style="bold")
                + Text(m["id"], style="cyan")
                + Text(f"  {m['title']}")
            )
    if d["level_overrides"]:
        con.print()
        con.print(Text("Level overrides", style="bold"))
        for o in d["level_overrides"]:
            con.print(
                f"  • {o['level']}: {o['action']} phases {', '.join(map(str, o['phases']))} — “{o['source']}”"
            )

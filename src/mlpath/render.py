"""Terminal rendering with rich: turns view dicts into text. Decides nothing."""

from __future__ import annotations

import os
from datetime import date
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text


def console(*, stderr: bool = False, no_color: bool = False, width: int | None = None) -> Console:
    """Colour only on a terminal, never with NO_COLOR or --no-color."""
    nc = no_color or bool(os.environ.get("NO_COLOR"))
    return Console(
        stderr=stderr,
        no_color=nc,
        color_system=None if nc else "auto",
        highlight=False,
        width=width,
        soft_wrap=False,
        emoji=False,
    )


def hours(x: float | int) -> str:
    if float(x).is_integer():
        return f"{int(x)} h"
    return f"{x:.1f} h"


def short_date(iso: str | None) -> str:
    if not iso:
        return "—"
    return date.fromisoformat(iso).strftime("%a %d %b %Y")


def span(a: str, b: str) -> str:
    da, db = date.fromisoformat(a), date.fromisoformat(b)
    if da.year == db.year:
        return f"{da:%d %b}–{db:%d %b %Y}"
    return f"{da:%d %b %Y}–{db:%d %b %Y}"


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


# --- plan ----------------------------------------------------------------------------


def plan_header(con: Console, v: dict[str, Any], *, saved: bool) -> None:
    con.print(Text(v["roadmap_title"], style="bold"))
    con.print(f"{v['roadmap']} · {v['level']} · {v['hours_per_week']:g} h/week · {v['days']}")
    con.print(
        Text(f"{short_date(v['start'])} → {short_date(v['finish'])}", style="bold green")
        + Text(f"  ·  {v['total_weeks']} weeks, {round(v['total_hours'], 2):g} h")
    )
    for a, b in v["breaks"]:
        con.print(f"break {a} → {b}", style="dim")
    # One line per override sentence, naming every phase it changed.
    changed: dict[str, list[str]] = {}
    for p in v["phases"]:
        if p["skipped"] or p["override"]:
            what = "skipped" if p["skipped"] else f"{p['weeks']:.3g} weeks"
            changed.setdefault(p["override"] or "", []).append(f"{p['number']} ({what})")
    for source, phases in changed.items():
        label = "Phase" if len(phases) == 1 else "Phases"
        con.print(Text(f"{label} {', '.join(phases)} for your level: “{source}”", style="dim"))
    if v["defaults_used"]:
        con.print(Text("Defaults used: " + ", ".join(v["defaults_used"]), style="dim"))


def plan_table(con: Console, v: dict[str, Any]) -> None:
    table = Table(expand=True, pad_edge=False, show_lines=False)
    table.add_column("Wk", justify="right", no_wrap=True)
    table.add_column("Dates", no_wrap=True)
    table.add_column("Ph", justify="right", no_wrap=True)
    table.add_column("What to study", ratio=3)
    table.add_column("Milestones due", ratio=2, style="green")
    year = None
    for wk in v["weeks"]:
        work = [i for i in wk["items"] if i["kind"] != "milestone"]
        mss = [i for i in wk["items"] if i["kind"] == "milestone"]
        phases = sorted({i["phase"] for i in work} | {i["phase"] for i in mss})
        # "2.5h" without a space, so a wrapped cell never splits a figure from its unit
        study = Text(
            "; ".join(f"{i['title']} ({hours(i['hours']).replace(' ', '')})" for i in work)
        )
        off = wk.get("break_days", 0)
        if off:
            note = "break" if off == 7 else f"break {off} day{'s' if off != 1 else ''}"
            study += Text(f"{'; ' if work else ''}{note}", style="dim")
        elif not work:
            study = Text("—")
        due = "; ".join(i["title"] for i in mss)
        d0, d1 = date.fromisoformat(wk["start"]), date.fromisoformat(wk["end"])
        if d0.year != year:  # the year on its own row where it starts and changes
            year = d0.year
            table.add_row("", Text(str(year), style="bold"), "", "", "")
        table.add_row(
            str(wk["number"]),
            f"{d0:%b %d}–{d1:%b %d}",
            ",".join(str(p) for p in phases),
            study,
            due,
        )
    con.print(table)

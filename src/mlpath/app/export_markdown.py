"""`mlpath export markdown` and `export markdown --portfolio`: the printable plan and
the portfolio of finished projects, as Markdown. Text from the roadmap and the state
passes `md`/`md_line` (escaped, kept in the paragraph it was written into); weeks and
milestones are app/export.py's, as the calendar lays them."""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

from mlpath import __version__
from mlpath.app.export import laid_weeks, milestones_of, skipped_by, work_of
from mlpath.app.session import Active
from mlpath.core.schedule import PlannedItem
from mlpath.render import safe
from mlpath.render.text import number

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|])")


def md(text: str) -> str:
    """Plain text made safe inside Markdown (and inside a table cell)."""
    # controls escaped first (safe.text), so str.split cannot drop \x1c-\x1f or \x85 unseen
    return _MD_SPECIAL.sub(r"\\\1", " ".join(safe.text(str(text)).split()))


_BLOCK_START = re.compile(r"^(?:([#=+-]|~~~)|(\d{1,9})(?=[.)]))")


def md_line(text: str) -> str:
    """`md(text)` to begin a line: the heading, fence, list or setext mark it starts with
    escaped, so it stays in the paragraph (or quote) it was written into."""
    return _BLOCK_START.sub(lambda m: "\\" + m[1] if m[1] else m[2] + "\\", md(text), count=1)


def _link(title: str, url: str | None) -> str:
    if url and re.match(r"^[\w-]+(\.[\w-]+)+(/\S*)?$", url):
        url = "https://" + url  # roadmaps may give a bare domain; a link needs the scheme
    if url and re.match(r"^https?://\S+$", url):
        # both parentheses encoded: a lone "(" (Wikipedia's "Bias_(statistics)" once its
        # ")" is encoded) leaves the destination unbalanced, and the link reads as text
        return f"[{md(title)}]({url.replace('(', '%28').replace(')', '%29')})"
    return md(title)


def _evidence(text: str) -> str:
    """A link as an autolink (`<` and `>` would end it early: percent-encoded), anything
    else as a code span fenced by more backticks than it holds, so it reads as written."""
    if re.match(r"^https?://\S+$", text):
        return "<" + text.replace("<", "%3C").replace(">", "%3E") + ">"
    text = " ".join(safe.text(text).split())
    fence = "`" * (max((len(r) for r in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _plan_facts(active: Active) -> list[str]:
    sched = active.schedule
    s = sched.settings
    from mlpath.core.dates import format_days

    facts = [
        f"roadmap `{sched.roadmap.id}`",
        f"level {s.level}",
        f"{number(s.hours_per_week)} h/week",
        f"study days: {format_days(s.days)}",
        f"{s.start.isoformat()} → {sched.finish.isoformat()}",
        f"{sched.total_weeks} weeks, {number(sched.total_effort)} h",
    ]
    rm = sched.roadmap
    facts += [f"background: {b.label}" for b in rm.backgrounds if b.id in s.backgrounds]
    picked = [o.title for _, _, o in rm.picked(s.picks)]
    if picked:
        facts.append("picked: " + ", ".join(picked))
    return facts


def _progress_line(active: Active) -> str:
    prog = active.progress
    items = [it for it in active.schedule.items.values() if not it.skipped]
    done = sum(1 for it in items if prog.is_complete(it.id))
    total_h = active.schedule.total_effort
    pct = 0 if total_h == 0 else round(float(prog.completed_effort / total_h) * 100)
    line = (
        f"**Progress on {active.today.isoformat()}:** {done} of {len(items)} items complete, "
        f"{number(prog.completed_effort)} of {number(total_h)} h ({pct}%); "
        f"pace: {prog.pace.label}"
    )
    if prog.projected_finish and not prog.finished:
        line += f"; projected finish {prog.projected_finish.isoformat()}"
    return line + "."


def _check_line(active: Active, it: PlannedItem) -> str:
    kind = {"project": " *(project)*", "milestone": " **(milestone)**"}.get(it.kind, "")
    title = md(it.title) + kind
    if it.skipped:
        by = skipped_by(active, it)
        why = {"you": "by you", "choice": "by your choice"}.get(by or "", "at this level")
        k = active.ledger.skips.get(it.id)
        reason = f" ({md(k.reason)})" if k is not None and k.reason else ""
        return f"- ~~{md(it.title)}~~{kind} — skipped {why}{reason}"
    done = active.ledger.done.get(it.id)
    if done is not None:
        how = " with the phase's milestone" if done.by else ""
        return f"- [x] {title} — done {done.on.isoformat()}{how}"
    if active.progress.is_complete(it.id):
        return f"- [x] {title} — done with the phase's milestone"
    due = f" — due {it.due.isoformat()}" if it.due else ""
    hours = f", {number(it.effort)} h" if it.effort else ""
    return f"- [ ] {title}{due}{hours}"


def _nominal_weeks(sched: Any, number: int) -> Fraction:
    """The phase's weeks at the plan's level, before overrides and backgrounds."""
    phase = next(p for p in sched.roadmap.phases if p.number == number)
    weeks: Fraction = phase.weeks.for_level(sched.settings.level)
    return weeks


def export_markdown(active: Active) -> str:
    """A printable plan: header, a checklist per phase, the weeks, the resources."""
    sched = active.schedule
    rm = sched.roadmap
    out: list[str] = [f"# Study plan: {md(rm.title)}", ""]
    out.append(" · ".join(_plan_facts(active)))
    out.append("")
    if sched.settings.breaks:
        spans = ", ".join(f"{a.isoformat()} to {b.isoformat()}" for a, b in sched.settings.breaks)
        out += [f"Breaks: {spans}.", ""]
    out += [_progress_line(active), ""]
    out += [f"*Made with mlpath {__version__}; `mlpath next` shows what to study today.*", ""]

    out += ["## Phases", ""]
    by_phase: dict[int, list[PlannedItem]] = {}
    for it in sched.items.values():
        by_phase.setdefault(it.phase, []).append(it)
    for ph in sched.phases:
        dates = (
            f" ({ph.start.isoformat()} → {ph.due.isoformat()})"
            if ph.start and ph.due and not ph.skipped
            else ""
        )
        out += [f"### Phase {ph.number}: {md(ph.title)}{dates}", ""]
        if ph.choice == "skip":
            out += ["Skipped: you already know it (`--skip`).", ""]
        who = "for your background" if ph.backgrounds else f"at the {sched.settings.level} level"
        changed = "Lengthened" if ph.weeks > _nominal_weeks(sched, ph.number) else "Shortened"
        if ph.choice == "skip":
            pass
        elif ph.skipped:
            out += [f"Skipped {who}: {md(ph.override or '')}", ""]
        elif ph.override:
            out += [f"{changed} {who}: {md(ph.override)}", ""]
        if ph.choice == "compress":
            out += ["Compressed to half its effort: you partly know it (`--compress`).", ""]
        out += [_check_line(active, it) for it in by_phase.get(ph.number, [])]
        out.append("")

    out += [
        "## Weeks",
        "",
        "| Week | Dates | Hours | Study | Milestones due |",
        "|---:|---|---:|---|---|",
    ]
    for wk, items in laid_weeks(active):
        work = work_of(items, wk)
        if not work and not wk.milestones:
            continue
        study = ", ".join(
            ("✓ " if active.progress.is_complete(it.id) else "") + f"{md(it.title)} ({number(h)} h)"
            for it, h in work
        )
        ms = ", ".join(
            ("✓ " if active.progress.is_complete(m) else "") + md(items[m].title)
            for m in wk.milestones
        )
        out.append(
            f"| {wk.number} | {wk.start.isoformat()} – {wk.end.isoformat()} "
            f"| {number(wk.hours)} | {study or '—'} | {ms or '—'} |"
        )
    out.append("")

    out += ["## Resources", ""]
    topics = {it.id: it.title for it in sched.items.values()}
    any_resource = False
    for phase in rm.phases:
        if not phase.resources:
            continue
        any_resource = True
        out += [f"### Phase {phase.number}: {md(phase.title)}", ""]
        for r in phase.resources:
            extra = [x for x in (r.kind, r.by) if x]
            if r.topic and r.topic in topics:
                extra.append(f"for {topics[r.topic]}")
            tail = f" — {md(', '.join(extra))}" if extra else ""
            out.append(f"- {_link(r.title, r.url)}{tail}")
        out.append("")
    if not any_resource:
        out += ["The roadmap lists no resources.", ""]
    # the one exit of the document: a control character from data is shown escaped
    return safe.text("\n".join(out).rstrip("\n") + "\n")


def export_portfolio(active: Active) -> str:
    """Done milestones and projects with their notes and evidence, for a portfolio README."""
    sched = active.schedule
    rm = sched.roadmap
    prog = active.progress
    phases = {p.number: p for p in rm.phases}
    out = [
        "# Machine learning portfolio",
        "",
        f"Following *{md(rm.title)}* with mlpath: "
        f"{sum(1 for m in milestones_of(active) if prog.is_complete(m.id))} of "
        f"{len(milestones_of(active))} milestones reached as of {active.today.isoformat()}.",
        "",
    ]

    def entry(it: PlannedItem) -> list[str]:
        done = active.ledger.done.get(it.id)
        when = done.on.isoformat() if done else None
        if when is None:  # completed with its phase's milestone
            ms = next(
                (
                    m
                    for m in milestones_of(active)
                    if m.phase == it.phase and m.id in active.ledger.done
                ),
                None,
            )
            when = active.ledger.done[ms.id].on.isoformat() if ms else None
        head = f"### {md(it.title)}" + (f" — {when}" if when else "")
        lines = [head, "", f"Phase {it.phase}: {md(phases[it.phase].title)}."]
        ph = phases[it.phase]
        detail = None
        if it.kind == "milestone" and ph.milestone is not None:
            detail = ph.milestone.description
        elif it.kind == "project":
            detail = next((p.details for p in ph.projects if p.id == it.id), None)
        if detail:
            lines.append(md_line(detail))
        if done is not None and done.note:
            lines += ["", f"> {md_line(done.note)}"]
        if done is not None and done.evidence:
            lines += ["", f"Evidence: {_evidence(done.evidence)}"]
        return [*lines, ""]

    reached = [m for m in milestones_of(active) if prog.is_complete(m.id)]
    projects = [
        it
        for it in sched.items.values()
        if it.kind == "project" and not it.skipped and prog.is_complete(it.id)
    ]
    out += ["## Milestones reached", ""]
    for ms in reached:
        out += entry(ms)
    if not reached:
        out += ["None yet.", ""]
    out += ["## Projects", ""]
    for it in projects:
        out += entry(it)
    if not projects:
        out += ["None yet.", ""]
    if not reached and not projects:
        out += [
            "Record finished work with "
            '`mlpath done ITEM --note "what you did" --evidence https://...`.',
            "",
        ]
    return safe.text("\n".join(out).rstrip("\n") + "\n")  # controls shown escaped


# --- JSON --------------------------------------------------------------------------------

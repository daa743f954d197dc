"""The published pages as HTML: `mlpath publish` (one learner) and `cohort --html` (a class).

Render only: every figure comes from a view dict (app/publish.py, app/cohort.py)
and is formatted by render/text.py's one number rule. Every string passes
render/shown.py's `esc` (control and bidi characters shown escaped, then HTML
escaped). The pages are self-contained: no script, no font or style from
elsewhere, a content security policy that allows nothing from elsewhere; light
and dark by `prefers-color-scheme`; one column at 360 px; printable.
Figures a test reads carry `data-figure`.
"""

from __future__ import annotations

from mlpath.render.cohort import ORDER
from mlpath.render.shown import esc, one_line, public_link
from mlpath.render.svg import burndown_svg
from mlpath.render.text import long_date, number

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data: 'self'"

STYLE = """
:root{--bg:#ffffff;--fg:#1a1a1a;--muted:#4f4f4f;--line:#d0d0d0;--bar:#e6e6e6;
--fill:#0b5cad;--link:#0b57a4;--behind:#9c3500;--ok:#1d6b2f;--planned:#6b6b6b;
--actual:#0b5cad;--today:#a33a00}
@media (prefers-color-scheme:dark){:root{--bg:#111418;--fg:#e8e8e8;--muted:#b4bcc4;
--line:#39414a;--bar:#2a3038;--fill:#7cb8ff;--link:#8cc4ff;--behind:#ffab73;--ok:#7fdc95;
--planned:#9aa3ad;--actual:#7cb8ff;--today:#ffa46b}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:16px/1.5 system-ui,-apple-system,
"Segoe UI",Roboto,sans-serif}
header,main,footer{max-width:60rem;margin:0 auto;padding:0 1rem}
header{padding-top:1.5rem}
h1{font-size:1.6rem;line-height:1.25;margin:0 0 .25rem}
h2{font-size:1.2rem;margin:2rem 0 .75rem;border-bottom:1px solid var(--line)}
a{color:var(--link)}
.muted,.meta{color:var(--muted)}
.meta{font-size:.9rem;margin:.15rem 0 0}
.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr));gap:.75rem;
margin:0;padding:0}
.figures div{border:1px solid var(--line);border-radius:.4rem;padding:.5rem .75rem}
.figures dt{color:var(--muted);font-size:.85rem}
.figures dd{margin:0;font-size:1.25rem;font-weight:600}
.behind{color:var(--behind)}.ahead,.on-track,.finished{color:var(--ok)}
ol.phases{list-style:none;margin:0;padding:0}
ol.phases li{margin:0 0 1rem}
.row{display:flex;justify-content:space-between;gap:1rem;flex-wrap:wrap}
.bar{height:.6rem;background:var(--bar);border-radius:.3rem;overflow:hidden;margin-top:.2rem}
.bar span{display:block;height:100%;background:var(--fill)}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid var(--line);
vertical-align:top}
th{font-size:.9rem;color:var(--muted)}
td.num,th.num{text-align:right}
.chart svg{width:100%;height:auto;display:block}
.chart{font-size:13px}
.burndown text{fill:var(--muted)}.burndown .axis{stroke:var(--muted)}
.burndown .grid{stroke:var(--line)}
.burndown .planned{fill:none;stroke:var(--planned);stroke-width:2;stroke-dasharray:6 4}
.burndown .actual{fill:none;stroke:var(--actual);stroke-width:3}
.burndown .today{stroke:var(--today);stroke-width:1.5}.burndown .today-label{fill:var(--today)}
ul.projects{padding-left:1.2rem}
footer{margin-top:2.5rem;padding-bottom:2rem;font-size:.9rem;color:var(--muted)}
@media (max-width:40rem){
h1{font-size:1.35rem}
table.stack thead{position:absolute;left:-9999px}
table.stack tr{display:block;border-bottom:1px solid var(--line);padding:.4rem 0}
table.stack td{display:block;border:0;padding:.1rem 0;text-align:left}
table.stack td[data-label]::before{content:attr(data-label) ": ";color:var(--muted)}
}
@media print{:root{--bg:#fff;--fg:#000;--muted:#333;--line:#999;--bar:#ddd;--fill:#333}
a{color:#000}h2{break-after:avoid}section{break-inside:avoid-page}
.figures div,ol.phases li,tr{break-inside:avoid}}
"""


def _date(iso: str | None) -> str:
    if not iso:
        return "—"
    return f'<time datetime="{esc(iso)}">{esc(long_date(iso))}</time>'


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def _weeks(n: int) -> str:
    return f"{n} week" if n == 1 else f"{n} weeks"


def _pct(value: float) -> str:
    return f"{number(value)}%"


def _link(url: str | None, text: str) -> str:
    """A link when `url` is a web address; anything else (a local path shown with
    --include-notes, a `javascript:` from someone's state) is shown as text, never an
    href."""
    if not url:
        return esc(text)
    if public_link(url) is None:
        return f"{esc(text)}: {esc(url)}"
    return f'<a href="{esc(url)}" rel="noopener noreferrer">{esc(text)}</a>'


def page(title: str, body: list[str], *, feed: bool = False) -> str:
    head = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light dark">',
        '<meta name="referrer" content="no-referrer">',
        f"<title>{esc(one_line(title))}</title>",
    ]
    if feed:
        head.append(
            '<link rel="alternate" type="application/atom+xml" href="feed.xml" title="Feed">'
        )
    head += [f"<style>{STYLE.strip()}</style>", "</head>", "<body>"]
    return "\n".join([*head, *body, "</body>", "</html>"]) + "\n"


# --- one learner ----------------------------------------------------------------------


def _pace_text(pace: dict[str, Any]) -> str:
    return str(pace["label"])


def _phase_state(p: dict[str, Any]) -> str:
    if p["state"] == "done":
        return f"done {long_date(p['done_on'])}" if p["done_on"] else "done"
    if p["state"] == "overdue":
        return f"overdue by {_days(p['days_overdue'] or 0)} (due {long_date(p['due'])})"
    if p["state"] == "skipped":
        return "skipped"
    due = f", due {long_date(p['due'])}" if p["due"] else ""
    return ("in progress" if p["state"] == "in-progress" else "upcoming") + due


def _summary(view: dict[str, Any]) -> list[str]:
    st = view["status"]
    pace = st["pace"]
    overall = st["overall"]
    plan = st["plan"]
    study = st["study"]
    ms = view["next_milestone"]
    figures = [
        ("Done", "percent", _pct(overall["percent"]), ""),
        (
            "Hours",
            "hours",
            f"{number(overall['completed_hours'])} of {number(overall['total_hours'])} h",
            "",
        ),
        ("Pace", "pace", _pace_text(pace), pace["status"]),
        ("Week", "week", f"{plan['week']['number']} of {plan['week']['of']}", ""),
        ("Planned finish", "planned-finish", long_date(pace["planned_finish"]), ""),
        ("Projected finish", "projected-finish", long_date(pace["projected_finish"]), ""),
        ("Streak", "streak", _weeks(study["streak_weeks"]), ""),
        ("Logged", "logged", f"{number(study['total_logged'])} h", ""),
    ]
    out = ['<section aria-labelledby="summary-h">', '<h2 id="summary-h">Where things stand</h2>']
    out.append('<dl class="figures">')
    for label, key, value, cls in figures:
        klass = f' class="{esc(cls)}"' if cls else ""
        out.append(
            f'<div><dt>{esc(label)}</dt><dd data-figure="{key}"{klass}>{esc(value)}</dd></div>'
        )
    out.append("</dl>")
    if ms:
        left = ms["days_left"]
        when = (
            f"overdue by {_days(-left)}"
            if left is not None and left < 0
            else f"in {_days(left)}"
            if left is not None
            else ""
        )
        out.append(
            f'<p>Next milestone: <strong data-figure="next-milestone">{esc(ms["title"])}</strong>, '
            f'due {_date(ms["due"])} <span data-figure="next-milestone-days">'
            f"({esc(when)})</span>.</p>"
        )
    out.append(
        f'<p class="muted">Pace and every other count of days here are calendar days. '
        f"Streak: weeks in a row that met their planned hours ({study['streak_weeks']}).</p>"
    )
    out.append("</section>")
    return out


def _phases(view: dict[str, Any]) -> list[str]:
    out = ['<section aria-labelledby="phases-h">', '<h2 id="phases-h">Phases</h2>']
    out.append('<ol class="phases">')
    for p in view["status"]["phases"]:
        width = 0.0 if p["state"] == "skipped" else min(max(p["percent"], 0.0), 100.0)
        out += [
            f'<li id="phase-{p["number"]}">',
            f'<div class="row"><span>Phase {p["number"]}: {esc(p["title"])}</span>'
            f'<span data-figure="phase-{p["number"]}-percent">{esc(_pct(p["percent"]))}</span>'
            "</div>",
            f'<div class="bar" aria-hidden="true"><span style="width:{width:.1f}%"></span></div>',
            f'<p class="meta">{esc(_phase_state(p))} · {number(p["completed_hours"])} of '
            f"{number(p['hours'])} h</p>",
            "</li>",
        ]
    out += ["</ol>", "</section>"]
    return out


def _milestones(view: dict[str, Any]) -> list[str]:
    out = [
        '<section aria-labelledby="milestones-h">',
        '<h2 id="milestones-h">Milestones</h2>',
        '<table class="stack">',
        "<thead><tr>"
        '<th scope="col">Milestone</th><th scope="col">Phase</th>'
        '<th scope="col">Planned</th><th scope="col">Actual</th>'
        "</tr></thead>",
        "<tbody>",
    ]
    for m in view["status"]["milestones"]:
        if m["state"] == "done":
            actual = f"done {_date(m['done_on'])}" if m["done_on"] else "done"
        elif m["state"] == "overdue":
            actual = f"overdue by {esc(_days(-(m['days_left'] or 0)))}"
        else:
            actual = "—"
        extra = ""
        if m["evidence"]:
            extra += f"<br>{_link(m['evidence'], 'evidence')}"
        if m["note"]:
            extra += f'<br><span class="muted">{esc(m["note"])}</span>'
        out.append(
            f'<tr id="milestone-{esc(m["id"])}"><td data-label="Milestone">{esc(m["title"])}{extra}</td>'
            f'<td data-label="Phase">{m["phase"]}</td>'
            f'<td data-label="Planned">{_date(m["due"])}</td>'
            f'<td data-label="Actual">{actual}</td></tr>'
        )
    out += ["</tbody>", "</table>", "</section>"]
    return out


def _theory_practice(tp: dict[str, Any] | None) -> list[str]:
    if not tp:
        return []
    theory, practice = float(tp["theory_hours"]), float(tp["practice_hours"])
    total = theory + practice
    # no time recorded is no share at all ("—", as cohort shows it), not 0% practice
    share = "—" if total == 0 else _pct(round(practice / total * 100, 1))
    out = [
        '<section aria-labelledby="tp-h">',
        '<h2 id="tp-h">Theory and practice</h2>',
        f'<p><span data-figure="practice-share">{esc(share)}</span> practice: '
        f"{number(practice)} h practice, {number(theory)} h theory.",
    ]
    target = tp.get("target_practice_share")
    if target is not None:
        out[-1] += f" The roadmap asks for about {esc(_pct(round(target * 100, 1)))} practice now."
    out[-1] += "</p>"
    out.append("</section>")
    return out


def _projects(view: dict[str, Any]) -> list[str]:
    projects = view["projects"]
    out = ['<section aria-labelledby="projects-h">', '<h2 id="projects-h">Finished projects</h2>']
    if not projects:
        out += ["<p>None yet.</p>", "</section>"]
        return out
    out.append('<ul class="projects">')
    for p in projects:
        line = f'<li id="project-{esc(p["id"])}">{esc(p["title"])} (phase {p["phase"]})'
        if p["done_on"]:
            line += f", {_date(p['done_on'])}"
        if p["evidence"]:
            line += f" — {_link(p['evidence'], 'evidence')}"
        if p["note"]:
            line += f'<br><span class="muted">{esc(p["note"])}</span>'
        out.append(line + "</li>")
    out += ["</ul>", "</section>"]
    return out


def publish_page(view: dict[str, Any]) -> str:
    """index.html for `mlpath publish`."""
    rm = view["roadmap"]
    st = view["status"]
    name = view["name"]
    heading = f"{name}: learning machine learning" if name else "Learning machine learning"
    source = rm["publisher"]
    src = f"Roadmap: {_link(rm['url'], rm['title'])}"
    src += f", published by {esc(source)}" if source else ", its publisher not named"
    plan = st["plan"]
    body = [
        "<header>",
        f"<h1>{esc(heading)}</h1>",
        f"<p>{src}.</p>",
        f'<p class="muted">Level {esc(plan["level"])}, {number(plan["hours_per_week"])} h a week, '
        f"from {_date(plan['start'])}. Figures as of {_date(view['today'])}.</p>",
        "</header>",
        "<main>",
        *_summary(view),
        *_phases(view),
        '<section aria-labelledby="burndown-h">',
        '<h2 id="burndown-h">Burndown</h2>',
        '<div class="chart">',
        burndown_svg(st["burndown"]).rstrip("\n"),
        "</div>",
        '<p class="muted">Remaining hours at the end of each week: dashed, the plan in force '
        "that week; solid, what is left of the work.</p>",
        "</section>",
        *_milestones(view),
        *_theory_practice(view["theory_practice"]),
        *_projects(view),
        "</main>",
        "<footer>",
        f"<p>Made with {esc(view['generator'])}. "
        '<a href="feed.xml">Atom feed</a> · <a href="burndown.svg">burndown.svg</a> · '
        '<a href="badge.json">badge.json</a>. No scripts, no tracking.</p>',
        "</footer>",
    ]
    title = f"{name}: {rm['title']}" if name else rm["title"]
    return page(title, body, feed=True)


# --- a class --------------------------------------------------------------------------


def cohort_page(view: dict[str, Any]) -> str:
    """index.html for `mlpath cohort --html`."""
    rows = view["learners"]
    body = [
        "<header>",
        "<h1>Study group progress</h1>",
        f'<p class="muted">{len(rows)} learner{"" if len(rows) == 1 else "s"}, '
        f"{esc(ORDER.get(view.get('sort', 'behind'), ''))}; "
        "each as of the day their file was made.</p>",
        "</header>",
        "<main>",
        '<table class="stack">',
        "<thead><tr>"
        '<th scope="col">Learner</th><th scope="col">Roadmap</th>'
        '<th scope="col" class="num">Done</th><th scope="col">Pace</th>'
        '<th scope="col" class="num">Idle</th><th scope="col">Next milestone</th>'
        '<th scope="col" class="num">Practice</th><th scope="col">As of</th>'
        "</tr></thead>",
        "<tbody>",
    ]
    for r in rows:
        ms = r["next_milestone"]
        nxt = "—" if ms is None else f"{esc(ms['title'])}, due {_date(ms['due'])}"
        idle = "—" if r["idle_days"] is None else esc(_days(r["idle_days"]))
        share = "—" if r["practice_share"] is None else esc(_pct(r["practice_share"]))
        body.append(
            f'<tr><td data-label="Learner">{esc(r["name"])}</td>'
            f'<td data-label="Roadmap">{esc(r["roadmap"])} ({esc(r["level"])})</td>'
            f'<td data-label="Done" class="num">{esc(_pct(r["percent"]))}</td>'
            f'<td data-label="Pace" class="{esc(r["pace"]["status"])}">'
            f"{esc(r['pace']['label'])}</td>"
            f'<td data-label="Idle" class="num">{idle}</td>'
            f'<td data-label="Next milestone">{nxt}</td>'
            f'<td data-label="Practice" class="num">{share}</td>'
            f'<td data-label="As of">{_date(r["today"])}</td></tr>'
        )
    body += [
        "</tbody>",
        "</table>",
        '<p class="muted">Pace and idle time are calendar days. Idle: days since the last '
        "item ticked or hour logged.</p>",
        "</main>",
        "<footer>",
        f"<p>Made with {esc(view['generator'])}. No scripts, no tracking.</p>",
        "</footer>",
    ]
    return page("Study group progress", body)

"""The published site's small files: the Shields badge, the Atom feed, the README snippet.

Each reads the site view (app/publish.py) and decides nothing. No clock: a feed's
`updated` is the day of its latest entry, so the same state gives the same bytes.
"""

from __future__ import annotations

import json
from urllib.parse import quote

from mlpath.render.shown import esc, one_line, public_link

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def _days(n: int) -> str:
    return f"{n} day" if n == 1 else f"{n} days"


def pace_short(pace: dict[str, Any]) -> str:
    status, days = pace["status"], pace["days"]
    if status == "behind":
        return f"{_days(days)} behind"
    if status == "ahead":
        return f"{_days(days)} ahead"
    words = {"on-track": "on track", "not-started": "not started", "finished": "finished"}
    return words.get(str(status), str(status))


def badge_message(view: dict[str, Any]) -> str:
    pace = view["status"]["pace"]
    if pace["status"] == "finished":
        return "finished"
    ph = view["phase"]  # numbered as the roadmap numbers it, as the page lists it
    if ph["number"] is None:
        where = "all phases done"
    elif ph["first"] == 1:
        where = f"phase {ph['number']} of {ph['last']}"
    else:  # "phase 1 of 7" would miscount eight phases numbered from 0
        where = f"phase {ph['number']} ({ph['first']}–{ph['last']})"
    return f"{where} · {pace_short(pace)}"


def badge_color(pace: dict[str, Any]) -> str:
    status, days = pace["status"], pace["days"]
    if status in ("finished", "ahead", "on-track"):
        return "brightgreen" if status != "on-track" else "green"
    if status == "not-started":
        return "blue"
    return "yellow" if days <= 7 else "orange" if days <= 28 else "red"


def badge_json(view: dict[str, Any]) -> str:
    """Shields' endpoint format (https://shields.io/badges/endpoint-badge)."""
    badge = {
        "schemaVersion": 1,
        "label": "mlpath",
        "message": badge_message(view),
        "color": badge_color(view["status"]["pace"]),
    }
    return json.dumps(badge, indent=2, ensure_ascii=False) + "\n"


def _stamp(day: str) -> str:
    return f"{day}T00:00:00Z"


def feed_entries(view: dict[str, Any]) -> list[dict[str, Any]]:
    """Finished milestones and projects, newest first (then by id, for stable bytes)."""
    entries = [
        {
            "kind": "milestone",
            "id": m["id"],
            "title": m["title"],
            "phase": m["phase"],
            "on": m["done_on"] or m["due"] or view["today"],
            "note": m["note"],
            "evidence": m["evidence"],
        }
        for m in view["status"]["milestones"]
        if m["state"] == "done"
    ]
    entries += [
        {
            "kind": "project",
            "id": p["id"],
            "title": p["title"],
            "phase": p["phase"],
            "on": p["done_on"] or view["today"],
            "note": p["note"],
            "evidence": p["evidence"],
        }
        for p in view["projects"]
    ]
    entries.sort(key=lambda e: (e["on"], e["kind"], e["id"]), reverse=True)
    return entries


def atom_feed(view: dict[str, Any], base_url: str | None) -> str:
    """RFC 4287. Ids are stable: the entry's address with --base-url, else a URN made of
    the learner id and the item id (a relative reference is not a valid Atom id)."""
    rm = view["roadmap"]
    learner = view["learner"] or rm["id"]
    page = f"{base_url}index.html" if base_url else "index.html"
    who = view["name"]
    title = f"{who}: {rm['title']}" if who else f"Progress on {rm['title']}"
    entries = feed_entries(view)
    updated = _stamp(entries[0]["on"] if entries else view["status"]["plan"]["start"])
    feed_id = f"{base_url}feed.xml" if base_url else f"urn:mlpath:{learner}:feed"
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom">',
        f"  <title>{esc(one_line(title))}</title>",
        f"  <id>{esc(feed_id)}</id>",
        f"  <updated>{updated}</updated>",
        f'  <link rel="alternate" type="text/html" href="{esc(page)}"/>',
    ]
    if base_url:
        out.append(f'  <link rel="self" type="application/atom+xml" href="{esc(feed_id)}"/>')
    out.append(f"  <author><name>{esc(one_line(who or 'an mlpath learner'))}</name></author>")
    out.append(f"  <generator>{esc(view['generator'])}</generator>")
    for e in entries:
        anchor = f"{e['kind']}-{e['id']}"
        eid = f"{page}#{anchor}" if base_url else f"urn:mlpath:{learner}:{e['kind']}:{e['id']}"
        what = "Milestone reached" if e["kind"] == "milestone" else "Project finished"
        summary = f"{what} in phase {e['phase']} on {e['on']}."
        if e["note"]:
            summary += f" {one_line(e['note'])}"
        out += [
            "  <entry>",
            f"    <title>{esc(what)}: {esc(one_line(e['title']))}</title>",
            f"    <id>{esc(eid)}</id>",
            f"    <updated>{_stamp(e['on'])}</updated>",
            f'    <link rel="alternate" type="text/html" href="{esc(page)}#{esc(anchor)}"/>',
        ]
        if public_link(e["evidence"]):  # a path shown with --include-notes is no link
            out.append(f'    <link rel="related" href="{esc(e["evidence"])}"/>')
        out += [f"    <summary>{esc(summary)}</summary>", "  </entry>"]
    out.append("</feed>")
    return "\n".join(out) + "\n"


def readme_snippet(view: dict[str, Any], base_url: str | None) -> str:
    """Markdown that shows the badge and the burndown in a README."""
    pace = pace_short(view["status"]["pace"])
    alt = f"mlpath progress: {badge_message(view)}"
    if base_url:
        endpoint = quote(f"{base_url}badge.json", safe="")
        # a lone parenthesis in the address would end a Markdown link early
        base_url = base_url.replace("(", "%28").replace(")", "%29")
        lines = [
            "<!-- mlpath publish: paste into your README -->",
            f"[![{alt}](https://img.shields.io/endpoint?url={endpoint})]({base_url}index.html)",
            "",
            f"![Burndown: remaining hours, planned and actual ({pace})]({base_url}burndown.svg)",
        ]
    else:
        lines = [
            "<!-- mlpath publish: paste into your README -->",
            "<!-- Addresses here are relative to this folder. Shields needs the full address",
            "     of badge.json: publish again with --base-url set to the address this folder",
            "     is served from (e.g. --base-url https://you.github.io/ml/). -->",
            f"[![{alt}](https://img.shields.io/endpoint?url=badge.json)](index.html)",
            "",
            f"![Burndown: remaining hours, planned and actual ({pace})](burndown.svg)",
        ]
    return "\n".join(lines) + "\n"

"""What stays private when progress leaves the machine (`export json --share`, `publish`).

Notes (done and logged), the words given with `skip --reason`, evidence that is not an http(s) link (a local path is
private) and the home directory never leave without `--include-notes`. A link
is public only when it is a plain http(s) URL with a host: anything else (a path,
`file:`, text with spaces) is treated as private.
"""

from __future__ import annotations

import os

from mlpath.render.shown import public_link  # the one test of a link; pages use it too

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any


def private_dirs(home: str | None = None) -> list[str]:
    """The folders whose names never appear in shared output: the user's home and the
    state's folder, longest first (so the deeper one is replaced whole)."""
    found = {os.path.expanduser("~"), home or os.environ.get("MLPATH_HOME") or ""}
    # "/" or a one-letter folder would turn every slash into a mark: leave those alone
    return sorted((d.rstrip("/") for d in found if len(d.rstrip("/")) > 1), key=len, reverse=True)


def scrub(text: str, dirs: list[str]) -> str:
    """`text` with each of `dirs` named as a path replaced by `~`: only where it stands
    whole (not inside a longer name: with the home /root, "Square/roots" stays)."""
    for d in dirs:
        if d in text:
            import re

            text = re.sub(rf"(?<![\w.~-]){re.escape(d)}(?![\w-]|\.\w)", "~", text)
    return text


def _scrub_all(value: Any, dirs: list[str]) -> Any:
    if isinstance(value, str):
        return scrub(value, dirs)
    if isinstance(value, list):
        return [_scrub_all(v, dirs) for v in value]
    if isinstance(value, dict):
        return {k: _scrub_all(v, dirs) for k, v in value.items()}
    return value


def strip_private(doc: dict[str, Any], home: str | None = None) -> None:
    """An export json document, in place, as `--share` writes it."""
    for item in doc.get("items", ()):
        item["note"] = None
        item["evidence"] = public_link(item.get("evidence"))
        if "skip_reason" in item:  # `skip --reason`: the learner's own words, like a note
            item["skip_reason"] = None
    for skip in doc.get("skips", ()):
        skip.pop("text", None)
    for log in doc.get("logs", ()):
        log["note"] = None
    dirs = private_dirs(home)
    for key in list(doc):
        doc[key] = _scrub_all(doc[key], dirs)

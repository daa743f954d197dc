"""What the docs and `--help` tell a user holds for the real CLI: every change `undo`
reverts is named where undo is explained, the export schema the docs give is the one
written, every setting and every environment variable a user may meet is documented."""

from __future__ import annotations

import json
import re
from pathlib import Path

from clirun import Cli

REPO = Path(__file__).resolve().parent.parent
DAY = "2027-02-10"


def _docs() -> str:
    pages = [REPO / "README.md", REPO / "CONTRIBUTING.md", *sorted((REPO / "docs").glob("*.md"))]
    return "\n".join(p.read_text(encoding="utf-8") for p in pages)


def test_undo_reverts_every_change_its_help_and_hint_name(cli: Cli) -> None:
    """skip, did and the timer are changes like done and log: undo reverts each, and
    `undo --help` and the "nothing to undo" hint say so (they listed done, log, review,
    reopen, notes, replan and plan only)."""
    now = {"MLPATH_NOW": f"{DAY}T12:00"}
    assert cli("plan", "-r", "complete", today=DAY).exit_code == 0
    changes = {
        "skip": ("skip", "programming-fundamentals"),
        "did": ("did", "arxiv-titles"),
        "start": ("start", "--at", "10:00"),
        "cancel": ("cancel",),
        "stop": ("stop",),
    }
    for word, args in changes.items():
        if word in ("cancel", "stop"):
            assert cli("start", "--at", "10:00", env=now).exit_code == 0
        r = cli(*args, env=now)
        assert r.exit_code == 0, (args, r.stderr)
        undone = cli("undo", env=now)
        assert undone.exit_code == 0 and undone.stdout.startswith("Undid:"), undone.stderr
        if word == "stop":  # the timer runs again: put it away too
            assert cli("cancel", env=now).exit_code == 0
    helptext = " ".join(cli("undo", "--help").stdout.split())
    while cli("undo", env=now).exit_code == 0:
        pass
    hint = cli("undo", env=now).stderr
    for word in ("skip", "did", "start", "stop", "cancel"):
        assert re.search(rf"\b{word}\b", helptext), (word, helptext)
    for word in ("skip", "did", "timer"):
        assert re.search(rf"\b{word}\b", hint), (word, hint)


def test_the_export_schema_the_docs_give_is_the_one_written(cli: Cli) -> None:
    assert cli("plan", "-r", "practical", today=DAY).exit_code == 0
    written = json.loads(cli("export", "json", today=DAY).stdout)["schema"]
    exports = (REPO / "docs" / "exports.md").read_text(encoding="utf-8")
    said = [int(n) for n in re.findall(r'`"schema": (\d+)`', exports)]
    assert said == [written]


def test_every_setting_is_documented_with_config_set() -> None:
    from mlpath.store.config import KEYS

    page = (REPO / "docs" / "configuration.md").read_text(encoding="utf-8")
    missing = [key for key in KEYS if f"mlpath config set {key} " not in page]
    assert missing == []


def test_every_environment_variable_a_user_may_meet_is_documented() -> None:
    """mlpath's own variables (an error's hint names MLPATH_CACHE_DIR and MLPATH_DEBUG)
    are all in the README or docs/; the test suite's hooks (MLPATH_TEST_*) are not for
    users, and MLPATH_COMPLETE is the completion protocol's (`_MLPATH_COMPLETE`)."""
    names: set[str] = set()
    for path in (REPO / "src" / "mlpath").rglob("*.py"):
        names |= set(re.findall(r"\bMLPATH_[A-Z_]+\b", path.read_text(encoding="utf-8")))
    users = {n for n in names if not n.startswith("MLPATH_TEST_") and n != "MLPATH_COMPLETE"}
    docs = _docs()
    assert sorted(n for n in users if n not in docs) == []

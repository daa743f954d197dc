"""Exports kept in the cache (app/kept_exports.py): a kept export is exactly what a
cold run in an empty cache folder makes, and it is made again when anything it was
drawn from changes (the state, the roadmap file, config.yaml, the day, the options).

Every expectation is a cold run in a fresh cache folder, never a figure read back
from mlpath's own cache.
"""

from __future__ import annotations

import re
import shutil
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from tests.test_read_side import mlpath

FORMATS = (
    ("json",),
    ("markdown",),
    ("markdown", "--portfolio"),
    ("ics",),
    ("ics", "--alarm", "1d"),
)
STAMP = re.compile(rb"\r\nDTSTAMP(?:;VALUE=DATE-TIME)?:(\d{8}T\d{6}Z)\r\n")


def export(home: Path, cache_dir: Path, *args: str, **env: str) -> tuple[str, set[str]]:
    return mlpath(home, cache_dir, "export", *args, **env)


def cold(home: Path, tmp_path: Path, *args: str, **env: str) -> str:
    """The export made with no cache at all."""
    fresh = tmp_path / "cold-cache"
    shutil.rmtree(fresh, ignore_errors=True)
    out, _ = export(home, fresh, *args, **env)
    return out


def without_stamps(text: str) -> str:
    return re.sub(r"DTSTAMP(;VALUE=DATE-TIME)?:\d{8}T\d{6}Z", "DTSTAMP:-", text)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    h = tmp_path / "home"
    mlpath(h, tmp_path / "cache", "plan", "-r", "practical", "--start", "2027-01-04", "-H", "15")
    return h


@pytest.mark.parametrize("args", FORMATS, ids=" ".join)
def test_a_kept_export_is_what_a_cold_run_makes(
    home: Path, tmp_path: Path, args: tuple[str, ...]
) -> None:
    first, _ = export(home, tmp_path / "cache", *args)
    again, modules = export(home, tmp_path / "cache", *args)
    assert (
        without_stamps(again)
        == without_stamps(first)
        == without_stamps(cold(home, tmp_path, *args))
    )
    # served from the cache: nothing of the scheduler or the calendar library is loaded
    assert "mlpath.core.schedule" not in modules
    assert "icalendar" not in modules


def test_a_change_to_the_state_is_a_new_export(home: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    before, _ = export(home, cache_dir, "json")
    mlpath(home, cache_dir, "log", "2")
    after, _ = export(home, cache_dir, "json")
    assert after != before
    assert after == cold(home, tmp_path, "json")
    assert '"logged_hours": 2' in after


def test_another_day_is_a_new_export(home: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    export(home, cache_dir, "json")
    later, _ = export(home, cache_dir, "json", MLPATH_TODAY="2027-03-01")
    assert '"today": "2027-03-01"' in later
    assert later == cold(home, tmp_path, "json", MLPATH_TODAY="2027-03-01")


def test_a_config_change_is_a_new_export(home: Path, tmp_path: Path) -> None:
    """config.yaml's review cap shapes the schedule: once it is set (or the file goes),
    the export is made again, not served as it was made under the old settings."""
    cache_dir = tmp_path / "cache"
    config = tmp_path / "config"
    env = {"MLPATH_CONFIG_DIR": str(config)}
    export(home, cache_dir, "json", **env)
    _, modules = export(home, cache_dir, "json", **env)
    assert "mlpath.core.schedule" not in modules  # kept
    mlpath(home, cache_dir, "config", "set", "review_cap_minutes", "5", **env)
    capped, modules = export(home, cache_dir, "json", **env)
    assert "mlpath.core.schedule" in modules  # made again
    assert capped == cold(home, tmp_path, "json", **env)
    (config / "config.yaml").unlink()
    _, modules = export(home, cache_dir, "json", **env)
    assert "mlpath.core.schedule" in modules


def test_a_changed_roadmap_file_is_a_new_export(tmp_path: Path) -> None:
    source = Path(__file__).resolve().parent.parent / "data" / "roadmaps" / "beginner.yaml"
    mine = tmp_path / "mine.yaml"
    mine.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    home, cache_dir = tmp_path / "home", tmp_path / "cache"
    mlpath(home, cache_dir, "plan", "-r", str(mine), "--start", "2027-01-04", "-H", "8")
    before, _ = export(home, cache_dir, "markdown")
    text = mine.read_text(encoding="utf-8")
    mine.write_text(text.replace("title: ", "title: Edited ", 1), encoding="utf-8")
    # the plan keeps the version it was laid from until a replan adopts the edit
    edited, _ = export(home, cache_dir, "markdown")
    assert edited == cold(home, tmp_path, "markdown")
    mlpath(home, cache_dir, "replan")
    after, _ = export(home, cache_dir, "markdown")
    assert after != before and "Edited" in after
    assert after == cold(home, tmp_path, "markdown")


def test_each_calendar_is_stamped_when_it_is_written(home: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    for _ in range(2):  # made, then served from the cache
        start = datetime.now(timezone.utc).replace(microsecond=0)
        out = (tmp_path / "plan.ics").as_posix()
        mlpath(home, cache_dir, "export", "ics", "-o", out)
        end = datetime.now(timezone.utc)
        data = Path(out).read_bytes()
        stamps = set(STAMP.findall(data))
        assert len(stamps) == 1  # every event carries this run's stamp, no placeholder
        (stamp,) = stamps
        when = datetime.strptime(stamp.decode(), "%Y%m%dT%H%M%SZ").replace(tzinfo=timezone.utc)
        assert start - timedelta(seconds=1) <= when <= end
        assert data.count(b"DTSTAMP") == data.count(b"BEGIN:VEVENT")
        time.sleep(1.1)  # the next run's stamp is a later second


def test_a_state_changed_while_exporting_is_not_kept(home: Path, tmp_path: Path) -> None:
    """The entry is keyed by the state as it was before it was read: an export made
    from a state that has since changed is never served for the new one."""
    from mlpath.app import kept_exports
    from mlpath.store import cache

    cache_dir = tmp_path / "cache"
    calls = []

    def make(active: object) -> bytes:
        calls.append(1)
        (home / "state.json").touch()  # another process writes meanwhile
        time.sleep(0.01)
        return b"made"

    mp = pytest.MonkeyPatch()
    mp.setenv("MLPATH_CACHE_DIR", str(cache_dir))
    mp.setattr(cache, "_stamp", None)
    try:
        for _ in range(2):
            kept_exports.exported(str(home), "2027-02-15", "test", make)  # type: ignore[arg-type]
    finally:
        mp.undo()
    assert len(calls) == 2

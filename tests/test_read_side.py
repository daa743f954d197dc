"""The read side: store/cache.py keeps entries safely, a change leaves the next read's
views computed (write-through), and reads never write the state.

Views are checked against a computation in an empty cache folder (the cold route),
never against figures read back from mlpath's own cache.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from clirun import traced
from mlpath.store import cache


def mlpath(home: Path, cache_dir: Path, *args: str, **env: str) -> tuple[str, set[str]]:
    """A real `python -m mlpath` run: its stdout and the modules it imported."""
    proc, modules = traced(
        args,
        {
            "MLPATH_HOME": str(home),
            "MLPATH_CACHE_DIR": str(cache_dir),
            "MLPATH_TODAY": "2027-02-15",
            "COLUMNS": "100",
            **env,
        },
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout, modules


@pytest.fixture
def home(tmp_path: Path) -> Path:
    h = tmp_path / "home"
    mlpath(h, tmp_path / "cache", "plan", "-r", "practical", "--start", "2027-01-04", "-H", "15")
    return h


# --- store/cache.py ------------------------------------------------------------------


def test_an_entry_is_served_for_its_key_and_while_its_files_stay(tmp_path: Path) -> None:
    dep = tmp_path / "state.json"
    dep.write_text("{}", encoding="utf-8")
    value = {"views": {"next": [1, 2, "three"]}, "texts": {}}
    assert cache.put("views", "slot", "key", value, ((str(dep), cache.file_id(str(dep))),))
    assert cache.get("views", "slot", "key") == value
    assert cache.get("views", "slot", "another key") is None
    assert cache.get("views", "another-slot", "key") is None
    dep.write_text('{"a": 1}', encoding="utf-8")  # the file it was made from changed
    assert cache.get("views", "slot", "key") is None


def test_a_damaged_entry_is_a_miss(tmp_path: Path) -> None:
    assert cache.put("screens", "slot", "key", "a drawn screen")
    (entry,) = (tmp_path / "cache" / "screens").glob("*.cache")
    good = entry.read_bytes()
    # one flipped byte in the body: the checksum no longer holds
    entry.write_bytes(good[:-3] + bytes([good[-3] ^ 1]) + good[-2:])
    assert cache.get("screens", "slot", "key") is None
    for bad in (b"", good[: len(good) // 2], b"\x00garbage", good.partition(b"\n")[2]):
        entry.write_bytes(bad)
        assert cache.get("screens", "slot", "key") is None
    entry.write_bytes(good)
    assert cache.get("screens", "slot", "key") == "a drawn screen"


def test_an_entry_is_never_read_through_a_link(tmp_path: Path) -> None:
    assert cache.put("screens", "real", "key", "kept")
    folder = tmp_path / "cache" / "screens"
    (folder / "linked.cache").symlink_to(folder / "real.cache")
    assert cache.get("screens", "real", "key") == "kept"
    assert cache.get("screens", "linked", "key") is None


def test_an_unusable_cache_folder_costs_only_speed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("MLPATH_CACHE_DIR", str(blocker))
    assert cache.put("screens", "slot", "key", "text") is False
    assert cache.get("screens", "slot", "key") is None


def test_entries_are_private(tmp_path: Path) -> None:
    assert cache.put("views", "slot", "key", "x")
    (entry,) = (tmp_path / "cache" / "views").glob("*.cache")
    assert entry.stat().st_mode & 0o077 == 0


# --- warm after every write ----------------------------------------------------------

READ_STATE = ("mlpath.app.session", "mlpath.core.ledger")


def test_next_right_after_a_change_reads_no_state_and_draws_nothing(
    home: Path, tmp_path: Path
) -> None:
    warm = tmp_path / "cache"
    mlpath(home, warm, "log", "1.5", "--on", "2027-02-14")
    shown, modules = mlpath(home, warm, "next")
    assert not modules & {*READ_STATE, "mlpath.render.next"}
    # the same screen the cold route computes from the state in an empty cache
    cold, cold_modules = mlpath(home, tmp_path / "empty", "next")
    assert "mlpath.app.session" in cold_modules and shown == cold
    shown_json, modules = mlpath(home, warm, "next", "--json")
    assert not modules & {*READ_STATE, "json"}  # the JSON too was written by `log`
    assert shown_json == mlpath(home, tmp_path / "empty-2", "next", "--json")[0]


def test_status_right_after_a_change_is_drawn_by_the_change(home: Path, tmp_path: Path) -> None:
    warm = tmp_path / "cache"
    mlpath(home, warm, "done", "python-libraries")
    json_view, modules = mlpath(home, warm, "status", "--json")
    assert not modules & set(READ_STATE)  # the view was kept by `done` itself
    shown, modules = mlpath(home, warm, "status")  # at once: `done` drew it before exiting
    assert not modules & {*READ_STATE, "mlpath.render.status"}
    assert shown == mlpath(home, tmp_path / "empty", "status")[0]
    assert json_view == mlpath(home, tmp_path / "empty-2", "status", "--json")[0]


def test_status_is_drawn_without_rich(home: Path, tmp_path: Path) -> None:
    """In an empty cache (a new day, another terminal size) the dashboard is drawn from
    the state without importing rich, in colour too."""
    shown, modules = mlpath(home, tmp_path / "empty", "status")
    assert "mlpath.render.status" in modules
    assert not {m for m in modules if m == "rich" or m.startswith("rich.")}
    coloured, modules = mlpath(home, tmp_path / "empty-2", "--color", "always", "status")
    assert "\x1b[" in coloured and "\x1b[" not in shown
    assert not {m for m in modules if m == "rich" or m.startswith("rich.")}


def test_reads_never_write_the_state(home: Path, tmp_path: Path) -> None:
    state = home / "state.json"
    before = (state.read_bytes(), state.stat().st_mtime_ns)
    for args in (["next"], ["next", "--json"], ["status"], ["status", "--json"], ["review"]):
        mlpath(home, tmp_path / "cache", *args)
    assert (state.read_bytes(), state.stat().st_mtime_ns) == before


# --- a long history another copy brought in ------------------------------------------


def grow_history(home: Path, events: int) -> None:
    """Append `events` log events to the saved plan's state, as a merged-in copy might
    bring them (a read never compacts them: only the next change does)."""
    import json
    from datetime import date, timedelta

    path = home / "state.json"
    state = json.loads(path.read_text(encoding="utf-8"))
    seq = state["events"][-1]["seq"]
    stamp = state["events"][-1]["at"]
    for i in range(events):
        seq += 1
        state["events"].append(
            {
                "id": f"0be1a2c3-{i + 1}",  # another machine's events, numbered by it
                "seq": seq,
                "at": stamp,
                "type": "log",
                "hours": "0.01",
                # 36-second logs spread over 40 days from the start, 2027-01-04 (1.4 h a day)
                "on": (date(2027, 1, 4) + timedelta(days=i % 40)).isoformat(),
            }
        )
    path.write_text(json.dumps(state), encoding="utf-8")


@pytest.mark.parametrize("day", ["2027-02-15", "2027-02-16"])
def test_a_long_uncompacted_history_reads_as_a_full_replay_does(
    home: Path, tmp_path: Path, day: str
) -> None:
    import json
    from datetime import date

    from mlpath.app.session import load_active
    from mlpath.core.compaction import COMPACT_AT
    from mlpath.core.views import next_view
    from mlpath.store.state import store_for

    grow_history(home, COMPACT_AT + 500)
    state = home / "state.json"
    before = state.read_bytes()
    warm = tmp_path / "cache"
    first = json.loads(mlpath(home, warm, "next", "--json")[0])  # keeps the compacted form
    assert len(list((warm / "states").glob("*.cache"))) == 1
    shown, modules = mlpath(home, warm, "next", "--json", MLPATH_TODAY=day)
    # every event replayed, in this process, without any cache
    full = next_view(load_active(store_for(home), date.fromisoformat(day)).progress)
    assert json.loads(shown) == json.loads(json.dumps(full))
    assert first["today"] == "2027-02-15"
    assert state.read_bytes() == before  # the read compacted nothing in the file


def test_next_right_after_plan_reads_no_state(tmp_path: Path) -> None:
    home, warm = tmp_path / "new-home", tmp_path / "cache"
    mlpath(home, warm, "plan", "-r", "practical", "--start", "2027-02-15", "-H", "10")
    shown, modules = mlpath(home, warm, "next")
    assert not modules & {*READ_STATE, "mlpath.render.next"}
    assert shown == mlpath(home, tmp_path / "empty", "next")[0]


# --- today without datetime on the warm path -----------------------------------------


@pytest.mark.parametrize(
    "value", ["2027-02-15", "2028-02-29", "1900-01-01", "2999-12-31", " 2027-03-01 "]
)
def test_today_iso_is_todays_date(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from mlpath.app.clock import today, today_iso

    monkeypatch.setenv("MLPATH_TODAY", value)
    assert today_iso() == today().isoformat()


# 20270104 and 2027-W01-1: Python 3.11's fromisoformat reads them, 3.10's does not;
# mlpath takes YYYY-MM-DD alone on every Python
@pytest.mark.parametrize(
    "value", ["2027-02-30", "2027-13-01", "3000-01-01", "1899-12-31", "x", "20270104", "2027-W01-1"]
)
def test_today_iso_refuses_what_today_refuses(value: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from mlpath.app.clock import today_iso
    from mlpath.errors import UsageError

    monkeypatch.setenv("MLPATH_TODAY", value)
    with pytest.raises(UsageError):
        today_iso()


def test_today_iso_without_the_variable_is_the_local_date(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from datetime import date

    from mlpath.app.clock import SURE_YEARS, today_iso
    from mlpath.core.daterange import MAX_YEAR, MIN_YEAR

    monkeypatch.delenv("MLPATH_TODAY", raising=False)
    before = date.today().isoformat()
    got = today_iso()
    assert got in {before, date.today().isoformat()}  # a midnight in between is either
    assert MIN_YEAR <= SURE_YEARS[0] <= SURE_YEARS[1] <= MAX_YEAR


def test_a_warm_next_imports_no_datetime(home: Path, tmp_path: Path) -> None:
    warm = tmp_path / "cache"
    mlpath(home, warm, "next")
    _, modules = mlpath(home, warm, "next")
    assert not modules & {"datetime", "_datetime", "json", "fractions", "pathlib"}


def test_a_config_change_is_a_new_view(home: Path, tmp_path: Path) -> None:
    """config.yaml's review cap shapes the schedule, so a view depends on the file: set
    (or removed), the views are made again rather than served as they were."""
    warm, config = tmp_path / "cache", tmp_path / "config"
    env = {"MLPATH_CONFIG_DIR": str(config)}
    mlpath(home, warm, "next", **env)
    _, modules = mlpath(home, warm, "next", **env)
    assert not modules & set(READ_STATE)  # kept
    mlpath(home, warm, "config", "set", "review_cap_minutes", "5", **env)
    shown, modules = mlpath(home, warm, "next", **env)
    assert "mlpath.app.session" in modules  # made again, under the new setting
    assert shown == mlpath(home, tmp_path / "empty", "next", **env)[0]
    (config / "config.yaml").unlink()  # the capped view is not served without the cap
    shown, modules = mlpath(home, warm, "next", **env)
    assert "mlpath.app.session" in modules
    assert shown == mlpath(home, tmp_path / "empty-2", "next", **env)[0]
    # another config folder for the same home: another config.yaml, another view
    _, modules = mlpath(home, warm, "next", MLPATH_CONFIG_DIR=str(tmp_path / "other"))
    assert "mlpath.app.session" in modules


@pytest.mark.parametrize("args", [("review",), ("review", "--all"), ("review", "--json")])
def test_the_review_list_is_kept_for_the_day(
    home: Path, tmp_path: Path, args: tuple[str, ...]
) -> None:
    warm = tmp_path / "cache"
    mlpath(home, warm, "done", "python-libraries", "--on", "2027-02-01")
    first, modules = mlpath(home, warm, *args)
    assert "mlpath.app.session" in modules  # the first read of the day makes it
    again, modules = mlpath(home, warm, *args)
    assert not modules & set(READ_STATE) and again == first
    assert first == mlpath(home, tmp_path / "empty", *args)[0]
    mlpath(home, warm, "review", "python-libraries", "good")  # a change: the list moves
    after, modules = mlpath(home, warm, *args)
    assert "mlpath.app.session" in modules and after != first
    assert after == mlpath(home, tmp_path / "empty-2", *args)[0]

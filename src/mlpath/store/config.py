"""config.yaml: the learner's defaults for `mlpath plan` and for the display.

The file lives in the config folder (`paths.config_dir()`: MLPATH_CONFIG_DIR or
the platform's user config dir). It is a flat YAML mapping of a few known
keys; anything else, or a value that does not read, is an error naming the
key and its line. Flags on the command line always win over the file.

Reading is on the path of every command (colour), so a file in the simple
`key: value` form mlpath itself writes is read without importing PyYAML;
anything richer (lists, escapes, comments after values) goes to PyYAML, and
tests check the two agree. Writing goes through `store/state.py`'s atomic_write_bytes.
"""

from __future__ import annotations

import os
import re
from fractions import Fraction

from mlpath.core.record import Record
from mlpath.errors import MlpathError, UsageError

TYPE_CHECKING = False  # typing costs start-up time on every change; annotations only
if TYPE_CHECKING:
    from typing import Any

# What `plan` uses when neither the command line nor config.yaml says.
DEFAULT_HOURS = Fraction(10)
DEFAULT_LEVEL = "beginner"

CONFIG_NAME = "config.yaml"  # paths.config_file_str() names it

# key -> what it sets (shown by `config show` and in the README)
KEYS: dict[str, str] = {
    "hours": "hours per week for `mlpath plan` (e.g. 8 or 7.5)",
    "level": "level for `mlpath plan`: beginner, intermediate or advanced",
    "days": "study days for `mlpath plan`, e.g. mon,wed,sat (or all, weekdays, weekends)",
    "roadmap": "roadmap for `mlpath plan`: an id or a YAML file",
    "review_minutes": "minutes a plan counts per review of a finished item (0: none), e.g. 5",
    "timer_cap": "the longest a timer session counts (a forgotten timer is cut there), e.g. 4h",
    "max_hours_per_day": "the most hours a study day may take (a cap on `replan --catch-up`); "
    "unset: 24",
    "review_cap_minutes": "the most review minutes a day takes of reviews carried from days "
    "without study time (assumed: 30)",
    "color": "colour: auto (on a terminal), always (through a pager that keeps it) or "
    "never; NO_COLOR and --color/--no-color win",
}
# Keys mlpath once had: a file that still sets one gets a one-line notice, not an error.
RETIRED: dict[str, str] = {
    "week_start": "weeks are your plan's own: week 1 starts on the plan's first day",
}
PLAN_KEYS = ("hours", "level", "days", "roadmap", "review_minutes")
COLORS = ("auto", "always", "never")
_TRUE = ("yes", "true", "on")
_FALSE = ("no", "false", "off")

HEADER = (
    "# mlpath settings: defaults for `mlpath plan` and the display.\n"
    "# Change them with `mlpath config set KEY VALUE`; command-line flags win.\n"
)


class ConfigError(MlpathError):
    """config.yaml cannot be used: names the file, line and key."""


def config_path() -> str:
    from mlpath.store import paths

    return paths.config_file_str()


# --- reading ---------------------------------------------------------------------------


class NotSimple(Exception):
    """The file uses more YAML than the fast reader understands."""


_LINE = re.compile(r"^([A-Za-z_][A-Za-z0-9_-]*) *:(?: +(.*?))? *$")
_NUMBER = re.compile(r"^(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$")
_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9 ,._/+-]*$")
# PyYAML's (YAML 1.1) resolvers for the plain words the fast reader accepts.
_YAML_BOOL = {
    **dict.fromkeys(("yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"), True),
    **dict.fromkeys(("no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"), False),
}
_YAML_NULL = ("null", "Null", "NULL")


def _simple_value(text: str | None) -> Any:
    if not text:
        return None
    if len(text) >= 2 and text[0] == text[-1] == '"':
        inner = text[1:-1]
        if '"' in inner or "\\" in inner:
            raise NotSimple
        return inner
    if len(text) >= 2 and text[0] == text[-1] == "'":
        inner = text[1:-1]
        if "'" in inner:
            raise NotSimple
        return inner
    if _NUMBER.match(text):
        return float(text) if "." in text else int(text)
    if _PLAIN.match(text):
        if text in _YAML_BOOL:
            return _YAML_BOOL[text]
        if text in _YAML_NULL:
            return None
        return text
    raise NotSimple


def parse_simple(text: str, *, duplicates: bool = False) -> tuple[dict[str, Any], dict[str, int]]:
    """The `key: value` subset of YAML, without PyYAML: (values, key -> line).

    Raises NotSimple for anything outside the subset, and ConfigError (with no
    path yet) for a key given twice, which PyYAML would silently merge.
    """
    values: dict[str, Any] = {}
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if "#" in line or "\t" in line or line[0] == " ":
            raise NotSimple
        m = _LINE.match(line)
        if not m:
            raise NotSimple
        key = m[1]
        value = _simple_value(m[2])
        if key in values and not duplicates:
            raise DuplicateKey(key, lines[key], number)
        values[key] = value
        lines[key] = number
    return values, lines


class DuplicateKey(Exception):
    def __init__(self, key: str, first: int, again: int) -> None:
        super().__init__(key)
        self.key, self.first, self.again = key, first, again


def _parse_yaml(text: str, duplicates: bool = False) -> tuple[dict[str, Any], dict[str, int]]:
    import yaml

    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, {}
        if not isinstance(node, yaml.MappingNode):
            raise _NotMapping(node.start_mark.line + 1)
        values: dict[str, Any] = {}
        lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                raise _NotMapping(line)
            if key in values and not duplicates:
                raise DuplicateKey(key, lines[key], line)
            values[key] = loader.construct_object(value_node, deep=True)
            lines[key] = line
        return values, lines
    finally:
        loader.dispose()


class _NotMapping(Exception):
    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line


def parse_text(
    text: str, path: str, *, duplicates: bool = False
) -> tuple[dict[str, Any], dict[str, int]]:
    """config.yaml text -> (raw values, key -> line); errors name the file.

    A key set twice is an error unless `duplicates` (then the last one wins):
    `set` and `unset` rewrite every line of their key, so they may fix it.
    """
    try:
        try:
            return parse_simple(text, duplicates=duplicates)
        except NotSimple:
            return _parse_yaml(text, duplicates)
    except DuplicateKey as dup:
        raise ConfigError(
            f"{path}, line {dup.again}: '{dup.key}' is set twice (first on line {dup.first}).",
            "Keep one of them.",
        ) from None
    except _NotMapping as bad:
        raise ConfigError(
            f"{path}, line {bad.line}: config.yaml must be a list of `key: value` settings.",
            _fix_hint(None),
        ) from None
    except Exception as exc:  # yaml.YAMLError and its kin
        mark = getattr(exc, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "it is not valid YAML"
        raise ConfigError(f"{path}{where}: {problem}.", _fix_hint(None)) from None


def _fix_hint(key: str | None) -> str:
    if key is None:
        return (
            "Fix the file, or delete it to go back to the defaults (`mlpath config path` shows it)."
        )
    return f"Fix it with `mlpath config set {key} VALUE`, or remove it with `mlpath config unset {key}`."


# --- validating ----------------------------------------------------------------------


def _text(value: Any, what: str) -> str:
    if isinstance(value, bool) or value is None or isinstance(value, (list, dict)):
        raise UsageError(f"it must be {what}, not {_show(value)}.")
    return str(value).strip()


def _show(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"'{value}'"


def hours_text(hours: Fraction, unit: str = "") -> str:
    """Hours as config.yaml keeps them, exact and as people write them: `7.5` (with
    `unit` after a decimal), else whole minutes as `3h20` or `20m` (a third of an hour
    has no decimal, and "10/3" reads as no duration), else a fraction."""
    from mlpath.core.ledger import fraction_text

    exact = fraction_text(hours)
    if "/" not in exact:
        return exact + unit
    minutes = hours * 60
    if minutes.denominator != 1:
        return exact
    h, m = divmod(int(minutes), 60)
    return f"{h}h{m:02d}" if h else f"{m}m"


def normalize(key: str, value: Any) -> Any:
    """The stored form of a setting, or UsageError saying what is wrong with it."""
    if key == "hours":
        from mlpath.core.dates import parse_weekly_hours

        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = repr(value)
        return hours_text(parse_weekly_hours(_text(value, "hours per week, like 8 or 7.5")))
    if key == "level":
        from mlpath.core.roadmap import LEVELS

        text = _text(value, "beginner, intermediate or advanced").lower()
        found = [lvl for lvl in LEVELS if text and lvl.startswith(text)]
        if len(found) != 1:
            raise UsageError(f"'{text}' is not a level; use beginner, intermediate or advanced.")
        return found[0]
    if key == "days":
        from mlpath.core.dates import WEEKDAYS, parse_days

        if isinstance(value, list) and all(isinstance(v, str) for v in value) and value:
            value = ",".join(value)
        days = parse_days(_text(value, "study days, like mon,wed,sat"))
        return "all" if len(days) == 7 else ",".join(WEEKDAYS[d] for d in days)
    if key == "roadmap":
        text = _text(value, "a roadmap id or a YAML file")
        if not text or "\n" in text:
            raise UsageError("it must be a roadmap id or a YAML file.")
        return text
    if key == "review_minutes":
        from mlpath.core.dates import parse_review_minutes
        from mlpath.core.review import MAX_MINUTES

        return parse_review_minutes(value, MAX_MINUTES)
    if key == "timer_cap":
        from mlpath.core.dates import parse_duration_hours

        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = repr(value)
        hours = parse_duration_hours(_text(value, "a duration, like 4h or 90m"), what="a timer cap")
        return hours_text(hours, "h")
    if key == "max_hours_per_day":
        from mlpath.core.dates import parse_duration_hours

        hours = parse_duration_hours(
            _text(str(value), "hours, like 3 or 2.5"), what="a study day's cap"
        )
        if not 0 < hours <= 24:
            raise UsageError("it must be more than 0 and at most 24 hours.")
        return hours_text(hours)
    if key == "review_cap_minutes":
        from mlpath.core.dates import parse_review_minutes
        from mlpath.core.review import DEFAULT_MINUTES, MAX_MINUTES

        what = "minutes a day of carried reviews"  # at least one review's (reviewload.py)
        return parse_review_minutes(value, MAX_MINUTES, what, least=DEFAULT_MINUTES)
    if key == "color":
        if isinstance(value, bool):
            return "auto" if value else "never"
        text = _text(value, "auto, always or never").lower()
        if text in _TRUE:
            return "auto"
        if text in _FALSE:
            return "never"
        if text not in COLORS:
            raise UsageError(f"'{text}' is not a colour setting; use auto, always or never.")
        return text
    raise unknown_key(key)


def retired_notice(key: str, where: str = "") -> str:
    return (
        f"{where}'{key}' is no longer a setting ({RETIRED[key]}); "
        f"`mlpath config unset {key}` removes it."
    )


def unknown_key(key: str, where: str = "") -> UsageError:
    from difflib import get_close_matches

    near = get_close_matches(key, list(KEYS), n=1, cutoff=0.6)
    mean = f" (did you mean '{near[0]}'?)" if near else ""
    return UsageError(
        f"{where}'{key}' is not a setting{mean}.", f"The settings are: {', '.join(KEYS)}."
    )


class Config(Record):
    """Validated settings; only the keys the file sets are in `values`.

    (A plain class: every command reads the config, and `dataclasses` alone
    would cost more import time than the rest of this module.)
    """

    __slots__ = ("path", "exists", "values", "lines", "notices")

    def __init__(
        self,
        path: str,
        exists: bool = False,
        values: dict[str, Any] | None = None,
        lines: dict[str, int] | None = None,
        notices: list[str] | None = None,
    ) -> None:
        self.path = path
        self.exists = exists
        self.values: dict[str, Any] = values or {}
        self.lines: dict[str, int] = lines or {}
        self.notices: list[str] = notices or []  # one line each: retired keys

    def plan_defaults(self) -> dict[str, Any]:
        """What `make_plan(config=...)` takes: the plan keys the file sets."""
        return {k: self.values[k] for k in PLAN_KEYS if k in self.values}

    @property
    def color(self) -> str:
        return str(self.values.get("color", "auto"))

    @property
    def no_color(self) -> bool:
        return self.color == "never"


def _read(path: str) -> str | None:
    try:
        with open(path, "rb") as fh:
            raw = fh.read(1024 * 1024 + 1)
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise ConfigError(f"{path} is a folder, not a settings file.", _fix_hint(None)) from None
    except OSError as exc:
        raise ConfigError(f"Cannot read {path}: {exc.strerror}.") from None
    if len(raw) > 1024 * 1024:
        raise ConfigError(f"{path} is over 1 MB; it cannot be mlpath's settings.", _fix_hint(None))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError(f"{path} is not UTF-8 text.", _fix_hint(None)) from None


def validate(raw: dict[str, Any], lines: dict[str, int], path: str) -> dict[str, Any]:
    """Every key known and every value valid, or ConfigError naming the first bad key."""
    values: dict[str, Any] = {}
    for key, value in raw.items():
        where = f"{path}, line {lines.get(key, '?')}: "
        if key in RETIRED:
            continue  # load_config gives the notice
        if key not in KEYS:
            import shlex  # the key is the file's data: the command must run as shown

            err = unknown_key(key, where)
            raise ConfigError(
                err.message,
                f"{err.hint} Remove it with `mlpath config unset {shlex.quote(str(key))}`.",
            )
        try:
            values[key] = normalize(key, value)
        except UsageError as exc:
            message = exc.message[0].lower() + exc.message[1:]
            raise ConfigError(
                f"{where}'{key}' is invalid: {message.rstrip('.')}.", _fix_hint(key)
            ) from None
    return values


def load_config(path: str | None = None) -> Config:
    """The settings in config.yaml (none when there is no file); ConfigError if bad."""
    path = path or config_path()
    text = _read(path)
    if text is None:
        return Config(path)
    raw, lines = parse_text(text, path)
    notices = [
        retired_notice(key, f"{path}, line {lines.get(key, '?')}: ")
        for key in raw
        if key in RETIRED
    ]
    return Config(path, True, validate(raw, lines, path), lines, notices)


# --- writing -------------------------------------------------------------------------


def _dump(value: str | int) -> str:
    """A scalar as YAML that reads back as this very string (or number)."""
    if isinstance(value, int):
        return str(value)
    if _NUMBER.match(value):
        return value  # reads back as a number, which normalizes to the same text
    try:
        if _simple_value(value) == value:
            return value
    except NotSimple:
        pass
    import json

    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted one


def _edited(text: str, key: str, value: str | None) -> str:
    """The file with KEY's line replaced (or removed, or appended), other lines kept."""
    out: list[str] = []
    lines = text.splitlines()
    i = 0
    placed = False
    key_line = re.compile(rf"^{re.escape(key)}[ \t]*:")
    while i < len(lines):
        line = lines[i]
        if key_line.match(line):
            i += 1  # also drop the value's continuation lines (a block list, say)
            while i < len(lines) and lines[i][:1] in (" ", "\t", "-"):
                i += 1
            if value is not None and not placed:
                out.append(f"{key}: {_dump(value)}")
                placed = True
            continue
        out.append(line)
        i += 1
    if value is not None and not placed:
        if not out:
            out = HEADER.splitlines()
        out.append(f"{key}: {_dump(value)}")
    return "\n".join(out) + "\n" if out else ""


def _write(path: str, text: str) -> None:
    from pathlib import Path

    from mlpath.store.state import atomic_write_bytes

    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(target, text.encode("utf-8"), public=True)
    except OSError as exc:
        raise ConfigError(
            f"Could not save {path}: {exc.strerror or exc}; nothing was changed.",
            "Check the folder's permissions and free space.",
        ) from None


class SetResult(Record):
    """What `config set`/`unset` did; other_problem: a bad setting left elsewhere."""

    __slots__ = ("key", "value", "path", "changed", "other_problem")

    def __init__(
        self,
        key: str,
        value: str | None,
        path: str,
        changed: bool,
        other_problem: str | None = None,
    ) -> None:
        self.key = key
        self.value = value
        self.path = path
        self.changed = changed
        self.other_problem = other_problem


def _current(path: str) -> tuple[str, dict[str, Any]]:
    text = _read(path) or ""
    raw, _ = parse_text(text, path, duplicates=True)
    return text, raw


def _after_edit(path: str, text: str) -> str | None:
    try:
        raw, lines = parse_text(text, path)
        validate(raw, lines, path)
    except ConfigError as exc:
        return str(exc)
    return None


def set_value(key: str, value: str, path: str | None = None) -> SetResult:
    """Validate VALUE for KEY and write it to config.yaml atomically."""
    path = path or config_path()
    if key in RETIRED:
        raise UsageError(f"'{key}' is no longer a setting: {RETIRED[key]}.")
    if key not in KEYS:
        raise unknown_key(key)
    try:
        stored = normalize(key, value)
    except UsageError as exc:
        raise UsageError(f"Cannot set '{key}': {exc.message}", exc.hint) from None
    if key == "roadmap":
        stored = _checked_roadmap(stored)
    text, raw = _current(path)
    new = _edited(text, key, stored)
    changed = new != text
    if changed:
        _write(path, new)
    return SetResult(key, stored, path, changed, _after_edit(path, new))


def _checked_roadmap(spec: str) -> str:
    """A roadmap setting must name a roadmap that loads; a file is kept as an absolute path."""
    from mlpath.store.catalog import looks_like_path, resolve

    resolve(spec)  # UsageError / RoadmapError say what is wrong
    if looks_like_path(spec) or os.path.isfile(spec):
        return os.path.abspath(os.path.expanduser(spec))
    return spec


def unset_value(key: str, path: str | None = None) -> SetResult:
    """Remove KEY from config.yaml (any key, so a misspelt one can be removed too)."""
    path = path or config_path()
    text, raw = _current(path)
    if key not in raw:
        if key not in KEYS and key not in RETIRED:
            raise unknown_key(key)
        return SetResult(key, None, path, False, _after_edit(path, text))
    new = _edited(text, key, None)
    _write(path, new)
    return SetResult(key, None, path, True, _after_edit(path, new))


def defaults() -> dict[str, Any]:
    """What each key means when the file does not set it."""
    from mlpath.core.ledger import fraction_text
    from mlpath.core.review import DEFAULT_MINUTES

    return {
        "hours": fraction_text(DEFAULT_HOURS),
        "level": DEFAULT_LEVEL,
        "days": "all",
        "roadmap": None,  # the one that matches the level
        "review_minutes": DEFAULT_MINUTES,
        "timer_cap": "4h",
        "max_hours_per_day": None,
        "review_cap_minutes": 30,
        "color": "auto",
    }

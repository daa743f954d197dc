"""Read a roadmap from YAML, strictly, with errors that point at FILE:LINE.

The YAML is composed into a node tree (no object construction, so no tag can
run code), converted to plain data while recording each value's line, then
checked against the schema documented in data/roadmaps/README.md.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

import yaml

from mlpath.core.roadmap import LEVELS, MAX_ROADMAP_BYTES, Roadmap, roadmap_from_dict, to_fraction
from mlpath.errors import RoadmapError
from mlpath.store.roadmap_method import method_schemas

MAX_BYTES = MAX_ROADMAP_BYTES
MAX_NODES = 500_000  # bounds alias expansion ("billion laughs") and huge documents
MAX_DEPTH = 64
SCHEMA_VERSION = 1
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RESOURCE_KINDS = (
    "course",
    "book",
    "video",
    "site",
    "docs",
    "paper",
    "tool",
    "platform",
    "community",
    "other",
)
_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"

Path = tuple[str | int, ...]


def format_path(path: Path) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:  # a key that is blank or holds a newline is quoted, so the line stays readable
            plain = part.isprintable() and part.strip() == part != ""
            out += ("." if out else "") + (part if plain else repr(part))
    return out or "roadmap"


class _Ctx:
    """Collects problems, each tied to the line of the value it is about."""

    def __init__(self, filename: str, lines: dict[Path, int], keylines: dict[Path, int]) -> None:
        self.filename = filename
        self.lines = lines
        self.keylines = keylines
        self.problems: list[str] = []

    def line(self, path: Path, key: bool = False) -> int:
        if key and path in self.keylines:
            return self.keylines[path]
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)

    def err(self, path: Path, message: str, key: bool = False) -> None:
        self.problems.append(
            f"{self.filename}:{self.line(path, key)}: {format_path(path)}: {message}"
        )


# --- YAML text -> plain data with line numbers --------------------------------


def _fail(filename: str, line: int, path: str, message: str) -> RoadmapError:
    return RoadmapError([f"{filename}:{line}: {path}: {message}"])


def _decode(data: bytes, filename: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise _fail(
            filename, line, "roadmap", f"byte 0x{data[exc.start]:02x} is not UTF-8; save as UTF-8"
        ) from None


_SAFE_FLOW_BRACKETS = 5_000  # libyaml's composer recurses in C: ~100,000 nested [ crash it


def _check_flow_depth(text: str, filename: str, loader_cls: Any) -> None:
    """Refuse deep [[[...]]] before composing: that would overflow the C stack (a segfault)."""
    if text.count("[") + text.count("{") <= _SAFE_FLOW_BRACKETS:
        return  # block nesting needs ever longer indents, so 4 MB cannot nest it dangerously
    loader = loader_cls(text)
    depth = 0
    try:
        while loader.check_token():
            token = loader.get_token()
            if isinstance(token, (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)):
                depth += 1
                if depth > MAX_DEPTH:
                    line = token.start_mark.line + 1
                    raise _fail(filename, line, "yaml", "the YAML nests too deeply")
            elif isinstance(token, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)):
                depth -= 1
    finally:
        loader.dispose()


def _tab_at(text: str, mark: Any) -> bool:
    """The problem is a tab in the line's indentation (libyaml does not always say so:
    "found character that cannot start any token")."""
    if mark is None:
        return False
    rows = re.split(r"\r\n|[\r\n\x85\u2028\u2029]", text)
    row = rows[mark.line] if mark.line < len(rows) else ""
    return "\t" in row[: len(row) - len(row.lstrip(" \t"))]


def _compose(text: str, filename: str) -> yaml.Node | None:
    loader_cls = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        _check_flow_depth(text, filename, loader_cls)
        return yaml.compose(text, Loader=loader_cls)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        problem = exc.problem or "invalid YAML"
        if "\t" in text and ("'\\t'" in problem or "tab" in problem or _tab_at(text, mark)):
            message = "a tab character cannot indent YAML; indent with spaces"
        else:
            # "did not find expected ',' or ']'" alone hides where the bracket was opened.
            cmark = exc.context_mark
            if exc.context and cmark is not None and cmark.line + 1 != line:
                problem += f" ({exc.context} started on line {cmark.line + 1})"
            message = f"{problem}; fix the YAML syntax"
        raise _fail(filename, line, "yaml", message) from None
    except yaml.YAMLError as exc:
        raise _fail(filename, 1, "yaml", f"{exc}".splitlines()[0]) from None
    except RecursionError:
        raise _fail(filename, 1, "yaml", "the YAML nests too deeply") from None


class _Converter:
    def __init__(self, filename: str) -> None:
        self.filename = filename
        self.visits = 0
        self.lines: dict[Path, int] = {}
        self.keylines: dict[Path, int] = {}
        self._scalars = yaml.constructor.SafeConstructor()

    def convert(self, node: yaml.Node, path: Path, depth: int = 0) -> Any:
        self.visits += 1
        line = node.start_mark.line + 1
        if self.visits > MAX_NODES:
            raise _fail(
                self.filename,
                line,
                format_path(path),
                "the document expands to too many values (alias bomb or huge file)",
            )
        if depth > MAX_DEPTH:
            raise _fail(self.filename, line, format_path(path), "the YAML nests too deeply")
        self.lines[path] = line
        if isinstance(node, yaml.ScalarNode):
            if node.tag == "tag:yaml.org,2002:timestamp" and not node.style:  # plain
                raise _fail(
                    self.filename,
                    line,
                    format_path(path),
                    f"YAML reads {node.value} as a date; put it in quotes to keep it as text",
                )
            if node.tag not in _SCALAR_TAGS:
                raise _fail(
                    self.filename, line, format_path(path), f"the tag {node.tag!r} is not allowed"
                )
            return self._scalars.construct_object(node)
        if isinstance(node, yaml.SequenceNode):
            if node.tag != _SEQ_TAG:
                raise _fail(
                    self.filename, line, format_path(path), f"the tag {node.tag!r} is not allowed"
                )
            return [
                self.convert(child, (*path, i), depth + 1) for i, child in enumerate(node.value)
            ]
        if isinstance(node, yaml.MappingNode):
            if node.tag != _MAP_TAG:
                raise _fail(
                    self.filename, line, format_path(path), f"the tag {node.tag!r} is not allowed"
                )
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key = self.convert(key_node, (*path, "<key>"), depth + 1)
                kline = key_node.start_mark.line + 1
                if key_node.tag == "tag:yaml.org,2002:merge" or not isinstance(key, str):
                    raise _fail(
                        self.filename, kline, format_path(path), "field names must be plain text"
                    )
                if key in out:
                    raise _fail(
                        self.filename,
                        kline,
                        format_path((*path, key)),
                        "this field appears twice; keep one",
                    )
                self.keylines[path + (key,)] = kline
                out[key] = self.convert(value_node, (*path, key), depth + 1)
            return out
        raise _fail(self.filename, line, format_path(path), "unsupported YAML node")


def too_large(filename: str, size: int) -> RoadmapError:
    """The error for a file over MAX_BYTES; `size` is the file's real size."""
    return _fail(
        filename,
        1,
        "roadmap",
        f"the file is {size / 1024 / 1024:.1f} MB; roadmaps are limited to "
        f"{MAX_BYTES // 1024 // 1024} MB",
    )


def _children(node: yaml.Node, path: Path) -> list[tuple[Path, yaml.Node]]:
    if isinstance(node, yaml.SequenceNode):
        return [((*path, i), child) for i, child in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        out: list[tuple[Path, yaml.Node]] = []
        for k, v in node.value:
            name = k.value if isinstance(k, yaml.ScalarNode) else "<key>"
            out += [((*path, "<key>"), k), ((*path, name), v)]
        return out
    return []


def _check_expansion(root: yaml.Node, filename: str) -> None:
    """Refuse alias bombs before expanding anything.

    Aliases make the node tree a graph: each node's expanded size is computed
    once (memoised), so "billion laughs" is measured in microseconds instead of
    being walked. The error points at the deepest value that is too big on its
    own: for billion laughs, the line whose aliases multiply past the bound.
    """
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()
    aliased = False

    def size(node: yaml.Node, path: Path, depth: int) -> int:
        nonlocal aliased
        known = sizes.get(id(node))
        if known is not None:
            aliased = True  # a node reached twice: only an alias does that
            return known
        line = node.start_mark.line + 1
        if id(node) in open_nodes:  # `a: &a [*a]`
            raise _fail(
                filename, line, format_path(path), "an alias refers to the value holding it"
            )
        if depth > MAX_DEPTH:
            raise _fail(filename, line, format_path(path), "the YAML nests too deeply")
        open_nodes.add(id(node))
        total = 1 + sum(size(c, p, depth + 1) for p, c in _children(node, path))
        open_nodes.discard(id(node))
        sizes[id(node)] = total
        return total

    if size(root, (), 0) <= MAX_NODES:
        return
    node: yaml.Node = root
    path: Path = ()
    while True:
        for child_path, child in _children(node, path):
            if sizes[id(child)] > MAX_NODES:
                node, path = child, child_path
                break
        else:
            break
    raise _fail(
        filename,
        node.start_mark.line + 1,
        format_path(path),
        f"expands to {sizes[id(node)]:,} values, over the limit of {MAX_NODES:,}; "
        + ("its aliases repeat values too often (an alias bomb?)" if aliased else "shorten it"),
    )


def parse_yaml(data: bytes, filename: str) -> tuple[Any, dict[Path, int], dict[Path, int]]:
    """Bytes of a YAML file -> (plain data, value lines, key lines)."""
    if len(data) > MAX_BYTES:
        raise too_large(filename, len(data))
    text = _decode(data, filename)
    if not text.strip():
        raise _fail(filename, 1, "roadmap", "the file is empty; see data/roadmaps/README.md")
    node = _compose(text, filename)
    if node is None:
        raise _fail(filename, 1, "roadmap", "the file holds no YAML document")
    _check_expansion(node, filename)
    conv = _Converter(filename)
    try:
        value = conv.convert(node, ())
    except RecursionError:
        raise _fail(filename, 1, "yaml", "the YAML nests too deeply") from None
    return value, conv.lines, conv.keylines


# --- schema checks --------------------------------------------------------------

Check = Callable[[Any, Path, _Ctx], bool]


def _type_name(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _text(value: Any, path: Path, ctx: _Ctx) -> bool:
    if not isinstance(value, str) or not value.strip():
        ctx.err(path, f"must be non-empty text, not {_type_name(value)}")
        return False
    return True


def _bool(value: Any, path: Path, ctx: _Ctx) -> bool:
    if not isinstance(value, bool):
        ctx.err(path, f"must be true or false, not {_type_name(value)}")
        return False
    return True


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and value == value


def _positive(value: Any, path: Path, ctx: _Ctx) -> bool:
    if not _is_number(value) or value <= 0 or value in (float("inf"),):
        ctx.err(path, "must be a positive number")
        return False
    if value > 10_000:
        ctx.err(path, "is too large (at most 10000)")
        return False
    return True


def _phase_number(value: Any, path: Path, ctx: _Ctx) -> bool:
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 100_000:
        ctx.err(path, "must be a whole number from 0")
        return False
    return True


def _id(value: Any, path: Path, ctx: _Ctx) -> bool:
    if not isinstance(value, str) or not ID_RE.match(value) or len(value) > 60:
        ctx.err(path, "must be a kebab-case id like 'linear-algebra' (a-z, 0-9, dashes, ≤ 60)")
        return False
    return True


# A web address: http(s) with a host, or a bare domain as the documents write them
# (kaggle.com/competitions); never another scheme (javascript:, file:) or words.
# The rest is the document's, as it gives it (the terminal shows it escaped).
URL_RE = re.compile(r"(https?://[^\s/?#]+|[\w-]+(\.[\w-]+)+(?=/|$)).*")


def _url(value: Any, path: Path, ctx: _Ctx) -> bool:
    if not _text(value, path, ctx):
        return False
    if not URL_RE.fullmatch(value) or not value.isprintable():
        ctx.err(path, "must be a web address (https://… or a domain like kaggle.com/competitions)")
        return False
    return True


def _one_of(*choices: Any) -> Check:
    def check(value: Any, path: Path, ctx: _Ctx) -> bool:
        if isinstance(value, bool) or value not in choices:
            ctx.err(path, f"must be one of {', '.join(map(str, choices))}, not {value!r}")
            return False
        return True

    return check


def _list_of(inner: Check, non_empty: bool = False) -> Check:
    def check(value: Any, path: Path, ctx: _Ctx) -> bool:
        if not isinstance(value, list):
            ctx.err(path, f"must be a list, not {_type_name(value)}")
            return False
        if non_empty and not value:
            ctx.err(path, "must list at least one entry")
            return False
        ok = True
        for i, v in enumerate(value):
            ok = inner(v, (*path, i), ctx) and ok
        return ok

    return check


Fields = Mapping[str, tuple[Check, bool]]


def _mapping(
    fields: Fields, extra: Callable[[dict[str, Any], Path, _Ctx], None] | None = None
) -> Check:
    def check(value: Any, path: Path, ctx: _Ctx) -> bool:
        if not isinstance(value, dict):
            ctx.err(path, f"must be a mapping of fields, not {_type_name(value)}")
            return False
        ok = True
        for key in value:
            if key not in fields:
                ctx.err(
                    (*path, key),
                    f"unknown field; expected one of: {', '.join(fields)}",
                    key=True,
                )
                ok = False
        for name, (inner, required) in fields.items():
            if name not in value:
                if required:
                    ctx.err(path, f"missing required field '{name}'")
                    ok = False
                continue
            ok = inner(value[name], (*path, name), ctx) and ok
        if ok and extra is not None:
            before = len(ctx.problems)
            extra(value, path, ctx)
            ok = len(ctx.problems) == before
        return ok

    return check


def _nullable(inner: Check) -> Check:
    def check(value: Any, path: Path, ctx: _Ctx) -> bool:
        return True if value is None else inner(value, path, ctx)

    return check


def _range_ok(d: dict[str, Any], path: Path, ctx: _Ctx) -> None:
    if "min" in d and "max" in d and d["min"] > d["max"]:
        ctx.err((*path, "min"), f"must not exceed max ({d['max']})")


def _assumed_ok(d: dict[str, Any], path: Path, ctx: _Ctx) -> None:
    if d.get("assumed") and "note" not in d:
        ctx.err((*path, "assumed"), "an assumed figure needs a 'note' saying why it was chosen")


def _weeks_ok(d: dict[str, Any], path: Path, ctx: _Ctx) -> None:
    _range_ok(d, path, ctx)
    _assumed_ok(d, path, ctx)


def _hours_ok(d: dict[str, Any], path: Path, ctx: _Ctx) -> None:
    _range_ok(d, path, ctx)
    _assumed_ok(d, path, ctx)
    lo, hi = d.get("min"), d.get("max")
    if lo is not None and d["value"] < lo or hi is not None and d["value"] > hi:
        ctx.err((*path, "value"), "must lie within min..max")
    if d["value"] > 7 * 24:
        ctx.err((*path, "value"), "cannot exceed 168 hours a week")


WEEKS = _mapping(
    {
        "min": (_positive, True),
        "max": (_positive, True),
        "text": (_text, False),
        "converted": (_text, False),
        "assumed": (_bool, False),
        "note": (_text, False),
    },
    _weeks_ok,
)
HOURS = _mapping(
    {
        "value": (_positive, True),
        "min": (_positive, False),
        "max": (_positive, False),
        "assumed": (_bool, False),
        "source": (_text, False),
        "note": (_text, False),
    },
    _hours_ok,
)
ITEM = _mapping(
    {
        "id": (_id, True),
        "title": (_text, True),
        "details": (_text, False),
        "weeks": (WEEKS, False),
        "optional": (_bool, False),
    }
)
MILESTONE = _mapping({"id": (_id, True), "title": (_text, True), "description": (_text, False)})


def _ask_ok(d: dict[str, Any], path: Path, ctx: _Ctx) -> None:
    if not d["ask"].rstrip().endswith("?"):
        ctx.err((*path, "ask"), "must be a yes/no question ending in '?'")


# A self-check question for `mlpath assess`: what the document says a learner
# should be able to do by the phase's end, asked as a yes/no question, with the
# document's own words it is written from.
SELF_CHECK = _mapping({"ask": (_text, True), "basis": (_text, True)}, _ask_ok)
RESOURCE = _mapping(
    {
        "title": (_text, True),
        "kind": (_one_of(*RESOURCE_KINDS), False),
        "by": (_text, False),
        "url": (_url, False),
        "note": (_text, False),
        "topic": (_id, False),
        "general": (_bool, False),
    }
)


def _max_ok(value: Any, path: Path, ctx: _Ctx) -> bool:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        ctx.err(path, "must be a whole number from 1")
        return False
    return True


def _choice_ok(d: dict[str, Any], path: Path, ctx: _Ctx) -> None:
    if "max" in d and d["max"] > len(d["options"]):
        ctx.err((*path, "max"), f"must not exceed the number of options ({len(d['options'])})")


# Ideas to choose from (`plan --pick ID`): `item` is the phase's topic or
# project that stands for them until the learner picks.
CHOICE = _mapping(
    {
        "id": (_id, True),
        "title": (_text, True),
        "item": (_id, True),
        "source": (_text, True),
        "max": (_max_ok, False),
        "options": (_list_of(ITEM, non_empty=True), True),
    },
    _choice_ok,
)


def _phase_ok(d: dict[str, Any], path: Path, ctx: _Ctx) -> None:
    if not d.get("topics") and not d.get("projects"):
        ctx.err(
            (*path, "topics"),
            "a phase needs at least one topic or project to carry its effort",
        )
    if d.get("ongoing") and not d["weeks"].get("assumed"):
        ctx.err(
            (*path, "weeks", "assumed"),
            "an ongoing phase needs an assumed duration: set assumed: true and a note",
        )
    topic_ids = {t["id"] for t in d.get("topics") or ()}
    work_ids = topic_ids | {t["id"] for t in d.get("projects") or ()}
    stand_ins: set[str] = set()
    for i, c in enumerate(d.get("choices") or ()):
        if c["item"] not in work_ids:
            ctx.err(
                (*path, "choices", i, "item"), f"no topic or project '{c['item']}' in this phase"
            )
        elif c["item"] in stand_ins:
            ctx.err((*path, "choices", i, "item"), f"'{c['item']}' already stands for a choice")
        stand_ins.add(c["item"])
        topic_ids |= {o["id"] for o in c["options"]}
    for i, r in enumerate(d.get("resources") or ()):
        if "topic" in r and r["topic"] not in topic_ids:
            ctx.err(
                (*path, "resources", i, "topic"), f"no topic or option '{r['topic']}' in this phase"
            )


PHASE = _mapping(
    {
        "number": (_phase_number, True),
        "id": (_id, True),
        "title": (_text, True),
        "weeks": (WEEKS, True),
        "ongoing": (_bool, False),
        "hours_per_week": (HOURS, False),
        "summary": (_text, True),
        "topics": (_list_of(ITEM), False),
        "resources": (_list_of(RESOURCE), False),
        "projects": (_list_of(ITEM), False),
        "milestone": (_nullable(MILESTONE), False),
        "notes": (_list_of(_text), False),
        "self_check": (_list_of(SELF_CHECK), False),
        "choices": (_list_of(CHOICE), False),
    },
    _phase_ok,
)


def _effect_ok(d: dict[str, Any], path: Path, ctx: _Ctx, what: str = "effect") -> None:
    action = d["action"]
    if action in ("compress", "extend"):
        if ("weeks" in d) == ("factor" in d):
            article = "an" if action == "extend" else "a"
            ctx.err(path, f"{article} {action} {what} needs exactly one of 'weeks' or 'factor'")
        elif "factor" in d and action == "compress" and d["factor"] > 1:
            ctx.err((*path, "factor"), "must be at most 1 (compress never lengthens)")
        elif "factor" in d and action == "extend" and d["factor"] < 1:
            ctx.err((*path, "factor"), "must be at least 1 (extend never shortens)")
    elif action == "add":
        if "weeks" not in d or "factor" in d:
            ctx.err(path, f"an add {what} needs 'weeks' and no 'factor'")
    elif "weeks" in d or "factor" in d:
        ctx.err(path, f"a skip {what} takes no 'weeks' or 'factor'")
    _assumed_ok(d, path, ctx)


def _override_ok(d: dict[str, Any], path: Path, ctx: _Ctx) -> None:
    _effect_ok(d, path, ctx, "override")


def _weeks_figure(value: Any, path: Path, ctx: _Ctx) -> bool:
    """A number of weeks, or a range {min, max, text} the level picks inside."""
    if isinstance(value, dict):
        return WEEKS(value, path, ctx)
    return _positive(value, path, ctx)


EFFECT = _mapping(
    {
        "phases": (_list_of(_phase_number, non_empty=True), True),
        "action": (_one_of("skip", "compress", "add"), True),
        "weeks": (_weeks_figure, False),
        "factor": (_positive, False),
        "assumed": (_bool, False),
        "note": (_text, False),
    },
    _effect_ok,
)
# Who the learner is, as the document says it, and what that does to phases.
BACKGROUND = _mapping(
    {
        "id": (_id, True),
        "label": (_text, True),
        "source": (_text, True),
        "ask": (_text, True),
        "effects": (_list_of(EFFECT, non_empty=True), True),
    },
    _ask_ok,
)


OVERRIDE = _mapping(
    {
        "level": (_one_of(*LEVELS), True),
        "audience": (_text, False),
        "phases": (_list_of(_phase_number, non_empty=True), True),
        "action": (_one_of("skip", "compress", "extend"), True),
        "weeks": (_positive, False),
        "converted": (_text, False),
        "factor": (_positive, False),
        "assumed": (_bool, False),
        "note": (_text, False),
        "source": (_text, True),
    },
    _override_ok,
)
RANGE = _mapping({"min": (_positive, True), "max": (_positive, True)}, _range_ok)

# How the document says to study (core/method.py): its own module, built from these checks.
BALANCE, PROJECTS, HABIT, _method_ok = method_schemas(
    mapping=_mapping, list_of=_list_of, text=_text, boolean=_bool, one_of=_one_of,
    ident=_id, phase_number=_phase_number, is_number=_is_number, assumed_ok=_assumed_ok,
    range_ok=_range_ok, format_path=format_path,
)  # fmt: skip
TOP = _mapping(
    {
        "schema": (_one_of(SCHEMA_VERSION), True),
        "id": (_id, True),
        "title": (_text, True),
        "source": (
            _mapping(
                {"document": (_text, True), "publisher": (_text, False), "note": (_text, False)}
            ),
            True,
        ),
        "summary": (_text, True),
        "audience": (_list_of(_text), False),
        "prerequisites": (_list_of(_text), False),
        "duration": (
            _mapping({"text": (_text, True), "months": (RANGE, False), "weeks": (RANGE, False)}),
            True,
        ),
        "hours_per_week": (HOURS, True),
        "phases": (_list_of(PHASE, non_empty=True), True),
        "level_overrides": (_list_of(OVERRIDE), False),
        "backgrounds": (_list_of(BACKGROUND), False),
        "career_paths": (
            _list_of(
                _mapping(
                    {
                        "title": (_text, True),
                        "focus": (_text, False),
                        "path": (_text, False),
                        "salary": (_text, False),
                        "demand": (_text, False),
                        "note": (_text, False),
                    }
                )
            ),
            False,
        ),
        "tips": (_list_of(_text), False),
        "faq": (
            _list_of(
                _mapping(
                    {
                        "question": (_text, True),
                        "answer": (_text, True),
                        "editorial": (_bool, False),
                    }
                )
            ),
            False,
        ),
        "guidance": (_list_of(_text), False),
        "balance": (BALANCE, False),
        "projects": (PROJECTS, False),
        "habits": (_list_of(HABIT), False),
    }
)


def _whole_roadmap_ok(d: dict[str, Any], ctx: _Ctx) -> None:
    """Cross-phase rules: order of numbers, unique ids, overrides naming real phases."""
    seen: dict[str, Path] = {}
    prev: int | None = None
    for i, phase in enumerate(d["phases"]):
        ppath: Path = ("phases", i)
        if prev is not None and phase["number"] <= prev:
            ctx.err((*ppath, "number"), f"must be greater than the previous phase's ({prev})")
        prev = phase["number"]
        candidates: list[tuple[Path, str]] = [((*ppath, "id"), phase["id"])]
        for kind in ("topics", "projects"):
            for j, item in enumerate(phase.get(kind) or ()):
                candidates.append(((*ppath, kind, j, "id"), item["id"]))
        for j, choice in enumerate(phase.get("choices") or ()):
            for k, option in enumerate(choice["options"]):
                candidates.append(((*ppath, "choices", j, "options", k, "id"), option["id"]))
        if phase.get("milestone"):
            candidates.append(((*ppath, "milestone", "id"), phase["milestone"]["id"]))
        for path, ident in candidates:
            if ident in seen:
                ctx.err(path, f"duplicate id '{ident}' (first used at {format_path(seen[ident])})")
            else:
                seen[ident] = path
    numbers = {p["number"] for p in d["phases"]}
    _method_ok(d, ctx, numbers, set(seen))
    for i, o in enumerate(d.get("level_overrides") or ()):
        for j, n in enumerate(o["phases"]):
            if n not in numbers:
                ctx.err(("level_overrides", i, "phases", j), f"there is no phase {n}")
    backgrounds: dict[str, int] = {}
    choice_ids: dict[str, Path] = {}
    for i, phase in enumerate(d["phases"]):
        for j, choice in enumerate(phase.get("choices") or ()):
            cpath: Path = ("phases", i, "choices", j, "id")
            if choice["id"] in choice_ids:
                first = format_path(choice_ids[choice["id"]])
                ctx.err(cpath, f"duplicate choice id '{choice['id']}' (first used at {first})")
            choice_ids.setdefault(choice["id"], cpath)
    for i, b in enumerate(d.get("backgrounds") or ()):
        if b["id"] in backgrounds:
            ctx.err(
                ("backgrounds", i, "id"),
                f"duplicate background id '{b['id']}' (first used at "
                f"backgrounds[{backgrounds[b['id']]}].id)",
            )
        backgrounds.setdefault(b["id"], i)
        for k, e in enumerate(b["effects"]):
            for j, n in enumerate(e["phases"]):
                if n not in numbers:
                    ctx.err(("backgrounds", i, "effects", k, "phases", j), f"there is no phase {n}")


def validate(data: Any, filename: str, lines: dict[Path, int], keylines: dict[Path, int]) -> None:
    """Raise RoadmapError listing every problem, or return if the data is valid."""
    ctx = _Ctx(filename, lines, keylines)
    if not isinstance(data, dict):
        ctx.err((), f"the top level must be a mapping of roadmap fields, not {_type_name(data)}")
    elif TOP(data, (), ctx):
        _whole_roadmap_ok(data, ctx)
    if ctx.problems:
        raise RoadmapError(ctx.problems, "See data/roadmaps/README.md for the roadmap format.")


def load_roadmap_bytes(
    data: bytes, filename: str, *, bundled: bool = False, path: str | None = None
) -> Roadmap:
    value, lines, keylines = parse_yaml(data, filename)
    validate(value, filename, lines, keylines)
    return roadmap_from_dict(value, path=path or filename, bundled=bundled)


__all__ = ["load_roadmap_bytes", "parse_yaml", "validate", "to_fraction", "MAX_BYTES"]

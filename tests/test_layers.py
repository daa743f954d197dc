"""The layers in src/mlpath/ stay layers: each imports only the ones below it.

    core/    pure: roadmap model, scheduler, ledger, progress, views (no files, terminal, clock)
    store/   files: paths, the state file, roadmap YAML, the catalog, config
    app/     one command run: session, actions, doctor, export, the clock (may format
             text with render/, never print)
    render/  view dicts -> text; decides nothing
    ui/      the terminal app (Textual): reached only from cli/
    cli/     argument parsing (Typer and the fast path) and printing

Read from the source with `ast`, so a lazy import inside a function counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "mlpath"
LAYERS = ("core", "store", "app", "render", "ui", "cli")
# What each layer may import from mlpath besides itself (errors and __version__ are for all).
ALLOWED = {
    "core": set(),
    "store": {"core"},
    "app": {"core", "store", "render"},  # exports format text with render/text.py
    "render": {"core"},
    "ui": {"core", "store", "app", "render"},
    "cli": {"core", "store", "app", "render", "ui"},
}
MODULES = sorted(p for p in SRC.rglob("*.py"))


def _name(path: Path) -> str:
    rel = path.relative_to(SRC.parent).with_suffix("")
    return ".".join(rel.parts)


def _imports(path: Path) -> list[tuple[str, list[str], int]]:
    """(module imported, names taken from it, line) for every mlpath import in the file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    pkg = _name(path).rsplit(".", 1)[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = pkg.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([base] if base else []))
            if base == "mlpath" or base.startswith("mlpath."):
                found.append((base, [a.name for a in node.names], node.lineno))
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.startswith("mlpath."):
                    found.append((a.name, [], node.lineno))
    return found


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _name(p))
def test_no_layer_imports_one_above_it(path: Path) -> None:
    layer = _layer(_name(path))
    if layer is None:
        return  # the package's face (__main__, errors) may reach every layer
    for module, names, line in _imports(path):
        target = _layer(module)
        if target is None and module == "mlpath":
            # `from mlpath import cli` names a layer package
            targets = {n for n in names if n in LAYERS}
            target = targets.pop() if targets else None
        if target is None or target == layer:
            continue
        assert target in ALLOWED[layer], (
            f"{path.relative_to(SRC)}:{line}: {layer}/ imports {module} ({target}/), "
            f"but {layer}/ may use only {sorted(ALLOWED[layer]) or 'nothing of mlpath'}"
        )


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _name(p))
def test_no_module_takes_another_modules_private_names(path: Path) -> None:
    for module, names, line in _imports(path):
        private = [n for n in names if n.startswith("_") and not n.startswith("__")]
        assert not private, f"{path.relative_to(SRC)}:{line}: takes {private} from {module}"


def _defined_here(tree: ast.AST) -> set[str]:
    """Names a module defines itself: functions, classes, assignments, self/cls attributes,
    slot names."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            found.add(node.id)
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if node.value.id in ("self", "cls"):
                found.add(node.attr)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            found.add(node.value)  # __slots__ entries
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _name(p))
def test_no_module_reaches_into_another_modules_private_attributes(path: Path) -> None:
    """`obj._name` for a `_name` this module does not define is reaching into another
    module's object (store/catalog.py once set a Roadmap's `_hash`). The standard
    library's own (`os._exit`) is allowed."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    mine = _defined_here(tree)
    stdlib = {
        a.asname or a.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for a in node.names
        if not a.name.startswith("mlpath")
    }
    for node in ast.walk(tree):
        if not isinstance(node, ast.Attribute) or not node.attr.startswith("_"):
            continue
        if node.attr.startswith("__") or node.attr in mine:
            continue
        if isinstance(node.value, ast.Name) and node.value.id in stdlib:
            continue
        raise AssertionError(
            f"{path.relative_to(SRC)}:{node.lineno}: {ast.unparse(node)} reaches into "
            "another module's private attribute; give that module a public way"
        )


def test_the_checks_catch_what_they_are_for() -> None:
    """The layer rules fail on the mistakes they exist for (a test that cannot fail
    protects nothing)."""
    tree = ast.parse("from mlpath.core.roadmap import Roadmap\nr = Roadmap()\nr._hash = 'x'\n")
    assert "_hash" not in _defined_here(tree)
    bad = SRC / "core" / "dates.py"
    assert "ui" not in ALLOWED[_layer(_name(bad)) or ""]
    assert {layer for layer, allowed in ALLOWED.items() if "ui" in allowed} == {"cli"}


def test_the_core_is_pure() -> None:
    """Nothing in core/ touches the terminal, the files, the clock, randomness or
    typer/rich: the store passes in the time and the writer id of an event."""
    banned = {"typer", "rich", "click", "platformdirs", "filelock"}
    banned |= {"os", "time", "random", "secrets", "uuid", "pathlib", "shutil", "subprocess"}
    for path in (SRC / "core").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            mods = []
            if isinstance(node, ast.Import):
                mods = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                mods = [node.module or ""]
            for m in mods:
                assert m.split(".")[0] not in banned, f"core/{path.name} imports {m}"
            if isinstance(node, ast.Attribute) and node.attr in ("today", "now", "utcnow"):
                value = node.value
                assert not (isinstance(value, ast.Name) and value.id in {"date", "datetime"}), (
                    f"core/{path.name}:{node.lineno} reads the clock; take it as an argument"
                )


def test_every_package_init_is_empty() -> None:
    """Start-up: importing a layer must cost nothing."""
    for init in SRC.rglob("__init__.py"):
        if init.parent == SRC:
            continue  # the top one holds __version__ only
        assert init.read_text(encoding="utf-8").strip() == "", init


def test_the_top_level_stays_small() -> None:
    top = [p.name for p in SRC.glob("*.py")]
    assert len(top) <= 10, top


@pytest.mark.parametrize("path", MODULES, ids=lambda p: _name(p))
def test_no_module_is_too_long(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").count("\n")
    assert lines <= 900, f"{path.relative_to(SRC)} has {lines} lines; split it"

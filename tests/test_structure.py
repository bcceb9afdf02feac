"""The shape of the code base, guarded: stages import downwards only, no circles, small units.

The package names are the pipeline (see README "Code map"). A module may import
from its own package and from any floor below its own, never from above:

    errors, clock < text < profile < views < render < engines < outputs < write < build < tools < cli
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGE = ROOT / "cvgen"
FLOORS = ["errors", "clock", "text", "profile", "views", "render", "engines", "outputs", "write", "build", "tools",
          "cli"]  # fmt: skip
FLOOR = {"errors": 0, "clock": 0, **{name: i for i, name in enumerate(FLOORS) if i > 1}}
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 80


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


def imports(path: Path, known: set[str]) -> set[str]:
    """cvgen modules `path` imports, at the top or inside functions."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            assert node.level == 0, f"{path}: relative import; write `from cvgen.... import ...`"
            names = [f"{node.module}.{a.name}" for a in node.names] + [node.module]
        else:
            continue
        for name in names:
            while name and name not in known:
                name = name.rpartition(".")[0]
            if name and name.startswith("cvgen"):
                out.add(name)
    return out


def floor(module: str) -> int | None:
    """The floor of a module (cvgen.views.cv -> views); None for the package's face (cvgen, __main__)."""
    parts = module.split(".")
    return FLOOR.get(parts[1]) if len(parts) > 1 else None


GRAPH = {name: imports(path, set(modules())) - {name} for name, path in modules().items()}


def test_no_import_runs_up_a_floor():
    upward = [
        f"{a} -> {b}"
        for a, deps in GRAPH.items()
        for b in deps
        if floor(a) is not None and floor(b) is not None and floor(b) > floor(a)  # type: ignore[operator]
    ]
    assert upward == []


def test_every_module_has_a_floor():
    assert [m for m in GRAPH if m.count(".") >= 1 and floor(m) is None and not m.endswith("__main__")] == []


def test_no_import_circle():
    state: dict[str, int] = {}
    circles: list[list[str]] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for dep in sorted(GRAPH[node]):
            if state.get(dep) == 1:
                circles.append(trail[trail.index(dep) :] + [dep] if dep in trail else [node, dep])
            elif dep not in state:
                visit(dep, [*trail, dep])
        state[node] = 2

    for name in sorted(GRAPH):
        if name not in state:
            visit(name, [name])
    # A package's __init__ re-exporting its own modules is not a circle; any other is, between stages or
    # between two modules of one stage (type-only imports included: they tie the two just the same).
    faces = {name for name, path in modules().items() if path.name == "__init__.py"}
    real = [c for c in circles if not faces.intersection(c)]
    assert real == []


@pytest.mark.parametrize("name", sorted(modules()))
def test_module_and_functions_are_small(name):
    path = modules()[name]
    text = path.read_text(encoding="utf-8")
    assert len(text.splitlines()) < MAX_MODULE_LINES, f"{path} has {len(text.splitlines())} lines"
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"  # type: ignore[operator]
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES  # type: ignore[operator]
    ]
    assert long == [], f"{path}: functions over {MAX_FUNCTION_LINES} lines"


@pytest.mark.parametrize("name", sorted(modules()))
def test_no_silent_catch_all(name):
    """`except Exception` only where the error is turned into one of ours (a raise in the handler)."""
    tree = ast.parse(modules()[name].read_text(encoding="utf-8"))
    silent = [
        node.lineno
        for node in ast.walk(tree)
        if isinstance(node, ast.ExceptHandler)
        and (node.type is None or (isinstance(node.type, ast.Name) and node.type.id in ("Exception", "BaseException")))
        and not any(isinstance(n, ast.Raise) for n in ast.walk(node))
    ]
    assert silent == [], f"{modules()[name]}: catch-all without a raise at lines {silent}"

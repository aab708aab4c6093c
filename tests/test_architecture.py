"""The shape of the code: nothing in docgen/ branches on a document kind's or a framework's id (a kind names the
context builders it needs; a framework is data)."""

from __future__ import annotations

import ast
from pathlib import Path

from docgen import KINDS
from docgen.model.framework import builtin_framework, builtin_framework_ids

PACKAGE = Path(__file__).resolve().parent.parent / "docgen"
IDS = set(KINDS) | set(builtin_framework_ids())
IDS |= {kind for framework in builtin_framework_ids() for kind in builtin_framework(framework).kinds}


def _ids_in(node: ast.AST) -> list[str]:
    """The kind or framework ids a comparison operand or a mapping key spells out."""
    if isinstance(node, ast.Constant) and node.value in IDS:
        return [node.value]
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return [found for element in node.elts for found in _ids_in(element)]
    return []


def branches_on_ids(source: str) -> list[str]:
    """Each comparison with a kind or framework id, and each mapping keyed by one, as 'line: id'."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            found += [f"{node.lineno}: {kind}" for operand in operands for kind in _ids_in(operand)]
        elif isinstance(node, ast.Dict):  # a mapping keyed by kinds (one such key may be a context name: "imr")
            keys = [kind for key in node.keys if key is not None for kind in _ids_in(key)]
            found += [f"{node.lineno}: {kind}" for kind in keys] if len(keys) > 1 else []
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") in ("startswith", "removeprefix"):
            prefixes = [arg.value for arg in node.args if isinstance(arg, ast.Constant) and isinstance(arg.value, str)]
            found += [f"{node.lineno}: {p}…" for p in prefixes if any(i.startswith(p) for i in IDS)]
    return found


def test_nothing_in_docgen_branches_on_a_kind_or_a_framework_id() -> None:
    found = {
        str(path.relative_to(PACKAGE)): hits
        for path in sorted(PACKAGE.rglob("*.py"))
        if (hits := branches_on_ids(path.read_text(encoding="utf-8")))
    }
    assert not found


def test_the_check_finds_each_way_of_branching() -> None:
    source = """
if kind.id == "imr": pass
if kind_id in ("letter-3", "letter-4"): pass
SECTIONS = {"overview-report": (), "imr": ()}
if kind.id.startswith("letter-"): pass
if framework.id != "england-2023": pass
"""
    assert [hit.split(":")[0] for hit in branches_on_ids(source)] == ["2", "3", "3", "4", "4", "5", "6"]


STAGES = (
    ("errors", "limits", "text", "files"),
    ("model",),
    ("load",),
    ("passes",),
    ("derive",),
    ("rules",),
    ("rendering",),
    ("gate",),
    ("proof",),
    ("publish",),
    ("service", "exports"),
    ("cli", "api", "__init__", "__main__"),
)
"""docgen's stages in the order of the data flow (docs/architecture.md): a module imports from its own stage or an
earlier one, never a later one."""
RANK = {stage: rank for rank, names in enumerate(STAGES) for stage in names}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> list[tuple[int, str]]:
    """(line, module) of every docgen module `path` imports, at the top or inside a function; `from x import y`
    counts y when y is a module."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names if alias.name.split(".")[0] == "docgen"]
        elif isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            target = ".".join([*base, *([node.module] if node.module else [])])
            if target.split(".")[0] != "docgen":
                continue
            submodules = [f"{target}.{alias.name}" for alias in node.names if f"{target}.{alias.name}" in MODULES]
            if target == "docgen" and not submodules:
                continue  # `from docgen import __version__`: the version, not the API the package gathers
            found += [(node.lineno, module) for module in submodules or [target]]
    return found


def stage_of(module: str) -> str:
    return module.split(".")[1] if "." in module else "__init__"


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def against_the_order(modules: dict[str, Path]) -> list[str]:
    """Each import of a later stage, as 'importer:line → imported'."""
    found = []
    for name, path in modules.items():
        for line, imported in imports_of(path):
            if RANK[stage_of(imported)] > RANK[stage_of(name)]:
                found.append(f"{name}:{line} → {imported}")
    return found


def test_every_module_belongs_to_a_stage() -> None:
    assert {stage_of(module) for module in MODULES} <= set(RANK)


def test_no_module_imports_a_later_stage() -> None:
    assert against_the_order(MODULES) == []


def test_the_order_check_finds_an_import_of_a_later_stage(tmp_path: Path) -> None:
    draft = tmp_path / "docgen" / "passes" / "draft.py"
    draft.parent.mkdir(parents=True)
    draft.write_text("from ..rendering.templates import environment\n\ndef f():\n    from docgen.gate import leaks\n")
    modules = {"docgen.passes.draft": draft}
    global PACKAGE
    saved, PACKAGE = PACKAGE, tmp_path / "docgen"
    try:
        assert against_the_order(modules) == [
            "docgen.passes.draft:1 → docgen.rendering.templates",
            "docgen.passes.draft:4 → docgen.gate.leaks",
        ]
    finally:
        PACKAGE = saved


def test_no_import_cycle() -> None:
    """Not even through an import inside a function: each module's imports, followed, never lead back to it."""
    graph = {
        name: {imported for _, imported in imports_of(path) if imported in MODULES} for name, path in MODULES.items()
    }
    packages = {name for name, path in MODULES.items() if path.name == "__init__.py"}

    def reaches(start: str) -> set[str]:
        seen, todo = set(), [m for m in graph[start] if m not in packages]
        while todo:
            module = todo.pop()
            if module not in seen:
                seen.add(module)
                todo += [m for m in graph[module] if m not in packages]
        return seen

    assert [name for name in graph if name not in packages and name in reaches(name)] == []


def test_no_two_modules_and_no_two_classes_share_a_name() -> None:
    """The classes of docgen.cli.json_output are exempt: each is named for the part of the `--json` output it
    describes (a Problem, a Timetable), which is the name its JSON Schema gives it."""
    modules = [path.stem for path in PACKAGE.rglob("*.py") if path.name != "__init__.py"]
    classes = [
        node.name
        for path in PACKAGE.rglob("*.py")
        if path != PACKAGE / "cli" / "json_output.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ClassDef)
    ]
    assert sorted({m for m in modules if modules.count(m) > 1}) == []
    assert sorted({c for c in classes if classes.count(c) > 1}) == []

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

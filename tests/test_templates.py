"""Template lint: every variable a template uses is one the context declares."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from jinja2 import meta
from jinja2.sandbox import SecurityError

from docgen.exports.register import register
from docgen.exports.register.due import due, due_context
from docgen.exports.register.pages import register_context
from docgen.model.framework import builtin_framework, builtin_framework_ids
from docgen.model.kinds import Per
from docgen.passes.draft import draft_marking
from docgen.rendering.context import build_context
from docgen.rendering.templates import builtin_templates, environment

from .conftest import ROOT, adults_case, england_case, homicide_case, sample_case

TEMPLATES = sorted(p.relative_to(builtin_templates()).as_posix() for p in builtin_templates().rglob("*.j2"))


def declared() -> set[str]:
    names: set[str] = {"body", "frame"}  # the page layout's slots for the rendered body and frame
    for case in (sample_case(), england_case(), adults_case(), homicide_case()):
        for kind in case.framework.kinds.values():
            instance = kind.instances(case)[0] if kind.per else None
            agency, to = (instance, None) if kind.per is Per.AGENCY else (None, instance)
            marking = draft_marking(case, kind, agency, None)
            names |= set(build_context(case, kind, agency, to, marking, False))
    return names | set(environment(None).globals)


@cache
def declared_for_registers() -> set[str]:
    """What the register's pages are given: the register of the examples, and what falls due across them."""
    examples = ROOT / "examples"
    return {*register_context(register(examples)), *due_context(due(examples))} | set(environment(None).globals)


def declared_for_workbench(template: str) -> set[str]:
    """What the workbench's handlers give a page: what every page is given, and the names passed with the page's
    template (read from the handlers' source); a template extended is given what its extensions are."""
    import ast

    given: dict[str, set[str]] = {}
    for path in (ROOT / "docgen" / "service" / "web").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
                called = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
                if called == "page" and isinstance(node.args[0].value, str):
                    given.setdefault(node.args[0].value, set()).update(k.arg for k in node.keywords if k.arg)
    extended = {"edit.html.j2": given.get("conflict.html.j2", set()), "base.html.j2": set()}
    names = given.get(template, set()) | extended.get(template, set())
    return {"title", "person", "csrf", "case_file", "allowed", "active"} | names | set(environment(None).globals)


@pytest.mark.parametrize("name", TEMPLATES)
def test_template_uses_only_declared_variables(name: str) -> None:
    source = (builtin_templates() / name).read_text(encoding="utf-8")
    undeclared = meta.find_undeclared_variables(environment(None).parse(source))
    if name.startswith("register/"):
        known = declared_for_registers()
    elif name.startswith("workbench/"):
        known = declared_for_workbench(name.removeprefix("workbench/"))
    else:
        known = declared()
    assert undeclared <= known, f"{name} uses undeclared {sorted(undeclared - known)}"


def test_every_kind_of_every_built_in_framework_has_its_master_template() -> None:
    for framework_id in builtin_framework_ids():
        for kind in builtin_framework(framework_id).kinds.values():
            assert (builtin_templates() / kind.template).is_file(), kind.template
    assert Path(builtin_templates() / "layout" / "page.html.j2").is_file()


@pytest.mark.parametrize("source", ["{{ items.append(1) }}", "{{ items.__class__ }}"])
def test_the_sandbox_refuses_an_attribute_every_time_it_is_asked(source: str) -> None:
    template = environment(None).from_string(source)
    for _ in range(2):  # the second answer is the one kept from the first
        with pytest.raises(SecurityError):
            template.render(items=[])

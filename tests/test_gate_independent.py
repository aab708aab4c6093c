"""The leak gate is independent of the anonymisation pass it checks: it imports nothing of docgen.passes, finds
the case's people and identifiers in the model itself, and so still refuses a document the pass got wrong."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from docgen import LeakError, load_case, render
from docgen.gate import check_no_leak, identifiers
from docgen.gate.leaks import _leak_scanner
from docgen.model import Case
from docgen.model.people_labels import labels
from docgen.model.people_labels import people as pass_people
from docgen.passes import anonymise
from docgen.passes.residual import MARKERS
from docgen.text.folding import key, normalise

from .anonymisation.factory import make_case
from .conftest import CASES as CASE_FILES
from .conftest import ROOT, england_case, sample_case
from .test_anonymise import CORPUS, corpus_pair

GATE = ROOT / "docgen" / "gate"


def imported_modules(path: Path) -> Iterator[tuple[int, str]]:
    """(line, absolute module name) of every import in a module of docgen.gate, relative ones resolved; for
    `from X import a, b` both X and X.a, X.b (a name may be a submodule)."""
    package = ["docgen", "gate"]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            yield node.lineno, module
            yield from ((node.lineno, f"{module}.{alias.name}") for alias in node.names)


def crossings(path: Path) -> list[str]:
    return [f"{path.name}:{line}: {name}" for line, name in imported_modules(path) if _in_passes(name)]


def _in_passes(name: str) -> bool:
    return name == "docgen.passes" or name.startswith("docgen.passes.")


def test_no_module_of_the_gate_imports_the_anonymisation_pass() -> None:
    modules = sorted(GATE.glob("*.py"))
    assert {p.name for p in modules} >= {"__init__.py", "leaks.py", "identifiers.py", "extract.py"}
    assert [crossing for path in modules for crossing in crossings(path)] == []


@pytest.mark.parametrize(
    "source",
    [
        "from ..passes import anonymise",
        "from ..passes.anonymise import people_of",
        "from .. import passes",
        "import docgen.passes.residual",
        "from docgen.passes import aliases as a",
    ],
)
def test_the_import_check_sees_every_way_of_importing_the_pass(tmp_path: Path, source: str) -> None:
    module = tmp_path / "leaks.py"
    module.write_text(f"from __future__ import annotations\nfrom ..text.folding import fold\n{source}\n", "utf-8")
    assert crossings(module) and all(crossing.startswith("leaks.py:3: ") for crossing in crossings(module))


def test_importing_the_gate_loads_nothing_of_the_pass() -> None:
    code = "import sys, docgen.gate; print(sorted(m for m in sys.modules if m.startswith('docgen.passes')))"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert found.stdout.strip() == "[]"


# --- the gate does not share the pass's mistakes --------------------------------------------------


def without(path: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the anonymisation pass overlook one person: it leaves their names in place, and its own list of the
    case's people does not hold them."""
    monkeypatch.setattr(anonymise, "people", lambda case: [p for p in pass_people(case) if p.path != path])


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_gate_refuses_a_name_the_pass_overlooked(monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    """Were the gate to take the case's people from the pass, it would be as blind as the pass here."""
    case = sample_case().model_copy()  # a case the pass has not seen: nothing of it is cached
    assert case.family[2].relationship == "Mother's partner" and case.family[2].last_name == "O’Brien"
    without("family[2]", monkeypatch)
    assert "family[2]" not in anonymise._plan(case).people
    summary = anonymise.anonymise_case(case, public=True).executive_summary
    assert summary is not None and "Mr O'Brien" in summary.incident
    with pytest.raises(LeakError) as caught:
        render(case, "executive-summary", fmt)
    message = caught.value.describe()
    assert "last name of family[2] (Mother's partner)" in message
    assert "brien" not in message.lower()


@pytest.mark.parametrize("typed", ["O'Brien", "O’Brien"])
def test_the_gate_finds_a_name_with_an_apostrophe_however_the_document_prints_it(
    monkeypatch: pytest.MonkeyPatch, typed: str
) -> None:
    """A document prints a typographic apostrophe (Mr O’Brien) whichever one the case file was typed with."""
    sample = sample_case()
    partner = sample.family[2].model_copy(update={"last_name": typed})
    case = sample.model_copy(update={"family": [*sample.family[:2], partner, *sample.family[3:]]})
    without("family[2]", monkeypatch)
    for printed in ("Mr O'Brien", "Mr O’Brien", "Mr O‘Brien"):
        with pytest.raises(LeakError, match=r"last name of family\[2\]"):
            check_no_leak(case, f"<p>{printed} was seen.</p>".encode(), "html", "x.html")
    with pytest.raises(LeakError, match=r"last name of family\[2\]"):
        render(case, "executive-summary", "pdf")


def test_the_gate_refuses_an_identifier_the_pass_overlooked(monkeypatch: pytest.MonkeyPatch) -> None:
    case = make_case(
        ["Seen at home.", "Her mobile is 07700 900123."],
        family=[{"id": "mother", "first_name": "Sian", "last_name": "Tudor", "relationship": "Mother"}],
    )
    monkeypatch.setattr(anonymise, "scan", lambda text: iter(()))  # the pass finds no identifier by its shape
    assert "07700 900123" in anonymise.anonymise_case(case).chronology[1].event
    with pytest.raises(LeakError, match=r"phone number of the text at chronology\[1\]\.event in the HTML text"):
        check_no_leak(case, b"<p>Her mobile is 07700 900123.</p>", "html", "x.html")


# --- the gate looks for at least what the pass removes, and names people as it does -----------------


def cases() -> Iterator[tuple[str, Case]]:
    yield "sample", sample_case()
    yield "england-2023", england_case()
    yield from ((path.stem, load_case(path)) for path in sorted(CASE_FILES.glob("*.yaml")))
    yield from ((name, corpus_pair(name)[0]) for name in CORPUS)


CASES = dict(cases())


@pytest.mark.parametrize("name", CASES)
def test_the_gate_names_people_as_anonymised_documents_do(name: str) -> None:
    case = CASES[name]
    assert {p.path: p.label for p in identifiers.people(case)} == labels(case)


@pytest.mark.parametrize("name", CASES)
def test_the_gate_looks_for_every_name_and_identifier_the_pass_removes(name: str) -> None:
    case = CASES[name]
    scanner = _leak_scanner(case)
    searched = {key(k) for k in (*scanner._any, *scanner._word)}
    for person in pass_people(case):
        assert {key(token) for _, token in person.tokens()} <= searched, person.path
    fragments = set(scanner._ids)
    for change in anonymise.anonymisation_changes(case):
        partial_date = change.what == "date of birth" and len(re.findall(r"\d+", change.found)) < 2
        if change.action == "redacted" and change.what in MARKERS and not partial_date:
            assert any(re.fullmatch(rf"(?:{f})", _folded(change.found)) for f in fragments), change


def _folded(text: str) -> str:
    return " ".join(normalise(text).text.lower().split())


def test_the_gate_lets_the_boards_own_towns_pass() -> None:
    """A family living in one of the board's towns: the town stays named in public documents, and the gate agrees;
    a town outside the board's area is still refused."""
    board = {**make_case().board.model_dump(mode="json"), "towns": ["Westbury"]}
    mother = {"id": "mother", "first_name": "Dana", "last_name": "Ashe", "relationship": "Mother"}
    home = {"lines": ["3 Elm Row"], "town": "Westbury"}
    away = {"id": "father", "first_name": "Rob", "last_name": "Ashe", "relationship": "Father"}
    case = make_case(
        board=board,
        family=[{**mother, "address": home}, {**away, "address": {"lines": ["9 Oak Row"], "town": "Farport"}}],
    )
    check_no_leak(case, b"<p>The family lived in Westbury.</p>", "html", "the test page")
    with pytest.raises(LeakError, match="place name"):
        check_no_leak(case, b"<p>The father lived in Farport.</p>", "html", "the test page")


def test_a_place_in_the_name_of_an_agency_that_does_not_locate_the_family_is_the_agencys() -> None:
    """'Farport and District Hospitals NHS Trust' is printed as written (it does not locate the family); 'Farport'
    alone, where the father lives, is still refused."""
    father = {"id": "father", "first_name": "Rob", "last_name": "Ashe", "relationship": "Father"}
    hospital = {
        "id": "hospital",
        "name": "Farport and District Hospitals NHS Trust",
        "short_name": "Farport Hospitals",
        "chief_officer": {"name": "Lee Chan"},
        "locates_family": False,
    }
    case = make_case(
        family=[{**father, "address": {"lines": ["9 Oak Row"], "town": "Farport"}}],
        agencies=[*make_case().model_dump(mode="json")["agencies"], hospital],
    )
    page = b"<p>Farport and District Hospitals NHS Trust (Farport Hospitals) saw the child.</p>"
    check_no_leak(case, page, "html", "the test page")
    with pytest.raises(LeakError, match="place name"):
        check_no_leak(case, page + b"<p>The father moved to Farport.</p>", "html", "the test page")

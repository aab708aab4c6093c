"""Hostile and damaged chronology workbooks: text that a spreadsheet would take for a formula, rows a reader would
miss, an empty workbook, characters XML cannot hold, workbooks built to cost time or memory, and damaged ones.

Each is refused in plain words (exit 2, the case file unchanged) or read exactly; none is a traceback.
"""

from __future__ import annotations

import io
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from lxml import etree

from docgen import load_case
from docgen.cli import main
from docgen.model import Case
from docgen.spreadsheets import WorkbookError, chronology_export, chronology_template, read_chronology

from .conftest import SAMPLE, sample_case

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
HEADER = ["Date", "Time", "Significant Events/Incidents and if child seen"]
LOOKS_LIKE_A_FORMULA = ["=1+1", "+44 1234", "-note", "@x", "\tx", "\r=HYPERLINK(1)", "=cmd|' /C calc'!A0"]
"""Text a spreadsheet program reads as the start of a formula (a tab or carriage return first, too)."""
SECRET = "Wilhelmina"
"""A confidential word that no message may repeat."""


def docgen(*args: object, input: str | None = None) -> Any:
    return CliRunner().invoke(main, [str(a) for a in args], prog_name="docgen", input=input)


@pytest.fixture
def case_file(tmp_path: Path) -> Path:
    """A copy of the example case (with its board profile), to import into."""
    shutil.copytree(SAMPLE.parent / "boards", tmp_path / "boards")
    return Path(shutil.copy(SAMPLE, tmp_path / "case.yaml"))


def write_rows(path: Path, rows: list[list[Any]]) -> Path:
    """A workbook of these rows on a sheet 'Chronology', each text written as text (never as a formula)."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Chronology"
    for row in rows:
        sheet.append(row)
    for line in sheet.iter_rows():
        for cell in line:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    book.save(path)
    return path


def rewritten(path: Path, changes: dict[str, Callable[[bytes], bytes]], added: dict[str, bytes] | None = None) -> Path:
    """The workbook with some of its parts changed (each by a function of its bytes) and others added."""
    with zipfile.ZipFile(path) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    for name, change in changes.items():
        parts[name] = change(parts[name])
    parts.update(added or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return path


def sheet_xml(content: bytes) -> dict[str, etree._Element]:
    """Each worksheet part of a workbook, parsed."""
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        names = [n for n in package.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
        return {name: etree.fromstring(package.read(name)) for name in names}


def imported(case: Case, path: Path, agency: str = "police") -> list[dict[str, Any]]:
    return read_chronology(case, path, agency)


def problems_of(case: Case, path: Path, agency: str = "police") -> list[str]:
    with pytest.raises(WorkbookError) as caught:
        read_chronology(case, path, agency)
    return [problem.describe() for problem in caught.value.problems]


# --- 1. text that looks like a formula ------------------------------------------------------------------------------


def hostile_case() -> Case:
    """The example case with text a spreadsheet would take for a formula in entries, a name and the guidance."""
    case = sample_case()
    chronology = list(case.chronology)
    police = [i for i, entry in enumerate(chronology) if entry.agency == "police"]
    fields = ("event", "response", "comments", "child_views")
    for n, text in enumerate(LOOKS_LIKE_A_FORMULA):
        at = police[n % len(police)]
        chronology[at] = chronology[at].model_copy(update={fields[n % len(fields)]: text})
    family = [case.family[0].model_copy(update={"first_name": '=HYPERLINK("x")'}), *case.family[1:]]
    framework = case.framework.model_copy(
        update={
            "chronology_guidance": [g.model_copy(update={"text": "=2*3"}) for g in case.framework.chronology_guidance]
        }
    )
    return case.model_copy(update={"chronology": chronology, "family": family, "framework": framework})


@pytest.mark.parametrize("which", ["template", "composite", "police"])
def test_text_that_looks_like_a_formula_is_written_as_text(which: str) -> None:
    case = hostile_case()
    content = {
        "template": lambda: chronology_template(case, "police"),
        "composite": lambda: chronology_export(case),
        "police": lambda: chronology_export(case, "police"),
    }[which]()
    texts: dict[str, str] = {}
    for name, root in sheet_xml(content).items():
        assert root.find(f".//{MAIN}f") is None, f"{name} holds a formula"
        for cell in root.iter(f"{MAIN}c"):
            if cell.find(f"{MAIN}v") is not None or cell.find(f"{MAIN}is") is not None:
                assert cell.get("t") in ("s", "inlineStr", "n", None), (name, cell.get("r"), cell.get("t"))
            if cell.get("t") == "inlineStr" and (inline := cell.find(f"{MAIN}is")) is not None:
                texts[f"{name}!{cell.get('r')}"] = "".join(inline.itertext())
    assert '=HYPERLINK("x")' in {text[:15] for text in texts.values()}
    expected = {"=2*3"} if which == "template" else set(LOOKS_LIKE_A_FORMULA)
    assert expected <= set(texts.values())
    book = openpyxl.load_workbook(io.BytesIO(content))
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value[:1] in ("=", "+", "-", "@", "\t", "\r"):
                    assert cell.data_type == "s" and cell.quotePrefix, (sheet.title, cell.coordinate)


def test_an_agencys_export_imports_unchanged_whatever_its_text_starts_with(tmp_path: Path, case_file: Path) -> None:
    """The export of text starting = + - @ reads back byte for byte; a tab or carriage return first is surrounding
    white space, which every text of a case loses (the case file could not hold it either)."""
    case = hostile_case()
    path = tmp_path / "police.xlsx"
    path.write_bytes(chronology_export(case, "police"))
    entries = imported(case, path)
    police = [e for e in case.chronology if e.agency == "police"]
    texts = [entry.get(field) for entry in entries for field in ("event", "response", "comments", "child_views")]
    for text in LOOKS_LIKE_A_FORMULA:
        assert text.strip() in texts, text
    assert len(entries) == len(police)

    text = case_file.read_text(encoding="utf-8")
    for old, new in (
        ("    event: Mr O'Brien interviewed; he said Rhys had attacked him first.", '    event: "=1+1"'),
        (
            "    response: No further action. Bail and its conditions ended. Children's Social Care not informed.",
            '    response: "+44 1234"\n    child_views: "@x"',
        ),
        (
            "    comments: Good response. Officers recorded the children's presentation in detail.",
            '    comments: "-note"',
        ),
    ):
        assert old in text
        text = text.replace(old, new)
    case_file.write_text(text, encoding="utf-8")
    before = load_case(case_file)
    assert docgen("chronology", "export", case_file, "--agency", "police", "--out", path).exit_code == 0
    result = docgen("chronology", "import", case_file, path, "--agency", "police")
    assert result.exit_code == 0, result.output
    after = load_case(case_file)
    assert after.chronology == before.chronology
    texts = {text for e in after.chronology for text in (e.event, e.response, e.child_views, e.comments)}
    assert {"=1+1", "+44 1234", "@x", "-note"} <= texts

"""Hostile and damaged chronology workbooks: text that a spreadsheet would take for a formula, rows a reader would
miss, an empty workbook, characters XML cannot hold, workbooks built to cost time or memory, and damaged ones.

Each is refused in plain words (exit 2, the case file unchanged) or read exactly; none is a traceback.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import shutil
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from lxml import etree

from docgen import load_case
from docgen.cli.commands import main
from docgen.exports.workbooks import WorkbookError, chronology_export, chronology_template, read_chronology
from docgen.model import Case

from .conftest import CASES, SAMPLE, sample_case
from .test_hostile import docgen as docgen_process
from .test_hostile import refused

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


@pytest.mark.slow
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


# --- 2. every row a workbook holds --------------------------------------------------------------------------------


def ten_rows(tmp_path: Path) -> Path:
    rows = [[dt.date(2025, 2, day), None, f"Visit {day}."] for day in range(1, 11)]
    return write_rows(tmp_path / "ten.xlsx", [HEADER, *rows])


def test_rows_beyond_what_the_dimension_claims_are_read(tmp_path: Path) -> None:
    path = rewritten(
        ten_rows(tmp_path),
        {"xl/worksheets/sheet1.xml": lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:F2"', xml)},
    )
    with zipfile.ZipFile(path) as package:
        assert b'<dimension ref="A1:F2"/>' in package.read("xl/worksheets/sheet1.xml")
    assert [entry["event"] for entry in imported(sample_case(), path)] == [f"Visit {day}." for day in range(1, 11)]


def test_rows_a_reader_would_skip_are_refused_not_lost(tmp_path: Path, case_file: Path) -> None:
    """A row numbered out of order (row 5 written before row 3) is one openpyxl's reader passes over."""

    def out_of_order(xml: bytes) -> bytes:
        rows = re.findall(rb"<row [^>]*>.*?</row>", xml)
        reordered = [rows[0], rows[1], rows[4], rows[3], rows[2], *rows[5:]]
        return xml.replace(b"".join(rows), b"".join(reordered))

    path = rewritten(ten_rows(tmp_path), {"xl/worksheets/sheet1.xml": out_of_order})
    before = case_file.read_bytes()
    result = docgen("chronology", "import", case_file, path, "--agency", "police")
    assert result.exit_code == 2, result.output
    assert "cannot be imported: it holds 11 rows with values but only 9 could be read" in result.output
    assert case_file.read_bytes() == before


# --- 3. an empty workbook ------------------------------------------------------------------------------------------


def empty_workbooks(tmp_path: Path) -> dict[str, Path]:
    header_only = write_rows(tmp_path / "header.xlsx", [HEADER])
    no_rows = write_rows(tmp_path / "blank.xlsx", [])
    blank_rows = write_rows(tmp_path / "spaces.xlsx", [HEADER, [None, None, None], ["  ", None, " "]])
    return {"header only": header_only, "no rows": no_rows, "blank rows": blank_rows}


@pytest.mark.slow
@pytest.mark.parametrize("which", ["header only", "no rows", "blank rows"])
def test_an_empty_workbook_changes_nothing_unless_confirmed(which: str, tmp_path: Path, case_file: Path) -> None:
    path = empty_workbooks(tmp_path)[which]
    before = case_file.read_bytes()
    result = docgen("chronology", "import", case_file, path, "--agency", "police")
    assert result.exit_code == 2, result.output
    assert result.output == (
        f"docgen: {path} has no entries, so the 5 Police entries of {case_file} would all be removed; the case file "
        "is unchanged: to remove them, import it again with --allow-empty\n"
    )
    assert case_file.read_bytes() == before
    result = docgen("chronology", "import", case_file, path, "--agency", "police", "--allow-empty")
    assert result.exit_code == 0, result.output
    assert result.output == f"{case_file}: 0 Police entries imported from {path} (replacing 5)\n"
    assert not [e for e in load_case(case_file).chronology if e.agency == "police"]


@pytest.mark.parametrize(("answer", "removed"), [("n\n", False), ("y\n", True)])
def test_on_a_terminal_an_empty_workbook_asks_first(
    answer: str, removed: bool, tmp_path: Path, case_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("docgen.cli.commands._interactive", lambda: True)
    path = empty_workbooks(tmp_path)["header only"]
    before = case_file.read_bytes()
    result = docgen("chronology", "import", case_file, path, "--agency", "police", input=answer)
    assert f"{path} has no entries: remove all 5 Police entries from {case_file}? [y/N]" in result.output
    assert result.exit_code == (0 if removed else 2), result.output
    assert (case_file.read_bytes() != before) == removed


def test_an_empty_workbook_for_an_agency_without_entries_changes_nothing(tmp_path: Path, case_file: Path) -> None:
    text = case_file.read_text(encoding="utf-8")
    case_file.write_text(text.replace("    agency: housing\n", "    agency: gp\n"), encoding="utf-8")
    assert not [e for e in load_case(case_file).chronology if e.agency == "housing"]
    before = case_file.read_bytes()
    path = empty_workbooks(tmp_path)["no rows"]
    result = docgen("chronology", "import", case_file, path, "--agency", "housing")
    assert result.exit_code == 0, result.output
    assert result.output == f"{case_file}: {path} has no entries, and Housing has none in the case file: unchanged\n"
    assert case_file.read_bytes() == before


def minimal_with_chronology(tmp_path: Path, chronology: str) -> Path:
    """The minimal case with a second agency and this chronology before its correspondence."""
    text = (CASES / "minimal.yaml").read_text(encoding="utf-8")
    gp = "  - {id: gp, name: Orchard Surgery, short_name: GP, chief_officer: {name: Dr Lee, post: Senior Partner}}\n"
    text = text.replace("correspondence:\n", f"{gp}{chronology}\n# The letters.\ncorrespondence:\n")
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("lines", ["one", "two"])
def test_a_chronology_written_in_flow_style_keeps_every_other_agencys_entries(lines: str, tmp_path: Path) -> None:
    """Written on one line, the other agencies' entries were lost; on two, the edit was refused."""
    gp = "{date: 2025-01-02, agency: gp, event: Seen at the surgery.}"
    police = "{date: 2025-01-03, agency: police, event: Called out.}"
    case_file = minimal_with_chronology(
        tmp_path, f"chronology: [{gp},{' ' if lines == 'one' else chr(10) + '  '}{police}]"
    )
    path = write_rows(tmp_path / "police.xlsx", [HEADER, [dt.date(2025, 2, 1), None, "Visit."]])
    result = docgen("chronology", "import", case_file, path, "--agency", "police")
    assert result.exit_code == 0, result.output
    events = [(e.agency, e.event) for e in load_case(case_file).chronology]
    assert events == [("gp", "Seen at the surgery."), ("police", "Visit.")]
    assert "\n# The letters.\ncorrespondence:\n" in case_file.read_text(encoding="utf-8")


def test_removing_the_last_entries_leaves_an_empty_chronology(tmp_path: Path) -> None:
    case_file = minimal_with_chronology(
        tmp_path, "chronology:\n  - date: 2025-01-03\n    agency: police\n    event: Called out.\n"
    )
    path = empty_workbooks(tmp_path)["header only"]
    result = docgen("chronology", "import", case_file, path, "--agency", "police", "--allow-empty")
    assert result.exit_code == 0, result.output
    assert load_case(case_file).chronology == []
    assert "\nchronology: []\n\n# The letters.\ncorrespondence:\n" in case_file.read_text(encoding="utf-8")


# --- 4. line separators and control characters ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("a\u2028b", "a\nb"),
        ("a\u2029b", "a\n\nb"),
        ("a\x85b", "a\nb"),
        ("a\r\nb", "a\nb"),
        ("a_x000B_b", "a\nb"),  # a vertical tab (Word's line break, pasted), as Excel writes it
        ("a_x000C_b", "a\nb"),  # a form feed (Word's page break)
    ],
)
def test_line_separators_in_a_narrative_become_line_breaks(tmp_path: Path, written: str, read: str) -> None:
    path = write_rows(tmp_path / "lines.xlsx", [HEADER, [dt.date(2025, 2, 1), None, written]])
    [entry] = imported(sample_case(), path)
    assert entry["event"] == read


@pytest.mark.slow
def test_line_separators_survive_a_second_import(tmp_path: Path, case_file: Path) -> None:
    """The case file holds a plain line break, which the next edit of the file reads as one."""
    path = write_rows(tmp_path / "lines.xlsx", [HEADER, [dt.date(2025, 2, 1), None, "a\u2028b\u2029c"]])
    for agency in ("police", "gp", "police"):
        assert docgen("chronology", "import", case_file, path, "--agency", agency).exit_code == 0
    text = case_file.read_text(encoding="utf-8")
    assert "\u2028" not in text and "\u2029" not in text
    assert text.count("    event: |\n      a\n      b\n\n      c\n") == 2
    assert [e.event for e in load_case(case_file).chronology if e.date == dt.date(2025, 2, 1)] == ["a\nb\n\nc"] * 2


def test_control_characters_are_refused_by_sheet_row_and_column(tmp_path: Path) -> None:
    path = write_rows(
        tmp_path / "controls.xlsx",
        [
            HEADER,
            [dt.date(2025, 2, 1), None, f"{SECRET}_x0007_"],
            [f"01/02{chr(0x2028)}25", "10:00", "Visit."],
            [dt.date(2025, 2, 3), "_x001B_", "Visit."],
        ],
    )
    problems = problems_of(sample_case(), path)
    assert problems == [
        "sheet Chronology, row 2, column C (Significant Events/Incidents and if child seen): holds a control "
        "character, which a chronology cannot hold: delete it",
        "sheet Chronology, row 3, column A (Date): not a date: write it as dd/mm/yy (a month and year alone as "
        "mm/yyyy)",
        "sheet Chronology, row 4, column B (Time): holds a control character, which a chronology cannot hold: "
        "delete it",
    ]
    assert not any(SECRET in problem for problem in problems)


# --- 5. a workbook's cost, bounded before it is parsed ----------------------------------------------------------


def small_workbook(tmp_path: Path, name: str = "small.xlsx") -> Path:
    return write_rows(tmp_path / name, [HEADER, [dt.date(2025, 2, 1), None, "Visit."]])


def claim(pattern: bytes, replacement: bytes) -> Callable[[bytes], bytes]:
    def change(xml: bytes) -> bytes:
        changed = re.sub(pattern, replacement, xml, count=1)
        assert changed != xml
        return changed

    return change


SHARED_STRINGS = (
    b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="10000000"'
    b' uniqueCount="10000000"><si><t>Visit.</t></si></sst>'
)


def costly_workbooks(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Each workbook built to cost time or memory, and the words its refusal must say."""
    styles = rewritten(
        small_workbook(tmp_path, "styles.xlsx"),
        {"xl/styles.xml": claim(rb'<cellXfs count="\d+"', b'<cellXfs count="10000000"')},
    )
    strings = rewritten(small_workbook(tmp_path, "strings.xlsx"), {}, {"xl/sharedStrings.xml": SHARED_STRINGS})
    many = b"".join(b'<xf numFmtId="%d" fontId="0"/>' % random.randrange(10**6) for _ in range(12_000))
    real_styles = rewritten(
        small_workbook(tmp_path, "real-styles.xlsx"),
        {"xl/styles.xml": claim(rb'<cellXfs count="\d+">', b'<cellXfs count="2">' + many)},
    )
    bomb = rewritten(small_workbook(tmp_path, "bomb.xlsx"), {}, {"xl/media/image1.png": bytes(150_000_000)})
    rows = b"".join(b'<row r="%d"/>' % n for n in range(1, 260_002))
    many_rows = rewritten(
        small_workbook(tmp_path, "rows.xlsx"),
        {"xl/worksheets/sheet1.xml": claim(rb"<sheetData>", b"<sheetData>" + rows)},
    )
    sheets = b"".join(b'<sheet name="S%d" sheetId="%d" r:id="rId1"/>' % (n, n + 9) for n in range(200))
    many_sheets = rewritten(
        small_workbook(tmp_path, "sheets.xlsx"),
        {"xl/workbook.xml": claim(rb"<sheets>", b"<sheets>" + sheets)},
    )
    return {
        "styles": (styles, "it has more than 10,000 cell formats, far more than a chronology needs"),
        "shared strings": (strings, "it has more than 100,000 texts"),
        "real styles": (real_styles, "it has more than 10,000 cell formats, far more than a chronology needs"),
        "zip bomb": (bomb, "one of its parts unpacks to more than 100 times its packed size, as a zip bomb does"),
        "rows": (many_rows, "its sheets have more than 200,000 rows"),
        "sheets": (many_sheets, "it has more than 100 sheets"),
    }


@pytest.mark.slow
@pytest.mark.parametrize("which", ["styles", "shared strings", "real styles", "zip bomb", "rows", "sheets"])
def test_a_workbook_built_to_cost_time_or_memory_is_refused_at_once(
    which: str, tmp_path: Path, case_file: Path
) -> None:
    path, words = costly_workbooks(tmp_path)[which]
    assert path.stat().st_size < 2_000_000
    before = case_file.read_bytes()
    started = time.monotonic()
    result = docgen("chronology", "import", case_file, path, "--agency", "police")
    took = time.monotonic() - started
    assert result.exit_code == 2, result.output
    assert f"docgen: {path} cannot be imported: {words}" in result.output
    assert result.output.endswith("; the case file is unchanged\n") and result.output.count("\n") == 1
    assert took < 5, took
    assert case_file.read_bytes() == before


def test_too_many_cells_tags_or_texts_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The limits of cells, tags and text, lowered to what a small workbook passes (the real ones take megabytes)."""
    path = write_rows(tmp_path / "cells.xlsx", [HEADER, *([dt.date(2025, 2, 1), "10:00", "Visit."] for _ in range(5))])
    case = sample_case()
    assert len(imported(case, path)) == 5
    monkeypatch.setattr("docgen.exports.workbooks.package.MAX_WORKBOOK_CELLS", 17)
    assert problems_of(case, path)[0].startswith("its sheets have more than 17 cells, far more than a chronology")
    monkeypatch.undo()
    monkeypatch.setattr("docgen.exports.workbooks.package.MAX_WORKBOOK_TAGS", 50)
    assert problems_of(case, path)[0].startswith("it has more than 50 XML tags, far more than a chronology needs")
    monkeypatch.undo()
    path = rewritten(path, {}, {"xl/sharedStrings.xml": SHARED_STRINGS.replace(b"10000000", b"1")})
    monkeypatch.setattr("docgen.exports.workbooks.package.MAX_SHARED_STRINGS_BYTES", 100)
    assert problems_of(case, path)[0].startswith("its texts take more than 100 bytes, far more than a chronology")


# --- 6. damaged workbooks ------------------------------------------------------------------------------------------


def damaged_workbooks(tmp_path: Path) -> dict[str, Path]:
    def small(name: str) -> Path:
        return small_workbook(tmp_path, f"{name}.xlsx")

    noise = tmp_path / "noise.xlsx"
    noise.write_bytes(random.Random(1).randbytes(5000))
    truncated = small("truncated")
    truncated.write_bytes(truncated.read_bytes()[:-300])
    broken_xml = rewritten(small("xml"), {"xl/worksheets/sheet1.xml": lambda xml: xml[: len(xml) // 2]})
    entity = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'
    doctype = rewritten(small("doctype"), {"xl/workbook.xml": lambda _: entity})
    no_sheet = rewritten(small("nosheet"), {"xl/workbook.xml": claim(rb"<sheets>.*</sheets>", b"<sheets/>")})
    first = rb'<c r="A1" t="inlineStr"><is><t>Date</t></is></c>'
    bad_index = rewritten(small("index"), {"xl/worksheets/sheet1.xml": claim(first, b'<c r="A1" t="s"><v>99</v></c>')})
    return {
        "noise": noise,
        "truncated": truncated,
        "broken xml": broken_xml,
        "entity": doctype,
        "no sheet": no_sheet,
        "string index": bad_index,
    }


@pytest.mark.slow
@pytest.mark.parametrize("which", ["noise", "truncated", "broken xml", "entity", "no sheet", "string index"])
def test_a_damaged_workbook_is_one_plain_message(which: str, tmp_path: Path, case_file: Path) -> None:
    path = damaged_workbooks(tmp_path)[which]
    before = case_file.read_bytes()
    result = docgen("chronology", "import", case_file, path, "--agency", "police")
    assert result.exit_code == 2, result.output
    assert result.output.startswith(f"docgen: {path} cannot be imported: ") and result.output.count("\n") == 1
    assert "Traceback" not in result.output
    assert case_file.read_bytes() == before


def test_a_part_the_library_warns_about_says_nothing_of_the_library(tmp_path: Path, case_file: Path) -> None:
    """openpyxl warns (on standard error, outside pytest) of parts it cannot use; docgen says its one message."""
    entity = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'
    path = rewritten(small_workbook(tmp_path), {"xl/_rels/workbook.xml.rels": lambda _: entity})
    before = case_file.read_bytes()
    message = refused(docgen_process("chronology", "import", case_file, path, "--agency", "police"))
    assert message.startswith(f"docgen: {path} cannot be imported: it is damaged") and message.count("\n") == 1
    assert case_file.read_bytes() == before

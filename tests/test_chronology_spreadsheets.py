"""Chronology spreadsheets: the template, its import into the case file (round trip, bad workbooks), the export."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from click.testing import CliRunner
from openpyxl.worksheet.worksheet import Worksheet

from docgen import load_case
from docgen.cli.commands import main
from docgen.derive import sorted_chronology
from docgen.derive.columns import CHRONOLOGY, CHRONOLOGY_SPREADSHEET
from docgen.exports.workbooks import WorkbookError, chronology_export, chronology_template, read_chronology
from docgen.model import Case, ChronologyEntry

from .conftest import CASES, SAMPLE, sample_case

HEADINGS = [column.prompted for column in CHRONOLOGY_SPREADSHEET]  # the appendix's prompts: the sheet is filled in


def docgen(*args: object) -> Any:
    return CliRunner().invoke(main, [str(a) for a in args], prog_name="docgen")


@pytest.fixture
def case_file(tmp_path: Path) -> Path:
    """A copy of the example case (with its board profile), to import into."""
    shutil.copytree(SAMPLE.parent / "boards", tmp_path / "boards")
    return Path(shutil.copy(SAMPLE, tmp_path / "case.yaml"))


def sheet_of(content: bytes, tmp_path: Path, name: str = "book.xlsx") -> tuple[Path, openpyxl.Workbook, Worksheet]:
    path = tmp_path / name
    path.write_bytes(content)
    book = openpyxl.load_workbook(path)
    return path, book, book["Chronology"]


def entries_of(case: Case, agency: str) -> list[ChronologyEntry]:
    return sorted_chronology(case.chronology, agency)


def test_the_template_has_the_appendix_v_columns_lists_and_guidance(tmp_path: Path) -> None:
    _, book, sheet = sheet_of(chronology_template(sample_case(), "police"), tmp_path)
    assert [cell.value for cell in sheet[1]] == HEADINGS
    assert HEADINGS[:5] + HEADINGS[9:] == [column.prompted for column in CHRONOLOGY]  # Appendix V, in its order
    assert sheet.freeze_panes == "A2"
    widths = {c.key: sheet.column_dimensions[chr(65 + i)].width for i, c in enumerate(CHRONOLOGY_SPREADSHEET)}
    assert widths["event"] == 60 and widths["date"] == 20  # from the column specification
    assert sheet["E2"].alignment.wrap_text and not sheet["A2"].alignment.wrap_text
    assert sheet["A2"].number_format == "dd/mm/yy" and sheet["B2"].number_format == "hh:mm"
    checks = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
    assert checks["A2:A1001"].type == "date" and checks["B2:B1001"].type == "time"
    assert checks["C2:C1001"].formula1 == "'Lists'!$A$1:$A$9"  # the child and eight family members
    assert checks["D2:D1001"].formula1 == "'Lists'!$B$1:$B$16"
    assert checks["F2:F1001"].formula1 == "'Lists'!$A$1:$A$9" and checks["J2:J1001"].type == "list"
    assert checks["H2:H1001"].formula1 == "'Lists'!$A$1:$A$9"  # whose views: one of the people
    lists = book["Lists"]
    assert lists.sheet_state == "hidden"
    assert lists["A1"].value == "Isabella Zofia Carter-Nowak (Child)"
    assert lists["B1"].value == "Hannah Blyth, Social Worker (Children's Social Care)"
    guidance = book["Guidance"]
    text = "\n".join(str(cell.value) for row in guidance.iter_rows() for cell in row)
    for wording in (
        "The purpose of using the supplied Excel spreadsheet to compile a detailed chronology",
        "This should be completed in the format dd/mm/yy. In cases where only the month and year are known but "
        "no specific day, please enter '01' as the day.",
        "not change to other terms or cases, such as 'POLICE' or 'CIAU'",
        "• Visits of note",
        "What agency decisions about care plans, investigations etc. were made",
        "for several people, separate them with a semicolon (;)",
    ):
        assert wording in text, wording
    assert book.properties.title == "LLR-2026-04 chronology – Police"


def fill(sheet: Worksheet, entries: list[ChronologyEntry], case: Case) -> None:
    """Fill a template by hand, as an IMR author would: choosing from the lists, typing the rest."""
    people = {p.id: f"{p.full_name} ({p.relationship})" for p in case.family}
    people["child"] = f"{case.subject.full_name} (Child)"
    pros = {p.id: f"{p.full_name}, {p.role} ({case.agency(p.agency).short_name})" for p in case.professionals}
    for row, entry in enumerate(entries, start=2):
        seen = "; ".join(people[s] for s in entry.seen)
        subjects = "; ".join(people[s] for s in entry.subjects)
        professional = pros[entry.professional] if entry.professional else None
        agency = case.agency(entry.agency).short_name
        views_of = people[entry.views_of] if entry.child_views else None
        typed = (entry.date, entry.time, subjects, professional, entry.event, seen, entry.child_views, views_of)
        for column, value in enumerate((*typed, entry.response, agency, entry.comments), start=1):
            sheet.cell(row, column, value)
        if entry.approximate:
            sheet.cell(row, 1).number_format = "mmm-yy"  # what Excel does with a month typed as 03/2025


@pytest.mark.slow
def test_a_template_filled_and_imported_gives_the_same_entries_back(tmp_path: Path, case_file: Path) -> None:
    case = sample_case()
    police = entries_of(case, "police")
    assert any(e.time for e in police) and any(len(e.seen) > 1 for e in police)
    path, book, sheet = sheet_of(chronology_template(case, "police"), tmp_path)
    fill(sheet, police, case)
    book.save(path)
    before = case_file.read_text(encoding="utf-8")
    result = docgen("chronology", "import", case_file, path, "--agency", "police")
    assert result.exit_code == 0, result.output
    count = len(police)
    assert result.output.strip() == f"{case_file}: {count} Police entries imported from {path} (replacing {count})"
    after = load_case(case_file)
    assert entries_of(after, "police") == police
    assert after.chronology == case.chronology  # same entries, same places
    assert case_file.read_text(encoding="utf-8") == before  # and the file, comments and all, as it was


def test_an_approximate_date_survives_the_round_trip(tmp_path: Path, case_file: Path) -> None:
    case = sample_case()
    approximate = [e for e in case.chronology if e.approximate]
    assert approximate, "the example case has a date known only to the month"
    agency = approximate[0].agency
    path = tmp_path / "export.xlsx"
    path.write_bytes(chronology_export(case, agency))
    cell = openpyxl.load_workbook(path)["Chronology"]
    row = 2 + entries_of(case, agency).index(approximate[0])
    assert cell.cell(row, 1).number_format == '"01/"mm/yy" (approx.)"'
    assert read_chronology(case, path, agency)[row - 2]["date"] == f"{approximate[0].date:%Y-%m}"


def test_an_export_of_one_agency_imports_as_the_same_entries(tmp_path: Path, case_file: Path) -> None:
    case = sample_case()
    for agency in ("probation", "csc", "health-visiting"):
        path = tmp_path / f"{agency}.xlsx"
        path.write_bytes(chronology_export(case, agency))
        imported = [ChronologyEntry.model_validate(e) for e in read_chronology(case, path, agency)]
        assert imported == entries_of(case, agency)


@pytest.mark.slow
def test_an_edited_workbook_changes_only_that_agencys_entries(tmp_path: Path, case_file: Path) -> None:
    case = sample_case()
    path, book, sheet = sheet_of(chronology_export(case, "probation"), tmp_path)
    sheet["B2"] = dt.time(9, 15)
    sheet.append(
        [dt.date(2026, 2, 20), "16:05", "Siân Carter", None, "Telephone call from the mother.\nShe was upset."]
    )
    book.save(path)
    before = case_file.read_text(encoding="utf-8")
    assert docgen("chronology", "import", case_file, path, "--agency", "probation").exit_code == 0
    after = case_file.read_text(encoding="utf-8")
    assert after.startswith(before[: before.index("  - date: 2024-03-14")])  # comments before it untouched
    assert '    time: "09:15"\n' in after
    assert '  - date: 2026-02-20\n    time: "16:05"\n    agency: probation\n    subjects: [mother]\n' in after
    assert "    event: |\n      Telephone call from the mother.\n      She was upset.\n" in after
    assert "  # --- Probation ----" in after and "  # --- Police ----" in after
    edited = load_case(case_file)
    assert len(entries_of(edited, "probation")) == 7
    others = [e for e in edited.chronology if e.agency != "probation"]
    assert others == [e for e in case.chronology if e.agency != "probation"]


def test_a_reorganised_workbook_is_read_by_its_headings(tmp_path: Path) -> None:
    case = sample_case()
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Police chronology"
    sheet.append(["Northbrook Constabulary – chronology for the review"])  # a title above the header
    sheet.merge_cells("A1:E1")
    sheet.append(["Our ref", "Agency", "DATE", "Event", "Professional", "Child / family member", "MRO comments"])
    sheet.append(["X1", "POLICE", "07/10/2025", "Arrest.", "Mark Tranter", "Kieran Declan O’Brien", "Prompt."])
    path = tmp_path / "police.xlsx"
    book.save(path)
    [entry] = read_chronology(case, path, "police")
    assert entry == {
        "date": dt.date(2025, 10, 7),
        "agency": "police",
        "subjects": ["partner"],
        "professional": "pc-tranter",
        "event": "Arrest.",
        "comments": "Prompt.",
    }


def problems_of(case: Case, path: Path, agency: str = "police") -> list[str]:
    with pytest.raises(WorkbookError) as caught:
        read_chronology(case, path, agency)
    return [problem.describe() for problem in caught.value.problems]


def test_every_problem_is_reported_by_sheet_row_and_column_without_the_value(tmp_path: Path) -> None:
    case = sample_case()
    path, book, sheet = sheet_of(chronology_template(case, "police"), tmp_path)
    rows: list[list[Any]] = [
        ["31/02/25", "25:99", "Secret Person", None, "Event A.", "Maybe", None, None, None, "Police", None],
        [dt.date(2025, 1, 2), None, None, "Dr Nobody", None, "No", None, None, None, "Probation", None],
        [None, None, None, None, "Event C.", None, None, None, None, "Atlantis Council", None],
    ]
    for r, values in enumerate(rows, start=2):
        for c, value in enumerate(values, start=1):
            sheet.cell(r, c, value)
    book.save(path)
    assert problems_of(case, path) == [
        "sheet Chronology, row 2, column A (Date): not a date: write it as dd/mm/yy (a month and year alone as "
        "mm/yyyy)",
        "sheet Chronology, row 2, column B (Time): not a time: write it as hh:mm on the 24-hour clock",
        "sheet Chronology, row 2, column C (Child/Family Member): the person is not one of the case's people: choose "
        "from the list",
        "sheet Chronology, row 2, column F (Seen: who was seen): the person is not one of the case's people: choose "
        "from the list",
        "sheet Chronology, row 3, column D (Professional e.g. Health Visitor/Social Worker): not one of the case's "
        "professionals: choose from the list",
        "sheet Chronology, row 3, column E (Significant Events/Incidents and if child seen): the significant event "
        "is missing",
        "sheet Chronology, row 3, column J (Agency): another agency's entry, but the workbook is being imported for "
        "Police: import each agency's entries with its own --agency",
        "sheet Chronology, row 4, column A (Date): the date is missing",
        "sheet Chronology, row 4, column J (Agency): not one of the case's agencies: choose from the list",
    ]
    with pytest.raises(WorkbookError) as caught:
        read_chronology(case, path, "police")
    message = caught.value.describe()
    assert message.startswith(f"{path} cannot be imported (9 problems); the case file is unchanged:\n  - sheet")
    assert "Secret Person" not in message and "Dr Nobody" not in message and "Atlantis" not in message


def write_rows(path: Path, rows: list[list[Any]], merge: str | None = None) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Chronology"
    for row in rows:
        sheet.append(row)
    if merge:
        sheet.merge_cells(merge)
    book.save(path)
    return path


HEADER = ["Date", "Time", "Significant Events/Incidents and if child seen"]


def bad_workbooks(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Each bad workbook, and the words its one message must say."""
    csv = tmp_path / "csv.xlsx"
    csv.write_text("Date,Time,Event\n01/02/25,10:00,Visit\n", encoding="utf-8")
    encrypted = tmp_path / "encrypted.xlsx"  # an encrypted workbook is an OLE compound file, not a zip
    encrypted.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4088))
    good = write_rows(tmp_path / "good.xlsx", [HEADER, [dt.date(2025, 2, 1), None, "Visit"]])
    corrupt = tmp_path / "corrupt.xlsx"
    corrupt.write_bytes(good.read_bytes()[:1500])
    document = tmp_path / "document.xlsx"
    with zipfile.ZipFile(document, "w") as package:
        package.writestr("word/document.xml", "<w:document/>")
    formula = write_rows(tmp_path / "formula.xlsx", [HEADER, ["=TODAY()", None, "Visit"]])
    merged = write_rows(
        tmp_path / "merged.xlsx", [HEADER, [dt.date(2025, 2, 1), None, "Visit"], [None, None, None]], "C2:C3"
    )
    headless = write_rows(tmp_path / "headless.xlsx", [["When", "What"], ["01/02/25", "Visit"]])
    return {
        "csv": (csv, "cannot be imported: it looks like text (a CSV file renamed?): open it in Excel and save it"),
        "encrypted": (encrypted, "cannot be imported: it is password-protected (encrypted) or an old-style .xls"),
        "corrupt": (corrupt, "cannot be imported: it is damaged: open it in Excel and save it again"),
        "document": (document, "cannot be imported: it is not an Excel workbook (another kind of document"),
        "formula": (formula, "row 2, column A (Date): holds a formula: type the value itself"),
        "merged": (merged, "sheet Chronology: it has merged cells (C2:C3): unmerge them so that each entry is one row"),
        "headless": (headless, "sheet Chronology: no row among its first 10 has the headings 'Date' and"),
        "empty": (tmp_path / "empty.xlsx", "cannot be imported: the file is empty"),
        "missing": (tmp_path / "missing.xlsx", "cannot be imported: the file does not exist"),
    }


@pytest.mark.slow
@pytest.mark.parametrize(
    "name", ["csv", "encrypted", "corrupt", "document", "formula", "merged", "headless", "empty", "missing"]
)
def test_a_bad_workbook_gets_one_clear_message_and_changes_nothing(name: str, tmp_path: Path, case_file: Path) -> None:
    (tmp_path / "empty.xlsx").write_bytes(b"")
    path, words = bad_workbooks(tmp_path)[name]
    before = case_file.read_bytes()
    result = docgen("chronology", "import", case_file, path, "--agency", "police")
    assert result.exit_code == 2
    assert words in result.output
    assert "Traceback" not in result.output and result.output.count("\n") <= 2
    assert case_file.read_bytes() == before
    assert sorted(p.name for p in case_file.parent.iterdir() if p.name.startswith(".")) == []


@pytest.mark.slow
def test_a_workbook_of_100000_rows_is_refused_within_limits(tmp_path: Path, case_file: Path) -> None:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Chronology")
    sheet.append(HEADER)
    for _ in range(100_000):
        sheet.append([dt.date(2025, 2, 1), None, "Visit"])
    path = tmp_path / "huge.xlsx"
    book.save(path)
    before = case_file.read_bytes()
    result = docgen("chronology", "import", case_file, path, "--agency", "police")
    assert result.exit_code == 2
    assert "it has more than 5,000 entries; a chronology summarises the significant events" in result.output
    assert case_file.read_bytes() == before


def test_the_export_merges_every_agency_in_the_overview_reports_order(tmp_path: Path) -> None:
    case = sample_case()
    result = docgen("chronology", "export", SAMPLE, "--out", tmp_path / "all.xlsx")
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(tmp_path / "all.xlsx")["Chronology"]
    merged = sorted_chronology(case.chronology)
    last = 1 + len(merged)
    assert sheet.cell(last, 1).value is not None and sheet.cell(last + 1, 1).value is None
    assert sheet.auto_filter.ref == f"A1:K{last}"
    assert sheet.freeze_panes == "A2"
    agencies = [sheet.cell(row, 10).value for row in range(2, last + 1)]
    assert agencies == [case.agency(e.agency).short_name for e in merged]
    assert len(set(agencies)) == len({e.agency for e in merged}) > 5
    dates = [sheet.cell(row, 1).value.date() for row in range(2, last + 1)]
    assert dates == sorted(dates)


def test_commands_refuse_an_unknown_agency(tmp_path: Path) -> None:
    result = docgen("chronology", "template", SAMPLE, "--agency", "fire", "--out", tmp_path / "t.xlsx")
    assert result.exit_code == 2
    assert "the case has no agency 'fire'" in result.output and "police" in result.output
    assert not (tmp_path / "t.xlsx").exists()


def test_the_first_entries_of_a_case_without_a_chronology(tmp_path: Path) -> None:
    case_file = Path(shutil.copy(CASES / "minimal.yaml", tmp_path / "case.yaml"))
    before = case_file.read_text(encoding="utf-8")
    path = write_rows(tmp_path / "police.xlsx", [HEADER, [dt.date(2026, 2, 1), "10:00", "Bruising seen."]])
    assert docgen("chronology", "import", case_file, path, "--agency", "police").exit_code == 0
    after = case_file.read_text(encoding="utf-8")
    assert after.startswith(before)  # comments and all
    assert after[len(before) :] == (
        '\nchronology:\n  - date: 2026-02-01\n    time: "10:00"\n    agency: police\n    subjects: [child]\n'
        "    event: Bruising seen.\n"
    )
    [entry] = load_case(case_file).chronology
    assert entry.time == dt.time(10, 0) and entry.subjects == ["child"]


def test_a_json_case_file(tmp_path: Path, case_file: Path) -> None:
    case = sample_case()
    json_file = tmp_path / "case.json"
    data = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    json_file.write_text(json.dumps(data, default=str, indent=2), encoding="utf-8")
    path = tmp_path / "gp.xlsx"
    path.write_bytes(chronology_export(case, "gp"))
    book = openpyxl.load_workbook(path)
    book["Chronology"]["K2"] = "Reviewed."
    book.save(path)
    assert docgen("chronology", "import", json_file, path, "--agency", "gp").exit_code == 0
    edited = load_case(json_file)
    assert entries_of(edited, "gp")[0].comments == "Reviewed."
    assert [e for e in edited.chronology if e.agency != "gp"] == [e for e in case.chronology if e.agency != "gp"]

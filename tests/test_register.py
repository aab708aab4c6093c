"""The board's register (`docgen register`, `docgen.register.register`): every review of a folder whatever its
framework, with its stage, next deadline and owner, overdue steps and publication; every recommendation tracked in
every traffic-light state, overdue first; the financial year's figures; a case file that does not validate listed
and stopping nothing; anonymised unless named; the workbook, the terminal and the JSON."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from pathlib import Path

import jsonschema
import openpyxl
import pytest
import yaml
from click.testing import CliRunner

from docgen.cli.commands import main
from docgen.cli.json_output import output_schema
from docgen.exports.calendar import timetable_calendar
from docgen.exports.register import Register, register
from docgen.exports.register.due import due, due_calendar, due_html, due_text
from docgen.exports.register.pages import register_html, register_pdf
from docgen.exports.register.workbook import register_workbook

from .conftest import ROOT, pdf_text
from .test_html_accessibility import BROWSER, _axe_tools
from .test_pdf_accessibility import assert_every_piece_in_the_tree_or_an_artifact, opened

D = dt.date
ON = D(2026, 12, 7)
EXAMPLES = ROOT / "examples"
REAL_NAMES = ["Kirsty", "Harker", "Margaret", "Pryce", "Kirkby"]
"""Names of the examples' families: never in an anonymised register."""


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every example and corpus case with its boards, a case with a recommendation in each state the tracker
    knows, one that does not validate and one that is not YAML."""
    root = tmp_path_factory.mktemp("register")
    shutil.copytree(EXAMPLES, root / "cases")
    adults = yaml.safe_load((EXAMPLES / "england-sar" / "case.yaml").read_text(encoding="utf-8"))
    adults["review"]["reference"] = "HSAB-SAR-2026-09"
    first, second, third = adults["local_review"]["recommendations"]
    first["sign_off"] = {"completed": True, "date": "2026-11-30", "by": "Learning and Improvement Subgroup"}
    second["progress"] = [{"date": "2026-11-20", "achieved": "Contracts not yet renewed.", "assessment": "Red"}]
    third["declined"] = "The local authority already offers every carer an assessment at each review."
    (root / "cases" / "england-sar" / "tracked.yaml").write_text(yaml.safe_dump(adults), encoding="utf-8")
    broken = yaml.safe_load((EXAMPLES / "england-dhr" / "case.yaml").read_text(encoding="utf-8"))
    broken["subject"]["date_of_brith"] = "1991-06-14"
    (root / "cases" / "england-dhr" / "broken.yaml").write_text(yaml.safe_dump(broken), encoding="utf-8")
    (root / "cases" / "not-yaml.yaml").write_text("review: [unclosed\nboard: x\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def built(folder: Path) -> Register:
    return register(folder, ON)


def test_every_review_of_every_framework_is_listed(built: Register) -> None:
    frameworks = {entry.framework for entry in built.reviews}
    assert frameworks == {"england-2009", "england-2023", "england-sar", "england-dhr"}
    assert len(built.reviews) == 11
    by_reference = {entry.reference: entry for entry in built.reviews}
    homicide = by_reference["SEP-DHR-2026-01"]
    assert (homicide.subject, homicide.stage, homicide.overdue) == ("Rose", "Completed", [])
    assert homicide.publication == "Published on 26 November 2026"
    assert by_reference["KSCP-LCSPR-2026-01"].publication == "Not to be published"


def test_overdue_reviews_come_first_with_their_steps_in_deadline_order(built: Register) -> None:
    overdue = [entry for entry in built.reviews if entry.overdue]
    assert built.reviews[: len(overdue)] == overdue and overdue
    sample = next(entry for entry in built.reviews if entry.reference == "LLR-2026-04")
    assert sample.stage == "Panel meeting to agree the draft"
    assert sample.overdue[0] == "Panel meeting to agree the draft (due 28 September 2026)"
    assert (sample.next_step, sample.next_deadline) == ("Conclusions shared with agencies and staff", D(2027, 1, 12))
    assert sample.owner


def test_recommendations_are_tracked_in_every_state(built: Register) -> None:
    tracked = {e.number: e for e in built.recommendations if e.reference == "HSAB-SAR-2026-09"}
    assert tracked["1"].status == "Completed" and not tracked["1"].overdue
    assert tracked["2"].status == "RED" and tracked["2"].evidence == "Contracts not yet renewed."
    assert tracked["2"].due == D(2027, 3, 31) and tracked["2"].lead == "Head of Commissioning"
    assert tracked["3"].status == "Not implemented" and "already offers every carer" in tracked["3"].not_implemented
    states = {entry.status for entry in built.recommendations}
    assert {"RED", "AMBER", "GREEN", "Completed", "Not implemented", "Not assessed"} <= states
    overdue = [entry for entry in built.recommendations if entry.overdue]
    assert overdue and built.recommendations[: len(overdue)] == overdue, "overdue actions first"


def test_the_years_figures_for_the_annual_report(built: Register) -> None:
    figures = built.figures
    assert figures.year == "2026-27"
    assert "SEP-DHR-2026-01" in figures.completed and "SEP-DHR-2026-01" in figures.published
    assert "HSAB-SAR-2026-09" in figures.completed and figures.implemented >= 1
    assert (
        "HSAB-SAR-2026-09",
        "3",
        next(e.not_implemented for e in built.recommendations if e.number == "3" and e.reference == "HSAB-SAR-2026-09"),
    ) in figures.not_implemented
    assert "LLR-2026-04" in figures.ongoing and "SEP-DHR-2026-01" not in figures.ongoing


def test_a_case_that_does_not_validate_is_listed_and_stops_nothing(built: Register) -> None:
    unread = {entry.file: entry.problems for entry in built.unreadable}
    assert set(unread) == {str(Path("cases/england-dhr/broken.yaml")), "cases/not-yaml.yaml"}
    assert "subject.date_of_brith: unknown field 'date_of_brith'" in unread[str(Path("cases/england-dhr/broken.yaml"))]
    assert "1991-06-14" not in unread[str(Path("cases/england-dhr/broken.yaml"))], "never the value itself"


def test_the_workbook_has_a_sheet_each_with_filters_and_frozen_headers(built: Register, tmp_path: Path) -> None:
    path = tmp_path / "register.xlsx"
    path.write_bytes(register_workbook(built))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Reviews", "Recommendations", "Annual figures", "Not read"]
    for name in ("Reviews", "Recommendations", "Not read"):
        assert book[name].freeze_panes == "A2" and book[name].auto_filter.ref
    reviews = [[cell.value for cell in row] for row in book["Reviews"].iter_rows()]
    assert reviews[0][:5] == ["Reference", "Framework", "Review type", "Subject", "Stage"]
    assert ["SEP-DHR-2026-01", "england-dhr", "Domestic Homicide Review", "Rose", "Completed"] in [
        r[:5] for r in reviews
    ]
    tracker = book["Recommendations"]
    status = [cell.value for cell in tracker[1]].index("Status (RAG)")
    statuses = {row[status].value: row[status].fill.fgColor.rgb for row in tracker.iter_rows(min_row=2)}
    assert statuses["RED"].endswith("F4C7C3") and statuses["GREEN"].endswith("B7E1CD")
    figures = [[cell.value for cell in row] for row in book["Annual figures"].iter_rows()]
    assert ["Financial year", "2026-27", None] in figures
    text = json.dumps([[c.value for c in row] for sheet in book for row in sheet.iter_rows()], default=str)
    assert [name for name in REAL_NAMES if name in text] == []


@pytest.mark.slow
def test_the_workbook_opens_in_libreoffice(built: Register, tmp_path: Path) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    path = tmp_path / "register.xlsx"
    path.write_bytes(register_workbook(built))
    subprocess.run(
        [
            soffice,
            "--headless",
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--convert-to",
            "csv",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    first_sheet = (tmp_path / "register.csv").read_text(encoding="utf-8")
    assert first_sheet.startswith("Reference,Framework,Review type,Subject,Stage")
    assert "SEP-DHR-2026-01,england-dhr,Domestic Homicide Review,Rose,Completed" in first_sheet


def test_the_command_prints_writes_and_gives_json(folder: Path, tmp_path: Path) -> None:
    out = tmp_path / "register.xlsx"
    result = CliRunner().invoke(main, ["register", str(folder), "--on", "2026-12-07", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Register of reviews on 07/12/2026\n") and out.exists()
    assert "SEP-DHR-2026-01  Domestic Homicide Review  Rose  stage: Completed  nothing due" in result.output
    assert "Not read:" in result.output and [name for name in REAL_NAMES if name in result.output] == []
    result = CliRunner().invoke(main, ["register", str(folder), "--on", "2026-12-07", "--json"])
    document = json.loads(result.output)
    jsonschema.validate(document, output_schema("register"))
    listed = document["board_register"]
    assert listed["on"] == "2026-12-07" and listed["named"] is False
    assert len(listed["reviews"]) == 11 and len(listed["unreadable"]) == 2


def test_named_for_the_boards_own_use(folder: Path) -> None:
    named = register(folder, ON, named=True)
    subjects = {entry.reference: entry.subject for entry in named.reviews}
    assert subjects["SEP-DHR-2026-01"] == "Kirsty Anne Harker"
    book = openpyxl.load_workbook(__import__("io").BytesIO(register_workbook(named)))
    assert book.properties.keywords == "NAMED – for the board's own use"
    result = CliRunner().invoke(main, ["register", str(folder), "--on", "2026-12-07", "--named"])
    assert result.output.startswith("Register of reviews on 07/12/2026 (NAMED – for the board's own use)")


def test_a_folder_that_is_not_there_is_refused() -> None:
    result = CliRunner().invoke(main, ["register", "/nowhere/at/all"])
    assert result.exit_code == 2 and "Traceback" not in result.output


def test_the_page_is_accessible_html_and_a_tagged_pdf(built: Register) -> None:
    html = register_html(built)
    assert '<html lang="en-GB">' in html and "<title>Register of reviews on 07/12/2026</title>" in html
    assert re.findall(r"<th\b(?![^>]*scope=)", html) == [], "every header cell says what it heads"
    captions = re.findall(r"<caption[^>]*>(.*?)</caption>", html)
    assert captions[:3] == ["Reviews", "Recommendations", "Case files not read"]
    assert "Reviews completed: 6 reviews (" in html
    assert [name for name in REAL_NAMES if name in html] == []
    pdf = opened(register_pdf(built))
    assert pdf.open_metadata().get("{http://www.aiim.org/pdfua/ns/id/}part") == "1", "archival when anonymised"
    text = pdf_text(register_pdf(built))
    assert "SEP-DHR-2026-01" in text and [name for name in REAL_NAMES if name in text] == []
    assert_every_piece_in_the_tree_or_an_artifact(pdf)


def test_a_named_page_is_marked_and_not_archival(folder: Path) -> None:
    named = register(folder, ON, named=True)
    text = pdf_text(register_pdf(named))
    assert "NAMED – FOR THE BOARD'S OWN USE" in text and "Kirsty" in text
    assert opened(register_pdf(named)).open_metadata().get("{http://www.aiim.org/pdfua/ns/id/}part") is None


@pytest.mark.slow
def test_axe_finds_no_violation_in_the_register_and_the_digest(built: Register, folder: Path, tmp_path: Path) -> None:
    node, chromium = _axe_tools()
    pages = [tmp_path / "register.html", tmp_path / "due.html"]
    pages[0].write_text(register_html(built), encoding="utf-8")
    pages[1].write_text(due_html(due(folder, ON, within=40)), encoding="utf-8")
    run = subprocess.run(
        [node, str(BROWSER / "axe.mjs"), chromium, *map(str, pages)], capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr[-2000:]
    violations = {page: found["violations"] for page, found in json.loads(run.stdout).items()}
    assert violations == {str(page): [] for page in pages}


@pytest.mark.parametrize("ending", [".txt", ""])
def test_an_ending_the_register_is_not_written_as_is_refused_before_anything_is_read(
    folder: Path, tmp_path: Path, ending: str
) -> None:
    result = CliRunner().invoke(
        main, ["register", str(folder), "--out", str(tmp_path / "a.xlsx"), "--out", str(tmp_path / f"register{ending}")]
    )
    assert result.exit_code == 2 and "the register is written as .xlsx, .pdf, .html" in result.output
    assert not (tmp_path / "a.xlsx").exists(), "nothing is written"


def test_what_falls_due_across_every_review(folder: Path, tmp_path: Path) -> None:
    found = due(folder, ON, within=40)
    overdue = [step for step in found.steps if step.overdue]
    coming = [step for step in found.steps if not step.overdue]
    assert overdue and found.steps[: len(overdue)] == overdue
    assert overdue == sorted(overdue, key=lambda step: step.deadline)
    assert [(s.reference, s.step, s.deadline) for s in coming] == [
        ("LLR-2026-04", "Conclusions shared with agencies and staff", D(2027, 1, 12))
    ]
    assert not [s for s in due(folder, ON, within=14).steps if not s.overdue], "a fortnight ahead: nothing due yet"
    text = due_text(found)
    assert text.startswith("What falls due by 16 January 2027, as on 7 December 2026\n\nOverdue (")
    assert "  12/01/2027  LLR-2026-04  Conclusions shared with agencies and staff  – NSCB Board Members" in text
    assert "Case files not read" in text and "not-yaml.yaml" in text
    html = due_html(found)
    assert '<html lang="en-GB">' in html and "<caption" in html and 'scope="col"' in html


def test_one_calendar_feed_of_every_step_of_every_review(folder: Path) -> None:
    found = due(folder, ON)
    feed = due_calendar(found, dt.datetime(2026, 12, 7, 9, tzinfo=dt.UTC)).decode("utf-8")
    assert feed.count("BEGIN:VCALENDAR") == 1 and feed.count("END:VCALENDAR") == 1
    uids = re.findall(r"^UID:(.+)\r$", feed, re.MULTILINE)
    assert len(uids) == len(set(uids)) == sum(len(timetable.steps) for _, timetable in found.timetables)
    homicide = next((case, table) for case, table in found.timetables if case.review.reference == "SEP-DHR-2026-01")
    own = timetable_calendar(*homicide, dt.datetime(2026, 12, 7, tzinfo=dt.UTC)).decode("utf-8")
    assert set(re.findall(r"^UID:(.+)\r$", own, re.MULTILINE)) <= set(uids), "the same events as the review's own"


def test_the_due_command_writes_the_digests_and_the_feed(folder: Path, tmp_path: Path) -> None:
    outs = [tmp_path / name for name in ("due.txt", "due.html", "due.ics")]
    args = ["due", str(folder), "--on", "2026-12-07", "--within", "40"]
    result = CliRunner().invoke(main, [*args, *(arg for out in outs for arg in ("--out", str(out)))])
    assert result.exit_code == 0, result.output
    assert result.output == outs[0].read_text(encoding="utf-8")
    assert all(out.exists() for out in outs) and outs[2].read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")
    refused = CliRunner().invoke(main, [*args, "--out", str(tmp_path / "a.txt"), "--out", str(tmp_path / "b.doc")])
    assert refused.exit_code == 2 and "the digest is written as .txt, .html, .ics, not '.doc'" in refused.output
    assert not (tmp_path / "a.txt").exists()


def test_the_tracker_filters_by_agency_and_by_theme(folder: Path) -> None:
    police = register(folder, ON, agency="elmvale police")
    assert {(e.reference, e.number) for e in police.recommendations} == {("SEP-DHR-2026-01", "2")}
    assert police.recommendations[0].theme == "Stalking" and police.recommendations[0].agency == "Elmvale Police"
    themed = register(folder, ON, theme="carers")
    assert {(e.reference, e.number) for e in themed.recommendations} == {
        ("HSAB-SAR-2026-02", "3"),
        ("HSAB-SAR-2026-09", "3"),
    }
    assert len(themed.reviews) == 11 and themed.figures == register(folder, ON).figures, "only the tracker filters"
    result = CliRunner().invoke(main, ["register", str(folder), "--on", "2026-12-07", "--theme", "stalking"])
    assert result.exit_code == 0 and "Recommendations: 1, 0 overdue" in result.output


def test_the_api_takes_files_and_folders_alike() -> None:
    files = [EXAMPLES / "england-dhr" / "case.yaml", EXAMPLES / "england-sar"]
    listed = register(files, ON)
    assert [entry.reference for entry in listed.reviews] == ["HSAB-SAR-2026-02", "SEP-DHR-2026-01"]
    assert listed.reviews[1].file == str(files[0]) and listed.reviews[0].file == "case.yaml"


def test_the_tracker_is_as_it_stood_on_the_day(folder: Path) -> None:
    """Progress reported and sign-offs dated after the register's day are not yet known on it."""
    before = {
        e.number: e for e in register(folder, D(2026, 11, 1)).recommendations if e.reference == "HSAB-SAR-2026-09"
    }
    assert before["1"].status == "Not assessed", "signed off on 30 November"
    assert (before["2"].status, before["2"].evidence) == ("Not assessed", ""), "reported on 20 November"

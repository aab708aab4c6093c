"""The review timetable (Appendix XIII): deadlines hand-counted in working days, status, warnings, outputs."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

import icalendar
import pytest
import yaml
from click.testing import CliRunner
from lxml import etree

from docgen import CaseError, NotSupportedError, load_case, render
from docgen.cli.commands import main
from docgen.derive.deadlines import ReviewTimetable, Status, review_timetable, step_status
from docgen.exports.calendar import timetable_calendar
from docgen.gate.extract import pdf_pages_text
from docgen.model import Case
from docgen.model.board import Nation
from docgen.model.timetable import Timetable

from .conftest import CASES, SAMPLE, SEED_CORPUS, corpus_case, quotes_folded, sample_case, squash, text_of

D = dt.date
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
JULY = D(2026, 7, 1)


def changed(case: Case, **parts: dict[str, Any]) -> Case:
    """The case with fields of its parts replaced: changed(case, decision={"date": …})."""
    updates = {name: getattr(case, name).model_copy(update=fields) for name, fields in parts.items()}
    return case.model_copy(update=updates)


def deadlines(timetable: ReviewTimetable) -> dict[str, dt.date]:
    return {timed.step.id: timed.deadline for timed in timetable.steps}


def test_the_sample_case_across_easter() -> None:
    """Referral Tuesday 24 February, decision Friday 13 March 2026; Good Friday 3 April, Easter Monday 6 April and
    4 and 25 May skipped."""
    due = deadlines(review_timetable(sample_case(), JULY))
    # the steps before the decision count from the referral: Immediate (Day 1) is the referral's day
    assert due["notify-chair"] == due["inform-agency-heads"] == D(2026, 2, 24)
    assert due["core-panel"] == due["secure-files"] == D(2026, 2, 27)  # before day 5: three working days after
    assert due["media"] == D(2026, 3, 13)  # Immediate (Day 1): the decision day
    assert due["first-panel-meeting"] == D(2026, 3, 20)  # within 5 working days
    assert due["authors-briefing"] == D(2026, 3, 27)  # within 10
    assert due["imr-reports"] == D(2026, 4, 21)  # within 25: Easter skipped
    assert due["composite-chronology"] == D(2026, 5, 6)  # within 35: Early May bank holiday skipped
    assert due["second-panel-meeting"] == D(2026, 5, 13)  # within 40
    # counted from the second panel meeting the case records (8 July), not from its deadline
    assert due["draft-report"] == D(2026, 8, 19)
    assert due["agree-draft"] == D(2026, 9, 28)  # from the overview report's first draft, 21 September
    # the board meeting at 17 working weeks (85 working days); it is booked for Tuesday 17 November
    assert due["board-meeting"] == D(2026, 7, 16)
    assert due["circulate-to-board"] == D(2026, 11, 3)  # 10 working days before the meeting booked
    assert due["action-plans"] == D(2026, 11, 24)
    assert due["share-conclusions"] == D(2027, 1, 12)  # 8 calendar weeks


def test_across_christmas_and_new_year() -> None:
    case = changed(sample_case(), decision={"date": D(2026, 12, 11)})
    due = deadlines(review_timetable(case, JULY))
    assert due["first-panel-meeting"] == D(2026, 12, 18)
    # Mon 21 – Thu 24 December (6–9); Christmas, Boxing Day observed on Monday 28; Tuesday 29 (10)
    assert due["authors-briefing"] == D(2026, 12, 29)
    # 30, 31 December (11, 12); New Year's Day; 4 January (13) … Wednesday 20 January (25)
    assert due["imr-reports"] == D(2027, 1, 20)


def test_a_scottish_board_keeps_easter_monday() -> None:
    case = changed(sample_case(), board={"holidays": Nation.SCOTLAND})
    due = deadlines(review_timetable(case, JULY))
    assert due["imr-reports"] == D(2026, 4, 20)  # a day earlier than in England
    english = deadlines(review_timetable(sample_case(), JULY))
    assert english["imr-reports"] == D(2026, 4, 21)


def test_a_step_counts_from_the_deadline_of_a_step_not_recorded() -> None:
    case = changed(sample_case(), review={"imr_presentation": None})
    due = deadlines(review_timetable(case, JULY))
    # 30 working days after 13 May (the second meeting's deadline), Spring bank holiday 25 May skipped
    assert due["draft-report"] == D(2026, 6, 25)


def test_without_a_board_meeting_booked_its_neighbours_count_from_its_deadline() -> None:
    case = changed(sample_case(), review={"step_dates": {}})
    due = deadlines(review_timetable(case, JULY))
    assert due["board-meeting"] == D(2026, 7, 16)
    assert due["circulate-to-board"] == D(2026, 7, 2)  # 10 working days before Thursday 16 July
    assert due["action-plans"] == D(2026, 7, 23)
    assert due["share-conclusions"] == D(2026, 9, 10)


@pytest.mark.parametrize(
    ("recorded", "on", "status"),
    [
        (D(2026, 3, 20), JULY, Status.MET),
        (D(2026, 3, 24), JULY, Status.MET_LATE),
        (None, D(2026, 3, 20), Status.DUE),
        (D(2026, 7, 8), D(2026, 3, 1), Status.DUE),  # booked, deadline still to come
        (D(2026, 7, 8), JULY, Status.OVERDUE),  # booked after the deadline, which has passed
        (None, JULY, Status.NO_DATE),
    ],
)
def test_step_status(recorded: dt.date | None, on: dt.date, status: Status) -> None:
    assert step_status(D(2026, 3, 20), recorded, on) is status


def test_status_and_warnings_of_the_sample_case() -> None:
    timetable = review_timetable(sample_case(), JULY)
    status = {timed.step.id: timed.status for timed in timetable.steps}
    assert status["notify-chair"] is Status.MET  # referral.date 24 February, its own trigger
    assert status["core-panel"] is Status.MET_LATE  # screening.meeting_date 10 March, 27 February at the latest
    assert status["first-panel-meeting"] is Status.MET_LATE  # review.scope_meeting 24 March
    assert status["second-panel-meeting"] is Status.OVERDUE  # booked for 8 July
    assert status["draft-report"] is Status.DUE
    assert status["media"] is Status.MET  # review.step_dates
    assert status["imr-reports"] is Status.MET_LATE
    assert status["board-meeting"] is Status.DUE  # booked for November
    no_dates = changed(sample_case(), review={"step_dates": {}})
    assert {t.step.id: t.status for t in review_timetable(no_dates, JULY).steps}["media"] is Status.NO_DATE
    assert [str(warning) for warning in timetable.warnings] == [
        "step 12, Second panel meeting: the date booked (8 July 2026) is later than its deadline (13 May 2026)",
        "step 13, Draft overview report completed: the date booked (21 September 2026) is later than its deadline"
        " (19 August 2026)",
        "step 16, Board meeting: the date booked (17 November 2026) is later than its deadline (16 July 2026)",
    ]
    # steps 8 and 9 were planned after their deadlines and done late: their status says so, not a warning
    assert {8, 9} <= {t.number for t in timetable.steps if t.status is Status.MET_LATE}
    assert [warning.field for warning in timetable.warnings] == [
        "review.imr_presentation",
        "overview.approval.first_dated",
        "review.step_dates.board-meeting",
    ]


def test_responsible_people_are_the_boards_own() -> None:
    timetable = review_timetable(sample_case(), JULY)
    by_id = {timed.step.id: timed for timed in timetable.steps}
    assert by_id["authors-briefing"].responsible == [
        "Chair of Overview Panel (Ruth Penhaligon)",
        "NSCB Manager (Andrew Kilbride)",
    ]
    assert by_id["draft-report"].responsible[0].endswith("(Dr Rosalind Achterberg)")
    assert "MSCB" not in str(timetable) and "Medway" not in str(timetable)


def test_steps_for_the_regulator_only_in_a_serious_case_review() -> None:
    llr = [timed.step.id for timed in review_timetable(sample_case(), JULY).steps]
    scr = changed(sample_case(), review={"type": "Serious Case Review"})
    steps = [timed.step.id for timed in review_timetable(scr, JULY).steps]
    assert "inform-ofsted" not in llr and "reports-to-ofsted" not in llr
    assert len(steps) == len(llr) + 2 == 20
    assert steps.index("inform-ofsted") == 5


def test_no_decision_names_the_missing_field() -> None:
    with pytest.raises(NotSupportedError, match=r"the decision to hold the review \(decision\.date\)"):
        review_timetable(sample_case().model_copy(update={"decision": None}), JULY)


def case_file(tmp_path: Path, **review: Any) -> Path:
    data = yaml.safe_load((CASES / "minimal.yaml").read_text(encoding="utf-8"))
    data["review"].update(review)
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_an_unknown_step_in_step_dates_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CaseError) as caught:
        load_case(case_file(tmp_path, step_dates={"board-meting": "2026-11-17"}))
    [problem] = caught.value.problems
    assert "unknown timetable step 'board-meting'" in problem.message
    assert "board-meeting" in problem.message


def framework_timetable() -> dict[str, Any]:
    profile = yaml.safe_load((SAMPLE.parents[1] / "frameworks" / "england-2009.yaml").read_text(encoding="utf-8"))
    timetable: dict[str, Any] = profile["timetable"]
    return timetable


def test_a_timetable_whose_clocks_go_round_in_a_circle_is_refused() -> None:
    data = framework_timetable()
    data["steps"][16]["clock"] = {"after": "circulate-to-board", "working_days": 5}  # the board meeting
    with pytest.raises(ValueError, match="counts from itself"):
        Timetable.model_validate(data)


def test_a_clock_from_an_unknown_step_is_refused() -> None:
    data = framework_timetable()
    data["steps"][0]["clock"] = {"after": "referal"}
    with pytest.raises(ValueError, match="unknown 'referal'"):
        Timetable.model_validate(data)


def test_a_step_recorded_in_a_field_the_case_does_not_have_is_refused(tmp_path: Path) -> None:
    profile = yaml.safe_load((SAMPLE.parents[1] / "frameworks" / "england-2009.yaml").read_text(encoding="utf-8"))
    profile["timetable"]["steps"][0]["done"] = "referral.dated"
    (tmp_path / "ours.yaml").write_text(yaml.safe_dump(profile), encoding="utf-8")
    data = yaml.safe_load((CASES / "minimal.yaml").read_text(encoding="utf-8"))
    data["framework"] = "ours.yaml"
    (tmp_path / "case.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(CaseError) as caught:
        load_case(tmp_path / "case.yaml")
    [problem] = caught.value.problems
    assert "framework.timetable.steps[0].done: 'referral.dated' is not a date field of the case" in problem.message


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_the_document_in_both_formats(fmt: str) -> None:
    text = text_of(render(sample_case(), "timetable", fmt, on=JULY))
    for wording in (
        "Review timetable – Lessons Learned Review LLR-2026-04",
        "It does not relate to cases where there are ongoing s47 child protection investigations",
        "Timescale Action Person responsible Deadline Date recorded Status",
        "Immediate (Day 1)",
        "Within 5 working days of decision to undertake a Serious Case Review (before day 9)",
        "Agency Leads appoint Management Review Officers.",
        "To consider appointment of an independent person to write the composite report.",
        "Chair of Overview Panel (Ruth Penhaligon)",
        "At 17 working weeks from the decision to carry out a Serious Case Review (at day 85)",
        "Day 1: the referral 24 February 2026 Day 1: the decision to hold the review 13 March 2026",
        "Monday to Friday, less the bank holidays of England and Wales Status as at 1 July 2026",
        "Overdue: 1 step",
        "Next deadline: step 16, Board meeting, by 16 July 2026.",
        "13/05/2026 08/07/2026 (booked) Overdue",
        "24/02/2026 24/02/2026 Met",
        "27/02/2026 10/03/2026 Met late",
        "20/03/2026 24/03/2026 Met late",
        "step 12, Second panel meeting: the date booked (8 July 2026) is later than its deadline (13 May 2026)",
    ):
        assert wording in text, wording
    assert "review.imr_deadline" not in text, "a reader is given words, not the case file's field paths"
    assert "Ofsted informed of Serious Case Review" not in text


def test_the_terminal_table_and_the_calendar(tmp_path: Path) -> None:
    ics = tmp_path / "timetable.ics"
    result = CliRunner().invoke(main, ["timetable", str(SAMPLE), "--on", "01/07/2026", "--ics", str(ics)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "LLR-2026-04 Lessons Learned Review: timetable as at 1 July 2026"
    [second] = [line for line in lines if "Second panel meeting" in line and not line.startswith("warning: ")]
    assert second.split()[:6] == ["12", "Wed", "13/05/2026", "overdue", "08/07/2026", "booked"]
    assert lines[1] == (
        "Day 1: the referral, 24 February 2026; the decision to hold the review, 13 March 2026;"
        " working days in England and Wales"
    )
    assert sum(line.startswith("warning: ") for line in lines) == 3
    assert "[review." not in result.output, "the terminal gives words, not the case file's field paths"
    first = ics.read_bytes()
    calendar = icalendar.Calendar.from_ical(first)
    events = calendar.walk("VEVENT")
    assert len(events) == 18
    board = next(e for e in events if "Board meeting" in str(e["SUMMARY"]))
    assert board["DTSTART"].dt == D(2026, 7, 16) and board["DTEND"].dt == D(2026, 7, 17)
    assert str(board["UID"]) == "nscb-llr-2026-04-board-meeting@docgen"
    assert "All NSCB Board members" in str(board["DESCRIPTION"])
    assert all(len(line) <= 75 for line in first.split(b"\r\n"))
    # a later export has the same UIDs: a board's calendar updates its entries
    CliRunner().invoke(main, ["timetable", str(SAMPLE), "--ics", str(ics)])
    again = icalendar.Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    assert [str(e["UID"]) for e in again] == [str(e["UID"]) for e in events]


def test_calendar_text_is_escaped_and_folded_whole_characters() -> None:
    case = changed(sample_case(), board={"short_name": "Ŵ; \\ ,Board"})
    data = timetable_calendar(case, review_timetable(case, JULY), dt.datetime(2026, 7, 1, 9, tzinfo=dt.UTC))
    text = data.decode("utf-8")  # folding never splits a character
    assert "DTSTAMP:20260701T090000Z" in text
    event = icalendar.Calendar.from_ical(data).walk("VEVENT")[2]
    assert "Ŵ; \\ ,Board Chair" in str(event["DESCRIPTION"])


def test_the_command_without_a_decision_names_the_field(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["timetable", str(case_file(tmp_path))])
    assert result.exit_code == 2
    assert "decision.date" in result.output and "Traceback" not in result.output


def test_render_without_a_decision_names_it(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["render", str(case_file(tmp_path)), "--doc", "timetable", "--out", "x"])
    assert result.exit_code == 2
    assert "timetable needs decision" in result.output


def test_anonymised_and_marked_draft_like_every_other_kind() -> None:
    from docgen.gate.extract import pdf_pages_text

    pdf = render(sample_case(), "timetable", "pdf", anonymise=True, draft=True, on=JULY)
    assert pdf.anonymised and pdf.draft  # and the leak check passed: nothing of the case's people in it
    pages = pdf_pages_text(pdf.content)
    assert len(pages) > 1 and all("DRAFT" in page for page in pages)
    docx = render(sample_case(), "timetable", "docx", anonymise=True, draft=True, on=JULY)
    assert docx.draft and "Chair of Overview Panel (Ruth Penhaligon)" in text_of(docx)


def test_listed_and_supported_like_every_other_kind() -> None:
    result = CliRunner().invoke(main, ["list"])
    assert "timetable            Review timetable [confidential; docx/pdf/html]" in result.output
    result = CliRunner().invoke(main, ["validate", str(SAMPLE)])
    assert result.exit_code == 0 and ", timetable" in result.output


def test_without_a_referral_the_first_steps_count_from_the_decision() -> None:
    case = sample_case().model_copy(update={"referral": None})
    due = deadlines(review_timetable(case, JULY))
    assert due["notify-chair"] == D(2026, 3, 13)
    assert due["core-panel"] == D(2026, 3, 18)


def test_a_step_the_case_records_elsewhere_is_met() -> None:
    """The overview report's first draft (its version history) is the draft report's date; the board's approval
    of the report is the board meeting's."""
    timetable = {t.step.id: t for t in review_timetable(sample_case(), D(2026, 12, 7)).steps}
    draft = timetable["draft-report"]
    assert (draft.recorded, draft.status) == (D(2026, 9, 21), Status.MET_LATE)
    case = sample_case()
    assert case.overview is not None
    approved = case.overview.approval.model_copy(update={"approved_on": D(2026, 7, 14)})
    case = changed(case, overview={"approval": approved})
    board = {t.step.id: t for t in review_timetable(case, D(2026, 12, 7)).steps}["board-meeting"]
    assert (board.recorded, board.status) == (D(2026, 7, 14), Status.MET)


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_only_a_review_reported_to_ofsted_names_it(fmt: str) -> None:
    """Seed 1.4.1: a Lessons Learned Review is not reported to Ofsted; a Serious Case Review is."""
    llr = text_of(render(sample_case(), "timetable", fmt, on=JULY))
    assert "Ofsted" not in llr
    assert "A Draft Composite Review Report to be completed." in llr
    assert (
        "Action Plans to be forwarded to the chairperson of the Review Group to be appended to the final report."
        in (llr)
    )
    scr = text_of(render(corpus_case("child-died"), "timetable", fmt, on=JULY))
    for wording in (
        "Any variance to this timescale requires agreement from Ofsted",
        "appended to the final report and submitted to Ofsted.",
        "Ofsted informed of Serious Case Review.",
        "Within 1 working week of extraordinary meeting of WVSCB (before day 90)",  # the seed's "meeting MSCB"
    ):
        assert wording in scr, wording


@pytest.mark.parametrize("name", ["sample-case", *SEED_CORPUS])
def test_every_page_is_marked_and_no_row_is_split(name: str) -> None:
    """The marking `docgen list` promises on every page; each step's row on one page (PDF) and never split (Word's
    cantSplit)."""
    case = sample_case() if name == "sample-case" else corpus_case(name)
    timetable = review_timetable(case, JULY)
    pdf = render(case, "timetable", "pdf", on=JULY).content
    pages = [quotes_folded(squash(page)) for page in pdf_pages_text(pdf)]
    assert all("CONFIDENTIAL" in page for page in pages)
    for timed in timetable.steps:
        first, last = quotes_folded(timed.action).split()[:4], quotes_folded(timed.action).split()[-3:]
        assert any(" ".join(first) in page and " ".join(last) in page for page in pages), timed.title
    docx = render(case, "timetable", "docx", on=JULY)
    assert text_of(docx).count("CONFIDENTIAL") >= 1
    with zipfile.ZipFile(io.BytesIO(docx.content)) as package:
        body = etree.fromstring(package.read("word/document.xml"))
    rows = body.findall(f".//{W}tbl/{W}tr")
    steps = [row for row in rows if row.find(f"{W}trPr/{W}tblHeader") is None and len(row.findall(f"{W}tc")) == 7]
    assert len(steps) == len(timetable.steps)
    assert all(row.find(f"{W}trPr/{W}cantSplit") is not None for row in steps)


def test_the_status_cells_are_shaded_alike_in_word_and_the_pdf() -> None:
    """Word shades each status cell with the colour the PDF's cell has: met green, late amber, overdue red."""
    timetable = review_timetable(sample_case(), on=JULY)
    shades = {step.status: step.shade for step in timetable.steps}
    assert shades[Status.MET] == "b7e1cd" and shades[Status.MET_LATE] == "fce8b2" and shades[Status.OVERDUE] == "f4c7c3"
    document = render(sample_case(), "timetable", "docx", on=JULY).content
    with zipfile.ZipFile(io.BytesIO(document)) as package:
        body = etree.fromstring(package.read("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    fills = {}
    for row in body.iter(f"{w}tr"):
        cells = row.findall(f"{w}tc")
        status = "".join(cells[-1].itertext()).strip()
        fill = cells[-1].find(f"{w}tcPr/{w}shd")
        fills.setdefault(status, fill.get(f"{w}fill") if fill is not None else "")
    assert fills["Met"] == "B7E1CD" and fills["Met late"] == "FCE8B2" and fills["Overdue"] == "F4C7C3"
    html = render(sample_case(), "timetable", "html", on=JULY).content.decode()
    assert 'style="background-color: #b7e1cd">Met<' in html

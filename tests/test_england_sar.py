"""Safeguarding Adults Reviews (the england-sar profile): every document of the example renders in each format
from data and templates alone, says what the Care Act asks (mandatory or discretionary, the criteria one by one),
gives what national analyses find reports leave out, keeps the adult and her family out of the public report, and
counts its clocks across bank holidays."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from docgen import CaseError, load_case, render
from docgen.cli.commands import main
from docgen.derive.deadlines import review_timetable
from docgen.derive.review_returns import annual_entry
from docgen.model.case import Case

from .conftest import ENGLAND_SAR, ROOT, adults_case, changed_example, rendered_adults, squash, text_of
from .test_england_2023_clocks import with_dates
from .test_pdf_accessibility import assert_every_piece_in_the_tree_or_an_artifact, elements, opened

D = dt.date
KINDS = ["review-request", "review-decision", "agency-request", "letter-5", "learning-event", "adults-review-report"]
KINDS += ["partnership-response", "publication-decision", "library-coversheet", "annual-report-entry", "timetable"]
REAL_NAMES = ["Margaret", "Pryce", "Peggy", "Daniel", "Susan Kerr", "Low Moor", "Quarry Cottages", "1944"]
"""What identifies the adult and her family: it never reaches the public report."""


def text(kind: str, fmt: str = "pdf", **options: str) -> str:
    return squash(text_of(rendered_adults(kind, fmt, **options)))


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html"])
@pytest.mark.parametrize("kind", KINDS)
def test_every_document_renders_in_every_format(kind: str, fmt: str) -> None:
    agency = "gp" if kind == "agency-request" else None
    document = rendered_adults(kind, fmt, agency=agency)
    assert document.filename.startswith("HSAB-SAR-2026-02_") and "Margaret" not in document.filename
    assert len(text_of(document)) > 500


def test_the_profile_lists_its_documents_and_adds_no_framework_branch() -> None:
    case = adults_case()
    assert list(case.framework.kinds) == KINDS
    code = "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "docgen").rglob("*.py"))
    assert "england-sar" not in code and not re.search(r"framework\.id\s*(==|!=|in)", code)


def test_the_referral_form_gives_the_adults_care_and_support_needs() -> None:
    form = text("review-request")
    for expected in (
        "Referred by Simon Ashdown, Principal Social Worker, Hartmoor Council Adult Social Care",
        "Date of birth (age) 11/02/1944 (aged 81 years)",
        "Date of death 03/02/2026",
        "Needs for care and support Help with washing, dressing, meals and medication",
        "Was the local authority meeting any of those needs? Yes",
        "Brightway Home Care, two visits a day, arranged by Hartmoor Council; her son Daniel",
        "Abuse or neglect known or suspected Neglect and acts of omission; Self-neglect",
        "Has the adult died? Yes",
    ):
        assert expected in form


def test_the_decision_considers_section_44_one_criterion_at_a_time_and_says_it_is_mandatory() -> None:
    record = text("review-decision")
    assert "2.1 Criteria for a mandatory Safeguarding Adults Review" in record
    assert "From section 44(1) to (3) of the Care Act 2014" in record
    assert "(b) condition 1: the adult has died" in record
    assert "Margaret has died: condition 2 does not apply." in record
    assert "discretionary" not in record.split("4. Decision")[0], "the list the board did not consider is left out"
    assert (
        "On 13 March 2026, Dr Ruth Calloway, Independent Chair of the Hartmoor Safeguarding Adults Board, decided to"
        " arrange a Safeguarding Adults Review, as section 44(1) of the Care Act 2014 requires." in record
    )
    assert "The Safeguarding Adults Review Subgroup, meeting on 10 March 2026, recommended a mandatory" in record


def test_a_discretionary_decision_says_section_44_4() -> None:
    case = adults_case()
    decision = case.consideration.decision.model_copy(update={"outcome": "A discretionary Safeguarding Adults Review"})
    changed = case.model_copy(update={"consideration": case.consideration.model_copy(update={"decision": decision})})
    record = squash(text_of(render(changed, "review-decision", "pdf")))
    assert "decided to arrange a Safeguarding Adults Review under section 44(4) of the Care Act 2014" in record


def test_the_report_states_what_reports_too_often_leave_out() -> None:
    """The legal basis, the referral's source, the time taken and the period reviewed (LGA second national analysis
    of Safeguarding Adults Reviews), with the method and the family's involvement."""
    report = text("adults-review-report")
    assert "decided to arrange a Safeguarding Adults Review, as section 44(1) of the Care Act 2014 requires." in report
    assert (
        "The referral came to the Hartmoor Safeguarding Adults Board in February 2026, from Hartmoor Council Adult"
        " Social Care." in report
    )
    assert "The review was completed 25 weeks after the decision to hold it." in report
    assert "The review considered the period from April 2025 to February 2026." in report
    assert "Edith had needs for care and support: help with washing" in report
    assert "The local authority was meeting some of them. Support came from Brightway Home Care" in report
    assert "1.6 How the review was conducted" in report and "1.7 The involvement of Edith’s family" in report
    assert "(b) condition 1: the adult has died" in report and "before the adult died)." in report
    assert "Edith is not her real name: it is the name agreed with her daughter for this report." in report


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html"])
def test_the_public_report_names_no_one_of_the_family(fmt: str) -> None:
    report = text_of(rendered_adults("adults-review-report", fmt))
    assert [name for name in REAL_NAMES if name in report] == []
    assert "DRAFT" not in report and "knew everyone in her village" in squash(report)


def test_the_public_report_is_tagged_and_accessible() -> None:
    pdf = opened(rendered_adults("adults-review-report", "pdf").content)
    assert pdf.open_metadata().get("{http://www.aiim.org/pdfua/ns/id/}part") == "1"
    first = next(e for e in elements(pdf.Root.StructTreeRoot) if str(e.S).startswith("/H"))
    assert str(first.S) == "/H1"
    assert_every_piece_in_the_tree_or_an_artifact(pdf)


def test_the_letters_ask_the_agencies_and_invite_the_practitioners() -> None:
    request = text("agency-request", agency="gp")
    assert "Dear Dr Shah" in request and "by 24 April 2026" in request
    assert "terms of reference are:" in request and "Copies: • Claire Devlin" in request
    event = text("learning-event")
    assert "PRACTITIONERS’ LEARNING EVENT" in event and "It will be held on 17 June 2026" in event
    assert "For attendance: Gemma Hollis, Social Worker, Hartmoor Council Adult Social Care" in event
    family = text("letter-5", to="daughter")
    assert "my sincere condolences on the death of your mother, Margaret." in family
    assert "between your family and the professionals working with you" not in family, "a child review's words"
    assert "Copy to: • Helen Okafor, Independent Reviewer" in family and "agency reports" not in family
    assert "Hartmoor Advocacy Partnership on 01632 960 577, who can give you an independent advocate" in family


def test_the_cli_renders_every_document_proof_clean(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["render", str(ENGLAND_SAR), "--all", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "docgen:" not in result.stderr, "no proofreading finding"
    assert len(list((tmp_path / "out").glob("*.pdf"))) == 15


def test_the_board_responds_and_decides_to_publish() -> None:
    response = text("partnership-response")
    assert "1 The Safeguarding Adults Board’s response" in response and "The board’s response" in response
    assert "safeguarding partners" not in response
    decision = text("publication-decision")
    assert (
        "On 24 September 2026 the Hartmoor Safeguarding Adults Board decided to publish the report of the review. It"
        " will be published on 8 October 2026 at www.hsab.example.org/reviews." in decision
    )


def test_the_library_coversheet_codes_the_review_without_naming_anyone() -> None:
    sheet = text("library-coversheet")
    for expected in (
        "Date of publication 8 October 2026",
        "Basis of the review A mandatory Safeguarding Adults Review",
        "Time taken The review was completed 25 weeks after the decision to hold it.",
        "Age band in her 80s",
        "Period reviewed April 2025 to February 2026",
        "Abuse or neglect Neglect and acts of omission; Self-neglect",
        "The son’s needs as his mother’s carer were not understood",
    ):
        assert expected in sheet
    assert [name for name in REAL_NAMES if name in sheet] == [] and "3 February 2026" not in sheet


def test_the_annual_report_gives_what_schedule_2_asks() -> None:
    """Care Act 2014 Sch. 2 para 4(1)(d)-(g): findings of a review concluded in the year, one ongoing at its end,
    what has been done to implement the findings, and why a finding is not implemented."""
    entry = text("annual-report-entry")
    assert "annual report for the year 1 April 2026 to 31 March 2027. The review concluded in the year" in entry
    assert "The revised self-neglect procedure was agreed" in entry and "No progress recorded yet." in entry
    case = adults_case()
    ongoing = annual_entry(case, D(2026, 3, 31))
    assert ongoing.status == "The review was ongoing at the end of the year, on 31 March 2026." and not ongoing.findings
    review = case.local_review
    declined = review.recommendations[1].model_copy(update={"declined": "The contracts cannot change until 2028."})
    changed = case.model_copy(
        update={"local_review": review.model_copy(update={"recommendations": [review.recommendations[0], declined]})}
    )
    entry = squash(text_of(render(changed, "annual-report-entry", "pdf")))
    assert "Not implemented. The contracts cannot change until 2028." in entry


def due(case: Case) -> dict[str, dt.date]:
    return {timed.step.id: timed.deadline for timed in review_timetable(case, D(2026, 7, 22)).steps}


def test_the_examples_deadlines() -> None:
    deadlines = due(adults_case())
    assert deadlines["acknowledge"] == D(2026, 2, 23)  # 5 working days after Monday 16 February
    assert deadlines["decide"] == D(2026, 3, 16)  # a month after the referral
    assert deadlines["review-completed"] == D(2026, 9, 13)  # six months from the decision on 13 March


def test_the_clocks_across_easter_2026() -> None:
    """A referral on Wednesday 1 April 2026: Good Friday (3 April) and Easter Monday (6 April) are skipped."""
    case = with_dates(adults_case(), request={"date": D(2026, 4, 1)})
    assert due(case)["acknowledge"] == D(2026, 4, 10)
    decided = with_dates(case, **{"consideration.decision": {"date": D(2026, 4, 1)}})
    assert due(decided)["tell-referrer"] == D(2026, 4, 10)
    assert due(decided)["request-reports"] == D(2026, 4, 17)


def test_a_board_gives_its_reviews_another_length(tmp_path: Path) -> None:
    """Six months by default; a board's `clock_starts` runs the review for nine, worded as the board words it."""
    board = yaml.safe_load((ENGLAND_SAR.parent / "board.yaml").read_text(encoding="utf-8"))
    board["clock_starts"] = {"review-completed": {"months": 9, "timescale": "Within nine months of the decision"}}
    (tmp_path / "board.yaml").write_text(yaml.safe_dump(board), encoding="utf-8")
    shutil.copy(ENGLAND_SAR, tmp_path / "case.yaml")
    case = load_case(tmp_path / "case.yaml")
    assert due(case)["review-completed"] == D(2026, 12, 13)
    assert "Within nine months of the decision" in squash(text_of(render(case, "timetable", "pdf")))
    board["clock_starts"] = {"review-completed": {"months": 9, "weeks": 2, "timescale": "x"}}
    (tmp_path / "board.yaml").write_text(yaml.safe_dump(board), encoding="utf-8")
    with pytest.raises(CaseError) as refused:
        load_case(tmp_path / "case.yaml")
    assert "a clock runs in one unit" in refused.value.describe()


def write_case(tmp_path: Path, change: dict[str, object]) -> Path:
    """The example case beside its board, with top-level fields changed."""
    return changed_example(ENGLAND_SAR, tmp_path, change)


def test_an_outcome_the_framework_does_not_offer_is_refused(tmp_path: Path) -> None:
    data = yaml.safe_load(ENGLAND_SAR.read_text(encoding="utf-8"))
    consideration = data["consideration"]
    consideration["decision"]["outcome"] = "A serious case review"
    consideration["criteria"]["statutory"] = {"a": {"met": "Yes", "reasons": "x"}}
    with pytest.raises(CaseError) as refused:
        load_case(write_case(tmp_path, {"consideration": consideration}))
    message = refused.value.describe()
    assert "consideration.decision.outcome: not one of the framework's decision options" in message
    assert "consideration.criteria.statutory: unknown criteria list 'statutory'" in message


def test_the_case_needs_the_adults_care_and_support(tmp_path: Path) -> None:
    data = yaml.safe_load(ENGLAND_SAR.read_text(encoding="utf-8"))
    subject = {k: v for k, v in data["subject"].items() if k != "care_and_support"}
    with pytest.raises(CaseError) as refused:
        load_case(write_case(tmp_path, {"subject": subject}))
    assert "subject.care_and_support: this field is required by the england-sar" in refused.value.describe()


def test_a_subject_given_twice_is_refused(tmp_path: Path) -> None:
    data = yaml.safe_load(ENGLAND_SAR.read_text(encoding="utf-8"))
    with pytest.raises(CaseError) as refused:
        load_case(write_case(tmp_path, {"child": data["subject"]}))
    assert "given twice, as subject and as child: give it once" in refused.value.describe()


def test_a_death_through_domestic_abuse_names_a_perpetrator_the_case_knows(tmp_path: Path) -> None:
    data = yaml.safe_load(ENGLAND_SAR.read_text(encoding="utf-8"))
    data["subject"]["domestic_abuse"] = {
        "perpetrator": "lodger",
        "relationship": "Son",
        "previous_reports": [{"date": "2025-11-02", "agency": "fire", "summary": "A call."}],
    }
    with pytest.raises(CaseError) as refused:
        load_case(write_case(tmp_path, {"subject": data["subject"]}))
    message = refused.value.describe()
    assert re.search(r"subject\.domestic_abuse\.perpetrator: unknown family member 'lodger'", message)
    assert "subject.domestic_abuse.previous_reports[0].agency: unknown agency 'fire'" in message
    data["subject"]["domestic_abuse"] = {"perpetrator": "son", "relationship": "Son"}
    assert load_case(write_case(tmp_path, {"subject": data["subject"]})).subject.domestic_abuse is not None


def test_an_adults_age_is_theirs_in_the_public_report() -> None:
    """'Margaret, aged 81' becomes 'Edith, in her 80s' (not 'in their 80s'): the age follows her label."""
    case = adults_case()
    summary = case.local_review.summary.replace("Margaret died", "Margaret, aged 81, died")
    changed = case.model_copy(update={"local_review": case.local_review.model_copy(update={"summary": summary})})
    report = squash(text_of(render(changed, "adults-review-report", "pdf")))
    assert "In February 2026 Edith, in her 80s, died in hospital" in report and "their 80s" not in report

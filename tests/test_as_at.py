"""Every document prints the case as it stood on its own date: the referral form enclosed with Letters 1 and 4 is
Part 1 as the referrer sent it, papers dated before the decision carry the referral's reference, an IMR shows its
action plan as it stood on its date, and `render --on` gives any document as at a day."""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen import NotSupportedError, render
from docgen.cli.commands import main
from docgen.model import Case
from docgen.passes.as_at import case_as_at
from docgen.rules.support import supported_documents

from .conftest import SAMPLE, sample_case, squash, text_of

D = dt.date

LATER_THAN_THE_REFERRAL = (
    "Section 2",
    "Screening Panel",
    "Not Recommended",
    "Section 3",
    "My decision",
    "Section 4",
    "Terms of reference:",
    "HM Prison",  # the partner's address once remanded (25 February 2026)
    "January 2027",  # the trial's listing
    "interim care order",  # made on 27 February 2026
    "child arrangements order",  # April 2026
    "June 2026",  # the EHC needs assessment asked for
    "LLR-2026-04",  # the review's reference, from the decision
)


@cache
def enclosed(letter: str, fmt: str) -> str:
    return text_of(render(sample_case(), "referral-form", fmt, enclosed_in=letter))


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("letter", ["letter-1", "letter-4"])
def test_the_referral_form_a_letter_encloses_is_part_1_as_the_referrer_sent_it(letter: str, fmt: str) -> None:
    text = enclosed(letter, fmt)
    assert "Section 1" in text and "1.9 Other Matters of relevance" in text
    assert [words for words in LATER_THAN_THE_REFERRAL if words in text] == []
    assert "Flat 12, Weaver Court" in text  # the partner's address then
    assert "Arrested on 21 February 2026 and charged on 24 February 2026" in text
    assert "Staying with his father since 21 February 2026" in text
    assert "REF-2026-011" in text


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_whole_referral_form_is_the_case_as_it_stands(text, fmt: str) -> None:
    whole = text("referral-form", fmt)
    assert all(words in whole for words in ("Section 2", "Not Recommended", "Section 3", "Section 4", "HM Prison"))
    assert "LLR-2026-04" in whole and "REF-2026-011" not in whole


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_papers_dated_before_the_decision_carry_the_referrals_reference(text, fmt: str) -> None:
    assert "Our reference: REF-2026-011" in text("letter-1", fmt)  # 26 February 2026
    assert "Our reference: LLR-2026-04" in text("letter-2", fmt)  # 16 March 2026: the decision was on 13 March
    assert "Our reference: LLR-2026-04" in text("letter-4", fmt)
    assert "REF-2026-011" in text("ofsted-notification", fmt)  # 25 February 2026


def test_the_file_names_carry_the_reviews_reference_whatever_the_date() -> None:
    assert render(sample_case(), "letter-1", "html").filename == "LLR-2026-04_letter-1.html"
    enclosure = render(sample_case(), "referral-form", "html", enclosed_in="letter-1")
    assert enclosure.filename == "LLR-2026-04_letter-1_referral-form.html"
    assert enclosure.date == D(2026, 2, 24)  # the referral's, as the referrer sent it


def test_a_case_without_a_referral_reference_keeps_the_reviews() -> None:
    case = sample_case()
    no_reference = case.model_copy(update={"referral": case.referral.model_copy(update={"reference": None})})
    assert "Our reference: LLR-2026-04" in text_of(render(no_reference, "letter-1", "html"))


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize(
    ("agency", "later"), [("csc", "reissued on 14 September 2026"), ("police", "since 1 October 2026")]
)
def test_an_imr_shows_its_action_plan_as_it_stood_on_its_date(text, agency: str, later: str, fmt: str) -> None:
    imr = text("imr", fmt, agency)
    assert later not in imr
    assert "Yes, 30 September 2026" not in imr and "Yes, 28 October 2026" not in imr  # signed off later
    earlier = {"csc": "Draft standard written", "police": "The mandatory history check is specified"}[agency]
    assert earlier in imr
    assert later in text("overview-report", fmt)  # dated 2 November 2026: the progress reported by then


def test_undated_progress_is_refused_with_the_field_to_give(case: Case) -> None:
    from docgen.model import Recommendation

    with pytest.raises(ValueError, match="achieved: give progress with the day it was reported"):
        Recommendation(text="Audit", achieved="Done")


def test_the_case_as_at_a_day_leaves_out_what_was_recorded_later(case: Case) -> None:
    before = case_as_at(case, D(2026, 3, 1))
    assert before.screening is None and before.decision is None
    assert before.review.terms_of_reference == [] and before.review.scope is None
    assert before.correspondence.letter_1 is not None and before.correspondence.letter_2 is None
    assert before.review.authors_briefing == case.review.authors_briefing  # an appointment stays
    partner = next(m for m in before.family if m.id == "partner")
    assert partner.address is not None and partner.address.lines[0] == "HM Prison Northbrook"  # remanded 25 Feb
    assert partner.before == []
    referral_day = case_as_at(case, D(2026, 2, 24))
    assert next(m for m in referral_day.family if m.id == "partner").address.lines[0] == "Flat 12, Weaver Court"
    assert [s.step.value for s in referral_day.incident.proceedings] == ["Arrested", "Charged"]
    assert case_as_at(case, D(2026, 2, 22)).incident.proceedings[-1].step.value == "Arrested"


def test_a_paper_prints_no_chronology_event_dated_after_it(case: Case) -> None:
    """An event recorded in the chronology after a paper's date is not in that paper: nothing dated after it."""
    last = max(entry.date for entry in case.chronology)
    day_before = last - dt.timedelta(days=1)
    then = case_as_at(case, day_before)
    assert then.chronology and all(entry.date <= day_before for entry in then.chronology)
    assert len(then.chronology) < len(case.chronology) and case_as_at(case, last).chronology == case.chronology


def test_render_on_a_day_before_the_decision_gives_the_referral_form_part_1(case: Case) -> None:
    text = text_of(render(case, "referral-form", "pdf", on=D(2026, 3, 1)))
    assert "Section 1" in text and "Section 2" not in text and "Section 3" not in text
    assert "REF-2026-011" in text and "LLR-2026-04" not in text
    after_screening = text_of(render(case, "referral-form", "html", on=D(2026, 3, 11)))
    assert "Section 2" in after_screening and "Not Recommended" in after_screening
    assert "My decision is" in after_screening and "REF-2026-011" in after_screening  # Section 3 still empty


def test_render_on_refuses_a_document_dated_after_the_day(case: Case) -> None:
    with pytest.raises(NotSupportedError, match="letter-4 is dated 30 March 2026, after 1 March 2026"):
        render(case, "letter-4", "html", on=D(2026, 3, 1))
    with pytest.raises(NotSupportedError, match="letter-4 is dated 30 March 2026"):
        render(case, "referral-form", "html", enclosed_in="letter-4", on=D(2026, 3, 1))


def test_every_document_as_at_a_day_leaves_out_those_written_later(case: Case) -> None:
    planned = list(supported_documents(case, on=D(2026, 3, 1)))
    kinds = {p.kind for p in planned if p.enclosed_in is None}
    assert {"letter-1", "referral-form", "ofsted-notification"} <= kinds
    assert not kinds & {"letter-2", "letter-3", "letter-4", "imr", "overview-report", "scoping-document"}
    assert ("referral-form", "letter-1") in {(p.kind, p.enclosed_in) for p in planned}


def test_the_timetable_still_reads_the_whole_case_on_its_day(case: Case) -> None:
    text = text_of(render(case, "timetable", "html", on=D(2026, 7, 1)))
    assert "1 July 2026" in text and "LLR-2026-04" in text


def test_a_letter_does_not_enclose_what_its_kind_does_not_name(case: Case) -> None:
    with pytest.raises(NotSupportedError, match="letter-2 does not enclose referral-form"):
        render(case, "referral-form", "html", enclosed_in="letter-2")


def test_the_command_line_renders_as_at_a_day(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main,
        [
            "render",
            str(SAMPLE),
            "--doc",
            "referral-form",
            "--on",
            "2026-03-01",
            "--format",
            "html",
            "--out",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 0, result.output
    page = squash((tmp_path / "LLR-2026-04_referral-form.html").read_text(encoding="utf-8"))  # no-break spaces too
    assert "Section 1" in page and "Section 2" not in page
    refused = CliRunner().invoke(
        main,
        [
            "render",
            str(SAMPLE),
            "--doc",
            "letter-4",
            "--on",
            "2026-03-01",
            "--format",
            "html",
            "--out",
            str(tmp_path / "x"),
        ],
    )
    assert refused.exit_code == 2 and "had not been written by then" in refused.output


def test_the_leak_gate_knows_the_addresses_people_had_before(case: Case) -> None:
    from docgen.gate.identifiers import identifiers, people

    values = {value for _, value, _ in identifiers(case, people(case))}
    assert {"Flat 12, Weaver Court", "NB4 3RD", "HM Prison Northbrook"} <= values


def test_the_decision_is_left_out_where_the_framework_records_it() -> None:
    from docgen.derive.facts import decision_of

    from .conftest import england_case

    england = england_case()
    decided = decision_of(england)
    assert decided is not None and england.rapid_review is not None
    before = case_as_at(england, decided.date - dt.timedelta(days=1))
    assert decision_of(before) is None and before.rapid_review is not None  # the rapid review stays, undecided
    assert decision_of(case_as_at(england, decided.date)) == decided


def test_a_paper_dated_before_the_terms_of_reference_is_anonymised_on_request(case: Case) -> None:
    """The case as at Letter 2's date lacks the terms of reference its framework requires of a case file; the
    anonymised copy is made from it all the same (the case file was checked when it was loaded)."""
    page = render(case, "letter-2", "html", anonymise=True).content.decode("utf-8")
    assert "Isabella" not in page and "Lessons Learned Review" in page

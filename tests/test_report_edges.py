"""Reports on the edges: drafting aids, refused finals, missing chronologies, huge and broken input."""

from __future__ import annotations

import datetime as dt

import pytest

from docgen import IncompleteReportError, NotApprovedError, NotSupportedError, render
from docgen.model import Approval, Case, ChronologyEntry

from .conftest import text_of


def without_analysis(case: Case, agency: str) -> Case:
    imr = case.imrs[agency].model_copy(
        update={"analysis": None, "methodology": case.imrs[agency].methodology.model_copy(update={"interviews": None})}
    )
    return case.model_copy(update={"imrs": {**case.imrs, agency: imr}})


def approved(case: Case, agency: str) -> Case:
    imr = case.imrs[agency]
    approval = Approval(version="3", dated=dt.date(2026, 9, 1), approved_on=dt.date(2026, 9, 10), approved_by="Board")
    return case.model_copy(update={"imrs": {**case.imrs, agency: imr.model_copy(update={"approval": approval})}})


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_draft_shows_the_seeds_guidance_for_an_unwritten_section(case: Case, fmt: str) -> None:
    body = text_of(render(without_analysis(case, "csc"), "imr", fmt, agency="csc"))
    assert "Drafting guidance – this section is not yet written:" in body
    assert "Were practitioners sensitive to the needs of the children in their work" in body
    assert "List of interviews and dates." in body


def test_written_sections_show_no_guidance(case: Case) -> None:
    assert "Drafting guidance" not in text_of(render(case, "imr", "docx", agency="csc"))


def test_final_of_an_unapproved_report_is_refused(case: Case) -> None:
    with pytest.raises(NotApprovedError, match="has not approved it"):
        render(case, "overview-report", "pdf", draft=False)


def test_final_lists_every_unwritten_section(case: Case) -> None:
    with pytest.raises(IncompleteReportError) as caught:
        render(approved(without_analysis(case, "nursery"), "nursery"), "imr", "pdf", agency="nursery")
    assert caught.value.missing == [
        "section '1.4 c) List of interviews and dates' is not written",
        "section '3 Analysis of involvement' is not written",
    ]


def test_final_lists_recommendations_that_are_not_smart(case: Case) -> None:
    imr = approved(case, "nursery").imrs["nursery"]
    whole = next(r for r in imr.recommendations if not r.parts)
    first = whole.model_copy(update={"addressee": None, "timescale": None, "number": None})
    recommendations = {"recommendations": [first]}
    broken = case.model_copy(update={"imrs": {**case.imrs, "nursery": imr.model_copy(update=recommendations)}})
    with pytest.raises(IncompleteReportError, match=r"recommendation 1: no addressee, no timescale$"):
        render(broken, "imr", "docx", agency="nursery")


def test_approved_report_is_final_without_watermark(case: Case) -> None:
    document = render(approved(case, "nursery"), "imr", "pdf", agency="nursery")
    assert not document.draft
    assert "Draft v" not in text_of(document)


def test_imr_for_an_agency_without_chronology_is_refused(case: Case) -> None:
    quiet = case.model_copy(update={"chronology": [e for e in case.chronology if e.agency != "csc"]})
    with pytest.raises(NotSupportedError, match="agency 'csc' has no chronology entries"):
        render(quiet, "imr", "pdf", agency="csc")


def test_imr_for_an_unknown_agency_is_refused(case: Case) -> None:
    with pytest.raises(NotSupportedError, match="no IMR for agency 'fire'"):
        render(case, "imr", "docx", agency="fire")


def test_broken_markdown_still_renders(case: Case) -> None:
    messy = (
        "**unclosed bold\n\n| a | b\n|---\n| 1 |\n\n1. one\n   - nested\n      * deeper\n\n> quote\n>> nested\n\n<div>"
    )
    imr = case.imrs["csc"].model_copy(update={"analysis": messy})
    messy_case = case.model_copy(update={"imrs": {**case.imrs, "csc": imr}})
    for fmt in ("docx", "pdf"):
        body = text_of(render(messy_case, "imr", fmt, agency="csc"))
        assert "unclosed bold" in body and "deeper" in body and "<div>" in body


@pytest.mark.slow
def test_ten_thousand_row_chronology_renders_correctly(case: Case) -> None:
    start = dt.date(1990, 1, 1)  # every entry before the IMR's date: a paper prints nothing dated after it
    entries = [
        ChronologyEntry(date=start + dt.timedelta(days=i), agency="csc", event=f"Visit number {i:05d}")
        for i in range(10_000)
    ]
    big = case.model_copy(update={"chronology": entries})
    text = text_of(render(big, "imr", "docx", agency="csc"))
    assert text.count(f"{case.subject.first_name} not seen") == 10_000
    assert "Visit number 00000" in text and "Visit number 09999" in text
    assert text.index("Visit number 00100") < text.index("Visit number 09000")

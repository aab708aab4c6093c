"""The England 2023 framework's letters in every case of the corpus, read back from DOCX (every part) and PDF: the
letter before publication for a report that is published and for one that is not, never a draft enclosed as final;
the national bodies addressed once each with their addresses; Letter 3 in the framework's words and Letter 7 after
the publication decision; the partner notice on its signer's letterhead; the Panel's own decision; harms worded
from the case and every notified child named in the public report; the notification's fields and the timetable's
panel."""

from __future__ import annotations

import shutil
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from docgen import Case, NotSupportedError, load_case
from docgen.cli.commands import main
from docgen.derive.rapid_review import decision_sentence
from docgen.gate.extract import docx_parts_text, pdf_pages_text
from docgen.publish.rendered import RenderedDocument

from .conftest import quotes_folded, rendered_from, squash, text_of

CORPUS = Path(__file__).resolve().parent.parent / "examples" / "corpus"
FORMATS = ["docx", "pdf"]


@cache
def corpus_case(name: str) -> Case:
    return load_case(CORPUS / f"{name}.yaml")


@cache
def rendered(name: str, kind: str, fmt: str) -> RenderedDocument:
    return rendered_from(corpus_case(name), kind, fmt, None, None, None)


def text(name: str, kind: str, fmt: str) -> str:
    """A document's words, its quotes folded: the tests here are about its words, typed with straight quotes."""
    return quotes_folded(text_of(rendered(name, kind, fmt)))


def first_page(name: str, kind: str, fmt: str) -> str:
    """The text the reader sees first: the PDF's first page, the DOCX's body (the letterhead opens it)."""
    document = rendered(name, kind, fmt)
    if fmt == "pdf":
        return squash(pdf_pages_text(document.content)[0])
    return squash(docx_parts_text(document.content)["word/document.xml"])


# --- the letter before publication ---------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_published_report_goes_to_the_national_bodies_alone(fmt: str) -> None:
    letter = text("england-2023-published", "pre-publication-letter", fmt)
    assert (
        "The safeguarding partners of the Thornleigh Safeguarding Children Partnership will publish the report of the"
        " review on 30 September 2026 on www.tscp.example.org/reviews. The report calls the children Poppy and Alfie."
        " I enclose the final report, which we send you at least 7 working days before publication (by 21 September"
        " 2026)." in letter
    )
    assert "Enc. Local child safeguarding practice review report Copies:" in letter
    assert "statement" not in letter.lower()


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_report_not_published_goes_with_its_statement(fmt: str) -> None:
    letter = text("england-2023-not-published", "pre-publication-letter", fmt)
    assert "have decided not to publish the report of the review. They will publish a statement" in letter
    assert "I enclose the final report and the statement of improvements, which we send you" in letter
    assert "Enc. Local child safeguarding practice review report; Statement of improvements" in letter
    assert "Their reasons for not publishing the report are these. The young person asked" in letter


def _changed(tmp_path: Path, name: str, change: Any) -> Path:
    data = yaml.safe_load((CORPUS / f"{name}.yaml").read_text(encoding="utf-8"))
    change(data)
    shutil.copytree(CORPUS / "boards", tmp_path / "boards")
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_a_draft_statement_is_never_enclosed_as_final(tmp_path: Path) -> None:
    def draft(data: dict[str, Any]) -> None:
        data["publication"]["statement"]["approval"] = {"version": "1", "dated": "2026-11-02"}

    path = _changed(tmp_path, "england-2023-not-published", draft)
    result = CliRunner().invoke(
        main, ["render", str(path), "--doc", "pre-publication-letter", "--format", "pdf", "--out", str(tmp_path / "o")]
    )
    assert result.exit_code == 2
    assert "publication.statement.approval: the statement of improvements is still a draft on the letter's date" in (
        squash(result.output)
    )
    assert not (tmp_path / "o").exists() or not list((tmp_path / "o").glob("*pre-publication*"))


def test_letter_7_before_the_publication_decision_is_refused_by_its_field(tmp_path: Path) -> None:
    """Letter 7 says what the partners will publish: without their decision it cannot be written."""
    path = _changed(tmp_path, "england-2023-published", lambda data: data.pop("publication"))
    out = tmp_path / "o"
    result = CliRunner().invoke(main, ["render", str(path), "--doc", "letter-7", "--format", "pdf", "--out", str(out)])
    assert result.exit_code == 2
    assert squash(result.output) == "docgen: letter-7 needs publication in the case file, which it does not have"
    assert not out.exists()


def test_a_statement_approved_after_the_letter_is_still_a_draft_on_its_date() -> None:
    case = corpus_case("england-2023-not-published")
    publication = case.publication
    assert publication is not None and publication.statement is not None
    late = publication.statement.approval.model_copy(
        update={"approved_on": case.correspondence.pre_publication.date.replace(day=20)}
    )
    statement = publication.statement.model_copy(update={"approval": late})
    changed = case.model_copy(update={"publication": publication.model_copy(update={"statement": statement})})
    with pytest.raises(NotSupportedError, match=r"publication\.statement\.approval: the statement of improvements"):
        rendered_from(changed, "pre-publication-letter", "pdf", None, None, None)


def test_a_report_not_published_needs_its_statement_before_the_letter() -> None:
    case = corpus_case("england-2023-not-published")
    assert case.publication is not None
    changed = case.model_copy(update={"publication": case.publication.model_copy(update={"statement": None})})
    with pytest.raises(NotSupportedError, match=r"publication\.statement: the report is not published"):
        rendered_from(changed, "pre-publication-letter", "pdf", None, None, None)


# --- the national bodies, once each, with their addresses ----------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_letters_to_national_bodies_name_each_once_with_its_address(fmt: str) -> None:
    letter = text("england-2023-published", "pre-publication-letter", fmt)
    for body, address in (
        ("Child Safeguarding Practice Review Panel", "c/o Department for Education, Sanctuary Buildings"),
        ("Secretary of State for Education", "Department for Education, Sanctuary Buildings, 20 Great Smith Street"),
        ("Office for Standards in Education, Children's Services and Skills (Ofsted)", "Clive House, 70 Petty France"),
    ):
        assert letter.count(body) == 1 and f"{body}, {address}" in letter
    assert "To:" in letter and letter.count("To:") == 1
    panel = text("england-2023-national", "panel-letter", fmt)
    assert panel.count("Child Safeguarding Practice Review Panel, c/o") == 1 and panel.count("To:") == 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_panel_letter_says_the_decision_and_the_criteria_in_sentences(fmt: str) -> None:
    letter = text("england-2023-published", "panel-letter", fmt)
    assert (
        "On 1 April 2026 the safeguarding partners decided to commission a local child safeguarding practice review."
        " They do not consider a national review appropriate." in letter
    )
    assert "Regulations 2018), the case meets (a), (b) and (c)." in letter
    assert "In the safeguarding partners' view the case meets (c) of the criteria for a national child" in letter
    assert "Regulations 2018), on which the Child Safeguarding Practice Review Panel decides." in letter
    assert ": a local child safeguarding practice review" not in letter and "criteria a, b, c" not in letter


# --- the Panel's own decision ---------------------------------------------------------------------------------------

PANEL_TAKES_IT = (
    "On 9 March 2026 the Child Safeguarding Practice Review Panel decided to include the case in its national review"
    " of children who die through criminal exploitation."
)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("kind", ["panel-letter", "rapid-review-report"])
def test_the_panels_decision_to_take_the_case_is_told(kind: str, fmt: str) -> None:
    document = text("england-2023-national", kind, fmt)
    assert (
        "On 10 March 2026 the safeguarding partners decided not to commission a local child safeguarding practice"
        " review. They consider that a national review may be appropriate. " + PANEL_TAKES_IT in document
    )


def test_the_panels_decision_is_told_only_from_the_day_it_was_made() -> None:
    case = corpus_case("england-2023-national")
    assert PANEL_TAKES_IT in decision_sentence(case)
    assert "Panel decided" not in decision_sentence(case, case.rapid_review.panel_decision.date.replace(day=8))
    rapid = case.rapid_review
    refused = rapid.panel_decision.model_copy(update={"national_review": "No"})
    changed = case.model_copy(update={"rapid_review": rapid.model_copy(update={"panel_decision": refused})})
    assert decision_sentence(changed).endswith(
        "On 9 March 2026 the Child Safeguarding Practice Review Panel decided not to hold a national review of the"
        " case."
    )


# --- Letters 3 and 7 ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_letter_3_commissions_the_agencies_in_the_frameworks_words(fmt: str) -> None:
    letter = text("england-2023-published", "letter-3", fmt)
    assert (
        "Following the serious neglect of Isla and Finn identified on 5 March 2026, the safeguarding partners of the"
        " Thornleigh Safeguarding Children Partnership decided on 1 April 2026, after a rapid review, to commission a"
        " local child safeguarding practice review concerning the above child." in letter
    )
    assert "The review is led by Dr Kathleen Morrow, Independent Reviewer, and overseen by the partnership's" in letter
    assert "The review will consider these terms of reference: How agencies saw and understood" in letter
    assert "Why the twins were not seen by any professional between August 2025 and March 2026." in letter
    for seed_words in ("Investigating Officers", "scoping document", "has requested that", "Enc."):
        assert seed_words not in letter


@pytest.mark.parametrize("fmt", FORMATS)
def test_letter_7_promises_no_report_the_partners_decided_not_to_publish(fmt: str) -> None:
    withheld = text("england-2023-not-published", "letter-7", fmt)
    assert (
        "This review has now been concluded. The safeguarding partners have decided not to publish its report; they"
        " will publish a statement of the improvements to be made on 13 November 2026 instead." in withheld
    )
    assert "available for dissemination" not in withheld
    published = text("england-2023-published", "letter-7", fmt)
    assert (
        "This review is nearing its conclusion. The safeguarding partners will publish its report on 30 September"
        " 2026." in published
    )


# --- the partner notice ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_partner_notice_is_on_the_letterhead_of_the_director_who_signs_it(fmt: str) -> None:
    head = first_page("england-2023-published", "partner-notice", fmt)
    assert head.index("Thornleigh Metropolitan Borough Council Town Hall, Albert Square, Thornleigh, TL1 1TH") < (
        head.index("To:")
    )
    assert "Telephone 0161 496 0310" in head and "Exchange House, 9 Cotton Street" not in head
    assert "Thornleigh Metropolitan Borough Council · Our reference: TSCP-LCSPR-2026-03" in text(
        "england-2023-published", "partner-notice", fmt
    )
    request = first_page("england-2023-published", "panel-letter", fmt)
    assert "Thornleigh Safeguarding Children Partnership Partnership Business Unit, Ground Floor" in request


# --- harms and names ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_neglect_is_not_called_an_injury(fmt: str) -> None:
    notice = text("england-2023-published", "partner-notice", fmt)
    assert "Isla and Finn were seriously harmed through neglect on 5 March 2026. Abuse or neglect is known." in notice
    report = text("england-2023-published", "rapid-review-report", fmt)
    assert "Serious harm through neglect on 5 March 2026" in report
    assert "serious injury" not in (notice + report).lower()
    harmed = text("england-2023-not-published", "partner-notice", fmt)
    assert "Tia was seriously harmed through self-harm on 18 April 2026." in harmed


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_notified_child_has_a_name_in_the_public_report(fmt: str) -> None:
    report = text("england-2023-published", "review-report", fmt)
    assert "Poppy and Alfie are not their real names: they are the names agreed with their grandmother" in report
    assert "Alfie (twin brother)" in report and "Twin brother" not in report
    assert "Finn" not in report and "Isla" not in report


def test_a_notified_child_without_a_name_for_the_public_report_is_refused() -> None:
    case = corpus_case("england-2023-published")
    family = [m.model_copy(update={"anonymous_name": None}) if m.id == "twin" else m for m in case.family]
    with pytest.raises(NotSupportedError, match=r"family\[2\]\.anonymous_name: twin is notified with the child"):
        rendered_from(case.model_copy(update={"family": family}), "review-report", "pdf", None, None, None)


# --- the notification and the timetable -----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_notification_names_each_child_once_and_keeps_its_date_formats_whole(fmt: str) -> None:
    document = rendered("england-2023-published", "serious-incident-notification", fmt)
    raw = (
        "\n".join(pdf_pages_text(document.content))
        if fmt == "pdf"
        else "\n".join(docx_parts_text(document.content).values())
    )
    assert raw.count("(dd/mm/yyyy)") == 8 and "(dd/mm/\n" not in raw
    flat = squash(raw)
    assert flat.count("Isla May Mercer") == 1 and flat.count("Finn Jordan Mercer") == 1
    assert "Child 1 Name Isla May Mercer" in flat and "Child 2 Name Finn Jordan Mercer" in flat
    assert "Safeguarding partners outside the area told No other area" in flat


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_timetable_names_the_boards_panel(fmt: str) -> None:
    timetable = text("england-2023-published", "timetable", fmt)
    assert "Review panel Practice Review Group" in timetable
    assert "through the partnership's Practice Review Group" in timetable
    assert "Chair, Practice Review Group (Detective Chief Superintendent Howard Blaine)" in timetable


def test_a_signers_letterhead_names_the_organisation_once() -> None:
    """The director's postal address opens with the council's name; the letterhead prints it above, not again."""
    from docgen.derive.letters.letterheads import signer_letterhead

    from .conftest import england_case

    board = england_case().board
    letterhead = signer_letterhead(board, board.director_of_childrens_services)
    assert (letterhead.name, letterhead.address) == (
        "Kingsmere Council",
        "Civic Offices, Crown Square, Kingsmere, KM1 1CS",
    )

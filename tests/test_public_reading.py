"""What a reader of the public documents found, each a rule now: a relation reads as a description in prose, a
marking printed once, criteria lettered but not bulleted, no prompt in a final, a sister's views counted as hers, a
child's month of birth its year, the same cover in Word as in the PDF, and dates kept on one line."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from lxml import etree

from docgen import render
from docgen.gate.extract import docx_text, pdf_pages_text
from docgen.model import Case
from docgen.rendering.typography import typographic_html

from .approved import approved_case
from .approved import final as approved_final
from .conftest import corpus_case, quotes_folded, rendered_england, rendered_from, text_of

FORMATS = ["docx", "pdf"]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def text(case: str, kind: str, fmt: str) -> str:
    """A document of the England 2023 example or a corpus case, its quotes folded, from the run's shared cache."""
    document = (
        rendered_england(kind, fmt)
        if case == "england-2023"
        else rendered_from(corpus_case(case), kind, fmt, None, None, None)
    )
    return quotes_folded(text_of(document))


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_relation_reads_as_a_description_in_running_prose(fmt: str) -> None:
    report = text("england-2023", "review-report", fmt)
    assert "The reviewer met the mother and the maternal grandmother together" in report
    assert "spoke to the father by telephone" in report and "but that the mother's partner, who" in report
    assert "The reviewer met Mother" not in report and "that Mother's partner" not in report
    summary = text("child-died", "executive-summary", fmt)
    assert "How the half-sister's school and the pre-school responded to what the half-sister and Alfie" in summary
    assert "Mother's partner in his 30s" in summary.replace(" Yes", ""), "a table cell keeps the label"


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_cover_prints_the_marking_once(fmt: str) -> None:
    document = rendered_england("review-report", fmt)
    if fmt == "pdf":
        cover = pdf_pages_text(document.content)[0]
    else:
        cover = docx_text(document.content).split("Version history")[0]
    assert cover.count("OFFICIAL-SENSITIVE") == 1


@pytest.mark.parametrize("fmt", FORMATS)
def test_criteria_are_lettered_not_bulleted_and_end_as_a_list_of_their_own(fmt: str) -> None:
    report = text("england-2023", "review-report", fmt)
    assert "•" not in report.split("1.2 About")[0]
    local = report.split("local child safeguarding practice review:")[1].split("In the safeguarding partners")[0]
    assert re.findall(r"\(([a-d])\)", local) == ["a", "b", "c"]
    assert local.strip().endswith("children.") and "children; In" not in report


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_final_prints_no_prompt_and_a_draft_does(fmt: str) -> None:
    final = quotes_folded(text_of(approved_final("overview-report", fmt)))
    assert "AGREED At what level in the agency?" not in final and "Professional e.g." not in final
    assert "AGREED ACTION BY WHOM TIMESCALE" in final
    draft = quotes_folded(text_of(render(approved_case(), "overview-report", fmt, draft=True)))
    assert "AGREED At what level in the agency?" in draft and "Professional e.g. Health Visitor" in draft


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_sisters_views_are_counted_as_hers(fmt: str) -> None:
    overview = text("child-died", "overview-report", fmt)
    assert (
        "The child was seen on 12 of the 20 occasions recorded; the child's views were recorded on 1, and those of "
        "the half-sister on 4." in overview
    )
    assert "Seen: Half-sister; Alfie not seen" in overview


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_childs_month_of_birth_becomes_its_year(fmt: str) -> None:
    report = text("england-2023-published", "review-report", fmt)
    assert "The twins were born in 2024." in report and "[date of birth removed]" not in report


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_summary_says_the_name_it_gives_the_child_is_not_real(fmt: str) -> None:
    summary = text("child-died", "executive-summary", fmt)
    assert "This summary concerns Alfie, aged 3 years 5 months at the time of the incident. Alfie is not his real" in (
        summary
    )


def test_the_word_cover_is_the_pdfs() -> None:
    """The author's table 70% of the text's width and centred, the title 30 mm down the page, as in the PDF."""
    document = rendered_england("review-report", "docx")
    with zipfile.ZipFile(io.BytesIO(document.content)) as package:
        body = etree.fromstring(package.read("word/document.xml")).find(f"{W}body")
    assert body is not None
    table = body.find(f"{W}tbl")
    assert table is not None
    properties = table.find(f"{W}tblPr")
    assert properties is not None
    assert properties.find(f"{W}tblW").get(f"{W}w") == "3500"  # fiftieths of a per cent
    assert properties.find(f"{W}jc").get(f"{W}val") == "center"
    title = body.find(f"{W}p")
    assert title is not None and "LOCAL CHILD SAFEGUARDING PRACTICE REVIEW" in "".join(title.itertext())
    assert title.find(f"{W}pPr/{W}spacing").get(f"{W}before") == "1701"  # 30 mm in twips


def test_a_date_and_a_labels_number_stay_on_one_line() -> None:
    html = typographic_html("<p>On 30 September 2026 Social Worker 1 met her.</p><code>30 September</code>")
    assert html == "<p>On 30\u00a0September 2026 Social Worker\u00a01 met her.</p><code>30 September</code>"
    pdf = rendered_from(corpus_case("child-died"), "overview-report", "pdf", None, None, None).content
    pages = pdf_pages_text(pdf)
    assert "30 September" in "".join(pages), "read back as a space: the proof and the leak check find dates"
    assert not re.search(r"\b30\n(?:September|June)\b", "\n".join(pages)), "a day never ends a line"


def test_the_summary_of_a_case_without_a_chosen_name_says_nothing_of_it(case: Case) -> None:
    unnamed = case.model_copy(update={"subject": case.subject.model_copy(update={"anonymous_name": None})})
    summary = text_of(render(unnamed, "executive-summary", "pdf"))
    assert "is not her real name" not in summary and "This summary concerns Child" in summary

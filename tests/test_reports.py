"""The reports: every heading and field label of Appendices IV, V, VII and VIII, in DOCX and PDF."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from docgen.model import Case
from docgen.passes.generalise import generic_mention
from docgen.text.dates import chronology_date, long_date

from .conftest import quotes_folded, squash

FORMATS = ["docx", "pdf"]
IMR_AGENCY = "csc"
NOBODY_SEEN = re.compile(r"(?<!; )Isabella not seen")
"""A chronology row in which nobody was seen (one in which others were seen says '…; Isabella not seen')."""


def check(text: str, expected: list[str]) -> None:
    assert [phrase for phrase in expected if quotes_folded(phrase) not in quotes_folded(text)] == []


ACTION_PLAN_COLUMNS = [  # section 2.4.14: the template's columns, and one for each element of a good action plan
    "RECOMMENDATION",
    "AGREED At what level in the agency?",
    "ACTION What are we going to do?",
    "BY WHOM Who is going to do it?",
    "TIMESCALE By when?",
    "OUTCOME What do we intend to achieve?",
    "MONITORING How will improvements be monitored and reviewed?",
    "ACHIEVED What has been achieved?",
    "ASSESSMENT How is your agency meeting these recommendations? (red, amber or green)",
    "SIGNED OFF Action taken and completed?",
]

IMR_HEADINGS = [
    "STRICTLY CONFIDENTIAL",
    "INDIVIDUAL MANAGEMENT REVIEW REPORT OF",
    "PREPARED FOR THE",
    "AUTHOR: Name:",
    "Post:",
    "Address:",
    "Tel No.:",
    "Date",
    "1 INTRODUCTION",
    "1.1 Reason for the review",
    "1.2 Terms of reference",
    "1.3 Contextual Information",
    "1.4 Methodology",
    "a) How the agency carried out the review.",
    "b) Details of documents seen.",
    "c) List of interviews and dates.",
    "d) Details of information not available/not considered (with reasons).",
    "e) Details of how agency staff were kept informed of the purpose and process of the Individual Agency Review.",
    "f) Details of staff involved by name and job title for the benefit of the Panel only.",
    "g) Were you given sufficient time to complete the task?",
    "2 FAMILY INFORMATION",
    "2.1 Family Composition and genogram",
    "2.2 Summary of family background and circumstances",
    "a) Relevant chronological history",
    "b) Further amplification of relevant facts in terms of contextual information",
    "c) Other relevant information appended",
    "d) Details of the agency's internal child protection procedures",
    "3 ANALYSIS OF INVOLVEMENT",
    "4 RECOMMENDATIONS",
    *ACTION_PLAN_COLUMNS,
    "Signatures required on completed report",
    "Author of IMR",
    "Head of Agency",
    # Appendix V columns
    "Date",
    "Time",
    "Child/Family Member",
    "Professional e.g. Health Visitor/Social Worker",
    "Significant Events/Incidents and if child seen",
    "Agency",
    "Management Review Officer's Comments Including good practice",
]


@pytest.mark.parametrize("fmt", FORMATS)
def test_imr_carries_every_heading_and_field(case: Case, text: Callable[..., str], fmt: str) -> None:
    agency, imr = case.agency(IMR_AGENCY), case.imrs[IMR_AGENCY]
    body = text("imr", fmt, IMR_AGENCY)
    check(body, IMR_HEADINGS)
    assert agency.imr_author and agency.imr_author.phone and imr.date
    entries = [e for e in case.chronology if e.agency == IMR_AGENCY]
    check(
        body,
        [
            f"{case.review.type.upper()} – {case.subject.full_name}",
            agency.name,
            f"{case.board.short_name} SERIOUS CASE REVIEW PANEL",
            agency.imr_author.name,
            agency.imr_author.post or "",
            agency.imr_author.phone,
            long_date(imr.date),
            *(member.full_name for member in case.family),
            *(member.relationship for member in case.family),
            *(chronology_date(e.date) for e in entries),
            agency.chief_officer.name,
            f"Draft v{imr.approval.version}",
        ],
    )
    assert len(NOBODY_SEEN.findall(body)) + body.count("Seen: ") == len(entries), (
        "one row per entry of this agency only"
    )
    others = [" ".join(e.event.split()[:8]) for e in case.chronology if e.agency != IMR_AGENCY]
    assert others and [event for event in others if event in body] == []


@pytest.mark.parametrize("fmt", FORMATS)
def test_imr_recommendations_are_numbered_with_parts(case: Case, text: Callable[..., str], fmt: str) -> None:
    imr = case.imrs[IMR_AGENCY]
    body = text("imr", fmt, IMR_AGENCY)
    split = next(i for i, r in enumerate(imr.recommendations, 1) if r.parts)
    check(body, [f"Recommendation {i}." for i in range(1, len(imr.recommendations) + 1)])
    check(body, [f"{split}{letter}." for letter in "ab"])
    check(body, [" ".join((r.action or "").split()[:5]) for r in imr.recommendations if not r.parts])


OVERVIEW_HEADINGS = [
    "STRICTLY CONFIDENTIAL",
    "OVERVIEW REPORT",
    "PREPARED FOR THE",
    "AUTHOR: Name:",
    "Post:",
    "Address:",
    "Tel No.:",
    "1 Introduction",
    "The circumstances that led to the review",
    "Terms of Reference of the Case Review",
    "Contributors to the review and the nature of their contributions",
    "Nature of contribution",
    "and author of the overview report",
    "2 Facts",
    "Family, extended family and household",
    "Integrated chronology",
    "Summary of what was known to agencies",
    "3 Analysis",
    "Good practice",
    "4 Conclusions and Recommendations",
    "Conclusions",
    "Recommendations",
    "Lessons for national policy and practice",
    "Action plan",
    *ACTION_PLAN_COLUMNS,
    "Appendix B: Recommendations from Single Agency Management Review Reports",
    "Author of Report",
]


@pytest.mark.parametrize("fmt", FORMATS)
def test_overview_carries_every_heading_and_field(case: Case, text: Callable[..., str], fmt: str) -> None:
    overview, author = case.overview, case.review.overview_author
    assert overview and author and overview.date and overview.author_signed
    body = text("overview-report", fmt)
    check(body, OVERVIEW_HEADINGS)
    check(
        body,
        [
            author.name,
            long_date(overview.date),
            long_date(overview.author_signed),
            *(member.name for member in case.review.panel),
            *(agency.name for agency in case.agencies),
            *(case.agency(a).name for a, imr in case.imrs.items() if imr.recommendations),
            f"Draft v{overview.approval.version}",
        ],
    )
    rows = len(NOBODY_SEEN.findall(body)) + body.count("Seen: ")
    assert rows == len(case.chronology), "every agency's entries"
    seen = sum(e.child_seen for e in case.chronology)
    assert f"The child was seen on {seen} of the {len(case.chronology)} occasions recorded" in body


def test_integrated_chronology_is_in_date_order(case: Case, text: Callable[..., str]) -> None:
    from docgen.derive import sorted_chronology

    body = quotes_folded(text("overview-report", "docx"))
    start = body.index("Integrated chronology")
    positions = []
    for entry in sorted_chronology(case.chronology):
        marker = quotes_folded(" ".join(entry.event.split()[:8]))
        positions.append(body.index(marker, start))
    assert positions == sorted(positions)


@pytest.mark.parametrize("fmt", FORMATS)
def test_overview_action_plan_and_part_numbering(case: Case, text: Callable[..., str], fmt: str) -> None:
    assert case.overview
    recs = case.overview.recommendations
    body = text("overview-report", fmt)
    split = next(i for i, r in enumerate(recs, 1) if r.parts)
    check(body, [f"{split}{chr(ord('a') + j)}" for j in range(len(recs[split - 1].parts))])
    lights = [row.latest_progress.assessment for r in recs for row in (r.parts or [r]) if row.latest_progress]
    assessments = {light.value.upper() for light in lights if light}
    check(body, sorted(assessments))


def test_narrative_lists_are_real_word_lists_that_restart(case: Case) -> None:
    import io
    import zipfile

    from lxml import etree

    from .conftest import rendered

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(io.BytesIO(rendered("imr", "docx", IMR_AGENCY).content)) as package:
        body = etree.fromstring(package.read("word/document.xml"))
        numbering = etree.fromstring(package.read("word/numbering.xml"))
    numbered = [p for p in body.iter(f"{w}p") if p.find(f"{w}pPr/{w}numPr") is not None]
    terms = [p for p in numbered if "".join(p.itertext()).startswith(case.review.terms_of_reference[0][:30])]
    assert terms, "the terms of reference are a numbered Word list"
    num_ids = {p.find(f"{w}pPr/{w}numPr/{w}numId").get(f"{w}val") for p in numbered}
    assert len(num_ids) >= 3, "each list is its own numbering instance, so numbered lists restart at 1"
    formats = {f.get(f"{w}val") for f in numbering.iter(f"{w}numFmt")}
    assert {"decimal", "bullet"} <= formats


@pytest.mark.parametrize("fmt", FORMATS)
def test_executive_summary_carries_every_heading_and_field(case: Case, text: Callable[..., str], fmt: str) -> None:
    summary, author = case.executive_summary, case.review.overview_author
    assert summary and author and summary.date and summary.maltreatment
    recommendations = case.overview.recommendations if case.overview else []
    assert recommendations and any(r.national for r in recommendations)
    body = text("executive-summary", fmt)
    check(
        body,
        [
            "STRICTLY CONFIDENTIAL",
            f"{case.review.type.upper()} – {case.subject.anonymous_name}",
            "EXECUTIVE SUMMARY",
            "PREPARED FOR THE",
            case.board.name.upper(),
            "AUTHOR: Name:",
            author.name,
            "Post:",
            long_date(summary.date),
            "Introduction",
            f"This summary concerns {case.subject.anonymous_name}, aged",
            "at the time of the incident",
            "Family background",
            "Member of the household or relevant person",
            "Age",
            "Lived in the household",
            "Review process",
            "The terms of reference of the review were:",
            "The following organisations provided information to the review:",
            *(generic_mention(a) if case.locates_family(a) else a.name for a in case.agencies),
            "Reasons for conducting the review and criteria met",
            "Summary of case",
            "The incident",
            "Kind of maltreatment",
            summary.maltreatment,
            "Believed to be responsible",
            "Context of ages involved and resourcing",
            "Key themes and lessons learnt",
            "Conclusions and Recommendations",
            "Key recommendations and their resource implications",
            "Resource implications",
            *(r.resource_implications or "" for r in recommendations),
            "A lesson for national as well as local policy and practice.",
            f"Draft v{summary.approval.version}",
        ],
    )
    # a public cover gives no author's address or telephone; every recommendation is in the table, in order
    assert "Address:" not in body and "Tel No.:" not in body
    assert author.phone and author.phone not in body
    table = squash(quotes_folded(body[body.index("Key recommendations and their resource implications") :]))
    starts = [table.find(squash(quotes_folded(r.text))[:40]) for r in recommendations]
    assert len(starts) == 6 and -1 not in starts and starts == sorted(starts), starts


def test_docx_chronology_is_landscape_and_the_report_ends_on_it(case: Case) -> None:
    import io

    from docx import Document
    from docx.enum.section import WD_ORIENT

    from .conftest import rendered

    document = Document(io.BytesIO(rendered("imr", "docx", IMR_AGENCY).content))
    orientations = [section.orientation for section in document.sections]
    assert orientations[0] == WD_ORIENT.PORTRAIT and orientations[-1] == WD_ORIENT.LANDSCAPE
    assert len(orientations) == 2, "the signatures end the portrait body; the appendices share one landscape section"
    assert document.paragraphs[-1].text.strip() or document.element.body[-2].tag.endswith("tbl"), "no blank page"

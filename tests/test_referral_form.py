"""The referral form SCR/Ref/M08 (Appendix I): every section and tick-box filled from the case, and the blank
form whose fields are Word content controls."""

from __future__ import annotations

import io
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen import NotSupportedError, render, render_blank
from docgen.cli.commands import main

from .conftest import SAMPLE, quotes_folded, sample_case, text_of
from .papers_helpers import boxes, controls, kinds_of_controls

SECTIONS = [
    "Referral form: consideration for a Serious Case Review",
    "Section 1 to be completed within 72 hours of incident by referring officer following discussion with line "
    "manager/designated Child Protection professional, where appropriate. Please refer to Working Together to "
    "Safeguard Children 2006 and the Northbrook and District Safeguarding Children Procedures: email: "
    "nscb@nscb.example.org.",
    "1.1 Referrer Details",
    "Is your Line Manager aware of the referral?",
    "1.2 Child Details",
    "Date of Death (if appl.) (dd/mm/yyyy)",
    "Does the child have any special needs or a disability? If yes, please specify:",
    "Does the Child have any Special Educational Needs? If yes, please specify:",
    "Is the child subject to a Child Protection Plan?",
    "1.3 Family Details/Significant Others",
    "Legal Status/",  # broken after the slash in the PDF's narrow label column
    "Criminal Proceedings",
    "Do any of the above (including parents) have special needs or a disability? If yes, please specify:",
    "Have any of the above been or are currently subject to a Child Protection Plan? If yes, please specify:",
    "1.4 Other Agencies Involved",
    "Are they still involved?",
    "1.5 Circumstances Triggering Referral",
    "1.6 Events & Circumstances Relevant to Referral Category",
    "Who was the carer for the child at the time?",
    "1.7 Details of the Incident or Concern that Lead to Referral",
    "1.8 Chronology of Key Events",
    "Date (& time where appropriate)",
    "1.9 Other Matters of relevance",
    "[Please include any matters which the Panel should be aware of when making a recommendation]",
    "Section 2",
    "(To be completed by NSCB Screening Panel Chair)",
    "2.1 Screening Panel Meeting",
    "2.2 Recommendation",
    "Please state the reasons of the panel for this decision:",
    "Where a Serious Case Review is not recommended please complete Section 2.3",
    "2.3 Other Reviews Options",
    "The following members of the Serious Case Review Panel have been consulted:",
    "Has legal advice been Sought?",
    "Section 3",
    "(To be completed by NSCB Chair)",
    "My decision is that the case should be subject to the following:",
    "3.2 Issues",
    "The following issues are of particular significance:",
    "3.3 Overview Report",
    "Section 4",
    "(To be completed by the Chair of the Serious Case Review Panel)",
    "4.1 Scope of Review",
    "The terms of reference and scope of the review is set out:",
    "Section 5 – Guidance for completing this form",
    "5.2 Completing the critical incident summary (see Section 1.7)",
    "Does the case suggest that the NSCB may need to change its local protocols or procedures",
]


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_every_section_of_the_seed_form(fmt: str) -> None:
    text = text_of(render(sample_case(), "referral-form", fmt))
    missing = [section for section in SECTIONS if section not in text]
    assert missing == []
    assert "NSCB/SCR/Ref/N01" in text


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_every_field_is_filled_from_the_case(fmt: str) -> None:
    case = sample_case()
    text = text_of(render(case, "referral-form", fmt))
    expected = [
        # 1.1 referrer
        "Jennifer Oduya",
        "Designated Nurse for Safeguarding Children",
        "NHS Northbrook and District Integrated Care Board",
        "jennifer.oduya@nbicb.example.nhs.uk",
        "Fiona Marsh, Director of Nursing and Quality",
        # 1.2 child
        "Isabella Zofia Carter-Nowak",
        "18/05/2023",
        "14 Larkspur Close, Hawthorn Park, Northbrook, NB3 7QT",
        "White – Any other White background",
        "Roman Catholic",
        "Left-sided weakness following an acquired brain injury",
        "Little Acorns Day Nursery",
        "An Education, Health and Care needs assessment was requested in June 2026.",
        # 1.3 every family member and significant other, with the answers for any of them
        *(member.full_name for member in case.family),
        "Mother's partner",
        "30/01/1994",
        "Charged on 24 February 2026",
        "Siân Elin Carter: Anxiety and depression, treated by her GP since 2019.",
        "Jac Dafydd Carter: Child protection plan (emotional abuse)",
        # 1.4 every agency with its officer
        *(agency.name for agency in case.agencies),
        "Lisa Harwood",
        "Police Officer, Child Abuse Investigation Team",
        "020 7946 0392",
        "Tracey Wren",
        # 1.6, 1.7, 1.8, 1.9
        "At home, 14 Larkspur Close, Northbrook",
        "Her mother's partner, Kieran O'Brien; her mother was at work",
        "bilateral retinal haemorrhages",
        "04/10/2025 22:40",
        "Child protection plans ended; step down to a Child in Need plan.",
        "24/02/2026",
        "There is local media interest.",
        # sections 2 to 4
        "10/03/2026",
        "The panel therefore does not recommend a Serious Case Review.",
        "DCI Simon Greaves, Northbrook Constabulary",
        "11/03/2026",
        "The transfer of records when the family moved from Wales.",
        "I recommend that Dr Rosalind Achterberg be approached to write the overview report.",
        "Dr Helen Marchbank",
        "13/03/2026",
        "24/03/2026",
        "The review will focus on the six months before the incident",
        "Cross-border issues arising from the family's move from Caerwen County Borough",
        "Ruth Penhaligon",
        "25/03/2026",
        # section 5: the board's contacts
        "e-mail: nscb@nscb.example.org",
        "Website: www.nscb.example.org",
        "Tel: 01632 960 100",
        "Fax: 01632 960 101",
    ]
    assert [value for value in expected if quotes_folded(value) not in quotes_folded(text)] == []


def test_every_tick_box_follows_the_case_in_word() -> None:
    ticked = boxes(render(sample_case(), "referral-form", "docx").content)
    assert len(ticked) == 2 + 6 + 4 + 8 * 2 + 5 + 2 + 6 + 2 + 7
    expected_ticks = {
        "referrer.line_manager_aware.yes",
        "child.special_needs.yes",
        "child.special_educational_needs.yes",
        "child.child_protection_plan.no",
        "family.special_needs.yes",
        "family.child_protection_plan.yes",
        *(f"agencies[{i}].still_involved.yes" for i in (0, 1, 2, 3, 6, 7)),  # the agencies still involved
        "agencies[4].still_involved.no",
        "agencies[5].still_involved.no",
        "circumstances.injury",
        "circumstances.inter_agency",
        "screening.recommendation.not_recommended",
        "screening.other_options.lessons_learned_review",
        "screening.legal_advice.yes",
        "decision.outcome.lessons_learned_review",
    }
    assert {tag for tag, on in ticked.items() if on} == expected_ticks


def test_the_tick_boxes_in_the_pdf() -> None:
    text = quotes_folded(text_of(render(sample_case(), "referral-form", "pdf")))
    for row in (
        "Death of Child and abuse or neglect is known or suspected to be a factor in the child's death ☐",
        "Concerns about inter-agency working ☒",
        "Recommended ☐ Not Recommended ☒",
        "A Lessons Learned Review ☒",
        "A Serious Case Review ☐",
        "No Action ☐",
    ):
        assert row in text
    assert text.count("☒") == 20  # as many as in Word


def test_word_gives_the_grids_and_tick_lists_the_pdfs_columns_and_keeps_each_grid_on_one_page() -> None:
    """The people and agency grids and every tick list take their widths from one column specification (Word
    spreads columns evenly otherwise: e-mail addresses broke and ticks stood mid-page); a grid moves whole."""
    import docx

    tables = docx.Document(io.BytesIO(render(sample_case(), "referral-form", "docx").content)).tables

    def shares(table: docx.table.Table) -> list[float]:
        columns = table._tbl.tblGrid.findall(docx.oxml.ns.qn("w:gridCol"))
        widths = [int(column.get(docx.oxml.ns.qn("w:w"))) for column in columns]
        return [round(width / sum(widths), 2) for width in widths]

    agency_grids = [t for t in tables if t.cell(0, 0).text == "Agency"]
    people_grids = [t for t in tables if t.cell(0, 0).text == "Name" and len(t.columns) == 5]
    tick_lists = [t for t in tables if len(t.columns) == 2 and t.cell(0, 1).text == "Please tick"]
    assert len(agency_grids) == 4 and len(people_grids) == 2 and len(tick_lists) >= 3
    assert {tuple(shares(t)) for t in agency_grids} == {(0.18, 0.41, 0.41)}
    assert {tuple(shares(t)) for t in people_grids} == {(0.2, 0.2, 0.2, 0.2, 0.2)}
    assert {tuple(shares(t)) for t in tick_lists} == {(0.86, 0.14)}
    for grid in agency_grids + people_grids:
        paragraphs = [p for row in grid.rows[:-1] for p in row.cells[0].paragraphs]
        assert all(p.paragraph_format.keep_with_next for p in paragraphs)


def test_an_early_referral_leaves_sections_2_to_4_for_the_panel() -> None:
    case = sample_case().model_copy(update={"screening": None, "decision": None})
    text = text_of(render(case, "referral-form", "pdf"))
    assert "Recommended ☐ Not Recommended ☐" in text
    assert "Dr Helen Marchbank" not in text  # nobody has signed section 3
    assert "I recommend that be approached" in text  # a line to write the name on


# --- the blank form ---------------------------------------------------------------------------------


def test_blank_form_fields_are_word_content_controls() -> None:
    docx = render_blank(sample_case().board, "referral-form", "docx")
    assert docx.filename == "NSCB_referral-form_blank.docx" and not docx.draft
    found = controls(docx.content)
    tags = [tag for tag, _ in found]
    assert len(tags) == len(set(tags)), "every field has its own tag"
    # 8 family columns, 4 agency columns and 6 key events, as the seed's grids; every tick-box of every section
    assert kinds_of_controls(docx.content) == {"checkbox": 42, "date": 16, "text": 76, "multiline": 28}
    assert not any(state is True for _, state in found), "nothing is ticked on a blank form"
    kinds = dict(found)
    assert kinds["referrer.name"] == "text"
    assert kinds["child.date_of_birth"] == "date"
    assert kinds["family[7].religion"] == "text"
    assert kinds["agencies[3].still_involved.no"] is False
    assert kinds["incident"] == "multiline"
    assert kinds["key_events[5].event"] == "text"
    assert kinds["scope.date"] == "date"
    xml = zipfile.ZipFile(io.BytesIO(docx.content)).read("word/document.xml").decode()
    assert xml.count('w:dateFormat w:val="dd/MM/yyyy"') == 16
    text = text_of(docx)
    assert "__" not in text
    assert "Isabella" not in text and "LLR-2026-04" not in text, "no case data on a blank form"
    assert "NSCB/SCR/Ref/N01" in text and "Northbrook Safeguarding Children Board" in text


def test_blank_pdf_has_empty_boxes_and_room_to_write() -> None:
    pdf = render_blank(sample_case().board, "referral-form", "pdf")
    text = text_of(pdf)
    assert text.count("☐") == 42 and "☒" not in text
    assert "Click or tap" not in text
    assert all(section in text for section in SECTIONS)


def test_only_the_referral_form_is_printed_blank() -> None:
    with pytest.raises(NotSupportedError, match="letter-1 is not printed blank"):
        render_blank(sample_case().board, "letter-1", "pdf")


@pytest.mark.slow
@pytest.mark.libreoffice
def test_libreoffice_opens_the_blank_form_with_its_controls(tmp_path: Path) -> None:
    path = tmp_path / "blank.docx"
    path.write_bytes(render_blank(sample_case().board, "referral-form", "docx").content)
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "odt",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    content = zipfile.ZipFile(tmp_path / "blank.odt").read("content.xml").decode()
    assert content.count('loext:checkbox="true"') == 42
    assert content.count('loext:date="true"') == 16
    assert content.count("<text:text-input") == 76 + 28


def run(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args], prog_name="docgen")
    return result.exit_code, result.stdout, result.stderr


def test_blank_on_the_command_line_from_a_board_profile_or_a_case(tmp_path: Path) -> None:
    board = SAMPLE.parent / "boards" / "northbrook.yaml"
    code, out, err = run("render", board, "--doc", "referral-form", "--blank", "--format", "docx", "--out", tmp_path)
    assert code == 0, err
    assert out.splitlines() == [str(tmp_path / "NSCB_referral-form_blank.docx")]
    code, out, err = run("render", SAMPLE, "--all", "--blank", "--format", "pdf", "--out", tmp_path / "b")
    assert code == 0, err
    assert out.splitlines() == [str(tmp_path / "b" / "NSCB_referral-form_blank.pdf")]


def test_blank_refuses_what_a_blank_form_cannot_have(tmp_path: Path) -> None:
    code, _, err = run("render", SAMPLE, "--doc", "letter-1", "--blank", "--out", tmp_path)
    assert code == 2 and "letter-1 is not printed blank" in err
    code, _, err = run("render", SAMPLE, "--doc", "referral-form", "--blank", "--anonymise", "--out", tmp_path)
    assert code == 2 and "a blank form has no agency, addressee, date, anonymisation or draft marking" in err
    bad = tmp_path / "board.yaml"
    bad.write_text("name: A Board\nshort_name: AB\nphnoe: 1\n", encoding="utf-8")
    code, _, err = run("render", bad, "--doc", "referral-form", "--blank", "--out", tmp_path)
    assert code == 2
    assert f"{bad} is not a valid board profile" in err
    assert f"{bad}, line 3, field phnoe: unknown field 'phnoe'; did you mean 'phone'?" in err
    assert "Traceback" not in err
    assert not list(tmp_path.glob("*.docx")) and not list(tmp_path.glob("*.pdf"))

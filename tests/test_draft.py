"""DRAFT marking: every page of a draft carries the watermark and the footer note; finals carry none."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import zipfile
from pathlib import Path

import pytest
from lxml import etree
from PIL import Image, ImageChops

from docgen import NotApprovedError, render
from docgen.gate.extract import pdf_pages_text
from docgen.model import Approval, Case
from docgen.text.dates import long_date

from .libreoffice import convert_to_pdf

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
V = "urn:schemas-microsoft-com:vml"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def header_parts(docx: bytes) -> dict[str, list[str]]:
    """For every section: the header parts it uses (default, first, even), by type."""
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        document = etree.fromstring(package.read("word/document.xml"))
        rels = etree.fromstring(package.read("word/_rels/document.xml.rels"))
        targets = {r.get("Id"): f"word/{r.get('Target')}" for r in rels}
        parts = {}
        for n, section in enumerate(document.iter(f"{{{W}}}sectPr")):
            refs = section.findall(f"{{{W}}}headerReference")
            parts[f"section {n}"] = [f"{r.get(f'{{{W}}}type')}:{targets[r.get(f'{{{R}}}id')]}" for r in refs]
        return parts


def watermarked(docx: bytes, part: str) -> bool:
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        xml = etree.fromstring(package.read(part))
    return any(t.get("string") == "DRAFT" for t in xml.iter(f"{{{V}}}textpath"))


@pytest.mark.slow
def test_report_is_a_draft_until_approved(case: Case) -> None:
    assert case.overview and not case.overview.approval.is_approved
    assert render(case, "overview-report", "pdf").draft


@pytest.mark.slow
def test_every_pdf_page_of_a_draft_says_draft(case: Case) -> None:
    assert case.overview
    approval = case.overview.approval
    pages = pdf_pages_text(render(case, "overview-report", "pdf").content)
    footer = f"Draft v{approval.version} – {long_date(approval.dated)}"
    assert len(pages) > 5
    assert all("DRAFT" in page for page in pages)
    assert all(footer in " ".join(page.split()) for page in pages)


@pytest.mark.parametrize(("kind", "agency"), [("overview-report", None), ("imr", "csc"), ("letter-1", None)])
def test_docx_draft_has_the_watermark_in_every_header_part(case: Case, kind: str, agency: str | None) -> None:
    content = render(case, kind, "docx", agency=agency, draft=True).content
    sections = list(header_parts(content).values())
    if not kind.startswith("letter-"):
        assert len(sections) > 1, "the reports' landscape tables have sections of their own"
    first, *later = sections
    assert {ref.split(":")[0] for ref in first} >= {"default", "first"}, "a first-page header without it loses page 1"
    for number, refs in enumerate(later, 2):
        # a later section has a default header of its own, or none: it shows the previous section's
        assert not refs or "default" in {ref.split(":")[0] for ref in refs}, f"section {number}"
    referenced = {ref.split(":", 1)[1] for refs in sections for ref in refs}
    assert referenced
    for part in sorted(referenced):
        assert watermarked(content, part), part


def test_final_has_no_watermark(case: Case) -> None:
    content = render(case, "letter-1", "docx").content
    for refs in header_parts(content).values():
        assert not any(watermarked(content, ref.split(":", 1)[1]) for ref in refs)
    pdf = pdf_pages_text(render(case, "letter-1", "pdf").content)
    assert not any("DRAFT" in page or "Draft v" in page for page in pdf)


def test_letters_are_drafts_only_when_asked(case: Case) -> None:
    assert not render(case, "letter-3", "pdf").draft
    forced = render(case, "letter-3", "pdf", draft=True)
    assert forced.draft and all("DRAFT" in page for page in pdf_pages_text(forced.content))


def test_final_on_an_unapproved_report_is_refused(case: Case) -> None:
    with pytest.raises(NotApprovedError, match="overview-report cannot be rendered as final"):
        render(case, "overview-report", "docx", draft=False)


def test_cli_final_refusal_is_a_usage_error(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from docgen.cli.commands import main

    from .conftest import SAMPLE

    result = CliRunner().invoke(
        main, ["render", str(SAMPLE), "--doc", "overview-report", "--final", "--out", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert "has not approved it" in result.stderr and list(tmp_path.iterdir()) == []


def rasterise(pdf: Path) -> list[Image.Image]:
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(pdf.with_suffix(""))], check=True)
    return [Image.open(p).convert("L") for p in sorted(pdf.parent.glob(f"{pdf.stem}-*.png"))]


def approved(case: Case, agency: str) -> Case:
    """The case with the agency's IMR approved by the board, so that it renders as a final."""
    approval = Approval(version="2", approved_on=dt.date(2026, 9, 1), approved_by="Board")
    imr = case.imrs[agency].model_copy(update={"approval": approval})
    return case.model_copy(update={"imrs": {**case.imrs, agency: imr}})


@pytest.mark.slow
@pytest.mark.parametrize(
    ("kind", "agency"),
    [("letter-5", None), ("imr", "police")],
    ids=["letter", "imr-with-landscape-sections"],
)
def test_word_clients_show_the_watermark_on_every_page(
    case: Case, tmp_path: Path, kind: str, agency: str | None
) -> None:
    """The watermark is a shape, invisible to text extraction: compare LibreOffice's pages pixel by pixel."""
    final_case = approved(case, agency) if agency else case
    files = []
    for name, draft in (("draft", True), ("final", None)):  # one case: only the watermark differs
        to = final_case.parents_notified[0] if kind == "letter-5" else None
        document = render(final_case, kind, "docx", agency=agency, to=to, draft=draft)
        assert document.draft == (name == "draft")
        path = tmp_path / f"{name}.docx"
        path.write_bytes(document.content)
        files.append(path)
    pdfs = convert_to_pdf(files, tmp_path)
    drafts, finals = rasterise(pdfs[files[0]]), rasterise(pdfs[files[1]])
    assert len(drafts) == len(finals) >= 2
    if agency:
        assert any(page.width > page.height for page in drafts), "no landscape page to check"
    for number, (draft, final) in enumerate(zip(drafts, finals, strict=True), 1):
        assert draft.size == final.size, f"page {number}: laid out differently"
        difference = ImageChops.difference(draft, final).point(lambda v: 255 if v > 24 else 0)
        changed = sum(difference.histogram()[255:]) / (draft.width * draft.height)
        assert changed > 0.02, f"page {number}: no watermark drawn"
        box = difference.getbbox()
        assert box is not None
        centre_x, centre_y = (box[0] + box[2]) / 2 / draft.width, (box[1] + box[3]) / 2 / draft.height
        assert 0.3 < centre_x < 0.7 and 0.3 < centre_y < 0.7, f"page {number}: the change is not a centred watermark"

"""The action plan of section 2.4.14, and the recommendation rules of 2.4.10–2.4.12, in DOCX and PDF."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable

import pypdfium2 as pdfium
import pytest
from lxml import etree

from docgen import IncompleteReportError, render
from docgen.derive import agency_prefix, not_single, number_recommendations
from docgen.derive.action_plan import KEPT_WHOLE, RAG_SHADES
from docgen.model import Approval, Case, Recommendation
from docgen.model.options import TrafficLight

from .conftest import quotes_folded, text_of

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_every_element_of_a_good_action_plan_is_its_own_field(case: Case, text: Callable[..., str], fmt: str) -> None:
    body = quotes_folded(text("imr", fmt, "csc"))
    plan = body[body.index("Appendix A: Action plan", body.index("Appendix A: Action plan") + 1) :]
    part = case.imrs["csc"].recommendations[0].parts[0]
    progress = part.progress[0]  # as it stood on the IMR's date; it was signed off later
    assert progress.achieved and part.monitoring and part.agreed_at_level and part.timescale and part.sign_off.by
    for value in (part.agreed_at_level, part.timescale, part.monitoring, progress.achieved):
        assert quotes_folded(" ".join(value.split()[:4])) in plan, value
    assert "Yes, 30 September 2026" not in plan and "Not yet" in plan, "signed off after the IMR's date"


def shaded_cells(content: bytes) -> dict[str, set[str]]:
    """The fill of every Word table cell whose text is a traffic light, by the light."""
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        body = etree.fromstring(package.read("word/document.xml"))
    fills: dict[str, set[str]] = {}
    for cell in body.iter(f"{W}tc"):
        light = cell.findtext(f".//{W}t") or ""
        if light in {"RED", "AMBER", "GREEN"}:
            shading = cell.find(f"{W}tcPr/{W}shd")
            fills.setdefault(light, set()).add(shading.get(f"{W}fill") if shading is not None else "none")
    return fills


def test_word_shades_the_traffic_light_as_the_pdf_does(document: Callable[..., object]) -> None:
    fills = shaded_cells(document("overview-report", "docx").content)  # type: ignore[attr-defined]
    assert fills == {light.value.upper(): {RAG_SHADES[light].upper()} for light in TrafficLight}


@pytest.mark.slow
def test_pdf_shades_the_traffic_light(document: Callable[..., object]) -> None:
    """The PDF's action plan pages carry each light's colour (sampled from the rendered page)."""
    content = document("overview-report", "pdf").content  # type: ignore[attr-defined]
    pdf = pdfium.PdfDocument(content)
    try:
        pages = [p for p in pdf if "ASSESSMENT" in p.get_textpage().get_text_range()]
        assert pages
        colours = set()
        for page in pages:
            image = page.render(scale=0.5).to_pil().convert("RGB")
            colours |= {rgb for _, rgb in image.getcolors(maxcolors=1 << 20) or []}
    finally:
        pdf.close()
    for shade in RAG_SHADES.values():
        assert tuple(int(shade[i : i + 2], 16) for i in (0, 2, 4)) in colours, shade


def test_one_addressee_and_one_task() -> None:
    several = Recommendation(text="The Police should notify the MASH.", addressee="A, Chief, and B, Director")
    tasks = Recommendation(text="Probation must attend conferences, and must join the core group.", addressee="A")
    single = Recommendation(
        text="Health visitors must record and share the names of adults.",
        addressee="Head of Crime and Public Protection",
    )
    assert not_single(number_recommendations([single])) == []
    problems = not_single(number_recommendations([several, tasks]))
    assert [p.split(";")[0] for p in problems] == [
        "recommendation 1: addressed to more than one person",
        "recommendation 2: sets more than one task",
    ]
    assert "(2a, 2b …)" in problems[1] and "(2.4.11)" in problems[1] and "(2.4.12)" in problems[0]


def approved_csc(case: Case) -> Case:
    approval = Approval(version="3", dated=dt.date(2026, 9, 1), approved_on=dt.date(2026, 9, 10), approved_by="Board")
    imr = case.imrs["csc"].model_copy(update={"approval": approval})
    return case.model_copy(update={"imrs": {**case.imrs, "csc": imr}})


def test_a_final_with_a_recommendation_of_several_tasks_is_refused(case: Case) -> None:
    with pytest.raises(IncompleteReportError) as caught:
        render(approved_csc(case), "imr", "pdf", agency="csc")
    (problem,) = caught.value.missing
    assert problem.startswith("recommendation 2: sets more than one task")


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_draft_says_what_stops_it_being_final(text: Callable[..., str], fmt: str) -> None:
    body = text("imr", fmt, "csc")
    notes = body[: body.index("Version history")]
    assert "Before this report can be final:" in notes
    assert "recommendation 2: sets more than one task; number each task as a part (2a, 2b …)" in notes


def test_a_complete_draft_shows_no_such_note(text: Callable[..., str]) -> None:
    assert "Before this report can be final" not in text("overview-report", "pdf")


def test_parts_take_their_recommendations_addressee() -> None:
    rec = Recommendation.model_validate(
        {
            "text": "t",
            "addressee": "Director",
            "agreed_at_level": "Board",
            "parts": [{"text": "a"}, {"text": "b", "addressee": "Head"}],
        }
    )
    rows = number_recommendations([rec])[0].rows
    assert [(r.smart.addressee, r.smart.agreed_at_level) for r in rows] == [("Director", "Board"), ("Head", "Board")]


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_imr_recommendations_carry_their_agencys_prefix(case: Case, text: Callable[..., str], fmt: str) -> None:
    body = quotes_folded(text("overview-report", fmt))
    appendix = body[body.index("Appendix B: Recommendations", body.index("Appendix B: Recommendations") + 1) :]
    assert agency_prefix(case.agency("csc")) == "CSC" and agency_prefix(case.agency("police")) == "Police"
    for number in ("CSC 1a", "CSC 1b", "CSC 2", "Police 1", "Police 2", "HV 3", "GP 2", "AH 2", "Nursery 1"):
        assert number in appendix, number
    assert "CSC: Children's Social Care" in appendix


@pytest.mark.slow
def test_an_anonymised_action_plan_still_reads(case: Case) -> None:
    body = text_of(render(case, "overview-report", "docx", anonymise=True))
    assert "RECOMMENDATION" in body and "SIGNED OFF Action taken and completed?" in body


def test_an_action_plan_row_that_fits_on_a_page_is_kept_whole_in_both_formats(case: Case) -> None:
    """A row whose cells are short moves whole to the next page (the PDF's `keep-together`, Word's cantSplit);
    one with a cell longer than half a page may break, under the repeated header."""
    short = Recommendation(text="Audit the plans.", addressee="A", action="Audit.", timescale="2027")
    long = Recommendation(text="x " * KEPT_WHOLE, addressee="A", action="Audit.", timescale="2027")
    rows = [row for item in number_recommendations([short, long]) for row in item.rows]
    assert [row.kept_whole for row in rows] == [True, False]
    html = render(case, "overview-report", "html").content.decode()
    plan = html[html.index('class="fixed action-plan"') :]
    plan = plan[: plan.index("</table>")]
    assert plan.count('<tr class="keep-together">') == plan.count("<tr") - 1  # every row but the header
    docx = render(case, "overview-report", "docx").content
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        body = etree.fromstring(package.read("word/document.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    tables = [t for t in body.iter(f"{w}tbl") if "RECOMMENDATION" in "".join(t.itertext())]
    rows = tables[0].findall(f"{w}tr")[1:]
    assert rows and all(row.find(f"{w}trPr/{w}cantSplit") is not None for row in rows)

"""Chronologies that use the page: short labels, who was seen, the column widths of Appendix V in both formats."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable

import pytest
from lxml import etree

from docgen import render
from docgen.derive import columns, short_label, short_relationship
from docgen.gate.extract import pdf_pages_text
from docgen.model import CHILD, Case, ChronologyEntry

from .conftest import quotes_folded, squash, text_of

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LANDSCAPE_TEXT_WIDTH = 16838 - 2 * 1134  # twips: A4 landscape less the report shell's 20 mm margins


def test_short_labels_name_the_relationship(case: Case) -> None:
    assert short_relationship("Father of Jac (half-brother); mother's former husband") == "father of Jac"
    assert short_label(case, "sibling-2", anonymised=False).text == "Jac (half-brother)"
    child = short_label(case, CHILD, anonymised=False)
    assert child.text == "Isabella (subject child)" and child.subject


def test_seen_records_who_was_seen_and_reads_the_old_flag() -> None:
    old = ChronologyEntry.model_validate({"date": "2025-01-02", "agency": "csc", "event": "e", "child_seen": True})
    assert old.seen == [CHILD] and old.child_seen
    assert not ChronologyEntry.model_validate({"date": "2025-01-02", "agency": "csc", "event": "e"}).child_seen


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_people_are_short_labels_and_seen_says_who(text: Callable[..., str], fmt: str) -> None:
    body = quotes_folded(text("imr", fmt, "csc"))
    chronology = body[body.index("Appendix B: Chronology") :]
    assert "Jac (half-brother)" in chronology and "Kieran (mother's partner)" in chronology
    assert "Seen: Isabella (subject child), Jac (half-brother), Siân (mother)" in chronology
    assert "Seen: Siân (mother), Paweł (father); Isabella not seen" in chronology
    assert re.search(r"(?<!; )Isabella not seen", chronology), "nobody seen"
    assert "Carter-Nowak" not in chronology.split("Management Review Officer's")[1][:3000], "short labels"


def test_the_subject_child_is_marked_in_word(document: Callable[..., object]) -> None:
    content = document("imr", "docx", "csc").content  # type: ignore[attr-defined]
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        body = etree.fromstring(package.read("word/document.xml"))
    runs = [r for r in body.iter(f"{W}r") if "".join(r.itertext()) == "Isabella (subject child)"]
    assert runs and all(r.find(f"{W}rPr/{W}b") is not None for r in runs)


@pytest.mark.slow
def test_anonymised_chronology_shows_labels_alone(case: Case) -> None:
    body = text_of(render(case, "overview-report", "pdf", anonymise=True))
    start = body.index("2.2 Integrated chronology", body.index("2.2 Integrated chronology") + 1)  # not the contents
    chronology = body[start : body.index("2.3 Summary of what was known", start)]
    assert "Poppy (subject child)" in chronology and "Mother" in chronology
    assert "(mother)" not in chronology


def grid_shares(content: bytes, heading: str) -> list[float]:
    """The share of the text width of each column of the first table whose header row starts with `heading`."""
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        body = etree.fromstring(package.read("word/document.xml"))
    for table in body.iter(f"{W}tbl"):
        first = table.find(f"{W}tr")
        if "".join(first.itertext()).startswith(heading):
            return [round(int(c.get(f"{W}w")) / LANDSCAPE_TEXT_WIDTH, 3) for c in table.iter(f"{W}gridCol")]
    raise AssertionError(f"no table headed {heading!r}")


@pytest.mark.parametrize(("kind", "agency"), [("imr", "csc"), ("overview-report", None)])
def test_word_chronology_has_the_specified_widths(document: Callable[..., object], kind: str, agency: str) -> None:
    content = document(kind, "docx", agency).content  # type: ignore[attr-defined]
    assert grid_shares(content, "Date") == [c.width for c in columns.CHRONOLOGY]
    assert grid_shares(content, "RECOMMENDATION") == [c.width for c in columns.ACTION_PLAN]


@pytest.mark.slow
@pytest.mark.parametrize(("kind", "agency"), [("imr", "csc"), ("overview-report", None)])
def test_pdf_chronology_has_the_specified_widths(document: Callable[..., object], kind: str, agency: str) -> None:
    """Each column's heading starts where the specification's shares put it on the landscape page."""
    import pypdfium2 as pdfium

    content = document(kind, "pdf", agency).content  # type: ignore[attr-defined]
    pdf = pdfium.PdfDocument(content)
    try:
        page = next(p for p in pdf if "Significant Events/Incidents" in p.get_textpage().get_text_range())
        width, _ = page.get_size()
        text = page.get_textpage()
        margin, room = 20 / 25.4 * 72, width - 2 * 20 / 25.4 * 72
        for heading, index in (("Time", 1), ("Agency", 5), ("Management", 6)):
            found = text.search(heading, match_case=True, match_whole_word=True).get_next()
            assert found is not None, heading
            left = text.get_charbox(found[0])[0]
            expected = margin + sum(c.width for c in columns.CHRONOLOGY[:index]) * room
            assert abs(left - expected - 5) < 8, (heading, left, expected)  # within a cell's padding of the share
    finally:
        pdf.close()


def test_no_landscape_page_holds_a_single_entry(case: Case, document: Callable[..., object]) -> None:
    content = document("overview-report", "pdf").content  # type: ignore[attr-defined]
    pages = [p for p in pdf_pages_text(content) if "Significant Events/Incidents" in p]
    assert len(pages) >= 5
    starts = [len(re.findall(r"^\d\d/\d\d/\d\d\b", page, re.M)) for page in pages]
    assert all(count >= 2 for count in starts[:-1]), starts
    assert sum(starts) >= len(case.chronology)


def test_short_rows_are_kept_on_one_page_and_long_ones_may_break(case: Case, document: Callable[..., object]) -> None:
    """A short entry is never split at the foot of a page (its date there, its narrative overleaf): the rows
    kept whole are marked in the page, never split in Word, and each one's narrative is on a PDF page with its date."""
    from docgen.derive import chronology_rows, sorted_chronology

    rows = chronology_rows(case, sorted_chronology(case.chronology), anonymised=False)
    short = [row for row in rows if row.kept_whole]
    assert short  # (a row longer than a page may break: see kept_whole)
    html = document("overview-report", "html").content.decode()  # type: ignore[attr-defined]
    chronology = html[html.index('class="fixed chronology"') :]
    assert chronology[: chronology.index("</table>")].count('<tr class="keep-together">') == len(short)
    word = document("overview-report", "docx").content  # type: ignore[attr-defined]
    with zipfile.ZipFile(io.BytesIO(word)) as package:
        body = etree.fromstring(package.read("word/document.xml"))
    table = next(t for t in body.iter(f"{W}tbl") if "".join(t.find(f"{W}tr").itertext()).startswith("Date"))
    kept = [tr for tr in table.findall(f"{W}tr") if tr.find(f"{W}trPr/{W}cantSplit") is not None]
    assert len(kept) == len(short)
    pages = [quotes_folded(squash(page)) for page in pdf_pages_text(document("overview-report", "pdf").content)]  # type: ignore[attr-defined]
    plain = [row for row in short if re.fullmatch(r"[\w ,.;:'’()-]+", squash(row.entry.event))]  # printed as written
    assert len(plain) >= len(short) // 2
    for row in plain:
        event, date = quotes_folded(squash(row.entry.event)), row.entry.date.strftime("%d/%m/%y")
        assert any(event in page and date in page for page in pages), (date, event)

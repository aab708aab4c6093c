"""Untrusted case data stays data: escaped in HTML and DOCX, printed literally in PDF, nothing fetched."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from docgen import render
from docgen.gate.extract import docx_text, pdf_metadata_text, pdf_pages_text
from docgen.model import Case
from docgen.rendering.pdf.engine import html_to_pdf

from .conftest import CASES, pdf_text, quotes_folded, squash

HOSTILE = [
    "Zoë & <Sons> \"quoted\" 'single' O’Brien",
    "Gwenllïan Ŵyn Łódź żółć Świętochłowice",
    "{{ 7*7 }} {% raw %} {# comment #}",
    '<img src="file:///etc/passwd">',
    '<base href="file:///">',
    '<link rel="attachment" href="file:///etc/passwd">',
    "bell\x07here",
]
LITERAL = [h.replace("\x07", "␇") for h in HOSTILE]
SECRET = "root:x:0:0"  # the first line of /etc/passwd: must never reach a document


def hostile_case() -> Case:
    data = yaml.safe_load((CASES / "minimal.yaml").read_text(encoding="utf-8"))
    data["board"]["name"] = "Eastfield & District <Board>"
    data["subject"] = data.pop("child")
    data["subject"]["last_name"] = HOSTILE[0]
    data["subject"]["address"] = {"lines": HOSTILE[1:], "town": "Line one\nline two"}
    address = {"lines": HOSTILE[1:3]}
    data["victims"] = [{"id": "v", "first_name": HOSTILE[5], "last_name": "Hostile", "address": address}]
    data["decision"] = {"date": "2026-03-04", "outcome": ["A Serious Case Review"]}
    data["correspondence"]["letter_6"] = {
        "date": "2026-03-05",
        "circumstances": "\n\n".join(["Narrative *emphasis* & more", *HOSTILE, "![x](file:///etc/passwd)"]),
    }
    return Case.model_validate(data)


@pytest.fixture(scope="module")
def case() -> Case:
    return hostile_case()


@pytest.mark.parametrize("kind", ["letter-1", "letter-6"])
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_hostile_text_comes_out_literally(case: Case, kind: str, fmt: str) -> None:
    document = render(case, kind, fmt, to="v" if kind == "letter-6" else None)
    text = squash(docx_text(document.content) if fmt == "docx" else pdf_text(document.content))
    expected = LITERAL if kind == "letter-6" else [LITERAL[0], *LITERAL[1:]]
    assert [s for s in expected if quotes_folded(squash(s)) not in quotes_folded(text)] == []
    assert "Eastfield & District <Board>" in text  # header and letterhead, where docxtpl's own escaping matters
    assert "49" not in text.replace("2026", "")  # {{ 7*7 }} was not evaluated
    assert SECRET not in text


def test_docx_keeps_ampersands_in_every_part(case: Case) -> None:
    """docxtpl without autoescape silently drops text after '&'; every part must keep it."""
    content = render(case, "letter-1", "docx").content
    assert docx_text(content).count("Eastfield & District <Board>") >= 2  # letterhead header and body


def test_html_output_escapes_everything(case: Case) -> None:
    page = render(case, "letter-6", "html", to="v").content.decode("utf-8")
    body = page[page.index("<main>") :]
    assert "<img" not in body and "<base" not in body and "<link" not in body
    assert '&lt;img src="file:///etc/passwd"&gt;' in quotes_folded(body)  # the quotes are typographic
    assert "{{ 7*7 }}" in body


def test_new_lines_in_a_field_do_not_lose_text(case: Case) -> None:
    text = squash(docx_text(render(case, "letter-1", "docx").content))
    assert "Line one line two" in text


def test_pdf_engine_fetches_nothing_even_from_raw_markup(tmp_path: Path) -> None:
    """Defence in depth: even markup that escaped the templates reads no local file and attaches nothing."""
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    uri = secret.as_uri()
    page = (
        f'<html><head><base href="file:///"><link rel="attachment" href="{uri}">'
        f'<link rel="stylesheet" href="{uri}"></head><body><p>Body</p>'
        f'<img src="{uri}"><img src="http://127.0.0.1:9/x.png"><a rel="attachment" href="{uri}">a</a>'
        f'<iframe src="{uri}"></iframe><object data="{uri}"></object></body></html>'
    )
    pdf = html_to_pdf(page, "test")
    assert SECRET.encode() not in pdf
    assert b"/EmbeddedFile" not in pdf and b"/FileAttachment" not in pdf
    assert "Body" in pdf_pages_text(pdf)[0]
    assert SECRET not in pdf_metadata_text(pdf)


def test_pdf_engine_still_reads_data_urls() -> None:
    pixel = "data:image/gif;base64,R0lGODlhAQABAAAAACw="
    assert html_to_pdf(f'<p>x</p><img src="{pixel}">', "test").startswith(b"%PDF")

"""A board's own templates folder overrides the built-ins: HTML masters, shells and Word-native templates."""

from __future__ import annotations

from pathlib import Path

from docx import Document

from docgen import render
from docgen.gate.extract import docx_text
from docgen.model import Case

from .conftest import text_of


def test_board_master_template_replaces_the_builtin(case: Case, tmp_path: Path) -> None:
    (tmp_path / "letters").mkdir()
    (tmp_path / "letters" / "letter-6.html.j2").write_text(
        "<h1>Our own letter</h1><p>Dear {{ victims[0].full_name }}, from {{ board.name }}.</p>", encoding="utf-8"
    )
    for fmt in ("docx", "pdf"):
        text = text_of(render(case, "letter-6", fmt, to="rhys", board_templates=tmp_path))
        assert f"Dear {case.victims[0].full_name}, from {case.board.name}." in text
        assert "Local Safeguarding Children Boards may look at" not in text
    assert "Local Safeguarding Children Boards may look at" in text_of(render(case, "letter-6", "pdf", to="rhys"))


def test_word_native_template_takes_precedence_for_docx(case: Case, tmp_path: Path) -> None:
    (tmp_path / "letters").mkdir()
    word = Document()
    word.add_paragraph("Board letterhead made in Word")
    word.add_paragraph("{{ child.full_name }} – {{ review.reference }} – {{ board.short_name }} & partners")
    word.save(str(tmp_path / "letters" / "letter-1.docx"))
    text = docx_text(render(case, "letter-1", "docx", board_templates=tmp_path).content)
    assert "Board letterhead made in Word" in text
    assert f"{case.subject.full_name} – {case.review.reference} – {case.board.short_name} & partners" in text
    assert "REQUEST FOR ADDITIONAL INFORMATION" not in text
    pdf = text_of(render(case, "letter-1", "pdf", board_templates=tmp_path))
    assert "REQUEST FOR ADDITIONAL INFORMATION" in pdf, "PDF still comes from the HTML master"

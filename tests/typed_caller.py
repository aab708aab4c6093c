"""A program calling docgen, as another project would: tests/test_embedding.py type-checks it with
`mypy --strict` (it is never run). Each `assert_type` fails when a public name loses its type, as every name
would if the package stopped shipping py.typed."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any, assert_type

import docgen
from docgen import (
    Board,
    Case,
    CaseError,
    DocgenError,
    DocumentKind,
    Framework,
    Planned,
    Problem,
    RenderedDocument,
    load_case,
    parse_case,
    render,
    render_blank,
    render_pack,
    supported_documents,
)


def pack(data: dict[str, Any], folder: Path) -> list[str]:
    try:
        case = assert_type(parse_case(data, name="case 1", board=folder / "board.yaml", base=folder), Case)
    except CaseError as error:
        problems = assert_type(error.problems, list[Problem])
        return [f"{p.file or error.file}, line {assert_type(p.line, int | None)}: {p.message}" for p in problems]
    assert_type(parse_case(b"board: {}", board=case.board), Case)
    assert_type(load_case(folder / "case.yaml"), Case)
    assert_type(case.board, Board)
    assert_type(case.framework, Framework)
    document = assert_type(render(case, "letter-1", "pdf", on=dt.date(2026, 7, 1)), RenderedDocument)
    document.write_to(io.BytesIO())
    with (folder / document.filename).open("wb") as handle:
        document.write_to(handle)
    assert_type(document.content, bytes)
    assert_type(document.sha256, str)
    assert_type(document.to, str | None)
    assert_type(document.missing_glyphs, tuple[str, ...])
    assert_type(render_blank(case.board, "referral-form", "docx"), RenderedDocument)
    planned = [assert_type(p, Planned) for p in supported_documents(case)]
    assert_type(docgen.KINDS[planned[0].kind], DocumentKind)
    try:
        written = assert_type(render_pack(case, folder / "out", ["letter-1"], ["pdf"]), list[Path])
    except DocgenError as error:
        return [f"{error.describe()} (exit code {assert_type(error.exit_code, int)})"]
    return [str(path) for path in written] + [assert_type(docgen.__version__, str)]

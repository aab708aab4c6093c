"""The Python API: load_case, render (pure) and render_pack (writes whole files, or nothing)."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

import docgen
from docgen import NotSupportedError, RenderedDocument, render, render_pack
from docgen.files.writing import write_atomic
from docgen.model import Case


def test_public_api_is_complete() -> None:
    assert set(docgen.__all__) == {"__version__", *docgen._EXPORTS}
    for name in docgen.__all__:
        assert getattr(docgen, name) is not None, name
    with pytest.raises(AttributeError):
        docgen.no_such_name  # noqa: B018


def test_render_is_pure(case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    document = render(case, "letter-1", "docx")
    assert isinstance(document, RenderedDocument)
    assert document.filename == "LLR-2026-04_letter-1.docx"
    assert document.media_type.endswith("wordprocessingml.document")
    assert document.content.startswith(b"PK") and len(document.sha256) == 64
    assert list(tmp_path.iterdir()) == []


def test_render_pack_writes_documents_and_manifest(case: Case, tmp_path: Path) -> None:
    paths = render_pack(case, tmp_path, kinds=["letter-1", "imr"], formats=["html"])
    names = [p.name for p in paths]
    assert names[:2] == ["LLR-2026-04_letter-1.html", "LLR-2026-04_letter-1_referral-form.html"]  # its enclosure
    assert {f"LLR-2026-04_imr_{agency}.html" for agency in case.imrs} == set(names[2:])
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["reference"] == "LLR-2026-04"
    by_file = {entry["file"]: entry for entry in manifest["documents"]}
    assert by_file["LLR-2026-04_imr_csc.html"]["draft"] is True
    assert by_file["LLR-2026-04_imr_police.html"]["draft"] is False  # the approved IMR
    for path in paths:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_render_pack_writes_nothing_when_one_document_fails(case: Case, tmp_path: Path) -> None:
    no_victims = case.model_copy(update={"victims": []})
    with pytest.raises(NotSupportedError, match="letter-6 needs victims"):
        render_pack(no_victims, tmp_path / "out", kinds=["letter-1", "letter-6"], formats=["html"])
    assert not (tmp_path / "out").exists()


def test_atomic_write_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "doc.pdf"
    target.write_bytes(b"the earlier version")

    def full_disk(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(target, b"new content")
    assert target.read_bytes() == b"the earlier version"
    assert [p.name for p in tmp_path.iterdir()] == ["doc.pdf"]

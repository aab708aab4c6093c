"""The document cache: a document is laid out again exactly when something it prints (or its layout reads) has
changed; a damaged entry is discarded; the cache is its owner's only and bounded; worker processes give the same
files as one process."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from docgen import KINDS, Case, render, render_pack, supported_documents
from docgen.api import cache_key
from docgen.model.kinds import Shell
from docgen.publish import keys as key_module
from docgen.publish import pipeline
from docgen.publish.cache import FOLDER_NAME, DocumentCache
from docgen.rendering.layout import Layout
from docgen.rendering.templates import builtin_templates

from .conftest import SAMPLE
from .edits import edit_board, edit_entry, edit_letter_1
from .test_cli import run

ON = dt.date(2026, 12, 31)
"""The day every document is given at (after the last one's date; the timetable's status day): the same in every
key."""
Document = tuple[str, str | None, str | None]
"""A document of the pack: kind, agency, addressee."""
LETTERS = {*(f"letter-{n}" for n in (1, 2, 3, 4, 7)), "letter-5:father", "letter-5:mother", "letter-6:rhys"}
"""The example's letters (Letter 5 to each parent, Letter 6 to the victim)."""


def keys(case: Case, **options: Any) -> dict[tuple[Document, str], str | None]:
    """The cache key of every Word file and PDF of the case's pack."""
    return {
        ((p.kind, p.agency, p.to), fmt): cache_key(case, p.kind, fmt, agency=p.agency, to=p.to, on=ON, **options)
        for p in supported_documents(case)
        for fmt in ("docx", "pdf")
    }


def pages(case: Case, **options: Any) -> dict[Document, tuple[bytes, bool]]:
    """What every document of the case's pack prints, its page in HTML, and whether it is anonymised (its PDF is
    then archival as well)."""
    return {(p.kind, p.agency, p.to): page(case, p.kind, p.agency, p.to, **options) for p in supported_documents(case)}


def page(case: Case, kind: str, agency: str | None, to: str | None, **options: Any) -> tuple[bytes, bool]:
    document = render(case, kind, "html", agency=agency, to=to, on=ON, **options)
    return document.content, document.anonymised


def changed(before: dict[Any, Any], after: dict[Any, Any]) -> set[Any]:
    return {item for item in before if before[item] != after[item]}


@pytest.fixture(scope="module")
def pack_keys(case: Case) -> dict[tuple[Document, str], str | None]:
    return keys(case)


@pytest.fixture(scope="module")
def pack_pages(case: Case) -> dict[Document, tuple[bytes, bool]]:
    return pages(case)


@pytest.fixture(scope="module")
def case() -> Case:
    from .conftest import sample_case

    return sample_case()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("edit", "printed_by"),
    [
        (lambda case: edit_entry(case, "police"), {"imr:police", "overview-report"}),
        (edit_board, {*LETTERS, "referral-form", "scoping-document"}),
        (edit_letter_1, {"letter-1"}),
    ],
    ids=["one chronology entry", "the board's telephone number", "a date of Letter 1"],
)
def test_an_edit_of_the_case_changes_the_keys_of_exactly_the_documents_that_print_it(
    case: Case,
    pack_keys: dict[tuple[Document, str], str | None],
    pack_pages: dict[Document, tuple[bytes, bool]],
    edit: Callable[[Case], Case],
    printed_by: set[str],
) -> None:
    edited = edit(case)
    printing = changed(pack_pages, pages(edited))
    assert {":".join(filter(None, document)) for document in printing} == printed_by
    assert changed(pack_keys, keys(edited)) == {(document, fmt) for document in printing for fmt in ("docx", "pdf")}


@pytest.mark.slow
@pytest.mark.parametrize(("option", "value"), [("anonymise", True), ("draft", True)])
def test_the_passes_settings_change_the_keys_of_the_documents_they_change(
    case: Case,
    pack_keys: dict[tuple[Document, str], str | None],
    pack_pages: dict[Document, tuple[bytes, bool]],
    option: str,
    value: bool,
) -> None:
    kept = [p for p in supported_documents(case) if not p.enclosed_in and not (option == "anonymise" and p.to)]
    documents = list({p.kind: p for p in reversed(kept)}.values())  # one of each kind: the others differ by agency
    settings = {option: value}  # (an anonymised letter to a person is refused: its file name names them)
    for kind, agency, to, _ in documents:
        (before, was_anonymised), (after, anonymised) = (
            pack_pages[kind, agency, to],
            page(case, kind, agency, to, **settings),
        )
        for fmt in ("docx", "pdf"):
            key = cache_key(case, kind, fmt, agency=agency, to=to, on=ON, **settings)
            other = after != before or (fmt == "pdf" and anonymised != was_anonymised)  # an archival PDF
            assert (key != pack_keys[(kind, agency, to), fmt]) == other, f"{kind} {fmt}"
    assert any(
        cache_key(case, kind, "pdf", agency=agency, to=to, on=ON, **settings) != pack_keys[(kind, agency, to), "pdf"]
        for kind, agency, to, _ in documents
    ), "the setting changes some document"


def test_a_board_template_changes_the_keys_of_its_kind_only(
    case: Case, pack_keys: dict[tuple[Document, str], str | None], tmp_path: Path
) -> None:
    (tmp_path / "letters").mkdir()
    builtin = (builtin_templates() / "letters" / "letter-2.html.j2").read_text(encoding="utf-8")
    (tmp_path / "letters" / "letter-2.html.j2").write_text(builtin + "<p>With our thanks.</p>\n", encoding="utf-8")
    again = changed(pack_keys, keys(case, board_templates=tmp_path))
    assert again == {(("letter-2", None, None), fmt) for fmt in ("docx", "pdf")}


def test_a_shell_changes_the_keys_of_the_word_files_made_in_it_only(
    case: Case, pack_keys: dict[tuple[Document, str], str | None], tmp_path: Path
) -> None:
    from docx import Document as WordDocument

    (tmp_path / "shells").mkdir()
    shell = WordDocument(str(builtin_templates() / "shells" / "letter.docx"))
    shell.core_properties.comments = "Our letter paper"  # another shell, placing the body alone as before
    shell.save(str(tmp_path / "shells" / "letter.docx"))
    again = changed(pack_keys, keys(case, board_templates=tmp_path))
    letters = {(p.kind, p.agency, p.to) for p in supported_documents(case) if KINDS[p.kind].shell is Shell.LETTER}
    assert letters and again == {(document, "docx") for document in letters}


def test_formats_have_keys_of_their_own(pack_keys: dict[tuple[Document, str], str | None]) -> None:
    documents = {document for document, _ in pack_keys}
    assert all(pack_keys[document, "docx"] != pack_keys[document, "pdf"] for document in documents)
    assert len(set(pack_keys.values())) == len(pack_keys)


def test_a_new_pdf_engine_or_font_changes_the_keys_of_what_weasyprint_lays_out_only(
    case: Case, pack_keys: dict[tuple[Document, str], str | None], monkeypatch: pytest.MonkeyPatch
) -> None:
    """PDFs, and Word files with a drawing (the genogram, rasterised from a PDF); not the other Word files."""
    monkeypatch.setattr(key_module, "pdf_environment", lambda: "weasyprint 99\n/usr/share/fonts/new.ttf 1 1")
    again = changed(pack_keys, keys(case))
    drawn = {document for (document, fmt) in pack_keys if fmt == "docx" and document[0] in ("imr", "overview-report")}
    assert drawn and {(document, "docx") for document in drawn} <= again
    assert again == {item for item in pack_keys if item[1] == "pdf"} | {(document, "docx") for document in drawn}


def test_a_word_letters_key_is_found_without_loading_the_pdf_engine() -> None:
    script = (
        "import sys; from docgen import load_case; from docgen.api import cache_key; "
        f"case = load_case({str(SAMPLE)!r}); assert cache_key(case, 'letter-1', 'docx'); "
        "assert 'weasyprint' not in sys.modules; print('ok')"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.stdout == "ok\n", done.stderr


def test_a_word_native_template_and_html_are_not_kept(case: Case, tmp_path: Path) -> None:
    from docx import Document as WordDocument

    (tmp_path / "letters").mkdir()
    word = WordDocument()
    word.add_paragraph("{{ child.full_name }}")
    word.save(str(tmp_path / "letters" / "letter-1.docx"))
    assert cache_key(case, "letter-1", "docx", board_templates=tmp_path) is None
    assert cache_key(case, "letter-1", "html") is None


@pytest.mark.slow
def test_editing_one_entry_lays_out_that_agencys_report_and_the_overview_again_and_nothing_more(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kinds = ["imr", "overview-report", "letter-1"]
    first = render_pack(case, tmp_path, kinds=kinds, on=ON, workers=2)
    laid_out: list[tuple[str, str]] = []
    original = pipeline.laid_out

    def counted(layout: Layout) -> tuple[bytes, tuple[str, ...]]:
        laid_out.append((layout.kind.id, layout.format))
        return original(layout)

    monkeypatch.setattr(pipeline, "laid_out", counted)
    assert render_pack(case, tmp_path, kinds=kinds, on=ON, workers=1) == first
    assert laid_out == []
    edited = edit_entry(case, "police")
    render_pack(edited, tmp_path, kinds=kinds, on=ON, workers=1)
    assert sorted(laid_out) == sorted((kind, fmt) for kind in ("imr", "overview-report") for fmt in ("docx", "pdf"))
    monkeypatch.undo()
    imr = render(edited, "imr", "pdf", agency="police", on=ON)
    assert (tmp_path / imr.filename).read_bytes() == imr.content, "the document written is the one laid out"
    letter = render(edited, "letter-1", "docx", on=ON)
    assert (tmp_path / letter.filename).read_bytes() == letter.content, "a document from the cache is as laid out"


def key(name: str) -> str:
    return hashlib.sha256(name.encode()).hexdigest()


def test_a_damaged_entry_is_discarded(tmp_path: Path) -> None:
    cache = DocumentCache(tmp_path / FOLDER_NAME)
    cache.save({key("a"): (b"%PDF- the document", ("U+4E2D",)), key("b"): (b"another", ())})
    assert cache.get(key("a")) == (b"%PDF- the document", ("U+4E2D",))
    entry = tmp_path / FOLDER_NAME / key("a")
    entry.write_bytes(entry.read_bytes().replace(b"the document", b"the d0cument"))
    assert cache.get(key("a")) is None and not entry.exists()
    os.rename(tmp_path / FOLDER_NAME / key("b"), entry)  # an entry under another key's name
    assert cache.get(key("a")) is None and not entry.exists()
    assert cache.get(key("c")) is None


def test_the_cache_is_its_owners_only(case: Case, tmp_path: Path) -> None:
    render_pack(case, tmp_path, kinds=["letter-2"], formats=["pdf"], on=ON)
    folder = tmp_path / FOLDER_NAME
    entries = list(folder.iterdir())
    assert len(entries) == 1 and stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(entries[0].stat().st_mode) == 0o600


def test_a_cache_folder_that_is_a_link_is_not_used(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (tmp_path / FOLDER_NAME).symlink_to(elsewhere)
    DocumentCache(tmp_path / FOLDER_NAME).save({key("a"): (b"content", ())})
    assert not list(elsewhere.iterdir())


def test_the_cache_keeps_to_its_size_dropping_the_entries_used_least_recently(tmp_path: Path) -> None:
    cache = DocumentCache(tmp_path, max_bytes=3600)
    cache.save({key(name): (name.encode() * 1000, ()) for name in "abc"})
    for age, name in enumerate("cba"):  # a used longest ago, c most recently
        os.utime(tmp_path / key(name), ns=(10**18 - age * 10**9,) * 2)
    assert cache.get(key("a")) is not None  # a used now
    cache.save({key("d"): (b"d" * 1000, ())})
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(key(name) for name in "acd")
    assert sum(path.stat().st_size for path in tmp_path.iterdir()) <= 3600


def test_no_cache_writes_none(tmp_path: Path) -> None:
    from .test_cli import MINIMAL

    code, _, err = run("render", MINIMAL, "--doc", "letter-1", "--format", "pdf", "--out", tmp_path, "--no-cache")
    assert code == 0, err
    assert not (tmp_path / FOLDER_NAME).exists()
    code, _, err = run("render", MINIMAL, "--doc", "letter-1", "--format", "pdf", "--out", tmp_path, "--workers", "2")
    assert code == 0, err
    assert (tmp_path / FOLDER_NAME).is_dir()

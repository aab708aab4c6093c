"""Shared fixtures: the example case, rendered documents (cached per session) and their text."""

from __future__ import annotations

import html
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from docgen import Case, RenderedDocument, load_case, render
from docgen.gate.extract import docx_text, pdf_pages_text
from docgen.model.kinds import Per
from docgen.publish.cache import DocumentCache
from docgen.text.folding import straight_quotes

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "sample-case.yaml"
ENGLAND_2023 = ROOT / "examples" / "england-2023" / "case.yaml"
ENGLAND_SAR = ROOT / "examples" / "england-sar" / "case.yaml"
ENGLAND_DHR = ROOT / "examples" / "england-dhr" / "case.yaml"
CASES = Path(__file__).resolve().parent / "cases"
CORPUS = ROOT / "examples" / "corpus"
SEED_CORPUS = ("child-died", "welsh-border-interpreter", "joint-review")
"""The corpus cases of the seed's framework (England 2009), beside the example case."""


@cache
def sample_case() -> Case:
    """The example case, loaded once."""
    return load_case(SAMPLE)


@cache
def england_case() -> Case:
    """The England 2023 example case (a rapid review leading to a local review), loaded once."""
    return load_case(ENGLAND_2023)


@cache
def adults_case() -> Case:
    """The Safeguarding Adults Review example case (a mandatory review after an older woman's death), loaded once."""
    return load_case(ENGLAND_SAR)


@cache
def rendered_adults(kind: str, fmt: str, agency: str | None = None, to: str | None = None) -> RenderedDocument:
    """A document of the Safeguarding Adults Review example case, rendered once per test session."""
    return rendered_from(adults_case(), kind, fmt, agency, None, to)


@cache
def homicide_case() -> Case:
    """The Domestic Homicide Review example case (a woman killed by her former partner), loaded once."""
    return load_case(ENGLAND_DHR)


@cache
def rendered_homicide(kind: str, fmt: str, agency: str | None = None, to: str | None = None) -> RenderedDocument:
    """A document of the Domestic Homicide Review example case, rendered once per test session."""
    return rendered_from(homicide_case(), kind, fmt, agency, None, to)


def changed_example(example: Path, tmp_path: Path, change: dict[str, Any]) -> Path:
    """An example case written beside a copy of its board, with top-level fields changed."""
    data = yaml.safe_load(example.read_text(encoding="utf-8"))
    data.update(change)
    shutil.copy(example.parent / "board.yaml", tmp_path / "board.yaml")
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@cache
def corpus_case(name: str) -> Case:
    """A case of the corpus (examples/corpus/NAME.yaml), loaded once."""
    return load_case(CORPUS / f"{name}.yaml")


@cache
def rendered(
    kind: str, fmt: str, agency: str | None = None, anonymise: bool | None = None, to: str | None = None
) -> RenderedDocument:
    """A document of the example case, rendered once per test session (a letter written to each person:
    the first addressee's, unless `to` names one)."""
    return rendered_from(sample_case(), kind, fmt, agency, anonymise, to)


@cache
def rendered_england(kind: str, fmt: str, agency: str | None = None, to: str | None = None) -> RenderedDocument:
    """A document of the England 2023 example case, rendered once per test session."""
    return rendered_from(england_case(), kind, fmt, agency, None, to)


def rendered_from(
    case: Case, kind: str, fmt: str, agency: str | None, anonymise: bool | None, to: str | None
) -> RenderedDocument:
    """A document of a case (written to the first addressee of a kind written to each person, unless `to` names
    one)."""
    document_kind = case.framework.kinds[kind]
    if to is None and document_kind.per is Per.ADDRESSEE:
        to = document_kind.instances(case)[0]
    return shared_render(case, kind, fmt, agency=agency, anonymise=anonymise, to=to)


SHARED_CACHE = "DOCGEN_TEST_DOCUMENTS"
"""The environment variable naming a document cache that every test process of one run shares: set by the process
that starts the others (pytest-xdist's workers inherit it), removed when the run ends."""


def pytest_configure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput"):
        os.environ[SHARED_CACHE] = tempfile.mkdtemp(prefix="docgen-tests-")


def pytest_unconfigure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput"):
        shutil.rmtree(os.environ.pop(SHARED_CACHE, ""), ignore_errors=True)


def shared_render(case: Case, kind: str, fmt: str, **options: Any) -> RenderedDocument:
    """`render` through the run's shared document cache: a document one test process has laid out is read, not
    laid out again, by the others (checked for leaks and proofread all the same)."""
    shared = DocumentCache(Path(os.environ[SHARED_CACHE]))
    document = render(case, kind, fmt, cache=shared, **options)
    shared.save(shared.pending)
    return document


def text_of(document: RenderedDocument) -> str:
    """The document's text with whitespace collapsed: DOCX every part, PDF every page."""
    if document.format == "docx":
        raw = docx_text(document.content)
    elif document.format == "pdf":
        raw = pdf_text(document.content)
    else:
        raw = html.unescape(re.sub(r"<[^>]+>", " ", document.content.decode("utf-8")))
    return squash(raw)


def pdf_text(content: bytes) -> str:
    """Every page's text; a line broken after a hyphen or a slash ("Carter-", "file:///etc/") joins up again."""
    return re.sub(r"([-/])\n", r"\1", "\n".join(pdf_pages_text(content)))


def html_blocks(page: str) -> list[str]:
    """The text of each paragraph, list item and heading inside the page's <main>."""
    body = page[page.index("<main>") : page.index("</main>")]
    blocks = re.findall(r"<(p|li|h[1-4])\b[^>]*>(.*?)</\1>", body, re.S)
    return [b for _, raw in blocks if (b := squash(html.unescape(re.sub(r"<[^>]+>", "", raw.replace("<br>", " ")))))]


def quotes_folded(text: str) -> str:
    """The text with its quotes and apostrophes written straight, one character for one. A document prints
    typographic ones (‘ ’ “ ”) whichever the case file and the profiles typed; a test of a document's words, not
    of its quotes, compares both sides through this (tests/test_typography.py tests the quotes)."""
    return straight_quotes(text)


def squash(text: str) -> str:
    """Collapse runs of whitespace (PDF line wrapping, DOCX paragraphs) to single spaces."""
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture
def case() -> Case:
    """The example case."""
    return sample_case()


@pytest.fixture
def document() -> Callable[..., RenderedDocument]:
    """Render (once per session) a document of the example case: document(kind, fmt, agency=None)."""
    return rendered


@pytest.fixture
def text() -> Callable[..., str]:
    """The squashed text of a document of the example case: text(kind, fmt, agency=None)."""
    return lambda *args, **kwargs: text_of(rendered(*args, **kwargs))


LONGEST_FIRST = (
    "test_hostile.py",
    "test_corpus.py",
    "test_watch.py",
    "test_hostile_templates.py",
    "test_cache.py",
    "test_libreoffice.py",
    "test_install.py",
    "test_pack.py",
    "test_publication.py",
    "test_hostile_values.py",
    "test_hostile_spreadsheets.py",
    "test_public_documents.py",
)
"""The test files that take longest (measured), started first so that the test processes finish together."""


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """What opens LibreOffice or installs docgen afresh is slow too, whatever else it is marked; the longest files
    run first."""
    for item in items:
        if item.get_closest_marker("libreoffice") or item.get_closest_marker("install"):
            item.add_marker(pytest.mark.slow)
    order = {name: rank for rank, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: order.get(item.path.name, len(order)))

"""The Python API: render one document (pure), or a pack of documents into a folder."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from . import __version__
from .completeness import missing_for_final
from .errors import IncompleteReportError, NotSupportedError, UnknownKindError
from .io import write_atomic
from .kinds import FORMATS, KINDS, Audience, DocumentKind
from .model import Case
from .passes.draft import draft_marking
from .rendering.context import build_context
from .rendering.pdf import html_to_pdf
from .rendering.templates import environment, find_template, render_template

MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
}


@dataclass(frozen=True)
class RenderedDocument:
    """A rendered document: its bytes and what it is."""

    kind: str
    format: str
    filename: str
    content: bytes
    draft: bool
    anonymised: bool
    agency: str | None = None

    @property
    def media_type(self) -> str:
        """The MIME type of the content."""
        return MEDIA_TYPES[self.format]

    @property
    def sha256(self) -> str:
        """Hex digest of the content."""
        return hashlib.sha256(self.content).hexdigest()


def kind_of(kind_id: str) -> DocumentKind:
    """The document kind with this id, or a UsageError listing the kinds."""
    try:
        return KINDS[kind_id]
    except KeyError:
        raise UnknownKindError(kind_id, list(KINDS)) from None


def render(
    case: Case,
    kind: str,
    format: str = "pdf",
    *,
    agency: str | None = None,
    anonymise: bool = False,
    draft: bool | None = None,
    board_templates: Path | None = None,
) -> RenderedDocument:
    """Render one document of a case; pure: nothing is written.

    Pipeline: check the case supports the kind → anonymise (public documents always, others when
    asked) → draft marking → template context → HTML body → page HTML, PDF or DOCX → leak check.
    `draft` None marks unapproved reports as drafts; True forces a watermark; False asks for a final.
    """
    document_kind = kind_of(kind)
    if format not in FORMATS:
        raise NotSupportedError(f"unknown format '{format}'; the formats are: {', '.join(FORMATS)}")
    _check_supported(case, document_kind, agency)
    anonymised = anonymise or document_kind.audience is Audience.PUBLIC
    source = _anonymised(case) if anonymised else case
    marking = draft_marking(case, document_kind, agency, draft)
    if document_kind.is_report and marking is None and (missing := missing_for_final(case, kind, agency)):
        raise IncompleteReportError(f"{kind}{f' for {agency}' if agency else ''}", missing)
    env = environment(board_templates)
    context = build_context(source, document_kind, agency, marking, anonymised)
    body = render_template(env, document_kind.template, context)
    page = render_template(env, "layout/page.html.j2", {**context, "body": Markup(body)})
    if format == "html":
        content = page.encode("utf-8")
    elif format == "pdf":
        content = html_to_pdf(page, document_kind.template)
    else:
        from .rendering.docx import html_to_docx

        word_native = find_template(board_templates, document_kind.template.replace(".html.j2", ".docx"))
        shell = word_native or find_template(board_templates, f"shells/{document_kind.shell.value}.docx")
        assert shell is not None, "the built-in shells ship with docgen"
        content = html_to_docx(shell, None if word_native else body, context, env, watermark=marking is not None)
    filename = _filename(case, document_kind, agency, format)
    if anonymised:
        from .passes.anonymise import check_no_leak

        check_no_leak(case, content, format, filename)
    return RenderedDocument(kind, format, filename, content, marking is not None, anonymised, agency)


def _anonymised(case: Case) -> Case:
    from .passes.anonymise import anonymise_case

    return anonymise_case(case)


def _check_supported(case: Case, kind: DocumentKind, agency: str | None) -> None:
    missing = kind.missing(case)
    if missing:
        raise NotSupportedError(f"{kind.id} needs {', '.join(missing)} in the case file, which it does not have")
    if kind.per_agency:
        if agency is None:
            raise NotSupportedError(f"{kind.id} is written per agency: name one of {', '.join(case.imrs)}")
        if agency not in case.imrs:
            raise NotSupportedError(
                f"{kind.id}: the case has no IMR for agency '{agency}' (it has: {', '.join(case.imrs)})"
            )
        if agency not in case.imr_agencies:
            raise NotSupportedError(
                f"{kind.id}: agency '{agency}' has no chronology entries; an IMR needs its chronology"
            )
    elif agency is not None:
        raise NotSupportedError(f"{kind.id} is not written per agency; leave out the agency")


def _filename(case: Case, kind: DocumentKind, agency: str | None, format: str) -> str:
    return f"{case.review.file_reference}_{kind.id}{f'_{agency}' if agency else ''}.{format}"


def supported_documents(
    case: Case, kinds: Iterable[str] | None = None, agency: str | None = None
) -> Iterator[tuple[str, str | None]]:
    """(kind, agency) pairs to render: among `kinds` (every kind the case supports when None).

    A kind asked for by name that the case cannot produce is an error; IMRs are one per agency
    with an IMR and a chronology, or only `agency`'s when given.
    """
    for kind_id in kinds or KINDS:
        kind = kind_of(kind_id)
        if kinds is None and kind.missing(case):
            continue
        if not kind.per_agency:
            _check_supported(case, kind, None)
            yield kind_id, None
        elif agency is not None:
            _check_supported(case, kind, agency)
            yield kind_id, agency
        else:
            if kinds is not None and not case.imr_agencies:
                raise NotSupportedError(f"{kind_id}: no agency has both an IMR and chronology entries")
            yield from ((kind_id, a) for a in case.imr_agencies)


def render_pack(
    case: Case,
    out_dir: Path,
    kinds: Sequence[str] | None = None,
    formats: Sequence[str] = ("docx", "pdf"),
    *,
    agency: str | None = None,
    anonymise: bool = False,
    draft: bool | None = None,
    board_templates: Path | None = None,
) -> list[Path]:
    """Render documents and write them into `out_dir` with a manifest; returns the paths written.

    Everything is rendered before anything is written, so a failure leaves no partial pack.
    """
    documents = [
        render(case, kind, fmt, agency=for_agency, anonymise=anonymise, draft=draft, board_templates=board_templates)
        for kind, for_agency in supported_documents(case, kinds, agency)
        for fmt in formats
    ]
    return write_pack(case, documents, out_dir)


def write_pack(case: Case, documents: Sequence[RenderedDocument], out_dir: Path) -> list[Path]:
    """Write rendered documents, each atomically and owner-only, then the manifest."""
    paths = []
    for document in documents:
        path = out_dir / document.filename
        write_atomic(path, document.content)
        paths.append(path)
    write_atomic(out_dir / "manifest.json", manifest(case, documents))
    return paths


def manifest(case: Case, documents: Sequence[RenderedDocument]) -> bytes:
    """The manifest of a pack: for each file, its kind, format, sha256 and how it was marked."""
    entries = [
        {
            "file": d.filename,
            "kind": d.kind,
            "agency": d.agency,
            "format": d.format,
            "sha256": d.sha256,
            "draft": d.draft,
            "anonymised": d.anonymised,
        }
        for d in documents
    ]
    body = {"reference": case.review.reference, "docgen": __version__, "documents": entries}
    return (json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode("utf-8")

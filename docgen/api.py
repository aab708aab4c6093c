"""The Python API: render one document (pure), or a pack of documents into a folder."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from markupsafe import Markup

from . import __version__
from .completeness import missing_for_final
from .derive.letters import check_writable, enclosed_kinds, enclosures
from .errors import IncompleteReportError, NotSupportedError, UnknownKindError
from .io import write_atomic
from .kinds import FORMATS, KINDS, Audience, DocumentKind, Per, Shell
from .model import Case
from .passes.draft import draft_marking
from .rendering.context import build_context
from .rendering.fonts import warn_missing_fonts
from .rendering.frame import render_frame
from .rendering.furniture import furnish
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
    to: str | None = None
    """The addressee (their id) of a document written to each person, e.g. a parent for Letter 5."""

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
    to: str | None = None,
    anonymise: bool = False,
    draft: bool | None = None,
    board_templates: Path | None = None,
    on: dt.date | None = None,
) -> RenderedDocument:
    """Render one document of a case; pure: nothing is written.

    Pipeline: check the case supports the kind → anonymise (public documents always, others when
    asked) → draft marking → template context → HTML body → page HTML, PDF or DOCX → leak check.
    `agency` names the agency of a kind written per agency (the IMR), `to` the addressee of a kind
    written to each person (Letter 5 to each parent). `draft` None marks unapproved reports as drafts;
    True forces a watermark; False asks for a final. `on` is the day a timetable's status is given at
    (today when None).
    """
    document_kind = kind_of(kind)
    if format not in FORMATS:
        raise NotSupportedError(f"unknown format '{format}'; the formats are: {', '.join(FORMATS)}")
    _check_supported(case, document_kind, agency, to)
    anonymised = anonymise or document_kind.audience is Audience.PUBLIC
    source = _anonymised(case) if anonymised else case
    marking = draft_marking(case, document_kind, agency, draft)
    if document_kind.is_report and marking is None and (missing := missing_for_final(case, kind, agency)):
        raise IncompleteReportError(f"{kind}{f' for {agency}' if agency else ''}", missing)
    env = environment(board_templates)
    context = build_context(source, document_kind, agency, to, marking, anonymised, on=on)
    body = furnish(env, render_template(env, document_kind.template, context), context)
    frame = render_frame(env, context)
    page = render_template(env, "layout/page.html.j2", {**context, "body": Markup(body), "frame": frame})
    if format == "html":
        content = page.encode("utf-8")
    elif format == "pdf":
        if style_sheet := find_template(board_templates, "layout/house.css"):
            warn_missing_fonts(style_sheet)
        content = html_to_pdf(page, document_kind.template)
    else:
        from .rendering.docx import html_to_docx

        word_native = find_template(board_templates, document_kind.template.replace(".html.j2", ".docx"))
        shell = word_native or find_template(board_templates, f"shells/{document_kind.shell.value}.docx")
        assert shell is not None, "the built-in shells ship with docgen"
        content = html_to_docx(shell, None if word_native else body, frame, context, env, watermark=marking is not None)
    filename = _filename(case, document_kind, agency or to, format)
    if anonymised:
        from .gate import check_no_leak

        check_no_leak(case, content, format, filename)
    return RenderedDocument(kind, format, filename, content, marking is not None, anonymised, agency, to)


def _anonymised(case: Case) -> Case:
    from .passes.anonymise import anonymise_case

    return anonymise_case(case)


def _check_supported(case: Case, kind: DocumentKind, agency: str | None, to: str | None) -> None:
    _check_needs(case, kind)
    enclosures(case, kind)  # each enclosure is produced beside it, or is a paper the board sends
    for per, given in ((Per.AGENCY, agency), (Per.ADDRESSEE, to)):
        if given is not None and kind.per is not per:
            raise NotSupportedError(f"{kind.id} is not written per {per}; leave out the {per}")
    if kind.per is Per.AGENCY:
        _check_agency(case, kind, agency)
    elif kind.per is Per.ADDRESSEE:
        addressees = kind.instances(case)
        if to is None:
            raise NotSupportedError(f"{kind.id} is written to each addressee: name one of {', '.join(addressees)}")
        if to not in addressees:
            raise NotSupportedError(f"{kind.id}: '{to}' is not one of its addressees ({', '.join(addressees)})")
    if kind.shell is Shell.LETTER:
        check_writable(case, kind.id, to)


def _check_needs(case: Case, kind: DocumentKind) -> None:
    missing = kind.missing(case)
    if missing:
        raise NotSupportedError(f"{kind.id} needs {', '.join(missing)} in the case file, which it does not have")


def _check_agency(case: Case, kind: DocumentKind, agency: str | None) -> None:
    if agency is None:
        raise NotSupportedError(f"{kind.id} is written per agency: name one of {', '.join(case.imrs)}")
    if agency not in case.imrs:
        raise NotSupportedError(
            f"{kind.id}: the case has no IMR for agency '{agency}' (it has: {', '.join(case.imrs)})"
        )
    if agency not in case.imr_agencies:
        raise NotSupportedError(f"{kind.id}: agency '{agency}' has no chronology entries; an IMR needs its chronology")


def _filename(case: Case, kind: DocumentKind, instance: str | None, format: str) -> str:
    return f"{case.review.file_reference}_{kind.id}{f'_{instance}' if instance else ''}.{format}"


class Planned(NamedTuple):
    """One document to render: its kind, and the agency or addressee it is written for."""

    kind: str
    agency: str | None = None
    to: str | None = None


def supported_documents(
    case: Case, kinds: Iterable[str] | None = None, agency: str | None = None, to: str | None = None
) -> Iterator[Planned]:
    """The documents to render among `kinds` (every kind the case supports when None).

    A kind asked for by name that the case cannot produce is an error; the kinds it encloses come with it.
    A kind written per agency or per addressee gives one document for each (only `agency`'s or `to`'s when
    given).
    """
    if kinds is not None:
        kinds = list(dict.fromkeys(k for kind_id in kinds for k in (kind_id, *_enclosed(case, kind_id))))
    for kind_id in kinds or KINDS:
        kind = kind_of(kind_id)
        if kinds is None and kind.missing(case):
            continue
        instances: list[str | None] = [None]
        if kind.per is not None:
            chosen = agency if kind.per is Per.AGENCY else to
            instances = [chosen] if chosen is not None else list(kind.instances(case))
            if not instances and kinds is not None:
                _check_needs(case, kind)
                raise NotSupportedError(f"{kind_id}: the case has no {kind.per} it can be written for")
        for instance in instances:
            planned = Planned(kind_id, *((instance, None) if kind.per is Per.AGENCY else (None, instance)))
            _check_supported(case, kind, planned.agency, planned.to)
            yield planned


def _enclosed(case: Case, kind_id: str) -> list[str]:
    """The kinds docgen renders beside a document that encloses them."""
    return [enclosed.id for enclosed in enclosed_kinds(case, kind_of(kind_id))]


def render_pack(
    case: Case,
    out_dir: Path,
    kinds: Sequence[str] | None = None,
    formats: Sequence[str] = ("docx", "pdf"),
    *,
    agency: str | None = None,
    to: str | None = None,
    anonymise: bool = False,
    draft: bool | None = None,
    board_templates: Path | None = None,
    on_progress: Callable[[int, int], None] | None = None,
    on: dt.date | None = None,
) -> list[Path]:
    """Render documents and write them into `out_dir` with a manifest; returns the paths written.

    Everything is rendered before anything is written, so a failure leaves no partial pack.
    `on_progress(done, total)` is called after each document is rendered.
    """
    planned = [(p, fmt) for p in supported_documents(case, kinds, agency, to) for fmt in formats]
    documents = []
    for done, (p, fmt) in enumerate(planned, start=1):
        documents.append(
            render(
                case,
                p.kind,
                fmt,
                agency=p.agency,
                to=p.to,
                anonymise=anonymise,
                draft=draft,
                board_templates=board_templates,
                on=on,
            )
        )
        if on_progress is not None:
            on_progress(done, len(planned))
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
            "to": d.to,
            "format": d.format,
            "sha256": d.sha256,
            "draft": d.draft,
            "anonymised": d.anonymised,
        }
        for d in documents
    ]
    body = {"reference": case.review.reference, "docgen": __version__, "documents": entries}
    return (json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode("utf-8")

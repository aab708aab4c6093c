"""The Python API: render one document (pure), or a pack of documents into a folder."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import astuple, dataclass
from io import RawIOBase
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, TypedDict, Unpack

from markupsafe import Markup

from . import __version__
from .derive.letters.enclosures import enclosed_kinds, enclosures
from .derive.registry import BUILDERS, Request
from .errors import IncompleteReportError, NotSupportedError, OutputError, UnknownKindError
from .limits import STALLED_WRITE_SECONDS, limited_time
from .model import Board, Case, Framework
from .model.framework import DEFAULT_FRAMEWORK, builtin_framework
from .model.kinds import FORMATS, DocumentKind, Per
from .passes.draft import Draft, draft_marking
from .publish.outbox import publish_pack
from .render.accessibility import scoped_header_cells
from .render.blank_form import blank_context
from .render.context import build_context
from .render.frame import Frame, render_frame
from .render.furniture import furnish
from .render.gc_pause import collection_paused
from .render.pdf import glyphs
from .render.pdf.engine import html_to_pdf
from .render.pdf.fonts import warn_missing_fonts
from .render.template_files import TemplateFile, word_template
from .render.templates import Folders, environment, find_template, render_template, template_folders
from .rules.completeness import missing_for_final
from .rules.publication_rules import Publication, publication

if TYPE_CHECKING:
    from .publish.cache import DocumentCache

MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
}


class BinaryStream(Protocol):
    """Where a document's bytes can be written: a file opened 'wb', io.BytesIO, a web framework's response."""

    def write(self, data: bytes, /) -> object: ...


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
    missing_glyphs: tuple[str, ...] = ()
    """Code points ('U+4E2D') of the characters no installed font can show: a PDF prints them as empty boxes."""

    @property
    def media_type(self) -> str:
        """The MIME type of the content."""
        return MEDIA_TYPES[self.format]

    @property
    def sha256(self) -> str:
        """Hex digest of the content."""
        return hashlib.sha256(self.content).hexdigest()

    def write_to(self, stream: BinaryStream) -> None:
        """Write the content to a binary stream (a web framework's response, io.BytesIO, a file opened 'wb'):
        straight from memory, through no temporary file.

        A stream that takes part of it at a time (a raw file, a pipe) is given the rest until it has it all; one
        that takes none of the rest for STALLED_WRITE_SECONDS (a full non-blocking stream) stops it with an
        OutputError, so a document is never cut short without a word.
        """
        view, done, deadline = memoryview(self.content), 0, None
        while done < len(view):
            taken = _taken(stream, self.content if done == 0 else view[done:])
            done += taken
            if taken:
                deadline = None
                continue
            if deadline is None:
                deadline = time.monotonic() + STALLED_WRITE_SECONDS
            if time.monotonic() >= deadline:
                raise OutputError(
                    f"{self.filename} could not be written whole: the stream took {done:,} of its {len(view):,} "
                    f"bytes, then nothing more in {STALLED_WRITE_SECONDS:g} s (a full non-blocking stream?)"
                )
            time.sleep(_STALL_PAUSE)


_STALL_PAUSE = 0.01
"""Seconds between offers of the rest of a document to a stream that took none of it."""


def _taken(stream: BinaryStream, data: bytes | memoryview) -> int:
    """How many bytes of `data` one write took: the count it gives, or all when it gives none (a web framework's
    response returns None), but nothing when a raw stream returns None or a buffered one raises BlockingIOError
    (a non-blocking stream that would have blocked)."""
    try:
        result = stream.write(data)  # type: ignore[arg-type]  # the rest as a view: a stream takes any buffer
    except BlockingIOError as error:
        return error.characters_written
    if result is None:
        return 0 if isinstance(stream, RawIOBase) else len(data)
    if not isinstance(result, int):
        return len(data)
    if not 0 <= result <= len(data):
        raise OutputError(f"the stream said it took {result} bytes of the {len(data)} it was given")
    return result


def kind_of(kind_id: str, framework: Framework | None = None) -> DocumentKind:
    """The document kind with this id among the framework's (the default framework's when None), or a UsageError
    listing them."""
    kinds = (framework or builtin_framework(DEFAULT_FRAMEWORK)).kinds
    try:
        return kinds[kind_id]
    except KeyError:
        raise UnknownKindError(kind_id, list(kinds)) from None


def render(
    case: Case,
    kind: str,
    format: str = "pdf",
    *,
    agency: str | None = None,
    to: str | None = None,
    anonymise: bool | None = None,
    draft: bool | None = None,
    board_templates: Path | None = None,
    on: dt.date | None = None,
    cache: DocumentCache | None = None,
) -> RenderedDocument:
    """Render one document of a case; pure: nothing is written (but into `cache`, when given).

    Pipeline: check the case supports the kind → draft marking → anonymise as the publication rules say
    (docgen.rules.publication_rules) → template context → HTML body → page HTML, PDF or DOCX → leak check.
    `agency` names the agency of a kind written per agency (the IMR), `to` the addressee of a kind
    written to each person (Letter 5 to each parent). `draft` None marks unapproved reports as drafts;
    True forces a watermark; False asks for a final. `anonymise` None follows the rules (the Overview
    Report is anonymised in its final, the Executive Summary always); True anonymises any document;
    False keeps the names where the rules allow (a named final Overview Report is marked NOT FOR
    PUBLICATION; the Executive Summary is anonymised whatever is asked). `on` is the day a timetable's
    status is given at (today when None). A document whose inputs (docgen.publish.keys) are in `cache` is
    taken from it, and an anonymised one checked for leaks again; one laid out is kept there.
    """
    order = _order(case, kind, format, agency, to, anonymise, draft)
    with limited_time(order.filename), collection_paused():
        layout = _layout(case, order, agency, to, board_templates, on)
        key = _key(layout) if cache else None
        cached = cache.get(key) if cache and key else None
        content, missing_glyphs = cached or _laid_out(layout)
        if order.rules.anonymised:
            from .gate import check_no_leak

            check_no_leak(case, content, format, order.filename)
        if cache and key and not cached:
            cache.put(key, content, missing_glyphs)
    marked, anonymised = order.marking is not None, order.rules.anonymised
    return RenderedDocument(kind, format, order.filename, content, marked, anonymised, agency, to, missing_glyphs)


class Options(TypedDict, total=False):
    """`render`'s options but the cache, as keywords."""

    agency: str | None
    to: str | None
    anonymise: bool | None
    draft: bool | None
    board_templates: Path | None
    on: dt.date | None


def cache_key(case: Case, kind: str, format: str = "pdf", **options: Unpack[Options]) -> str | None:
    """The key `render` gives a document in its cache (docgen.publish.cache), found without laying the document out;
    None for a document not kept there (HTML; a Word file whose template reads more than its body)."""
    agency, to = options.get("agency"), options.get("to")
    order = _order(case, kind, format, agency, to, options.get("anonymise"), options.get("draft"))
    return _key(_layout(case, order, agency, to, options.get("board_templates"), options.get("on")))


class _Order(NamedTuple):
    """A document asked for and found possible: its kind, format, file name, marking and publication rules."""

    kind: DocumentKind
    format: str
    filename: str
    marking: Draft | None
    rules: Publication


def _order(
    case: Case,
    kind: str,
    format: str,
    agency: str | None,
    to: str | None,
    anonymise: bool | None,
    draft: bool | None,
) -> _Order:
    """Check that the case supports the document (and, for a final report, has all it needs); its marking and
    publication rules."""
    document_kind = kind_of(kind, case.framework)
    _check_format(format)
    _check_supported(case, document_kind, agency, to)
    filename = _filename(case, document_kind, agency or to, format)
    marking = draft_marking(case, document_kind, agency, draft)
    if document_kind.is_report and marking is None and (missing := missing_for_final(case, document_kind, agency)):
        raise IncompleteReportError(f"{kind}{f' for {agency}' if agency else ''}", missing)
    rules = publication(document_kind, final=marking is None, anonymise=anonymise)
    return _Order(document_kind, format, filename, marking, rules)


def _layout(
    case: Case, order: _Order, agency: str | None, to: str | None, board_templates: Path | None, on: dt.date | None
) -> Layout:
    """What the document is laid out from: the case anonymised as its rules say → context → page."""
    anonymised = order.rules.anonymised
    source = _anonymised(case, order.rules.public) if anonymised else case
    context = build_context(source, order.kind, agency, to, order.marking, anonymised, on=on, publication=order.rules)
    folders = template_folders(board_templates, case.framework)
    page = _page(order.kind, context, folders)
    return Layout(order.kind, order.format, page, context, folders, order.marking is not None, anonymised)


def render_blank(
    board: Board,
    kind: str,
    format: str = "docx",
    *,
    framework: Framework | None = None,
    board_templates: Path | None = None,
) -> RenderedDocument:
    """Render a form blank, for a referrer to fill in: in Word its fields are content controls (text, date,
    check-box), in PDF empty boxes and lines to write on. Pure: nothing is written.

    Only kinds printed blank (`DocumentKind.blank`: the referral form) can be; the board profile gives the
    letterhead and contacts, the framework (the default one when None) the guidance it refers to.
    """
    framework = framework or builtin_framework(DEFAULT_FRAMEWORK)
    document_kind = kind_of(kind, framework)
    _check_format(format)
    if not document_kind.blank:
        blanks = ", ".join(k.id for k in framework.kinds.values() if k.blank)
        raise NotSupportedError(f"{kind} is not printed blank (the kinds printed blank: {blanks or 'none'})")
    context = blank_context(board, framework, document_kind)
    filename = f"{re.sub(r'[^A-Za-z0-9._-]+', '-', board.short_name)}_{kind}_blank.{format}"
    with limited_time(filename):
        folders = template_folders(board_templates, framework)
        page = _page(document_kind, context, folders)
        content, missing_glyphs = _laid_out(Layout(document_kind, format, page, context, folders))
    return RenderedDocument(kind, format, filename, content, False, False, missing_glyphs=missing_glyphs)


class Page(NamedTuple):
    """A document's HTML: its body (the master template's output, furnished), its frame, and the page with both."""

    body: str
    frame: Frame
    html: str


class Layout(NamedTuple):
    """What a document is laid out from: its kind and format, its page and context, the board's and framework's
    template folders; whether it is marked DRAFT (a watermark) and, for a PDF, archival (PDF/A as well as tagged)."""

    kind: DocumentKind
    format: str
    page: Page
    context: dict[str, Any]
    folders: Folders
    watermark: bool = False
    archival: bool = False


def _page(kind: DocumentKind, context: dict[str, Any], folders: Folders) -> Page:
    """The master template → HTML body → page HTML, with the frame (marking, footer, letterhead)."""
    env = environment(folders)
    body = furnish(env, render_template(env, kind.template, context), context)
    frame = render_frame(env, context)
    page = render_template(env, "layout/page.html.j2", {**context, "body": Markup(body), "frame": frame})
    return Page(body, frame, scoped_header_cells(page))


def _laid_out(layout: Layout) -> tuple[bytes, tuple[str, ...]]:
    """The document's bytes (the page HTML, a PDF of it, or the body in a DOCX shell), and the characters no
    installed font could show in a PDF."""
    kind, format, page, context, folders, watermark, archival = layout
    if format == "html":
        return page.html.encode("utf-8"), ()
    if format == "pdf":
        if style_sheet := find_template(folders, "layout/house.css"):
            warn_missing_fonts(style_sheet.text())
        return html_to_pdf(page.html, kind.template, archival=archival), glyphs.missing_glyphs(page.html)
    from .render.docx.document import html_to_docx

    shell, word_native = _shell(kind, folders)
    env = environment(folders)
    return html_to_docx(shell, None if word_native else page.body, page.frame, context, env, watermark=watermark), ()


def _shell(kind: DocumentKind, folders: Folders) -> tuple[TemplateFile, bool]:
    """The docxtpl template of a kind's Word file: the board's Word-native one (True), else its shell."""
    word_native = find_template(folders, kind.template.replace(".html.j2", ".docx"))
    shell = word_native or find_template(folders, f"shells/{kind.shell.value}.docx")
    assert shell is not None, "the built-in shells ship with docgen"
    return word_template(shell), word_native is not None


def _key(layout: Layout) -> str | None:
    """The key in the cache of what `_laid_out` makes of a layout, from everything it reads (None: not kept there:
    HTML, and a Word file whose template reads more of the case than its body)."""
    from .publish.keys import document_key, holds_only_the_body

    kind, format, page, context, folders, watermark, archival = layout
    if format == "pdf":
        return document_key(format, page.html, f"archival={archival}", pdf_engine=True)
    shell, word_native = _shell(kind, folders)
    if format != "docx" or word_native or not holds_only_the_body(shell):
        return None
    from .render.docx.document import WordProperties
    from .render.docx.raster import has_drawings

    frame = (str(part) for part in astuple(page.frame))
    properties, marked = repr(WordProperties.of(context)), f"watermark={watermark}"
    return document_key(format, page.body, *frame, properties, marked, shell.sha256, pdf_engine=has_drawings(page.body))


def _check_format(format: str) -> None:
    if format not in FORMATS:
        raise NotSupportedError(f"unknown format '{format}'; the formats are: {', '.join(FORMATS)}")


def _anonymised(case: Case, public: bool) -> Case:
    from .passes.anonymise import anonymise_case

    return anonymise_case(case, public)


def _check_supported(case: Case, kind: DocumentKind, agency: str | None, to: str | None) -> None:
    _check_needs(case, kind)
    enclosures(case, kind)  # each enclosure is produced beside it, or is a paper the board sends
    for per, given in ((Per.AGENCY, agency), (Per.ADDRESSEE, to)):
        if given is not None and kind.per is not per:
            raise NotSupportedError(f"{kind.id} is not written per {per}; leave out the {per}")
    if kind.per is Per.AGENCY and agency is None:
        raise NotSupportedError(f"{kind.id} is written per agency: name one of {', '.join(kind.instances(case))}")
    if kind.per is Per.ADDRESSEE:
        addressees = kind.instances(case)
        if to is None:
            raise NotSupportedError(f"{kind.id} is written to each addressee: name one of {', '.join(addressees)}")
        if to not in addressees:
            raise NotSupportedError(f"{kind.id}: '{to}' is not one of its addressees ({', '.join(addressees)})")
    if problems := BUILDERS.problems(Request(case, kind, agency, to)):
        raise NotSupportedError(f"{kind.id}{f' to {to!r}' if to else ''} cannot be written: " + "; ".join(problems))
    if kind.per is Per.AGENCY and agency not in (agencies := kind.instances(case)):
        raise NotSupportedError(
            f"{kind.id} is written per agency: '{agency}' is not one of its agencies; name one of {', '.join(agencies)}"
        )


def _check_needs(case: Case, kind: DocumentKind) -> None:
    missing = kind.missing(case)
    if missing:
        raise NotSupportedError(f"{kind.id} needs {', '.join(missing)} in the case file, which it does not have")


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
    for kind_id in kinds or case.framework.kinds:
        kind = kind_of(kind_id, case.framework)
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
    return [enclosed.id for enclosed in enclosed_kinds(case, kind_of(kind_id, case.framework))]


def render_pack(
    case: Case,
    out_dir: Path,
    kinds: Sequence[str] | None = None,
    formats: Sequence[str] = ("docx", "pdf"),
    *,
    agency: str | None = None,
    to: str | None = None,
    anonymise: bool | None = None,
    draft: bool | None = None,
    board_templates: Path | None = None,
    on_progress: Callable[[int, int, RenderedDocument], None] | None = None,
    on: dt.date | None = None,
    workers: int | None = None,
    cache: bool = True,
) -> list[Path]:
    """Render documents and write them into `out_dir` with a manifest; returns the paths written.

    Everything is rendered before anything is written, so a failure leaves no partial pack; the pack replaces the
    previous one in `out_dir` as `write_pack` says.
    `on_progress(done, total, document)` is called after each document is rendered. `workers` processes
    lay the documents out, this one and `workers - 1` started for the pack (default: the CPUs, at most 4; a few
    documents are laid out in this process alone; jobs.pool.worker_count gives the bounds); a program calling this
    with more than one worker guards its main code with `if __name__ == "__main__":`, as Python's multiprocessing asks.
    With `cache`, a document whose inputs are unchanged since it was last written here is taken from
    `out_dir/.docgen-cache/` (docgen.publish.cache), which keeps the new ones once the pack is written.
    """
    from .publish.cache import FOLDER_NAME, DocumentCache
    from .publish.pack import Settings, render_documents
    from .publish.pool import worker_count

    planned = [(p, fmt) for p in supported_documents(case, kinds, agency, to) for fmt in dict.fromkeys(formats)]
    folder = out_dir / FOLDER_NAME if cache else None
    settings = Settings(anonymise, draft, board_templates, on, folder)
    documents, entries = render_documents(case, planned, settings, worker_count(workers), on_progress)
    paths = write_pack(case, documents, out_dir)
    if folder is not None:
        DocumentCache(folder).save(entries)
    return paths


def write_pack(case: Case, documents: Sequence[RenderedDocument], out_dir: Path) -> list[Path]:
    """Write rendered documents and the manifest into `out_dir`, owner-only, in place of the previous pack there
    (see `jobs.publish.publish_pack`: the manifest is moved in last, the previous pack's other files removed);
    returns the documents' paths. OutputError when they cannot be written (a full disk, a name the file system
    refuses); UsageError when two have one name, or a name is taken there by a folder, a link or a pipe."""
    try:
        return publish_pack(out_dir, [(d.filename, d.content) for d in documents], manifest(case, documents))
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise OutputError(f"the documents could not be written into {out_dir} ({reason}); none was written") from None


def manifest(case: Case, documents: Sequence[RenderedDocument], source: str | None = None) -> bytes:
    """The manifest of a pack: for each file, its kind, format, sha256 and how it was marked; with `source`, the
    path of the case file it comes from (`input`)."""
    entries = [manifest_entry(d) for d in documents]
    named = {"input": source} if source is not None else {}
    body = {"reference": case.review.reference, "docgen": __version__, **named, "documents": entries}
    return (json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def manifest_entry(document: RenderedDocument) -> dict[str, Any]:
    """What a manifest says of one document: its file, kind, agency or addressee, format, sha256, marking."""
    return {
        "file": document.filename,
        "kind": document.kind,
        "agency": document.agency,
        "to": document.to,
        "format": document.format,
        "sha256": document.sha256,
        "draft": document.draft,
        "anonymised": document.anonymised,
        "missing_glyphs": list(document.missing_glyphs),
    }

"""One document from a case: what it may be (rules) → draft marking and anonymisation (passes) → its context
(derive) → its page and bytes (render) → the leak gate → the proof. Pure: nothing is written but into a cache,
when given."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import astuple, replace
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, TypedDict, Unpack

from ..derive.report_parts import own_date
from ..errors import CaseError, IncompleteReportError, NotSupportedError, Problem
from ..limits import limited_time
from ..model import Board, Case, Framework
from ..model.framework import DEFAULT_FRAMEWORK, builtin_framework
from ..model.kinds import DocumentKind, lookup
from ..passes.as_at import case_as_at
from ..passes.draft import Draft, draft_marking
from ..proof.proofreader import proofread_document
from ..rendering.blank_form import blank_context
from ..rendering.context import build_context
from ..rendering.gc_pause import collection_paused
from ..rendering.layout import Layout, laid_out, page_of, word_shell
from ..rendering.templates import template_folders
from ..rules.completeness import missing_for_final
from ..rules.frozen import check_frozen
from ..rules.publication_rules import PublicationRules, publication
from ..rules.support import check_format, check_supported, kind_of
from ..text.dates import long_date
from .rendered import RenderedDocument

if TYPE_CHECKING:
    from .cache import DocumentCache


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
    enclosed_in: str | None = None,
    cache: DocumentCache | None = None,
) -> RenderedDocument:
    """Render one document of a case; pure: nothing is written (but into `cache`, when given).

    Pipeline: the case as at the document's date → check it supports the kind → draft marking → anonymise as the
    publication rules say (docgen.rules.publication_rules) → template context → HTML body → page HTML, PDF or
    DOCX → leak check → the proof (docgen.proof), whose findings the document carries.
    `agency` names the agency of a kind written per agency (the IMR), `to` the addressee of a kind
    written to each person (Letter 5 to each parent). `draft` None marks unapproved reports as drafts;
    True forces a watermark; False asks for a final. `anonymise` None follows the rules (the Overview
    Report is anonymised in its final, the Executive Summary always); True anonymises any document;
    False keeps the names where the rules allow (a named final Overview Report is marked NOT FOR
    PUBLICATION; the Executive Summary is anonymised whatever is asked).
    A document prints the case as it stood on its own date (docgen.passes.as_at): a letter's or a form's, a
    report's last version's. `on` is the day a document without a date of its own is given at (a timetable's
    status, the referral form as far as the review had gone; the case as it stands when None); a document
    dated after `on` had not been written then, and is refused. `enclosed_in` names the letter a document is
    enclosed with: it is the document as it stood on the letter's date (the referral form's Part 1 as sent).
    A document whose inputs (docgen.publish.keys) are in `cache` is taken from it, and an anonymised one checked
    for leaks again; one laid out is kept there.
    """
    dated = _as_at(case, kind_of(kind, case.framework), agency, on, enclosed_in)
    order = _order(dated.case, kind, format, agency, to, anonymise, draft, enclosed_in)
    with limited_time(order.filename), collection_paused():
        layout = _layout(dated, order, agency, to, board_templates, on)
        key = _key(layout) if cache else None
        cached = cache.get(key) if cache and key else None
        content, missing_glyphs = cached or laid_out(layout)
        if order.rules.anonymised:
            from ..gate import check_no_leak

            check_no_leak(case, content, format, order.filename)
        if cache and key and not cached:
            cache.put(key, content, missing_glyphs)
        date = layout.context.get("document_date")
        findings = proofread_document(content, format, order.filename, order.kind, case, date)
    marked, anonymised = order.marking is not None, order.rules.anonymised
    return RenderedDocument(
        kind, format, order.filename, content, marked, anonymised, agency, to, missing_glyphs, date, findings
    )


class Options(TypedDict, total=False):
    """`render`'s options but the cache, as keywords."""

    agency: str | None
    to: str | None
    anonymise: bool | None
    draft: bool | None
    board_templates: Path | None
    on: dt.date | None
    enclosed_in: str | None


def cache_key(case: Case, kind: str, format: str = "pdf", **options: Unpack[Options]) -> str | None:
    """The key `render` gives a document in its cache (docgen.publish.cache), found without laying the document out;
    None for a document not kept there (HTML; a Word file whose template reads more than its body)."""
    agency, to, on, enclosed_in = (
        options.get("agency"),
        options.get("to"),
        options.get("on"),
        options.get("enclosed_in"),
    )
    dated = _as_at(case, kind_of(kind, case.framework), agency, on, enclosed_in)
    order = _order(dated.case, kind, format, agency, to, options.get("anonymise"), options.get("draft"), enclosed_in)
    return _key(_layout(dated, order, agency, to, options.get("board_templates"), on))


class _AsAt(NamedTuple):
    """The case as a document reads it, and the day it is as at (None: the case as it stands)."""

    case: Case
    day: dt.date | None
    enclosed_in: str | None = None


def _as_at(case: Case, kind: DocumentKind, agency: str | None, on: dt.date | None, enclosed_in: str | None) -> _AsAt:
    """The case as at the document's date: its own, else its enclosing letter's (or the earlier date the enclosed
    kind names), else `on`; refused when its date is after `on` (the document had not been written by then)."""
    dated_by = kind
    if enclosed_in is not None:
        dated_by = kind_of(enclosed_in, case.framework)
        if kind.id not in dated_by.every_enclosure:
            encloses = ", ".join(dated_by.every_enclosure) or "nothing"
            raise NotSupportedError(f"{enclosed_in} does not enclose {kind.id} (it encloses: {encloses})")
    own = own_date(case, dated_by, None if enclosed_in else agency)
    if on is not None and own is not None and own > on:
        raise NotSupportedError(
            f"{dated_by.id} is dated {long_date(own)}, after {long_date(on)}: it had not been written by then"
        )
    day = own or on
    if enclosed_in is not None and (sent := _enclosed_date(case, kind)) is not None:
        day = min(day, sent) if day else sent
    return _AsAt(case_as_at(case, None if kind.whole_case else day), day, enclosed_in)


class _Order(NamedTuple):
    """A document asked for and found possible: its kind, format, file name, marking and publication rules."""

    kind: DocumentKind
    format: str
    filename: str
    marking: Draft | None
    rules: PublicationRules


def _enclosed_date(case: Case, kind: DocumentKind) -> dt.date | None:
    """The date a copy of the kind enclosed with a letter is as at, when the kind names one."""
    day = lookup(case, kind.enclosed_dated) if kind.enclosed_dated else None
    return day if isinstance(day, dt.date) else None


def _order(
    case: Case,
    kind: str,
    format: str,
    agency: str | None,
    to: str | None,
    anonymise: bool | None,
    draft: bool | None,
    enclosed_in: str | None = None,
) -> _Order:
    """Check that the case supports the document (and, for a final report, has all it needs); its marking and
    publication rules."""
    document_kind = kind_of(kind, case.framework)
    check_format(format)
    check_supported(case, document_kind, agency, to)
    filename = document_filename(case, document_kind, agency or to, format, enclosed_in)
    marking = draft_marking(case, document_kind, agency, draft)
    if document_kind.is_report and marking is None and (missing := missing_for_final(case, document_kind, agency)):
        raise IncompleteReportError(f"{kind}{f' for {agency}' if agency else ''}", missing)
    if document_kind.is_report and marking is None:
        check_frozen(case, document_kind, agency)
    rules = publication(document_kind, final=marking is None, anonymise=anonymise)
    if rules.published and _withheld(case, document_kind):
        rules = replace(rules, published=False)
    if rules.published and case.anonymisation.jigsaw_confirmed is None:
        raise CaseError(
            f"case {case.review.reference}",
            [
                Problem(
                    "anonymisation.jigsaw_confirmed",
                    f"the {document_kind.title} is published, and what it generalises so that the family cannot be "
                    "identified in combination has not been confirmed: read the list `docgen anonymise CASE --report`"
                    " gives, add rules of the case's own in anonymisation.jigsaw if more must go, then record the day"
                    " you confirmed it (anonymisation: {jigsaw_confirmed: YYYY-MM-DD})",
                )
            ],
        )
    return _Order(document_kind, format, filename, marking, rules)


def _withheld(case: Case, kind: DocumentKind) -> bool:
    """Whether the kind is the review's final report and the case records the decision not to publish it (a
    statement of improvements is published instead): it keeps its protective marking."""
    return kind.id == case.framework.final_report and case.publication is not None and not case.publication.published


def _layout(
    dated: _AsAt, order: _Order, agency: str | None, to: str | None, board_templates: Path | None, on: dt.date | None
) -> Layout:
    """What the document is laid out from: the case as at its date, anonymised as its rules say → context → page."""
    case, anonymised = dated.case, order.rules.anonymised
    source = _anonymised(case, order.rules.public) if anonymised else case
    context = build_context(
        source,
        order.kind,
        agency,
        to,
        order.marking,
        anonymised,
        on=on,
        publication=order.rules,
        enclosed_in=dated.enclosed_in,
        day=dated.day,
    )
    folders = template_folders(board_templates, case.framework)
    page = page_of(order.kind, context, folders)
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
    check_format(format)
    if not document_kind.blank:
        blanks = ", ".join(k.id for k in framework.kinds.values() if k.blank)
        raise NotSupportedError(f"{kind} is not printed blank (the kinds printed blank: {blanks or 'none'})")
    context = blank_context(board, framework, document_kind)
    filename = f"{re.sub(r'[^A-Za-z0-9._-]+', '-', board.short_name)}_{kind}_blank.{format}"
    with limited_time(filename):
        folders = template_folders(board_templates, framework)
        page = page_of(document_kind, context, folders)
        content, missing_glyphs = laid_out(Layout(document_kind, format, page, context, folders))
        findings = proofread_document(content, format, filename, document_kind, None, None, framework.kinds.values())
    return RenderedDocument(
        kind, format, filename, content, False, False, missing_glyphs=missing_glyphs, findings=findings
    )


def _key(layout: Layout) -> str | None:
    """The key in the cache of what `laid_out` makes of a layout, from everything it reads (None: not kept there:
    HTML, and a Word file whose template reads more of the case than its body)."""
    from .keys import document_key, holds_only_the_body

    kind, format, page, context, folders, watermark, archival = layout
    if format == "pdf":
        return document_key(format, page.html, f"archival={archival}", pdf_engine=True)
    shell, word_native = word_shell(kind, folders)
    if format != "docx" or word_native or not holds_only_the_body(shell):
        return None
    from ..rendering.docx.document import WordProperties
    from ..rendering.docx.raster import has_drawings

    frame = (str(part) for part in astuple(page.frame))
    properties, marked = repr(WordProperties.of(context)), f"watermark={watermark}"
    return document_key(format, page.body, *frame, properties, marked, shell.sha256, pdf_engine=has_drawings(page.body))


def _anonymised(case: Case, public: bool) -> Case:
    from ..passes.anonymise import anonymise_case

    return anonymise_case(case, public)


def document_filename(
    case: Case, kind: DocumentKind, instance: str | None, format: str, enclosed_in: str | None = None
) -> str:
    """`<reference>_<kind>[_<agency or addressee>].<format>`, an enclosure's after its letter's kind
    (`LLR-2026-04_letter-1_referral-form.pdf`): the review's reference, whatever the document's date."""
    kinds = f"{enclosed_in}_{kind.id}" if enclosed_in else kind.id
    return f"{case.review.file_reference}_{kinds}{f'_{instance}' if instance else ''}.{format}"

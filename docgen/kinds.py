"""The registry of document kinds: what each document is, who may read it, what it needs."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType
from typing import Any


class Audience(StrEnum):
    """Who a document is for: confidential papers, or the public (always anonymised)."""

    CONFIDENTIAL = "confidential"
    PUBLIC = "public"


class Anonymised(StrEnum):
    """When a kind is anonymised: on request, in its final version (the seed's Overview Report), or always."""

    ON_REQUEST = "on request"
    IN_FINAL = "in its final"
    ALWAYS = "always"


class Per(StrEnum):
    """What a kind is written once for: each agency, or each person it is addressed to."""

    AGENCY = "agency"
    ADDRESSEE = "addressee"


class Shell(StrEnum):
    """The page frame a document sits in: a letterhead, or a report with a cover."""

    LETTER = "letter"
    REPORT = "report"
    FORM = "form"


FORMATS = ("docx", "pdf", "html")
"""Every output format."""


@dataclass(frozen=True)
class DocumentKind:
    """One kind of document docgen produces."""

    id: str
    """Stable identifier used on the command line and in the API, e.g. 'letter-1'."""
    title: str
    """Human title."""
    template: str
    """Master template, relative to the templates folder."""
    shell: Shell
    """Page frame."""
    marking: str | None
    """Protective marking printed on every page, as the seed's appendix carries it."""
    needs: tuple[str, ...]
    """Dotted paths into the case that must be present for the document to be produced."""
    audience: Audience = Audience.CONFIDENTIAL
    """Public documents are always anonymised, and their dates are given as the board's profile says."""
    anonymised: Anonymised = Anonymised.ON_REQUEST
    """When the document is anonymised (docgen.publication decides from this, the draft and the request)."""
    is_report: bool = False
    """Reports are drafts until the board approves them; letters are not drafts unless asked."""
    is_letter: bool = False
    """One of the letters of Appendix XI, with its record in the case's correspondence."""
    per: Per | None = None
    """One document per agency or per addressee; None for one document per case."""
    each: str = ""
    """For kinds written `per` something: the case's attribute listing the ids, one document each."""
    enclosures: tuple[str, ...] = ()
    """What goes with the document: other kinds' ids (rendered beside it, for the same case) and keys of the
    framework profile's `papers` (or 'guidance-chapter'), papers docgen does not produce."""
    lay_reader: bool = False
    """Written to a parent, a victim or a child rather than a professional: larger type, no acronyms."""
    blank: bool = False
    """Whether the kind is also printed blank, to be filled in by hand or in Word (`render_blank`)."""
    record: str = ""
    """Dotted path of the case record the document is written from (for a report, the record whose `approval`
    makes it final; for a report written per agency, a mapping by agency id)."""
    derive: tuple[str, ...] = ()
    """Named derivations (docgen.rendering.derivations) whose results the template receives."""
    sections: tuple[tuple[str, str], ...] = ()
    """A report's narrative sections a final needs: (field path within its record, heading)."""

    def missing(self, case: Any) -> list[str]:
        """The needed parts the case does not have."""
        return [path for path in self.needs if lookup(case, path) in (None, [], {})]

    def instances(self, case: Any) -> list[str]:
        """The ids this kind is written for in the case, one document each (empty when not `per` anything)."""
        return list(lookup(case, self.each) or []) if self.per else []


def lookup(obj: Any, path: str) -> Any:
    """The value a dotted path names (through attributes and mapping keys), None where a part is empty."""
    for name in path.split("."):
        obj = obj.get(name) if isinstance(obj, dict) else getattr(obj, name, None)
        if obj is None:
            return None
    return obj


def _letter(number: int, title: str, marking: str | None, *needs: str, **options: Any) -> DocumentKind:
    return DocumentKind(
        id=f"letter-{number}",
        title=f"Letter {number} – {title}",
        template=f"letters/letter-{number}.html.j2",
        shell=Shell.LETTER,
        marking=marking,
        needs=(f"correspondence.letter_{number}", *needs),
        is_letter=True,
        **options,
    )


def _report(kind_id: str, title: str, *needs: str, **options: Any) -> DocumentKind:
    return DocumentKind(
        id=kind_id,
        title=title,
        template=f"reports/{kind_id}.html.j2",
        shell=Shell.REPORT,
        marking="STRICTLY CONFIDENTIAL",
        needs=needs,
        is_report=True,
        **options,
    )


def _paper(kind_id: str, title: str, shell: Shell, *needs: str, **options: Any) -> DocumentKind:
    """A working paper of the review (Appendices I, II, III and VI): confidential, a draft only when asked."""
    return DocumentKind(
        id=kind_id,
        title=title,
        template=f"forms/{kind_id}.html.j2",
        shell=shell,
        marking="CONFIDENTIAL",
        needs=needs,
        **options,
    )


KINDS: MappingProxyType[str, DocumentKind] = MappingProxyType(
    {
        kind.id: kind
        for kind in (
            _letter(1, "Request for further information", "CONFIDENTIAL", enclosures=("referral-form",)),
            _letter(2, "Notification of no further action", "CONFIDENTIAL", "decision", "correspondence.letter_1"),
            _letter(
                3,
                "Commissioning Individual Management Reviews",
                "CONFIDENTIAL",
                "review.imr_deadline",
                enclosures=("scoping-document", "imr-author-brief"),
            ),
            _letter(
                4,
                "Invitation to the authors' briefing",
                "STRICTLY CONFIDENTIAL",
                "review.authors_briefing",
                "screening",
                "decision",
                enclosures=("referral-form",),
            ),
            _letter(
                5,
                "Notification to parents",
                "STRICTLY CONFIDENTIAL",
                "review.overview_author",
                "parents_notified",
                per=Per.ADDRESSEE,
                each="parents_notified",
                enclosures=("guidance-chapter",),
                lay_reader=True,
            ),
            _letter(
                6,
                "Notification to victims",
                "STRICTLY CONFIDENTIAL",
                "victims",
                per=Per.ADDRESSEE,
                each="victim_ids",
                lay_reader=True,
            ),
            _letter(
                7, "Invitation to the practitioners' debriefing", "CONFIDENTIAL", "review.practitioners_debriefing"
            ),
            _paper(
                "referral-form",
                "Referral form – consideration for a Serious Case Review",
                Shell.LETTER,
                "referral",
                blank=True,
            ),
            _paper(
                "scoping-document",
                "Scoping document",
                Shell.LETTER,
                "review.terms_of_reference",
                "review.scope_meeting",
            ),
            _paper(
                "imr-author-brief",
                "Criteria for appointing an IMR author",
                Shell.FORM,
                "review.imr_deadline",
                per=Per.AGENCY,
                each="imr_author_briefs",
            ),
            _paper(
                "interview-record",
                "Interview record",
                Shell.FORM,
                "interviews",
                per=Per.ADDRESSEE,
                each="interview_ids",
            ),
            _report("imr", "Individual Management Review", "imrs", per=Per.AGENCY, each="imr_agencies", record="imrs"),
            _report(
                "overview-report",
                "Overview Report",
                "overview",
                "review.overview_author",
                anonymised=Anonymised.IN_FINAL,
                record="overview",
            ),
            _report(
                "executive-summary",
                "Executive Summary",
                "executive_summary",
                "review.overview_author",
                audience=Audience.PUBLIC,
                anonymised=Anonymised.ALWAYS,
                record="executive_summary",
            ),
            DocumentKind(
                id="ofsted-notification",
                title="Notification of serious childcare incident",
                template="reports/ofsted-notification.html.j2",
                shell=Shell.FORM,
                marking="CONFIDENTIAL",
                needs=("incident", "ofsted"),
            ),
            DocumentKind(
                id="timetable",
                title="Review timetable",
                template="timetable/timetable.html.j2",
                shell=Shell.FORM,
                marking=None,
                needs=("framework.timetable", "decision"),
            ),
        )
    }
)
"""The built-in library of document kinds, by id, in the order of the seed: a framework profile offers those it
names, and may define its own (docgen.model.documents)."""

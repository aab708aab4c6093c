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
    """Public documents are always anonymised."""
    is_report: bool = False
    """Reports are drafts until the board approves them; letters are not drafts unless asked."""
    per: Per | None = None
    """One document per agency or per addressee; None for one document per case."""
    each: str = ""
    """For kinds written `per` something: the case's attribute listing the ids, one document each."""
    enclosures: tuple[str, ...] = ()
    """What goes with the document: other kinds' ids (rendered beside it, for the same case) and keys of the
    framework profile's `papers` (or 'guidance-chapter'), papers docgen does not produce."""
    lay_reader: bool = False
    """Written to a parent, a victim or a child rather than a professional: larger type, no acronyms."""

    def missing(self, case: Any) -> list[str]:
        """The needed parts the case does not have."""
        return [path for path in self.needs if _lookup(case, path) in (None, [], {})]

    def instances(self, case: Any) -> list[str]:
        """The ids this kind is written for in the case, one document each (empty when not `per` anything)."""
        return list(getattr(case, self.each)) if self.per else []


def _lookup(obj: Any, path: str) -> Any:
    for name in path.split("."):
        obj = getattr(obj, name, None)
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
                enclosures=("scope", "imr-author-criteria"),
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
            _report("imr", "Individual Management Review", "imrs", per=Per.AGENCY, each="imr_agencies"),
            _report("overview-report", "Overview Report", "overview", "review.overview_author"),
            _report(
                "executive-summary",
                "Executive Summary",
                "executive_summary",
                "review.overview_author",
                audience=Audience.PUBLIC,
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
"""Every document kind, by id, in the order of the seed."""

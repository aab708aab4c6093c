"""A report's furniture: version history, the final's footer, appendices, glossary, contents, file dates."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..model import Approval, Case
from ..model.kinds import DocumentKind, lookup
from ..model.review import JointArrangement
from ..text.dates import long_date
from .action_plan import number_recommendations
from .chronology_rows import sorted_chronology
from .registry import Request, register

CONTENTS_WORDS = 2500
"""A report longer than this (about five pages) opens with a table of contents; the Overview Report always does."""
_ATTACHED = re.compile(r"\b(?:attached|appended|enclosed)\b", re.IGNORECASE)
_CONDITIONS = re.compile(r"\b(?:conditions?|strings|importance|weight|significance)\s+(?:\w+\s+){0,3}$", re.IGNORECASE)
"""What may be attached that is no document: 'conditions to be attached', 'no importance was attached'."""


@dataclass(frozen=True)
class VersionRow:
    """One row of a version history."""

    version: str
    dated: dt.date | None
    status: str


def cover_rows(author: Any, dated: dt.date | None, public: bool) -> list[tuple[str, str]]:
    """The author's rows of a report's cover (Appendices IV, VII, VIII): name, post, address, telephone and date;
    a public document's cover gives no address or telephone."""
    rows = [("AUTHOR: Name:", author.name if author else ""), ("Post:", (author.post or "") if author else "")]
    if not public:
        address = author.address.one_line() if author and author.address else ""
        rows += [("Address:", address), ("Tel No.:", (author.phone or "") if author else "")]
    return [*rows, ("Date:", long_date(dated) if dated else "")]


def version_history(approval: Approval, public_final: bool = False) -> list[VersionRow]:
    """Every version, oldest first: the earlier ones from the history, then this one with its approval; a public
    final gives its own version only (the drafts before it are the board's working papers)."""
    rows = [VersionRow(v.version, v.dated, v.note or "Draft") for v in approval.history]
    if public_final and approval.is_approved:
        rows = []
    status = approved(approval) if approval.is_approved else approval.note or "Draft"
    return [*rows, VersionRow(approval.version, approval.dated, status)]


def approved(approval: Approval) -> str:
    """'Approved on 17 July 2026 (the safeguarding partners)'; empty while not approved."""
    if not approval.is_approved:
        return ""
    by = f" ({in_running_text(approval.approved_by)})" if approval.approved_by else ""
    return f"Approved on {long_date(approval.approved_on)}{by}"


def approved_footer(approval: Approval) -> str:
    """What a final's footer says: 'Version 3, approved 4 November 2026'; empty for a draft."""
    if not approval.is_approved:
        return ""
    return f"Version {approval.version}, approved {long_date(approval.approved_on)}"


def approval_dates(approval: Approval, fallback: dt.date | None) -> tuple[dt.date | None, dt.date | None]:
    """When a report was first written and when last changed: its first version's date and its approval's."""
    first = approval.history[0].dated if approval.history else approval.dated or fallback
    return first, approval.approved_on or approval.dated or fallback


def own_date(case: Case, kind: DocumentKind, agency: str | None) -> dt.date | None:
    """The date the document bears: a report's last version's (or its approval's), a letter's or a form's the date
    of its record (the field its kind names as `dated`); None for a document with no date of its own (a timetable,
    whose rows are deadlines to come; a form written from no record)."""
    record = kind.record_of(case, agency)
    if record is not None and hasattr(record, "approval"):
        return approval_dates(record.approval, record.date)[1]
    dated = lookup(record, kind.dated) if record is not None else None
    return dated if isinstance(dated, dt.date) else None


def used_abbreviations(text: str, *glossaries: Mapping[str, str]) -> list[tuple[str, str]]:
    """The abbreviations of the glossaries (later ones win) that the text uses, in alphabetical order.

    >>> used_abbreviations("The MASH asked the GP.", {"MASH": "Multi-Agency Safeguarding Hub", "ICB": "…"},
    ...                    {"GP": "General practitioner"})
    [('GP', 'General practitioner'), ('MASH', 'Multi-Agency Safeguarding Hub')]
    """
    merged = {term: meaning for glossary in glossaries for term, meaning in glossary.items()}
    used = [(term, meaning) for term, meaning in merged.items() if term in text and _word(term).search(text)]
    return sorted(used, key=lambda pair: pair[0].casefold())


def _word(term: str) -> re.Pattern[str]:
    """The term as a whole word: 'ED' is not found in 'EDT' or in 'CP-ED'."""
    return re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])")


def wants_contents(kind: DocumentKind, words: int) -> bool:
    """Whether a report opens with a table of contents: always, when its kind says so; any other when long."""
    return kind.contents_always or words > CONTENTS_WORDS


def says_attached(text: str) -> bool:
    """Whether a text says something is attached, appended or enclosed.

    >>> says_attached("Copies are attached."), says_attached("Other information appended:"), says_attached("Tacked")
    (True, True, False)
    >>> says_attached("Release under investigation allows no conditions to be attached.")
    False
    """
    return any(not _CONDITIONS.search(text, 0, match.start()) for match in _ATTACHED.finditer(text))


def appendices(kind: DocumentKind) -> list[tuple[str, str, str]]:
    """(key, 'Appendix A', title) for each appendix of a kind of report.

    >>> from docgen import KINDS
    >>> appendices(KINDS["imr"])[1][:2]
    ('chronology', 'Appendix B')
    """
    return [(key, f"Appendix {chr(ord('A') + i)}", title) for i, (key, title) in enumerate(kind.appendices)]


def with_section(name: str, section: str | None) -> str:
    """An agency with the part of it that contributed, its name not said twice.

    >>> with_section("Northbrook Council", "Children's Social Care")
    "Northbrook Council – Children's Social Care"
    >>> with_section("The pre-school", "Pre-school (funded place)")
    'The pre-school (funded place)'
    """
    if not section:
        return name
    bare = re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)
    if section.lower().startswith(bare.lower()):
        return f"{name} {section[len(bare) :].strip()}".strip()
    return f"{name} – {section}"


def contributor_rows(case: Case) -> list[dict[str, str]]:
    """The Overview Report's contributors (columns.CONTRIBUTORS): each agency and what it contributed."""
    rows = []
    for agency in case.agencies:
        author = agency.imr_author
        rows.append(
            {
                "contributor": with_section(agency.name, agency.section),
                "contribution": agency.contribution
                or ("Individual Management Review" if agency.imr_required else "Information report"),
                "author": ", ".join(part for part in (author.name, author.post) if part) if author else "",
            }
        )
    return rows


def name_not_real(case: Case) -> str:
    """'Kiera is not her real name.' when an anonymised case calls the child by a name chosen for the report
    (not by a label such as 'Child A'); else empty."""
    child = case.subject
    if not child.anonymous_name or child.full_name != child.anonymous_name:
        return ""
    return f"{child.full_name} is not {child.gender.possessive} real name."


def prepared_for(case: Case) -> str:
    """Whom a report is prepared for: the board, or both boards of a review they hold with a joint panel."""
    joint = case.review.joint
    if joint is not None and joint.arrangement is JointArrangement.JOINT_PANEL:
        return f"{case.board.name} and the {joint.partner_board.name}"
    return case.board.name


def in_running_text(name: str) -> str:
    """An agency's name as a sentence writes it after its first words: a name that only says what the agency is
    (as anonymised documents call it: 'The GP practice', 'Social services in Wales') in lower case, a proper name
    as it is.

    >>> in_running_text("The GP practice"), in_running_text("Social services in Wales")
    ('the GP practice', 'social services in Wales')
    >>> in_running_text("The Royal Marsden"), in_running_text("Northbrook Police"), in_running_text("Police")
    ('The Royal Marsden', 'Northbrook Police', 'Police')
    >>> in_running_text("Shrewford and Marches Hospitals NHS Trust")
    'Shrewford and Marches Hospitals NHS Trust'
    """
    words = name.split()
    joined = len(words) > 1 and words[1] in ("and", "of", "for", "upon", "&")  # 'Shrewford and Marches …'
    described = words[-1].islower() if words[0] == "The" else len(words) > 1 and words[1].islower() and not joined
    return name[:1].lower() + name[1:] if described else name


def panel_rows(case: Case) -> list[dict[str, str]]:
    """The panel (columns.PANEL), then the author of the overview report."""
    rows = [{"name": m.name, "post": m.post, "agency": m.agency} for m in case.review.panel]
    if (author := case.review.overview_author) is not None:
        post = author.post or "Independent Overview Author"
        rows.append({"name": author.name, "post": post, "agency": "Author of the overview report"})
    return rows


def review_reasons(case: Case) -> str | None:
    """Why the review was held, for the Executive Summary: the author's own account, else the chair's decision
    on the criteria (never both, which would say the same twice)."""
    summary = case.executive_summary
    if summary is not None and summary.reasons:
        return summary.reasons
    return case.decision.criteria_met if case.decision else None


def imr_problems(request: Request) -> list[str]:
    """An IMR is written for an agency the case has one for, with its chronology."""
    case, agency = request.case, request.agency
    if agency is not None and agency not in case.imrs:
        return [f"the case has no IMR for agency '{agency}' (it has: {', '.join(case.imrs)})"]
    if agency is not None and agency not in case.imr_agencies:
        return [f"agency '{agency}' has no chronology entries; an IMR needs its chronology"]
    return []


@register("imr", check=imr_problems)
def imr_context(request: Request) -> dict[str, Any]:
    """`agency`, `imr`, its chronology and its numbered recommendations: one agency's Individual Management
    Review."""
    case, agency = request.case, request.agency
    assert agency is not None, "an IMR is written per agency"
    imr = case.imrs[agency]
    return {
        "agency": case.agency(agency),
        "imr": imr,
        "agency_chronology": sorted_chronology(case.chronology, agency),
        "recommendations": number_recommendations(imr.recommendations),
    }

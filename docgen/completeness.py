"""What a report still lacks before it can be final: unwritten sections, recommendations that are not SMART
or not single (one addressee, one task), attachments the text mentions but the report does not list."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from . import derive
from .derive.reports import says_attached
from .kinds import DocumentKind, Per, lookup
from .model import Case

SECTIONS: dict[str, tuple[tuple[str, str], ...]] = {
    "imr": (
        ("reason_for_review", "1.1 Reason for the review"),
        ("contextual_information", "1.3 Contextual Information"),
        ("methodology.how_reviewed", "1.4 a) How the agency carried out the review"),
        ("methodology.documents_seen", "1.4 b) Details of documents seen"),
        ("methodology.interviews", "1.4 c) List of interviews and dates"),
        ("methodology.information_not_available", "1.4 d) Information not available/not considered"),
        ("methodology.staff_informed", "1.4 e) How agency staff were kept informed"),
        ("methodology.staff_involved", "1.4 f) Staff involved by name and job title"),
        ("methodology.sufficient_time", "1.4 g) Were you given sufficient time"),
        ("background.history", "2.2 a) Relevant chronological history"),
        ("background.contextual_facts", "2.2 b) Further amplification of relevant facts"),
        ("background.appended", "2.2 c) Other relevant information appended"),
        ("background.procedures", "2.2 d) The agency's internal child protection procedures"),
        ("analysis", "3 Analysis of involvement"),
        ("recommendations", "4 Recommendations"),
    ),
    "overview-report": (
        ("circumstances", "1.1 The circumstances that led to the review"),
        ("family_and_household", "2.1 Family, extended family and household"),
        ("summary_of_knowledge", "2.3 Summary of what was known to agencies"),
        ("analysis", "3 Analysis"),
        ("good_practice", "3.1 Good practice"),
        ("conclusions", "4.1 Conclusions"),
        ("national_lessons", "4.3 Lessons for national policy and practice"),
        ("recommendations", "4.2 Recommendations"),
    ),
    "executive-summary": (
        ("family_background", "Family background"),
        ("review_process", "Review process"),
        ("reasons", "Reasons for conducting the review and criteria met"),
        ("incident", "The incident"),
        ("maltreatment", "Kind of maltreatment"),
        ("believed_responsible", "Believed to be responsible"),
        ("context_and_resourcing", "Context of ages involved and resourcing"),
        ("themes_and_lessons", "Key themes and lessons learnt"),
        ("conclusions", "Conclusions and recommendations"),
    ),
}
"""The narrative sections of each report, by field path within its record, with the seed's heading."""

OPTIONAL_SECTIONS: dict[str, dict[str, str]] = {
    "imr": {
        "family_composition": "2.1 Family Composition and genogram",
        "recommendations_commentary": "4 Recommendations",
    }
}
"""Headings of the sections a final may leave empty, for naming where a text is."""


def report_record(case: Case, kind: DocumentKind, agency: str | None) -> Any:
    """The case's record for a document (`kind.record`): the agency's, for a report written per agency (the IMR);
    None when the kind has no record or the case has none."""
    record = lookup(case, kind.record) if kind.record else None
    if kind.per is Per.AGENCY and isinstance(record, dict):
        return record.get(agency) if agency else None
    return record


def sections(kind: DocumentKind) -> tuple[tuple[str, str], ...]:
    """A report's narrative sections a final needs: the seed's, or those its framework profile gives."""
    return SECTIONS.get(kind.id) or kind.sections


def missing_for_final(case: Case, kind: DocumentKind, agency: str | None) -> list[str]:
    """Every unwritten section, every recommendation that is not SMART or asks more than one person or task,
    and attachments the text mentions that the report does not list; empty when complete."""
    record = report_record(case, kind, agency)
    if record is None:
        return []
    missing = [f"section '{title}' is not written" for path, title in sections(kind) if not _value(record, path)]
    numbered = derive.number_recommendations(getattr(record, "recommendations", []))
    return missing + derive.not_smart(numbered) + derive.not_single(numbered) + _unlisted_attachments(record, kind)


def _unlisted_attachments(record: Any, kind: DocumentKind) -> list[str]:
    """'the text says documents are attached (1.3 …) but the report lists none', when it does not list them."""
    if getattr(record, "attachments", None) != []:
        return []
    titles = dict(sections(kind)) | OPTIONAL_SECTIONS.get(kind.id, {})
    where = [
        titles.get(path, path) for path, text in _texts(record.model_dump(exclude={"approval"})) if says_attached(text)
    ]
    if not where:
        return []
    return [f"the text says documents are attached ({'; '.join(where)}) but the report lists no attachments"]


def _texts(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string inside a dumped record, with its dotted field path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for name, item in value.items():
            yield from _texts(item, f"{path}.{name}" if path else name)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, f"{path}[{index}]")


def _value(record: Any, path: str) -> Any:
    return lookup(record, path)

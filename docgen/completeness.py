"""What a report still lacks before it can be final: unwritten sections, recommendations that are not SMART."""

from __future__ import annotations

from typing import Any

from . import derive
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


def report_record(case: Case, kind: str, agency: str | None) -> Any:
    """The case's record for a report: the agency's IMR, the overview or the executive summary."""
    if kind == "imr":
        return case.imrs[agency] if agency else None
    return {"overview-report": case.overview, "executive-summary": case.executive_summary}.get(kind)


def missing_for_final(case: Case, kind: str, agency: str | None) -> list[str]:
    """Every unwritten section and every recommendation that is not SMART; empty when complete."""
    record = report_record(case, kind, agency)
    if record is None:
        return []
    missing = [f"section '{title}' is not written" for path, title in SECTIONS[kind] if not _value(record, path)]
    recommendations = getattr(record, "recommendations", [])
    return missing + derive.not_smart(derive.number_recommendations(recommendations))


def _value(record: Any, path: str) -> Any:
    for name in path.split("."):
        record = getattr(record, name)
    return record

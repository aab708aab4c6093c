"""What the reports' templates receive beyond the common context, and the files' dates for every kind."""

from __future__ import annotations

import datetime as dt
from typing import Any

from markupsafe import Markup

from .. import derive
from ..derive import columns, household, report_parts
from ..model import Case
from ..model.kinds import Audience, DocumentKind
from ..passes.draft import Draft
from ..rules.completeness import missing_for_final

SPECS = {name.lower(): value for name, value in vars(columns).items() if name.isupper()}
"""Every table's column specification, by name: columns.action_plan, columns.chronology …"""
FINAL_SPECS = {name: columns.unprompted(value) for name, value in SPECS.items()}
"""The same for a final: headings without the appendix's prompts."""


def report_context(
    case: Case, kind: DocumentKind, agency: str | None, draft: Draft | None, anonymised: bool
) -> dict[str, Any]:
    """Tables, numbering, furniture and the genogram for a report; the file dates for any document."""
    context: dict[str, Any] = {
        "document_dates": document_dates(case, kind, agency),
        "document_date": report_parts.own_date(case, kind, agency),
    }
    record = kind.record_of(case, agency) if kind.is_report else None
    if record is None:
        return context
    context.update(
        final_needs=missing_for_final(case, kind, agency) if draft else [],
        version_history=report_parts.version_history(
            record.approval, public_final=kind.audience is Audience.PUBLIC and draft is None
        ),
        approved=report_parts.approved(record.approval),
        appendix={key: label for key, label, _ in report_parts.appendices(kind)},
        appendices=[(label, title) for _, label, title in report_parts.appendices(kind)],
        attachments=getattr(record, "attachments", []),
        family_rows=household.family_rows(case, anonymised, public=kind.audience is Audience.PUBLIC),
        family_columns=columns.FAMILY_ANONYMISED if anonymised else columns.FAMILY,
        household_rows=household.household_rows(case, public=kind.audience is Audience.PUBLIC),
        cover_rows=lambda author, dated: report_parts.cover_rows(author, dated, kind.audience is Audience.PUBLIC),
        child_age=household.age_of(case, case.subject),
        name_not_real=report_parts.name_not_real(case) if anonymised else "",
        contributor_rows=report_parts.contributor_rows(case),
        agency_names=[report_parts.in_running_text(agency.name) for agency in case.agencies],
        prepared_for=report_parts.prepared_for(case),
        review_reasons=report_parts.review_reasons(case),
        panel_rows=report_parts.panel_rows(case),
        chronology_rows=lambda entries: derive.chronology_rows(case, entries, anonymised),
        seen_and_heard=lambda entries: derive.seen_and_heard(case, entries, anonymised),
        genogram=lambda: _genogram(case, anonymised, public=kind.audience is Audience.PUBLIC),
    )
    if draft is None:
        context["footer_note"] = report_parts.approved_footer(record.approval)
    if case.overview is not None:
        overview = derive.number_recommendations(case.overview.recommendations)
        imr_recommendations = [
            (case.agency(agency_id), prefix, derive.number_recommendations(imr.recommendations, prefix))
            for agency_id, imr in case.imrs.items()
            if imr.recommendations and (prefix := derive.agency_prefix(case.agency(agency_id)))
        ]
        context.update(
            overview_recommendations=overview,
            national_lessons=derive.national_lessons(overview),
            imr_recommendations=imr_recommendations,
            prefixes_explained=derive.prefixes_explained([agency for agency, _, _ in imr_recommendations]),
        )
    return context


def document_dates(case: Case, kind: DocumentKind, agency: str | None) -> tuple[dt.date, dt.date]:
    """When the document was first written and last changed, for the Word file's properties.

    A report's come from its versions and approval; a letter's and a form's are the date of its record (the field
    its kind names as `dated`); any other document's the day the case began.
    """
    record = kind.record_of(case, agency)
    if record is not None and hasattr(record, "approval"):
        created, modified = report_parts.approval_dates(record.approval, record.date)
        return created or case.opened_on, modified or case.opened_on
    dated = report_parts.own_date(case, kind, agency)
    return (dated, dated) if dated else (case.opened_on, case.opened_on)


def _genogram(case: Case, anonymised: bool, public: bool) -> Markup:
    from .genogram_drawing import genogram_html

    return Markup(genogram_html(case, anonymised, public))

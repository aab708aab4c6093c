"""What the reports' templates receive beyond the common context, and the files' dates for every kind."""

from __future__ import annotations

import datetime as dt
from typing import Any

from markupsafe import Markup

from .. import columns, derive
from ..completeness import missing_for_final, report_record
from ..derive import people, reports
from ..kinds import DocumentKind, lookup
from ..model import Case
from ..passes.draft import Draft

SPECS = {name.lower(): value for name, value in vars(columns).items() if name.isupper()}
"""Every table's column specification, by name: columns.action_plan, columns.chronology …"""


def report_context(
    case: Case, kind: DocumentKind, agency: str | None, draft: Draft | None, anonymised: bool
) -> dict[str, Any]:
    """Tables, numbering, furniture and the genogram for a report; the file dates for any document."""
    context: dict[str, Any] = {"document_dates": document_dates(case, kind, agency)}
    record = report_record(case, kind, agency) if kind.is_report else None
    if record is None:
        return context
    context.update(
        final_needs=missing_for_final(case, kind, agency) if draft else [],
        version_history=reports.version_history(record.approval),
        appendix={key: label for key, label, _ in reports.appendices(kind)},
        appendices=[(label, title) for _, label, title in reports.appendices(kind)],
        attachments=getattr(record, "attachments", []),
        family_rows=people.family_rows(case),
        family_columns=columns.FAMILY_ANONYMISED if anonymised else columns.FAMILY,
        household_rows=people.household_rows(case),
        child_age=people.age_of(case, case.child),
        contributor_rows=reports.contributor_rows(case),
        review_reasons=reports.review_reasons(case),
        panel_rows=reports.panel_rows(case),
        chronology_rows=lambda entries: derive.chronology_rows(case, entries, anonymised),
        kept_whole=derive.kept_whole,
        genogram=lambda: _genogram(case, anonymised),
    )
    if draft is None:
        context["footer_note"] = reports.approved_footer(record.approval)
    if case.overview is not None:
        overview = derive.number_recommendations(case.overview.recommendations)
        context.update(
            overview_recommendations=overview,
            key_recommendations=[item for item in overview if item.recommendation.key],
            imr_recommendations=[
                (case.agency(agency_id), prefix, derive.number_recommendations(imr.recommendations, prefix))
                for agency_id, imr in case.imrs.items()
                if imr.recommendations and (prefix := derive.agency_prefix(case.agency(agency_id)))
            ],
        )
    return context


def document_dates(case: Case, kind: DocumentKind, agency: str | None) -> tuple[dt.date, dt.date]:
    """When the document was first written and last changed, for the Word file's properties.

    A report's come from its versions and approval; a letter's and a form's are the date of its record (the field
    its kind names as `dated`); any other document's the day the case began.
    """
    record = report_record(case, kind, agency)
    if record is not None and hasattr(record, "approval"):
        created, modified = reports.approval_dates(record.approval, record.date)
        return created or case.opened_on, modified or case.opened_on
    if record is not None and (dated := lookup(record, kind.dated)) is not None:
        return dated, dated
    return case.opened_on, case.opened_on


def _genogram(case: Case, anonymised: bool) -> Markup:
    from .genogram import genogram_html

    return Markup(genogram_html(case, anonymised))

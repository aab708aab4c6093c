"""The progress update on the approved reports' action plans (the Overview Report's, each approved IMR's): what has
been reported on each action since the report was approved, which the approved report itself never prints (it stays
as it was approved)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..model import Case
from ..text.dates import form_date
from .action_plan import RAG_SHADES, ActionRow, Numbered, agency_prefix, number_recommendations
from .registry import Request, register


@dataclass(frozen=True)
class ProgressRow:
    """One report of progress on an action of the plan."""

    number: str
    action: str
    reported: str
    achieved: str
    assessment: str
    signed_off: str
    shade: str
    """The assessment cell's shading (hex RGB), as the action plan's; empty when not assessed."""


@dataclass(frozen=True)
class ProgressSection:
    """The progress on one approved report's action plan since its approval."""

    title: str
    """'Overview Report', or 'Individual Management Review: Northbrook Police'."""
    approved_on: dt.date
    rows: list[ProgressRow]


def progress_sections(case: Case, on: dt.date) -> list[ProgressSection]:
    """The Overview Report's plan, then each approved IMR's (in the case's order of agencies), with every progress
    report dated after that report's approval and by `on`."""
    plans = []
    if case.overview is not None and case.overview.approval.approved_on:
        plans.append(("Overview Report", case.overview.approval.approved_on, case.overview.recommendations, ""))
    for agency_id, imr in case.imrs.items():
        if imr.approval.approved_on and imr.recommendations:
            agency = case.agency(agency_id)
            title = f"Individual Management Review: {agency.name}"
            plans.append((title, imr.approval.approved_on, imr.recommendations, agency_prefix(agency)))
    return [
        ProgressSection(title, since, _rows(number_recommendations(recommendations, prefix), since, on))
        for title, since, recommendations, prefix in plans
    ]


def _rows(numbered: list[Numbered], since: dt.date, on: dt.date) -> list[ProgressRow]:
    """Every progress report on a plan dated after `since` and by `on`, by action, in order."""
    return [
        _progress(row, p)
        for item in numbered
        for row in item.rows
        for p in sorted(row.smart.progress, key=lambda p: p.date)
        if since < p.date <= on
    ]


def _progress(row: ActionRow, progress: Any) -> ProgressRow:
    light = progress.assessment.value.upper() if progress.assessment else "Not assessed"
    note = f" – {progress.assessment_note}" if progress.assessment_note else ""
    shade = RAG_SHADES[progress.assessment] if progress.assessment else ""
    return ProgressRow(
        row.number, row.text, form_date(progress.date), progress.achieved or "", light + note, row.signed_off, shade
    )


@register("progress-update")
def progress_update_context(request: Request) -> dict[str, Any]:
    """`plans`: each approved report's progress since its approval, up to `update_date` (the day asked, else
    today)."""
    on = request.on or dt.date.today()
    return {"plans": progress_sections(request.case, on), "update_date": on}

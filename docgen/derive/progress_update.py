"""The progress update on an approved report's action plan: what has been reported on each action since the board
approved the report, which the approved report itself never prints (it stays as it was approved)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..model import Case
from ..text.dates import form_date
from .action_plan import RAG_SHADES, ActionRow, number_recommendations
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


def approved_on(case: Case) -> dt.date | None:
    """The day the Overview Report was approved; None while it is a draft."""
    return case.overview.approval.approved_on if case.overview is not None else None


def progress_rows(case: Case, on: dt.date) -> list[ProgressRow]:
    """Every progress report on the Overview Report's action plan dated after its approval and by `on`, by action,
    in order."""
    assert case.overview is not None
    since = approved_on(case) or dt.date.min
    rows = []
    for item in number_recommendations(case.overview.recommendations):
        for row in item.rows:
            rows += [
                _progress(row, p) for p in sorted(row.smart.progress, key=lambda p: p.date) if since < p.date <= on
            ]
    return rows


def _progress(row: ActionRow, progress: Any) -> ProgressRow:
    light = progress.assessment.value.upper() if progress.assessment else "Not assessed"
    note = f" – {progress.assessment_note}" if progress.assessment_note else ""
    shade = RAG_SHADES[progress.assessment] if progress.assessment else ""
    return ProgressRow(
        row.number, row.text, form_date(progress.date), progress.achieved or "", light + note, row.signed_off, shade
    )


@register("progress-update")
def progress_update_context(request: Request) -> dict[str, Any]:
    """`progress`: the reports of progress since the approval, up to `update_date` (the day asked, else today);
    `approved_on`: the day of the approval."""
    on = request.on or dt.date.today()
    return {"progress": progress_rows(request.case, on), "approved_on": approved_on(request.case), "update_date": on}

"""Draft marking: a report is a draft, watermarked on every page, until the board approves it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..errors import NotApprovedError
from ..model import Approval, Case
from ..model.kinds import DocumentKind
from ..text.dates import long_date


@dataclass(frozen=True)
class Draft:
    """How a draft is marked: watermark text and the footer's version and date."""

    version: str
    dated: dt.date | None

    @property
    def footer(self) -> str:
        """'Draft v2 – 26 November 2026'."""
        when = f" – {long_date(self.dated)}" if self.dated else ""
        return f"Draft v{self.version}{when}"


def approval_of(case: Case, kind: DocumentKind, agency: str | None) -> Approval | None:
    """The approval record of the report being rendered (None for letters and forms)."""
    record = kind.record_of(case, agency) if kind.is_report else None
    return record.approval if record is not None else None


def draft_marking(case: Case, kind: DocumentKind, agency: str | None, draft: bool | None) -> Draft | None:
    """How to mark the document: `draft` True forces a watermark, False asks for a final, None decides.

    A report is a draft until approved and a final of an unapproved report is refused; letters and
    forms are drafts only when asked.
    """
    approval = approval_of(case, kind, agency)
    if draft is False:
        if approval is not None and not approval.is_approved:
            raise NotApprovedError(
                f"{kind.id}{f' for {agency}' if agency else ''} cannot be rendered as final: the board has not "
                "approved it (set approval.approved_on and approval.approved_by in the case file, or render a draft)"
            )
        return None
    if draft is True:
        return Draft(approval.version if approval else "1", approval.dated if approval else None)
    if approval is not None and not approval.is_approved:
        return Draft(approval.version, approval.dated)
    return None

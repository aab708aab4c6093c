"""The example case with its Overview Report and Executive Summary approved by the board: their finals."""

from __future__ import annotations

import datetime as dt
from functools import cache

from docgen import RenderedDocument, render
from docgen.model import Approval, Case

from .conftest import sample_case

APPROVAL = Approval(version="3", dated=dt.date(2026, 11, 2), approved_on=dt.date(2026, 11, 20), approved_by="Board")


@cache
def approved_case() -> Case:
    """The example case, its Overview Report and Executive Summary approved, and what their public versions
    generalise confirmed by the author."""
    case = sample_case()
    assert case.overview and case.executive_summary
    return case.model_copy(
        update={
            "overview": case.overview.model_copy(update={"approval": APPROVAL}),
            "executive_summary": case.executive_summary.model_copy(update={"approval": APPROVAL}),
            "anonymisation": case.anonymisation.model_copy(update={"jigsaw_confirmed": APPROVAL.approved_on}),
        }
    )


@cache
def final(kind: str, fmt: str, anonymise: bool | None = None) -> RenderedDocument:
    """A final of the approved example, rendered once per test session."""
    return render(approved_case(), kind, fmt, anonymise=anonymise)

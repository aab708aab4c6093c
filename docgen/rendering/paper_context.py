"""What the review's working papers add to a template's context: the referral form, the scoping document, the IMR
author brief and the interview record; and the context of a blank form, which has a board but no case."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..derive.author_brief import author_brief
from ..derive.interviews import interview_record
from ..derive.referral import blank_referral_form, referral_form
from ..derive.scoping import scoping_document, version_footer
from ..kinds import DocumentKind
from ..model import Board, Case, Framework

_Builder = Callable[[Case, str | None, str | None, bool], dict[str, Any]]


def _scoping(case: Case, agency: str | None, to: str | None, anonymised: bool) -> dict[str, Any]:
    """The scoping document; its footer carries the terms of reference's version and date, when the case has
    one (2.3.4: a date on each draft version is vital)."""
    version = version_footer(case.review.terms_of_reference_version)
    return {"scoping": scoping_document(case, anonymised), **({"footer_note": version} if version else {})}


_PAPERS: dict[str, _Builder] = {
    "referral-form": lambda case, agency, to, anonymised: {
        "form": referral_form(case, anonymised),
        "framework": case.framework,
        "blank": False,
    },
    "scoping-document": _scoping,
    "imr-author-brief": lambda case, agency, to, anonymised: {"brief": author_brief(case, agency or "")},
    "interview-record": lambda case, agency, to, anonymised: {"record": interview_record(case, to or "")},
}


def paper_context(
    case: Case, kind: DocumentKind, agency: str | None, to: str | None, anonymised: bool
) -> dict[str, Any]:
    """The names a working paper's template uses beyond the common context (none for other kinds)."""
    builder = _PAPERS.get(kind.id)
    return builder(case, agency, to, anonymised) if builder else {}


@dataclass(frozen=True)
class BlankFormFrame:
    """What a blank form's page frame prints where a case's review would be: the form's own reference."""

    reference: str
    type: str


def blank_context(board: Board, framework: Framework, kind: DocumentKind) -> dict[str, Any]:
    """The context of a form printed blank, to be filled in by hand or in Word: no case, every field empty."""
    from .context import document_keys  # the common context imports this module

    return {
        "board": board,
        "framework": framework,
        "review": BlankFormFrame(board.referral_form, framework.statutory_type),
        **document_keys(kind, None, False),
        "form": blank_referral_form(),
        "blank": True,
        "document_dates": (dt.date.today(), dt.date.today()),  # a blank form is made when it is asked for
    }

"""The context of a form printed blank, which has a board but no case."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..derive.facts import owned_reference
from ..derive.letters.letterheads import board_letterhead
from ..derive.referral import blank_referral_form
from ..model import Board, Framework
from ..model.kinds import DocumentKind


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
        "letterhead": board_letterhead(board),
        "framework": framework,
        "review": BlankFormFrame(board.referral_form, framework.statutory_type),
        "reference": board.referral_form,
        "owned_reference": owned_reference(board.short_name, board.referral_form),
        **document_keys(kind, None, False),
        "form": blank_referral_form(),
        "blank": True,
        "document_dates": (dt.date.today(), dt.date.today()),  # a blank form is made when it is asked for
    }

"""Edits of a case, each changing what some documents print: the cache tests check which documents they lay out
again, and the benchmark times it."""

from __future__ import annotations

import datetime as dt

from docgen import Case


def edit_entry(case: Case, agency: str) -> Case:
    """The case with the first chronology entry of an agency saying something else."""
    at = next(i for i, entry in enumerate(case.chronology) if entry.agency == agency)
    chronology = list(case.chronology)
    chronology[at] = chronology[at].model_copy(update={"event": "A home visit moved to the following week."})
    return case.model_copy(update={"chronology": chronology})


def edit_board(case: Case) -> Case:
    return case.model_copy(update={"board": case.board.model_copy(update={"phone": "01632 960 999"})})


def edit_letter_1(case: Case) -> Case:
    letter = case.correspondence.letter_1
    assert letter is not None
    moved = letter.model_copy(update={"reply_by": letter.reply_by + dt.timedelta(days=1)})
    return case.model_copy(update={"correspondence": case.correspondence.model_copy(update={"letter_1": moved})})

"""The parts every board letter has, from its kind's `letter` and its record in the case: the record itself, who
signs it, the address block and salutation of a letter written to a person, the distribution and the enclosures;
and what the case must say before it can be written."""

from __future__ import annotations

from typing import Any

from ...model import Case
from ...model.correspondence import BoardOfficer
from ...model.kinds import DocumentKind, lookup
from ..columns import Column
from ..registry import Request, register
from .addressing import Signature, care_of, identity, is_young, officer_signature, salutation, written_name
from .distribution import distribution
from .enclosures import enclosures

MEMO: tuple[Column, ...] = (Column("label", "", 0.12), Column("value", "", 0.88))
"""The To / From / Date lines of a memorandum-style letter."""


def signature(case: Case, kind: DocumentKind) -> Signature:
    """The board officer who signs the letter: its record's choice, else its kind's."""
    assert kind.letter is not None
    officer = lookup(case, kind.record).signatory or BoardOfficer(kind.letter.signed_by)
    return officer_signature(case, officer, kind.id)


def letter_problems(request: Request) -> list[str]:
    """What the case must say before the letter can be written, each naming the field to fill or correct."""
    case, kind, to = request.case, request.kind, request.to
    assert kind.letter is not None
    problems = []
    if kind.letter.after_decision:
        where, decided = case.framework.decision, lookup(case, case.framework.decision)
        if decided is None:
            problems.append(f"{where}: the letter follows the decision to hold a review; record the decision")
        elif not decided.holds_review(case.framework):
            problems.append(
                f"{where}.outcome: the letter follows a decision to hold a review, but the decision holds none"
            )
    if to is not None and case.addressee(to).address is None:
        where = _addressee_path(case, to)
        problems.append(f"{where}.address: the letter is posted to this person; give their postal address")
    return problems


def _addressee_path(case: Case, person_id: str) -> str:
    for group in ("family", "victims"):
        for i, person in enumerate(getattr(case, group)):
            if person.id == person_id:
                return f"{group}[{i}]"
    raise KeyError(person_id)


@register("letter", check=letter_problems)
def letter_parts(request: Request) -> dict[str, Any]:
    """The record, signature, distribution and enclosures of a board letter, and its addressee's address block
    and salutation when it is written to a person."""
    case, kind, to = request.case, request.kind, request.to
    letter = lookup(case, kind.record)
    signed = signature(case, kind)
    addressee = case.addressee(to) if to is not None else None
    carer = care_of(case, addressee, letter.date) if addressee is not None else None
    copied = [(identity(carer.full_name), written_name(carer, False))] if carer else []
    context: dict[str, Any] = {
        "letter": letter,
        "signature": signed,
        "distribution": distribution(case, kind, [signed.name, *([addressee.full_name] if addressee else [])], copied),
        "enclosures": enclosures(case, kind),
        "memo_columns": MEMO,
    }
    if addressee is not None:
        young = is_young(addressee.date_of_birth, addressee.age_if_no_dob, letter.date)
        address = addressee.address
        assert address is not None
        context["addressee"] = addressee
        context["address_lines"] = [
            written_name(addressee, young),
            *([f"c/o {written_name(carer, False)}"] if carer else []),
            *address.lines,
            *(p for p in (address.town, address.postcode) if p),
        ]
        context["salutation"] = salutation(addressee, young)
    return context

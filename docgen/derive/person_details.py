"""The child and the family as the forms print them (the referral form, the scoping document): one line per
detail, dates as dd/mm/yyyy."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model import Case
from ..model.options import ETHNIC_GROUPS, Ethnicity
from ..text.dates import form_date


def ethnic_origin(ethnicity: Ethnicity | None, other: str | None = None, broad: bool = False) -> str:
    """An ethnic origin as a form prints it: the group, and the category unless `broad` (anonymised papers).

    >>> ethnic_origin(Ethnicity.WHITE_BRITISH)
    'White – British'
    >>> ethnic_origin(Ethnicity.WHITE_BRITISH, broad=True)
    'White'
    >>> ethnic_origin(Ethnicity.OTHER, "Kurdish")
    'Other ethnic group – Kurdish'
    >>> ethnic_origin(Ethnicity.NOT_DECLARED)
    'Not declared'
    >>> ethnic_origin(None)
    ''
    """
    if ethnicity is None:
        return ""
    group = next(name for name, members in ETHNIC_GROUPS.items() if ethnicity in members).split(") ", 1)[1]
    if ethnicity is Ethnicity.NOT_DECLARED:
        return group
    if ethnicity is Ethnicity.OTHER:
        group = "Other ethnic group"
        category = other or ""
    else:
        category = ethnicity.value
    return group if broad or not category else f"{group} – {category}"


def date_or_age(born: dt.date | None, age: str | None) -> str:
    """A date of birth as dd/mm/yyyy, else the age given (an anonymised person has only their age).

    >>> date_or_age(dt.date(2023, 5, 18), None)
    '18/05/2023'
    >>> date_or_age(None, "2 years")
    'Age 2 years'
    """
    if born:
        return form_date(born)
    return f"Age {age}" if age else ""


@dataclass(frozen=True)
class YesNoAnswer:
    """A yes/no question of a form: the answer (None when not given: both boxes empty) and the details."""

    answer: bool | None = None
    details: str = ""


@dataclass(frozen=True)
class ChildDetails:
    """The child as the referral form (1.2) and the scoping document print them."""

    name: str = ""
    date_of_birth: str = ""
    date_of_death: str = ""
    address: str = ""
    ethnic_origin: str = ""
    religion: str = ""
    special_needs: YesNoAnswer = YesNoAnswer()
    educational_establishment: str = ""
    special_educational_needs: YesNoAnswer = YesNoAnswer()
    child_protection_plan: YesNoAnswer = YesNoAnswer()


@dataclass(frozen=True)
class PersonDetails:
    """A family member or significant other: a column of the referral form's grid (1.3), a row of the
    scoping document's family composition table."""

    name: str = ""
    relationship: str = ""
    date_of_birth: str = ""
    address: str = ""
    legal_status: str = ""
    ethnic_origin: str = ""
    religion: str = ""


def child_details(case: Case, anonymised: bool) -> ChildDetails:
    """The child's details, from the (possibly anonymised) case."""
    child = case.subject
    return ChildDetails(
        name=child.full_name,
        date_of_birth=date_or_age(child.date_of_birth, child.age_if_no_dob),
        date_of_death=form_date(child.date_of_death),
        address=child.address.one_line(),
        ethnic_origin=ethnic_origin(child.ethnicity, child.ethnicity_other, broad=anonymised),
        religion=child.religion or "",
        special_needs=YesNoAnswer(child.special_needs.answer, child.special_needs.details or ""),
        educational_establishment=child.educational_establishment or "",
        special_educational_needs=YesNoAnswer(
            child.special_educational_needs.answer, child.special_educational_needs.details or ""
        ),
        child_protection_plan=YesNoAnswer(child.child_protection_plan),
    )


def family_details(case: Case, anonymised: bool) -> list[PersonDetails]:
    """Every family member and significant other, in the case's order."""
    return [
        PersonDetails(
            name=member.full_name,
            relationship=member.relationship,
            date_of_birth=date_or_age(member.date_of_birth, member.age_if_no_dob),
            address=member.address.one_line() if member.address else "",
            legal_status=member.legal_status or "",
            ethnic_origin=ethnic_origin(member.ethnicity, broad=anonymised),
            religion=member.religion or "",
        )
        for member in case.family
    ]


def family_yes_no(case: Case, question: str) -> YesNoAnswer:
    """A question about any of the family ('special_needs', 'child_protection_plan'): yes when any one's
    answer is yes, with each one's details after their name.

    The referral form asks it once for the whole grid (1.3): 'Do any of the above … ? If yes, please specify'.
    """
    yes = [(m.full_name, getattr(m, question).details) for m in case.family if getattr(m, question).answer]
    return YesNoAnswer(bool(yes), "; ".join(f"{name}: {details}" if details else name for name, details in yes))

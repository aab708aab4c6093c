"""How the reports name the child and the family in tables: short labels from the model."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import CHILD, Case, FamilyMember, Subject
from ..model.options import Gender
from ..text.dates import ADULT, age_on, decade, form_date
from ..text.folding import key
from ..text.labels import role_words
from .person_details import ethnic_origin

_ASIDE = re.compile(r"\s*\([^)]*(?:\)|$)")
_SIBLING = re.compile(r"(?:(?:half|step)[- ]?)?(?:brother|sister|sibling)", re.IGNORECASE)


@dataclass(frozen=True)
class Label:
    """A person as a table cell shows them; the subject child is marked."""

    text: str
    subject: bool = False


def short_relationship(relationship: str) -> str:
    """The relationship in a few lower-case words: the first clause, without its asides.

    >>> short_relationship("Half-brother (maternal)")
    'half-brother'
    >>> short_relationship("Father of Jac (half-brother); mother's former husband")
    'father of Jac'
    >>> short_relationship("Half-brother's father (Jac's father; mother's former husband)")
    "half-brother's father"
    """
    text = _ASIDE.sub("", relationship).split(";")[0].strip()
    return text[:1].lower() + text[1:]


def with_relationship(member: FamilyMember) -> str:
    """'Rhys Owain Pritchard (Half-brother, maternal)': the name, then the relationship in brackets, its own
    asides set off by commas, never brackets inside brackets.

    >>> rhys = FamilyMember(id="a", first_name="Rhys", last_name="Pritchard", relationship="Half-brother (maternal)")
    >>> with_relationship(rhys)
    'Rhys Pritchard (Half-brother, maternal)'
    """
    relationship = re.sub(r"\s*\(([^)]*)\)", r", \1", member.relationship)
    return f"{member.full_name} ({relationship})"


def is_sibling(relationship: str) -> bool:
    """Whether a relationship to the child makes a brother or sister (half- and step- ones too): the whole of its
    first clause names one, so a sibling's parent or partner is not one.

    >>> [is_sibling(r) for r in ("Half-brother (maternal)", "Stepsister", "Sister; lives with her father")]
    [True, True, True]
    >>> [is_sibling(r) for r in ("Half-brother's father (Jac's father)", "Father", "Brother-in-law", "Step-father")]
    [False, False, False, False]
    """
    return _SIBLING.fullmatch(short_relationship(relationship)) is not None


def short_label(case: Case, person_id: str, anonymised: bool) -> Label:
    """'Jac (half-brother)', the child 'Isabella (subject child)'; anonymised, the label alone ('Mother').

    An anonymised case's people carry their labels as first names, so the label is the first name.
    """
    if person_id == CHILD:
        return Label(f"{case.subject.first_name} (subject child)", subject=True)
    member = case.person(person_id)
    assert member is not None, "the case model checks every reference"
    if anonymised:
        return Label(anonymised_name(member))
    return Label(f"{member.first_name} ({short_relationship(member.relationship)})")


def anonymised_name(member: FamilyMember) -> str:
    """An anonymised family member as tables name them: their label, and their relationship after the name an
    anonymous name gives them ('Alfie (twin brother)').

    >>> alfie = FamilyMember(id="twin", first_name="Alfie", last_name="", relationship="Twin brother",
    ...                      anonymous_name="Alfie")
    >>> anonymised_name(alfie)
    'Alfie (twin brother)'
    """
    if member.anonymous_name and member.full_name == member.anonymous_name:
        return f"{member.full_name} ({short_relationship(member.relationship).lower()})"
    return member.full_name


def family_rows(case: Case, anonymised: bool = False, public: bool = False) -> list[dict[str, str]]:
    """The family table (columns.FAMILY, or columns.FAMILY_ANONYMISED): the child first, then the family in the
    case's order; an anonymised table gives each person's label once, with what their relationship adds to it
    ('Half-brother 1 (maternal)', 'Poppy (subject child)'), and ethnic origins by group; a `public` one adults'
    ages by decade."""
    child = case.subject
    people: list[tuple[Subject | FamilyMember, str, str, bool]] = [
        (child, "Subject child", child.address.one_line(), True)
    ]
    people += [(m, m.relationship, m.address.one_line() if m.address else "", m.household) for m in case.family]
    return [
        {
            "name": labelled(person.full_name, relationship) if anonymised else person.full_name,
            "relationship": relationship,
            "born": form_date(person.date_of_birth)
            if person.date_of_birth
            else shown_age(person.age_if_no_dob or "", person, public),
            "address": address,
            "ethnicity": ethnic_origin(person.ethnicity, getattr(person, "ethnicity_other", None), broad=anonymised),
            "household": _yes(home),
        }
        for person, relationship, address, home in people
    ]


def labelled(label: str, relationship: str) -> str:
    """A person's label with what their relationship says beyond it.

    >>> labelled("Half-brother 1", "Half-brother (maternal)"), labelled("Mother", "Mother")
    ('Half-brother 1 (maternal)', 'Mother')
    >>> labelled("Poppy", "Subject child"), labelled("Half-brother 2's father", "Half-brother's father (Jac's father)")
    ('Poppy (subject child)', "Half-brother 2's father")
    """
    base = re.sub(r" \d+(?='s|$)", "", label)
    if key(base) != key(role_words(relationship)):
        return f"{label} ({short_relationship(relationship)})"
    aside = re.search(r"\(([^()']{1,30})\)", relationship)
    return f"{label} ({aside[1]})" if aside else label


def household_rows(case: Case, public: bool = False) -> list[dict[str, str]]:
    """The household table (columns.HOUSEHOLD): each person with their age; in a `public` document an adult's age
    is given by decade, a child's exactly, and someone who died before the period the review considers is left out
    (the confidential Overview Report keeps them: in a public one they point to the family)."""
    child = case.subject
    rows = [{"person": f"{child.full_name} (the subject child)", "age": age_of(case, child), "household": "Yes"}]
    start = case.review.period_start
    for member in case.family:
        if public and member.date_of_death is not None and member.date_of_death < start:
            continue
        age = shown_age(age_of(case, member), member, public)
        rows.append({"person": anonymised_name(member), "age": age, "household": _yes(member.household)})
    return rows


def shown_age(age: str, person: Subject | FamilyMember, public: bool) -> str:
    """A person's age as a table gives it: 'died aged 7 months' for someone who died; in a `public` document an
    adult's by decade ('in her 30s')."""
    age = age.replace(" (deceased)", "")
    if person.date_of_death is not None:
        return f"died aged {age}" if age else "died"
    return public_age(age, person.gender) if public else age


def public_age(age: str, gender: Gender | None = None) -> str:
    """An age as a public document gives it: a child's exactly, an adult's by decade, which alone does not point to
    one person ('36 years' → 'in her 30s', '18 years' → 'in his late teens'; 'in their …' when no gender is known).

    >>> public_age("2 years 9 months"), public_age("17 years"), public_age("36 years"), public_age("19 years")
    ('2 years 9 months', '17 years', 'in their 30s', 'in their late teens')
    >>> public_age("36 years", Gender.FEMALE), public_age("41 years", Gender.MALE)
    ('in her 30s', 'in his 40s')
    """
    match = re.fullmatch(r"\s*(\d+) years?\s*", age)
    if not match or int(match[1]) < ADULT:
        return age
    pronoun = gender.possessive if gender else "their"
    return f"in {pronoun} {decade(int(match[1]))}"


def age_of(case: Case, person: Subject | FamilyMember) -> str:
    """A person's age at the incident, or the age the case gives when the date of birth is not known."""
    return person.age_if_no_dob or age_on(person.date_of_birth, case.ages_at)


def _yes(value: bool) -> str:
    return "Yes" if value else "No"

"""How a letter addresses people: the name on the envelope, the salutation, each person once, who signs."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ...errors import NotSupportedError
from ...model import Case, Contact
from ...model.correspondence import BoardOfficer
from ...model.people import FamilyMember, Named, Victim
from ...text.dates import ADULT, whole_years

CHILD_READER_AGE = 16
"""Younger than this, a victim is written to in a child's words, care of the person who looks after them."""


_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "revd", "rev", "sir", "dame"})


def identity(name: str) -> str:
    """Who a name belongs to, for listing each person once: case, spacing and a leading title do not count.

    >>> identity("Dr  Rosalind Achterberg") == identity("rosalind achterberg")
    True
    """
    words = name.casefold().replace(".", "").split()
    while len(words) > 1 and words[0] in _TITLES:
        words = words[1:]
    return " ".join(words)


_RANKS = ("Chief Constable", "Deputy Chief Constable", "Assistant Chief Constable")
"""Titles a letter's salutation uses alone ('Dear Chief Constable'), as the office is addressed."""


def contact_salutation(name: str, post: str | None = None) -> str:
    """The salutation of a letter to a contact known by a name as written: the office alone for an office addressed
    by its title (in the name or as the post); a title and the surname where the name starts with a personal title;
    else the name.

    >>> contact_salutation("Dr Anil Shah"), contact_salutation("Chief Constable Andrew Lowe")
    ('Dear Dr Shah', 'Dear Chief Constable')
    >>> contact_salutation("Andrew Lowe", "Chief Constable"), contact_salutation("Alison Reeve", "Director")
    ('Dear Chief Constable', 'Dear Alison Reeve')
    """
    rank = next((rank for rank in _RANKS if name.startswith(f"{rank} ") or post == rank), None)
    if rank is not None:
        return f"Dear {rank}"
    words = name.split()
    if len(words) > 2 and words[0].casefold().rstrip(".") in _TITLES:
        return f"Dear {words[0]} {words[-1]}"
    return f"Dear {name}"


def is_young(born: dt.date | None, age: str | None, on: dt.date) -> bool:
    """Whether a person is a child or young person on a day, from their date of birth or their age.

    >>> is_young(dt.date(2010, 6, 5), None, dt.date(2026, 10, 19)), is_young(None, "19 years", dt.date(2026, 1, 1))
    (True, False)
    >>> is_young(None, "14 months", dt.date(2026, 1, 1)), is_young(None, None, dt.date(2026, 1, 1))
    (True, False)
    """
    years = years_old(born, age, on)
    return years is not None and years < ADULT


def years_old(born: dt.date | None, age: str | None, on: dt.date) -> int | None:
    """A person's age in whole years on a day, from their date of birth or their age ('14 months' is 1 year);
    None when neither is known.

    >>> years_old(dt.date(2014, 5, 9), None, dt.date(2026, 5, 8)), years_old(None, "14 months", dt.date(2026, 1, 1))
    (11, 1)
    """
    if born is not None:
        return whole_years(born, on)
    match = re.match(r"\s*(\d+)\s*(\w*)", age or "")
    if not match:
        return None
    number, unit = int(match[1]), match[2].lower()
    return number if unit.startswith("year") else number // 12 if unit.startswith("month") else 0


def is_child_reader(born: dt.date | None, age: str | None, on: dt.date) -> bool:
    """Whether a letter of that day is written to the person in a child's words (younger than 16).

    >>> is_child_reader(dt.date(2014, 5, 9), None, dt.date(2026, 9, 21))
    True
    >>> is_child_reader(None, "16 years", dt.date(2026, 1, 1))
    False
    """
    years = years_old(born, age, on)
    return years is not None and years < CHILD_READER_AGE


def care_of(case: Case, person: FamilyMember | Victim, on: dt.date) -> FamilyMember | None:
    """The family member a letter to a young person goes care of (and is copied to): the carer the case names for
    a victim under 18 on the letter's date; None for anyone else."""
    carer = getattr(person, "carer", None)
    if carer is None or not is_young(person.date_of_birth, person.age_if_no_dob, on):
        return None
    return next((m for m in case.family if m.id == carer), None)


def written_name(person: Named, young: bool) -> str:
    """The name on the envelope: 'Ms Siân Carter'; a child or young person without a title.

    >>> written_name(Named(title="Ms", first_name="Siân", middle_names=["Elin"], last_name="Carter"), False)
    'Ms Siân Carter'
    """
    title = "" if young or not person.title else f"{person.title} "
    return f"{title}{person.first_name} {person.last_name}".strip()


def salutation(person: Named, young: bool) -> str:
    """'Dear Ms Carter'; a child or young person by first name ('Dear Rhys'); no title: the full name.

    >>> salutation(Named(title="Mr", first_name="Rhys", last_name="Pritchard"), True)
    'Dear Rhys'
    >>> salutation(Named(first_name="Jo", last_name="Finch"), False)
    'Dear Jo Finch'
    """
    if young:
        return f"Dear {person.first_name}"
    if person.title and person.last_name:
        return f"Dear {person.title} {person.last_name}"
    return f"Dear {person.first_name} {person.last_name}".strip()


def plain_list(items: Sequence[str]) -> str:
    """Items joined as a sentence does: 'a, b and c'.

    >>> plain_list(["Police", "Probation"]), plain_list(["GP"]), plain_list(["a", "b", "c"])
    ('Police and Probation', 'GP', 'a, b and c')
    """
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}" if items else ""


def contact_line(contact: Contact, organisation: str | None = None) -> str:
    """'Name, Post, Organisation' (each part only once, when the post already names the organisation).

    >>> contact_line(Contact(name="Jo Finch", post="Board Administrator"), "Eastfield Board")
    'Jo Finch, Board Administrator, Eastfield Board'
    """
    organisation = contact.organisation or organisation
    parts = [contact.name, contact.post]
    if organisation and not (contact.post and organisation in contact.post):
        parts.append(organisation)
    return ", ".join(p for p in parts if p)


@dataclass(frozen=True)
class Signature:
    """Who signs the letter, as the header names the sender and the signature block prints them."""

    name: str
    post: str
    organisation: str
    phone: str | None

    @property
    def sender(self) -> str:
        """'Ruth Penhaligon, Chair, Serious Case Review Panel' as a memo's From line."""
        return ", ".join(p for p in (self.name, self.post) if p)


def officer_signature(case: Case, officer: BoardOfficer, kind_id: str) -> Signature:
    """The signature of a board officer; NotSupportedError when the board profile names none."""
    contact: Contact | None = getattr(case.board, officer.value)
    if contact is None:
        raise NotSupportedError(f"{kind_id} is signed by the board's {officer.value}, whom the board profile lacks")
    return Signature(contact.name, contact.post or "", contact.organisation or case.board.name, contact.phone)

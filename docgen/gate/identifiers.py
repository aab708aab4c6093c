"""What the leak check looks for in a public document, found in the case model itself.

The gate does not ask the anonymisation pass (docgen.passes) who the case's people are, what identifies them or
what it removed: one mistake there would then hide itself from the check of its own output. The two share only
text primitives (docgen.text: folding, word boundaries, word lists, identifier shapes, the ways a date is
written). From the model the gate takes:

- **people**: the child, each family member, professional and victim, with every part (two letters or more) of
  every name they have (first, middle, last, known-as and other names) and its apostrophe spellings. A record
  holding nothing but its label ('Child A', 'Mother', 'Health Visitor 1', 'Victim 2': an anonymised case file)
  names no one.
- **their identifiers**: each line of their addresses and the street of a numbered line, postcodes, dates of
  birth, the child's school, and reference numbers written anywhere in their records.
- **names that locate the family**: the agencies that locate it (as the case says, else by their kind, and
  always the child's own nursery or school), those agencies' own officers, the places the case lists, and the
  towns of addresses outside the board's area.
- **identifiers written in the case's texts**: every text of the case but the kept ones (below) is read for
  identifiers by their shape (e-mail addresses, phone, NHS and NI numbers, postcodes, street addresses, dates
  of birth, references). One that is also written in a kept text (the board's own number) is not searched for,
  nor a date of birth that is a year or a month alone ('born in 2019'): too common to search for.

The gate reads those texts itself rather than take the pass's record of what it redacted: that record holds only
what the pass found in the texts it rewrites, so a text it skipped, or an identifier it kept by mistake, would be
missing from the document's anonymisation and from the check alike. The gate reads more than the pass rewrites
(identifier keys, and the fields the pass replaces whole, such as a professional's workplace), so it searches
for at least what the pass removes: it fails closed. A person's address is read as their identifiers, not again
as a text.

Kept texts are the records that are not about the case's people, which the pass leaves as they are: the board,
every contact (officers, authors, the referrer), panel members, agency names, meeting venues, the Ofsted
notifier, an IMR's head of agency, the panel members consulted at screening, the support service of Letter 5 and
the texts the author keeps (`anonymisation.keep`); nothing of an agency that locates the family is kept. Their
words are named in messages ('also in kept text at board.name'), and the identifiers written in them are not
searched for.

Messages name a person by field path and the label anonymised documents give them ('family[2] (Mother)'),
worked out here from the model by the rule docgen.passes.aliases documents; the search never depends on a label.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from typing import Any

from pydantic import BaseModel

from ..model import (
    Address,
    Agency,
    Anonymisation,
    Case,
    Contact,
    FamilyMember,
    Imr,
    Meeting,
    OfstedNotification,
    Screening,
    Subject,
)
from ..model.board import Board
from ..model.correspondence import ParentsNotification
from ..model.people import Named
from ..model.publication import AgencyKind
from ..model.review import PanelMember
from ..text.folding import fold, key, normalise
from ..text.labels import by_their_label, label_base, label_shape, numbered_labels, role_words, whose_relative
from ..text.shapes import references, scan
from ..text.spellings import name_tokens

__all__ = ["IdentifiedPerson", "identifiers", "kept_texts", "locators", "people", "written_identifiers"]

FAMILY_HOME = "the family home"
VICTIM_HOME = "the victim's home"
SCHOOL = "the child's nursery/school"
"""What an anonymised case file holds instead of an address or a school: not an identifier."""

_KEPT_RECORDS: tuple[type[BaseModel], ...] = (Board, Contact, PanelMember)
"""Records about no one of the case: kept whole."""
_KEPT_FIELDS: dict[type[BaseModel], frozenset[str]] = {
    Agency: frozenset({"name", "short_name", "other_names"}),
    OfstedNotification: frozenset({"notifier", "role", "telephone", "local_authority"}),
    Imr: frozenset({"head_of_agency"}),
    Meeting: frozenset({"venue"}),
    Screening: frozenset({"members_consulted"}),
    ParentsNotification: frozenset({"support"}),
    Anonymisation: frozenset({"keep"}),
}
"""The fields of other records that are about no one of the case."""

_NUMBERED = re.compile(r"(?:(?:Flat|Apartment|Unit)\s+\w+,?\s+)?\d+[A-Za-z]?,?\s+(\D*[^\W\d].*)", re.IGNORECASE)
"""An address line with a house number, and its street."""
_TITLES = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Rev|Sir|Dame)\.?\s+")
_CHILD_LETTERS = "ABCDEFGHIJKLMNOPRSTUVWXY"
"""The letters of 'Child A' …: no real initial of the case, and never Q or Z."""


# --- people ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IdentifiedPerson:
    """One of the case's people: where the case holds them, what messages call them, and their record."""

    path: str
    """'subject', 'family[0]', 'professionals[3]', 'victims[0]'."""
    label: str
    record: Named
    labelled: bool
    """The record holds nothing but a label: there is no real name to find."""

    @property
    def owner(self) -> str:
        """'family[2] (Mother)': how messages name the person without their name."""
        return f"{self.path} ({self.label})"

    def tokens(self) -> list[tuple[str, str]]:
        """(which name, part) for every part of two letters or more of every name, in each apostrophe spelling."""
        if self.labelled:
            return []
        r = self.record
        fields = [
            ("first name", [r.first_name]),
            ("middle name", r.middle_names),
            ("last name", [r.last_name]),
            ("known-as name", r.known_as),
            ("other name", r.other_names),
        ]
        return name_tokens(fields)


def people(case: Case) -> list[IdentifiedPerson]:
    """The child, the family, the professionals and the victims, in model order, with their labels."""
    child = case.subject
    records: list[tuple[str, Named, str]] = [
        ("subject", child, re.escape(child.anonymous_name) if child.anonymous_name else r"Child(?: [A-Z])?")
    ]
    records += [(f"family[{i}]", m, _family_shape(m)) for i, m in enumerate(case.family)]
    records += [
        (f"professionals[{i}]", p, rf"(?:{re.escape(role_words(p.role))}|Professional) \d+")
        for i, p in enumerate(case.professionals)
    ]
    records += [(f"victims[{i}]", v, r"Victim \d+") for i, v in enumerate(case.victims)]
    bare = [IdentifiedPerson(path, "", record, _only_a_label(record, shape)) for path, record, shape in records]
    members = {m.id: f"family[{i}]" for i, m in enumerate(case.family)}
    owners: dict[str, set[str]] = {}  # each name part's key, and who it belongs to (a victim who is family: them)
    for person in bare:
        who = members.get(getattr(person.record, "family_member", None) or "", person.path)
        for _, token in person.tokens():
            owners.setdefault(key(token), set()).add(who)
    labels = _labels(case, owners, bare[0].labelled)
    return [
        IdentifiedPerson(p.path, p.record.first_name if p.labelled else labels[p.path], p.record, p.labelled)
        for p in bare
    ]


def _family_shape(member: FamilyMember) -> str:
    """How a family member's label is written: their anonymous name, or their relationship ('Mother 2')."""
    shape = label_shape(member.relationship)
    return rf"{re.escape(member.anonymous_name)}|{shape}" if member.anonymous_name else shape


def _only_a_label(record: Named, shape: str) -> bool:
    """The record's one name is written as a label is ('Child A', 'Mother', 'Social Worker 2', 'Victim 1')."""
    others = record.title or record.middle_names or record.last_name or record.known_as or record.other_names
    return not others and re.fullmatch(shape, record.first_name, re.IGNORECASE) is not None


def _labels(case: Case, owners: dict[str, set[str]], child_labelled: bool) -> dict[str, str]:
    """The label of each person by path: the child's anonymous name, else 'Child' and a letter that is no real
    initial; family members by relationship (numbered when several share one), professionals by role (always
    numbered), 'Family member' or 'Professional' when those name someone; victims 'Victim 1' …, or the label
    of the family member they are."""
    child = case.subject
    names = set(owners)
    initials = {name[0].upper() for name in names}
    letter = next((c for c in _CHILD_LETTERS if c not in initials), None)
    found = {
        "subject": child.anonymous_name or (child.first_name if child_labelled else f"Child {letter or ''}".strip())
    }
    family = {f"family[{i}]": label_base(m.relationship, names, "Family member") for i, m in enumerate(case.family)}
    found |= numbered_labels(family, always=False)
    members = {m.id: f"family[{i}]" for i, m in enumerate(case.family)}
    parents = {"subject": child.parents, **{f"family[{i}]": m.parents for i, m in enumerate(case.family)}}
    relationships = {f"family[{i}]": m.relationship for i, m in enumerate(case.family)}
    found |= whose_relative(
        by_their_label(found, relationships, owners),
        {p: [members[q] for q in of if q in members] for p, of in parents.items()},
    )
    found |= {f"family[{i}]": m.anonymous_name for i, m in enumerate(case.family) if m.anonymous_name}
    roles = {f"professionals[{i}]": label_base(p.role, names, "Professional") for i, p in enumerate(case.professionals)}
    found |= numbered_labels(roles, always=True)
    numbers = iter(range(1, len(case.victims) + 1))
    for i, victim in enumerate(case.victims):
        member = members.get(victim.family_member or "")
        found[f"victims[{i}]"] = found[member] if member else f"Victim {next(numbers)}"
    return found


# --- what identifies them -------------------------------------------------------------------------


def identifiers(case: Case, everyone: list[IdentifiedPerson]) -> Iterator[tuple[str, str | dt.date, str]]:
    """(kind, value, owner) of each identifier the case holds for its people: address lines and streets ('home
    address' at the family home), postcodes, dates of birth, the school, reference numbers in their records; the
    addresses and schools they had before (`before`) too."""
    for person in everyone:
        record = person.record
        earlier = getattr(record, "before", [])
        addresses = [getattr(record, "address", None), *(b.address for b in earlier)]
        for address in addresses:
            if address is None or address.lines in ([FAMILY_HOME], [VICTIM_HOME], [_situation(record)]):
                continue
            home = isinstance(record, Subject) or (isinstance(record, FamilyMember) and _at_home(record, case))
            for line in address.lines:
                street = _NUMBERED.match(line)
                kind = "home address" if home and street else "address"
                yield kind, line, person.owner
                if street:
                    yield kind, street.group(1), person.owner
            if address.postcode:
                yield "postcode", address.postcode, person.owner
        born = getattr(record, "date_of_birth", None)
        if born:
            yield "date of birth", born, person.owner
        schools = [getattr(record, "educational_establishment", None)]
        schools += [getattr(b, "educational_establishment", None) for b in earlier]
        for school in schools:
            if school and school != SCHOOL:
                yield "educational establishment", school, person.owner
        for _, text in _texts(record, person.path):
            yield from (("reference", ref, person.owner) for ref in references(text))


def _situation(record: Named) -> str | None:
    return getattr(record, "situation", None)


def _at_home(member: FamilyMember, case: Case) -> bool:
    """Whether the family member lives at the family home: as the case says, else at the child's address."""
    if member.situation or member.address is None:
        return member.situation == FAMILY_HOME
    return [key(line) for line in member.address.lines] == [key(line) for line in case.subject.address.lines]


def locators(case: Case) -> Iterator[tuple[str, str, str]]:
    """(kind, name, owner) of the names that locate the family: agencies ('agency'), their own officers
    ('agency staff'), listed places and towns outside the board's area ('place')."""
    locating = [(i, a) for i, a in enumerate(case.agencies) if case.locates_family(a) and not _named_by_kind(a)]
    for i, agency in locating:
        yield from (("agency", name, f"agencies[{i}]") for name in agency.names_that_locate)
    for i, agency in locating:
        for role, contact in _officers(agency).items():
            for name in dict.fromkeys([contact.name, _TITLES.sub("", contact.name)]):
                yield "agency staff", name, f"agencies[{i}].{role}"
    for i, place in enumerate(case.places):
        yield from (("place", name, f"places[{i}]") for name in (place.name, *place.other_names))
    known = {key(n) for n in case.own_areas}  # the board's own area stays named
    known |= {key(n) for p in case.places for n in (p.name, *p.other_names)}
    addresses: list[tuple[str, Address | None]] = [("subject", case.subject.address)]
    addresses += [(f"family[{i}]", m.address) for i, m in enumerate(case.family)]
    addresses += [(f"victims[{i}]", v.address) for i, v in enumerate(case.victims)]
    for where, address in addresses:
        if address is not None and address.town and key(address.town) not in known:
            known.add(key(address.town))
            yield "place", address.town, f"the town of {where}"


def _named_by_kind(agency: Agency) -> bool:
    """An agency whose name is only what it is ('The nursery') or what anonymised documents call it names no one."""
    kind = agency.kind.value if agency.kind not in (None, AgencyKind.OTHER) else "organisation"
    return key(agency.name) in (key(f"The {kind}"), key(agency.anonymous_name or f"The {kind}"))


def _officers(agency: Agency) -> dict[str, Contact]:
    """The agency's chief officer, and each contact who is the chief officer too or whose organisation or address is
    the agency."""
    names = [key(n) for n in (agency.name, *agency.other_names)]
    found = {"chief_officer": agency.chief_officer}
    for role in ("board_member", "panel_representative", "imr_author"):
        contact: Contact | None = getattr(agency, role)
        if contact is None:
            continue
        where = " ".join(filter(None, (contact.organisation, contact.address.one_line() if contact.address else None)))
        if key(contact.name) == key(agency.chief_officer.name) or any(name in key(where) for name in names):
            found[role] = contact
    return found


def written_identifiers(case: Case) -> Iterator[tuple[str, str, str]]:
    """(kind, value, path) of each identifier written in a text of the case that is not kept, found by its shape;
    not one also written in a kept text, nor a date of birth that is a year or a month alone."""
    kept = {_canonical(v) for _, text in kept_texts(case) for v in (text, *_shaped(fold(text)))}
    for path, text in _case_texts(case):
        folded = normalise(text).text
        for found in scan(folded):
            value = folded[found.start : found.end]
            partial_date = found.kind == "date of birth" and len(re.findall(r"\d+", value)) < 2
            if _canonical(value) not in kept and not partial_date:
                yield found.kind, value, path


def _shaped(text: str) -> list[str]:
    return [text[f.start : f.end] for f in scan(text)]


def _canonical(text: str) -> str:
    return re.sub(r"[\W_]", "", fold(text).casefold())


# --- the case's texts -----------------------------------------------------------------------------


def kept_texts(case: Case) -> Iterator[tuple[str, str]]:
    """(path, text) of every text about no one of the case, which anonymised documents print as written."""

    def walk(value: Any, path: str) -> Iterator[tuple[str, str]]:
        if isinstance(value, Agency) and case.locates_family(value):
            return
        if isinstance(value, BaseModel):
            for name, field in _set_fields(value):
                where = _join(path, name)
                yield from _texts(field, where) if _kept(value, name) else walk(field, where)
        else:
            for item, where in _items(value, path):
                yield from walk(item, where)

    return walk(case, "")


def _case_texts(case: Case) -> Iterator[tuple[str, str]]:
    """(path, text) of every text of the case but the kept ones and people's addresses."""
    return _texts(case, "", skip=lambda model, name, field: _kept(model, name) or _an_address(model, field))


def _an_address(model: BaseModel, field: Any) -> bool:
    return isinstance(model, Named) and isinstance(field, Address)


def _kept(model: BaseModel, name: str) -> bool:
    """Whether a field of a record is about no one of the case."""
    return type(model) in _KEPT_RECORDS or name in _KEPT_FIELDS.get(type(model), ())


def _texts(
    value: Any, path: str, skip: Callable[[BaseModel, str, Any], bool] = lambda *_: False
) -> Iterator[tuple[str, str]]:
    """Every text below a value, with its path; a record's field is left out where `skip(record, name, field)`."""
    if isinstance(value, BaseModel):
        for name, field in _set_fields(value):
            if not skip(value, name, field):
                yield from _texts(field, _join(path, name), skip)
    elif isinstance(value, str) and not isinstance(value, Enum):
        yield path, value
    else:
        for item, where in _items(value, path):
            yield from _texts(item, where, skip)


def _set_fields(model: BaseModel) -> Iterator[tuple[str, Any]]:
    """The fields the case file sets (defaults are not the case's), in the model's order."""
    for name in type(model).model_fields:
        if name in model.model_fields_set:
            yield name, getattr(model, name)


def _items(value: Any, path: str) -> Iterator[tuple[Any, str]]:
    if isinstance(value, list):
        yield from ((item, f"{path}[{i}]") for i, item in enumerate(value))
    elif isinstance(value, dict):
        yield from ((item, _join(path, k)) for k, item in value.items())


def _join(path: str, name: object) -> str:
    return f"{path}.{name}" if path else str(name)

"""The anonymisation pass: every person replaced by their label in every field and text, and residual
identifiers redacted. (The leak check, docgen.gate, then reads the rendered document on its own account.)

Structured fields of each person: name fields become the label (title, middle names, last name,
known-as and other names cleared; the child's `anonymous_name` stays); a date of birth becomes the
age at the incident (or at the referral when there is no incident); the child's address becomes 'the
family home', a family member's their situation ('the family home', 'in custody', 'lives in another
area'), a victim's "the victim's home"; the child's school becomes "the child's nursery/school"; a
professional's workplace "the practitioner's workplace"; the child's free-text `ethnicity_other` is
cleared (templates print `broad_ethnicity`). An agency whose name would locate the family is called by
its kind ('the nursery'), and places outside the board's area are generalised (see generalise.py).

Every other string of the case is rewritten wherever it is, found by walking the model, except
identifier keys (fields with a pattern) and the records of people who are not case people: the
board, every `Contact` (officers, authors, referrer), panel members, agency names, meeting venues,
the Ofsted notifier, the head of agency signing an IMR, the panel members consulted at screening,
the support service of Letter 5 and the texts the author keeps (`anonymisation.keep`). The replacements
are fitted to the prose around them (prose.py). A name several people share that the author has not
resolved (`anonymisation.names`) stops the pass: no anonymised document is written with a guess.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import Any, NamedTuple, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..errors import CaseError, Problem
from ..model import (
    Agency,
    Anonymisation,
    Approval,
    Case,
    Contact,
    FamilyMember,
    Imr,
    Meeting,
    OfstedNotification,
    Professional,
    Subject,
    Victim,
)
from ..model.board import Board
from ..model.case import DERIVED, per_case
from ..model.correspondence import ParentsNotification
from ..model.framework import Framework
from ..model.options import ETHNIC_GROUPS, Ethnicity
from ..model.people import FamilyMemberBefore, SubjectBefore
from ..model.people_labels import Person, labels, people
from ..model.publication import THE_WORD, JigsawRule
from ..model.review import PanelMember, Screening
from ..text.dates import ADULT, age_on, under_age
from ..text.folding import Normalised, fold, key, normalise
from ..text.quotations import Quotations, quotations
from ..text.shapes import date_forms, references, scan
from . import prose, residual
from .aliases import AMBIGUOUS, AT_SENTENCE_START, Form, Hit, Matcher, Target, form_of
from .generalise import (
    HOME,
    generalise_dates,
    generic_name,
    generic_short_name,
    locators,
    officer,
    situation,
    staff,
)
from .jigsaw import Generalised, generalise_details

UNCLOSED = "unclosed quotation"
"""The action of a name left in a quotation that never closes: the author closes it."""
AGENCY_NAME = "the name of an agency printed as written"
"""The kind of a match that is kept: an agency's name holding a place ('Shrewford Royal Hospital')."""
VICTIM_HOME = "the victim's home"
EARLIER_ADDRESS = "an earlier address"
"""Where a person lived before, other than the family home."""
SCHOOL = "the child's nursery/school"
WORKPLACE = "the practitioner's workplace"

_KEPT: dict[type[BaseModel], frozenset[str]] = {
    Board: frozenset(Board.model_fields),
    Framework: frozenset(Framework.model_fields),  # the law's wording, national bodies and their addresses
    Contact: frozenset(Contact.model_fields),
    PanelMember: frozenset(PanelMember.model_fields),
    Agency: frozenset({"name", "short_name", "other_names"}),
    OfstedNotification: frozenset({"notifier", "role", "telephone", "local_authority"}),
    Imr: frozenset({"head_of_agency"}),
    Meeting: frozenset({"venue"}),
    Screening: frozenset({"members_consulted"}),
    ParentsNotification: frozenset({"support"}),
    Anonymisation: frozenset({"keep"}),
}
"""Fields that are not about case people: left as they are (the leak check keeps its own list of them)."""
_WHOLLY_KEPT = frozenset(cls for cls, names in _KEPT.items() if names == frozenset(cls.model_fields))

_NUMBERED = re.compile(r"(?:(?:Flat|Apartment|Unit)\s+\w+,?\s+)?\d+[A-Za-z]?,?\s+(\D*[^\W\d].*)", re.IGNORECASE)
"""An address line with a house number, and its street."""
_NAME_KINDS = {"name", "shared name", "family name", "agency", "agency staff", "place"}
"""Kinds whose possessive is written 's ('Little Acorns'' → "the nursery's")."""
_CLEARED: dict[str, Any] = {"title": None, "middle_names": [], "last_name": "", "known_as": [], "other_names": []}
"""A person's name fields other than the first name, emptied."""

__all__ = [
    "Change",
    "ambiguous_names",
    "anonymisation_changes",
    "anonymisation_report",
    "anonymise_case",
    "broad_ethnicity",
    "labels",
]


def broad_ethnicity(ethnicity: Ethnicity | str) -> str:
    """The Ofsted group of an ethnicity: 'White', 'Mixed', 'Asian or Asian British' …"""
    value = Ethnicity(ethnicity)
    group = next(name for name, members in ETHNIC_GROUPS.items() if value in members)
    return group.split(") ", 1)[1]


# --- the pass -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One thing the pass did, or left for a person to decide, at a field path."""

    path: str
    action: str
    """'ambiguous', 'unclosed quotation', 'rewritten', 'replaced', 'redacted', 'kept' or 'review'."""
    what: str
    """The kind of name or identifier, or why a hit is left for review."""
    found: str
    became: str = ""
    owners: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Plan:
    """What one case's pass needs: its people, one compiled matcher, the values it keeps, the answers."""

    people: dict[str, Person]
    matcher: Matcher
    kept: frozenset[str]
    """Canonical forms of the contact details of people who are not case people."""
    ages_at: dt.date
    agencies: dict[str, Agency]
    """The agencies that locate the family, by field path ('agencies[5]')."""
    locating_ids: frozenset[str]
    """Their ids."""
    answers: dict[str, list[tuple[tuple[str, ...], Target]]]
    """Who an ambiguous name means (by its key), and the fields where it does (all when empty)."""
    situations: dict[str, str | None]
    """What each family member's address becomes, by field path."""
    homes: dict[str, Target]
    """The lines of the family home's address (canonical forms), which texts call 'the family home'."""
    home_parts: frozenset[str]
    """Every part of the family home's address (canonical): its lines and postcode, taken in with a line of it
    ('Flat 6, Orchard House, 2 Lime Street' is one 'family home')."""
    births: dict[str, str]
    """The forms of a child's date of birth and of its month ('March 2024', canonical), and the year each becomes."""


@dataclass(frozen=True)
class _Result:
    case: Case
    changes: tuple[Change, ...]


class _Edit(NamedTuple):
    """One edit of a text: the span of the original, what replaces it, and for a name what it is."""

    start: int
    end: int
    replacement: str
    target: Target | None = None
    suffix: str = ""
    """A possessive after a name ("'s"), kept apart so that the label can be fitted to the prose."""


def anonymise_case(case: Case, public: bool = False) -> Case:
    """The case with every person replaced by their label in every field and text, residual identifiers
    redacted, agencies that locate the family and places generalised; for a `public` document, dates as
    exact as the board's profile allows. A CaseError (exit 2) names each field where a name several people
    share is not yet resolved by the author (`anonymisation.names`)."""
    result = _result(case)
    unresolved = [c for c in result.changes if c.action == "ambiguous"]
    unclosed = [c for c in result.changes if c.action == UNCLOSED]
    if unresolved or unclosed:
        raise CaseError(f"case {case.review.reference}", _ambiguity_problems(unresolved) + _unclosed_problems(unclosed))
    return _public(result.case) if public else result.case


@per_case
def _result(case: Case) -> _Result:
    plan = _plan(case)
    changes: list[Change] = []
    data = _walk(case, "", plan, changes)
    return _Result(Case.model_validate(data, context={DERIVED: True}), tuple(changes))


@per_case
def _public(anonymised: Case) -> Case:
    """The anonymised case with its texts' dates as exact as the board's profile allows public documents, and
    what could identify the family in combination generalised (docgen.passes.jigsaw)."""
    public = _for_the_public(anonymised)
    return Case.model_validate(_mapped(anonymised, lambda text: public(text)[0]), context={DERIVED: True})


def _for_the_public(anonymised: Case) -> Callable[[str], tuple[str, list[Generalised]]]:
    """A text as a public document prints it (dates as exact as the board allows, details generalised), and what
    was generalised."""
    precision, rules = anonymised.board.public_dates, jigsaw_rules(anonymised)
    genders = {p.label: p.gender for p in people(anonymised) if p.gender and not p.path.startswith("professionals")}
    genders |= {f"the {label.lower()}": gender for label, gender in genders.items()}
    return lambda text: generalise_details(generalise_dates(text, precision), rules, genders)


def jigsaw_rules(case: Case) -> list[JigsawRule]:
    """What the case's public documents generalise: its framework's rules, then its own."""
    return [*case.framework.jigsaw, *case.anonymisation.jigsaw]


def public_generalisations(case: Case) -> list[tuple[str, Generalised]]:
    """Every detail a public document of the case generalises, by field path, in model order."""
    anonymised = _result(case).case
    public = _for_the_public(anonymised)
    return [(path, g) for path, text in _strings(anonymised, "") for g in public(text)[1]]


def _mapped(value: Any, function: Callable[[str], str]) -> Any:
    """The value with `function` applied to every text (kept fields and keys as they are; a report's approval and
    versions as they are: the board's own process, dated exactly beside them)."""
    if isinstance(value, BaseModel):
        if type(value) in _WHOLLY_KEPT or isinstance(value, Approval):
            return value
        return {n: v if status != "text" else _mapped(v, function) for n, v, status in _fields(value)}
    if isinstance(value, str) and not isinstance(value, Enum):
        return function(value)
    if isinstance(value, list):
        return [_mapped(item, function) for item in value]
    if isinstance(value, dict):
        return {k: _mapped(item, function) for k, item in value.items()}
    return value


@per_case
def _plan(case: Case) -> _Plan:
    found = people(case)
    values: dict[str, Target] = {}
    months: dict[str, str] = {}  # a child's month of birth ('March 2024'): its year where a text says 'born in'
    for kind, value, person in _identifiers(case, found):
        forms = date_forms(value) if isinstance(value, dt.date) else [value]
        marker = {"educational establishment": SCHOOL, "home address": HOME}.get(kind) or residual.MARKERS[kind]
        if kind == "date of birth" and isinstance(value, dt.date) and _a_child(value, case.ages_at):
            marker = str(value.year)  # a child's year of birth says no more than the age printed beside it
            months |= {_canonical(f"{value:{month}} {value.year}"): marker for month in ("%B", "%b", "%m/")}
        for form in (f for f in forms if len(re.sub(r"\W", "", f)) >= 3):
            owners = values[key(form)].owners if key(form) in values else ()
            values[key(form)] = Target(marker, tuple(dict.fromkeys([*owners, person.owner])), kind)
    for locator in locators(case):
        for name in (n for n in locator.names if len(re.sub(r"\W", "", n)) >= 3):
            values[key(name)] = Target(
                locator.becomes, (locator.owner,), locator.kind, form_of(name), locator.adjective
            )
    places = [name for locator in locators(case) if locator.kind == "place" for name in locator.names]
    for i, agency in enumerate(case.agencies):  # a place in the name of an agency printed as written is its own
        for name in agency.names_that_locate if not case.locates_family(agency) else ():
            if any(re.search(rf"\b{re.escape(place)}\b", name, re.IGNORECASE) for place in places):
                values[key(name)] = Target(name, (f"agencies[{i}]",), AGENCY_NAME)
    agencies = {f"agencies[{i}]": a for i, a in enumerate(case.agencies) if case.locates_family(a)}
    kept = frozenset(_canonical(v) for _, text in _kept_strings(case, "") for v in (text, *_scanned(text)))
    situations = {f"family[{i}]": situation(member, case) for i, member in enumerate(case.family)}
    everyone = {p.path: p for p in found}
    homes = {_canonical(k): t for k, t in values.items() if t.kind == "home address"}
    answers = _answers(case, everyone)
    ids = frozenset(a.id for a in agencies.values())
    address = case.subject.address
    lines = [*address.lines, address.postcode or ""] if address else []
    home_parts = frozenset(_canonical(part) for line in lines for part in (line, *line.split(",")) if part.strip())
    births = months | {
        _canonical(k): t.replacement for k, t in values.items() if t.kind == "date of birth" and t.replacement.isdigit()
    }
    return _Plan(
        everyone,
        Matcher(found, values),
        kept,
        case.ages_at,
        agencies,
        ids,
        answers,
        situations,
        homes,
        home_parts,
        births,
    )


def _a_child(born: dt.date, on: dt.date | None) -> bool:
    """Whether someone born that day is under 18 on the case's day (today's, when it has none)."""
    return under_age(born, on or dt.date.today())


def _answers(case: Case, everyone: dict[str, Person]) -> dict[str, list[tuple[tuple[str, ...], Target]]]:
    """The author's answers by the key of the name, answers limited to fields first."""
    paths = {"child": "subject"} | {m.id: f"family[{i}]" for i, m in enumerate(case.family)}
    paths |= {p.id: f"professionals[{i}]" for i, p in enumerate(case.professionals)}
    paths |= {v.id: f"victims[{i}]" for i, v in enumerate(case.victims)}
    answers: dict[str, list[tuple[tuple[str, ...], Target]]] = {}
    for answer in case.anonymisation.names:
        if answer.means == THE_WORD:
            target = Target("", (), THE_WORD, Form.ANY)
        else:
            person = everyone[paths[answer.means]]
            records = [p.owner for p in everyone.values() if p.identity == person.identity]  # a victim who is family
            target = Target(person.label, tuple(records), "name", Form.ANY)
        answers.setdefault(key(answer.name.replace(".", "")), []).append((tuple(answer.fields), target))
    for found in answers.values():
        found.sort(key=lambda answer: not answer[0])
    return answers


def _identifiers(case: Case, found: list[Person]) -> Iterator[tuple[str, str | dt.date, Person]]:
    """The identifiers the case holds for its people: address lines, postcodes, dates of birth, school, references."""
    records = {"subject": case.subject}
    for group in ("family", "professionals", "victims"):
        records |= {f"{group}[{i}]": record for i, record in enumerate(getattr(case, group))}
    for person in found:
        record = records[person.path]
        address = getattr(record, "address", None)
        if address is not None and address.lines not in ([HOME], [VICTIM_HOME], [getattr(record, "situation", None)]):
            home = isinstance(record, Subject) or (isinstance(record, FamilyMember) and situation(record, case) == HOME)
            yield from _address_lines(address.lines, home, person)
            if address.postcode:
                yield "postcode", address.postcode, person
        born = getattr(record, "date_of_birth", None)
        if born:
            yield "date of birth", born, person
        school = getattr(record, "educational_establishment", None)
        if school and school != SCHOOL:
            yield "educational establishment", school, person
        for _, text in _strings(record, person.path):
            yield from (("reference", ref, person) for ref in references(text))


def _address_lines(lines: list[str], home: bool, person: Person) -> Iterator[tuple[str, str, Person]]:
    """Each address line, and the street of a numbered line on its own ('Larkspur Close'); at the family
    home those are 'home address' (the texts say 'the family home' for them)."""
    for line in lines:
        street = _NUMBERED.match(line)
        kind = "home address" if home and street else "address"
        yield kind, line, person
        if street:
            yield kind, street.group(1), person


def _walk(value: Any, path: str, plan: _Plan, changes: list[Change]) -> Any:
    """The value with every string rewritten (models become dicts, validated once at the end)."""
    if isinstance(value, BaseModel):
        return value if type(value) in _WHOLLY_KEPT else _walk_model(value, path, plan, changes)
    if isinstance(value, str) and not isinstance(value, Enum):
        return _rewrite(value, path, plan, changes)
    if isinstance(value, list):
        return [_walk(item, f"{path}[{i}]", plan, changes) for i, item in enumerate(value)]
    if isinstance(value, dict):
        return {k: _walk(item, _join(path, k), plan, changes) for k, item in value.items()}
    return value


def _walk_model(model: BaseModel, path: str, plan: _Plan, changes: list[Change]) -> dict[str, Any]:
    person = plan.people.get(path)
    identity = _identity(model, person, plan, changes) if person else {}
    if isinstance(model, Agency) and path in plan.agencies:
        identity = _agency_identity(model, path, changes)
    if isinstance(model, Imr) and model.head_of_agency and path.removeprefix("imrs.") in plan.locating_ids:
        identity = {"head_of_agency": _rewrite(model.head_of_agency, _join(path, "head_of_agency"), plan, changes)}
    if isinstance(model, Case):  # the places and names the author listed are not published
        kept = model.anonymisation.model_dump(include={"keep", "jigsaw", "jigsaw_confirmed"})
        identity = {"places": [], "anonymisation": kept}
    if isinstance(model, SubjectBefore | FamilyMemberBefore) and model.address is not None:
        home = all(_canonical(line) in plan.home_parts for line in model.address.lines)
        identity = {"address": _neutral(model.address, HOME if home else EARLIER_ADDRESS)}
        _note_rewritten(model, "address", identity["address"], _join(path, "address"), changes)
    data: dict[str, Any] = {}
    for name, value, status in _fields(model):
        if name not in identity:
            data[name] = value if status != "text" else _walk(value, _join(path, name), plan, changes)
    return {**data, **identity}


def _fields(model: BaseModel) -> Iterator[tuple[str, Any, str]]:
    """Each field the case sets: its name, value and status ('text', 'kept' or 'key')."""
    cls = type(model)
    kept = _KEPT.get(cls, frozenset())
    for name in cls.model_fields:
        if name in model.model_fields_set:
            status = "kept" if name in kept else "key" if _is_key(cls, name) else "text"
            yield name, getattr(model, name), status


@cache
def _is_key(cls: type[BaseModel], name: str) -> bool:
    """A field constrained by a pattern holds keys (ids, the review reference), not prose."""
    info = cls.model_fields[name]
    return _patterned(info.annotation, info.metadata)


def _patterned(annotation: Any, metadata: list[Any] | tuple[Any, ...] = ()) -> bool:
    if any(getattr(m, "pattern", None) for m in metadata):
        return True
    if isinstance(annotation, FieldInfo):
        return _patterned(None, annotation.metadata)
    args = get_args(annotation)[1:] if get_origin(annotation) is dict else get_args(annotation)
    return any(_patterned(arg) for arg in args)


def _identity(model: BaseModel, person: Person, plan: _Plan, changes: list[Change]) -> dict[str, Any]:
    """The rewritten identity fields of a person's record."""
    new: dict[str, Any] = dict(_CLEARED, first_name=person.label)
    if isinstance(model, Subject):
        new["address"] = _neutral(model.address, HOME)
    if isinstance(model, Victim):
        new["address"] = _neutral(model.address, VICTIM_HOME)
    if isinstance(model, FamilyMember):
        where = plan.situations[person.path]
        new |= {"address": _neutral(model.address, where or HOME), "situation": where}
    if isinstance(model, Subject | FamilyMember | Victim) and model.date_of_birth:
        died = getattr(model, "date_of_death", None)
        if isinstance(model, FamilyMember) and died is not None and died <= plan.ages_at:  # their age at death
            age = f"{age_on(model.date_of_birth, died)} (deceased)"
        else:
            age = age_on(model.date_of_birth, plan.ages_at)
        new |= {"date_of_birth": None, "age_if_no_dob": age}
    if isinstance(model, Subject):
        new |= {"educational_establishment": model.educational_establishment and SCHOOL, "ethnicity_other": None}
    if isinstance(model, Professional):
        new["workplace"] = model.workplace and WORKPLACE
    for name, value in new.items():
        _note_rewritten(model, name, value, _join(person.path, name), changes)
    return new


def _agency_identity(agency: Agency, path: str, changes: list[Change]) -> dict[str, Any]:
    """An agency that locates the family, called by its kind, and its own officers by their post."""
    new: dict[str, Any] = {"name": generic_name(agency), "short_name": generic_short_name(agency), "other_names": []}
    for role, contact in staff(agency).items():
        title = officer(agency, contact)
        new[role] = {"name": title[:1].upper() + title[1:], "organisation": generic_name(agency)}
    for name, value in new.items():
        _note_rewritten(agency, name, value, _join(path, name), changes)
    return new


def _note_rewritten(model: BaseModel, name: str, value: Any, path: str, changes: list[Change]) -> None:
    old = getattr(model, name)
    old = old.model_dump() if isinstance(old, BaseModel) else old
    if _shown(old) != _shown(value):
        changes.append(Change(path, "rewritten", name, _shown(old), _shown(value)))


def _neutral(address: Any, description: str) -> dict[str, list[str]] | None:
    return None if address is None else {"lines": [description]}


def _shown(value: Any) -> str:
    if isinstance(value, dict) and "lines" in value:
        return ", ".join(p for p in (*value["lines"], value.get("town"), value.get("postcode")) if p)
    return "" if value in (None, [], "") else ", ".join(value) if isinstance(value, list) else str(value)


def _join(path: str, name: object) -> str:
    return f"{path}.{name}" if path else str(name)


# --- one text -------------------------------------------------------------------------------------


def _rewrite(text: str, path: str, plan: _Plan, changes: list[Change]) -> str:
    """A text with residual identifiers redacted, then names and known values replaced, fitted to the prose."""
    norm = normalise(text, plan.matcher.words)
    redactions = list(_redactions(text, norm, path, plan, changes))
    masked = _mask(norm.text, [span for span, _ in redactions])
    quoted = quotations(text)
    names = list(_replacements(text, norm, masked, path, plan, changes, quoted))
    return _apply(text, [edit for _, edit in redactions] + names, quoted, describe=not path.endswith(_LABEL_SOURCE))


def _redactions(
    text: str, norm: Normalised, path: str, plan: _Plan, changes: list[Change]
) -> Iterator[tuple[tuple[int, int], _Edit]]:
    """(span in the normalised text, edit of the original) for each residual identifier, contact details kept."""
    taken = 0  # the end of the last span: an address taken whole holds its postcode
    for found in scan(norm.text):
        if found.start < taken:
            continue
        taken = found.end
        start, end = norm.span(found.start, found.end)
        marker = residual.MARKERS[found.kind]
        canonical = _canonical(norm.text[found.start : found.end])
        if canonical in plan.kept:
            changes.append(Change(path, "kept", found.kind, text[start:end]))
        elif found.kind == "address" and canonical in plan.homes:
            low, high, said = _whole_home(norm.text, found.start, found.end, plan.home_parts)
            start, end = norm.span(low, high)
            taken = high
            changes.append(Change(path, "replaced", "home address", text[start:end], HOME))
            if said:  # 'the family home, 31 Kestrel Walk' says it once
                yield (low, high), _Edit(start, end, "")
            else:
                yield (low, high), _Edit(start, end, HOME, plan.homes[canonical])
        elif found.kind == "date of birth" and _a_childs_year(norm.text[found.start : found.end], plan.ages_at):
            continue  # a child's year of birth, as this pass writes it: 'born in 2019'
        elif found.kind == "date of birth" and canonical in plan.births:
            begin, year = _in_year(text, start, plan.births[canonical])
            changes.append(Change(path, "replaced", found.kind, text[begin:end], year))
            yield (found.start, found.end), _Edit(begin, end, year)
        else:
            changes.append(Change(path, "redacted", found.kind, text[start:end], marker))
            yield (found.start, found.end), _Edit(start, end, marker)


def _a_childs_year(value: str, ages_at: dt.date | None) -> bool:
    """Whether a date of birth written as a year alone is a child's: someone born then is under 18 on the case's day
    (an adult's year of birth would say their age)."""
    value = value.strip()
    return value.isdigit() and len(value) == 4 and int(value) > (ages_at or dt.date.today()).year - ADULT


def _in_year(text: str, start: int, year: str) -> tuple[int, str]:
    """A child's date of birth as its year: 'born on 14 July 2019' → 'born in 2019' (where the edit starts, what it
    writes)."""
    if text[max(0, start - 3) : start].lower() == "on ":
        return start - 3, f"in {year}"
    return start, year


_COMMA = re.compile(r"\s*,\s*")
_PART_BEFORE = re.compile(r"([^,\n]+?)\s*,\s*$")
_HOME_SAID = re.compile(r"\bfamily home\s*,\s*$", re.IGNORECASE)


def _whole_home(text: str, start: int, end: int, parts: frozenset[str]) -> tuple[int, int, bool]:
    """The span of a line of the family home's address widened over the other parts of that address written with
    it ('Flat 6, Orchard House, 2 Lime Street, WV2 3LS'), and whether 'the family home' is written just before it
    (the address then goes, with its comma)."""
    while (before := _PART_BEFORE.search(text, 0, start)) and _canonical(before[1]) in parts:
        start = before.start(1)
    while (comma := _COMMA.match(text, end)) and (part_end := _part_at(text, comma.end(), parts)):
        end = part_end
    said = _HOME_SAID.search(text, 0, start)
    return (said.start() + len("family home") if said else start), end, said is not None


def _part_at(text: str, start: int, parts: frozenset[str]) -> int | None:
    """The end of the longest part of the address that the text has at `start` ('EF2 3LS' in 'EF2 3LS at 9pm')."""
    stop = text.find(",", start)
    segment = text[start : stop if stop != -1 else len(text)]
    ends = [i for i, char in enumerate(segment) if not char.isalnum()] + [len(segment)]
    fitting = [i for i in ends if i and segment[i - 1].isalnum() and _canonical(segment[:i]) in parts]
    return start + max(fitting) if fitting else None


def _replacements(
    text: str, norm: Normalised, masked: str, path: str, plan: _Plan, changes: list[Change], quoted: Quotations
) -> Iterator[_Edit]:
    """An edit of the original for each name or known value found; hits for review are only noted. A name in
    a quotation is replaced in editorial brackets ('[Mother's partner]'); one after a quotation mark that never
    closes is left for the author to close it."""
    for hit in plan.matcher.find(masked):
        start, end = norm.span(hit.start, hit.end)
        asked = hit.target.kind == AMBIGUOUS or hit.reason == AT_SENTENCE_START
        if hit.reason and not asked:
            changes.append(Change(path, "review", hit.reason, text[start:end], "", hit.target.owners))
            continue
        target = _answered(hit, path, plan) if asked else hit.target
        if target is not None and target.kind == THE_WORD:
            changes.append(Change(path, "kept", "the English word, as the author says", text[start:end]))
            continue
        if target is not None and target.kind == AGENCY_NAME:  # printed as written, the place in it with it
            continue
        if target is None:
            what = AT_SENTENCE_START if hit.reason == AT_SENTENCE_START else AMBIGUOUS
            changes.append(Change(path, "ambiguous", what, text[start:end], "", hit.target.owners))
            continue
        if quoted.unclosed is not None and start >= quoted.unclosed and target.kind not in residual.MARKERS:
            changes.append(Change(path, UNCLOSED, target.kind, text[start:end], "", target.owners))
            continue
        apostrophe = norm.span(hit.name_end, hit.end) if hit.end > hit.name_end else None
        label, suffix = _replacement(target, hit.found, text, apostrophe)
        if target.kind == "date of birth" and label.isdigit():
            start, label = _in_year(text, start, label)
        if quoted.inside(start, end) and target.kind not in residual.MARKERS:
            label = f"[{label}]"
        action = "redacted" if target.kind in residual.MARKERS else "replaced"
        what = "name answered by the author" if target is not hit.target else target.kind
        changes.append(Change(path, action, what, text[start:end], label + suffix, target.owners))
        yield _Edit(start, end, label, None if target.kind in residual.MARKERS else target, suffix)


def _answered(hit: Hit, path: str, plan: _Plan) -> Target | None:
    """Who the author says an ambiguous name means here (answers limited to fields first), or None."""
    for alias in (hit.alias.replace(".", ""), hit.alias.split(" ", 1)[-1]):
        for fields, target in plan.answers.get(key(alias), []):
            here = not fields or any(path == f or path.startswith((f"{f}.", f"{f}[")) for f in fields)
            word = target.kind == THE_WORD and hit.reason == AT_SENTENCE_START
            if here and (word or any(owner in hit.target.owners for owner in target.owners)):  # one who has it
                return target
    return None


def _ambiguity_problems(unresolved: list[Change]) -> list[Problem]:
    """One problem per field and name, naming the people by their field path and label, never the name."""
    found = dict.fromkeys((c.path, c.owners, c.what) for c in unresolved)
    listed = "(`docgen anonymise CASE --report` lists each name and where it is used)"
    return [
        Problem(
            path,
            f"a sentence here begins with the name of {owners[0]}, which is also an English word, and anonymisation"
            f" will not guess which it is: say in anonymisation.names whether it means {owners[0].split(' (')[0]}"
            f" here {listed}, or reword the sentence"
            if what == AT_SENTENCE_START
            else f"a name that {', '.join(owners)} share is used here, and anonymisation will not guess who it"
            f" means: say who in anonymisation.names {listed}",
        )
        for path, owners, what in found
    ]


def _unclosed_problems(unclosed: list[Change]) -> list[Problem]:
    """One problem per field with a quotation that never closes before a name, which is never shown."""
    return [
        Problem(
            path,
            "a quotation mark opens here and never closes, and a name follows it: close the quotation, so that the"
            " quoted words are kept as they were written and the name in them is marked as replaced",
        )
        for path in dict.fromkeys(c.path for c in unclosed)
    ]


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with redacted spans blanked, so no name is found inside them."""
    pieces, last = [], 0
    for start, end in sorted(spans):
        start = max(start, last)  # spans may overlap: an address taken whole holds its postcode
        if end > start:
            pieces += [text[last:start], "\0" * (end - start)]
            last = end
    return "".join([*pieces, text[last:]])


def _replacement(target: Target, found: str, text: str, apostrophe: tuple[int, int] | None) -> tuple[str, str]:
    """The label or marker, and the possessive after it ('James'' → "Father" and "'s"); 'The' at a sentence
    start where the text had it."""
    out = target.replacement
    if target.kind == "family name" and found[:1].isupper() and found.lower().startswith("the "):
        out = out[:1].upper() + out[1:]
    if not apostrophe:
        return out, ""
    mark = text[apostrophe[0] : apostrophe[1]]
    return out, mark if target.kind not in _NAME_KINDS or out.endswith("s") else mark + "s"


_LABEL_SOURCE = ".relationship"
"""The field whose words make a family member's label: its labels stay labels, never descriptions."""


def _apply(text: str, edits: list[_Edit], quoted: Quotations, describe: bool = True) -> str:
    """The text with its edits made; a label fitted to the prose around it (and, when `describe`, a relation read
    as a description), but in a quotation, whose words are kept as they were written."""
    out, last = "", 0
    placed: list[tuple[int, _Edit]] = []  # where a label was written as it is, for `prose.described`
    for edit in sorted(edits):
        if edit.start < last:
            continue
        start, end, replacement = _balanced(text, edit.start, edit.end, edit.replacement + edit.suffix, last)
        out += text[last:start]
        if edit.target is None or quoted.inside(edit.start, edit.end):
            out += replacement
            last = end
            continue
        stars = replacement[: len(replacement) - len(replacement.lstrip("*"))]
        fitted = prose.fit(out, edit.replacement, edit.suffix, text[end:], edit.target)
        if stars and not fitted.text:  # an emphasised name is kept emphasised, never dropped
            fitted = prose.Fitted(out, edit.replacement + edit.suffix)
        out = fitted.before + stars
        if fitted.text == edit.replacement + edit.suffix:
            placed.append((len(out), edit))
        out += fitted.text + stars
        last = end + fitted.skip
    return _described(out + text[last:], placed if describe else [])


def _described(text: str, placed: list[tuple[int, _Edit]]) -> str:
    """The text with each family member's label written as running prose describes them ('the mother'), decided
    once every name is replaced, so that one description does not change how the next label is fitted."""
    for at, edit in reversed(placed):
        written = edit.replacement + edit.suffix
        if text[at : at + len(written)] == written and edit.target is not None:
            fitted = prose.described(text[:at], edit.replacement, edit.suffix, text[at + len(written) :], edit.target)
            text = text[:at] + fitted + text[at + len(written) :]
    return text


def _balanced(text: str, start: int, end: int, replacement: str, floor: int) -> tuple[int, int, str]:
    """A name split by emphasis ('**Ja**de', '*Jade* *Carter*') becomes one emphasised label."""
    if "*" not in text[start:end]:
        return start, end, replacement
    before = start
    while before > floor and text[before - 1] == "*":
        before -= 1
    after = end
    while after < len(text) and text[after] == "*":
        after += 1
    stars = "*" * max(start - before, after - end)
    return before, after, f"{stars}{replacement}{stars}"


def _canonical(text: str) -> str:
    return re.sub(r"[\W_]", "", fold(text).casefold())


def _scanned(text: str) -> list[str]:
    folded = fold(text)
    return [folded[f.start : f.end] for f in scan(folded)]


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """Every string below a value, with its path."""
    if isinstance(value, BaseModel):
        for name, field, _ in _fields(value):
            yield from _strings(field, _join(path, name))
    elif isinstance(value, str) and not isinstance(value, Enum):
        yield path, value
    else:
        for item, where in _items(value, path):
            yield from _strings(item, where)


def _items(value: Any, path: str) -> Iterator[tuple[Any, str]]:
    """The items of a list or dict, with their paths."""
    if isinstance(value, list):
        yield from ((item, f"{path}[{i}]") for i, item in enumerate(value))
    elif isinstance(value, dict):
        yield from ((item, _join(path, k)) for k, item in value.items())


def _kept_strings(case: Case, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string the pass keeps as it is (the board, officers, agency names …), with its path; nothing of
    an agency that locates the family is kept."""

    def kept(value: Any, path: str) -> Iterator[tuple[str, str]]:
        if isinstance(value, Agency) and case.locates_family(value):
            return
        if isinstance(value, BaseModel):
            for name, field, status in _fields(value):
                yield from (_strings if status == "kept" else kept)(field, _join(path, name))
        else:
            for item, where in _items(value, path):
                yield from kept(item, where)

    return kept(case, path)


# --- the review report ----------------------------------------------------------------------------


def anonymisation_report(case: Case) -> str:
    """A plain-text review report: every replacement and redaction by field path, and every lower-case or
    ambiguous hit left for a person to decide."""
    changes = _result(case).changes

    def listed(action: str) -> list[str]:
        return [_line(c) for c in changes if c.action == action and c.what != "shared name"]

    sections = [
        ("Names to answer before an anonymised document is written", _to_answer(changes)),
        ("Labels", [f"{path}: {label}" for path, label in labels(case).items()]),
        ("Structured fields rewritten", listed("rewritten")),
        ("Names replaced", listed("replaced")),
        ("Identifiers redacted", listed("redacted")),
        ("Kept (contact details of the board or an officer; words the author says are not names)", listed("kept")),
        ("For a person to decide", _grouped([c for c in changes if c.action == "review" or c.what == "shared name"])),
        (
            "Generalised in public documents, to confirm (anonymisation.jigsaw_confirmed)",
            [f"{path}: '{g.found}' → '{g.became}' ({g.what})" for path, g in public_generalisations(case)],
        ),
    ]
    lines = [f"Anonymisation report for {case.review.reference}"]
    for title, items in sections:
        lines += ["", f"{title} ({len(items)})", *(f"  {item}" for item in items or ["none"])]
    return "\n".join(lines) + "\n"


def _to_answer(changes: tuple[Change, ...]) -> list[str]:
    """Each ambiguous name not yet resolved: whose it may be, where it is used, and how to answer."""
    groups: dict[tuple[str, tuple[str, ...], bool], list[str]] = {}
    spelling: dict[str, str] = {}
    for c in changes:
        if c.action == "ambiguous":
            groups.setdefault((key(c.found), c.owners, c.what == AT_SENTENCE_START), []).append(c.path)
            spelling.setdefault(key(c.found), c.found)
    lines = []
    for (found, owners, word), paths in groups.items():
        name = spelling[found]
        where = ", ".join(dict.fromkeys(paths))
        may_be = " or ".join(owners) + (" or the English word, beginning a sentence" if word else "")
        means = "ID" + (" or word" if word else "")
        lines.append(
            f"'{name}' may be {may_be} ({len(paths)}×: {where}); answer in the case file with "
            f"anonymisation: {{names: [{{name: {name}, means: {means}}}]}} (and fields: [PATH] for one field only)"
        )
    return lines


def _line(change: Change) -> str:
    if change.action == "rewritten":
        return f"{change.path}: '{change.found}' → '{change.became}'"
    owners = f" ({change.what} of {', '.join(change.owners)})" if change.owners else f" ({change.what})"
    became = f" → '{change.became}'" if change.became else ""
    return f"{change.path}: '{change.found}'{became}{owners}"


def _grouped(changes: list[Change]) -> list[str]:
    """Hits left for review, one line per text found and reason, with every place it occurs."""
    groups: dict[tuple[str, str, tuple[str, ...], str], list[str]] = {}
    for c in changes:
        groups.setdefault((c.found, c.what, c.owners, c.became), []).append(c.path)
    lines = []
    for (found, what, owners, became), paths in groups.items():
        done = f"replaced by '{became}'" if became else "left as it is"
        where = ", ".join(dict.fromkeys(paths))
        lines.append(f"'{found}': {what}; a name of {', '.join(owners)}; {done} ({len(paths)}×: {where})")
    return lines


def anonymisation_changes(case: Case) -> tuple[Change, ...]:
    """Every replacement, redaction and hit left for review that anonymising the case makes."""
    return _result(case).changes


def ambiguous_names(case: Case) -> list[Change]:
    """The uses of names several people share that the author has not yet resolved."""
    return [c for c in _result(case).changes if c.action == "ambiguous"]

"""The anonymisation pass: every person replaced by their label in every field and text, residual
identifiers redacted, and a leak check that refuses to publish a document still holding one.

Structured fields of each person: name fields become the label (title, middle names, last name,
known-as and other names cleared; the child's `anonymous_name` stays); a date of birth becomes the
age at the incident (or at the referral when there is no incident); addresses of the child, the
family and victims become 'the family home' / "the victim's home"; the child's school becomes
"the child's nursery/school"; a professional's workplace "the practitioner's workplace"; the child's
free-text `ethnicity_other` is cleared (templates print `broad_ethnicity`).

Every other string of the case is rewritten wherever it is, found by walking the model, except
identifier keys (fields with a pattern) and the records of people who are not case people: the
board, every `Contact` (officers, authors, referrer), panel members, agency names, meeting venues,
the Ofsted notifier, the head of agency signing an IMR and the panel members consulted at screening.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum
from functools import cache, wraps
from typing import Any, TypeVar, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from ..dates import age_on
from ..model import (
    Agency,
    Case,
    Child,
    Contact,
    FamilyMember,
    Imr,
    Meeting,
    OfstedNotification,
    Professional,
    Victim,
)
from ..model.board import Board
from ..model.options import ETHNIC_GROUPS, Ethnicity
from ..model.review import PanelMember, Screening
from . import residual
from .aliases import (
    Hit,
    Matcher,
    Person,
    Target,
    labels,
    people,
)
from .folding import Normalised, fold, key, normalise

HOME = "the family home"
VICTIM_HOME = "the victim's home"
SCHOOL = "the child's nursery/school"
WORKPLACE = "the practitioner's workplace"

_KEPT: dict[type[BaseModel], frozenset[str]] = {
    Board: frozenset(Board.model_fields),
    Contact: frozenset(Contact.model_fields),
    PanelMember: frozenset(PanelMember.model_fields),
    Agency: frozenset({"name", "short_name"}),
    OfstedNotification: frozenset({"notifier", "role", "telephone", "local_authority"}),
    Imr: frozenset({"head_of_agency"}),
    Meeting: frozenset({"venue"}),
    Screening: frozenset({"members_consulted"}),
}
"""Fields that are not about case people: left as they are, and their words noted by the leak check."""
_WHOLLY_KEPT = frozenset(cls for cls, names in _KEPT.items() if names == frozenset(cls.model_fields))

_NAME_KINDS = {"name", "shared name", "family name"}
_Edit = tuple[tuple[int, int], tuple[int, int, str]]
_CLEARED: dict[str, Any] = {"title": None, "middle_names": [], "last_name": "", "known_as": [], "other_names": []}
"""A person's name fields other than the first name, emptied."""
_T = TypeVar("_T")

__all__ = [
    "Change",
    "anonymisation_changes",
    "anonymisation_report",
    "anonymise_case",
    "broad_ethnicity",
    "case_identifiers",
    "kept_strings",
    "labels",
    "people_of",
    "per_case",
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
    """'rewritten', 'replaced', 'redacted', 'kept' or 'review'."""
    what: str
    """The kind of name or identifier, or why a hit is left for review."""
    found: str
    became: str = ""
    owners: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Plan:
    """What one case's pass needs: its people, one compiled matcher, the values it keeps."""

    people: dict[str, Person]
    matcher: Matcher
    kept: frozenset[str]
    """Canonical forms of the contact details of people who are not case people."""
    ages_at: dt.date


@dataclass(frozen=True)
class _Result:
    case: Case
    changes: tuple[Change, ...]


def per_case(function: Callable[[Case], _T]) -> Callable[[Case], _T]:
    """Cache a function of a case by the case's identity (a few cases at a time)."""
    store: dict[int, tuple[Case, _T]] = {}

    @wraps(function)
    def cached(case: Case) -> _T:
        hit = store.get(id(case))
        if hit is not None and hit[0] is case:
            return hit[1]
        value = function(case)
        if len(store) >= 8:
            store.pop(next(iter(store)))
        store[id(case)] = (case, value)
        return value

    return cached


def anonymise_case(case: Case) -> Case:
    """The case with every person replaced by their label in every field and text, residual identifiers redacted."""
    return _result(case).case


@per_case
def _result(case: Case) -> _Result:
    plan = _plan(case)
    changes: list[Change] = []
    data = _walk(case, "", plan, changes)
    return _Result(Case.model_validate(data), tuple(changes))


@per_case
def _plan(case: Case) -> _Plan:
    found = people(case)
    values: dict[str, Target] = {}
    for kind, value, person in _identifiers(case, found):
        forms = residual.date_forms(value) if isinstance(value, dt.date) else [value]
        marker = SCHOOL if kind == "educational establishment" else residual.MARKERS[kind]
        for form in (f for f in forms if len(re.sub(r"\W", "", f)) >= 3):
            owners = values[key(form)].owners if key(form) in values else ()
            values[key(form)] = Target(marker, tuple(dict.fromkeys([*owners, person.owner])), kind)
    kept = frozenset(_canonical(v) for _, text in _kept_strings(case, "") for v in (text, *_scanned(text)))
    return _Plan({p.path: p for p in found}, Matcher(found, values), kept, case.ages_at)


def _identifiers(case: Case, found: list[Person]) -> Iterator[tuple[str, str | dt.date, Person]]:
    """The identifiers the case holds for its people: address lines, postcodes, dates of birth, school, references."""
    records = {"child": case.child}
    for group in ("family", "professionals", "victims"):
        records |= {f"{group}[{i}]": record for i, record in enumerate(getattr(case, group))}
    for person in found:
        record = records[person.path]
        address = getattr(record, "address", None)
        if address is not None and address.lines not in ([HOME], [VICTIM_HOME]):
            yield from (("address", line, person) for line in address.lines)
            if address.postcode:
                yield "postcode", address.postcode, person
        born = getattr(record, "date_of_birth", None)
        if born:
            yield "date of birth", born, person
        school = getattr(record, "educational_establishment", None)
        if school and school != SCHOOL:
            yield "educational establishment", school, person
        for _, text in _strings(record, person.path):
            yield from (("reference", ref, person) for ref in residual.references(text))


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
    if isinstance(model, Child | FamilyMember | Victim):
        new["address"] = _neutral(model.address, VICTIM_HOME if isinstance(model, Victim) else HOME)
        if model.date_of_birth:
            new |= {"date_of_birth": None, "age_if_no_dob": age_on(model.date_of_birth, plan.ages_at)}
    if isinstance(model, Child):
        new |= {"educational_establishment": model.educational_establishment and SCHOOL, "ethnicity_other": None}
    if isinstance(model, Professional):
        new["workplace"] = model.workplace and WORKPLACE
    for name, value in new.items():
        old = getattr(model, name)
        old = old.model_dump() if isinstance(old, BaseModel) else old
        if _shown(old) != _shown(value):
            changes.append(Change(_join(person.path, name), "rewritten", name, _shown(old), _shown(value)))
    return new


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
    """A text with residual identifiers redacted, then names and known values replaced."""
    norm = normalise(text, plan.matcher.words)
    redactions = list(_redactions(text, norm, path, plan, changes))
    masked = _mask(norm.text, [span for span, _ in redactions])
    names = list(_replacements(text, norm, masked, path, plan, changes))
    return _apply(text, [edit for _, edit in redactions] + names)


def _redactions(text: str, norm: Normalised, path: str, plan: _Plan, changes: list[Change]) -> Iterator[_Edit]:
    """(span in the normalised text, edit of the original) for each residual identifier, contact details kept."""
    for found in residual.scan(norm.text):
        start, end = norm.span(found.start, found.end)
        marker = residual.MARKERS[found.kind]
        if _canonical(norm.text[found.start : found.end]) in plan.kept:
            changes.append(Change(path, "kept", found.kind, text[start:end]))
        else:
            changes.append(Change(path, "redacted", found.kind, text[start:end], marker))
            yield (found.start, found.end), (start, end, marker)


def _replacements(
    text: str, norm: Normalised, masked: str, path: str, plan: _Plan, changes: list[Change]
) -> Iterator[tuple[int, int, str]]:
    """An edit of the original for each name or known value found; hits for review are only noted."""
    for hit in plan.matcher.find(masked):
        start, end = norm.span(hit.start, hit.end)
        if hit.reason:
            changes.append(Change(path, "review", hit.reason, text[start:end], "", hit.target.owners))
            continue
        replacement = _replacement(hit, text, norm.span(hit.name_end, hit.end) if hit.end > hit.name_end else None)
        action = "redacted" if hit.target.kind in residual.MARKERS else "replaced"
        changes.append(Change(path, action, hit.target.kind, text[start:end], replacement, hit.target.owners))
        yield start, end, replacement


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with redacted spans blanked, so no name is found inside them."""
    pieces, last = [], 0
    for start, end in spans:
        pieces += [text[last:start], "\0" * (end - start)]
        last = end
    return "".join([*pieces, text[last:]])


def _replacement(hit: Hit, text: str, apostrophe: tuple[int, int] | None) -> str:
    """The label or marker, with a possessive ('James'' → "Father's") and 'The' at a sentence start."""
    target = hit.target
    out = target.replacement
    if target.kind == "family name" and hit.found[:1].isupper() and hit.found.lower().startswith("the "):
        out = out[:1].upper() + out[1:]
    if apostrophe:
        mark = text[apostrophe[0] : apostrophe[1]]
        out += mark if target.kind not in _NAME_KINDS or out.endswith("s") else mark + "s"
    return out


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    out, last = [], 0
    for start, end, replacement in sorted(edits):
        if start < last:
            continue
        start, end, replacement = _balanced(text, start, end, replacement, last)
        out += [text[last:start], replacement]
        last = end
    return "".join([*out, text[last:]])


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
    return [folded[f.start : f.end] for f in residual.scan(folded)]


def _strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """Every string below a value, with its path."""
    if isinstance(value, BaseModel):
        for name, field, _ in _fields(value):
            yield from _strings(field, _join(path, name))
    elif isinstance(value, str) and not isinstance(value, Enum):
        yield path, value
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, f"{path}[{i}]")
    elif isinstance(value, dict):
        for k, item in value.items():
            yield from _strings(item, _join(path, k))


def _kept_strings(value: Any, path: str) -> Iterator[tuple[str, str]]:
    """Every string the pass keeps as it is (the board, officers, agency names …), with its path."""
    if isinstance(value, BaseModel):
        for name, field, status in _fields(value):
            walk = _strings if status == "kept" else _kept_strings
            yield from walk(field, _join(path, name))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _kept_strings(item, f"{path}[{i}]")
    elif isinstance(value, dict):
        for k, item in value.items():
            yield from _kept_strings(item, _join(path, k))


# --- the review report ----------------------------------------------------------------------------


def anonymisation_report(case: Case) -> str:
    """A plain-text review report: every replacement and redaction by field path, and every lower-case or
    ambiguous hit left for a person to decide."""
    changes = _result(case).changes

    def listed(action: str) -> list[str]:
        return [_line(c) for c in changes if c.action == action and c.what != "shared name"]

    sections = [
        ("Labels", [f"{path}: {label}" for path, label in labels(case).items()]),
        ("Structured fields rewritten", listed("rewritten")),
        ("Names replaced", listed("replaced")),
        ("Identifiers redacted", listed("redacted")),
        ("Kept (contact details of the board or an officer)", listed("kept")),
        ("For a person to decide", _grouped([c for c in changes if c.action == "review" or c.what == "shared name"])),
    ]
    lines = [f"Anonymisation report for {case.review.reference}"]
    for title, items in sections:
        lines += ["", f"{title} ({len(items)})", *(f"  {item}" for item in items or ["none"])]
    return "\n".join(lines) + "\n"


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


def people_of(case: Case) -> list[Person]:
    """The case people whose names anonymisation replaces."""
    return list(_plan(case).people.values())


def case_identifiers(case: Case, everyone: list[Person]) -> Iterator[tuple[str, str | dt.date, Person]]:
    """The identifiers the case holds for its people (address lines, postcodes, dates of birth, school …)."""
    return _identifiers(case, everyone)


def kept_strings(case: Case) -> Iterator[tuple[str, str]]:
    """(path, text) of every string kept as it is (not about case people)."""
    return _kept_strings(case, "")

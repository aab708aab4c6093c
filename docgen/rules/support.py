"""What a case supports: the document kinds it can produce, and for which agencies and addressees."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from ..derive.letters.enclosures import enclosed_kinds, enclosures
from ..derive.registry import BUILDERS, Request
from ..derive.report_parts import own_date
from ..errors import NotSupportedError, UnknownKindError
from ..model import Case, Framework
from ..model.framework import DEFAULT_FRAMEWORK, builtin_framework
from ..model.kinds import FORMATS, DocumentKind, Per
from ..passes.as_at import case_as_at


def kind_of(kind_id: str, framework: Framework | None = None) -> DocumentKind:
    """The document kind with this id among the framework's (the default framework's when None), or a UsageError
    listing them."""
    kinds = (framework or builtin_framework(DEFAULT_FRAMEWORK)).kinds
    try:
        return kinds[kind_id]
    except KeyError:
        raise UnknownKindError(kind_id, list(kinds)) from None


def check_format(format: str) -> None:
    """NotSupportedError for a format docgen does not write."""
    if format not in FORMATS:
        raise NotSupportedError(f"unknown format '{format}'; the formats are: {', '.join(FORMATS)}")


def check_supported(case: Case, kind: DocumentKind, agency: str | None, to: str | None) -> None:
    """NotSupportedError, saying why, when the case cannot produce this document for this agency or addressee."""
    check_needs(case, kind)
    enclosures(case, kind)  # each enclosure is produced beside it, or is a paper the board sends
    for per, given in ((Per.AGENCY, agency), (Per.ADDRESSEE, to)):
        if given is not None and kind.per is not per:
            raise NotSupportedError(f"{kind.id} is not written per {per}; leave out the {per}")
    if kind.per is Per.AGENCY and agency is None:
        raise NotSupportedError(f"{kind.id} is written per agency: name one of {', '.join(kind.instances(case))}")
    if kind.per is Per.ADDRESSEE:
        addressees = kind.instances(case)
        if to is None:
            raise NotSupportedError(f"{kind.id} is written to each addressee: name one of {', '.join(addressees)}")
        if to not in addressees:
            raise NotSupportedError(f"{kind.id}: '{to}' is not one of its addressees ({', '.join(addressees)})")
    if problems := BUILDERS.problems(Request(case, kind, agency, to)):
        raise NotSupportedError(f"{kind.id}{f' to {to!r}' if to else ''} cannot be written: " + "; ".join(problems))
    if kind.per is Per.AGENCY and agency not in (agencies := kind.instances(case)):
        raise NotSupportedError(
            f"{kind.id} is written per agency: '{agency}' is not one of its agencies; name one of {', '.join(agencies)}"
        )


def check_needs(case: Case, kind: DocumentKind) -> None:
    """NotSupportedError naming what the case file lacks for this kind."""
    missing = kind.missing(case)
    if missing:
        raise NotSupportedError(f"{kind.id} needs {', '.join(missing)} in the case file, which it does not have")


class Planned(NamedTuple):
    """One document to render: its kind, the agency or addressee it is written for, and the letter (its kind's id)
    it is enclosed with, as it stood on the letter's date."""

    kind: str
    agency: str | None = None
    to: str | None = None
    enclosed_in: str | None = None


def supported_documents(
    case: Case,
    kinds: Iterable[str] | None = None,
    agency: str | None = None,
    to: str | None = None,
    on: dt.date | None = None,
) -> Iterator[Planned]:
    """The documents to render among `kinds` (every kind the case supports when None).

    A kind asked for by name that the case cannot produce is an error; the kinds it encloses come with it, each as
    it stood on its letter's date (`Planned.enclosed_in`), except a report the case holds only in a later version
    (one revised after it was sent: the copy sent cannot be printed again). A kind written per agency or per
    addressee gives one document for each (only `agency`'s or `to`'s when given). With `on`, every kind leaves out
    the documents dated after it, and those the case as at `on` cannot produce (a kind asked for by name is refused
    when rendered).
    """
    named = kinds is not None
    known = case_as_at(case, on) if on is not None else case
    for kind_id in list(dict.fromkeys(kinds)) if kinds is not None else case.framework.kinds:
        kind = kind_of(kind_id, case.framework)
        if not named and kind.missing(known):
            continue
        for planned in _instances(case, kind, agency, to, named):
            if not named and _later(case, kind, planned.agency, on):
                continue
            yield planned
            if planned.agency is None and planned.to is None:
                for enclosed in enclosed_kinds(case, kind):
                    if _revised_since(case, enclosed, own_date(case, kind, None)):
                        continue
                    yield from (p._replace(enclosed_in=kind_id) for p in _instances(case, enclosed, agency, to, named))


def _revised_since(case: Case, kind: DocumentKind, sent: dt.date | None) -> bool:
    """Whether the case holds the report only in a version dated after the day it was sent."""
    record = kind.record_of(case, None) if kind.is_report else None
    version = record.approval.dated or record.date if record is not None else None
    return sent is not None and version is not None and version > sent


def _later(case: Case, kind: DocumentKind, agency: str | None, on: dt.date | None) -> bool:
    """Whether the document is dated after `on`."""
    day = own_date(case, kind, agency) if on is not None else None
    return day is not None and on is not None and day > on


def _instances(case: Case, kind: DocumentKind, agency: str | None, to: str | None, named: bool) -> Iterator[Planned]:
    """The documents of one kind: one, or one for each agency or addressee (only `agency`'s or `to`'s when given)."""
    instances: list[str | None] = [None]
    if kind.per is not None:
        chosen = agency if kind.per is Per.AGENCY else to
        instances = [chosen] if chosen is not None else list(kind.instances(case))
        if not instances and named:
            check_needs(case, kind)
            raise NotSupportedError(f"{kind.id}: the case has no {kind.per} it can be written for")
    for instance in instances:
        planned = Planned(kind.id, *((instance, None) if kind.per is Per.AGENCY else (None, instance)))
        check_supported(case, kind, planned.agency, planned.to)
        yield planned

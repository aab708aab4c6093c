"""What a case supports: the document kinds it can produce, and for which agencies and addressees."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import NamedTuple

from ..derive.letters.enclosures import enclosed_kinds, enclosures
from ..derive.registry import BUILDERS, Request
from ..errors import NotSupportedError, UnknownKindError
from ..model import Case, Framework
from ..model.framework import DEFAULT_FRAMEWORK, builtin_framework
from ..model.kinds import FORMATS, DocumentKind, Per


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
    """One document to render: its kind, and the agency or addressee it is written for."""

    kind: str
    agency: str | None = None
    to: str | None = None


def supported_documents(
    case: Case, kinds: Iterable[str] | None = None, agency: str | None = None, to: str | None = None
) -> Iterator[Planned]:
    """The documents to render among `kinds` (every kind the case supports when None).

    A kind asked for by name that the case cannot produce is an error; the kinds it encloses come with it.
    A kind written per agency or per addressee gives one document for each (only `agency`'s or `to`'s when
    given).
    """
    if kinds is not None:
        kinds = list(dict.fromkeys(k for kind_id in kinds for k in (kind_id, *_enclosed(case, kind_id))))
    for kind_id in kinds or case.framework.kinds:
        kind = kind_of(kind_id, case.framework)
        if kinds is None and kind.missing(case):
            continue
        instances: list[str | None] = [None]
        if kind.per is not None:
            chosen = agency if kind.per is Per.AGENCY else to
            instances = [chosen] if chosen is not None else list(kind.instances(case))
            if not instances and kinds is not None:
                check_needs(case, kind)
                raise NotSupportedError(f"{kind_id}: the case has no {kind.per} it can be written for")
        for instance in instances:
            planned = Planned(kind_id, *((instance, None) if kind.per is Per.AGENCY else (None, instance)))
            check_supported(case, kind, planned.agency, planned.to)
            yield planned


def _enclosed(case: Case, kind_id: str) -> list[str]:
    """The kinds docgen renders beside a document that encloses them."""
    return [enclosed.id for enclosed in enclosed_kinds(case, kind_of(kind_id, case.framework))]

"""The context builders, by name: what a document kind's template receives beyond the common context.

A kind names the builders it needs (`builders: [letter, commissioning]` in its profile); each builder is a
function of the request registered here under that name, with, where the case may leave it undecidable, a
check that says what the case must give first:

>>> @register("example-greeting", check=lambda request: [] if request.to else ["to: name the addressee"])
... def greeting(request: Request) -> dict[str, str]:
...     return {"greeting": f"Dear {request.to}"}
>>> BUILDERS.names()[-1]
'example-greeting'
>>> _ = BUILDERS.unregister("example-greeting")

Nothing else in docgen branches on a kind: a new document is an entry in a profile, a template and, at most,
one function registered here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import NotSupportedError
from ..model import Case
from ..model.kinds import DocumentKind


@dataclass(frozen=True)
class Request:
    """One document asked for: the case, the kind, and whom it is written for."""

    case: Case
    kind: DocumentKind
    agency: str | None = None
    """The agency, for a kind written per agency."""
    to: str | None = None
    """The addressee, for a kind written to each person."""
    anonymised: bool = False
    """Whether the case has been anonymised for this document."""
    on: dt.date | None = None
    """The day a document's status is given at (the timetable's); today when None."""
    enclosed_in: str | None = None
    """The letter (its kind's id) the document is enclosed with, as it stood on the letter's date."""


Build = Callable[[Request], Mapping[str, Any]]
"""What a builder adds to the template's context."""
Check = Callable[[Request], list[str]]
"""What the case must give before the document can be written, each naming the field (empty: nothing)."""


@dataclass(frozen=True)
class Builder:
    """A named context builder and its check."""

    name: str
    build: Build
    check: Check | None = None


class Registry:
    """Context builders by name, in the order they were registered."""

    def __init__(self) -> None:
        self._builders: dict[str, Builder] = {}

    def register(self, name: str, *, check: Check | None = None) -> Callable[[Build], Build]:
        """Register the decorated function as the builder `name` (a name is registered once)."""

        def add(build: Build) -> Build:
            if name in self._builders:
                raise ValueError(f"a context builder named '{name}' is registered already")
            self._builders[name] = Builder(name, build, check)
            return build

        return add

    def unregister(self, name: str) -> Builder:
        """Remove a builder (for tests and plug-ins that register one for a while)."""
        return self._builders.pop(name)

    def names(self) -> list[str]:
        """Every registered name."""
        return list(self._builders)

    def unknown(self, names: Iterable[str]) -> list[str]:
        """The names no builder is registered under."""
        return [name for name in names if name not in self._builders]

    def context(self, request: Request) -> dict[str, Any]:
        """What the kind's builders add to its template's context, in the order the kind names them."""
        context: dict[str, Any] = {}
        for builder in self._of(request.kind):
            context.update(builder.build(request))
        return context

    def problems(self, request: Request) -> list[str]:
        """What the case must give before the document can be written, from every builder's check."""
        return [problem for builder in self._of(request.kind) if builder.check for problem in builder.check(request)]

    def _of(self, kind: DocumentKind) -> list[Builder]:
        if unknown := self.unknown(kind.builders):
            raise NotSupportedError(
                f"{kind.id} names context builders docgen does not have: {', '.join(unknown)}"
                f" (they are: {', '.join(self._builders)})"
            )
        return [self._builders[name] for name in kind.builders]


BUILDERS = Registry()
"""The registry every document is built from."""
register = BUILDERS.register

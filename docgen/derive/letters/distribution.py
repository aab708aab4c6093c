"""Who receives a letter: its kind's distribution names groups of recipients, part by part (To, Copies, For
information …); each group is a function of the case registered here by name. Each person appears once, in the
first part that names them, never the signatory or the addressee; the case's further recipients go among the
copies."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ...model import Case, Contact
from ...model.correspondence import AgencyContactRef, BoardOfficerRef, Recipient, resolve
from ...model.kinds import DocumentKind, lookup
from .addressing import contact_line, identity


@dataclass(frozen=True)
class DistributionList:
    """One part of a letter's distribution: its heading and one line per recipient."""

    heading: str
    lines: tuple[str, ...]


_Entry = tuple[str, str]  # (identity, line)
Group = Callable[[Case, DocumentKind], list[_Entry]]
"""A group of recipients a distribution names: (identity, line) for each."""


def distribution(
    case: Case, kind: DocumentKind, left_out: list[str], also: Sequence[_Entry] = ()
) -> list[DistributionList]:
    """Who receives a letter of the kind, part by part, as its distribution names them, with those `also` copied
    (a young addressee's carer); never those left out (the signatory, the addressee)."""
    assert kind.letter is not None
    parts = [
        (part.heading, [entry for group in part.groups for entry in GROUPS[group](case, kind)])
        for part in kind.letter.distribution
    ]
    return distribution_of(case, parts, lookup(case, kind.record), left_out, kind.lay_reader, also)


def distribution_of(
    case: Case,
    sections: list[tuple[str, list[_Entry]]],
    letter: Any,
    left_out: list[str],
    lay_reader: bool = False,
    also: Sequence[_Entry] = (),
) -> list[DistributionList]:
    """The sections of a letter's distribution with those `also` copied and the letter's further recipients among
    the copies; each person once, in the first section that names them, never those left out (the signatory, the
    addressee)."""
    copies = next((i for i, (heading, _) in enumerate(sections) if heading.startswith("Cop")), None)
    extras = [*also, *(_recipient(case, r) for r in letter.distribution)]
    if copies is None:
        sections.append(("Copy to" if lay_reader else "Copies", extras))
    else:
        sections[copies] = (sections[copies][0], [*sections[copies][1], *extras])
    seen = {identity(name) for name in left_out}
    out = []
    for heading, entries in sections:
        lines = []
        for key, line in entries:
            if key not in seen:
                seen.add(key)
                lines.append(line)
        if lines:
            out.append(DistributionList(heading, tuple(lines)))
    return out


def person_entry(contact: Contact | None, organisation: str | None = None) -> _Entry:
    assert contact is not None
    return identity(contact.name), contact_line(contact, organisation)


def text_entry(text: str) -> _Entry:
    return f"text:{text}", text


def _recipient(case: Case, recipient: Recipient) -> _Entry:
    if isinstance(recipient, str):
        return text_entry(recipient)
    contact = resolve(case, recipient)
    if isinstance(recipient, AgencyContactRef):
        return person_entry(contact, case.agency(recipient.agency).name)
    return person_entry(contact, case.board.name if isinstance(recipient, BoardOfficerRef) else None)


def body_copy(case: Case, key: str, on: dt.date) -> _Entry | None:
    """A copy to the body the framework names by `key`, as a letter dated `on` lists it: the board's own body in
    its place (a person there, else its address), else the framework's while it exists (its unit and address);
    None for a body abolished by then that the board names no successor for."""
    local = case.board.bodies.get(key)
    if local is not None:
        if local.contact is not None:
            return person_entry(local.contact, local.name)
        return text_entry(", ".join(filter(None, (local.name, local.address.one_line() if local.address else None))))
    body = case.framework.bodies[key]
    if not body.exists_on(on):
        return None
    address = body.address.one_line() if body.address else None
    return text_entry(", ".join(filter(None, (body.name, body.unit, address))))


def _body_copies(case: Case, kind: DocumentKind, told: list[str]) -> list[_Entry]:
    """The national bodies the framework copies a kind to, among those `told` (keys of its bodies), each as it
    existed on the letter's date."""
    on = lookup(case, kind.record).date
    keys = [key for key in case.framework.copies.get(kind.id, []) if key in told]
    return [entry for key in keys if (entry := body_copy(case, key, on)) is not None]


def _reported(case: Case) -> list[str]:
    """The bodies the review is reported to: none for a Lessons Learned Review (seed 1.4.1)."""
    rules = case.framework.review_types.get(case.review.type)
    return rules.reported_to if rules else []


def _commissioned(case: Case) -> list[Any]:
    return [a for a in case.agencies if a.imr_required]


def _authors(case: Case, kind: DocumentKind) -> list[_Entry]:
    return [person_entry(a.imr_author, a.name) for a in _commissioned(case) if a.imr_author]


def _overview_author(case: Case, kind: DocumentKind) -> list[_Entry]:
    return [person_entry(case.review.overview_author)] if case.review.overview_author else []


def _practitioners(case: Case, kind: DocumentKind) -> list[_Entry]:
    return [
        (identity(p.full_name), ", ".join(filter(None, (p.full_name, p.role, case.agency(p.agency).name))))
        for p in case.professionals
        if p.debriefing
    ]


GROUPS: dict[str, Group] = {
    "agency-chiefs": lambda case, kind: [person_entry(a.chief_officer, a.name) for a in case.agencies],
    "partner-chiefs": lambda case, kind: [text_entry(f"Chief officers of the {case.board.name} partner organisations")],
    "bodies-told-of-decisions": lambda case, kind: _body_copies(case, kind, case.framework.decisions_reported_to),
    "bodies-told-of-the-review": lambda case, kind: _body_copies(case, kind, _reported(case)),
    "commissioned-chiefs": lambda case, kind: [person_entry(a.chief_officer, a.name) for a in _commissioned(case)],
    "commissioned-board-members": lambda case, kind: [
        person_entry(a.board_member, a.name) for a in _commissioned(case) if a.board_member
    ],
    "panel": lambda case, kind: [(identity(m.name), ", ".join((m.name, m.post, m.agency))) for m in case.review.panel],
    "panel-members": lambda case, kind: [text_entry(f"Members of the {case.board.panel_name}")],
    "imr-authors": _authors,
    "agency-review-authors": lambda case, kind: (
        [text_entry(f"The authors of the {case.framework.wording.agency_review}s")] if _authors(case, kind) else []
    ),
    "overview-author": _overview_author,
    "debriefing-practitioners": _practitioners,
}
"""Every group of recipients a distribution may name."""

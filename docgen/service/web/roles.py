"""What each role may do, in one place: the pages (actions) a role may use, the parts of a case it may edit and
the documents it may see. Every route asks here before it does anything, and answers 403 when refused.
"""

from __future__ import annotations

import enum
from typing import Any

from ...model import Case
from ...model.kinds import DocumentKind, Per
from ...rules.support import Planned, kind_of
from .accounts import Account, Role

ADMINISTRATOR, CHAIR, AUTHOR, AGENCY_AUTHOR = Role.ADMINISTRATOR, Role.CHAIR, Role.AUTHOR, Role.AGENCY_AUTHOR


class Action(enum.StrEnum):
    """Everything a page lets a person do."""

    READ_CASE = "read the case"
    EDIT = "edit the case"
    DOCUMENTS = "see the documents"
    RENDER = "render the pack"
    TIMETABLE = "see the timetable"
    RETURNS = "send the agency's chronology"
    ACCEPT_RETURN = "accept an agency's chronology"
    APPROVALS = "see the approvals"
    APPROVE = "record an approval"
    AUDIT = "read the audit log"
    PEOPLE = "manage people"
    ACCOUNT = "change their own password"
    CALENDAR = "make a calendar link to their cases' deadlines"


ALLOWED: dict[Action, frozenset[Role]] = {
    Action.READ_CASE: frozenset(Role),
    Action.EDIT: frozenset(Role),  # each role its own parts (editable_parts)
    Action.DOCUMENTS: frozenset(Role),  # an agency author their agency's documents only (may_see_document)
    Action.RENDER: frozenset({ADMINISTRATOR, CHAIR, AUTHOR}),
    Action.TIMETABLE: frozenset({ADMINISTRATOR, CHAIR, AUTHOR}),
    Action.RETURNS: frozenset({ADMINISTRATOR, AGENCY_AUTHOR}),
    Action.ACCEPT_RETURN: frozenset({ADMINISTRATOR}),
    Action.APPROVALS: frozenset({ADMINISTRATOR, CHAIR}),
    Action.APPROVE: frozenset({CHAIR}),
    Action.AUDIT: frozenset({ADMINISTRATOR}),
    Action.PEOPLE: frozenset({ADMINISTRATOR}),
    Action.ACCOUNT: frozenset(Role),
    Action.CALENDAR: frozenset({ADMINISTRATOR, CHAIR, AUTHOR}),
}
"""The roles that may take each action (in the cases they are named in)."""

NOT_EDITED = ("board", "framework")
"""Top-level keys the workbench does not edit: the profiles a case names."""
CHAIR_PARTS = ("decision",)
"""The chair records the review's decisions."""


def may(person: Account, action: Action, reference: str | None = None) -> bool:
    """Whether `person` may take `action` (in the case with this review reference)."""
    return person.role in ALLOWED[action] and (reference is None or person.sees(reference))


def editable_parts(person: Account, case: Case, schema: dict[str, Any], present: list[str]) -> list[tuple[str, ...]]:
    """The parts of the case `person` may edit: an administrator every top-level part the file has or its
    framework's documents name (those the file has first), a chair the decisions, an author the reports the
    framework names, an agency author their agency's IMR."""
    if not person.sees(case.review.reference):
        return []
    named = {
        path.split(".")[0]
        for kind in framework_kinds(case)
        for path in (*kind.needs, *kind.reads, kind.record, kind.each)
    }
    subject = "child" if "child" in present else "subject"  # the file's own name for the subject, never both
    offered = [k for k in schema["properties"] if k in named and k not in ("child", "subject")] + [subject]
    keys = [k for k in dict.fromkeys([*present, *offered]) if k in schema["properties"] and k not in NOT_EDITED]
    if person.role is ADMINISTRATOR:
        parts = [(key,) for key in keys]
        return parts + [("imrs", agency) for agency in _imr_agencies(case)]
    if person.role is CHAIR:
        return [(key,) for key in CHAIR_PARTS if key in keys]
    reports = framework_kinds(case)
    if person.role is AUTHOR:
        records = [tuple(k.record.split(".")) for k in reports if k.is_report and k.record and k.per is None]
        return list(dict.fromkeys(r[:1] for r in records if r[0] in keys))
    if person.agency and any(k.is_report and k.per is Per.AGENCY and k.record == "imrs" for k in reports):
        return [("imrs", person.agency)]
    return []


def may_see_document(person: Account, case: Case, planned: Planned) -> bool:
    """Whether `person` may see a document of the case: any of the cases they are named in, an agency author only
    the documents written for their agency (its IMR, its author's brief, its people's interview records)."""
    if not person.sees(case.review.reference):
        return False
    if person.role is not AGENCY_AUTHOR:
        return True
    return owning_agency(case, planned) == person.agency


def owning_agency(case: Case, planned: Planned) -> str | None:
    """The agency a document is written for or about: its agency, or the agency of the professional an interview
    record is of."""
    if planned.agency:
        return planned.agency
    interview = next((i for i in case.interviews if planned.to and i.id == planned.to), None)
    return case.professional(interview.professional).agency if interview else None


def framework_kinds(case: Case) -> list[DocumentKind]:
    """The kinds of documents of the case's framework."""
    return [kind_of(k, case.framework) for k in case.framework.kinds]


def _imr_agencies(case: Case) -> list[str]:
    return [a.id for a in case.agencies if a.id in (case.imrs or {})]

"""The context every master template receives: the case, and the tables derived from it."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

from .. import derive
from ..columns import TIMETABLE
from ..derive import letters, ofsted
from ..kinds import DocumentKind, Shell
from ..model import CHILD, Case, options
from ..passes.draft import Draft
from .frame import text_size
from .reports import report_context

OPTIONS: dict[str, list[Enum]] = {
    name: list(value)
    for name, value in vars(options).items()
    if isinstance(value, type) and issubclass(value, options.Option) and value is not options.Option
}
"""Every tick-box list, so forms can print each box, ticked or not."""


def build_context(
    case: Case,
    kind: DocumentKind,
    agency: str | None,
    to: str | None,
    draft: Draft | None,
    anonymised: bool,
    *,
    on: dt.date | None = None,
) -> dict[str, Any]:
    """Everything a template may use; names resolve to labels when the case has been anonymised.

    `on` is the day a timetable's status is given at (today when None)."""
    context: dict[str, Any] = {
        "case": case,
        "board": case.board,
        "review": case.review,
        "child": case.child,
        "family": case.family,
        "agencies": case.agencies,
        "professionals": case.professionals,
        "victims": case.victims,
        "referral": case.referral,
        "screening": case.screening,
        "decision": case.decision,
        "incident": case.incident,
        "ofsted": case.ofsted,
        "correspondence": case.correspondence,
        "kind": kind,
        "title": kind.title,
        "marking": kind.marking or "",
        "text_size": text_size(kind),
        "draft": draft,
        "footer_note": draft.footer if draft else "",
        "anonymised": anonymised,
        "options": OPTIONS,
        "ETHNIC_GROUPS": options.ETHNIC_GROUPS,
        "who": _who(case, anonymised),
        "person": _person(case, anonymised),
        "agency_name": lambda agency_id: case.agency(agency_id).short_name,
        "chronology": derive.sorted_chronology(case.chronology),
    }
    if kind.shell is Shell.LETTER:
        context["letter"] = letters.letter_of(case, kind.id)
        context.update(letters.letter_context(case, kind, to))
    if kind.id == "ofsted-notification":
        context.update(as_at=ofsted.as_at(case), columns=ofsted.COLUMNS)
    if to is not None:
        context["addressee"] = case.addressee(to)
    if kind.id == "timetable":
        context.update(timetable=derive.review_timetable(case, on or dt.date.today()), timetable_columns=TIMETABLE)
    context.update(report_context(case, kind, agency, draft, anonymised))
    return context


def _who(case: Case, anonymised: bool) -> Any:
    """A professional by id: 'Jane Smith, Health Visitor', or their label when anonymised."""

    def who(professional_id: str | None) -> str:
        if not professional_id:
            return ""
        pro = case.professional(professional_id)
        return pro.full_name if anonymised else f"{pro.full_name}, {pro.role}"

    return who


def _person(case: Case, anonymised: bool) -> Any:
    """The child or a family member by id: 'Kelly Carter (Mother)', or the label when anonymised."""

    def person(person_id: str) -> str:
        if person_id == CHILD:
            return case.child.full_name
        member = case.person(person_id)
        assert member is not None
        return member.full_name if anonymised else f"{member.full_name} ({member.relationship})"

    return person

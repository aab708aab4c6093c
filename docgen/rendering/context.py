"""The context every master template receives: the case, and the tables derived from it."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

from .. import derive
from ..derive.columns import renamed
from ..derive.facts import owned_reference
from ..derive.household import with_relationship
from ..derive.letters.letterheads import board_letterhead
from ..derive.registry import BUILDERS, Request
from ..model import CHILD, Case, options
from ..model.kinds import DocumentKind
from ..passes.draft import Draft
from ..rules.publication_rules import NAMED_FOR_THE_PANEL, NOT_FOR_PUBLICATION, PublicationRules
from .frame import text_size
from .report_context import FINAL_SPECS, SPECS, report_context

OPTIONS: dict[str, list[Enum]] = {
    name: list(value)
    for name, value in vars(options).items()
    if isinstance(value, type) and issubclass(value, options.Option) and value is not options.Option
}
"""Every tick-box list, so forms can print each box, ticked or not."""


def document_keys(
    kind: DocumentKind, draft: Draft | None, anonymised: bool, publication: PublicationRules | None = None
) -> dict[str, Any]:
    """What every document's context has, a case or none (a blank form): its kind, marking, type size, draft,
    and every table's column specification (`columns.chronology` …), a final's without the appendix's prompts.

    A named final that the rules would publish anonymised carries NOT FOR PUBLICATION in its marking and
    footer."""
    named_final = publication is not None and publication.not_for_publication
    return {
        "kind": kind,
        "title": kind.shown_title,
        "marking": _marking(kind, publication),
        "text_size": text_size(kind),
        "draft": draft,
        "footer_note": draft.footer if draft else NAMED_FOR_THE_PANEL if named_final else "",
        "anonymised": anonymised,
        "options": OPTIONS,
        "columns": SPECS if draft else FINAL_SPECS,
    }


def build_context(
    case: Case,
    kind: DocumentKind,
    agency: str | None,
    to: str | None,
    draft: Draft | None,
    anonymised: bool,
    *,
    on: dt.date | None = None,
    publication: PublicationRules | None = None,
    enclosed_in: str | None = None,
    day: dt.date | None = None,
) -> dict[str, Any]:
    """Everything a template may use; names resolve to labels when the case has been anonymised.

    `case` is the case as at the document's date (`day`); `on` is the day a timetable's status is given at (today
    when None); `enclosed_in` the letter the document is enclosed with, whose date it bears."""
    context: dict[str, Any] = {
        "case": case,
        "board": case.board,
        "letterhead": board_letterhead(case.board),
        "review": case.review,
        "subject": case.subject,
        "child": case.subject,  # the name a child review's templates (a board's own too) know the subject by
        "family": case.family,
        "agencies": case.agencies,
        "professionals": case.professionals,
        "victims": case.victims,
        "referral": case.referral,
        "framework": case.framework,
        "screening": case.screening,
        "decision": case.decision,
        "incident": case.incident,
        "ofsted": case.ofsted,
        "correspondence": case.correspondence,
        **document_keys(kind, draft, anonymised, publication),
        "reference": derive.reference_of(case),
        "owned_reference": owned_reference(case.board.short_name, derive.reference_of(case)),
        "ETHNIC_GROUPS": options.ETHNIC_GROUPS,
        "who": _who(case, anonymised),
        "person": _person(case, anonymised),
        "agency_name": lambda agency_id: case.agency(agency_id).short_name,
        "chronology": derive.sorted_chronology(case.chronology),
    }
    if agency is not None:
        context["agency"] = case.agency(agency)
    if case.framework.headings:
        context["columns"] = renamed(context["columns"], case.framework.headings)
    furniture = report_context(case, kind, agency, draft, anonymised)
    if furniture.get("footer_note") and context["footer_note"]:  # a named final: its version, not for publication
        furniture["footer_note"] = f"{furniture['footer_note']} · {context['footer_note']}"
    context.update(furniture)
    if enclosed_in is not None:
        context["document_date"] = day
    context.update(BUILDERS.context(Request(case, kind, agency, to, anonymised, on, enclosed_in)))
    return context


def _marking(kind: DocumentKind, publication: PublicationRules | None) -> str:
    """The protective marking: the appendix's own, NOT FOR PUBLICATION added on a named final, none on a
    public document's final (the board publishes it)."""
    if publication is not None and publication.published:
        return ""
    named_final = publication is not None and publication.not_for_publication
    return " – ".join(filter(None, (kind.marking, NOT_FOR_PUBLICATION if named_final else "")))


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
            return case.subject.full_name
        member = case.person(person_id)
        assert member is not None
        return member.full_name if anonymised else with_relationship(member)

    return person

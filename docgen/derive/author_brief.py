"""The IMR author brief (Appendix III), sent to each agency asked for an IMR with Letter 3."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..model import Agency, Body, Case
from ..model.framework import Quotation
from .registry import Request, register


@dataclass(frozen=True)
class AuthorBrief:
    """What one agency's author brief prints."""

    agency: Agency
    deadline: dt.date
    quotation: Quotation | None
    source: str
    """Where the quotation comes from: 'Working Together to Safeguard Children 2006 – Section 8.18'."""
    late_reports_to: str | None
    """The body the board explains a late report to, as the brief names it ('the Office for Standards in Education,
    Children's Services and Skills (Ofsted)'); None when the review is not reported to it."""


def author_brief(case: Case, agency_id: str) -> AuthorBrief:
    """The brief for one agency: its own deadline, else the review's."""
    agency = case.agency(agency_id)
    deadline = agency.imr_deadline or case.review.imr_deadline
    assert deadline is not None, "the kind needs review.imr_deadline"
    framework = case.framework
    quotation = framework.papers.who_conducts_imrs
    guidance = f"{framework.guidance.title} {framework.guidance.edition}"
    source = f"{guidance} – {quotation.reference}" if quotation else guidance
    body = late_reports_body(case)
    return AuthorBrief(agency, deadline, quotation, source, body_named(body) if body else None)


def body_named(body: Body) -> str:
    """A body as a sentence names it: its full name with 'the' and its short name after, else its name.

    >>> body_named(Body(name="Ofsted", full_name="Office for Standards in Education, Children's Services and Skills"))
    "the Office for Standards in Education, Children's Services and Skills (Ofsted)"
    >>> body_named(Body(name="Ofsted"))
    'Ofsted'
    """
    return f"the {body.full_name} ({body.name})" if body.full_name else body.name


def late_reports_body(case: Case) -> Body | None:
    """The body a late IMR is explained to: the framework's, when this type of review is reported to it.

    A Lessons Learned Review is reported to no national body (seed 1.4.1), so its brief names none.
    """
    key = case.framework.papers.late_reports_explained_to
    if key is None:
        return None
    body = case.framework.bodies[key]
    return body if body in case.framework.reported_to(case.review.type) else None


@register("author-brief")
def author_brief_context(request: Request) -> dict[str, Any]:
    """`brief`: the criteria for appointing one agency's IMR author."""
    return {"brief": author_brief(request.case, request.agency or "")}

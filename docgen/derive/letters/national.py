"""A review's letters to national bodies beyond a practice review's: the notice of the board's decision on a request
(a Domestic Homicide Review's, to the Home Office), and the report sent to the body that quality assures it, copied
to the bodies the review is reported to. Who receives them and every sentence that depends on the case are decided
here; the templates print them."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ...model import Case
from ...model.correspondence import BoardOfficer
from ...text.dates import long_date
from ..deadlines import deadline_recorded_by
from ..local_review import COMPLETED
from ..registry import Request, register
from ..review_forms import decision_view, request_view
from .distribution import person_entry, text_entry
from .partnership import bodies_letter, body_line, letter_parts


def decision_sentences(case: Case, signer: str) -> list[str]:
    """What the notice of the decision says: the request, the decision (in the first person when the one who signs
    the letter decided), and when the review is to be completed."""
    request, decision = case.request, decision_view(case)
    assert request is not None, "the notice needs the case's request"
    assert case.consideration is not None and case.consideration.decision is not None, "the notice needs a decision"
    record, person = case.consideration.decision, case.subject
    died = f" of the death of {person.full_name}" if request.died else f" about {person.full_name}"
    decided = decision.decided
    if record.decided_by.startswith(signer):
        decided = f"On {long_date(record.date)} I decided {case.framework.decision_options[record.outcome].decided}."
    sentences = [
        f"On {long_date(request.date)} the {case.board.name} received a {case.framework.wording.request}{died},"
        f" from {request_view(case).referred_by}.",
        decided,
    ]
    due = deadline_recorded_by(case, COMPLETED)
    if due is not None and record.holds_review(case.framework):
        sentences.append(f"We expect the review to be completed by {long_date(due)}.")
    return sentences


@register("decision-notice")
def decision_notice(request: Request) -> dict[str, Any]:
    """The letter telling the bodies told of every decision what the board decided, signed by its chair."""
    case, kind = request.case, request.kind
    bodies = [case.framework.bodies[key] for key in case.framework.decisions_reported_to]
    parts = bodies_letter(case, kind, bodies)
    return {**parts, "said": decision_sentences(case, parts["signature"].name)}


def submission_sentences(case: Case) -> list[str]:
    """What the letter sending the report for quality assurance says: the review, the name the report gives the
    person, when the board agreed it, and the bodies sent a copy and why."""
    person, review = case.subject, case.local_review
    assert review is not None, "the letter needs the review"
    called = f", whom the report calls {person.anonymous_name}" if person.anonymous_name else ""
    sentences = [
        f"I enclose the report of the {case.review.type} into the death of {person.full_name}{called}, with the"
        " papers listed below."
    ]
    letter = case.correspondence.assurance_submission
    agreed = review.approval.approved_on
    if agreed is not None and letter is not None and agreed <= letter.date:
        sentences.append(f"The {case.board.name} agreed the report on {long_date(review.approval.approved_on)}.")
    copied = case.framework.reported_to(case.review.type)
    if copied:
        because = case.framework.wording.reported_because
        names = " and the ".join(body.name for body in copied)
        sentences.append(f"A copy goes to the {names}{f', {because}' if because else ''}.")
    return sentences


@register("assurance-submission")
def assurance_submission(request: Request) -> dict[str, Any]:
    """The letter sending the report to the body that quality assures it, copied to the bodies the review is
    reported to, signed by the board's chair."""
    case, kind = request.case, request.kind
    key = case.framework.assurance
    assert key is not None, "the letter goes to the framework's quality assurance body"
    body = case.framework.bodies[key]
    copied = [text_entry(body_line(other)) for other in case.framework.reported_to(case.review.type)]
    partners = [person_entry(p.signatory, p.name) for p in case.board.partners]
    to = Markup(body_line(body))
    parts = letter_parts(case, kind, BoardOfficer.CHAIR, to, [("Copies", [*copied, *partners])], [])
    return {**parts, "said": submission_sentences(case), "body": body}

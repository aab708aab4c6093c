"""The local review as its report, the partnership's response, the statement of improvements and the letter before
publication print it: the improvements numbered, the criteria the case met, the child's agreed name, the clocks."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from ..model import CHILD, Case, FamilyMember
from ..model.framework import Criteria
from ..model.kinds import Audience
from ..model.options import Gender
from ..model.practice_review import LocalReview, Publication
from ..model.publication import DatePrecision
from ..passes.generalise import generalise_dates
from ..text.dates import long_date, under_age
from .action_plan import Numbered, number_recommendations
from .deadlines import deadline_recorded_by, step_recorded_by
from .letters.addressing import plain_list
from .rapid_review import criteria_tables
from .registry import Request, register

PRE_PUBLICATION = "correspondence.pre_publication.date"
"""The field recording the day the final report went to the national bodies; the framework times it."""
COMPLETED = "local_review.completed_on"
"""The field recording the day the review was completed; the framework times it."""


@dataclass(frozen=True)
class LocalReviewView:
    """Everything the local review's documents print beyond the case's own fields."""

    record: LocalReview
    improvements: list[Numbered]
    """The improvements recommended, numbered (1, 2, 2a …) with their action-plan rows."""
    criteria_met: list[tuple[str, list[str]]]
    """For each list of criteria the case met, the sentence that introduces it (the partners held the review under
    it; or, when another body decides, that it is the partners' view) and the criteria met."""
    decided: str
    """When the safeguarding partners decided to hold the review, as a sentence; empty while they have not."""
    period: str
    """The period the review considered, as a sentence."""
    pseudonym: str
    """Why the child is called by another name, as the report says it; empty when no name was agreed."""
    due: dt.date | None
    """The day the review should be completed (the framework's timetable)."""
    responders: str
    """Whose response to the review it is, as its heading says it: 'The safeguarding partners\'' or 'The
    Safeguarding Adults Board's'."""


def local_review_view(case: Case, public: bool = False) -> LocalReviewView:
    """The local review of the case (anonymised or not), as its documents print it; in a public document its
    dates as exact as the board profile allows (`public_dates`)."""
    local = case.local_review
    assert local is not None, "the local review's documents need the case's local review"
    decision = case.rapid_review.decision if case.rapid_review else None
    precision = case.board.public_dates if public else DatePrecision.EXACT
    decided = f"The safeguarding partners decided to hold the review on {long_date(decision.date)}." if decision else ""
    period = f"The review considered the period from {long_date(case.review.period_start)} to"
    period += f" {long_date(case.review.period_end)}."
    return LocalReviewView(
        record=local,
        improvements=number_recommendations(local.recommendations),
        criteria_met=[
            (
                _introduced(table.criteria),
                as_own_list([f"({row.letter}) {row.text}" for row in table.rows if row.letter in table.met]),
            )
            for table in criteria_tables(case)
            if table.met
        ],
        decided=generalise_dates(decided, precision),
        period=generalise_dates(period, precision),
        pseudonym=pseudonym_sentence(report_names(case), case.subject.gender, local.pseudonym_agreed_with),
        due=deadline_recorded_by(case, COMPLETED),
        responders=possessive(case.framework.wording.approver or f"the {case.board.name}"),
    )


def possessive(owner: str) -> str:
    """An owner's possessive at the start of a heading.

    >>> possessive("the safeguarding partners"), possessive("the Safeguarding Adults Board")
    ("The safeguarding partners'", "The Safeguarding Adults Board's")
    """
    owner = owner[:1].upper() + owner[1:]
    return f"{owner}'" if owner.endswith("s") else f"{owner}'s"


def as_own_list(items: list[str]) -> list[str]:
    """Items of a list taken from a longer one, punctuated as a list of their own: each ends with a semicolon, the
    last with a full stop.

    >>> as_own_list(["(a) improvements needed;", "(c) recurrent themes."])
    ['(a) improvements needed;', '(c) recurrent themes.']
    >>> as_own_list(["(a) improvements needed;", "(b) two or more agencies;"])
    ['(a) improvements needed;', '(b) two or more agencies.']
    >>> as_own_list(["(a) a person to whom he was related, or"])
    ['(a) a person to whom he was related.']
    """
    ends = [";"] * (len(items) - 1) + ["."]
    return [_LINKED.sub("", item).rstrip(" ;.,") + end for item, end in zip(items, ends, strict=True)]


_LINKED = re.compile(r"[,;]?\s+(?:or|and)\s*$")
"""The word that links an item to the next in its own list ('…, or'), which a list of its own leaves out."""


def _introduced(criteria: Criteria) -> str:
    """The sentence before a list of criteria the rapid review found the case met."""
    title = criteria.title[:1].lower() + criteria.title[1:]
    if criteria.decided_by:
        return (
            f"In the safeguarding partners' view the case also met these {title}, a review on which"
            f" {criteria.decided_by} decides:"
        )
    return (
        f"The review was held under {criteria.source}; after their rapid review, the safeguarding partners found that"
        f" the case met these {title}:"
    )


def notified_with_the_child(case: Case) -> list[FamilyMember]:
    """The other children notified with the subject child (family members), in the notification's order."""
    notified = case.notification.children if case.notification else []
    return [member for c in notified if c.person != CHILD and (member := case.person(c.person)) is not None]


def _a_child(member: FamilyMember, day: dt.date) -> bool:
    """Under 18 on the case's day (a family member without a date of birth counts as one: the case named them)."""
    return member.date_of_birth is None or under_age(member.date_of_birth, day)


def report_names(case: Case) -> list[str]:
    """The names the public report gives the children, the subject child's first: the anonymous names of the
    child and of each child of the family the case names for the report (notified or not)."""
    named = [m.anonymous_name for m in notified_with_the_child(case)]
    named += [m.anonymous_name for m in case.family if m.anonymous_name and _a_child(m, case.ages_at)]
    return [name for name in dict.fromkeys([case.subject.anonymous_name, *named]) if name]


def unnamed_notified_children(request: Request) -> list[str]:
    """Each child notified with the subject child to whom the case gives no name for the public report."""
    notified = {member.id for member in notified_with_the_child(request.case)}
    return [
        f"family[{i}].anonymous_name: {member.id} is notified with the child; give the name the public report calls"
        " them"
        for i, member in enumerate(request.case.family)
        if member.id in notified and not member.anonymous_name
    ]


def pseudonym_sentence(names: list[str], gender: Gender | None, agreed_with: str | None) -> str:
    """What the report says of the names it gives the children.

    >>> pseudonym_sentence(["Teddy"], Gender.MALE, "his mother and grandmother")
    'Teddy is not his real name: it is the name agreed with his mother and grandmother for this report.'
    >>> pseudonym_sentence(["Poppy", "Alfie"], Gender.FEMALE, "their grandmother")
    'Poppy and Alfie are not their real names: they are the names agreed with their grandmother for this report.'
    >>> pseudonym_sentence(["Teddy"], Gender.MALE, None)
    ''
    """
    if not agreed_with or not names:
        return ""
    if len(names) > 1:
        return (
            f"{plain_list(names)} are not their real names: they are the names agreed with {agreed_with} for this"
            " report."
        )
    possessive = gender.possessive if gender else "the child's"
    return f"{names[0]} is not {possessive} real name: it is the name agreed with {agreed_with} for this report."


@dataclass(frozen=True)
class PublicationPlan:
    """When the review is published, what is sent to national bodies before, and by when."""

    record: Publication
    send_by: dt.date | None
    """The last day the final report may go to the national bodies (the framework's timetable)."""
    sentence: str
    """What is published, when and where, as the letter says it."""
    names: str
    """The names the report gives the children, as a sentence; empty when it gives none."""
    enclosed: str
    """What the letter encloses and when it is sent, as a sentence."""


def publication_plan(case: Case) -> PublicationPlan:
    """The case's publication as the letter before it states it: the report is published, or the statement of
    improvements instead; the final report goes to the national bodies either way, with the statement when it is
    the statement that is published."""
    publication = case.publication
    assert publication is not None and publication.date is not None, "the letter needs the publication date"
    where = f" on {publication.where}" if publication.where else ""
    partners = f"The safeguarding partners of the {case.board.name}"
    on = long_date(publication.date)
    if publication.published:
        sentence = f"{partners} will publish the report of the review on {on}{where}."
        enclosed = "the final report"
    else:
        sentence = (
            f"{partners} have decided not to publish the report of the review. They will publish a statement of the"
            f" improvements to be made on {on}{where} instead."
        )
        enclosed = "the final report and the statement of improvements"
    step = step_recorded_by(case, PRE_PUBLICATION)
    timescale = step.timescale[:1].lower() + step.timescale[1:] if step else "before publication"
    by = f" (by {long_date(step.deadline)})" if step and step.deadline else ""
    names = report_names(case)
    called = (
        f"The report calls {'the children' if len(names) > 1 else 'the child'} {plain_list(names)}." if names else ""
    )
    return PublicationPlan(
        publication,
        step.deadline if step else None,
        sentence,
        called,
        f"I enclose {enclosed}, which we send you {timescale}{by}.",
    )


@register("local-review", check=unnamed_notified_children)
def local_review_context(request: Request) -> dict[str, Any]:
    """`local`: the local review's findings, improvements (numbered) and the action plan; generalised for a public
    document."""
    return {"local": local_review_view(request.case, public=request.kind.audience is Audience.PUBLIC)}

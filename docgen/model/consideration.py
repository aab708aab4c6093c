"""A board's consideration of a case for review: the request that it consider one (a referral, a notification), and
the decision it reaches against its framework's criteria (a Safeguarding Adults Review's, a domestic homicide's)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from .common import Contact, Identifier, Markdown, Meeting, Model, Text
from .common import unknown as _unknown
from .kinds import lookup
from .options import YesNo


class ReviewRequest(Model):
    """A request that the board consider holding a review: a referral for a Safeguarding Adults Review, or a
    notification from the police of a death through domestic abuse."""

    date: dt.date
    """The day the board received it."""
    referrer: Contact
    """Who made it: name, post, telephone and e-mail address."""
    agency: Identifier | None = None
    """The agency (its id) that made it; empty when it came from elsewhere (a family member, say)."""
    source: Text | None = None
    """Who made it, when not an agency, as the report names the source, e.g. 'the adult's daughter'."""
    died: bool
    """Whether the person has died (else they experienced serious abuse or neglect, or another concern, and live)."""
    abuse_or_neglect: list[Text] = []
    """The kinds of abuse or neglect known or suspected, e.g. 'Self-neglect', 'Neglect and acts of omission'."""
    concern: Markdown
    """What happened, and what is known or suspected of the abuse or neglect."""
    joint_working: Markdown | None = None
    """The concerns about how the agencies worked together to safeguard the person."""
    in_area: bool = True
    """Whether it happened in the board's area (or the person lived there)."""
    protected_characteristics: Markdown | None = None
    """What is known of the person's protected characteristics (Equality Act 2010): age, disability, race, religion,
    sex, sexual orientation and the rest, and how they may matter."""
    delay: Markdown | None = None
    """Why the request came later than the events would suggest, where it did."""
    acknowledged_on: dt.date | None = None
    """The day the board acknowledged it."""


class CriterionAnswer(Model):
    """A criterion considered: whether the case meets it, and why."""

    met: YesNo
    """'Yes' when the case meets (or may meet) what the criterion says, 'No' otherwise."""
    reasons: Markdown
    """The reasons."""


class Decided(Model):
    """A decision on whether to hold a review: the day, the outcome (one of the framework's decision options) and
    the reasons."""

    date: dt.date
    """The day it was decided."""
    outcome: Text
    """One of the framework's `decision_options`, e.g. 'A mandatory Safeguarding Adults Review'."""
    rationale: Markdown
    """The reasons for the decision."""

    def holds_review(self, framework: Any) -> bool:
        """Whether the outcome holds a review, as the framework's decision options say."""
        option = framework.decision_options.get(self.outcome)
        return option is not None and option.holds is not None


class BoardDecision(Decided):
    """The board's decision on a request, by the person its procedure names (the board's independent chair)."""

    decided_by: Text
    """Who decided, e.g. 'Independent Chair, Wyvern Safeguarding Adults Board' (the board's officer by default)."""
    approach: Markdown | None = None
    """The kind of review decided on and why: a learning review with a practitioners' event, say."""
    told_on: dt.date | None = None
    """The day the person who made the request, and the agencies, were told of the decision."""


class Consideration(Model):
    """How the board considered a request: the group that met on it and what it recommended, each of the
    framework's criteria considered, and the decision."""

    meeting: Meeting | None = None
    """The meeting of the group that considered it (the board's review subgroup)."""
    group: Text | None = None
    """The group, e.g. 'Safeguarding Adults Review subgroup'."""
    recommendation: Text | None = None
    """What the group recommended: one of the framework's `decision_options`."""
    criteria: dict[Identifier, dict[Identifier, CriterionAnswer]] = {}
    """Each of the framework's criteria considered, by list and letter: `{mandatory: {a: {met: Yes, reasons: …}}}`."""
    decision: BoardDecision | None = None
    """The decision and its reasons."""


def decision_problems(case: Any) -> Iterable[str]:
    """What in a case's decision on a review its framework does not offer: criteria answered that it does not have,
    an outcome (or a recommendation) that is not one of its decision options, or one that holds another type of
    review than the case's."""
    framework = case.framework
    where = framework.criteria_answers
    for key, answers in (lookup(case, where) or {}).items() if where else ():
        criteria = framework.criteria.get(key)
        if criteria is None:
            yield from _unknown(f"{where}.{key}", key, set(framework.criteria), "criteria list")
            continue
        for letter in answers:
            yield from _unknown(f"{where}.{key}.{letter}", letter, set(criteria.items), "criterion")
    decided = lookup(case, framework.decision)
    if isinstance(decided, Decided):
        yield from _outcome_problems(case, f"{framework.decision}.outcome", decided.outcome)
    if case.consideration and case.consideration.recommendation:
        yield from _outcome_problems(case, "consideration.recommendation", case.consideration.recommendation)


def _outcome_problems(case: Any, where: str, outcome: str) -> Iterable[str]:
    options = case.framework.decision_options
    if outcome not in options:
        known = "; ".join(options) or "none"
        yield f"{where}: not one of the framework's decision options ({known})"
    elif (holds := options[outcome].holds) is not None and holds != case.review.type:
        yield f"review.type: the review is a {case.review.type} but the decision holds a {holds}"

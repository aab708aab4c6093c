"""A review's report quality assured by a national body before it may be published (a Domestic Homicide Review's,
by the Home Office's panel): when it was sent, the body's feedback point by point, how each point was answered, and
the day the body agreed the report may be published."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from .common import Markdown, Model


class FeedbackPoint(Model):
    """One point of the body's feedback, and how the review answered it."""

    point: Markdown
    """What the body asked for, as its letter says it."""
    response: Markdown | None = None
    """How the review answered it: what was changed in the report, or why nothing was; empty while unanswered."""
    answered_on: dt.date | None = None
    """The day the answer was sent to the body."""

    @property
    def answered(self) -> bool:
        """Whether the point has its answer, and the day it was sent."""
        return self.response is not None and self.answered_on is not None


class QualityAssurance(Model):
    """The report's quality assurance by the framework's body (`framework.assurance`)."""

    submitted_on: dt.date
    """The day the report, its executive summary and action plan were sent to the body."""
    feedback_on: dt.date | None = None
    """The date of the body's feedback letter; empty while it is awaited."""
    points: list[FeedbackPoint] = []
    """The points of its feedback, in its order, each with its answer once given."""
    cleared_on: dt.date | None = None
    """The day the body agreed the report may be published; empty until it has."""

    @property
    def last_changed(self) -> dt.date:
        """The latest day the record gives: the day of its last step (the log is dated by it)."""
        answers = [point.answered_on for point in self.points if point.answered_on is not None]
        steps = [self.submitted_on, self.feedback_on, self.cleared_on, *answers]
        return max(day for day in steps if day is not None)

    @property
    def unanswered(self) -> list[int]:
        """The positions of the points still without an answer."""
        return [i for i, point in enumerate(self.points) if not point.answered]


def assurance_problems(case: Any) -> Iterator[str]:
    """What stops the case's report being published, or its assurance record being believed: a publication date
    before the body has cleared the report or while a point of its feedback is unanswered; dates out of order."""
    assurance, publication = case.assurance, case.publication
    if assurance is not None:
        yield from _order_problems(assurance)
    body_key = case.framework.assurance
    if body_key is None or publication is None or publication.date is None:
        return
    body = case.framework.bodies[body_key].name
    if assurance is None:
        yield (
            f"publication.date: the report may be published only once the {body} has quality assured it; give the"
            " assurance record (submitted_on, the points of its feedback with their answers, and cleared_on)"
        )
        return
    for i in assurance.unanswered:
        yield (
            f"assurance.points[{i}]: the {body}'s point has no answer (response and answered_on); the report may not"
            " be published while any point is unanswered"
        )
    if assurance.cleared_on is None:
        yield (
            f"publication.date: the report may be published only once the {body} has agreed it may; give"
            " assurance.cleared_on"
        )
    elif publication.date < assurance.cleared_on:
        yield f"publication.date: it is before assurance.cleared_on, the day the {body} agreed to publication"


def _order_problems(assurance: QualityAssurance) -> Iterator[str]:
    """Dates of the assurance record that come before what they answer."""
    if assurance.feedback_on is not None and assurance.feedback_on < assurance.submitted_on:
        yield "assurance.feedback_on: the feedback is dated before the report was submitted (submitted_on)"
    for i, point in enumerate(assurance.points):
        if point.answered_on is not None and assurance.feedback_on and point.answered_on < assurance.feedback_on:
            yield f"assurance.points[{i}].answered_on: the answer is dated before the feedback (feedback_on)"
    answers = [point.answered_on for point in assurance.points if point.answered_on is not None]
    if assurance.cleared_on is not None and answers and assurance.cleared_on < max(answers):
        yield "assurance.cleared_on: the report was cleared before the last of the answers to its feedback was sent"
    if assurance.points and assurance.feedback_on is None:
        yield "assurance.feedback_on: the record gives the feedback's points; give the date of the feedback letter"

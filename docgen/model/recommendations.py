"""Recommendations and the action plan (section 2.4.10–2.4.14)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import Field, model_validator

from .common import Identifier, Markdown, Model, Text
from .options import TrafficLight


class SignOff(Model):
    """Signing off an action (2.4.14): whether it has been taken and completed, when and by whom."""

    completed: bool = False
    """Whether the action has been taken and completed."""
    date: dt.date | None = None
    """When it was signed off as completed."""
    by: Text | None = None
    """Who signed it off, e.g. 'QACR Subgroup' or a named officer."""


class Progress(Model):
    """Progress on an action as reported on a day (2.4.14): what had been achieved, and the traffic light then."""

    date: dt.date
    """The day the progress was reported: a document prints the progress reported by its own date."""
    achieved: Text | None = None
    """What had been achieved by then."""
    assessment: TrafficLight | None = None
    """ASSESSMENT: how the agency was meeting the recommendation (traffic light)."""
    assessment_note: Text | None = None
    """Words beside the traffic light."""


_UNDATED = ("achieved", "assessment", "assessment_note")
"""Progress fields that are given in `progress`, with the day they were reported."""


class Smart(Model):
    """The action-plan columns of section 2.4.14 that make a recommendation SMART and track it."""

    addressee: Text | None = None
    """The one person with authority to see the work done, to whom it is addressed (2.4.12)."""
    agreed_at_level: Text | None = None
    """Confirmation of the level in the agency at which the recommendation was agreed."""
    action: Text | None = None
    """ACTION: what are we going to do?"""
    by_whom: Text | None = None
    """BY WHOM: who is responsible for making the action happen?"""
    timescale: Text | None = None
    """TIMESCALE: the date by which the action is to be completed, e.g. '31 March 2027'."""
    outcome: Text | None = None
    """OUTCOME: what do we intend to achieve?"""
    monitoring: Text | None = None
    """MONITORING: by what means improvements in practice or systems will be monitored and reviewed."""
    progress: list[Progress] = []
    """Each report of progress, with its date: what had been achieved and the traffic light (2.4.14)."""
    sign_off: SignOff = SignOff()
    """Signing off: whether the action has been taken and completed, when and by whom."""

    @property
    def latest_progress(self) -> Progress | None:
        """The progress reported last (None before any was reported)."""
        return max(self.progress, key=lambda p: p.date, default=None)

    @model_validator(mode="before")
    @classmethod
    def _progress_is_dated(cls, data: Any) -> Any:
        if isinstance(data, dict) and (undated := [name for name in _UNDATED if name in data]):
            raise ValueError(
                f"{', '.join(undated)}: give progress with the day it was reported, so that a document prints what"
                " was known on its date: progress: [{date: 2026-09-14, achieved: …, assessment: Green}]"
            )
        return data

    def missing(self) -> list[str]:
        """The columns of section 2.4.14 still empty: no addressee, level it was agreed at, action, who is
        responsible for it, outcome, monitoring or timescale."""
        required = ("addressee", "agreed_at_level", "action", "by_whom", "outcome", "monitoring", "timescale")
        return [name for name in required if not getattr(self, name)]


class RecommendationPart(Smart):
    """One separately numbered part of a recommendation (1a, 1b …) with its own monitoring."""

    text: Markdown
    """What this part asks."""


class Recommendation(Smart):
    """A recommendation; several aspects are separate parts, each with its own monitoring (2.4.11)."""

    number: int | None = Field(default=None, ge=1)
    """Number, when fixed by the panel; otherwise numbered in order."""
    text: Markdown
    """The recommendation."""
    agency: Identifier | None = None
    """The agency (its id) the recommendation is for, if one."""
    theme: Text | None = None
    """The theme the board files it under across its reviews (the register's tracker filters by it), e.g.
    'Information sharing', 'Risk assessment'."""
    parts: list[RecommendationPart] = []
    """Parts numbered 1a, 1b …; when given, each carries its own SMART columns."""
    resource_implications: Text | None = None
    """Resource implications (time, human resources, services), for the Executive Summary."""
    national: bool = False
    """A lesson for national as well as local policy and practice."""
    declined: Markdown | None = None
    """Why the board (or the partners) decided not to implement it; empty while it is being implemented."""
    response: Markdown | None = None
    """The board's or safeguarding partners' response to the recommendation (the partnership response)."""

"""Recommendations and the action plan (section 2.4.10–2.4.14)."""

from __future__ import annotations

from pydantic import Field

from .common import Identifier, Markdown, Model, Text
from .options import TrafficLight


class Smart(Model):
    """The action-plan columns that make a recommendation SMART."""

    addressee: Text | None = None
    """The person with authority to see the work done, to whom it is addressed (2.4.12)."""
    action: Text | None = None
    """ACTION: what are we going to do?"""
    by_whom: Text | None = None
    """BY WHOM: who is going to do it?"""
    timescale: Text | None = None
    """Timescale for completion, e.g. '31 March 2027'."""
    outcome: Text | None = None
    """OUTCOME: what do we intend to achieve?"""
    monitoring: Text | None = None
    """MONITORING: what has been achieved, and how it is monitored."""
    assessment: TrafficLight | None = None
    """ASSESSMENT: how the agency is meeting the recommendation (traffic light)."""
    assessment_note: Text | None = None
    """Words beside the traffic light."""
    agreed_at_level: Text | None = None
    """Confirmation of the level in the agency at which the recommendation was agreed."""

    def missing(self) -> list[str]:
        """The SMART columns still empty: no addressee, action, outcome, monitoring or timescale."""
        required = ("addressee", "action", "outcome", "monitoring", "timescale")
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
    parts: list[RecommendationPart] = []
    """Parts numbered 1a, 1b …; when given, each carries its own SMART columns."""
    resource_implications: Text | None = None
    """Resource implications (time, human resources, services), for the Executive Summary."""
    key: bool = False
    """A key recommendation, repeated in the Executive Summary."""
    national: bool = False
    """A lesson for national as well as local policy and practice."""

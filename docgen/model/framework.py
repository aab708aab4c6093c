"""The framework profile: the national process a review follows, as data.

National bodies, guidance titles and editions, which review types are reported to whom, which letters
are copied to which body; the wording that differs between frameworks. Built-in profiles live in the
`frameworks/` folder (the seed's 2009 procedure is the default); a case names one by id, or gives its
own file.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import Field, model_validator

from .common import Address, Identifier, Markdown, Model, Text
from .options import NotificationReason
from .timetable import Timetable

DEFAULT_FRAMEWORK = "england-2009"
"""The framework a case follows when it names none: the seed's procedure."""


class Body(Model):
    """A national body a framework names: a regulator, a government department, a health authority."""

    name: Text
    """Name as letters print it, e.g. 'Ofsted', 'Strategic Health Authority'."""
    full_name: Text | None = None
    """Full name, e.g. 'Office for Standards in Education, Children's Services and Skills'."""
    unit: Text | None = None
    """The unit that receives notifications, e.g. 'National Business Unit'."""
    address: Address | None = None
    """Postal address for notifications."""
    phone: Text | None = None
    """Telephone number for urgent notifications."""
    email: Text | None = None
    """E-mail address."""


class Quotation(Model):
    """A passage of the guidance that letters quote, with where it is found."""

    reference: Text
    """Where the passage is, as letters cite it, e.g. 'paragraph 8.2'."""
    text: Text
    """The passage, word for word."""


class Guidance(Model):
    """The national guidance a framework follows."""

    title: Text
    """Title, e.g. 'Working Together to Safeguard Children'."""
    subtitle: Text | None = None
    """Subtitle, as the guidance prints it."""
    edition: Text
    """Edition (year), e.g. '2006'."""
    chapter: Text | None = None
    """The chapter on reviews, e.g. 'Chapter 8'."""
    chapter_title: Text | None = None
    """The title of that chapter, e.g. 'Serious Case Reviews'."""
    publisher: Text | None = None
    """Publishing department, e.g. 'Department for Education and Skills'."""
    criteria: Quotation | None = None
    """The passage setting out when a review should be considered (quoted in the authors' invitation)."""
    purposes: list[Text] = []
    """The purposes of a review, as the guidance lists them (the notification to parents lists them)."""


class GuidanceNote(Model):
    """A heading of guidance and what it says."""

    heading: Text
    """What the note is about, e.g. 'Date / Time'."""
    text: Markdown
    """The guidance, as the procedure words it."""


class ReviewTypeRules(Model):
    """What a framework says of one type of review."""

    statutory: bool
    """Whether the guidance requires the review (a discretionary review is held by the board's choice)."""
    reported_to: list[Identifier] = []
    """The bodies (keys of `bodies`) the review is reported to."""


class Wording(Model):
    """Sentences of the letters whose wording depends on the framework's law and guidance."""

    statutory_review: Text
    """Why the board holds a review the guidance requires, e.g. 'The Government requires us to do this.'"""
    discretionary_review: Text
    """Why the board holds a review the guidance does not require."""
    statutory_duty: Text
    """What boards must do when children are seriously harmed (the notification to victims)."""
    discretionary_duty: Text
    """What boards may do when children are seriously harmed, where no review is required."""


class Framework(Model):
    """A framework profile: the national process, bodies and guidance a review follows."""

    id: Identifier
    """Identifier by which a case names the profile, e.g. 'england-2009'."""
    name: Text
    """Name of the process, e.g. 'Serious Case Reviews (Working Together 2006, Medway procedures 2009)'."""
    nation: Text
    """The nation whose guidance it is, e.g. 'England'."""
    guidance: Guidance
    """The national guidance."""
    bodies: dict[Identifier, Body] = {}
    """National bodies by key, e.g. 'regulator', 'department', 'health_authority'."""
    review_types: dict[Text, ReviewTypeRules] = Field(min_length=1)
    """The review types of the framework by name, e.g. 'Serious Case Review'."""
    timetable: Timetable | None = None
    """The review timetable: its steps, their clocks and who is responsible."""
    chronology_guidance: list[GuidanceNote] = []
    """The guidance for completing an agency's chronology, printed on the spreadsheet template."""
    decisions_reported_to: list[Identifier] = []
    """The bodies told of every decision on a referral, a decision to hold no statutory review included."""
    copies: dict[Identifier, list[Identifier]] = {}
    """By document kind (e.g. 'letter-5'), the bodies a copy goes to when the review or the decision is
    reported to them."""
    regulator: Identifier = "regulator"
    """The body (key of `bodies`) that receives notifications of serious childcare incidents."""
    notification_reasons: dict[NotificationReason, Text] = {}
    """The law and guidance behind each reason for notifying the regulator, as its form prints them."""
    papers: dict[Identifier, Text] = {}
    """Titles of papers a letter encloses that docgen does not produce, by key (e.g. 'guidance-chapter')."""
    wording: Wording
    """Sentences of the letters that depend on the framework."""

    @model_validator(mode="after")
    def _bodies_known(self) -> Framework:
        named = [(f"review_types.{name}.reported_to", rules.reported_to) for name, rules in self.review_types.items()]
        named += [("decisions_reported_to", self.decisions_reported_to), ("regulator", [self.regulator])]
        named += [(f"copies.{kind}", keys) for kind, keys in self.copies.items()]
        for where, keys in named:
            unknown = [key for key in keys if key not in self.bodies]
            if unknown:
                raise ValueError(f"{where}: unknown bodies {', '.join(unknown)} (known: {', '.join(self.bodies)})")
        return self

    def reported_to(self, review_type: str) -> list[Body]:
        """The bodies a review of this type is reported to (none for a type the profile does not list)."""
        rules = self.review_types.get(review_type)
        return [self.bodies[key] for key in rules.reported_to] if rules else []

    def is_statutory(self, review_type: str) -> bool:
        """Whether the guidance requires a review of this type."""
        rules = self.review_types.get(review_type)
        return rules is not None and rules.statutory

    @property
    def statutory_type(self) -> str:
        """The name of the review the guidance requires, e.g. 'Serious Case Review'."""
        return next((name for name, rules in self.review_types.items() if rules.statutory), "statutory review")

    @property
    def regulator_body(self) -> Body:
        """The body that receives notifications of serious childcare incidents."""
        return self.bodies[self.regulator]


def builtin_frameworks() -> Path:
    """The folder of built-in framework profiles: packaged inside the wheel, or at the top of a checkout."""
    packaged = Path(__file__).resolve().parent.parent / "_frameworks"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "frameworks"


def builtin_framework_ids() -> list[str]:
    """The ids of the built-in framework profiles."""
    return sorted(path.stem for path in builtin_frameworks().glob("*.yaml"))


@cache
def builtin_framework(framework_id: str) -> Framework:
    """A built-in framework profile by id; ValueError naming the built-in ids for an unknown one."""
    path = builtin_frameworks() / f"{framework_id}.yaml"
    if framework_id not in builtin_framework_ids():
        known = ", ".join(builtin_framework_ids())
        raise ValueError(f"no built-in framework '{framework_id}' (the built-in frameworks are: {known})")
    data: Any = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Framework.model_validate(data)

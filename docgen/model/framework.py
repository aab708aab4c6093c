"""The framework profile: the national process a review follows, as data.

National bodies, guidance titles and editions, which review types are reported to whom; the stages,
clocks and wording of a process. Built-in profiles live in the `frameworks/` folder (the seed's 2009
procedure is the default); a case names one by id, or gives its own file.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from pydantic import Field, model_validator

from ..parsing import parse_yaml
from .common import Address, Identifier, Model, Text

DEFAULT_FRAMEWORK = "england-2009"
"""The framework a case follows when it names none: the seed's procedure."""


class Body(Model):
    """A national body a framework names: a regulator, a government department, a health authority."""

    name: Text
    """Name as letters print it, e.g. 'Ofsted'."""
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
    publisher: Text | None = None
    """Publishing department, e.g. 'Department for Education and Skills'."""


class ReviewTypeRules(Model):
    """What a framework says of one type of review."""

    statutory: bool
    """Whether the guidance requires the review (a discretionary review is held by the board's choice)."""
    reported_to: list[Identifier] = []
    """The bodies (keys of `bodies`) the review is reported to."""


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

    @model_validator(mode="after")
    def _bodies_known(self) -> Framework:
        for name, rules in self.review_types.items():
            unknown = [key for key in rules.reported_to if key not in self.bodies]
            if unknown:
                raise ValueError(f"review_types.{name}.reported_to: unknown bodies {', '.join(unknown)}")
        return self

    def reported_to(self, review_type: str) -> list[Body]:
        """The bodies a review of this type is reported to (none for a type the profile does not list)."""
        rules = self.review_types.get(review_type)
        return [self.bodies[key] for key in rules.reported_to] if rules else []


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
    return Framework.model_validate(parse_yaml(path.read_text(encoding="utf-8"), str(path)).data)

"""The incident and the Ofsted notification of a serious childcare incident (Appendix IX)."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import Field, model_validator

from .common import Identifier, Markdown, Model, Text
from .options import (
    Cause,
    Characteristic,
    IncidentType,
    InstitutionSector,
    MediaInterest,
    NotificationReason,
    Residence,
    YesNo,
)


class Step(StrEnum):
    """A step of criminal proceedings."""

    INVESTIGATED = "Under investigation"
    ARRESTED = "Arrested"
    CHARGED = "Charged"
    CONVICTED = "Convicted"
    SENTENCED = "Sentenced"
    ACQUITTED = "Acquitted"
    NO_FURTHER_ACTION = "No further action"


STARTS = frozenset({Step.INVESTIGATED, Step.ARRESTED, Step.CHARGED})
"""Steps that start proceedings against a person (or make them possible)."""
ENDS = frozenset({Step.SENTENCED, Step.ACQUITTED, Step.NO_FURTHER_ACTION})
"""Steps that end them."""


class ProceedingsStep(Model):
    """One dated step of criminal proceedings arising from the incident."""

    date: dt.date
    """The day it happened."""
    step: Step
    """What happened."""
    person: Identifier | None = None
    """The family member (id) it concerns; empty for a suspect the case does not name."""
    details: Text | None = None
    """The offence or the outcome, e.g. 'causing grievous bodily harm with intent'."""


class Incident(Model):
    """The incident that led to the review (Ofsted form section 4)."""

    date: dt.date
    """Date of the incident."""
    time: dt.time | None = None
    """Time of the incident (HH:MM), where known."""
    location: Text | None = None
    """Where it happened, e.g. 'the family home' or 'Northfield General Hospital'."""
    type: IncidentType
    """Serious injury or death (the date of death is the child's)."""
    local_authority: Text
    """Local authority where the incident took place."""
    responsible_local_authority: Text
    """Responsible local authority."""
    residence: Residence
    """Residence or placement at the time of the incident."""
    residence_other: Text | None = None
    """Residence, when 'Other (please specify)' is chosen."""
    institution: Text | None = None
    """Name of institution, if accommodated."""
    institution_sector: InstitutionSector | None = None
    """Sector of that institution."""
    causes: list[Cause] = Field(min_length=1)
    """Cause of incident."""
    cause_other: Text | None = None
    """Cause, when 'Other (please specify)' is chosen."""
    outline: Markdown
    """Case outline."""
    characteristics: list[Characteristic] = []
    """Characteristics of the case."""
    complex_abuse_link: YesNo = YesNo.NO
    """Is this case linked to a complex abuse investigation?"""
    proceedings: list[ProceedingsStep] = []
    """Criminal proceedings, step by step with their dates: whether proceedings were under way, who was
    charged and whether anyone was convicted are read from them as at each document's date."""
    media_interest: MediaInterest = MediaInterest.NOT_KNOWN
    """Media interest."""

    @model_validator(mode="after")
    def _other_has_text(self) -> Incident:
        if self.residence is Residence.OTHER and not self.residence_other:
            raise ValueError("residence is 'Other (please specify)' but residence_other is empty")
        if Cause.OTHER in self.causes and not self.cause_other:
            raise ValueError("causes include 'Other (please specify)' but cause_other is empty")
        return self


class OfstedNotification(Model):
    """The notifier's part of the Ofsted form (sections 1 and 2)."""

    local_authority: Text
    """Notifying local authority."""
    notifier: Text
    """Name of the person notifying."""
    role: Text
    """Role of the person notifying."""
    telephone: Text
    """Telephone number of the notifier."""
    date_notified: dt.date
    """Date notified."""
    linked_cases: Text | None = None
    """Linked cases."""
    reasons: list[NotificationReason] = Field(min_length=1)
    """Reason for notification (more than one may apply)."""
    staff_conduct_details: Markdown | None = None
    """Details when the conduct of a member of staff is a reason."""
    family_note: Markdown | None = None
    """Family note: key relationships (step parents, cohabitees) and who lives with the child."""
    parents: list[Identifier] = []
    """Family members (ids) printed as the parents; defaults to those related as mother or father."""

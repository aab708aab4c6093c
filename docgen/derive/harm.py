"""What happened to the children of an incident, worded from the case: the harm each notified child suffered and
its cause ('seriously harmed through neglect'), never the notification form's type of incident for every harm."""

from __future__ import annotations

from ..model import CHILD, Case
from ..model.options import Cause, Harm, IncidentType
from ..text.dates import long_date
from .letters.addressing import plain_list

CAUSES: dict[Cause, str] = {
    Cause.NEGLECT: "through neglect",
    Cause.SELF_HARM: "through self-harm",
    Cause.NON_ACCIDENTAL_INJURY: "by a non-accidental injury",
    Cause.ACCIDENTAL_INJURY: "in an accident",
    Cause.DRUG_MISUSE: "through drug or solvent misuse",
    Cause.ROAD_TRAFFIC: "in a road traffic accident",
}
"""How a cause of serious harm reads after 'seriously harmed'; the causes of a death are the form's to give."""


def harm_cause(case: Case) -> str:
    """The causes of the incident as a phrase after 'seriously harmed' ('through neglect'); empty when the case
    gives none that words a harm."""
    causes = case.incident.causes if case.incident else []
    return plain_list([CAUSES[cause] for cause in causes if cause in CAUSES])


def incident_summary(case: Case) -> str:
    """The incident as a table gives it: 'Serious harm through neglect on 5 March 2026'; 'Death on …'."""
    incident = case.incident
    assert incident is not None, "the incident's summary needs the case's incident"
    if incident.type is IncidentType.DEATH:
        return f"Death on {long_date(incident.date)}"
    cause = harm_cause(case)
    return f"Serious harm{f' {cause}' if cause else ''} on {long_date(incident.date)}"


def harm_sentence(case: Case) -> str:
    """What happened to the children notified, as a letter says it: 'Isla and Finn were seriously harmed through
    neglect on 5 March 2026.'; 'Mason died on 14 February 2026.' (first names; the children not harmed are
    listed by the letter itself)."""
    incident, notification = case.incident, case.notification
    assert incident is not None and notification is not None, "the harm needs the incident and the notification"
    on = long_date(incident.date)
    cause = harm_cause(case)
    parts = []
    for harm, words in (
        (Harm.DIED, "died"),
        (Harm.SERIOUSLY_HARMED, f"seriously harmed{f' {cause}' if cause else ''}"),
    ):
        names = [_first_name(case, c.person) for c in notification.children if c.harm is harm]
        if names:
            verb = words if harm is Harm.DIED else f"{'were' if len(names) > 1 else 'was'} {words}"
            parts.append(f"{plain_list(names)} {verb}")
    return f"{plain_list(parts)} on {on}." if parts else f"The incident happened on {on}."


def _first_name(case: Case, person: str) -> str:
    if person == CHILD:
        return case.subject.first_name
    member = case.person(person)
    assert member is not None
    return member.first_name

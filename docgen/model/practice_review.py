"""A child safeguarding practice review's records: the serious incident notification, the rapid review with the
agencies' summaries, the local review, the partnership's response and the publication (Working Together 2023,
and any framework that reviews in these stages)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from pydantic import Field, model_validator

from ..text.dates import whole_years
from .common import CHILD, Approval, Contact, Identifier, Markdown, Meeting, Model, Text
from .common import unknown as _unknown
from .consideration import CriterionAnswer, Decided
from .options import AbuseOrNeglect, Harm, ReviewView, SafeguardingStatus, SocialCareInvolvement, YesNo
from .recommendations import Recommendation


class NotifiedChild(Model):
    """One child named in a serious incident notification (at most four per notification): a child who died or was
    seriously harmed. Another child involved (a brother or sister at home, unharmed) is not notified: the
    notification's `further_information` says who they are."""

    person: Identifier
    """The child: 'child' (the subject child) or the id of a family member who is a child."""
    harm: Harm
    """What happened to the child: 'Died' or 'Seriously harmed'."""
    statuses: list[SafeguardingStatus] = Field(default=[SafeguardingStatus.NONE], min_length=1)
    """The child's status with children's social care at the time: child protection plan, child in need,
    looked-after child, care leaver, early help, or none of these."""
    legal_status: Text | None = None
    """Any order or legal status at the time, e.g. 'Interim care order (section 38)'; empty: none."""
    social_care: SocialCareInvolvement
    """Whether the child was open to children's social care, previously known, or not known."""
    health: Markdown | None = None
    """Health information: disabilities, conditions, injuries and their seriousness."""
    local_authority: Text | None = None
    """The local authority where the child normally lives, when not the notifying authority."""

    @model_validator(mode="before")
    @classmethod
    def _unharmed_child(cls, data: Any) -> Any:
        """An unharmed child is not one of the children notified: say so in words an author can act on."""
        if isinstance(data, dict) and str(data.get("harm", "")).strip().lower() == "involved, not harmed":
            raise ValueError(
                "a child involved but not harmed is not one of the children notified: describe them in the"
                " notification's further_information instead"
            )
        return data


class IncidentNotification(Model):
    """The record of the local authority's serious incident notification to the national panel (made online);
    the incident itself is the case's `incident`."""

    aware_on: dt.date
    """The day the local authority became aware of the incident: the notification is due 5 working days later."""
    notified_on: dt.date | None = None
    """The day the notification was submitted; empty while it has not been."""
    reference: Text | None = None
    """The reference the notification system gave it."""
    local_authority: Text
    """The notifying local authority."""
    notifier: Contact
    """Who made the notification: name, post, telephone and e-mail address."""
    abuse_or_neglect: AbuseOrNeglect
    """Whether abuse or neglect of the child is known or suspected."""
    children: list[NotifiedChild] = Field(min_length=1, max_length=4)
    """The children notified: one notification per incident, up to four children."""
    further_information: Markdown | None = None
    """Further information, including other children involved beyond the four."""
    documents: list[Text] = []
    """Documents attached to the notification, each by its title."""
    partners_notified_on: dt.date | None = None
    """The day the local authority reported the incident to the safeguarding partners."""
    other_areas: list[Text] = []
    """Safeguarding partnerships outside the area also told (where a child was placed, say)."""


class Episode(Model):
    """A key practice episode: a time when practice made, or could have made, a difference."""

    date: dt.date
    """When it happened (its first day)."""
    title: Text
    """A short name, e.g. 'Bruising seen at nursery'."""
    description: Markdown
    """What happened, and why it matters for learning."""
    agencies: list[Identifier] = []
    """The agencies (ids) involved."""


class AgencySummary(Model):
    """One agency's summary for the rapid review, with its chronology (the case's entries for the agency)."""

    date: dt.date | None = None
    """Date of the summary."""
    author: Contact
    """Who completed it for the agency."""
    involvement: Markdown | None = None
    """The agency's involvement with the child and family."""
    episodes: list[Episode] = []
    """The key practice episodes the agency identifies."""
    went_well: Markdown | None = None
    """What went well."""
    could_be_better: Markdown | None = None
    """What could have been better."""
    immediate_actions: Markdown | None = None
    """Actions the agency has taken already, or is taking, to keep children safe and to learn."""
    view: ReviewView | None = None
    """The agency's view on whether a local child safeguarding practice review should be held."""
    view_reasons: Markdown | None = None
    """Why the agency holds that view."""
    approval: Approval = Approval()
    """The manager's sign-off (approved_by: name and post); a draft until it is given."""


class PartnerSignature(Model):
    """A safeguarding partner's sign-off of the rapid review."""

    partner: Identifier
    """The partner (a key of the board profile's `partners`)."""
    signed_on: dt.date
    """The day they signed it off."""


class ReviewOutcome(Decided):
    """The decision a rapid review reaches on a local review, and the partners' view on a national one."""

    national_review: YesNo
    """Whether the partners think a national review may be appropriate (the Panel decides, against regulation 3)."""


class PanelDecision(Model):
    """The national panel's own decision on a case a rapid review sent it: whether it takes it into a national
    review (the partners' view is the decision's `national_review`)."""

    date: dt.date
    """The day the Panel decided."""
    national_review: YesNo
    """'Yes' when the Panel takes the case into a national review, 'No' when it does not."""
    review: Text | None = None
    """The national review it takes the case into, as a sentence names it after 'include the case in', e.g. 'its
    national review of children who die through criminal exploitation'; empty: 'a national review'."""


class RapidReview(Model):
    """The rapid review: the agencies' summaries brought together, the criteria considered, the decision."""

    date: dt.date | None = None
    """Date of the report."""
    meeting: Meeting | None = None
    """The rapid review meeting."""
    summaries: dict[Identifier, AgencySummary] = {}
    """Each agency's summary, by agency id: one document each."""
    household: Markdown | None = None
    """The children and the household, beyond the table built from the case."""
    incident: Markdown | None = None
    """The incident, as the rapid review understands it."""
    involvement: Markdown | None = None
    """An overview of the agencies' involvement."""
    chronology_from: dt.date | None = None
    """The integrated chronology extract starts on this day; empty: the whole period under review."""
    episodes: list[Episode] = []
    """The key practice episodes, across the agencies."""
    good_practice: Markdown | None = None
    """Good practice identified."""
    learning: Markdown | None = None
    """Learning identified so far."""
    immediate_actions: Markdown | None = None
    """Immediate actions taken or agreed, to keep children safe and to share learning."""
    inequalities: Markdown | None = None
    """How race, culture, disability and other inequalities shaped the child's and the family's experience and the
    practice they met."""
    family_informed: Markdown | None = None
    """Whether the family has been told of the rapid review, by whom and how, or why not yet."""
    criteria: dict[Identifier, dict[Identifier, CriterionAnswer]] = {}
    """Each of the framework's criteria considered, by list and letter: `{local: {a: {met: Yes, reasons: …}}}`."""
    decision: ReviewOutcome | None = None
    """The decision and its rationale."""
    panel_decision: PanelDecision | None = None
    """The national panel's decision on a national review of the case, once it has made it."""
    sign_off: list[PartnerSignature] = []
    """The safeguarding partners' sign-off."""
    sent_to_panel_on: dt.date | None = None
    """The day the rapid review was sent to the national panel."""
    approval: Approval = Approval()
    """The report's approval: a draft until the safeguarding partners have signed it off."""


class Finding(Model):
    """A finding of a local review: what happened, and the systemic reasons why actions were or were not taken."""

    title: Text
    """The finding in a sentence."""
    analysis: Markdown
    """What happened and what the review made of it."""
    systemic_reasons: Markdown
    """The systemic or underlying reasons why actions were or were not taken."""


class LocalReview(Model):
    """The review the decision holds (a local child safeguarding practice review, a Safeguarding Adults Review) and
    its report, written for publication."""

    commissioned_on: dt.date | None = None
    """The day the reviewer was commissioned."""
    date: dt.date | None = None
    """Date of the report."""
    reviewer_independence: Markdown | None = None
    """The reviewer's independence and experience, as the report states them."""
    pseudonym_agreed_with: Text | None = None
    """Who agreed the name the report gives the subject (`subject.anonymous_name`), e.g. 'her mother and
    grandmother'; empty when it was not agreed with the family."""
    summary: Markdown | None = None
    """Why the review was held and what it found, in brief."""
    about_the_person: Markdown | None = None
    """The child or adult as a person, in the words of those who knew them."""
    methodology: Markdown | None = None
    """How the review was conducted: who took part, what was read, the practitioners' event."""
    background: Markdown | None = None
    """The background: the family and the agencies' involvement, in brief."""
    findings: list[Finding] = []
    """The findings, each with its systemic reasons."""
    good_practice: Markdown | None = None
    """Good practice the review found."""
    equality: Markdown | None = None
    """How the person's protected characteristics and other inequalities (race, culture, age, disability, sex,
    sexuality, religion, poverty) shaped their life and the agencies' response."""
    parallel_reviews: Markdown | None = None
    """The other processes looking at the death or harm (an inquest, a criminal trial, an independent
    investigation) and how the review worked alongside them."""
    conclusions: Markdown | None = None
    """Conclusions."""
    lessons: Markdown | None = None
    """The lessons to be learned, as the report states them before its recommendations."""
    recommendations: list[Recommendation] = []
    """The improvements recommended, with the action plan columns."""
    dissemination: list[Text] = []
    """Who receives the report once it is final, e.g. 'the family', 'each agency on the panel'."""
    completed_on: dt.date | None = None
    """The day the review was completed (its report received)."""
    approval: Approval = Approval()
    """The approval of the report (the safeguarding partners', the board's); a draft until approved."""


class PartnershipResponse(Model):
    """The safeguarding partners' response to the local review and their action plan."""

    date: dt.date | None = None
    """Date of the response."""
    response: Markdown | None = None
    """The partners' response to the review as a whole."""
    approval: Approval = Approval()
    """Approval of the response; a draft until approved."""


class ImprovementsStatement(Model):
    """What is published instead of a review's report: the improvements to be made."""

    date: dt.date | None = None
    """Date of the statement."""
    introduction: Markdown | None = None
    """What the review was about, as far as it can be said publicly."""
    approval: Approval = Approval()
    """Approval of the statement; a draft until approved."""


class Publication(Model):
    """Publishing the review: the report, or, when it is not published, a statement of improvements."""

    decided_on: dt.date | None = None
    """The day the board (or the partners) decided whether and how to publish."""
    date: dt.date | None = None
    """The day of publication: done, or planned (national bodies are sent the report at least 7 working days
    before)."""
    published: bool = True
    """Whether the report itself is published; false: the statement of improvements is published instead."""
    reasons: Markdown | None = None
    """Why the report is not published (needed when `published` is false)."""
    where: Text | None = None
    """Where it is published, e.g. the partnership's website address."""
    statement: ImprovementsStatement | None = None
    """The statement of improvements published instead of the report."""

    @model_validator(mode="after")
    def _reasons_when_withheld(self) -> Publication:
        if not self.published and not self.reasons:
            raise ValueError("reasons: say why the report is not published")
        return self


def practice_review_problems(case: Any) -> Iterable[str]:
    """What in a practice review's records names something the case or its framework does not know, or cannot
    be so: unknown people, agencies and partners; an incident notified without abuse or neglect that is not
    notified for its own sake."""
    agencies = {a.id for a in case.agencies}
    if case.notification is not None:
        yield from _notification_problems(case)
    rapid = case.rapid_review
    if rapid is None:
        return
    for agency in rapid.summaries:
        yield from _unknown(f"rapid_review.summaries.{agency}", agency, agencies, "agency")
    episodes = [("rapid_review.episodes", rapid.episodes)]
    episodes += [(f"rapid_review.summaries.{a}.episodes", s.episodes) for a, s in rapid.summaries.items()]
    for where, listed in episodes:
        for i, episode in enumerate(listed):
            for j, agency in enumerate(episode.agencies):
                yield from _unknown(f"{where}[{i}].agencies[{j}]", agency, agencies, "agency")
    partners = {p.id for p in case.board.partners}
    for i, signature in enumerate(rapid.sign_off):
        yield from _unknown(f"rapid_review.sign_off[{i}].partner", signature.partner, partners, "partner")


def _notification_problems(case: Any) -> Iterable[str]:
    notification = case.notification
    children = {CHILD, *(member.id for member in case.family)}
    persons = [child.person for child in notification.children]
    for i, person in enumerate(persons):
        yield from _unknown(f"notification.children[{i}].person", person, children, "child")
        if persons.index(person) < i:
            yield f"notification.children[{i}].person: '{person}' is notified twice"
    if notification.abuse_or_neglect is AbuseOrNeglect.NEITHER and not notified_only(case):
        statuses = " or ".join(status.value.lower() for status in case.framework.notify_only) or "none"
        yield (
            "notification.abuse_or_neglect: an incident is notified when abuse or neglect is known or suspected;"
            f" without it, only the death of a child of these statuses is: {statuses}"
        )


def notified_only(case: Any) -> list[str]:
    """Why the incident is notified with no review following (the framework's `notify_only`), once for each rule
    that applies: someone notified died with a status it names, at an age it applies from, and abuse or neglect is
    neither known nor suspected unless the rule holds whatever the cause; empty: a review follows as usual."""
    notification = case.notification
    if notification is None:
        return []
    neither = notification.abuse_or_neglect is AbuseOrNeglect.NEITHER
    reasons = []
    for child in notification.children:
        person = case.subject if child.person == CHILD else case.person(child.person)
        born = getattr(person, "date_of_birth", None)
        age = whole_years(born, case.ages_at) if born else None
        for status in child.statuses if child.harm is Harm.DIED else ():
            rule = case.framework.notify_only.get(status)
            if rule and (neither or rule.whatever_the_cause) and (rule.from_age is None or (age or 0) >= rule.from_age):
                reasons.append(rule.reason)
    return list(dict.fromkeys(reasons))

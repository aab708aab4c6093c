"""The case file's root: one review with everything every document needs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from functools import wraps
from typing import Any, TypeVar

from pydantic import Field, ValidationError, ValidationInfo, field_validator, model_validator

from ..text.folding import key
from .assurance import QualityAssurance, assurance_problems
from .board import Board
from .chronology import ChronologyEntry
from .common import CHILD, Identifier, Model, Text
from .common import unknown as _unknown
from .consideration import Consideration, ReviewRequest, decision_problems
from .correspondence import Correspondence, reference_problems
from .framework import DEFAULT_FRAMEWORK, Framework, builtin_framework
from .interviews import Interview
from .kinds import lookup
from .ofsted import Incident, OfstedNotification
from .people import Agency, FamilyMember, Professional, Subject, Victim, relation_problems
from .practice_review import (
    IncidentNotification,
    LocalReview,
    PartnershipResponse,
    Publication,
    RapidReview,
    practice_review_problems,
)
from .publication import THE_WORD, Anonymisation, Place
from .recommendations import Recommendation
from .reports import ExecutiveSummary, Imr, Overview
from .review import Decision, Referral, Review, Screening
from .timetable import Timetable, is_date_field


class Case(Model):
    """One review's case file."""

    board: Board
    """The board profile (inline here, or a path to a board file when loading from disk)."""
    framework: Framework = Field(default_factory=lambda: builtin_framework(DEFAULT_FRAMEWORK))
    """The framework profile: a built-in one by id ('england-2009', the default), a path to a profile file
    beside the case file, or inline."""
    review: Review
    """The review: type, reference, scope, timetable and panel."""
    subject: Subject
    """The person the review is about: a child, an adult with needs for care and support, or a person who died
    through domestic abuse (a child review's case file may call it `child`)."""
    family: list[FamilyMember] = []
    """Family members and significant others."""
    agencies: list[Agency] = Field(min_length=1)
    """Agencies involved with the child or family."""
    professionals: list[Professional] = []
    """Practitioners involved, by agency and role."""
    victims: list[Victim] = []
    """Victims notified of the review (Letter 6)."""
    referral: Referral | None = None
    """The referral (form SCR/Ref/M08 section 1); the seed's procedure requires it."""
    screening: Screening | None = None
    """The screening panel's recommendation (form section 2)."""
    decision: Decision | None = None
    """The board chair's decision (form section 3)."""
    incident: Incident | None = None
    """The incident (Ofsted form section 4)."""
    ofsted: OfstedNotification | None = None
    """The notifier's part of the Ofsted notification."""
    chronology: list[ChronologyEntry] = []
    """Every agency's chronology entries; each IMR shows its agency's, the overview merges them all."""
    interviews: list[Interview] = []
    """The IMR authors' interviews with staff (Appendix VI): one interview record each."""
    correspondence: Correspondence = Correspondence()
    """The letters: those of Appendix XI, and a practice review's."""
    request: ReviewRequest | None = None
    """The request that the board consider a review (a Safeguarding Adults Review referral, a police notification
    of a domestic homicide)."""
    consideration: Consideration | None = None
    """How the board considered the request: its criteria, the group's recommendation, the decision."""
    notification: IncidentNotification | None = None
    """The serious incident notification to the national panel (a practice review's first stage)."""
    rapid_review: RapidReview | None = None
    """The rapid review: the agencies' summaries, the criteria considered, the decision."""
    local_review: LocalReview | None = None
    """The local child safeguarding practice review and its report."""
    response: PartnershipResponse | None = None
    """The safeguarding partners' response to the local review."""
    publication: Publication | None = None
    """Publishing the review's report, or a statement of improvements instead."""
    assurance: QualityAssurance | None = None
    """The report's quality assurance by a national body before publication (`framework.assurance`: a Domestic
    Homicide Review's, by the Home Office's panel), with its feedback point by point."""
    imrs: dict[Identifier, Imr] = {}
    """Individual Management Reviews by agency id."""
    overview: Overview | None = None
    """The Overview Report."""
    executive_summary: ExecutiveSummary | None = None
    """The Executive Summary."""
    places: list[Place] = []
    """Places other than the board's own area that the texts name (the town the family came from), each
    with what anonymised documents say instead."""
    anonymisation: Anonymisation = Anonymisation()
    """The author's answers for anonymisation: who an ambiguous name means, texts that are not about the family."""
    abbreviations: dict[Text, Text] = {}
    """Abbreviations of this case beyond the board's ('CP-IS': 'Child Protection – Information Sharing');
    a report's glossary lists those its text uses."""
    generate: list[str] = []
    """Document kinds to produce when the case is dropped in a watched folder; empty means all it supports."""

    @property
    def opened_on(self) -> dt.date:
        """The day the case began: the referral's, else the day the local authority became aware of the incident,
        else the end of the period under review."""
        if self.referral is not None:
            return self.referral.date
        return self.notification.aware_on if self.notification else self.review.period_end

    @property
    def timetable(self) -> Timetable | None:
        """The framework's review timetable, with the clocks the board starts elsewhere (`board.clock_starts`)."""
        timetable = self.framework.timetable
        return timetable.started(self.board.clock_starts) if timetable else None

    @property
    def ages_at(self) -> dt.date:
        """The date ages are given at: the incident's, else the day the case began."""
        return self.incident.date if self.incident else self.opened_on

    @property
    def rapid_review_agencies(self) -> list[str]:
        """Agencies (ids) with a safeguarding lead, asked for a summary for the rapid review: one request each."""
        return [a.id for a in self.agencies if a.safeguarding_lead]

    @property
    def summary_agencies(self) -> list[str]:
        """Agencies (ids) whose summary the rapid review holds: one document each."""
        return list(self.rapid_review.summaries) if self.rapid_review else []

    @property
    def imr_agencies(self) -> list[str]:
        """Agencies (ids) with an IMR and chronology entries: one IMR document each."""
        return [a for a in self.imrs if any(entry.agency == a for entry in self.chronology)]

    @property
    def parents_notified(self) -> list[str]:
        """Family members (ids) who receive Letter 5, one letter each."""
        return [p.id for p in self.family if p.notify]

    @property
    def victim_ids(self) -> list[str]:
        """Victims (ids), one Letter 6 each."""
        return [v.id for v in self.victims]

    @property
    def imr_author_briefs(self) -> list[str]:
        """Agencies (ids) asked for an IMR: one author brief each (Appendix III)."""
        return [a.id for a in self.agencies if a.imr_required]

    @property
    def interview_ids(self) -> list[str]:
        """Interviews (ids), one interview record each."""
        return [i.id for i in self.interviews]

    def interview(self, interview_id: str) -> Interview:
        """The interview with this id."""
        return next(i for i in self.interviews if i.id == interview_id)

    def addressee(self, person_id: str) -> FamilyMember | Victim:
        """The family member or victim a letter is addressed to, by id."""
        people: list[FamilyMember | Victim] = [*self.family, *self.victims]
        return next(p for p in people if p.id == person_id)

    def agency(self, agency_id: str) -> Agency:
        """The agency with this id."""
        return next(a for a in self.agencies if a.id == agency_id)

    @property
    def glossary(self) -> dict[str, str]:
        """The abbreviations a report may explain: the board's, and the case's own (which win)."""
        return {**self.board.abbreviations, **self.abbreviations}

    @property
    def own_areas(self) -> tuple[str, ...]:
        """The areas public documents name as they are: the board's area and towns, and the area of the other board
        of a joint review (a joint review's reports are both boards')."""
        partner = self.review.joint.partner_board.area if self.review.joint else None
        return tuple(n for n in (self.board.area, *self.board.towns, partner) if n)

    def locates_family(self, agency: Agency) -> bool:
        """Whether naming the agency would locate the family: as the case says, else by its kind; the child's own
        nursery or school always does."""
        if agency.locates_family is not None:
            return agency.locates_family
        if agency.kind is not None and agency.kind.locates_family:
            return True
        school = self.subject.educational_establishment
        return school is not None and key(agency.name) in key(school)

    def person(self, person_id: str) -> FamilyMember | None:
        """The family member with this id (None for the child)."""
        return next((p for p in self.family if p.id == person_id), None)

    @property
    def perpetrator(self) -> FamilyMember | None:
        """The family member believed responsible for the subject's death through domestic abuse (the case model
        checks that the case holds them); None for another subject."""
        abuse = self.subject.domestic_abuse
        return self.person(abuse.perpetrator) if abuse else None

    def professional(self, professional_id: str) -> Professional:
        """The professional with this id."""
        return next(p for p in self.professionals if p.id == professional_id)

    @field_validator("framework", mode="before")
    @classmethod
    def _builtin_framework(cls, value: Any) -> Any:
        """A framework named by id is the built-in profile of that id."""
        return builtin_framework(value) if isinstance(value, str) else value

    @model_validator(mode="after")
    def _references_resolve(self, info: ValidationInfo) -> Case:
        problems = list(self._reference_problems())
        if not (info.context or {}).get(DERIVED):
            problems += self._required_problems()
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def _required_problems(self) -> list[str]:
        """The fields the framework requires of a case file that it lacks."""
        return [
            f"{path}: this field is required by the {self.framework.id} framework"
            for path in self.framework.requires
            if lookup(self, path) in (None, [], {})
        ]

    def _reference_problems(self) -> Iterable[str]:
        agencies = {a.id for a in self.agencies}
        people = {p.id for p in self.family}
        professionals = {p.id for p in self.professionals}
        yield from _duplicates("agencies", [a.id for a in self.agencies])
        victims = [v.id for v in self.victims]
        yield from _duplicates("family, professionals and victims", [CHILD, *people, *professionals, *victims])
        yield from relation_problems(self.subject, self.family)
        yield from self._domestic_abuse_problems(agencies, people)
        if self.request and self.request.agency:
            yield from _unknown("request.agency", self.request.agency, agencies, "agency")
        for i, pro in enumerate(self.professionals):
            yield from _unknown(f"professionals[{i}].agency", pro.agency, agencies, "agency")
        for i, agency in enumerate(self.agencies):
            if agency.officer:
                yield from _unknown(f"agencies[{i}].officer", agency.officer, professionals, "professional")
        yield from _duplicates("interviews", [i.id for i in self.interviews])
        for i, interview in enumerate(self.interviews):
            yield from _unknown(f"interviews[{i}].professional", interview.professional, professionals, "professional")
        for i, entry in enumerate(self.chronology):
            where = f"chronology[{i}]"
            yield from _unknown(f"{where}.agency", entry.agency, agencies, "agency")
            for j, subject in enumerate(entry.subjects):
                yield from _unknown(f"{where}.subjects[{j}]", subject, {CHILD, *people}, "person")
            for j, seen in enumerate(entry.seen):
                yield from _unknown(f"{where}.seen[{j}]", seen, {CHILD, *people}, "person")
            yield from _unknown(f"{where}.views_of", entry.views_of, {CHILD, *people}, "person")
            if entry.professional:
                yield from _unknown(f"{where}.professional", entry.professional, professionals, "professional")
        if self.review.type not in self.framework.review_types:
            known = ", ".join(self.framework.review_types)
            yield f"review.type: '{self.review.type}' is not a review type of the framework (it has: {known})"
        for agency_id in self.imrs:
            yield from _unknown(f"imrs.{agency_id}", agency_id, agencies, "agency")
        for where, recs in self._recommendation_lists():
            yield from _duplicates(f"{where} numbers", [r.number for r in recs if r.number is not None])
            for i, rec in enumerate(recs):
                if rec.agency:
                    yield from _unknown(f"{where}[{i}].agency", rec.agency, agencies, "agency")
        if self.ofsted:
            for i, parent in enumerate(self.ofsted.parents):
                yield from _unknown(f"ofsted.parents[{i}]", parent, people, "person")
        for i, step in enumerate(self.incident.proceedings if self.incident else []):
            if step.person:
                yield from _unknown(f"incident.proceedings[{i}].person", step.person, people, "person")
        if self.decision and self.decision.proceeds and self.review.type not in self.decision.review_types:
            decided = " and ".join(self.decision.review_types)
            yield f"review.type: the review is a {self.review.type} but the chair decided on a {decided}"
        yield from reference_problems(self)
        yield from practice_review_problems(self)
        yield from decision_problems(self)
        yield from assurance_problems(self)
        for i, victim in enumerate(self.victims):
            if victim.family_member:
                yield from _unknown(f"victims[{i}].family_member", victim.family_member, people, "family member")
            if victim.carer:
                yield from _unknown(f"victims[{i}].carer", victim.carer, people, "family member")
        everyone = {CHILD, *people, *professionals, *victims}
        for i, answer in enumerate(self.anonymisation.names):
            if answer.means != THE_WORD:
                yield from _unknown(f"anonymisation.names[{i}].means", answer.means, everyone, "person")
        for i, place in enumerate(self.places):
            if place.name.casefold() in {area.casefold() for area in self.own_areas}:
                yield (
                    f"places[{i}].name: the board's own area, its towns and a joint review's other board's area are"
                    " not generalised; leave it out of places"
                )
        yield from self._timetable_problems()

    def _domestic_abuse_problems(self, agencies: set[str], people: set[str]) -> Iterable[str]:
        abuse = self.subject.domestic_abuse
        if abuse is None:
            return
        where = "subject.domestic_abuse"
        yield from _unknown(f"{where}.perpetrator", abuse.perpetrator, people, "family member")
        for i, report in enumerate(abuse.previous_reports):
            if report.agency:
                yield from _unknown(f"{where}.previous_reports[{i}].agency", report.agency, agencies, "agency")

    def _timetable_problems(self) -> Iterable[str]:
        timetable = self.framework.timetable
        if timetable is not None and self.board.clock_starts:
            try:
                timetable.started(self.board.clock_starts)
            except ValueError as error:
                yield f"board.clock_starts: {_said(error)}"
        steps = {step.id for step in timetable.steps} if timetable else set()
        for step_id in self.review.step_dates:
            yield from _unknown(f"review.step_dates.{step_id}", step_id, steps, "timetable step")
        for where, path in timetable.field_paths() if timetable else ():
            if not is_date_field(Case, path):
                yield f"framework.timetable.{where}: '{path}' is not a date field of the case"

    def _recommendation_lists(self) -> Iterable[tuple[str, list[Recommendation]]]:
        for agency_id, imr in self.imrs.items():
            yield f"imrs.{agency_id}.recommendations", imr.recommendations
        if self.overview:
            yield "overview.recommendations", self.overview.recommendations


def _duplicates(what: str, values: list[object]) -> Iterable[str]:
    seen: set[object] = set()
    for value in values:
        if value in seen:
            yield f"{what}: '{value}' is used more than once"
        seen.add(value)


_T = TypeVar("_T")

DERIVED = "derived"
"""The validation context key of a case made from one already loaded (anonymised; as at a day): the framework's
required fields were checked when the case file was loaded, and a record dated later may now be left out."""


def per_case(function: Callable[[Case], _T]) -> Callable[[Case], _T]:
    """Cache a function of a case by the case's identity (a case is immutable; a few cases at a time)."""
    store: dict[int, tuple[Case, _T]] = {}

    @wraps(function)
    def cached(case: Case) -> _T:
        hit = store.get(id(case))
        if hit is not None and hit[0] is case:
            return hit[1]
        value = function(case)
        if len(store) >= 8:
            store.pop(next(iter(store)))
        store[id(case)] = (case, value)
        return value

    return cached


def _said(error: ValueError) -> str:
    """What a validation error says, without pydantic's framing."""
    if isinstance(error, ValidationError):
        return str(error.errors()[0]["msg"]).removeprefix("Value error, ")
    return str(error)

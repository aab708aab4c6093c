"""The person a review is about, the family and significant others, agencies and professionals."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from pydantic import Field, model_validator

from .common import CHILD, Address, Contact, Identifier, Model, Text
from .options import (
    DisabilityArea,
    Ethnicity,
    Gender,
    LegalStatus,
    PartnershipEnd,
    RegistrationCategory,
    YesNoHasBeen,
)
from .publication import AgencyKind

_COMMON_WORDS = """gp surgery medical centre health day primary secondary academy pre-school preschool infant junior
early years team"""
_GENERIC_WORDS = frozenset(word for kind in AgencyKind for word in kind.value.lower().split()) | frozenset(
    _COMMON_WORDS.split()
)
"""Words that name what an agency is, not which one it is."""


class Named(Model):
    """A real person's name in all the forms it is written."""

    title: Text | None = None
    """Mr, Mrs, Ms, Miss, Dr …"""
    first_name: Text
    """Given name."""
    middle_names: list[Text] = []
    """Middle names, in order."""
    last_name: Text
    """Family name; hyphenated and double-barrelled names as written."""
    known_as: list[Text] = []
    """Names the person is known by (nicknames, short forms)."""
    other_names: list[Text] = []
    """Other full names used (previous surnames, aliases)."""

    @property
    def full_name(self) -> str:
        """First, middle and last names."""
        return " ".join(part for part in (self.first_name, *self.middle_names, self.last_name) if part)


class Needs(Model):
    """A yes/no question with details when the answer is yes."""

    answer: bool = False
    """Yes (true) or no (false)."""
    details: Text | None = None
    """Details, when the answer is yes."""


class DatedLegalStatus(Model):
    """A legal status with the day it began and, once over, the day it ended."""

    status: LegalStatus
    """The status, as the Ofsted form's box."""
    since: dt.date | None = None
    """The day it began (an order made); empty when it held before the period under review."""
    until: dt.date | None = None
    """The day it ended; empty while it holds."""

    def holds_on(self, day: dt.date) -> bool:
        """Whether the status held on that day."""
        return (self.since is None or self.since <= day) and (self.until is None or day < self.until)

    @model_validator(mode="after")
    def _in_order(self) -> DatedLegalStatus:
        if self.since and self.until and self.until < self.since:
            raise ValueError("until is before since")
        return self


class SubjectBefore(Model):
    """What the subject's record said until a day, for the facts that changed then (an injury's lasting effects, an
    assessment asked for): a paper dated before that day prints these."""

    until: dt.date
    """The day these facts stopped holding."""
    address: Address | None = None
    """Home address until then."""
    educational_establishment: Text | None = None
    """School or nursery until then."""
    special_needs: Needs | None = None
    """Special needs or a disability until then."""
    special_educational_needs: Needs | None = None
    """Special educational needs until then."""
    child_protection_plan: bool | None = None
    """Whether the child was subject to a child protection plan until then."""


class CareAndSupport(Model):
    """An adult's needs for care and support (Care Act 2014, s.44(1)(a)), who met them, their mental capacity and
    their advocacy: what a Safeguarding Adults Review reads of the adult it is about."""

    needs: Text
    """The adult's needs for care and support, e.g. 'help with personal care and medication after a stroke'."""
    met_by_local_authority: bool
    """Whether the local authority was meeting any of those needs (a review may be held either way)."""
    met_by: list[Text] = []
    """Who met them: services and unpaid carers, e.g. 'a home care agency, four visits a day'."""
    capacity: Text | None = None
    """What was known of the adult's mental capacity for the decisions that mattered, and any assessment of it."""
    advocacy: Text | None = None
    """The adult's advocacy: an independent advocate (Care Act 2014, s.68) or another, or why there was none."""


class PreviousReport(Model):
    """Abuse reported before the death, to an agency or by one (a call to the police, a disclosure to a GP)."""

    date: dt.date
    """The day it was reported."""
    agency: Identifier | None = None
    """The agency (its id) it was reported to or by; empty when it was to no agency (a friend, a helpline)."""
    summary: Text
    """What was reported, and what came of it."""


class DomesticAbuse(Model):
    """A death through domestic abuse: who is believed responsible, how they were related to the person who died, and
    what had been reported before (what a Domestic Homicide Review reads of the victim it is about)."""

    perpetrator: Identifier
    """The family member (their id) believed responsible for the death."""
    relationship: Text
    """The perpetrator's relationship to the person who died, e.g. 'Husband', 'Former partner', 'Son'."""
    previous_reports: list[PreviousReport] = []
    """Abuse reported before the death, in date order."""
    convicted: Text | None = None
    """What the perpetrator was convicted of, and when, as a sentence ends 'was convicted …', e.g. 'of her murder
    in June 2026'; empty while no court has decided (the reports then speak of the person believed responsible)."""


class Subject(Named):
    """The person the review is about: a child; an adult with needs for care and support (with `care_and_support`);
    or a person who died through domestic abuse (with `domestic_abuse`). The fields only a child has (school, child
    protection plan and register, the child's legal status) are left empty for an adult."""

    anonymous_name: Text | None = None
    """The anonymous first name used in anonymised documents; if empty, 'Child' and a letter."""
    gender: Gender
    """Gender, as the Ofsted form asks."""
    date_of_birth: dt.date | None = None
    """Date of birth."""
    age_if_no_dob: Text | None = None
    """Age, when the date of birth is not known."""
    date_of_death: dt.date | None = None
    """Date of death, where it applies."""
    address: Address
    """Home address."""
    ethnicity: Ethnicity
    """Ethnic origin, in the Ofsted form's categories."""
    ethnicity_other: Text | None = None
    """Ethnic group, when 'Any other ethnic group' is chosen."""
    religion: Text | None = None
    """Religion."""
    educational_establishment: Text | None = None
    """School, nursery or other educational establishment."""
    special_needs: Needs = Needs()
    """Special needs or a disability (referral form 1.2)."""
    special_educational_needs: Needs = Needs()
    """Special educational needs (referral form 1.2)."""
    child_protection_plan: bool = False
    """Whether the child is subject to a child protection plan."""
    on_register: YesNoHasBeen = YesNoHasBeen.NO
    """Is the child on the Child Protection Register?"""
    registration_categories: list[RegistrationCategory] = []
    """Category of registration, when on the register now or before."""
    siblings_on_register: YesNoHasBeen = YesNoHasBeen.NO
    """Are any siblings on the Child Protection Register?"""
    siblings_registration_categories: list[RegistrationCategory] = []
    """Category of the siblings' registration."""
    legal_status: list[LegalStatus | DatedLegalStatus] = [LegalStatus.NONE]
    """Legal status of a child: a status as the Ofsted form's box, or with the days it began and ended
    (`{status: Care Order, since: 2026-03-02}`), so that a form prints what held on its date."""
    legal_status_other: Text | None = None
    """Legal status, when 'Other (please specify)' is chosen."""
    before: list[SubjectBefore] = []
    """Facts given above that changed after the case began, each with what held until the day it changed
    (`{until: 2026-06-01, special_educational_needs: {answer: false}}`): a paper prints what held on its date."""
    disability: bool = False
    """Does the child have a disability?"""
    disability_areas: list[DisabilityArea] = []
    """Areas the disability affects."""

    care_and_support: CareAndSupport | None = None
    """An adult's needs for care and support, who met them, capacity and advocacy (a Safeguarding Adults Review)."""
    domestic_abuse: DomesticAbuse | None = None
    """The death through domestic abuse: perpetrator, relationship, previous reports (a Domestic Homicide Review)."""

    # the genogram
    parents: list[Identifier] = Field(default=[], max_length=2)
    """The subject's parents (family members' ids), drawn above the subject on the genogram."""

    @model_validator(mode="after")
    def _dates_in_order(self) -> Subject:
        if self.date_of_birth and self.date_of_death and self.date_of_death < self.date_of_birth:
            raise ValueError("date_of_death is before date_of_birth")
        if self.disability_areas and not self.disability:
            raise ValueError("disability_areas are given but disability is false")
        return self


class FamilyMemberBefore(Model):
    """What a family member's record said until a day, for the facts that changed then (a move, a charge, an
    order): a paper dated before that day prints these."""

    until: dt.date
    """The day these facts stopped holding."""
    address: Address | None = None
    """Address until then."""
    situation: Text | None = None
    """Where the person lived until then, as anonymised documents say it."""
    household: bool | None = None
    """Whether the person lived in the child's household until then."""
    legal_status: Text | None = None
    """Legal status or criminal proceedings until then."""
    special_needs: Needs | None = None
    """Special needs or a disability until then."""
    child_protection_plan: Needs | None = None
    """Child protection plan until then."""


class Partnership(Model):
    """A couple on the genogram: a marriage or civil partnership, or living together, and whether it ended."""

    partner: Identifier
    """The other partner (a family member's id)."""
    married: bool = False
    """Married or in a civil partnership (a solid line); otherwise a partnership (a dashed line)."""
    ended: PartnershipEnd | None = None
    """'Separated' (one stroke across the line) or 'Divorced' (two strokes); empty while it lasts."""


class Speaking(Model):
    """The language a person reads and speaks, when letters to them should offer a translation or an interpreter."""

    language: Text | None = None
    """The language the person reads and speaks best, when it is not English, e.g. 'Kurdish (Sorani)': letters
    to them offer a translation."""
    interpreter: bool = False
    """Whether the person needs an interpreter to speak with the review (give `language` too): letters to them
    offer one."""

    @model_validator(mode="after")
    def _language_for_interpreter(self) -> Speaking:
        if self.interpreter and not self.language:
            raise ValueError("language: say which language the interpreter is needed for (interpreter is true)")
        return self


class FamilyMember(Named, Speaking):
    """A family member or significant other of the child (referral form 1.3)."""

    id: Identifier
    """Key by which the chronology and other records refer to this person."""
    relationship: Text
    """Relationship to the child, e.g. 'Mother', 'Maternal Grandmother', 'Sibling', 'Mother's partner'."""
    anonymous_name: Text | None = None
    """The name anonymised documents give this person instead of their relationship: a child notified with the
    subject child is named in the public report as the subject child is; if empty, the relationship."""
    gender: Gender | None = None
    """Gender."""
    date_of_birth: dt.date | None = None
    """Date of birth."""
    age_if_no_dob: Text | None = None
    """Age, when the date of birth is not known."""
    address: Address | None = None
    """Address."""
    situation: Text | None = None
    """Where the person lives, as anonymised documents say it instead of the address, e.g. 'in custody';
    by default 'the family home' at the child's address, else where the address is ('lives in another area')."""
    household: bool = False
    """Whether the person lived in the child's household."""
    legal_status: Text | None = None
    """Legal status or criminal proceedings."""
    ethnicity: Ethnicity | None = None
    """Ethnic origin."""
    religion: Text | None = None
    """Religion."""
    special_needs: Needs = Needs()
    """Special needs or a disability."""
    child_protection_plan: Needs = Needs()
    """Has been or is subject to a child protection plan."""
    alleged_abuser: bool = False
    """Named on the Ofsted form as an alleged abuser."""
    notify: bool = False
    """Receives Letter 5 (notification to parents)."""
    before: list[FamilyMemberBefore] = []
    """Facts given above that changed after the case began, each with what held until the day it changed
    (`{until: 2026-02-25, address: …, legal_status: …}`): a paper prints what held on its date."""

    # the genogram
    parents: list[Identifier] = Field(default=[], max_length=2)
    """The person's parents (ids of family members, or 'child'), drawn above the person on the genogram."""
    partnerships: list[Partnership] = []
    """Partnerships with other family members; each is given once, on either partner."""
    date_of_death: dt.date | None = None
    """Date of death, where it applies (the genogram marks the person deceased)."""

    @model_validator(mode="after")
    def _death_after_birth(self) -> FamilyMember:
        if self.date_of_birth and self.date_of_death and self.date_of_death < self.date_of_birth:
            raise ValueError("date_of_death is before date_of_birth")
        return self


class Agency(Model):
    """An organisation involved with the child or family, or a partner of the board."""

    id: Identifier
    """Key by which the chronology, professionals and recommendations refer to this agency."""
    name: Text
    """Full name, kept in anonymised documents unless it would locate the family (see `kind`)."""
    short_name: Text
    """The name used consistently in chronologies, e.g. 'Police' (Appendix VI)."""
    kind: AgencyKind | None = None
    """What the agency is; a nursery, school, GP practice or housing provider is called by its kind
    ('the nursery') in anonymised documents, because its name would locate the family."""
    locates_family: bool | None = None
    """Whether the agency's name would locate the family; by default from its kind (and true for the
    child's own nursery or school)."""
    anonymous_name: Text | None = None
    """What anonymised documents call the agency when its name would locate the family, written as in running
    text, e.g. 'social services in Wales' (a second agency of one kind); by default its kind ('the nursery')."""
    other_names: list[Text] = []
    """Other ways the texts write the agency's name, e.g. 'Little Acorns'."""
    section: Text | None = None
    """Section or service of the agency whose involvement is reviewed."""
    chief_officer: Contact
    """Chief Executive or Director, who commissions and signs off the IMR."""
    board_member: Contact | None = None
    """The agency's member of the board (copied into Letter 3)."""
    panel_representative: Contact | None = None
    """The agency's representative on the Serious Case Review Panel."""
    imr_author: Contact | None = None
    """Author of the agency's Individual Management Review."""
    safeguarding_lead: Contact | None = None
    """The agency's safeguarding lead, asked for its summary for a rapid review."""
    involvement: Text | None = None
    """Officer, position and nature of the agency's involvement (referral form 1.4)."""
    officer: Identifier | None = None
    """The professional (their id) named on the referral form as the agency's officer (form 1.4)."""
    still_involved: bool = False
    """Whether the agency is still involved with the family."""
    imr_required: bool = True
    """Whether the agency is asked for an Individual Management Review."""
    imr_deadline: dt.date | None = None
    """Date by which this agency's IMR is due, when it differs from the review's (the IMR author brief)."""
    contribution: Text | None = None
    """Nature of the agency's contribution to the review, e.g. 'Individual Management Review'."""

    @property
    def short_name_is_generic(self) -> bool:
        """Whether the short name only says what the agency is ('Nursery', 'GP'), not which one."""
        return all(word in _GENERIC_WORDS for word in re.findall(r"[\w'-]+", self.short_name.lower()))

    @property
    def names_that_locate(self) -> tuple[str, ...]:
        """The names that say which agency it is: its name, other names and a short name that is not generic."""
        short = () if self.short_name_is_generic else (self.short_name,)
        return tuple(dict.fromkeys((self.name, *self.other_names, *short)))


class Professional(Named):
    """A practitioner who worked with the child or family."""

    id: Identifier
    """Key by which the chronology refers to this professional."""
    role: Text
    """Role, used for anonymisation: 'Health Visitor', 'Social Worker' …"""
    agency: Identifier
    """The agency (its id) the professional worked for."""
    workplace: Text | None = None
    """Team or workplace (Letter 7 reply slip)."""
    phone: Text | None = None
    """Telephone number (the referral form's contact details)."""
    email: Text | None = None
    """E-mail address (the referral form's contact details)."""
    address: Address | None = None
    """Home address, where it is appropriate to record it (the interview record, Appendix VI)."""
    debriefing: bool = False
    """Invited to the practitioners' debriefing (Letter 7), or to a review's learning event."""


class Victim(Named, Speaking):
    """A person notified as a victim (Letter 6): an adult is written to by title and surname, a child or
    young person by first name, and a child in a child's words, care of the person who looks after them."""

    id: Identifier
    """Key of the record."""
    date_of_birth: dt.date | None = None
    """Date of birth: whether the letter is written to a child or young person."""
    age_if_no_dob: Text | None = None
    """Age, when the date of birth is not known, e.g. '15 years'."""
    address: Address | None = None
    """Postal address."""
    family_member: Identifier | None = None
    """The family member (their id) this victim is, when the victim is one of the family: one person, one label."""
    carer: Identifier | None = None
    """The family member (their id) who looks after a child victim: the letter goes to the child care of them,
    with a copy to them (needed for a victim under 16 on the letter's date)."""
    support: Text | None = None
    """Who the victim may contact for support (an advocacy or support service and its number); a letter to a
    child needs it."""


def relation_problems(child: Subject, family: list[FamilyMember]) -> Iterable[str]:
    """Genogram relations that do not resolve: unknown or own parents and partners, a couple given twice,
    a person who is their own ancestor."""
    known = {CHILD, *(member.id for member in family)}
    parents = {CHILD: child.parents, **{member.id: member.parents for member in family}}
    for path, person, people in (
        ("subject", CHILD, child.parents),
        *((f"family[{i}]", m.id, m.parents) for i, m in enumerate(family)),
    ):
        others = known - {person}
        for j, parent in enumerate(people):
            if parent not in others:
                yield f"{path}.parents[{j}]: unknown person '{parent}' (known: {', '.join(sorted(others))})"
    couples: set[frozenset[str]] = set()
    for i, member in enumerate(family):
        for j, partnership in enumerate(member.partnerships):
            where = f"family[{i}].partnerships[{j}].partner"
            couple = frozenset({member.id, partnership.partner})
            if partnership.partner not in known - {CHILD, member.id}:
                yield f"{where}: unknown family member '{partnership.partner}'"
            elif couple in couples:
                yield f"{where}: the partnership of '{member.id}' and '{partnership.partner}' is given twice"
            couples.add(couple)
    for person in parents:
        if _is_own_ancestor(person, parents):
            yield f"{'subject' if person == CHILD else person}: is among their own ancestors (parents)"


def _is_own_ancestor(person: str, parents: dict[str, list[str]]) -> bool:
    seen: set[str] = set()
    todo = list(parents.get(person, []))
    while todo:
        ancestor = todo.pop()
        if ancestor == person:
            return True
        if ancestor not in seen:
            seen.add(ancestor)
            todo.extend(parents.get(ancestor, []))
    return False

"""The board profile: who the board is and how to reach its officers."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from .common import Address, Contact, Identifier, Model, Text
from .publication import DatePrecision
from .timetable import StepStart


class Nation(StrEnum):
    """A nation whose bank holidays a board keeps (working days skip them)."""

    ENGLAND_AND_WALES = "England and Wales"
    SCOTLAND = "Scotland"
    NORTHERN_IRELAND = "Northern Ireland"


class LocalBody(Model):
    """The body a board writes to in place of one its framework names: the Integrated Care Board that took over
    from the Strategic Health Authority, say, with the person letters are copied to."""

    name: Text
    """The organisation, e.g. 'NHS Northbrook and District Integrated Care Board'."""
    contact: Contact | None = None
    """The person letters are copied to there."""
    address: Address | None = None
    """Its postal address, when no person is named."""


class SafeguardingPartner(Model):
    """One of the statutory safeguarding partners of a safeguarding partnership (the local authority, the
    integrated care board, the police), with the people who act for it."""

    id: Identifier
    """Key by which the case refers to the partner, e.g. 'la', 'icb', 'police'."""
    name: Text
    """The organisation, e.g. 'Northfield Council'."""
    lead: Contact
    """Its lead safeguarding partner (the chief executive, or the chief officer of police)."""
    delegate: Contact | None = None
    """Its delegated safeguarding partner, who acts and signs for the lead partner."""

    @property
    def signatory(self) -> Contact:
        """Who signs for the partner: the delegated safeguarding partner, else the lead."""
        return self.delegate or self.lead


class Board(Model):
    """A Local Safeguarding Children Board or a safeguarding partnership; printed on every letterhead and cover."""

    name: Text
    """Full name, e.g. 'Medway Safeguarding Children Board'."""
    short_name: Text
    """Abbreviation used in running text, e.g. 'MSCB'."""
    area: Text
    """The area the board serves, e.g. 'Medway'."""
    towns: list[Text] = []
    """The towns of the board's area, e.g. ['Chatham', 'Gillingham']: its public documents name them as they name
    the area (a town of the area alone points to no family); a family member living in one 'lives elsewhere in the
    area'. A village or an estate is generalised by the case's `places`."""
    address: Address
    """Postal address of the board's support team."""
    phone: Text
    """Telephone number of the support team."""
    fax: Text | None = None
    """Fax number of the support team."""
    email: Text
    """E-mail address of the support team."""
    website: Text
    """Website where the procedures and guidance are published."""
    procedures: Text = Field(min_length=1)
    """Name of the safeguarding procedures the guidance belongs to."""
    referral_form: Text = Field(min_length=1)
    """Reference of the board's referral form, e.g. 'SCR/Ref/M08'."""
    panel_name: Text = "Serious Case Review Panel"
    """Name of the board's review panel."""
    panel_short_name: Text = "SCRP"
    """Abbreviation of the panel's name."""
    monitoring_subgroup: Text = "QACR Subgroup"
    """The subgroup that monitors action plans (Quality Assurance and Case Review)."""
    chair: Contact
    """Chair (or Independent Chair) of the board."""
    panel_chair: Contact
    """Chair of the Serious Case Review Panel."""
    manager: Contact
    """Board Manager."""
    administrator: Contact
    """Board Administrator, who receives reports and chronologies."""
    legal_adviser: Contact
    """Legal Adviser to the Serious Case Review Panel."""
    director_of_childrens_services: Contact | None = None
    """Director of Children's Services (or nominated person) who notifies Ofsted."""
    holidays: Nation = Nation.ENGLAND_AND_WALES
    """Whose bank holidays the review timetable's working days skip."""
    clock_starts: dict[Identifier, StepStart] = {}
    """Steps of the framework's timetable whose clock this board starts elsewhere or runs for another length, by step
    id, where boards differ: when a rapid review's 15 working days begin, say (`{rapid-review: {after:
    notify-partners, timescale: Within 15 working days of the partners being told of the incident}}`), or a
    review completed within nine months (`{review-completed: {months: 9, timescale: …}}`); the timetable prints
    the wording."""
    public_dates: DatePrecision = DatePrecision.MONTH
    """How exact dates are written in public documents (the Executive Summary): 'month' (in February 2026,
    the default), 'year' (in 2026) or 'exact' (on 21 February 2026)."""
    members: list[Text] = []
    """The organisations that make up the board, as letters to families and victims name them: in plain words,
    without abbreviations (e.g. 'Northbrook Borough Council', 'Northbrook Constabulary'); empty: the partners'
    names."""
    partners: list[SafeguardingPartner] = []
    """The statutory safeguarding partners of a safeguarding partnership, each with its lead and delegated
    safeguarding partner; they sign off rapid reviews."""
    scrutineer: Contact | None = None
    """The partnership's independent scrutineer."""
    bodies: dict[Identifier, LocalBody] = {}
    """By the framework's key (e.g. 'health_authority'), the body the board's letters are copied to in place of
    the framework's: its local successor, with a person or an address."""
    abbreviations: dict[Text, Text] = {}
    """Abbreviations the board's papers use and what they stand for ('MASH': 'Multi-Agency Safeguarding Hub');
    a report's glossary lists those its text uses."""

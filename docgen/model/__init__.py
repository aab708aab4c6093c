"""The typed case model: one case file, validated, with a description for every field."""

from .board import Board
from .case import CHILD, Case
from .chronology import ChronologyEntry
from .common import Address, Approval, Contact, Meeting
from .correspondence import Correspondence
from .framework import Body, Framework, Guidance
from .interviews import Interview
from .ofsted import Incident, OfstedNotification
from .people import Agency, FamilyMember, Professional, Subject, Victim
from .publication import AgencyKind, Anonymisation, DatePrecision, NameMeaning, Place
from .recommendations import Recommendation, RecommendationPart
from .reports import ExecutiveSummary, Imr, Overview
from .review import Decision, Referral, Review, Screening

__all__ = [
    "CHILD",
    "Address",
    "Agency",
    "AgencyKind",
    "Anonymisation",
    "Approval",
    "Board",
    "Body",
    "Case",
    "ChronologyEntry",
    "Contact",
    "Correspondence",
    "DatePrecision",
    "Decision",
    "ExecutiveSummary",
    "FamilyMember",
    "Framework",
    "Guidance",
    "Imr",
    "Incident",
    "Interview",
    "Meeting",
    "NameMeaning",
    "OfstedNotification",
    "Overview",
    "Place",
    "Professional",
    "Recommendation",
    "RecommendationPart",
    "Referral",
    "Review",
    "Screening",
    "Subject",
    "Victim",
]

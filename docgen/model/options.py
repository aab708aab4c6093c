"""Every tick-box list of the seed forms, as enums whose values are the forms' own wording."""

from __future__ import annotations

from enum import StrEnum


class Option(StrEnum):
    """A tick-box answer; its value is the wording printed beside the box."""


class YesNo(Option):
    YES = "Yes"
    NO = "No"


class YesNoHasBeen(Option):
    YES = "Yes"
    NO = "No"
    HAS_BEEN = "Has been"


class YesNoPossible(Option):
    YES = "Yes"
    NO = "No"
    POSSIBLE = "Possible"


class Gender(Option):
    MALE = "Male"
    FEMALE = "Female"

    @property
    def possessive(self) -> str:
        """'his' or 'her'."""
        return "his" if self is Gender.MALE else "her"

    @property
    def object(self) -> str:
        """'him' or 'her'."""
        return "him" if self is Gender.MALE else "her"


class ReferralCircumstance(Option):
    """Referral form 1.5, circumstances triggering referral."""

    DEATH = "Death of Child and abuse or neglect is known or suspected to be a factor in the child's death"
    INJURY = (
        "Potentially life threatening injury, serious sexual abuse, or serious and permanent impairment"
        " of health or development [through abuse or neglect]"
    )
    PARENT_MURDERED = "The parent has been murdered and a homicide review is being initiated"
    KILLED_BY_ILL_PARENT = "The child has been killed by a parent with a mental illness"
    INTER_AGENCY = "Concerns about inter-agency working"


class PanelRecommendation(Option):
    """Referral form 2.2."""

    RECOMMENDED = "Recommended"
    NOT_RECOMMENDED = "Not Recommended"


class ReviewDecision(Option):
    """Referral form 3.1 (and 2.3 without the first line): what the case should be subject to."""

    SERIOUS_CASE_REVIEW = "A Serious Case Review"
    LESSONS_LEARNED_REVIEW = "A Lessons Learned Review"
    MULTI_AGENCY_REVIEW = "A Multi-Agency Review"
    SINGLE_AGENCY_REVIEW = "A Single Agency Management Review"
    TRAINING_EVENT = "A Multi-Agency Training Event"
    ALTERNATIVE_PROCESS = "Alternative Process Suggested by the Nature of the Case"
    NO_ACTION = "No Action"


class AlternativeAction(Option):
    """Letter 2, the alternative actions the panel may propose."""

    LESSONS_LEARNED_REVIEW = "Lessons Learned Review"
    SINGLE_AGENCY_REVIEW = "Single Agency Management Review"
    TRAINING = "Inter agency training and development initiative"
    INTERNAL_AUDIT = "Internal Audit"
    PRACTITIONER_FORUM = "Discussion at the Safeguarding Children Board Practitioner Forum"


class NotificationReason(Option):
    """Ofsted notification section 2, reason for notification."""

    SCR_CONFIRMED = "Serious case review confirmed"
    SCR_POSSIBLE = "Serious case review possible but not yet confirmed"
    LOOKED_AFTER_DEATH = "Death of a looked-after child"
    CHILDRENS_HOME = "Death or serious harm to a child in a children's home"
    SERIOUS_HARM = "Serious harm to a child"
    STAFF_CONDUCT = "Conduct of a member of staff"


class Ethnicity(Option):
    """Ofsted notification section 3, ethnicity (groups a to f)."""

    WHITE_BRITISH = "British"
    WHITE_IRISH = "Irish"
    WHITE_OTHER = "Any other White background"
    MIXED_ASIAN_WHITE = "Asian and White"
    MIXED_AFRICAN_WHITE = "Black African and White"
    MIXED_CARIBBEAN_WHITE = "Black Caribbean and White"
    MIXED_OTHER = "Any other mixed background"
    ASIAN_INDIAN = "Indian"
    ASIAN_PAKISTANI = "Pakistani"
    ASIAN_BANGLADESHI = "Bangladeshi"
    ASIAN_CHINESE = "Chinese"
    ASIAN_OTHER = "Any other Asian background"
    BLACK_CARIBBEAN = "Caribbean"
    BLACK_AFRICAN = "African"
    BLACK_OTHER = "Any other Black background"
    OTHER = "Any other ethnic group (please specify):"
    NOT_DECLARED = "Not declared"


ETHNIC_GROUPS: dict[str, tuple[Ethnicity, ...]] = {
    "(a) White": (Ethnicity.WHITE_BRITISH, Ethnicity.WHITE_IRISH, Ethnicity.WHITE_OTHER),
    "(b) Mixed": (
        Ethnicity.MIXED_ASIAN_WHITE,
        Ethnicity.MIXED_AFRICAN_WHITE,
        Ethnicity.MIXED_CARIBBEAN_WHITE,
        Ethnicity.MIXED_OTHER,
    ),
    "(c) Asian or Asian British": (
        Ethnicity.ASIAN_INDIAN,
        Ethnicity.ASIAN_PAKISTANI,
        Ethnicity.ASIAN_BANGLADESHI,
        Ethnicity.ASIAN_CHINESE,
        Ethnicity.ASIAN_OTHER,
    ),
    "(d) Black or Black British": (Ethnicity.BLACK_CARIBBEAN, Ethnicity.BLACK_AFRICAN, Ethnicity.BLACK_OTHER),
    "(e) Other ethnic groups": (Ethnicity.OTHER,),
    "(f) Not declared": (Ethnicity.NOT_DECLARED,),
}
"""The Ofsted form's ethnicity groups, in the form's order."""


class RegistrationCategory(Option):
    """Ofsted notification, category of child protection registration."""

    PHYSICAL = "Physical abuse"
    SEXUAL = "Sexual abuse"
    EMOTIONAL = "Emotional abuse"
    NEGLECT = "Neglect"


class LegalStatus(Option):
    """Ofsted notification, legal status of the child."""

    ADOPTION = "Adoption"
    EMERGENCY_PROTECTION_ORDER = "Emergency Protection Order"
    POLICE_PROTECTION_ORDER = "Police Protection Order"
    SUPERVISION_ORDER = "Supervision Order"
    CARE_ORDER = "Care Order"
    WARD_OF_COURT = "Ward of Court"
    SECTION_20 = "Section 20 Accommodation"
    RESIDENCE_ORDER = "Residence Order"
    NONE = "None"
    OTHER = "Other (please specify)"


class DisabilityArea(Option):
    """Ofsted notification, areas a disability affects."""

    MOBILITY = "Mobility"
    HAND_FUNCTION = "Hand function"
    PERSONAL_CARE = "Personal care"
    INCONTINENCE = "Incontinence"
    COMMUNICATION = "Communication"
    LEARNING = "Learning"
    HEARING = "Hearing"
    VISION = "Vision"
    BEHAVIOUR = "Behaviour"
    CONSCIOUSNESS = "Consciousness"


class IncidentType(Option):
    """Ofsted notification section 4, type of incident."""

    SERIOUS_INJURY = "Serious injury"
    DEATH = "Death"


class Residence(Option):
    """Ofsted notification, residence or placement at the time of the incident."""

    HOME = "Living at home"
    RELATIVES = "Living with relatives"
    FOSTER_SHORT_TERM = "With foster carers (short term)"
    FOSTER_LONG_TERM = "With foster carers (long term)"
    FOSTER_SHORT_BREAK = "With foster carers (short break)"
    CHILDRENS_HOME = "Residential children's home"
    CHILDRENS_HOME_SHORT_BREAK = "Residential children's home (short break)"
    LODGINGS = "Lodgings"
    RESIDENTIAL_SCHOOL = "Residential school"
    SEMI_INDEPENDENCE = "Semi-independence unit"
    MOTHER_AND_BABY = "Mother and baby unit"
    HOSPITAL = "Hospital"
    FAMILY_UNIT = "Residential family unit"
    NOT_KNOWN = "Not yet known"
    OTHER = "Other (please specify)"


class InstitutionSector(Option):
    """Ofsted notification, sector of the institution accommodating the child."""

    LOCAL_AUTHORITY = "Local authority"
    VOLUNTARY = "Voluntary"
    PRIVATE = "Private"
    NOT_KNOWN = "Not known"


class Cause(Option):
    """Ofsted notification, cause of incident."""

    NATURAL = "Natural causes"
    NON_ACCIDENTAL_INJURY = "Non-accidental injury"
    SELF_HARM = "Self-harm"
    NOT_KNOWN = "Not yet known"
    NON_ACCIDENTAL_DEATH = "Non-accidental death"
    ROAD_TRAFFIC = "Road traffic accident (RTA)"
    SUICIDE = "Suicide"
    ACCIDENTAL_DEATH = "Accidental death"
    SIDS = "Sudden Infant Death Syndrome"
    NEGLECT = "Neglect"
    ACCIDENTAL_INJURY = "Accidental injury"
    DRUG_MISUSE = "Drug/solvent misuse"
    OTHER = "Other (please specify)"


class Characteristic(Option):
    """Ofsted notification, characteristics of the case."""

    DOMESTIC_VIOLENCE = "Domestic violence"
    ALCOHOL = "Alcohol abuse"
    DRUGS = "Drug abuse"
    PARENTAL_MENTAL_HEALTH = "Parental mental health"
    FABRICATED_ILLNESS = "Fabricated illness"
    SHAKEN_BABY = "Shaken baby syndrome"
    SEXUAL_ABUSE = "Sexual abuse"
    PARENT_IN_CARE = "Parent in care"
    MORE_THAN_ONE_CHILD = "More than one child abused"
    TEENAGE_PREGNANCY = "Child of teenage pregnancy"
    CARE_LEAVER = "Parent is care leaver"
    SERIOUS_ILLNESS = "Serious illness"
    EMOTIONAL_ABUSE = "Emotional abuse"
    RECENT_NEGLECT = "Recent neglect"
    LONG_STANDING_NEGLECT = "Long-standing neglect"
    PHYSICAL_ABUSE = "Physical abuse"


class MediaInterest(Option):
    """Ofsted notification, media interest."""

    NATIONAL = "National"
    LOCAL = "Local"
    NONE = "None"
    NOT_KNOWN = "Not known"


class TrafficLight(Option):
    """Action plan assessment (section 2.4.14)."""

    RED = "Red"
    AMBER = "Amber"
    GREEN = "Green"


class PartnershipEnd(Option):
    """How a partnership ended, as the genogram marks it."""

    SEPARATED = "Separated"
    DIVORCED = "Divorced"


class AbuseOrNeglect(Option):
    """Serious incident notification: whether abuse or neglect of the child is known or suspected."""

    KNOWN = "Known"
    SUSPECTED = "Suspected"
    NEITHER = "Neither known nor suspected"


class Harm(Option):
    """Serious incident notification: what happened to each child notified."""

    DIED = "Died"
    SERIOUSLY_HARMED = "Seriously harmed"


class SafeguardingStatus(Option):
    """Serious incident notification: each child's status with children's social care at the time."""

    CHILD_PROTECTION_PLAN = "Subject to a child protection plan"
    CHILD_IN_NEED = "Child in need"
    LOOKED_AFTER = "Looked-after child"
    CARE_LEAVER = "Care leaver"
    EARLY_HELP = "Receiving early help"
    NONE = "None of these"


class SocialCareInvolvement(Option):
    """Serious incident notification: each child's involvement with children's social care."""

    OPEN = "Open to children's social care at the time of the incident"
    PREVIOUSLY = "Previously known to children's social care"
    NOT_KNOWN = "Not known to children's social care"


class ReviewView(Option):
    """An agency's view, in its summary for the rapid review, on whether a local review should be held."""

    YES = "A local review should be held"
    NO = "A local review is not needed"
    UNDECIDED = "Undecided"

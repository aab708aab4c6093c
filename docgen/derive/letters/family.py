"""The letters to a family and to victims (Letters 5 and 6): every sentence that depends on the case, in words a
parent, a victim or a child can read. Organisations by their plain names (the board profile's `members`), never the
agencies' short names; publication promised only when the case's publication record says so; a joint review led by
the other board said to be; a translation and an interpreter offered to a person who needs them; a child victim
written to in a child's words, care of the person who looks after them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ...model import Case
from ...model.options import Gender
from ...model.people import FamilyMember, Victim
from ...model.review import JointArrangement, JointLead
from ..facts import decision_of, proceedings_on
from ..household import short_relationship
from ..registry import Request
from .addressing import care_of, is_child_reader, plain_list, written_name
from .sentences import concluded, duty, letter_date, process, review_reason, says


def members(case: Case) -> list[str]:
    """The organisations that make up the board, as a family reads them: the board profile's `members`, else its
    safeguarding partners' names."""
    return list(case.board.members) or [partner.name for partner in case.board.partners]


def made_up_of(case: Case) -> str:
    """Letter 5: the review is the work of the board's member organisations, named when the board profile names
    them."""
    organisation = case.framework.wording.organisation
    sentence = f"It is a separate process, involving senior managers from all the agencies that make up {organisation}"
    listed = members(case)
    return f"{sentence}: {plain_list(listed)}." if listed else f"{sentence}."


def managed_by(case: Case) -> str:
    """Letter 6: who manages the review: people from the board's member organisations."""
    listed = members(case)
    whom = plain_list(listed) if listed else f"the organisations that make up {case.framework.wording.organisation}"
    return f"a group of very experienced people from {whom}"


def who_reviews(case: Case) -> str:
    """Letter 5: which board carries out the review, and with whom when another board is involved (Appendix X).

    A joint panel is a joint review led by one board; a review with limited input is the leading board's, helped by
    the other.
    """
    board, joint = f"the {case.board.name}", case.review.joint
    if joint is None:
        return f"{board} will carry out a review"
    partner, leads = f"the {joint.partner_board.name}", joint.led_by is JointLead.THIS_BOARD
    if joint.arrangement is JointArrangement.JOINT_PANEL:
        if leads:
            return f"{board} will lead a joint review with {partner}"
        return f"{board} will carry out a joint review with {partner}, which leads it"
    lead, other = (board, partner) if leads else (partner, board)
    return f"{lead} will carry out a review, with help from {other}"


def comments_to(case: Case) -> str:
    """Letter 5: who a parent may send comments to: the board's panel; the review itself, when it has its own
    independent chair; a joint review's joint panel; the leading board, when another board leads a review this
    board only contributes to (Appendix X)."""
    joint, panel = case.review.joint, case.board.panel_name
    if case.review.chair is not None and joint is None:
        return "the review"
    if joint is None or (joint.arrangement is JointArrangement.LIMITED_INPUT and joint.led_by is JointLead.THIS_BOARD):
        return f"{case.framework.wording.organisation}'s {panel}"
    partner = joint.partner_board.name
    if joint.arrangement is JointArrangement.JOINT_PANEL:
        return f"the joint {panel} of the {case.board.name} and the {partner}"
    return f"the {partner}, which leads the review"


def because_of(case: Case) -> str:
    """What happened to the child, as Letter 5 gives the reason for the review."""
    child = case.subject
    if child.date_of_death is not None:
        return f"{child.first_name}'s death"
    if case.incident is not None:
        return f"the {case.incident.type.value.lower()} to {child.first_name}"
    return f"what happened to {child.first_name}"


_KIN = {
    # the addressee's relationship to the subject: what the subject is to the addressee, (male, female)
    "mother": ("son", "daughter"),
    "father": ("son", "daughter"),
    "son": ("father", "mother"),
    "daughter": ("father", "mother"),
    "brother": ("brother", "sister"),
    "sister": ("brother", "sister"),
    "husband": ("husband", "wife"),
    "wife": ("husband", "wife"),
    "grandmother": ("grandson", "granddaughter"),
    "grandfather": ("grandson", "granddaughter"),
}
"""Relationships whose converse a letter can name: the addressee's to the subject, and the subject's to them."""


def whose(case: Case, person: FamilyMember | Victim) -> str:
    """The subject as a letter to a relative names them: 'your mother, Margaret' to her daughter; the name alone
    where the relationship is not a plain one (a partner, a step-parent) or the subject's gender is not known.

    >>> from docgen.model.options import Gender
    >>> _converse("Daughter", Gender.FEMALE), _converse("Maternal grandmother", Gender.MALE)
    ('mother', 'grandson')
    >>> _converse("Mother's partner", Gender.MALE) is None
    True
    """
    relationship = getattr(person, "relationship", None)
    kin = _converse(relationship, case.subject.gender) if relationship else None
    return f"your {kin}, {case.subject.first_name}" if kin else case.subject.first_name


def _converse(relationship: str, gender: Gender | None) -> str | None:
    words = short_relationship(relationship).removeprefix("maternal ").removeprefix("paternal ")
    pair = _KIN.get(words)
    if pair is None or gender is None:
        return None
    return pair[0] if gender is Gender.MALE else pair[1]


def not_influenced(case: Case, on: dt.date) -> str:
    """What Letter 5 says the review will not influence: the work professionals are doing with the family (in
    general words: not every family has a social worker or a health visitor), and the police's work too while
    proceedings are under way; the framework's own words where it has them."""
    if case.framework.wording.not_influenced:
        return case.framework.wording.not_influenced
    work = "any work that is happening at the moment between your family and the professionals working with you"
    if proceedings_under_way(case, on):
        return f"any ongoing police investigations or criminal proceedings, or {work}"
    return work


ENCLOSURE = (
    "I enclose a copy of the relevant chapter, for your information, or for you to share with your solicitor, if you"
    " wish."
)
"""What Letter 5 says of its enclosure when the framework does not word it."""

SUPPORT = "If you feel you need some support with this process, you may wish to contact {support}."
"""Letter 5's offer of support when the framework does not word it."""


def support_offer(case: Case) -> str | None:
    """The offer of support in the letter to the family, naming the service the case gives; None when it gives none."""
    letter = case.correspondence.letter_5
    if letter is None or not letter.support:
        return None
    return (case.framework.wording.support or SUPPORT).replace("{support}", letter.support)


def proceedings_under_way(case: Case, on: dt.date) -> bool:
    """Whether criminal proceedings are under way on a letter's date."""
    return case.incident is not None and proceedings_on(case.incident.proceedings, on).under_way


def separate_from_proceedings(case: Case, on: dt.date) -> str | None:
    """Letter 6's reassurance while criminal proceedings are under way; None otherwise."""
    if proceedings_under_way(case, on):
        return "The review is separate from the criminal proceedings and will not affect them."
    return None


def review_started(case: Case) -> dt.date:
    """The day the review's work began: the decision to hold it, else the day the case was opened."""
    decision = decision_of(case)
    return decision.date if decision else case.opened_on  # type: ignore[no-any-return]


def progress(case: Case, on: dt.date) -> str:
    """Where the review's work stands on a letter's date (Letter 6)."""
    if concluded(case, on):
        return "Such a group has worked on this review and has now completed its work."
    return f"Such a group has been working on this review since {review_started(case):%B %Y}."


def report_published(case: Case) -> bool:
    """Whether the case's publication record says the review's report is published."""
    return case.publication is not None and case.publication.published


_NOT_FAMILY = ("friend", "neighbour", "colleague", "employer", "manager", "landlord", "carer")
"""Words of a relationship that is not a family one (a friend, a line manager): a letter to them speaks of the
family in the third person."""


def is_family(person: FamilyMember | Victim) -> bool:
    """Whether the addressee is one of the subject's family (not a friend, neighbour or colleague).

    >>> is_family(FamilyMember(id="m", first_name="A", last_name="B", relationship="Line manager"))
    False
    >>> is_family(FamilyMember(id="m", first_name="A", last_name="B", relationship="Maternal aunt"))
    True
    """
    relationship = getattr(person, "relationship", "").casefold()
    return not any(word in relationship for word in _NOT_FAMILY)


def pseudonym(case: Case, person: FamilyMember | Victim | None = None) -> str | None:
    """Letter 5: the name the report gives the child, saying that the report will be published only when the
    case's publication record says so; the family ({family}) is 'you and your family' to one of them, the subject's
    family to a friend or colleague."""
    wording = case.framework.wording
    sentence = (wording.pseudonym_published if report_published(case) else None) or wording.pseudonym
    if not sentence:
        return None
    name = case.subject.first_name
    family = "you and your family" if person is None or is_family(person) else f"{name}'s family"
    return sentence.replace("{family}", family).replace("{child}", name)


def speaking(case: Case, person: FamilyMember | Victim) -> tuple[str | None, bool]:
    """The language a person reads and whether they need an interpreter: a victim who is one of the family as the
    family's record says, unless the victim's own record says it."""
    if isinstance(person, Victim) and person.family_member and not person.language:
        member = next((m for m in case.family if m.id == person.family_member), None)
        if member is not None:
            return member.language, member.interpreter
    return person.language, person.interpreter


def language_offer(case: Case, person: FamilyMember | Victim) -> str | None:
    """The offer of a translation, and of an interpreter to a person who needs one, in the framework's words;
    None for a reader of English."""
    language, interpreter = speaking(case, person)
    wording = case.framework.wording
    sentence = wording.interpreter if interpreter else wording.translation
    return sentence.replace("{language}", language) if language and sentence else None


CHILD_WORDING = ("child_board", "child_review", "child_reassurance", "child_summary")
"""The framework's sentences a letter to a child needs."""


def writes_to_child(victim: Victim, on: dt.date) -> bool:
    """Whether Letter 6 is written to the victim in a child's words."""
    return is_child_reader(victim.date_of_birth, victim.age_if_no_dob, on)


def child_letter(case: Case, victim: Victim, on: dt.date) -> list[str]:
    """Letter 6 to a child: short sentences, one paragraph each, from the framework's words and the case."""
    wording, carer = case.framework.wording, care_of(case, victim, on)
    assert carer is not None and victim.support
    assert wording.child_board and wording.child_review and wording.child_reassurance and wording.child_summary
    listed = members(case)
    who = "People from several organisations are working on it together."
    if listed:
        who += f" They are {plain_list(listed)}."
    if concluded(case, on):
        where = "They have now finished their work."
    else:
        where = f"They have been working on it since {review_started(case):%B %Y}."
    work = f"This is called a {case.review.type}. {who} {where}"
    if proceedings_under_way(case, on):
        work += " It is separate from what the police and the courts are doing, and it will not change it."
    carer_name = written_name(carer, False)
    return [
        f"I am writing to you because of what happened to {case.subject.first_name}.",
        f"{wording.child_board.replace('{board}', case.board.name)} {wording.child_review}",
        work,
        wording.child_reassurance,
        f"I have sent {carer_name} a copy of this letter. If you want to talk about it, you can talk to {carer_name}."
        f" You can also contact {victim.support}.",
        wording.child_summary,
    ]


def victims_problems(request: Request) -> list[str]:
    """A letter to a child victim needs the person who looks after them, someone to talk to, and the framework's
    words for a child."""
    case, to = request.case, request.to
    victim = next((v for v in case.victims if v.id == to), None)
    letter = case.correspondence.letter_6
    if victim is None or letter is None or not writes_to_child(victim, letter.date):
        return []
    where, problems = f"victims[{case.victims.index(victim)}]", []
    if victim.carer is None:
        problems.append(
            f"{where}.carer: {victim.first_name} is a child on the letter's date; name the family member who looks"
            " after them (the letter goes care of that person)"
        )
    if not victim.support:
        problems.append(f"{where}.support: a letter to a child names someone to talk to; give a support contact")
    wording = case.framework.wording
    missing = [key for key in CHILD_WORDING if not getattr(wording, key)]
    if missing:
        problems.append(f"the framework's wording has no {', '.join(missing)} for a letter to a child")
    return problems


@says("parents-notice")
def parents_notice(request: Request) -> dict[str, Any]:
    """Letter 5: who reviews and why, how, what it will not influence, any translation, the name in the report."""
    case, on = request.case, letter_date(request)
    assert request.to is not None
    return {
        "who_reviews": who_reviews(case),
        "because_of": because_of(case),
        "whose": whose(case, case.addressee(request.to)),
        "reason": review_reason(case),
        "purposes": case.framework.guidance.purposes,
        "process": process(case),
        "not_influenced": not_influenced(case, on),
        "made_up_of": made_up_of(case),
        "organisation": case.framework.wording.organisation,
        "comments_to": comments_to(case),
        "author_role": case.framework.wording.author_role,
        "language": language_offer(case, case.addressee(request.to)),
        "pseudonym": pseudonym(case, case.addressee(request.to)),
        "enclosure": case.framework.wording.enclosure or ENCLOSURE,
        "support": support_offer(case),
    }


@says("victims-notice", check=victims_problems)
def victims_notice(request: Request) -> dict[str, Any]:
    """Letter 6: the board's duty, who manages the review and where it stands, the criminal proceedings, any
    translation; to a child, the child's letter."""
    case, on = request.case, letter_date(request)
    victim = case.addressee(request.to or "")
    assert isinstance(victim, Victim)
    return {
        "duty": duty(case),
        "managed_by": managed_by(case),
        "progress": progress(case, on),
        "proceedings": separate_from_proceedings(case, on),
        "language": language_offer(case, victim),
        "support": victim.support,
        "for_child": child_letter(case, victim, on) if writes_to_child(victim, on) else None,
    }

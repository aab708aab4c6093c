"""The sentences of each board letter that are true only for some reviews: chosen here from the case (the review
type and whether the framework requires it, the chair's decision, the child's death, criminal proceedings) and
printed by the templates as given. Each letter's kind names its builder (`further-information` for Letter 1 …).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from ...model import Agency, Case, Decision
from ...model.framework import Guidance
from ...model.kinds import lookup
from ...model.options import AlternativeAction, PanelRecommendation, ReviewDecision
from ...model.practice_review import Publication
from ...text.dates import long_date
from ..columns import Column
from ..registry import Build, Check, Request, register
from .addressing import identity, plain_list
from .parts import signature

PANEL_COLUMNS: tuple[Column, ...] = (
    Column("member", "Member", 0.48),
    Column("contact", "Telephone and e-mail", 0.52),
)
"""Letter 1's table of the panel members and how to reach them: name, post and organisation on lines of their
own, then the telephone number and the e-mail address, in a column wide enough for an address to stay whole."""


NO_BREAK = "\u00a0"
"""A non-breaking space: a telephone number in a sentence stays on one line."""


LABELLED: tuple[Column, ...] = (Column("label", "", 0.22), Column("value", "", 0.78))
"""A two-column table of labels and values (the child's details, the reply slip's write-in boxes)."""


_REVIEWS_AFTER = {
    ReviewDecision.SERIOUS_CASE_REVIEW: "the Serious Case Review",
    ReviewDecision.LESSONS_LEARNED_REVIEW: "the Lessons Learned Review",
    ReviewDecision.MULTI_AGENCY_REVIEW: "the Multi-Agency Review",
    ReviewDecision.SINGLE_AGENCY_REVIEW: "the Single Agency Management Review",
    AlternativeAction.LESSONS_LEARNED_REVIEW: "the Lessons Learned Review",
    AlternativeAction.SINGLE_AGENCY_REVIEW: "the Single Agency Management Review",
    AlternativeAction.INTERNAL_AUDIT: "the internal audit",
}
"""Decisions and actions that review the agencies' files, and how a letter names each."""


def guidance_name(guidance: Guidance) -> str:
    """'Working Together to Safeguard Children 2006'."""
    return f"{guidance.title} {guidance.edition}"


def following_review(decision: Decision) -> str | None:
    """What review of the agencies' files follows a decision, as a letter names it; None when none does.

    >>> following_review(Decision(date="2026-03-13", outcome=["No Action"]))
    >>> following_review(Decision(date="2026-03-13", outcome=["No Action"], alternative_actions=["Internal Audit"]))
    'the internal audit'
    """
    for choice in (*decision.outcome, *decision.alternative_actions):
        if choice in _REVIEWS_AFTER:
            return _REVIEWS_AFTER[choice]
    return None


def files_sentence(decision: Decision) -> str:
    """Letter 2 releases the files that Letter 1 asked agencies to secure, but only when no review follows.

    >>> files_sentence(Decision(date="2026-03-13", outcome=["A Lessons Learned Review"]))[:46]
    'Please continue to keep all files relating to '
    >>> files_sentence(Decision(date="2026-03-13", outcome=["No Action"]))
    'All files relating to this family may now be released.'
    """
    review = following_review(decision)
    if review is None:
        return "All files relating to this family may now be released."
    return (
        f"Please continue to keep all files relating to this family stored securely: they will be needed for"
        f" {review}, about which we will write to you separately."
    )


def alternatives_intro(case: Case) -> str:
    """How Letter 2 introduces the alternative action proposed, or says there is none."""
    panel = case.board.panel_name
    if case.decision and case.decision.alternative_actions:
        return f"The {panel} has proposed the following alternative action in relation to this case:"
    return f"The {panel} has not proposed any alternative action in relation to this case."


def alternatives(case: Case) -> list[str]:
    """Letter 2's alternative actions, the practitioner forum named as the board's."""
    actions = case.decision.alternative_actions if case.decision else []
    return [
        f"Discussion at the {case.board.name} Practitioner Forum"
        if action is AlternativeAction.PRACTITIONER_FORUM
        else action.value
        for action in actions
    ]


def review_basis(case: Case) -> str:
    """How Letter 3 says what the review is held under: the guidance itself, or its format for a review the
    guidance does not require (seed 1.4.1)."""
    framework, kind = case.framework, case.review.type
    if framework.is_statutory(kind):
        return f"a {kind} under {guidance_name(framework.guidance)} take place concerning the above child"
    return (
        f"a {kind} take place concerning the above child, following the format, timescales and principles of a"
        f" {framework.statutory_type} under {guidance_name(framework.guidance)}"
    )


def review_reason(case: Case) -> str:
    """Why the board holds the review (Letter 5): the Government requires it, or the board chose it."""
    wording = case.framework.wording
    return wording.statutory_review if case.framework.is_statutory(case.review.type) else wording.discretionary_review


def duty(case: Case) -> str:
    """What boards must, or may, do when children are seriously harmed (Letter 6)."""
    wording = case.framework.wording
    return wording.statutory_duty if case.framework.is_statutory(case.review.type) else wording.discretionary_duty


def process(case: Case) -> str:
    """Where the review's process is set out (Letter 5), with the framework's guidance."""
    guidance, framework = case.framework.guidance, case.framework
    document = ", ".join(
        p
        for p in (
            f"{guidance.title}{f' – {guidance.subtitle}' if guidance.subtitle else ''}",
            guidance.chapter,
            guidance.publisher,
            guidance.edition,
        )
        if p
    )
    if framework.is_statutory(case.review.type):
        return f"The process for the review can be found in a document called {document}."
    return (
        f"The review follows the process for a {framework.statutory_type}, which can be found in a document"
        f" called {document}."
    )


def concluded(case: Case, on: dt.date) -> bool:
    """Whether the review had concluded by a day: the board had approved its report (the framework's final report,
    the Overview Report for the seed's procedure)."""
    report = case.framework.kinds.get(case.framework.final_report or "")
    record = lookup(case, report.record) if report and report.record else None
    approved = record.approval.approved_on if record is not None else None
    return approved is not None and approved <= on


def debriefing_status(case: Case, on: dt.date) -> str:
    """Letter 7: the review has concluded and its summary can be shared, or it is nearing its end; what will be
    published when the partners have decided it (never a report they decided not to publish)."""
    wording = case.framework.wording
    if case.publication is not None:
        stage = (
            "This review has now been concluded." if concluded(case, on) else "This review is nearing its conclusion."
        )
        return f"{stage} {publication_status(case.publication, on)}"
    if concluded(case, on):
        return f"This review has now been concluded and {wording.summary} is available for dissemination."
    approver = wording.approver or f"the {case.board.name}"
    return (
        f"This review is nearing its conclusion; {wording.summary} will be available for dissemination once"
        f" {approver} has approved {wording.report}."
    )


def publication_status(publication: Publication, on: dt.date) -> str:
    """What the partners publish, as a letter of a day says it.

    >>> publication_status(Publication(date=dt.date(2026, 9, 30)), dt.date(2026, 9, 1))
    'The safeguarding partners will publish its report on 30 September 2026.'
    >>> withheld = publication_status(Publication(published=False, reasons="At her request."), dt.date(2026, 9, 1))
    >>> withheld.endswith("they will publish a statement of the improvements to be made instead.")
    True
    """
    when = publication.date
    if publication.published:
        if when is not None and when <= on:
            return f"The safeguarding partners published its report on {long_date(when)}."
        return f"The safeguarding partners will publish its report{f' on {long_date(when)}' if when else ''}."
    on_day = f" on {long_date(when)}" if when else ""
    return (
        "The safeguarding partners have decided not to publish its report; they will publish a statement of the"
        f" improvements to be made{on_day} instead."
    )


def represented(case: Case) -> list[Agency]:
    """The agencies written to that have a member on the panel Letter 1 lists: their representative is one of the
    review's panel members, or a member comes from the agency; every agency with a representative when the review
    names no panel (the table then lists the representatives)."""
    if not case.review.panel:
        return [a for a in case.agencies if a.panel_representative]
    members = {identity(m.name) for m in case.review.panel}
    organisations = {m.agency for m in case.review.panel}
    return [
        a
        for a in case.agencies
        if (a.panel_representative and identity(a.panel_representative.name) in members) or a.name in organisations
    ]


def representatives(case: Case, phone: str | None) -> str:
    """Letter 1's paragraph on whom to discuss the referral with, true for every agency written to: its own member
    of the panel when every agency has one; else the members, and the signatory for the agencies without one.

    `phone` is the signatory's telephone number."""
    panel = case.board.panel_name
    me = f"me on {phone.replace(' ', NO_BREAK)}" if phone else "me"
    with_member = represented(case)
    if len(with_member) == len(case.agencies):
        return (
            f"You have a representative of your agency on the {panel}. Their contact details are below, with"
            f" those of the other members, if you would like to discuss the matter with them. Alternatively, you"
            f" can contact {me}."
        )
    listed = (
        f"The members of the {panel} and their contact details are below, if you would like to discuss the matter"
        " with one of them."
    )
    if not with_member:
        return f"{listed} Alternatively, you can contact {me}."
    without = [a.name for a in case.agencies if a not in with_member]
    has = "has" if len(without) == 1 else "have"
    return f"{listed} {plain_list(without)} {has} no member on the panel: please contact {me} instead."


def panel_table(case: Case) -> tuple[list[Column], list[dict[str, Any]]]:
    """Letter 1's table: the review's panel members (else the agencies' representatives), without any column
    that would be empty in every row."""
    if case.review.panel:
        rows = [m.model_dump(include={"name", "post", "agency", "phone", "email"}) for m in case.review.panel]
    else:
        rows = [
            {**rep.model_dump(include={"name", "post", "phone", "email"}), "agency": rep.organisation or a.name}
            for a in case.agencies
            if (rep := a.panel_representative) is not None
        ]
    for row in rows:
        row["member"], row["contact"] = True, bool(row.get("phone") or row.get("email"))
    columns = [c for c in PANEL_COLUMNS if any(row.get(c.key) for row in rows)]
    fields = ("name", "post", "agency", "phone", "email")
    return columns, [{key: row.get(key) or "" for key in fields} for row in rows]


def review_named(option: str) -> str:
    """A review option of the referral form as a sentence names it, each with its article.

    >>> review_named("A Lessons Learned Review")
    'a Lessons Learned Review'
    >>> review_named("Alternative Process Suggested by the Nature of the Case")
    'an alternative process suggested by the nature of the case'
    """
    if option.split(" ", 1)[0] in ("A", "An"):
        return option[:1].lower() + option[1:]
    return f"{indefinite_article(option)} {option.lower()}"


def criteria_view(case: Case) -> tuple[str, str]:
    """Letter 4: what the panel thought of the criteria (before the quoted passage) and what it recommended
    (after it): met, or not met with the review held all the same."""
    screening, framework = case.screening, case.framework
    assert screening is not None
    criteria = framework.guidance.criteria
    where = (
        f"{criteria.reference} of {guidance_name(framework.guidance)}"
        if criteria
        else guidance_name(framework.guidance)
    )
    chair = f"the Chair of the {case.board.name}"
    if screening.recommendation is PanelRecommendation.RECOMMENDED:
        return (
            f"It was their view that the conditions outlined in {where} had been met and that a"
            f" {framework.statutory_type} should take place:",
            f"The {case.board.panel_name} recommended to {chair} that a {framework.statutory_type} should be"
            " undertaken.",
        )
    options = [review_named(o.value) for o in screening.other_options]
    recommended = (
        f"recommended to {chair} that {plain_list(options)} should be undertaken instead"
        if options
        else (f"made no recommendation for another kind of review to {chair}")
    )
    return (
        f"It was their view that the conditions outlined in {where} had not been met and that a"
        f" {framework.statutory_type} should not take place:",
        f"The panel nevertheless considered that there are lessons to be learned, and {recommended}.",
    )


def endorsement(case: Case) -> str:
    """Letter 4: the chair endorsed the panel's recommendation, or decided otherwise."""
    screening, decision = case.screening, case.decision
    assert screening is not None and decision is not None
    if screening.recommendation is PanelRecommendation.RECOMMENDED:
        recommended = {ReviewDecision.SERIOUS_CASE_REVIEW}
    else:
        recommended = set(screening.other_options)
    decided = [
        o for o in decision.outcome if o in (ReviewDecision.SERIOUS_CASE_REVIEW, ReviewDecision.LESSONS_LEARNED_REVIEW)
    ]
    chair = f"the Chair of the {case.board.name}"
    if set(decided) <= recommended:
        return f"This recommendation received written endorsement from {chair} on {long_date(decision.date)}."
    return f"On {long_date(decision.date)} {chair} decided that a {plain_list(decision.review_types)} should be held."


def indefinite_article(noun: str) -> str:
    """'an' before a vowel, 'a' before anything else.

    >>> indefinite_article("Individual Management Review"), indefinite_article("review")
    ('an', 'a')
    """
    return "an" if noun[:1].lower() in "aeiou" else "a"


def says(name: str, check: Check | None = None) -> Callable[[Build], Build]:
    """Register a letter's sentences as the context builder `name`: its template finds them under `say`."""

    def add(sentences: Build) -> Build:
        register(name, check=check)(lambda request: {"say": sentences(request)})
        return sentences

    return add


def letter_date(request: Request) -> dt.date:
    """The date of the letter asked for, from its record."""
    date: dt.date = lookup(request.case, request.kind.record).date
    return date


def no_review_problems(request: Request) -> list[str]:
    """Letter 2 cannot tell agencies that no statutory review will be held when the chair decided to hold one."""
    case = request.case
    if case.decision is not None and ReviewDecision.SERIOUS_CASE_REVIEW in case.decision.outcome:
        return [
            f"decision.outcome: Letter 2 tells agencies that no {case.framework.statutory_type} will be held, but the"
            " chair decided to hold one"
        ]
    return []


def debriefing_problems(request: Request) -> list[str]:
    """Letter 7 needs the date its reply slip is due and the practitioners invited."""
    case, problems = request.case, []
    if lookup(case, request.kind.record).reply_by is None:
        problems.append(f"{request.kind.record}.reply_by: give the date the reply slip must be returned by")
    if not any(p.debriefing for p in case.professionals):
        problems.append("professionals: mark the practitioners invited to the debriefing with debriefing: true")
    return problems


@says("further-information")
def further_information(request: Request) -> dict[str, Any]:
    """Letter 1: the panel's members, whom to contact, the guidance."""
    case = request.case
    columns, rows = panel_table(case)
    return {
        "child_columns": LABELLED,
        "representatives": representatives(case, signature(case, request.kind).phone),
        "panel_columns": columns,
        "panel_rows": rows,
        "guidance": guidance_name(case.framework.guidance),
        "chapter": case.framework.guidance.chapter,
    }


@says("no-further-action", check=no_review_problems)
def no_further_action(request: Request) -> dict[str, Any]:
    """Letter 2: that no statutory review will be held, what happens to the files, any alternative action."""
    case = request.case
    assert case.decision is not None
    return {
        "statutory_type": case.framework.statutory_type,
        "files": files_sentence(case.decision),
        "alternatives_intro": alternatives_intro(case),
        "alternatives": alternatives(case),
    }


@says("commissioning")
def commissioning(request: Request) -> dict[str, Any]:
    """Letter 3: what the review is held under and what the agencies' reviews are called."""
    case = request.case
    wording = case.framework.wording
    return {
        "basis": review_basis(case),
        "aim": wording.review_aim,
        "agency_review": f"{indefinite_article(wording.agency_review)} {wording.agency_review}",
        "agency_reviews": f"{wording.agency_review[0].upper()}{wording.agency_review[1:]}s",
    }


@says("authors-briefing")
def authors_briefing(request: Request) -> dict[str, Any]:
    """Letter 4: what the panel thought of the criteria and what the chair decided."""
    case = request.case
    before, after = criteria_view(case)
    criteria = case.framework.guidance.criteria
    return {
        "criteria_view": before,
        "criteria": criteria.text if criteria else "",
        "recommendation": after,
        "endorsement": endorsement(case),
    }


@says("debriefing", check=debriefing_problems)
def debriefing(request: Request) -> dict[str, Any]:
    """Letter 7: whether the review has concluded, and the reply slip."""
    case, on = request.case, letter_date(request)
    return {"status": debriefing_status(case, on), "report": case.framework.wording.report, "slip_columns": LABELLED}

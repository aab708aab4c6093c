"""The letters of Appendix XI as the case makes them: who writes, to whom, what goes with them, and every
sentence that is true only for some reviews, chosen here and printed by the templates as given.

The seed's letters were written for a Serious Case Review. A sentence that depends on the review type (and
whether the framework requires it), on the chair's decision, on the child's death or on criminal
proceedings is chosen from the case by a function below.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..columns import Column
from ..dates import long_date
from ..errors import NotSupportedError
from ..kinds import DocumentKind, Per, lookup
from ..model import Case, Contact, Decision
from ..model.correspondence import AgencyContactRef, BoardOfficer, BoardOfficerRef, Recipient, resolve
from ..model.framework import Framework, Guidance
from ..model.options import AlternativeAction, PanelRecommendation, ReviewDecision
from ..model.people import Named
from .facts import proceedings_on

ADULT_AGE = 18
"""From this age a person is written to by title and surname; younger, by first name."""

SIGNATORIES = {
    "letter-1": BoardOfficer.PANEL_CHAIR,
    "letter-2": BoardOfficer.PANEL_CHAIR,
    "letter-3": BoardOfficer.CHAIR,
    "letter-4": BoardOfficer.PANEL_CHAIR,
    "letter-5": BoardOfficer.CHAIR,
    "letter-6": BoardOfficer.PANEL_CHAIR,
    "letter-7": BoardOfficer.MANAGER,
}
"""Who signs each letter, as the seed's letters say, unless the case names another officer."""

_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "revd", "rev", "sir", "dame"})

PANEL_COLUMNS: tuple[Column, ...] = (
    Column("name", "Name", 0.17),
    Column("post", "Post", 0.19),
    Column("agency", "Organisation", 0.20),
    Column("phone", "Telephone", 0.19, wrap=False),
    Column("email", "E-mail", 0.25),
)
"""Letter 1's table of the panel members and how to reach them."""
LABELLED: tuple[Column, ...] = (Column("label", "", 0.22), Column("value", "", 0.78))
"""A two-column table of labels and values (the child's details, the reply slip's write-in boxes)."""
MEMO: tuple[Column, ...] = (Column("label", "", 0.12), Column("value", "", 0.88))
"""The To / From / Date lines of a memorandum-style letter."""

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


# --- people ----------------------------------------------------------------------------------------


def identity(name: str) -> str:
    """Who a name belongs to, for listing each person once: case, spacing and a leading title do not count.

    >>> identity("Dr  Rosalind Achterberg") == identity("rosalind achterberg")
    True
    """
    words = name.casefold().replace(".", "").split()
    while len(words) > 1 and words[0] in _TITLES:
        words = words[1:]
    return " ".join(words)


def is_young(born: dt.date | None, age: str | None, on: dt.date) -> bool:
    """Whether a person is a child or young person on a day, from their date of birth or their age.

    >>> is_young(dt.date(2010, 6, 5), None, dt.date(2026, 10, 19)), is_young(None, "19 years", dt.date(2026, 1, 1))
    (True, False)
    >>> is_young(None, "14 months", dt.date(2026, 1, 1)), is_young(None, None, dt.date(2026, 1, 1))
    (True, False)
    """
    if born is not None:
        years = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
        return years < ADULT_AGE
    match = re.match(r"\s*(\d+)\s*(\w*)", age or "")
    if not match:
        return False
    return not match[2].lower().startswith("year") or int(match[1]) < ADULT_AGE


def written_name(person: Named, young: bool) -> str:
    """The name on the envelope: 'Ms Siân Carter'; a child or young person without a title.

    >>> written_name(Named(title="Ms", first_name="Siân", middle_names=["Elin"], last_name="Carter"), False)
    'Ms Siân Carter'
    """
    title = "" if young or not person.title else f"{person.title} "
    return f"{title}{person.first_name} {person.last_name}".strip()


def salutation(person: Named, young: bool) -> str:
    """'Dear Ms Carter'; a child or young person by first name ('Dear Rhys'); no title: the full name.

    >>> salutation(Named(title="Mr", first_name="Rhys", last_name="Pritchard"), True)
    'Dear Rhys'
    >>> salutation(Named(first_name="Jo", last_name="Finch"), False)
    'Dear Jo Finch'
    """
    if young:
        return f"Dear {person.first_name}"
    if person.title and person.last_name:
        return f"Dear {person.title} {person.last_name}"
    return f"Dear {person.first_name} {person.last_name}".strip()


def plain_list(items: Sequence[str]) -> str:
    """Items joined as a sentence does: 'a, b and c'.

    >>> plain_list(["Police", "Probation"]), plain_list(["GP"]), plain_list(["a", "b", "c"])
    ('Police and Probation', 'GP', 'a, b and c')
    """
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}" if items else ""


def contact_line(contact: Contact, organisation: str | None = None) -> str:
    """'Name, Post, Organisation' (each part only once, when the post already names the organisation).

    >>> contact_line(Contact(name="Jo Finch", post="Board Administrator"), "Eastfield Board")
    'Jo Finch, Board Administrator, Eastfield Board'
    """
    organisation = contact.organisation or organisation
    parts = [contact.name, contact.post]
    if organisation and not (contact.post and organisation in contact.post):
        parts.append(organisation)
    return ", ".join(p for p in parts if p)


# --- who writes, to whom, with what ---------------------------------------------------------------


@dataclass(frozen=True)
class Signature:
    """Who signs the letter, as the header names the sender and the signature block prints them."""

    name: str
    post: str
    organisation: str
    phone: str | None

    @property
    def sender(self) -> str:
        """'Ruth Penhaligon, Chair, Serious Case Review Panel' as a memo's From line."""
        return ", ".join(p for p in (self.name, self.post) if p)


def signature(case: Case, kind_id: str) -> Signature:
    """The board officer who signs the letter: the case's choice, else the seed's."""
    return officer_signature(case, letter_of(case, kind_id).signatory or SIGNATORIES[kind_id], kind_id)


def officer_signature(case: Case, officer: BoardOfficer, kind_id: str) -> Signature:
    """The signature of a board officer; NotSupportedError when the board profile names none."""
    contact: Contact | None = getattr(case.board, officer.value)
    if contact is None:
        raise NotSupportedError(f"{kind_id} is signed by the board's {officer.value}, whom the board profile lacks")
    return Signature(contact.name, contact.post or "", contact.organisation or case.board.name, contact.phone)


@dataclass(frozen=True)
class Section:
    """One part of a letter's distribution: its heading and one line per recipient."""

    heading: str
    lines: tuple[str, ...]


_Entry = tuple[str, str]  # (identity, line)


def distribution(case: Case, kind_id: str, to: str | None = None) -> list[Section]:
    """Who receives the letter, section by section (To, Copies, For information …): each person once, in the
    first section that names them, never the signatory; the case's further recipients among the copies."""
    addressee = [case.addressee(to).full_name] if to is not None else []
    sections = _sections(case, kind_id)
    lay_reader = case.framework.kinds[kind_id].lay_reader
    return distribution_of(
        case, sections, letter_of(case, kind_id), [signature(case, kind_id).name, *addressee], lay_reader
    )


def distribution_of(
    case: Case, sections: list[tuple[str, list[_Entry]]], letter: Any, left_out: list[str], lay_reader: bool = False
) -> list[Section]:
    """The sections of a letter's distribution with the letter's further recipients among the copies; each person
    once, in the first section that names them, never those left out (the signatory, the addressee)."""
    copies = next((i for i, (heading, _) in enumerate(sections) if heading.startswith("Cop")), None)
    extras = [_recipient(case, r) for r in letter.distribution]
    if copies is None:
        sections.append(("Copy to" if lay_reader else "Copies", extras))
    else:
        sections[copies] = (sections[copies][0], [*sections[copies][1], *extras])
    seen = {identity(name) for name in left_out}
    out = []
    for heading, entries in sections:
        lines = []
        for key, line in entries:
            if key not in seen:
                seen.add(key)
                lines.append(line)
        if lines:
            out.append(Section(heading, tuple(lines)))
    return out


def _sections(case: Case, kind_id: str) -> list[tuple[str, list[_Entry]]]:
    """The seed's distribution of each letter, from the case."""
    agencies = case.agencies
    commissioned = [a for a in agencies if a.imr_required]
    chiefs = [person_entry(a.chief_officer, a.name) for a in agencies]
    panel = [(identity(m.name), ", ".join((m.name, m.post, m.agency))) for m in case.review.panel]
    authors = [person_entry(a.imr_author, a.name) for a in commissioned if a.imr_author]
    overview = [person_entry(case.review.overview_author)] if case.review.overview_author else []
    bodies = [text_entry(b.name) for b in copied_bodies(case, kind_id)]
    if kind_id == "letter-1":
        partners = text_entry(f"Chief officers of the {case.board.name} partner organisations")
        return [("To", chiefs), ("Copies", [partners])]
    if kind_id == "letter-2":
        return [("To", chiefs), ("Copies", bodies)]
    if kind_id == "letter-3":
        members = [person_entry(a.board_member, a.name) for a in commissioned if a.board_member]
        return [
            ("To", [person_entry(a.chief_officer, a.name) for a in commissioned]),
            ("Copies", members),
            ("For information", panel),
        ]
    if kind_id == "letter-4":
        return [("To", [*authors, *overview])]
    groups = [text_entry(f"Members of the {case.board.panel_name}"), *overview, *bodies]
    if authors:
        groups.append(text_entry(f"The authors of the {case.framework.wording.agency_review}s"))
    if kind_id == "letter-5":
        return [("Copy to", groups)]
    if kind_id == "letter-6":
        return []
    practitioners = [
        (identity(p.full_name), ", ".join(filter(None, (p.full_name, p.role, case.agency(p.agency).name))))
        for p in case.professionals
        if p.debriefing
    ]
    return [("For attendance", practitioners), ("For information", groups)]


def person_entry(contact: Contact | None, organisation: str | None = None) -> _Entry:
    assert contact is not None
    return identity(contact.name), contact_line(contact, organisation)


def text_entry(text: str) -> _Entry:
    return f"text:{text}", text


def _recipient(case: Case, recipient: Recipient) -> _Entry:
    if isinstance(recipient, str):
        return text_entry(recipient)
    contact = resolve(case, recipient)
    if isinstance(recipient, AgencyContactRef):
        return person_entry(contact, case.agency(recipient.agency).name)
    return person_entry(contact, case.board.name if isinstance(recipient, BoardOfficerRef) else None)


def copied_bodies(case: Case, kind_id: str) -> list[Any]:
    """The national bodies a letter is copied to: those the framework copies it to, when the review (for Letter
    2, the decision) is reported to them. A Lessons Learned Review is reported to none (seed 1.4.1)."""
    framework = case.framework
    told = framework.decisions_reported_to if kind_id == "letter-2" else _reported(framework, case.review.type)
    return [framework.bodies[key] for key in framework.copies.get(kind_id, []) if key in told]


def _reported(framework: Framework, review_type: str) -> list[str]:
    rules = framework.review_types.get(review_type)
    return rules.reported_to if rules else []


def decision_of(case: Case) -> Any:
    """The case's record of the decision to hold the review, where the framework says it is (the chair's decision
    for the seed's procedure, a rapid review's outcome for a practice review); None while there is none."""
    return lookup(case, case.framework.decision)


def enclosed_kinds(case: Case, kind: DocumentKind) -> list[DocumentKind]:
    """The documents docgen renders beside this one for the case: the kinds it encloses that the case supports."""
    kinds = case.framework.kinds
    return [kinds[key] for key in kind.enclosures if key in kinds and not kinds[key].missing(case)]


def enclosures(case: Case, kind: DocumentKind) -> list[str]:
    """What goes with the document, as its Enc. line names it: the documents docgen renders beside it, and the
    papers the framework names (the guidance chapter among them), a kind the case cannot produce among them
    when the framework names it as a paper the board sends itself."""
    titles = []
    kinds = case.framework.kinds
    produced = {enclosed.id for enclosed in enclosed_kinds(case, kind)}
    for key in kind.enclosures:
        if key in produced:
            enclosed = kinds[key]
            titles.append(f"{enclosed.title}{' (one for each agency)' if enclosed.per is Per.AGENCY else ''}")
        elif key == "guidance-chapter":
            titles.append(guidance_chapter(case.framework.guidance))
        elif key in case.framework.paper_titles:
            titles.append(case.framework.paper_titles[key])
        elif key in kinds:
            missing = ", ".join(kinds[key].missing(case))
            raise NotSupportedError(f"{kind.id} encloses {key}, which needs {missing} in the case file")
        else:
            raise NotSupportedError(
                f"{kind.id} encloses '{key}', which is neither a document kind nor one of the framework profile's"
                f" papers ({', '.join(case.framework.paper_titles) or 'none'}); add it to the profile's `paper_titles`"
            )
    return titles


def guidance_chapter(guidance: Guidance) -> str:
    """'Working Together to Safeguard Children (2006), Chapter 8, Serious Case Reviews'."""
    parts = [f"{guidance.title} ({guidance.edition})", guidance.chapter, guidance.chapter_title]
    return ", ".join(p for p in parts if p)


def letter_of(case: Case, kind_id: str) -> Any:
    """The case's record of a letter ('letter-3' → correspondence.letter_3)."""
    return getattr(case.correspondence, kind_id.replace("-", "_"))


# --- sentences that depend on the review ------------------------------------------------------------


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


def because_of(case: Case) -> str:
    """What happened to the child, as Letter 5 gives the reason for the review."""
    child = case.child
    if child.date_of_death is not None:
        return f"{child.first_name}'s death"
    if case.incident is not None:
        return f"the {case.incident.type.value.lower()} to {child.first_name}"
    return f"what happened to {child.first_name}"


def not_influenced(case: Case, on: dt.date) -> str:
    """What Letter 5 says the review will not influence: the police's work too while proceedings are under way."""
    work = "the work that is happening at the moment between your family and professionals such as your social"
    work += " worker and health visitor"
    if case.incident is not None and proceedings_on(case.incident.proceedings, on).under_way:
        return f"any ongoing police investigations or criminal proceedings, or {work}"
    return work


def separate_from_proceedings(case: Case, on: dt.date) -> str | None:
    """Letter 6's reassurance while criminal proceedings are under way; None otherwise."""
    if case.incident is not None and proceedings_on(case.incident.proceedings, on).under_way:
        return "The review is separate from the criminal proceedings and will not affect them."
    return None


def concluded(case: Case, on: dt.date) -> bool:
    """Whether the review had concluded by a day: the board had approved its report (the framework's final report,
    the Overview Report for the seed's procedure)."""
    report = case.framework.kinds.get(case.framework.final_report)
    record = lookup(case, report.record) if report and report.record else None
    approved = record.approval.approved_on if record is not None else None
    return approved is not None and approved <= on


def progress(case: Case, on: dt.date) -> str:
    """Where the review's work stands on a letter's date (Letter 6)."""
    if concluded(case, on):
        return "Such a group has worked on this review and has now completed its work."
    decision = decision_of(case)
    started = decision.date if decision else case.opened_on
    return f"Such a group has been working on this review since {started:%B %Y}."


def debriefing_status(case: Case, on: dt.date) -> str:
    """Letter 7: the review has concluded and its summary can be shared, or it is nearing its end."""
    wording = case.framework.wording
    if concluded(case, on):
        return f"This review has now been concluded and {wording.summary} is available for dissemination."
    approver = wording.approver or f"the {case.board.name}"
    return (
        f"This review is nearing its conclusion; {wording.summary} will be available for dissemination once"
        f" {approver} has approved {wording.report}."
    )


def representatives(case: Case) -> str:
    """Letter 1: every agency written to has its representative on the panel, or the panel is listed."""
    panel = case.board.panel_name
    if all(a.panel_representative for a in case.agencies):
        return (
            f"You have a representative of your agency on the {panel}. Their contact details are below, with"
            " those of the other members, if you would like to discuss the matter with them."
        )
    return (
        f"The members of the {panel} and their contact details are below, if you would like to discuss the matter"
        " with one of them."
    )


def panel_table(case: Case) -> tuple[list[Column], list[dict[str, str]]]:
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
    columns = [c for c in PANEL_COLUMNS if any(row.get(c.key) for row in rows)]
    return columns, [{c.key: row.get(c.key) or "" for c in columns} for row in rows]


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
    options = [o.value.removeprefix("A ").removeprefix("An ") for o in screening.other_options]
    recommended = (
        f"recommended to {chair} that a {plain_list(options)} should be undertaken instead"
        if options
        else (f"made no recommendation for another kind of review to {chair}")
    )
    return (
        f"It was their view that the conditions outlined in {where} had not been met, so that a"
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


# --- what a letter cannot be written without --------------------------------------------------------


def undecidable(case: Case, kind_id: str, to: str | None) -> list[str]:
    """What the case must say before a letter can be written, each naming the field to fill or correct."""
    decision, letter = case.decision, letter_of(case, kind_id)
    problems = []
    if kind_id == "letter-2" and decision is not None and ReviewDecision.SERIOUS_CASE_REVIEW in decision.outcome:
        problems.append(
            f"decision.outcome: Letter 2 tells agencies that no {case.framework.statutory_type} will be held, but the"
            " chair decided to hold one"
        )
    if kind_id in ("letter-3", "letter-4", "letter-5", "letter-6", "letter-7"):
        where, decided = case.framework.decision, decision_of(case)
        if decided is None:
            problems.append(f"{where}: the letter follows the decision to hold a review; record the decision")
        elif not decided.holds_review(case.framework):
            problems.append(
                f"{where}.outcome: the letter follows a decision to hold a review, but the decision holds none"
            )
    if to is not None and case.addressee(to).address is None:
        where = _addressee_path(case, to)
        problems.append(f"{where}.address: the letter is posted to this person; give their postal address")
    if kind_id == "letter-7" and letter.reply_by is None:
        problems.append("correspondence.letter_7.reply_by: give the date the reply slip must be returned by")
    if kind_id == "letter-7" and not any(p.debriefing for p in case.professionals):
        problems.append("professionals: mark the practitioners invited to the debriefing with debriefing: true")
    return problems


def _addressee_path(case: Case, person_id: str) -> str:
    for group in ("family", "victims"):
        for i, person in enumerate(getattr(case, group)):
            if person.id == person_id:
                return f"{group}[{i}]"
    raise KeyError(person_id)


def check_writable(case: Case, kind_id: str, to: str | None) -> None:
    """Refuse a letter whose data leaves a sentence undecidable: one message naming the fields (exit 2)."""
    problems = undecidable(case, kind_id, to)
    if problems:
        raise NotSupportedError(f"{kind_id}{f' to {to!r}' if to else ''} cannot be written: " + "; ".join(problems))


# --- everything a letter template receives ----------------------------------------------------------


def letter_context(case: Case, kind: DocumentKind, to: str | None) -> dict[str, Any]:
    """The parts and sentences of one letter, for its template."""
    check_writable(case, kind.id, to)
    letter = letter_of(case, kind.id)
    context: dict[str, Any] = {
        "signature": signature(case, kind.id),
        "distribution": distribution(case, kind.id, to),
        "enclosures": enclosures(case, kind),
        "memo_columns": MEMO,
    }
    if to is not None:
        person = case.addressee(to)
        young = is_young(person.date_of_birth, person.age_if_no_dob, letter.date)
        address = person.address
        assert address is not None
        context["address_lines"] = [
            written_name(person, young),
            *address.lines,
            *(p for p in (address.town, address.postcode) if p),
        ]
        context["salutation"] = salutation(person, young)
    context["say"] = _SENTENCES[kind.id](case, letter.date)
    return context


def _letter_1(case: Case, on: dt.date) -> dict[str, Any]:
    columns, rows = panel_table(case)
    return {
        "child_columns": LABELLED,
        "representatives": representatives(case),
        "panel_columns": columns,
        "panel_rows": rows,
        "guidance": guidance_name(case.framework.guidance),
        "chapter": case.framework.guidance.chapter,
    }


def _letter_2(case: Case, on: dt.date) -> dict[str, Any]:
    assert case.decision is not None
    return {
        "statutory_type": case.framework.statutory_type,
        "files": files_sentence(case.decision),
        "alternatives_intro": alternatives_intro(case),
        "alternatives": alternatives(case),
    }


def _letter_3(case: Case, on: dt.date) -> dict[str, Any]:
    wording = case.framework.wording
    return {
        "basis": review_basis(case),
        "aim": wording.review_aim,
        "agency_review": f"{indefinite_article(wording.agency_review)} {wording.agency_review}",
        "agency_reviews": f"{wording.agency_review[0].upper()}{wording.agency_review[1:]}s",
    }


def indefinite_article(noun: str) -> str:
    """'an' before a vowel, 'a' before anything else.

    >>> indefinite_article("Individual Management Review"), indefinite_article("review")
    ('an', 'a')
    """
    return "an" if noun[:1].lower() in "aeiou" else "a"


def _letter_4(case: Case, on: dt.date) -> dict[str, Any]:
    before, after = criteria_view(case)
    criteria = case.framework.guidance.criteria
    return {
        "criteria_view": before,
        "criteria": criteria.text if criteria else "",
        "recommendation": after,
        "endorsement": endorsement(case),
    }


def _letter_5(case: Case, on: dt.date) -> dict[str, Any]:
    return {
        "because_of": because_of(case),
        "reason": review_reason(case),
        "purposes": case.framework.guidance.purposes,
        "process": process(case),
        "not_influenced": not_influenced(case, on),
        "agencies": plain_list([a.short_name for a in case.agencies]),
        "organisation": case.framework.wording.organisation,
        "author_role": case.framework.wording.author_role,
        "pseudonym": (case.framework.wording.pseudonym or "").replace("{child}", case.child.first_name),
    }


def _letter_6(case: Case, on: dt.date) -> dict[str, Any]:
    return {
        "duty": duty(case),
        "agencies": plain_list([a.short_name for a in case.agencies]),
        "progress": progress(case, on),
        "proceedings": separate_from_proceedings(case, on),
    }


def _letter_7(case: Case, on: dt.date) -> dict[str, Any]:
    return {"status": debriefing_status(case, on), "report": case.framework.wording.report, "slip_columns": LABELLED}


_SENTENCES = {
    "letter-1": _letter_1,
    "letter-2": _letter_2,
    "letter-3": _letter_3,
    "letter-4": _letter_4,
    "letter-5": _letter_5,
    "letter-6": _letter_6,
    "letter-7": _letter_7,
}

"""The rapid review as its report, its agencies' summaries and the letter to the national panel print it: the
criteria considered one by one, the decision in words, the partners' sign-off, the chronology extract."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..model import Case, ChronologyEntry
from ..model.framework import Criteria
from ..model.kinds import lookup
from ..model.options import MediaInterest, YesNo
from ..model.practice_review import AgencySummary, CriterionAnswer, Episode, PanelDecision, RapidReview
from ..text.dates import long_date
from .chronology_rows import sorted_chronology
from .deadlines import deadline_recorded_by
from .facts import decision_of
from .harm import incident_summary
from .household import short_label
from .letters.addressing import plain_list
from .notification import notification_record
from .registry import Request, register


@dataclass(frozen=True)
class CriterionRow:
    """One criterion: its letter and words, and the review's answer (None while not yet considered)."""

    letter: str
    text: str
    answer: CriterionAnswer | None


@dataclass(frozen=True)
class CriteriaTable:
    """A list of criteria, as the framework words it, with the answers."""

    criteria: Criteria
    rows: list[CriterionRow]

    @property
    def met(self) -> list[str]:
        """The letters of the criteria the case meets, e.g. ['a', 'c']."""
        return [row.letter for row in self.rows if row.answer and row.answer.met is YesNo.YES]

    @property
    def met_sentence(self) -> str:
        """Which of the criteria the case meets, as a letter says it: 'Of the criteria for a local … review
        (regulation 11 of …), the case meets (a), (b) and (c).'; of criteria another body decides on, as the
        partners' view for that body to decide.

        >>> from docgen.model.framework import Criteria
        >>> national = Criteria(title="Criteria for a national review", source="regulation 3", introduction="x",
        ...                     items={"a": "…"}, decided_by="the Panel")
        >>> answer = CriterionAnswer(met="Yes", reasons="Known nationally.")
        >>> CriteriaTable(national, [CriterionRow("a", "…", answer)]).met_sentence.split(" (regulation")[0]
        "In the safeguarding partners' view the case meets (a) of the criteria for a national review"
        """
        title = self.criteria.title[:1].lower() + self.criteria.title[1:]
        met = plain_list([f"({letter})" for letter in self.met]) or "none"
        if self.criteria.decided_by:
            return (
                f"In the safeguarding partners' view the case meets {met} of the {title} ({self.criteria.source}),"
                f" on which {self.criteria.decided_by} decides."
            )
        return f"Of the {title} ({self.criteria.source}), the case meets {met}."


@dataclass(frozen=True)
class SignOffRow:
    """A safeguarding partner's line of the sign-off: who signs for it, and when (None while not signed)."""

    partner: str
    signatory: str
    signed_on: dt.date | None


@dataclass(frozen=True)
class AgencyRow:
    """An agency asked for a summary: whether it has given one, and its view on a local review."""

    agency: str
    received: str
    view: str


@dataclass(frozen=True)
class RapidReviewView:
    """Everything the rapid review's documents print beyond the case's own fields."""

    record: RapidReview
    criteria: list[CriteriaTable]
    signatures: list[SignOffRow]
    agencies: list[AgencyRow]
    episodes: list[tuple[Episode, str]]
    """Each key practice episode, in date order, with the agencies involved named."""
    chronology: list[ChronologyEntry]
    """The integrated chronology extract, in date order."""
    chronology_from: dt.date
    due: dt.date | None
    """The day the rapid review is due (the framework's timetable), None without a timetable."""
    decision: str
    """The decision in sentences: the partners' decision, their view on a national review and, once made by the
    document's date, the national panel's decision."""
    incident: str
    """What happened, as the report's table gives it: 'Serious harm through neglect on 5 March 2026'."""
    proceedings: list[dict[str, str]]
    """The criminal proceedings up to the report's date, step by step (columns.PROCEEDINGS)."""
    media: str
    """The media's interest in the incident, as a sentence."""


MEDIA = {
    MediaInterest.NATIONAL: "The incident has drawn national media interest.",
    MediaInterest.LOCAL: "The incident has drawn local media interest.",
    MediaInterest.NONE: "The incident has drawn no media interest.",
    MediaInterest.NOT_KNOWN: "Whether the incident has drawn media interest is not known.",
}
"""The media's interest in the incident, as the rapid review report says it."""


def proceedings_rows(case: Case, day: dt.date | None) -> list[dict[str, str]]:
    """Each step of the criminal proceedings up to `day` (columns.PROCEEDINGS), the person by their short label."""
    steps = sorted(case.incident.proceedings if case.incident else [], key=lambda s: s.date)
    return [
        {
            "date": long_date(step.date),
            "step": step.step.value,
            "person": short_label(case, step.person, anonymised=False).text if step.person else "Not named",
            "details": step.details or "",
        }
        for step in steps
        if day is None or step.date <= day
    ]


def _criteria_considered(case: Case) -> bool:
    """Whether the partners considered the criteria for a review: not when they found the case does not meet those
    for notification after all."""
    decision = decision_of(case)
    return decision is None or case.framework.decision_options[decision.outcome].criteria_met


def rapid_review_view(case: Case, on: dt.date | None = None) -> RapidReviewView:
    """The rapid review of the case, as its documents print it on a day (the national panel's decision only once
    it has been made; every decision recorded when None)."""
    rapid = case.rapid_review
    assert rapid is not None, "the rapid review's documents need the case's rapid review"
    start = rapid.chronology_from or case.review.period_start
    return RapidReviewView(
        record=rapid,
        criteria=criteria_tables(case) if _criteria_considered(case) else [],
        proceedings=proceedings_rows(case, rapid.date),
        media=MEDIA[case.incident.media_interest] if case.incident else MEDIA[MediaInterest.NOT_KNOWN],
        signatures=sign_off_rows(case),
        agencies=agency_rows(case),
        episodes=episode_rows(case, rapid.episodes),
        chronology=[entry for entry in sorted_chronology(case.chronology) if entry.date >= start],
        chronology_from=start,
        due=deadline_recorded_by(case, f"{case.framework.decision}.date"),
        decision=decision_sentence(case, on),
        incident=incident_summary(case),
    )


def criteria_tables(case: Case) -> list[CriteriaTable]:
    """Every list of the framework's criteria, each criterion with the case's answer (where the framework's
    `criteria_answers` says it records them)."""
    where = case.framework.criteria_answers
    answers = (lookup(case, where) if where else None) or {}
    return [
        CriteriaTable(
            criteria,
            [CriterionRow(letter, text, answers.get(key, {}).get(letter)) for letter, text in criteria.items.items()],
        )
        for key, criteria in case.framework.criteria.items()
    ]


def sign_off_rows(case: Case) -> list[SignOffRow]:
    """Each safeguarding partner of the board profile, who signs for it, and the day they signed (if they have)."""
    signed = {s.partner: s.signed_on for s in case.rapid_review.sign_off} if case.rapid_review else {}
    rows = []
    for partner in case.board.partners:
        person = partner.signatory
        rows.append(
            SignOffRow(partner.name, ", ".join(filter(None, (person.name, person.post))), signed.get(partner.id))
        )
    return rows


def agency_rows(case: Case) -> list[AgencyRow]:
    """Each agency asked for a summary (or that gave one): whether it has, and its view on a local review."""
    summaries = case.rapid_review.summaries if case.rapid_review else {}
    asked = dict.fromkeys([*case.rapid_review_agencies, *summaries])
    return [
        AgencyRow(
            case.agency(agency).name,
            _received(summaries.get(agency)),
            view.value if (summary := summaries.get(agency)) and (view := summary.view) else "Not given",
        )
        for agency in asked
    ]


def decision_sentence(case: Case, on: dt.date | None = None) -> str:
    """The decision as the report and the letter to the panel state it, with the national panel's own decision
    once it has been made by `on` (whenever it was, when None).

    'On 6 February 2026 the safeguarding partners decided to commission a local child safeguarding practice
    review. They consider that a national review may be appropriate.' (Whether it is, the Panel decides against the
    criteria of regulation 3; the partners' answers to them are the report's.)
    """
    decision = decision_of(case)
    if decision is None:
        return "The safeguarding partners have not yet decided."
    option = case.framework.decision_options[decision.outcome]  # the case model checks the outcome
    national = (
        "They consider that a national review may be appropriate."
        if decision.national_review is YesNo.YES
        else "They do not consider a national review appropriate."
    )
    sentences = [f"On {long_date(decision.date)} the safeguarding partners decided {option.decided}."]
    sentences += [national] if option.criteria_met else []
    panel = case.rapid_review.panel_decision if case.rapid_review else None
    if panel is not None and (on is None or panel.date <= on):
        sentences.append(panel_decision_sentence(case.framework.regulator_body.name, panel))
    return " ".join(sentences)


def panel_decision_sentence(panel_name: str, panel: PanelDecision) -> str:
    """The national panel's decision on a national review, in a sentence.

    >>> panel_decision_sentence("Panel", PanelDecision(date=dt.date(2026, 3, 9), national_review=YesNo.NO))
    'On 9 March 2026 the Panel decided not to hold a national review of the case.'
    """
    if panel.national_review is YesNo.YES:
        decided = f"to include the case in {panel.review or 'a national review'}"
    else:
        decided = "not to hold a national review of the case"
    return f"On {long_date(panel.date)} the {panel_name} decided {decided}."


def summary_of(case: Case, agency: str) -> AgencySummary:
    """The agency's summary for the rapid review."""
    assert case.rapid_review is not None
    return case.rapid_review.summaries[agency]


def _received(summary: AgencySummary | None) -> str:
    if summary is None:
        return "Not yet received"
    if summary.approval.is_approved and summary.approval.approved_on:
        return f"Signed off {long_date(summary.approval.approved_on)}"
    return "Received, not yet signed off"


def episode_rows(case: Case, episodes: list[Episode]) -> list[tuple[Episode, str]]:
    """Key practice episodes in date order, each with the agencies involved named ('CSC, Police')."""
    return [
        (episode, ", ".join(case.agency(agency).short_name for agency in episode.agencies))
        for episode in sorted(episodes, key=lambda episode: episode.date)
    ]


@register("agency-summary")
def agency_summary_context(request: Request) -> dict[str, Any]:
    """`summary`, its episodes and the agency's chronology: one agency's summary for the rapid review."""
    assert request.agency is not None, "an agency summary is written per agency"
    summary = summary_of(request.case, request.agency)
    return {
        "summary": summary,
        "summary_episodes": episode_rows(request.case, summary.episodes),
        "agency_chronology": sorted_chronology(request.case.chronology, request.agency),
    }


@register("rapid-review")
def rapid_review_context(request: Request) -> dict[str, Any]:
    """`rapid` and `notification`: the rapid review's household, chronology extract, criteria one by one, decision
    and sign-off, with the notification it follows."""
    case = request.case
    on = case.rapid_review.date if case.rapid_review else None
    return {"rapid": rapid_review_view(case, on), "notification": notification_record(case)}

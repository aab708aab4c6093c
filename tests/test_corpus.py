"""The corpus of example cases (examples/corpus/): each loads and validates, and offers the documents it is there to
exercise (the three of the seed's framework their IMRs and approved, published reports too); then every document of
every case, and of the two examples, rendered in Word and PDF and proofread (slow)."""

from __future__ import annotations

from pathlib import Path

import pytest

import docgen

from .conftest import ENGLAND_2023, SAMPLE, shared_render

CORPUS = Path(__file__).resolve().parent.parent / "examples" / "corpus"

EXPECTED = {
    "child-died": {
        ("imr", "csc"),
        ("imr", "police"),
        ("imr", "health"),
        ("imr", "hospital"),
        ("imr", "preschool"),
        ("overview-report", None),
        ("executive-summary", None),
        ("progress-update", None),
        ("letter-1", None),
        ("letter-3", None),
        ("letter-4", None),
        ("letter-5", "mother"),
        ("letter-5", "father"),
        ("letter-6", "evie"),
        ("letter-6", "jade"),
        ("letter-6", "natalie"),
        ("letter-7", None),
        ("referral-form", None),
        ("scoping-document", None),
        ("ofsted-notification", None),
        ("timetable", None),
    },
    "welsh-border-interpreter": {
        ("imr", "csc"),
        ("imr", "health"),
        ("imr", "hospital"),
        ("imr", "school"),
        ("overview-report", None),
        ("executive-summary", None),
        ("progress-update", None),
        ("letter-1", None),
        ("letter-2", None),
        ("letter-3", None),
        ("letter-4", None),
        ("letter-5", "mother"),
        ("letter-5", "father"),
        ("letter-7", None),
        ("ofsted-notification", None),
        ("timetable", None),
    },
    "joint-review": {
        ("imr", "csc"),
        ("imr", "police"),
        ("imr", "sexual-health"),
        ("overview-report", None),
        ("executive-summary", None),
        ("progress-update", None),
        ("letter-1", None),
        ("letter-3", None),
        ("letter-4", None),
        ("letter-5", "father"),
        ("letter-7", None),
        ("scoping-document", None),
        ("timetable", None),
    },
    "england-2023-national": {
        ("serious-incident-notification", None),
        ("partner-notice", None),
        ("rapid-review-report", None),
        ("panel-letter", None),
        ("timetable", None),
    },
    "england-2023-published": {
        ("serious-incident-notification", None),
        ("panel-letter", None),
        ("letter-3", None),
        ("letter-5", "mother"),
        ("letter-5", "father"),
        ("letter-5", "grandmother"),
        ("letter-7", None),
        ("review-report", None),
        ("partnership-response", None),
        ("pre-publication-letter", None),
        ("timetable", None),
    },
    "england-2023-not-published": {
        ("serious-incident-notification", None),
        ("panel-letter", None),
        ("letter-5", "mother"),
        ("letter-7", None),
        ("review-report", None),
        ("partnership-response", None),
        ("pre-publication-letter", None),
        ("improvements-statement", None),
        ("timetable", None),
    },
}

ABSENT = {
    # no review follows the rapid review: nothing of a local review is offered
    "england-2023-national": {"letter-3", "letter-5", "review-report", "pre-publication-letter"},
    # the report itself is published: no statement of improvements
    "england-2023-published": {"improvements-statement"},
    # a joint review's other board writes to the mother; no victims; no Ofsted form from this board
    "joint-review": {"letter-6", "ofsted-notification"},
    "welsh-border-interpreter": {"letter-6"},
    "child-died": {"letter-2"},
}


def _documents(name: str) -> tuple[docgen.Case, set[tuple[str, str | None]]]:
    case = docgen.load_case(CORPUS / f"{name}.yaml")
    return case, {(p.kind, p.agency or p.to) for p in docgen.supported_documents(case)}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_case_validates_and_offers_its_documents(name: str) -> None:
    _, documents = _documents(name)
    assert EXPECTED[name] <= documents
    assert not {kind for kind, _ in documents} & ABSENT.get(name, set())


def test_every_case_file_of_the_corpus_is_listed() -> None:
    assert {path.stem for path in CORPUS.glob("*.yaml")} == set(EXPECTED)


def test_the_branches_each_case_is_there_for() -> None:
    died, _ = _documents("child-died")
    assert died.subject.date_of_death is not None and died.incident.type.value == "Death"
    assert [step.step.value for step in died.incident.proceedings][-1] == "Sentenced"
    border, _ = _documents("welsh-border-interpreter")
    assert border.board.holidays.value == "England and Wales" and not border.incident.proceedings
    joint, _ = _documents("joint-review")
    assert joint.review.joint is not None and joint.review.joint.arrangement.value == "joint-panel"
    national, _ = _documents("england-2023-national")
    assert national.rapid_review.decision.national_review.value == "Yes"
    assert national.rapid_review.panel_decision.national_review.value == "Yes"
    assert not national.rapid_review.decision.holds_review(national.framework)
    published, _ = _documents("england-2023-published")
    assert published.publication.published and published.publication.statement is None
    assert [c.person for c in published.notification.children] == ["child", "twin"]
    assert published.person("twin").anonymous_name == "Alfie"
    withheld, _ = _documents("england-2023-not-published")
    assert not withheld.publication.published
    assert withheld.publication.statement.approval.approved_on <= withheld.correspondence.pre_publication.date


EVERY_CASE = {"sample-case": SAMPLE, "england-2023": ENGLAND_2023} | {path.stem: path for path in CORPUS.glob("*.yaml")}
"""The two examples and the corpus, by name."""


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(EVERY_CASE))
def test_every_document_of_every_case_passes_the_proof(name: str) -> None:
    """Each document a case offers, in Word and PDF, with nothing a proofreader would stop at."""
    case = docgen.load_case(EVERY_CASE[name])
    findings = [
        f"{document.filename}, page {finding.page}: {finding.rule}: {finding.words}"
        for planned in docgen.supported_documents(case)
        for format in ("docx", "pdf")
        for document in [shared_render(case, fmt=format, **planned._asdict())]
        for finding in document.findings
    ]
    assert findings == []

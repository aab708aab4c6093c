"""Nothing that identifies a family in combination: public documents generalise, by the framework profile's rules
and the case's own, times of day, the court, medication, screening scores and adults' exact ages, and a published
final is written only once the author has confirmed the list."""

from __future__ import annotations

import pytest

from docgen import CaseError, render
from docgen.model.publication import JigsawRule
from docgen.passes.anonymise import anonymisation_report, anonymise_case, public_generalisations
from docgen.passes.jigsaw import generalise_details

from .approved import approved_case
from .conftest import sample_case, text_of


@pytest.mark.parametrize(
    ("text", "out"),
    [
        ("Police arrived at 21:30 and found her.", "Police arrived and found her."),
        ("He was sentenced at Northbrook Crown Court in May.", "He was sentenced at the court in May."),
        ("The case was heard by the Family Court at Eastbury.", "The case was heard by the family court."),
        ("She was prescribed sertraline 100 mg and had a PHQ-9 score of 18.",
         "She was prescribed medication and had a screening score."),
        ("Sertraline was stopped.", "Medication was stopped."),
        ("Her partner, aged 34, and her son, aged 9, were home.",
         "Her partner, in their 30s, and her son, aged 9, were home."),
        ("The meeting was at the court office.", "The meeting was at the court office."),
        ("He was sentenced to life imprisonment with a minimum term of 18 years.",
         "He was sentenced to life imprisonment."),
        ("She received 15 months' imprisonment; he was given four years custody.",
         "She received imprisonment; he was given imprisonment."),
        ("Their parents, who used heroin and crack cocaine, were convicted.",
         "Their parents, who used drugs, were convicted."),
    ],
)  # fmt: skip
def test_the_framework_rules_generalise_what_identifies_in_combination(text: str, out: str) -> None:
    assert generalise_details(text, sample_case().framework.jigsaw)[0] == out


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_published_executive_summary_gives_no_adults_exact_age(fmt: str) -> None:
    text = text_of(render(approved_case(), "executive-summary", fmt))
    assert "An older half-brother, in their late teens, lived in the household" in text
    assert "aged 18" not in text


def test_a_published_final_waits_for_the_authors_confirmation() -> None:
    case = approved_case()
    unconfirmed = case.model_copy(
        update={"anonymisation": case.anonymisation.model_copy(update={"jigsaw_confirmed": None})}
    )
    with pytest.raises(CaseError) as caught:
        render(unconfirmed, "executive-summary", "pdf")
    [problem] = caught.value.problems
    assert problem.path == "anonymisation.jigsaw_confirmed" and "docgen anonymise CASE --report" in problem.message
    assert render(unconfirmed, "executive-summary", "pdf", draft=True).draft is not None  # a draft needs none


def test_the_report_lists_each_generalisation_and_a_case_adds_its_own_rules() -> None:
    case = sample_case()
    report = anonymisation_report(case)
    assert "Generalised in public documents, to confirm (anonymisation.jigsaw_confirmed)" in report
    assert "chronology[0].event: 'Northbrook Crown Court' → 'the court' (the name of a court)" in report
    own = JigsawRule(what="the name of an estate", pattern=r"\bthe Meadows estate\b", becomes="an estate")
    tightened = case.model_copy(update={"anonymisation": case.anonymisation.model_copy(update={"jigsaw": [own]})})
    chronology = tightened.chronology[0].model_copy(update={"event": "She lived on the Meadows estate."})
    tightened = tightened.model_copy(update={"chronology": [chronology, *tightened.chronology[1:]]})
    assert ("chronology[0].event", "the Meadows estate", "an estate") in [
        (path, g.found, g.became) for path, g in public_generalisations(tightened)
    ]
    assert anonymise_case(tightened, public=True).chronology[0].event == "She lived on an estate."

"""The working papers' derivations (pure, from the case) and the model's checks of their data."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest
import yaml

from docgen import CaseError, load_case
from docgen.derive.author_brief import author_brief, late_reports_body
from docgen.derive.interview_record import MATTERS, interview_record
from docgen.derive.person_details import ethnic_origin, family_yes_no
from docgen.derive.referral import BLANK_FAMILY_COLUMNS, blank_referral_form, referral_form
from docgen.derive.scoping import SCOPING_QUESTIONS, joint_scope
from docgen.model.interviews import InterviewMatter
from docgen.model.options import Ethnicity
from docgen.model.review import JointArrangement, JointReview, ScopingQuestion

from .conftest import CASES, sample_case


@pytest.mark.parametrize("module", ["docgen.derive.person_details", "docgen.derive.referral", "docgen.derive.scoping"])
def test_the_examples_in_the_docstrings_hold(module: str) -> None:
    failed, attempted = doctest.testmod(importlib.import_module(module))
    assert attempted and not failed


def test_every_matter_and_scoping_question_of_the_seed_is_worded_once() -> None:
    assert list(MATTERS) == list(InterviewMatter) and len(MATTERS) == 12
    assert list(SCOPING_QUESTIONS) == list(ScopingQuestion) and len(SCOPING_QUESTIONS) == 14


def test_ethnic_origin_is_broad_on_anonymised_papers() -> None:
    assert ethnic_origin(Ethnicity.ASIAN_PAKISTANI) == "Asian or Asian British – Pakistani"
    assert ethnic_origin(Ethnicity.ASIAN_PAKISTANI, broad=True) == "Asian or Asian British"
    assert ethnic_origin(Ethnicity.OTHER) == "Other ethnic group"


def test_the_family_questions_are_answered_for_any_of_them() -> None:
    case = sample_case()
    needs = family_yes_no(case, "special_needs")
    assert needs.answer is True and needs.details.startswith("Siân Elin Carter: Anxiety")
    nobody = case.model_copy(update={"family": [case.family[1]]})  # the father: no needs, no plan
    assert family_yes_no(nobody, "child_protection_plan").answer is False


def test_the_blank_form_has_the_seeds_grids_and_no_answers() -> None:
    blank = blank_referral_form()
    assert len(blank.family) == BLANK_FAMILY_COLUMNS == 8
    assert blank.referrer.line_manager_aware.answer is None and blank.screening.recommendation is None
    assert blank.other_review_options[0].value == "A Lessons Learned Review"  # 2.3: 3.1 without its first


def test_signatures_appear_once_signed() -> None:
    form = referral_form(sample_case(), anonymised=False)
    assert (form.referrer_signature.name, form.referrer_signature.date) == ("Jennifer Oduya", "24/02/2026")
    assert form.decision.signature.name == "Dr Helen Marchbank"  # the chair's decision is the signature
    unsigned = sample_case().model_copy(
        update={"referral": sample_case().referral.model_copy(update={"signed_on": None})}
    )
    assert referral_form(unsigned, anonymised=False).referrer_signature.name == ""


def test_the_overview_author_recommended_defaults_to_the_one_appointed() -> None:
    assert referral_form(sample_case(), anonymised=False).decision.overview_author == "Dr Rosalind Achterberg"


def test_a_review_led_by_one_board_with_limited_input() -> None:
    joint = JointReview.model_validate(
        {
            "partner_board": {"name": "Westmoor Partnership", "chair": {"name": "Robin Ashby"}},
            "arrangement": "single-board-with-limited-input",
            "scoping_questions": {"period": "From January 2025."},
        }
    )
    scope = joint_scope(joint, "Eastfield Board")
    assert joint.arrangement is JointArrangement.LIMITED_INPUT
    assert scope.arrangement == "A review led by Eastfield Board, with limited input from Westmoor Partnership."
    assert scope.introduction.startswith("The chair of Westmoor Partnership contributed to the scoping")
    assert [(a.numeral, a.answer) for a in scope.answers if a.answer] == [("iii", "From January 2025.")]
    assert scope.agreed_on == ""


def test_the_brief_names_a_regulator_only_for_reviews_reported_to_it() -> None:
    assert late_reports_body(sample_case()) is None  # a Lessons Learned Review
    joint = load_case(CASES / "joint-review.yaml")
    body = late_reports_body(joint)
    assert body is not None and body.name == "Ofsted"
    assert author_brief(joint, "westmoor-csc").deadline.isoformat() == "2026-06-12"


def test_an_interviews_contributor_comes_from_the_professional_and_the_interview() -> None:
    record = interview_record(sample_case(), "csc-1")
    assert record.contributor.full_name == "Daniel Okonjo" and record.author is not None
    assert record.has_notes and record.disagreement.startswith("Mr Okonjo does not agree")
    assert not interview_record(sample_case(), "csc-2").has_notes


def sample_with(tmp_path: Path, change: dict[str, object]) -> Path:
    data = yaml.safe_load((CASES / "minimal.yaml").read_text(encoding="utf-8"))
    data.update(change)
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"interviews": [{"id": "a", "professional": "nobody"}]},
            "interviews[0].professional: unknown professional 'nobody'",
        ),
        (
            {
                "professionals": [{"id": "pc", "first_name": "A", "last_name": "B", "role": "PC", "agency": "police"}],
                "interviews": [{"id": "a", "professional": "pc"}, {"id": "a", "professional": "pc"}],
            },
            "interviews: 'a' is used more than once",
        ),
        (
            {
                "agencies": [
                    {"id": "police", "name": "P", "short_name": "P", "chief_officer": {"name": "C"}, "officer": "x"}
                ]
            },
            "agencies[0].officer: unknown professional 'x'",
        ),
        (
            {"interviews": [{"id": "a", "professional": "pc", "notes": {"hobbies": "x"}}]},
            "interviews[0].notes.hobbies",
        ),
    ],
)
def test_papers_data_is_checked(tmp_path: Path, change: dict[str, object], expected: str) -> None:
    with pytest.raises(CaseError) as caught:
        load_case(sample_with(tmp_path, change))
    assert expected in caught.value.describe()


def test_a_framework_naming_an_unknown_body_for_late_reports_is_refused(tmp_path: Path) -> None:
    profile = yaml.safe_load((Path(__file__).parents[1] / "frameworks" / "england-2009.yaml").read_text())
    profile["papers"]["late_reports_explained_to"] = "ombudsman"
    (tmp_path / "f.yaml").write_text(yaml.safe_dump(profile), encoding="utf-8")
    with pytest.raises(CaseError) as caught:
        load_case(sample_with(tmp_path, {"framework": "f.yaml"}))
    assert "papers.late_reports_explained_to: unknown body ombudsman" in caught.value.describe()

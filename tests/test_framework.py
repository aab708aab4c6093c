"""Framework profiles: the seed's by default, another by id or by file, refused with a field path when wrong."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from docgen import CaseError, load_case
from docgen.model.framework import DEFAULT_FRAMEWORK, builtin_framework_ids

from .conftest import CASES, SAMPLE


def case_with(tmp_path: Path, **changes: object) -> Path:
    data = yaml.safe_load((CASES / "minimal.yaml").read_text(encoding="utf-8"))
    data.update(changes)
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_a_case_that_names_none_follows_the_seed_procedure() -> None:
    case = load_case(SAMPLE)
    assert case.framework.id == DEFAULT_FRAMEWORK == "england-2009"
    assert case.framework.guidance.title == "Working Together to Safeguard Children"
    assert DEFAULT_FRAMEWORK in builtin_framework_ids()


def test_lessons_learned_reviews_are_reported_to_no_national_body() -> None:
    framework = load_case(SAMPLE).framework
    assert framework.reported_to("Lessons Learned Review") == []
    assert [b.name for b in framework.reported_to("Serious Case Review")] == [
        "Ofsted",
        "Department for Children, Schools and Families",
        "Strategic Health Authority",
    ]


def test_a_framework_file_beside_the_case(tmp_path: Path) -> None:
    profile = yaml.safe_load((Path(__file__).parents[1] / "frameworks" / "england-2009.yaml").read_text())
    profile["id"] = "test-nation"
    profile["nation"] = "Testland"
    (tmp_path / "testland.yaml").write_text(yaml.safe_dump(profile), encoding="utf-8")
    assert load_case(case_with(tmp_path, framework="testland.yaml")).framework.nation == "Testland"


def test_an_unknown_framework_names_the_built_in_ones(tmp_path: Path) -> None:
    with pytest.raises(CaseError) as caught:
        load_case(case_with(tmp_path, framework="atlantis-1999"))
    [problem] = caught.value.problems
    assert problem.path == "framework"
    assert "england-2009" in problem.message and "atlantis-1999" in problem.message


def test_a_review_type_the_framework_does_not_know_is_refused(tmp_path: Path) -> None:
    profile = yaml.safe_load((Path(__file__).parents[1] / "frameworks" / "england-2009.yaml").read_text())
    del profile["review_types"]["Lessons Learned Review"]
    (tmp_path / "narrow.yaml").write_text(yaml.safe_dump(profile), encoding="utf-8")
    case = yaml.safe_load((CASES / "minimal.yaml").read_text(encoding="utf-8"))
    case["review"]["type"] = "Lessons Learned Review"
    case["framework"] = "narrow.yaml"
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(case, allow_unicode=True), encoding="utf-8")
    with pytest.raises(CaseError) as caught:
        load_case(path)
    assert "review.type: 'Lessons Learned Review' is not a review type of the framework" in caught.value.describe()

"""A new document is data, a template and at most one registered function: a test-only profile adds a kind whose
template uses a context builder registered here, and it renders in Word, PDF and HTML through the API and the
command line, with no change to docgen."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from docgen import NotSupportedError, load_case, render
from docgen.cli.commands import main
from docgen.derive.registry import BUILDERS, Request, register

from .conftest import CASES, text_of
from .test_third_framework import PROFILE as WELSH

BUILDER = "test-learning-points"
PROFILE = {
    "id": "test-learning-brief",
    "name": "Learning briefs (test profile)",
    "nation": "England",
    "guidance": {"title": "A guide to learning briefs", "edition": "2026", "purposes": ["To learn"]},
    "bodies": {"regulator": {"name": "The Regulator"}},
    "review_types": {"Learning Brief": {"statutory": False}},
    "templates": "profile-templates",
    "documents": [
        {
            "id": "learning-brief",
            "title": "Learning brief",
            "template": "forms/learning-brief.html.j2",
            "shell": "form",
            "marking": "OFFICIAL",
            "needs": ["agencies"],
            "builders": [BUILDER],
        }
    ],
    "wording": WELSH["wording"],
}
TEMPLATE = """<h1>Learning brief for {{ board.name }}</h1>
<p>{{ agencies_taking_part }} agencies took part: {{ agency_list }}.</p>
"""


@pytest.fixture(scope="module", autouse=True)
def learning_points() -> Iterator[None]:
    """The profile's one function, registered for these tests only."""

    @register(BUILDER)
    def build(request: Request) -> dict[str, Any]:
        names = [agency.short_name for agency in request.case.agencies]
        return {"agencies_taking_part": len(names), "agency_list": ", ".join(names)}

    yield
    BUILDERS.unregister(BUILDER)


def brief_case(tmp_path: Path, profile: dict[str, Any] = PROFILE) -> Path:
    """A case of the test profile, with the profile and its templates folder beside it."""
    (tmp_path / "profile-templates" / "forms").mkdir(parents=True)
    (tmp_path / "profile-templates" / "forms" / "learning-brief.html.j2").write_text(TEMPLATE)
    (tmp_path / "brief.yaml").write_text(yaml.safe_dump(profile, allow_unicode=True), encoding="utf-8")
    case = yaml.safe_load((CASES / "minimal.yaml").read_text(encoding="utf-8"))
    del case["referral"], case["correspondence"]
    case["framework"] = "brief.yaml"
    case["review"]["type"] = "Learning Brief"
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(case, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html"])
def test_a_kind_of_a_test_profile_renders_through_the_api(tmp_path: Path, fmt: str) -> None:
    case = load_case(brief_case(tmp_path))
    text = text_of(render(case, "learning-brief", fmt))
    agencies = [agency.short_name for agency in case.agencies]
    assert f"Learning brief for {case.board.name}" in text
    assert f"{len(agencies)} agencies took part: {', '.join(agencies)}." in text


def test_a_kind_of_a_test_profile_renders_through_the_command_line(tmp_path: Path) -> None:
    case = brief_case(tmp_path)
    out = tmp_path / "out"
    args = ["render", str(case), "--doc", "learning-brief", *("--format", "docx", "--format", "pdf")]
    result = CliRunner().invoke(main, [*args, "--format", "html", "--out", str(out)])
    assert result.exit_code == 0, result.output
    reference = load_case(case).review.file_reference
    assert sorted(p.name for p in out.glob("*_learning-brief.*")) == [
        f"{reference}_learning-brief.{fmt}" for fmt in ("docx", "html", "pdf")
    ]


def test_a_kind_naming_a_builder_docgen_lacks_is_refused_in_plain_words(tmp_path: Path) -> None:
    profile = {**PROFILE, "documents": [{**PROFILE["documents"][0], "builders": ["no-such-builder"]}]}  # type: ignore[dict-item]
    case = load_case(brief_case(tmp_path, profile))
    with pytest.raises(NotSupportedError, match="learning-brief names context builders docgen does not have: "):
        render(case, "learning-brief", "pdf")
    result = CliRunner().invoke(main, ["render", str(tmp_path / "case.yaml"), "--doc", "learning-brief"])
    assert result.exit_code == 2 and "no-such-builder" in result.output and "Traceback" not in result.output


def test_a_builder_name_is_registered_once() -> None:
    with pytest.raises(ValueError, match="registered already"):
        register(BUILDER)(lambda request: {})

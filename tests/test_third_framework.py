"""A third framework is data, templates and derivations only: a small profile written here (a Welsh child practice
review, illustrative: its clock and wording are the fixture's, not the Welsh guidance's) with one template of its
own, in a folder beside the case, renders in Word and PDF with no change to docgen."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from docgen import CaseError, load_case, render, supported_documents
from docgen.cli.commands import main
from docgen.derive.deadlines import review_timetable

from .conftest import CASES, squash, text_of

PROFILE = {
    "id": "wales-cpr-test",
    "name": "Child practice reviews (test profile)",
    "nation": "Wales",
    "guidance": {"title": "Child Practice Reviews", "edition": "2016", "purposes": ["To learn and improve"]},
    "bodies": {"government": {"name": "Welsh Government"}},
    "review_types": {"Concise Child Practice Review": {"statutory": True, "reported_to": ["government"]}},
    "regulator": "government",
    "templates": "profile-templates",
    "requires": ["local_review"],
    "documents": [
        {
            "id": "practice-review-report",
            "title": "Child practice review report",
            "template": "reports/practice-review-report.html.j2",
            "shell": "report",
            "audience": "public",
            "anonymised": "always",
            "report": True,
            "record": "local_review",
            "needs": ["local_review"],
            "builders": ["local-review"],
            "sections": [{"field": "summary", "title": "Summary"}],
        },
        {"id": "timetable", "needs": ["framework.timetable", "local_review.commissioned_on"]},
    ],
    "timetable": {
        "events": {"commissioned": {"field": "local_review.commissioned_on", "name": "the review was commissioned"}},
        "steps": [
            {
                "id": "report",
                "title": "Report to the board",
                "timescale": "Within 12 weeks of commissioning (the fixture's clock)",
                "action": "The reviewer reports to {board}.",
                "responsible": [{"role": "Reviewer", "officer": "overview_author"}],
                "clock": {"after": "commissioned", "weeks": 12},
                "done": "local_review.completed_on",
            }
        ],
    },
    "wording": {
        name: "Test wording."
        for name in (
            "statutory_review",
            "discretionary_review",
            "statutory_duty",
            "discretionary_duty",
            "organisation",
            "review_aim",
            "agency_review",
            "author_role",
            "report",
            "summary",
        )
    },
}

TEMPLATE = """{% import "reports/_report.html.j2" as r with context %}
{{ r.cover(["CHILD PRACTICE REVIEW REPORT"], board.name, review.overview_author, local.record.date) }}
{{ r.front_matter() }}
<h1>Summary</h1>
{{ local.record.summary | markdown(2) }}
<h1>Learning</h1>
{% for item in local.improvements %}<p>Learning point {{ item.number }}: {{ item.recommendation.text }}</p>
{% endfor %}
"""


def welsh_case(tmp_path: Path) -> Path:
    """A case of the test profile, with the profile and its templates folder beside it."""
    (tmp_path / "profile-templates" / "reports").mkdir(parents=True)
    (tmp_path / "profile-templates" / "reports" / "practice-review-report.html.j2").write_text(TEMPLATE)
    (tmp_path / "wales.yaml").write_text(yaml.safe_dump(PROFILE, allow_unicode=True), encoding="utf-8")
    case = yaml.safe_load((CASES / "minimal.yaml").read_text(encoding="utf-8"))
    del case["referral"], case["correspondence"]
    case["framework"] = "wales.yaml"
    case["review"]["type"] = "Concise Child Practice Review"
    case["review"]["overview_author"] = {"name": "Dr Gwyneth Price", "post": "Lead Reviewer"}
    case["child"]["anonymous_name"] = "Seren"
    case["local_review"] = {
        "commissioned_on": "2026-04-01",
        "date": "2026-06-19",
        "summary": "Ffion Kowalczyk was hurt at home in February 2026.",
        "recommendations": [
            {
                "text": "Agencies should share bruising concerns the same day.",
                "addressee": "Board Manager",
                "agreed_at_level": "Board meeting of 26 June 2026",
                "by_whom": "Designated safeguarding leads",
                "action": "Brief every agency's safeguarding lead.",
                "outcome": "Concerns are shared the same day.",
                "monitoring": "Audit of referrals in six months.",
                "timescale": "31 December 2026",
            }
        ],
        "approval": {"approved_on": "2026-06-26", "approved_by": "The Board"},
    }
    case["anonymisation"] = {"jigsaw_confirmed": "2026-06-26"}  # what the published report generalises, confirmed
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(case, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_profiles_own_document_renders_from_its_own_template(tmp_path: Path, fmt: str) -> None:
    case = load_case(welsh_case(tmp_path))
    document = render(case, "practice-review-report", fmt)
    text = text_of(document)
    assert document.anonymised and not document.draft
    assert squash("CONCISE CHILD PRACTICE REVIEW – Seren") in text
    assert "Seren was hurt at home in February 2026." in text and "Ffion" not in text and "Kowalczyk" not in text
    assert "Learning point 1: Agencies should share bruising concerns the same day." in text


def test_the_profile_offers_its_documents_and_its_clock(tmp_path: Path) -> None:
    case = load_case(welsh_case(tmp_path))
    assert [p.kind for p in supported_documents(case)] == ["practice-review-report", "timetable"]
    [step] = review_timetable(case, case.opened_on).steps
    assert step.deadline.isoformat() == "2026-06-24" and step.responsible == ["Reviewer (Dr Gwyneth Price)"]
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "case.yaml")])
    assert result.exit_code == 0 and "documents it supports: practice-review-report, timetable" in result.output
    assert "timetable" in text_of(render(case, "timetable", "pdf")).lower()


def test_a_profiles_templates_must_be_beside_the_case(tmp_path: Path) -> None:
    path = welsh_case(tmp_path)
    profile = {**PROFILE, "templates": "../elsewhere"}
    (tmp_path / "wales.yaml").write_text(yaml.safe_dump(profile), encoding="utf-8")
    with pytest.raises(CaseError) as caught:
        load_case(path)
    assert "field framework.templates: the framework's templates must be a folder beside" in caught.value.describe()


def test_a_new_kind_without_its_template_is_refused(tmp_path: Path) -> None:
    path = welsh_case(tmp_path)
    documents = [{key: value for key, value in PROFILE["documents"][0].items() if key != "template"}]  # type: ignore[index]
    (tmp_path / "wales.yaml").write_text(yaml.safe_dump({**PROFILE, "documents": documents}), encoding="utf-8")
    with pytest.raises(CaseError) as caught:
        load_case(path)
    assert "'practice-review-report' is not a built-in kind: give its template" in caught.value.describe()

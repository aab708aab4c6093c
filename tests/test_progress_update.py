"""The progress update: progress on the approved reports' action plans (the Overview Report's, each approved IMR's)
since their approval, in a document of its own, so that an approved report stays as it was approved."""

from __future__ import annotations

import datetime as dt

import pytest

from docgen import NotSupportedError, render
from docgen.model import Case
from docgen.model.options import TrafficLight

from .approved import approved_case
from .conftest import sample_case, text_of


def with_later_progress(case: Case) -> Case:
    """The approved example, with progress reported on its first action after the approval."""
    assert case.overview is not None
    first = case.overview.recommendations[0]
    part = first.parts[0]  # its first action
    later = part.progress[0].model_copy(
        update={
            "date": dt.date(2026, 12, 1),
            "achieved": "The standard is in use in every team.",
            "assessment": TrafficLight.GREEN,
        }
    )
    parts = [part.model_copy(update={"progress": [*part.progress, later]}), *first.parts[1:]]
    changed = first.model_copy(update={"parts": parts})
    overview = case.overview.model_copy(update={"recommendations": [changed, *case.overview.recommendations[1:]]})
    return case.model_copy(update={"overview": overview})


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_update_reports_progress_since_the_approval_and_the_report_does_not(fmt: str) -> None:
    case = with_later_progress(approved_case())
    update = text_of(render(case, "progress-update", fmt, on=dt.date(2026, 12, 7)))
    for wording in (
        "Action plan progress update",
        "Lessons Learned Review LLR-2026-04 · Northbrook Safeguarding Children Board · 7 December 2026",
        "Overview Report Approved on 20 November 2026.",
        "No. Recommendation Reported What has been achieved Assessment (red, amber or green) Signed off",
        "01/12/2026",
        "The standard is in use in every team.",
        "GREEN",
    ):
        assert wording in update, wording
    assert "30/10/2026" not in update  # reported before the approval: in the approved report
    police = update[update.index("Individual Management Review: Northbrook Constabulary") :]
    assert police.startswith("Individual Management Review: Northbrook Constabulary Approved on 9 September 2026.")
    assert "05/10/2026" in police and "94% of response officers trained" in police, "progress after the IMR's approval"
    imr = text_of(render(case, "imr", fmt, agency="police"))
    assert "94% of response officers trained" not in imr, "the approved IMR stays as it was approved"
    report = text_of(render(case, "overview-report", fmt, anonymise=False))
    assert "The standard is in use in every team." not in report


def test_the_traffic_light_is_shaded_as_in_the_action_plan() -> None:
    html = render(with_later_progress(approved_case()), "progress-update", "html", on=dt.date(2026, 12, 7))
    assert 'style="background-color: #b7e1cd">GREEN</td>' in html.content.decode()


def test_an_update_is_for_an_approved_report_only() -> None:
    with pytest.raises(NotSupportedError, match=r"overview\.approval\.approved_on"):
        render(sample_case(), "progress-update", "pdf")

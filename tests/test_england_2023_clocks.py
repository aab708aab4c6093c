"""The clocks of Working Together 2023, hand-counted across the bank holidays of England (Christmas 2026 with its
substitute Boxing Day, New Year's Day 2027, Easter 2026 and 2027): 5 working days for the notification, 15 from
the notification for the rapid review, six calendar months for the local review, 7 working days before
publication."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from click.testing import CliRunner

from docgen import render
from docgen.cli.commands import main
from docgen.derive.deadlines import Status, review_timetable
from docgen.model import Case

from .conftest import ENGLAND_2023, corpus_case, england_case, text_of

D = dt.date


def with_dates(case: Case, **records: dict[str, Any]) -> Case:
    """The case with fields of its records replaced, by dotted name: with_dates(case, notification={…})."""
    updates: dict[str, Any] = {}
    for path, fields in records.items():
        owner, _, name = path.rpartition(".")
        if owner:
            parent = getattr(case, owner)
            record = getattr(parent, name).model_copy(update=fields)
            updates[owner] = updates.get(owner, parent).model_copy(update={name: record})
        else:
            updates[name] = getattr(case, name).model_copy(update=fields)
    return case.model_copy(update=updates)


def due(case: Case) -> dict[str, dt.date]:
    return {timed.step.id: timed.deadline for timed in review_timetable(case, D(2026, 7, 22)).steps}


def test_the_examples_deadlines() -> None:
    deadlines = due(england_case())
    assert deadlines["notify-panel"] == deadlines["notify-partners"] == D(2026, 1, 19)  # 5 after Monday 12 January
    assert deadlines["request-summaries"] == D(2026, 1, 16)  # the working day after the notification (Thursday 15)
    assert deadlines["rapid-review"] == deadlines["panel-informed"] == D(2026, 2, 5)  # 15 after the notification
    assert deadlines["review-completed"] == deadlines["publication"] == D(2026, 8, 5)  # six months from the decision
    assert deadlines["pre-publication"] == D(2026, 7, 24)  # 7 working days before publication on 4 August


def test_the_notification_across_christmas_2026() -> None:
    """Aware Monday 21 December 2026: Christmas Day (Friday) and the substitute Boxing Day (Monday 28) skipped."""
    case = with_dates(england_case(), notification={"aware_on": D(2026, 12, 21), "notified_on": D(2026, 12, 30)})
    deadlines = due(case)
    assert deadlines["notify-panel"] == D(2026, 12, 30)
    # 15 working days from Wednesday 30 December: New Year's Day 2027 skipped
    assert deadlines["rapid-review"] == D(2027, 1, 21)


def test_the_notification_and_the_rapid_review_across_easter() -> None:
    """Easter 2027: Good Friday 26 March and Easter Monday 29 March skipped; Easter 2026 likewise."""
    case = with_dates(england_case(), notification={"aware_on": D(2027, 3, 24), "notified_on": None})
    deadlines = due(case)
    assert deadlines["notify-panel"] == D(2027, 4, 2)
    assert deadlines["rapid-review"] == D(2027, 4, 23)  # counted from the notification's deadline while none made
    spring = with_dates(england_case(), notification={"aware_on": D(2026, 3, 23), "notified_on": D(2026, 3, 26)})
    assert due(spring)["rapid-review"] == D(2026, 4, 20)


def test_seven_working_days_before_publication_across_easter_2027() -> None:
    """Publication on Thursday 1 April 2027: Easter Monday and Good Friday are not working days."""
    case = with_dates(england_case(), publication={"date": D(2027, 4, 1)})
    assert due(case)["pre-publication"] == D(2027, 3, 19)


def test_six_calendar_months_end_on_the_last_day_of_a_shorter_month() -> None:
    case = with_dates(england_case(), **{"rapid_review.decision": {"date": D(2026, 8, 31)}})
    assert due(case)["review-completed"] == D(2027, 2, 28)


def test_a_rapid_review_case_has_no_local_review_steps() -> None:
    rapid = england_case().model_copy(
        update={"review": england_case().review.model_copy(update={"type": "Rapid Review"})}
    )
    assert "review-completed" not in due(rapid) and "pre-publication" not in due(rapid)


def test_the_status_of_each_step_on_a_day() -> None:
    steps = {timed.step.id: timed for timed in review_timetable(england_case(), D(2026, 7, 22)).steps}
    assert steps["notify-panel"].status is Status.MET
    assert steps["publication"].status is Status.DUE and steps["publication"].booked
    late = with_dates(england_case(), notification={"notified_on": D(2026, 1, 20)})
    assert review_timetable(late, D(2026, 7, 22)).steps[0].status is Status.MET_LATE


def test_docgen_timetable_shows_the_clocks_with_their_status() -> None:
    result = CliRunner().invoke(main, ["timetable", str(ENGLAND_2023), "--on", "2026-07-22"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[1].startswith("Day 1: the local authority became aware of the incident, 12 January 2026")
    assert any("Mon 19/01/2026  met               15/01/2026         Serious incident notified" in ln for ln in lines)
    assert any(
        "Wed 05/08/2026  due               04/08/2026 booked  Statement of improvements published" in ln for ln in lines
    )


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
def test_a_report_not_published_has_its_statement_of_improvements_in_the_last_steps(fmt: str) -> None:
    """The partners decided not to publish the report: the timetable names the statement that is published."""
    not_published = text_of(render(corpus_case("england-2023-not-published"), "timetable", fmt))
    for wording in (
        "At least 7 working days before the statement is published",
        "send the final report, with the statement of the improvements to be made, to the Child Safeguarding",
        "The safeguarding partners, having decided not to publish the report, publish a statement of the",
    ):
        assert wording in not_published, wording
    assert "publish the report (or, when they decide not to" not in not_published
    published = text_of(render(corpus_case("england-2023-published"), "timetable", fmt))
    assert "At least 7 working days before publication" in published
    assert "statement is published" not in published
    assert "The safeguarding partners publish the report; it stays publicly available for at least a year." in published
    undecided = corpus_case("england-2023-published").model_copy(update={"publication": None})
    assert "Report or statement published" in [
        step.title for step in review_timetable(undecided, dt.date(2026, 12, 7)).steps
    ]

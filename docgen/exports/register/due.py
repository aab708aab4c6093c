"""What falls due across every review of a folder: each step overdue or due within a number of days, soonest
first, with its review and who owns it; as a table for the terminal, a digest a board can e-mail to itself (plain
text or HTML) and one calendar feed of every step of every review."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...derive.deadlines import ReviewTimetable, Status, review_timetable
from ...model import Case
from ...rendering.accessibility import captioned_tables, scoped_header_cells
from ...rendering.templates import environment, render_template
from ...text.dates import form_date, long_date
from ..calendar import calendar_of
from .case_folder import Unreadable, read_cases
from .entries import LATE
from .outputs import chosen_writer

DEFAULT_WITHIN = 14
"""Days ahead the digest looks by default: a fortnight."""


@dataclass(frozen=True)
class DueStep:
    """A step of a review's timetable that is overdue, or due within the days asked for."""

    reference: str
    review_type: str
    step: str
    deadline: dt.date
    overdue: bool
    owner: str


@dataclass(frozen=True)
class Due:
    """What falls due on a day across a folder's reviews."""

    on: dt.date
    until: dt.date
    """The last day looked at."""
    steps: list[DueStep]
    """Overdue steps first, then the rest by deadline."""
    timetables: list[tuple[Case, ReviewTimetable]]
    """Every review's timetable, for the calendar feed."""
    unreadable: list[Unreadable]


def due(folder: str | Path, on: dt.date | None = None, within: int = DEFAULT_WITHIN) -> Due:
    """What falls due in the `within` days from `on` (today by default) across the case files in `folder`."""
    day = on or dt.date.today()
    until = day + dt.timedelta(days=within)
    cases, unreadable = read_cases([Path(folder)])
    timetables = [(case, review_timetable(case, day)) for _, case in cases if case.timetable]
    steps = [
        DueStep(
            reference=case.review.reference,
            review_type=case.review.type,
            step=timed.title,
            deadline=timed.deadline,
            overdue=timed.status in LATE,
            owner="; ".join(timed.responsible),
        )
        for case, timetable in timetables
        for timed in timetable.steps
        if timed.status in LATE or (timed.status is Status.DUE and timed.deadline <= until)
    ]
    steps.sort(key=lambda step: (not step.overdue, step.deadline, step.reference))
    return Due(on=day, until=until, steps=steps, timetables=timetables, unreadable=unreadable)


def due_text(found: Due) -> str:
    """The digest in plain text: a heading, the overdue steps, those due, the files not read."""
    lines = [f"What falls due by {long_date(found.until)}, as on {long_date(found.on)}"]
    for heading, steps in _sections(found):
        lines += ["", f"{heading} ({len(steps)})"]
        lines += [f"  {form_date(s.deadline)}  {s.reference}  {s.step}  – {s.owner}" for s in steps] or ["  None."]
    if found.unreadable:
        lines += ["", "Case files not read"] + [f"  {u.file}: {u.problems.splitlines()[0]}" for u in found.unreadable]
    return "\n".join(lines) + "\n"


def due_html(found: Due) -> str:
    """The digest as an accessible HTML page, its tables captioned by their headings."""
    page = render_template(environment(), "register/due.html.j2", due_context(found))
    return captioned_tables(scoped_header_cells(page))


def due_context(found: Due) -> dict[str, Any]:
    """What the digest's template is given."""
    return {
        "title": f"What falls due by {long_date(found.until)}",
        "on": long_date(found.on),
        "sections": [(heading, [_cells(step) for step in steps]) for heading, steps in _sections(found)],
        "unreadable": found.unreadable,
    }


def due_calendar(found: Due, stamp: dt.datetime) -> bytes:
    """One calendar of every step of every review."""
    return calendar_of("Review timetables", found.timetables, stamp)


def _sections(found: Due) -> list[tuple[str, list[DueStep]]]:
    return [
        ("Overdue", [step for step in found.steps if step.overdue]),
        (f"Due by {long_date(found.until)}", [step for step in found.steps if not step.overdue]),
    ]


def _cells(step: DueStep) -> dict[str, str]:
    return {"deadline": form_date(step.deadline), "reference": step.reference, "step": step.step, "owner": step.owner}


WRITERS: dict[str, Callable[[Due], bytes]] = {
    ".txt": lambda found: due_text(found).encode("utf-8"),
    ".html": lambda found: due_html(found).encode("utf-8"),
    ".ics": lambda found: due_calendar(found, dt.datetime.now(dt.UTC)),
}
"""What each file ending is written as."""


def due_writer_for(suffix: str) -> Callable[[Due], bytes]:
    """What writes the digest as a file with this ending; UsageError (exit 2) for another ending."""
    return chosen_writer(WRITERS, suffix, "the digest")

"""The review timetable outside the document: a table for the terminal, and an iCalendar file (RFC 5545).

The calendar has one all-day event per step, on its deadline. Each event's UID is made of the board, the
review's reference and the step's id, so importing a later export updates a board's calendar instead of
duplicating it.
"""

from __future__ import annotations

import datetime as dt
import re

from ..derive.deadlines import ReviewTimetable, TimedStep
from ..model import Case
from ..text.dates import form_date, long_date


def terminal_table(case: Case, timetable: ReviewTimetable) -> str:
    """The timetable as plain text: a heading, one line per step, then the warnings."""
    counted = "; ".join(f"{name}, {long_date(day)}" for name, day in timetable.events)
    lines = [
        f"{case.review.reference} {case.review.type}: timetable as at {long_date(timetable.on)}",
        f"Day 1: {counted}; working days in {timetable.nation.value}",
        f"{'no':>3}  {'deadline':<14}  {'status':<16}  {'recorded':<17}  {'step':<42}  responsible",
    ]
    for timed in timetable.steps:
        recorded = f"{form_date(timed.recorded)}{' booked' if timed.booked else ''}" if timed.recorded else "-"
        lines.append(
            f"{timed.number:>3}  {timed.deadline:%a} {form_date(timed.deadline)}  {timed.status.value:<16}  "
            f"{recorded:<17}  {timed.title:<42}  {' & '.join(timed.responsible)}"
        )
    lines += [f"warning: {warning}" for warning in timetable.warnings]
    return "\n".join(lines)


def timetable_calendar(case: Case, timetable: ReviewTimetable, stamp: dt.datetime) -> bytes:
    """The calendar's bytes; `stamp` (UTC) is when it was made, as every event's DTSTAMP."""
    return calendar_of(f"{case.board.short_name} {case.review.reference} timetable", [(case, timetable)], stamp)


def calendar_of(name: str, timetables: list[tuple[Case, ReviewTimetable]], stamp: dt.datetime) -> bytes:
    """One calendar of the steps of several reviews' timetables (a board's feed), each event's UID the same as in
    the review's own calendar, so either updates the other."""
    stamp_text = stamp.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//docgen//Review timetable//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{_text(name)}",
    ]
    for case, timetable in timetables:
        for timed in timetable.steps:
            lines += _event(case, timed, timetable.on, stamp_text)
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines).encode("utf-8")


def _event(case: Case, timed: TimedStep, on: dt.date, stamp: str) -> list[str]:
    summary = f"{case.review.reference}: {timed.title}"
    description = "\n".join(
        [
            f"{timed.timescale}.",
            f"Person responsible: {'; '.join(timed.responsible)}.",
            f"Status on {form_date(on)}: {timed.status.value}"
            + (f" ({form_date(timed.recorded)})." if timed.recorded else "."),
            "",
            timed.action,
        ]
    )
    return [
        "BEGIN:VEVENT",
        f"UID:{_uid(case, timed)}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{timed.deadline:%Y%m%d}",
        f"DTEND;VALUE=DATE:{timed.deadline + dt.timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{_text(summary)}",
        f"DESCRIPTION:{_text(description)}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]


def _uid(case: Case, timed: TimedStep) -> str:
    """Stable across exports: the board, the review and the step."""
    slug = re.sub(r"[^A-Za-z0-9]+", "-", f"{case.board.short_name}-{case.review.reference}").strip("-").lower()
    return f"{slug}-{timed.step.id}@docgen"


def _text(value: str) -> str:
    """An RFC 5545 TEXT value: backslash, semicolon, comma and line ends escaped."""
    for char, escaped in (("\\", "\\\\"), (";", "\\;"), (",", "\\,"), ("\r\n", "\n"), ("\n", "\\n")):
        value = value.replace(char, escaped)
    return value


def _fold(line: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 character (RFC 5545 section 3.1)."""
    out, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > 75:
            out.append(current)
            current, size = " ", 1
        current += char
        size += width
    out.append(current)
    return "\r\n".join(out)

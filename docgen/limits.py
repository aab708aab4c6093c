"""The limits that keep hostile or broken input from taking a machine down, in one place.

Each limit is refused with a plain message (exit 2), long before it costs much time or memory.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import signal
import threading
from collections.abc import Iterator
from types import FrameType

from .errors import TimeLimitError, UsageError

MAX_FILE_BYTES = 8 * 1024 * 1024
"""A case file, board profile or framework profile larger than this is refused unread (a real case file
is a few hundred kilobytes)."""
MAX_NESTING = 32
"""Mappings and lists nested deeper than this are refused (a case file needs fewer than ten levels)."""
MAX_TEXT_CHARS = 250_000
"""The longest text one field may hold (about 40,000 words)."""
MAX_MARKDOWN_NESTING = 20
"""Block quotes and lists nested deeper in a narrative are refused (each list counts two levels)."""
MAX_NUMBER_DIGITS = 100
"""A whole number in a JSON case file or profile of more digits than this is refused (a case's numbers, hours and
counts have a few; Python refuses to read one of over 4,300 digits at all)."""
EARLIEST_DATE = dt.date(1850, 1, 1)
"""The earliest date a case file or profile may hold: earlier than the birth of anyone a review concerns, their
parents and grandparents included (the subject of an adult review may be over 100); an earlier one is a slip."""
LATEST_DATE = dt.date(2100, 12, 31)
"""The latest date a case file or profile may hold, and the latest deadline a timetable may set: the last year
whose bank holidays are known, so that working days are counted right (a date such as 9999-12-31 would make a
deadline overflow the calendar; a Word file's zip can date its parts up to 2107 only)."""
MAX_CLOCK = {"working_days": 1_300, "days": 1_830, "weeks": 260, "months": 60}
"""The most a framework's timetable clock may count in each unit: about five years (a review's steps are days,
weeks or months apart; the longest in the built-in profiles is 6 months)."""
MAX_TIMETABLE_STEPS = 200
"""The most steps a framework's timetable may hold (the built-in ones hold fewer than 30): each step's clock is
followed back to its event, and a chain of steps is counted step by step."""
UNBROKEN_RUN = 48
"""In PDF, a run of this many characters without a space gets a break opportunity (long words wrap)."""
TIME_LIMIT_VARIABLE = "DOCGEN_TIME_LIMIT"
DEFAULT_TIME_LIMIT = 300.0
"""Seconds one document may take to render, unless the environment variable DOCGEN_TIME_LIMIT says otherwise
(0 for no limit)."""


def time_limit() -> float:
    """The per-document time limit in seconds (0: none), from DOCGEN_TIME_LIMIT or the default."""
    given = os.environ.get(TIME_LIMIT_VARIABLE, "").strip()
    if not given:
        return DEFAULT_TIME_LIMIT
    try:
        seconds = float(given)
    except ValueError:
        seconds = -1.0
    if not seconds >= 0:  # also refuses nan
        raise UsageError(f"{TIME_LIMIT_VARIABLE} must be a number of seconds (0 for no limit)")
    return seconds


@contextlib.contextmanager
def limited_time(what: str) -> Iterator[None]:
    """Stop the work inside with TimeLimitError once it has taken longer than the time limit.

    The limit is kept by a timer signal, so it applies in the main thread of a process (the command line,
    each worker of `watch` and `batch`); in other threads the work runs unlimited. An outer limit in force
    is left as it is.
    """
    seconds = time_limit()
    if not seconds or threading.current_thread() is not threading.main_thread() or _in_force():
        yield
        return

    def expired(signum: int, frame: FrameType | None) -> None:
        raise TimeLimitError(
            f"{what} took longer than {seconds:g} seconds, the limit for one document; "
            f"the limit is set by the environment variable {TIME_LIMIT_VARIABLE} (seconds, 0 for none)"
        )

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _in_force() -> bool:
    return signal.getitimer(signal.ITIMER_REAL)[0] > 0

"""The limits that keep hostile or broken input from taking a machine down, in one place.

Each limit is refused with a plain message (exit 2), long before it costs much time or memory.
"""

from __future__ import annotations

import contextlib
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
UNBROKEN_RUN = 48
"""In PDF, a run of this many characters without a space gets a break opportunity (long words wrap)."""
MAX_TEMPLATE_BYTES = 2 * 1024 * 1024
"""A template, or any other file but a Word file read from a templates folder (`layout/house.css`), larger than
this is refused unread: the largest built-in template is 13 KB; 2 MB leaves room for a style sheet carrying its
own font or logo as a data: URL."""
MAX_TEMPLATE_TOKENS = 50_000
"""A template of more tags, names and operators than this is refused before it is compiled: compiling costs
about 25 microseconds and 3 KB of memory each (50,000: about a second and 150 MB); the largest built-in template
has about 2,000."""
MAX_WORD_TEMPLATE_BYTES = 16 * 1024 * 1024
"""A Word shell or Word-native template (`shells/letter.docx`, `letters/letter-1.docx`) larger than this is
refused unread: the built-in shells are 37 KB; a letterhead with logos and photographs stays within a few MB."""
MAX_WORD_TEMPLATE_UNPACKED = 64 * 1024 * 1024
"""A Word template whose parts unpack to more than this is refused (a few kilobytes of zip can unpack to
gigabytes); the built-in shells unpack to under 200 KB."""
MAX_TEMPLATE_FILES = 1_000
"""A templates folder holding more files and folders than this is refused where docgen reads all of it (the
watched folder's job key hashes a framework profile's templates); the built-in folder holds about 40."""
MAX_TEMPLATE_OUTPUT = 32_000_000
"""The most characters one template may write, or any text or list it makes may come to when written out
(`'x' * n`, `ljust`, `'%999999999s'`, a list holding one long text many times): the largest document of the
example case is 104,000 characters; a case file at its 8 MB limit writes fewer than 25 million."""
MAX_TEMPLATE_STEPS = 40_000_000
"""The most work one template may do in one render, in steps of about a tenth of a microsecond: each loop item,
each run of a loop's body or a branch (one step a node, more for calls, attributes and values written out), each
macro call (100 more) and each `range` item. The example case's largest document takes 260,000, a 10,000-row
chronology 24 million; past the limit a template (loops in loops over `range(100000)`) stops within seconds."""
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

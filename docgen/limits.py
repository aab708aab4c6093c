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
MAX_PROOF_BYTES = 200 * 1024 * 1024
"""The largest document `docgen proof` reads from a folder."""
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
STALLED_WRITE_SECONDS = 1.0
"""How long `RenderedDocument.write_to` keeps offering the rest of a document to a stream that takes none of it (a
full non-blocking stream) before it stops with an OutputError, rather than leave the document cut short."""

# Chronology workbooks (.xlsx), checked in their zip before any spreadsheet parser sees them. A real chronology has
# at most a few thousand rows, one to three sheets and a few dozen styles.
MAX_WORKBOOK_BYTES = 20 * 1024 * 1024
"""A chronology workbook larger than this is refused unread (one of thousands of entries is a fraction of it)."""
MAX_WORKBOOK_UNPACKED = 200_000_000
"""The most the parts of a workbook may unpack to, together, in bytes."""
MAX_COMPRESSION_RATIO = 100
"""A part that unpacks to more than this many times its packed size (and to more than RATIO_CHECKED_FROM bytes) is
a zip bomb: a spreadsheet's XML packs to about a tenth, never a hundredth."""
RATIO_CHECKED_FROM = 1_000_000
"""Parts that unpack to fewer bytes than this are not checked for their compression ratio (they cost nothing)."""
MAX_WORKBOOK_PARTS = 1_000
"""The most files a workbook's zip may hold (a chronology's has about a dozen)."""
MAX_SHEETS = 100
"""The most sheets a workbook may have."""
MAX_WORKBOOK_ROWS = 200_000
"""The most rows all the sheets of a workbook may hold together, empty or formatted ones included."""
MAX_WORKBOOK_CELLS = 1_000_000
"""The most cells all the sheets of a workbook may hold together, empty or formatted ones included."""
MAX_WORKBOOK_TAGS = 3_000_000
"""The most XML tags (start and end, counted by their '<') all the parts of a workbook may hold together: a cell
takes one to six; the spreadsheet library keeps in memory every element it does not use."""
MAX_STYLES = 10_000
"""The most cell formats, fonts, fills, borders, number formats or conditional formats (each) a workbook may
define, or say it defines; the spreadsheet library reads them all at once, a few thousand a second."""
MAX_SHARED_STRINGS = 100_000
"""The most texts a workbook's shared string table may hold, or say it holds."""
MAX_SHARED_STRINGS_BYTES = 20_000_000
"""The largest shared string table (the workbook's texts, read into memory at once), in bytes unpacked."""
MAX_CHRONOLOGY_ENTRIES = 5_000
"""The most entries one agency's chronology may hold."""
MAX_CHRONOLOGY_ROWS = 20_000
"""The most rows read below a chronology's header, empty ones included."""
MAX_CELL_CHARS = 20_000
"""The longest text one cell of a chronology may hold."""

MAX_WORKERS = 64
"""Asking for more worker processes than this (`--workers`, `workers=`) is refused as a slip of the keyboard: no
machine docgen runs on keeps more busy."""
WORKERS_PER_CPU = 2
"""At most this many worker processes are started per CPU (and never more than there are documents): more only
wait their turn, each holding its own memory (WeasyPrint and its fonts take about 150 MB)."""
MAX_CACHE_ENTRY_BYTES = 128 * 1024 * 1024
"""A document cache entry larger than this is discarded unread, and a document larger is not kept (the longest
document docgen makes, a 2,000-entry IMR in PDF, is about 4 MB)."""
MAX_FONT_CONFIG_BYTES = 1024 * 1024
"""A fontconfig configuration file larger than this counts in a PDF's key by its size and modification time, not
its content (the files of a usual configuration are a few kilobytes each)."""
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

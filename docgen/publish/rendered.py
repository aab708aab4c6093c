"""A rendered document: its bytes, what it is, and how it is written to a stream."""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from dataclasses import dataclass
from io import RawIOBase
from typing import Protocol

from ..errors import OutputError
from ..limits import STALLED_WRITE_SECONDS
from ..proof import ProofFinding

MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
}


class BinaryStream(Protocol):
    """Where a document's bytes can be written: a file opened 'wb', io.BytesIO, a web framework's response."""

    def write(self, data: bytes, /) -> object: ...


@dataclass(frozen=True)
class RenderedDocument:
    """A rendered document: its bytes and what it is."""

    kind: str
    format: str
    filename: str
    content: bytes
    draft: bool
    anonymised: bool
    agency: str | None = None
    to: str | None = None
    """The addressee (their id) of a document written to each person, e.g. a parent for Letter 5."""
    missing_glyphs: tuple[str, ...] = ()
    """Code points ('U+4E2D') of the characters no installed font can show: a PDF prints them as empty boxes."""
    date: dt.date | None = None
    """The date the document bears (a letter's, a report's last version's); None when it has none of its own."""
    findings: tuple[ProofFinding, ...] = ()
    """What the proof found in its text (docgen.proof): leftovers, internal names, jargon …; none: it reads clean."""

    @property
    def media_type(self) -> str:
        """The MIME type of the content."""
        return MEDIA_TYPES[self.format]

    @property
    def sha256(self) -> str:
        """Hex digest of the content."""
        return hashlib.sha256(self.content).hexdigest()

    def write_to(self, stream: BinaryStream) -> None:
        """Write the content to a binary stream (a web framework's response, io.BytesIO, a file opened 'wb'):
        straight from memory, through no temporary file.

        A stream that takes part of it at a time (a raw file, a pipe) is given the rest until it has it all; one
        that takes none of the rest for STALLED_WRITE_SECONDS (a full non-blocking stream) stops it with an
        OutputError, so a document is never cut short without a word.
        """
        view, done, deadline = memoryview(self.content), 0, None
        while done < len(view):
            taken = _taken(stream, self.content if done == 0 else view[done:])
            done += taken
            if taken:
                deadline = None
                continue
            if deadline is None:
                deadline = time.monotonic() + STALLED_WRITE_SECONDS
            if time.monotonic() >= deadline:
                raise OutputError(
                    f"{self.filename} could not be written whole: the stream took {done:,} of its {len(view):,} "
                    f"bytes, then nothing more in {STALLED_WRITE_SECONDS:g} s (a full non-blocking stream?)"
                )
            time.sleep(_STALL_PAUSE)


_STALL_PAUSE = 0.01
"""Seconds between offers of the rest of a document to a stream that took none of it."""


def _taken(stream: BinaryStream, data: bytes | memoryview) -> int:
    """How many bytes of `data` one write took: the count it gives, or all when it gives none (a web framework's
    response returns None), but nothing when a raw stream returns None or a buffered one raises BlockingIOError
    (a non-blocking stream that would have blocked)."""
    try:
        result = stream.write(data)  # type: ignore[arg-type]  # the rest as a view: a stream takes any buffer
    except BlockingIOError as error:
        return error.characters_written
    if result is None:
        return 0 if isinstance(stream, RawIOBase) else len(data)
    if not isinstance(result, int):
        return len(data)
    if not 0 <= result <= len(data):
        raise OutputError(f"the stream said it took {result} bytes of the {len(data)} it was given")
    return result

"""The register and the digest in the format a file's ending asks for."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from ...errors import UsageError
from . import Register
from .pages import register_html, register_pdf
from .workbook import register_workbook

T = TypeVar("T")

WRITERS: dict[str, Callable[[Register], bytes]] = {
    ".xlsx": register_workbook,
    ".pdf": register_pdf,
    ".html": lambda register: register_html(register).encode("utf-8"),
}
"""What each file ending of the register is written as."""


def writer_for(suffix: str) -> Callable[[Register], bytes]:
    """What writes the register as a file with this ending; UsageError (exit 2) for another ending."""
    return chosen_writer(WRITERS, suffix, "the register")


def chosen_writer(writers: Mapping[str, Callable[[T], bytes]], suffix: str, what: str) -> Callable[[T], bytes]:
    """The writer of a file with this ending among `writers`; UsageError (exit 2) naming the endings otherwise."""
    writer = writers.get(suffix.lower())
    if writer is None:
        endings = ", ".join(writers)
        raise UsageError(f"{what} is written as {endings}, not '{suffix or 'no ending'}'")
    return writer

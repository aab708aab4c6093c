"""Where a text quotes someone's words: the spans between quotation marks, and a quotation left open.

Double quotation marks, straight or curly, always quote. A single one quotes only when it opens after a space, a
bracket or the start of the text and closes before a space, punctuation or the end: an apostrophe inside a word
("don't", "the Carters' house") never does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DOUBLE = re.compile(r"[\"“”]")
_SINGLE_OPEN = re.compile(r"(?:^|(?<=[\s(\[{“\"—–-]))['‘](?=\w)")
_SINGLE_CLOSE = re.compile(r"(?<=[\w.,!?…])['’](?=$|[\s.,;:!?)\]}”\"—–-])")


@dataclass(frozen=True)
class Quotations:
    """The spans of a text inside quotation marks (the marks left out), and where a quotation opens that never
    closes (None when every one does)."""

    spans: tuple[tuple[int, int], ...]
    unclosed: int | None

    def inside(self, start: int, end: int) -> bool:
        """Whether the span [start, end) lies within a quotation."""
        return any(low <= start and end <= high for low, high in self.spans)


def quotations(text: str) -> Quotations:
    """The quotations of a text.

    >>> quotations('He said "Kieran shouty. Mummy cry." and left.').spans
    ((9, 34),)
    >>> quotations("the Carters' house; she called it ‘the den’.").spans
    ((35, 42),)
    >>> quotations('She wrote "I will tell Jade').unclosed
    10
    """
    spans = _doubles(text)
    unclosed = None
    if len(spans) and spans[-1][1] == -1:
        unclosed = spans[-1][0] - 1
        spans = spans[:-1]
    spans += [span for span in _singles(text) if not any(a <= span[0] < b for a, b in spans)]
    return Quotations(tuple(sorted(spans)), unclosed)


def _doubles(text: str) -> list[tuple[int, int]]:
    """Spans between double quotation marks; a last one left open ends at -1."""
    spans: list[tuple[int, int]] = []
    opened: int | None = None
    for mark in _DOUBLE.finditer(text):
        if opened is None:
            if mark[0] != "”":  # a closing curly mark with nothing open is a stray: it opens nothing
                opened = mark.end()
        elif mark[0] != "“":
            spans.append((opened, mark.start()))
            opened = None
    if opened is not None:
        spans.append((opened, -1))
    return spans


def _singles(text: str) -> list[tuple[int, int]]:
    """Spans between single quotation marks that open and close as quotation marks do."""
    spans: list[tuple[int, int]] = []
    position = 0
    while opening := _SINGLE_OPEN.search(text, position):
        closing = _SINGLE_CLOSE.search(text, opening.end())
        if closing is None:
            break
        spans.append((opening.end(), closing.start()))
        position = closing.end()
    return spans

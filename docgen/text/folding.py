"""Folding text for matching names: accents, apostrophes, dashes, invisible characters, emphasis, line breaks,
percent-escapes and HTML entities.

`normalise` keeps a map back to the original text, so a match found in the folded text replaces the
right characters of the original; `fold` and `search_texts` are the one-way forms used to build
aliases and to search rendered documents.
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Container
from dataclasses import dataclass
from functools import cache
from urllib.parse import unquote_to_bytes

_SPECIAL = {
    **dict.fromkeys("ßẞ", "ss"),
    "Æ": "AE",
    "æ": "ae",
    "Œ": "OE",
    "œ": "oe",
    "Ø": "O",
    "ø": "o",
    "Ł": "L",
    "ł": "l",
    "Đ": "D",
    "đ": "d",
    "Ð": "D",
    "ð": "d",
    "Þ": "Th",
    "þ": "th",
    "ı": "i",
    "Ħ": "H",
    "ħ": "h",
}
"""Letters that Unicode does not decompose into a base letter and an accent."""

APOSTROPHES = "'’‘ʼ`´′"
"""Characters written for an apostrophe; all fold to '."""
_STRAIGHT_QUOTES = str.maketrans("‘’“”", "''\"\"")
_DASHES = "‐‑‒–—−"
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
"""Soft hyphen and zero-width characters: removed."""

LINE_END_HYPHEN = re.compile(r"(?<=[^\W\d_])-[ \t]*\r?\n[ \t]*(?=[^\W\d_])")
"""A word broken at the end of a line: 'Car-' / 'ter'."""

ESCAPED = re.compile(
    r"(?P<percent>(?:%[0-9A-Fa-f]{2})+)|(?P<entity>&(?:#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z]\w{1,31});)"
)
"""Percent-escapes ('%49sabella' in a link) and HTML entities ('&#73;sabella'), which a reader sees decoded."""
_EDITS = re.compile(
    rf"(?P<hyphen>{LINE_END_HYPHEN.pattern})"
    r"|(?P<space> {2,}|[ ]*[^\S ]\s*)"
    r"|(?P<star>\*+)"
    rf"|{ESCAPED.pattern}"
    r"|(?P<other>[^\x00-\x7f])"
)
"""What `normalise` changes; everything else is copied as it is."""


@cache
def fold_char(char: str) -> str:
    """One character without its accent; apostrophes and dashes in one form; invisible ones removed."""
    if char in APOSTROPHES:
        return "'"
    if char in _DASHES:
        return "-"
    if char in _INVISIBLE:
        return ""
    if char in _SPECIAL:
        return _SPECIAL[char]
    if char.isspace():
        return " "
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def fold(text: str) -> str:
    """The text with accents, apostrophes, dashes and invisible characters folded (case kept)."""
    return _NON_ASCII.sub(lambda m: fold_char(m.group()), text)


def straight_quotes(text: str) -> str:
    """The text with its typographic quotes and apostrophes written straight, one character for one: to match
    a document's text with words typed straight. `straight_quotes("the child’s “safe place”")` is
    `the child's "safe place"`."""
    return text.translate(_STRAIGHT_QUOTES)


def key(text: str) -> str:
    """The matching key of a name or value: folded, lower case, single spaces."""
    return " ".join(fold(text).lower().split())


def search_texts(text: str) -> list[str]:
    """Folded forms of a rendered document's text to search, case kept.

    Words broken at a line end are searched joined ('Car-' / 'ter' → 'Carter') and with the hyphen
    kept ('Carter-' / 'Nowak' → 'Carter-Nowak'); as PDF text extraction may drop the line break
    ('Car-ter'), words are also searched with every hyphen between letters removed.
    """
    folded = fold(text)
    joined = LINE_END_HYPHEN.sub("", folded)
    variants = [joined, LINE_END_HYPHEN.sub("-", folded), _INNER_HYPHEN.sub("", joined)]
    return list(dict.fromkeys(variants))


_INNER_HYPHEN = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")


@dataclass(frozen=True)
class Normalised:
    """A text folded for matching, with the map from its positions back to the original."""

    text: str
    """Folded text: accents and apostrophes folded, '*' and invisible characters removed, spaces collapsed."""
    _starts: tuple[int, ...]
    """Start in `text` of each segment."""
    _origins: tuple[tuple[int, int, bool], ...]
    """Each segment's start and end in the original, and whether it was copied verbatim."""

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original that became text[start:end]."""
        first = bisect_right(self._starts, start) - 1
        origin, _, verbatim = self._origins[first]
        original_start = origin + (start - self._starts[first] if verbatim else 0)
        last = bisect_right(self._starts, end - 1) - 1
        origin, origin_end, verbatim = self._origins[last]
        original_end = origin + (end - self._starts[last]) if verbatim else origin_end
        return original_start, original_end


def normalise(text: str, known: Container[str] = frozenset()) -> Normalised:
    """Fold a text for matching names: 'Car-\\nter', '**Ja**de', 'Jade\\nCarter', 'Zoë', '%4Aade', '&#74;ade' all match.

    A word broken at a line end is joined when the joined word is `known` ('Car-\\nter' → 'Carter'),
    keeps its hyphen when a part is known ('Carter-\\nNowak' → 'Carter-Nowak'), and otherwise is
    joined before lower case and keeps its hyphen before a capital.
    """
    pieces: list[str] = []
    starts: list[int] = []
    origins: list[tuple[int, int, bool]] = []
    length = 0
    copied = 0

    def add(piece: str, origin: int, origin_end: int, verbatim: bool) -> None:
        nonlocal length
        if piece:
            pieces.append(piece)
            starts.append(length)
            origins.append((origin, origin_end, verbatim))
            length += len(piece)

    for match in _EDITS.finditer(text):
        add(text[copied : match.start()], copied, match.start(), True)
        add(_replacement(match, known), match.start(), match.end(), False)
        copied = match.end()
    add(text[copied:], copied, len(text), True)
    return Normalised("".join(pieces), tuple(starts), tuple(origins))


def _replacement(match: re.Match[str], known: Container[str]) -> str:
    kind = match.lastgroup
    if kind == "hyphen":
        return _line_end_hyphen(match, known)
    if kind == "space":
        return "\n" if match.group().count("\n") > 1 else " "
    if kind == "star":
        return ""
    if kind in ("percent", "entity"):
        return fold(unescaped(match.group()))
    return fold_char(match.group())


def unescaped(text: str) -> str:
    """Percent-escapes and HTML entities decoded, as a browser or a PDF reader shows them.

    >>> unescaped("https://x.org/%49sabella%E2%80%8B and &#73;sabella &amp; co")
    'https://x.org/Isabella\u200b and Isabella & co'
    """
    return ESCAPED.sub(lambda m: html.unescape(m.group()) if m.group("entity") else _percent(m.group()), text)


def _percent(escapes: str) -> str:
    try:
        return unquote_to_bytes(escapes).decode("utf-8")
    except UnicodeDecodeError:
        return escapes


def _line_end_hyphen(match: re.Match[str], known: Container[str]) -> str:
    """'' to join the two halves of a word broken at a line end, '-' to keep the hyphen."""
    before = _WORD_BEFORE.search(match.string, 0, match.start())
    after = _WORD_AFTER.match(match.string, match.end())
    left = fold(before.group()).lower() if before else ""
    right = fold(after.group()).lower() if after else ""
    if left + right in known:
        return ""
    if left in known or right in known:
        return "-"
    return "-" if match.string[match.end()].isupper() else ""


_WORD_BEFORE = re.compile(r"[^\W\d_]+$")
_WORD_AFTER = re.compile(r"[^\W\d_]+")

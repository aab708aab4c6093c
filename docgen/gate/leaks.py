"""The leak check: a public document is written only when no identifier of the case is left in it.

It runs on the rendered bytes (DOCX every part, link targets and field codes, PDF every page, link and the
metadata, HTML text, attributes and comments) and the file name, after anonymisation, with percent-escapes and
HTML entities decoded too, and fails closed: one hit and the document is refused. What it looks for is found in
the case model by the gate itself (identifiers.py), never through the anonymisation pass.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import LeakError
from ..model import Case
from ..model.case import per_case
from ..model.publication import THE_WORD
from ..text.folding import fold, key, search_texts, unescaped
from ..text.patterns import LEFT, RIGHT, SENTENCE_START, WORD_PATTERN, trie_pattern
from ..text.shapes import date_forms
from ..text.spellings import PARTICLES, WORD_NAMES, word_context
from .extract import docx_hidden_text, docx_parts_text, pdf_link_targets, pdf_metadata_text, pdf_pages_text
from .identifiers import IdentifiedPerson, identifiers, kept_texts, locators, people, written_identifiers

__all__ = ["check_no_leak"]

_MARKER = re.compile(r"\[[a-zA-Z ]{1,30} removed\]")
"""A marker the anonymisation pass writes for what it removed ('[postcode removed]'): its words are not searched."""
_SEPARATORS = r"[\s().-]*"


@dataclass(frozen=True)
class _Needle:
    """Something that must not be in a published document, described without its value."""

    owner: str
    what: str
    note: str = ""


class _LeakScanner:
    """Every real name part and identifier of a case, compiled for searching documents."""

    def __init__(self, case: Case):
        everyone = people(case)
        self._any, self._word = _token_tables(case, everyone)
        self._any_re = _compiled(self._any, re.IGNORECASE)
        self._word_re = _compiled(self._word, 0)
        self._the_word = {key(a.name) for a in case.anonymisation.names if a.means == THE_WORD}
        """Names the author says are the English word where a sentence begins with them."""
        self._ids: dict[str, list[_Needle]] = {}
        for fragment, needle in _identifier_fragments(case, everyone):
            self._ids.setdefault(fragment, []).append(needle)
        groups = "|".join(f"(?P<i{i}>{fragment})" for i, fragment in enumerate(self._ids))
        self._ids_re = re.compile(rf"{LEFT}(?:{groups}){RIGHT}") if groups else None
        self._id_needles = list(self._ids.values())
        kept = [
            _fragment(name, "agency")
            for agency in case.agencies
            if not case.locates_family(agency)
            for name in agency.names_that_locate
        ]
        self._kept_agencies = re.compile(rf"{LEFT}(?:{'|'.join(kept)}){RIGHT}") if kept else None
        """The names of agencies that do not locate the family, printed as written: a place in them is theirs."""

    def find(self, text: str) -> list[_Needle]:
        """The needles found in a document's text."""
        hits: list[_Needle] = []
        plain = _MARKER.sub(" ", text)
        decoded = unescaped(plain)  # '%49sabella' in a link target, '&#73;sabella' in an attribute
        for variant in dict.fromkeys(search_texts(plain) + search_texts(decoded)):
            lower = variant.lower()
            hits += [n for m in _matches(self._any_re, lower) for n in self._any[m.group().lower()]]
            for match in _matches(self._word_re, variant):
                if not word_context(match.group().lower(), variant, match.start(), match.end()) and not (
                    key(match.group()) in self._the_word
                    and SENTENCE_START.search(variant, max(0, match.start() - 12), match.start())
                ):
                    hits += self._word[match.group()]
            agencies = [m.span() for m in _matches(self._kept_agencies, lower)]
            for match in _matches(self._ids_re, lower):
                needles = self._id_needles[int((match.lastgroup or "i0")[1:])]
                inside = any(start <= match.start() and match.end() <= end for start, end in agencies)
                hits += [n for n in needles if not (inside and n.what == "place name")]
        return list(dict.fromkeys(hits))


def _token_tables(
    case: Case, everyone: list[IdentifiedPerson]
) -> tuple[dict[str, list[_Needle]], dict[str, list[_Needle]]]:
    """Real name parts to search in any case, and word-names to search in Title and UPPER case."""
    kept: dict[str, str] = {}
    for path, text in kept_texts(case):
        for word in WORD_PATTERN.findall(fold(text)):
            kept.setdefault(key(word), path)
    any_case: dict[str, list[_Needle]] = {}
    capitals: dict[str, list[_Needle]] = {}
    for person in everyone:
        for what, token in person.tokens():
            k = key(token)
            needle = _Needle(person.owner, what, _note(k, kept))
            if k in WORD_NAMES or k in PARTICLES:
                for surface in (k.title(), k.upper()):
                    capitals.setdefault(surface, []).append(needle)
            else:
                any_case.setdefault(k, []).append(needle)
    return any_case, capitals


def _identifier_fragments(case: Case, everyone: list[IdentifiedPerson]) -> Iterator[tuple[str, _Needle]]:
    """A pattern for each identifier of the case: its people's records, the names that locate the family, and
    the identifiers written in its texts."""
    for kind, value, owner in identifiers(case, everyone):
        forms = date_forms(value) if isinstance(value, dt.date) else [value]
        yield from ((_fragment(form, kind), _Needle(owner, kind)) for form in forms)
    for kind, value, owner in locators(case):  # agencies that locate the family, places outside the area
        yield _fragment(value, kind), _Needle(owner, f"{kind} name")
    for kind, value, path in written_identifiers(case):
        yield _fragment(value, kind), _Needle(f"the text at {path}", kind)


def _fragment(value: str, kind: str) -> str:
    """A regular expression for a value in folded, lower-case document text, separators relaxed."""
    if kind == "phone number":
        digits = re.sub(r"\D", "", value)
        if digits.startswith("44"):
            digits = "0" + digits[2:]
        if digits.startswith("0"):
            return rf"(?:\+?44{_SEPARATORS}(?:\(0\){_SEPARATORS})?|\(?0)" + _SEPARATORS.join(digits[1:])
        return _SEPARATORS.join(digits)
    if kind == "postcode":
        compact = re.sub(r"\s", "", fold(value).lower())
        return re.escape(compact[:-3]) + r"\s*" + re.escape(compact[-3:])
    words = fold(value).lower().split()
    return r"\s+".join(re.escape(w) for w in words)


def _note(token: str, kept: dict[str, str]) -> str:
    if token in kept:
        return f" (also in kept text at {kept[token]}: it may be a legitimate use there, but publishing is refused)"
    if token in WORD_NAMES:
        return " (also an English word: check how it is used)"
    return ""


def _compiled(table: dict[str, list[_Needle]], flags: int) -> re.Pattern[str] | None:
    return re.compile(rf"{LEFT}(?:{trie_pattern(table)}){RIGHT}", flags) if table else None


def _matches(pattern: re.Pattern[str] | None, text: str) -> Iterator[re.Match[str]]:
    return pattern.finditer(text) if pattern else iter(())


@per_case
def _leak_scanner(case: Case) -> _LeakScanner:
    return _LeakScanner(case)


def check_no_leak(case: Case, content: bytes, format: str, where: str) -> None:
    """Raise LeakError if a rendered document (format 'docx' | 'pdf' | 'html') still holds an identifier of the case.

    The message names the person's field path (e.g. 'family[2] (Mother)') and the place (DOCX part name
    or PDF page number), never the value."""
    scanner = _leak_scanner(case)
    places = [("the file name", where), *_places(content, format)]
    found = {(needle, place): None for place, text in places for needle in scanner.find(text)}
    if found:
        details = "; ".join(f"{n.what} of {n.owner} in {place}{n.note}" for n, place in found)
        raise LeakError(f"{where} was not published: it still holds identifiers of the case: {details}")


def _places(content: bytes, format: str) -> Iterator[tuple[str, str]]:
    """(place, text) for every part of a document a reader can see or inspect."""
    if format == "docx":
        yield from docx_parts_text(content).items()
        yield from docx_hidden_text(content).items()
    elif format == "pdf":
        yield from ((f"page {i}", text) for i, text in enumerate(pdf_pages_text(content), start=1))
        yield from ((f"a link on page {i}", text) for i, text in enumerate(pdf_link_targets(content), start=1))
        yield "the PDF metadata", pdf_metadata_text(content)
    elif format == "html":
        page = content.decode("utf-8", errors="replace")
        yield "the HTML text", html.unescape(re.sub(r"<[^>]*>", "", page))
        yield "the HTML text", html.unescape(re.sub(r"<[^>]*>", " ", page))
        attributes = re.findall(r"""\s[\w:-]+\s*=\s*("[^"]*"|'[^']*')|<!--(.*?)-->""", page, re.S)
        yield "the HTML attributes and comments", html.unescape("\n".join(a or c for a, c in attributes))
    else:
        raise LeakError(f"{format} documents cannot be checked for leaks, so {format} is not published")

"""Case text to data: YAML 1.2 or JSON, with the line of every field; wherever the text came from (and a
mapping held in memory to plain data, within the same limits).

YAML is read as docs/case-file.md promises: every scalar stays a string except `null`/`~`/empty (None) and
`true`/`false` (booleans), so `No` is the word No, `14:30` a time, `0012` the text 0012; the model parses
dates, times and numbers from the strings. Anchors, aliases, merge keys and tags are refused (an alias
bomb of a few hundred bytes would otherwise expand to gigabytes), and so are duplicate keys, complex keys,
several documents and nesting deeper than MAX_NESTING. Lone surrogates (JSON's "\\ud800", half of a character)
are refused, and so are JSON integers of more than MAX_NUMBER_DIGITS digits: each names its field path and line,
never the value.

>>> parse_yaml("a: No\\nb: 0012\\nc: 14:30\\nd: true\\ne:\\n", "x").data
{'a': 'No', 'b': '0012', 'c': '14:30', 'd': True, 'e': None}
>>> parse_yaml("a:\\n  - x\\n  - y\\n", "x").lines
{('a',): 1, ('a', 0): 2, ('a', 1): 3}
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, NoReturn

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    DocumentStartEvent,
    Event,
    MappingStartEvent,
    NodeEvent,
    ScalarEvent,
    SequenceStartEvent,
)

from ..errors import CaseError, Problem
from ..limits import MAX_FILE_BYTES, MAX_NESTING, MAX_NUMBER_DIGITS

Path_ = tuple[str | int, ...]
"""A field path: keys and list indexes from the top, e.g. ('chronology', 3, 'date')."""

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_BOOLEANS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_SURROGATE = re.compile(r"[\ud800-\udfff]")


@dataclass(frozen=True)
class Parsed:
    """The data of a text, and the line (from 1) of each mapping key and list item, by field path."""

    data: Any
    lines: Mapping[Path_, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Profile:
    """A profile read from a file: the file's name and its parsed text."""

    file: str
    parsed: Parsed


def parse_text(text: str, source: str, *, json_text: bool = False) -> Parsed:
    """YAML 1.2 (or JSON when `json_text`); problems raise CaseError naming `source` and the line."""
    return parse_json(text, source) if json_text else parse_yaml(text, source)


def parse_yaml(text: str, source: str, *, surrogates: bool = False) -> Parsed:
    """Read YAML 1.2 text (see the module's rules) into plain dicts, lists, strings, booleans and None; lone
    surrogates are kept only when `surrogates` (when the text is read for its lines alone)."""
    builder = _Builder(source, surrogates)
    try:
        for event in YAML(typ="safe", pure=True).parse(text):
            builder.take(event)
    except YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        reason = getattr(error, "problem", None) or getattr(error, "reason", None) or type(error).__name__
        raise _refused(source, f"not valid YAML: {reason}", mark.line + 1 if mark else None) from None
    return Parsed(builder.root, builder.lines)


def parse_json(text: str, source: str) -> Parsed:
    """Read JSON text; duplicate keys, nesting deeper than MAX_NESTING, lone surrogates and integers of more than
    MAX_NUMBER_DIGITS digits are refused. The lines are found only when asked for (to report a problem), by reading
    the text as YAML, of which JSON is a part.

    >>> parse_json('{"a": [1, 2.5, "x"]}', "x").data
    {'a': [1, 2.5, 'x']}
    """
    try:
        data = json.loads(
            text,
            object_pairs_hook=lambda pairs: _object(pairs, source),
            parse_int=_json_int,
        )
    except json.JSONDecodeError as error:
        raise _refused(source, f"not valid JSON: {error.msg}", error.lineno) from None
    except RecursionError:
        raise _refused(source, _too_deep()) from None
    lines = _LinesOfJson(text)
    _check_json(data, (), source, lines)
    return Parsed(data, lines)


class _TooLong:
    """A JSON integer of more than MAX_NUMBER_DIGITS digits (Python reads none of over 4,300), left unread in its
    place until its field path is known."""


_TOO_LONG = _TooLong()


def _json_int(text: str) -> int | _TooLong:
    return _TOO_LONG if len(text.lstrip("-")) > MAX_NUMBER_DIGITS else int(text)


def _check_json(value: Any, path: Path_, source: str, lines: Mapping[Path_, int]) -> None:
    """Refuse a lone surrogate, an integer too long, or nesting deeper than MAX_NESTING, naming the field path."""
    if isinstance(value, str | _TooLong):
        if isinstance(value, _TooLong) or _SURROGATE.search(value):
            why = _too_long() if isinstance(value, _TooLong) else _lone_surrogate("this text")
            raise CaseError(source, [Problem(field_path(path), why, line_of(path, lines))])
    elif isinstance(value, dict | list):
        if len(path) >= MAX_NESTING:
            raise _refused(source, _too_deep())
        for key, item in value.items() if isinstance(value, dict) else enumerate(value):
            if isinstance(key, str) and _SURROGATE.search(key):
                line = line_of((*path, key), lines)
                problem = Problem(field_path(path), _lone_surrogate("a key here"), line)
                raise CaseError(source, [problem])
            _check_json(item, (*path, key), source, lines)


def _too_long() -> str:
    return f"a number of more than {MAX_NUMBER_DIGITS} digits: give a smaller one"


def _lone_surrogate(what: str) -> str:
    return (
        f"{what} holds a lone surrogate (an escape such as \\ud800 without its pair), which is no character: "
        "write the character itself"
    )


def field_path(path: Path_) -> str:
    """('family', 2, 'relationship') → 'family[2].relationship'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def line_of(path: Path_, lines: Mapping[Path_, int]) -> int | None:
    """The line of a field path, or of the nearest enclosing one that has a line."""
    return next((lines[path[:n]] for n in range(len(path), 0, -1) if path[:n] in lines), None)


class _LinesOfJson(Mapping[Path_, int]):
    """The line of each field path of a JSON text, read on first use (none when YAML cannot read the text)."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._lines: Mapping[Path_, int] | None = None

    def _found(self) -> Mapping[Path_, int]:
        if self._lines is None:
            try:
                self._lines = parse_yaml(self._text, "", surrogates=True).lines
            except CaseError:
                self._lines = {}
        return self._lines

    def __getitem__(self, path: Path_) -> int:
        return self._found()[path]

    def __iter__(self) -> Iterator[Path_]:
        return iter(self._found())

    def __len__(self) -> int:
        return len(self._found())


_SCALARS = (str, bool, int, float, type(None), dt.date, dt.time)
"""What a mapping held in memory may hold besides mappings and lists (a datetime is a date)."""


def parse_mapping(value: Mapping[str, Any], source: str) -> Parsed:
    """A mapping held in memory as plain dicts, lists and scalars, within the limits of a case file: nesting at
    most MAX_NESTING deep, about MAX_FILE_BYTES as text at most (so a list that holds the same list many times
    over is refused before it is copied whole), keys that are text, no mapping or list inside itself. No lines
    are known; a problem names its field path.

    >>> parse_mapping({"family": [{"id": "mother"}], "t": ("a",)}, "x").data
    {'family': [{'id': 'mother'}], 't': ['a']}
    """
    return Parsed(_Copy(source).copy(value, "", 0))


class _Copy:
    """Copies a mapping held in memory, counting its size as text and watching for cycles."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.size = 0
        self.open: set[int] = set()

    def copy(self, value: Any, path: str, depth: int) -> Any:
        if isinstance(value, _SCALARS):
            self._count(len(value) + 3 if isinstance(value, str) else 8)
            if isinstance(value, str) and _SURROGATE.search(value):
                self._refuse(path, _lone_surrogate("this text"))
            return value
        if not isinstance(value, Mapping | list | tuple):
            self._refuse(
                path,
                f"a value of type {type(value).__name__} is not one a case holds: give text, a number, true or "
                "false, a date, a list or a mapping",
            )
        if depth >= MAX_NESTING:
            self._refuse(path, _too_deep())
        if id(value) in self.open:
            self._refuse(path, "this mapping or list holds itself")
        self.open.add(id(value))
        try:
            self._count(2)
            if isinstance(value, Mapping):
                return {self._key(key, path): self.copy(item, _at(path, key), depth + 1) for key, item in value.items()}
            return [self.copy(item, f"{path}[{n}]", depth + 1) for n, item in enumerate(value)]
        finally:
            self.open.discard(id(value))

    def _key(self, key: object, path: str) -> str:
        if not isinstance(key, str):
            self._refuse(path, f"keys must be text, and one here is of type {type(key).__name__}")
        self._count(len(key) + 4)
        if _SURROGATE.search(key):
            self._refuse(path, _lone_surrogate("a key here"))
        return key

    def _count(self, size: int) -> None:
        self.size += size
        if self.size > MAX_FILE_BYTES:
            most = f"over {MAX_FILE_BYTES // 2**20} MB as text, the most a case may be"
            self._refuse("", f"the case is too large ({most})")

    def _refuse(self, path: str, message: str) -> NoReturn:
        raise CaseError(self.source, [Problem(path, message)])


def _at(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _object(pairs: list[tuple[str, Any]], source: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _refused(source, "a key is given twice in one object")
        out[key] = value
    return out


def _refused(source: str, message: str, line: int | None = None) -> CaseError:
    return CaseError(source, [Problem("", message, line)])


def _too_deep() -> str:
    return f"mappings and lists are nested more than {MAX_NESTING} levels deep"


@dataclass
class _Open:
    """A mapping or list being read: where it is, and the key waiting for its value."""

    value: dict[str, Any] | list[Any]
    path: Path_
    key: str | None = None


class _Builder:
    """Builds the data from the parser's events, recording the line of every key and list item."""

    def __init__(self, source: str, surrogates: bool = False) -> None:
        self.source = source
        self.surrogates = surrogates
        """Whether lone surrogates are kept (the text is read for its lines alone) rather than refused."""
        self.root: Any = None
        self.lines: dict[Path_, int] = {}
        self._open: list[_Open] = []
        self._documents = 0

    def take(self, event: Event) -> None:
        line = event.start_mark.line + 1
        if isinstance(event, AliasEvent):
            self._refuse("aliases (*name) are not accepted in case files: write the value out", line)
        if isinstance(event, NodeEvent) and event.anchor:
            self._refuse("anchors (&name) are not accepted in case files: write the value out", line)
        if isinstance(event, DocumentStartEvent):
            self._documents += 1
            if self._documents > 1:
                self._refuse("the file holds more than one YAML document ('---'): give one", line)
        elif isinstance(event, ScalarEvent):
            self._refuse_tag(event.tag, line)
            value = _scalar(event)
            here = self._add(value, line, event)
            if isinstance(value, str):  # (a key's text is checked as a key's, in _key)
                self._refuse_surrogate(value, "this text", line, here)
        elif isinstance(event, MappingStartEvent | SequenceStartEvent):
            self._refuse_tag(event.tag, line)
            if len(self._open) >= MAX_NESTING:
                self._refuse(_too_deep(), line)
            container: dict[str, Any] | list[Any] = {} if isinstance(event, MappingStartEvent) else []
            self._open.append(_Open(container, self._add(container, line, event)))
        elif isinstance(event, CollectionEndEvent):
            self._open.pop()

    def _add(self, value: Any, line: int, event: Event) -> Path_:
        """Put a value where it belongs (the root, a list, a mapping's key or value); returns its path."""
        if not self._open:
            self.root = value
            return ()
        parent = self._open[-1]
        if isinstance(parent.value, list):
            here = (*parent.path, len(parent.value))
            parent.value.append(value)
            self.lines[here] = line
            return here
        if parent.key is None:
            parent.key = self._key(parent, line, event)
            return parent.path
        here = (*parent.path, parent.key)
        parent.value[parent.key] = value
        parent.key = None
        return here

    def _key(self, parent: _Open, line: int, event: Event) -> str:
        if not isinstance(event, ScalarEvent):
            self._refuse("a key must be a plain name, not a mapping or a list", line)
        key = event.value
        self._refuse_surrogate(key, "a key here", line, parent.path)
        if key == "<<" and event.style is None:
            self._refuse("merge keys (<<) are not accepted in case files: write the fields out", line)
        assert isinstance(parent.value, dict)
        if key in parent.value:
            first = self.lines.get((*parent.path, key))
            self._refuse(f"this key is given twice (first on line {first})", line)
        self.lines[(*parent.path, key)] = line
        return key

    def _refuse_tag(self, tag: str | None, line: int) -> None:
        if tag:
            self._refuse(f"tags ({tag.replace('tag:yaml.org,2002:', '!!')}) are not accepted in case files", line)

    def _refuse_surrogate(self, text: str, what: str, line: int, path: Path_) -> None:
        if not self.surrogates and _SURROGATE.search(text):
            raise CaseError(self.source, [Problem(field_path(path), _lone_surrogate(what), line)])

    def _refuse(self, message: str, line: int) -> NoReturn:
        raise _refused(self.source, message, line)


def _scalar(event: ScalarEvent) -> str | bool | None:
    """A plain scalar may be null or a boolean (YAML 1.2 core schema); everything else is a string."""
    if event.style is None:
        if event.value in _NULLS:
            return None
        if event.value in _BOOLEANS:
            return _BOOLEANS[event.value]
    return event.value

"""One part of a case file as a web form, and the submitted form back as data: `part_form` walks the case file's JSON
Schema (resolving `$ref`, reading `anyOf` with null as optional) and describes a field for every value of the part,
each with its form name, label, help, kind, current value as text and, for lists, a blank item; `part_value` reads a
submitted form (form name to text) back into nested dicts and lists typed by the schema, keeping whatever the form did
not show and collecting every value it cannot read into one FormError. A value the form cannot show plainly (one of
several shapes, a mapping of arbitrary keys, a list of lists) is edited as YAML. The functions are pure: they neither
read nor write anything, and return text unescaped, for the templates to escape."""

from __future__ import annotations

import copy
import datetime as dt
import io
import math
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent
from ruamel.yaml.representer import RoundTripRepresenter
from ruamel.yaml.scalarstring import LiteralScalarString

_Schema = dict[str, Any]
"""A JSON Schema, or the schema of one value within it."""
_MAX_NESTING = 32
"""The deepest a YAML field's mappings and lists may nest (as in a case file)."""
_NO_ERRORS: Mapping[str, str] = MappingProxyType({})
_FORMATS = {"markdown": "markdown", "date": "date", "date-time": "datetime", "time": "time"}
_ITEM_KINDS = frozenset({"group", "choice", "text", "markdown", "date", "datetime", "time", "integer", "number"})
_TEXTS = frozenset({"text", "textarea", "markdown"})
_FITS: dict[str, type | tuple[type, ...]] = {
    "group": dict,
    "list": list,
    "boolean": bool,
    "choice": (str, int, float, bool),
    "integer": (int, str),
    "number": (int, float, str),
    "date": (dt.date, str),
    "datetime": (dt.datetime, str),
    "time": str,
    "text": str,
    "markdown": str,
    "yaml": object,
}
"""The values (besides None) each kind of field can show; any other value is shown as YAML, so nothing is lost."""
_EXPECTED = {
    "integer": "a whole number, e.g. 3",
    "number": "a number, e.g. 2.5",
    "date": "a date, e.g. 2026-03-12",
    "datetime": "a date and time, e.g. 2026-03-12T14:30",
    "time": "a time, e.g. 14:30",
    "boolean": "ticked or not (true or false)",
}
_TIME = re.compile(r"([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?")
_WHOLE = re.compile(r"[+-]?\d+")
_INDEX = re.compile(r"0|[1-9][0-9]*")
"""A list index in a form name, written as the form writes it."""


@dataclass(frozen=True)
class Field:
    """One input of the form (or a group or list of them), named by its path inside the part."""

    name: str
    label: str
    help: str
    kind: str
    value: str
    choices: tuple[str, ...] = ()
    required: bool = False
    children: tuple[Field, ...] = ()
    error: str = ""


class FormError(ValueError):
    """A submitted form with values that cannot be read: every problem, by form name."""

    def __init__(self, problems: Mapping[str, str]) -> None:
        self.problems = dict(problems)
        super().__init__("; ".join(f"{name or 'the part'}: {message}" for name, message in self.problems.items()))


@dataclass(frozen=True)
class _Shape:
    """How a value is edited: its kind, its schema (resolved), its choices and the definitions it lies within."""

    kind: str
    schema: _Schema
    options: tuple[Any, ...]
    within: frozenset[str]


@dataclass(frozen=True)
class _Reading:
    """A submitted form being read: the case file's schema, the form and the problems found so far."""

    root: _Schema
    form: Mapping[str, str]
    problems: dict[str, str]


class _Absent:
    """A value the form leaves out (an empty input)."""


_ABSENT = _Absent()


class _Representer(RoundTripRepresenter):
    """Writes a value shared by two places twice, never as an anchor and alias (which the form refuses)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def part_schema(schema: dict[str, Any], part: tuple[str, ...]) -> dict[str, Any]:
    """The schema of the value at `part`, its `$ref` resolved and an optional value's null left out."""
    return _unwrap(schema, _locate(schema, part)[0])[0]


def part_form(
    schema: dict[str, Any], part: tuple[str, ...], value: Any, errors: Mapping[str, str] = _NO_ERRORS
) -> Field:
    """The form for `value` (None when the case has none yet) at `part`, each message of `errors` (by form name) on
    its field, or on the nearest field above it, prefixed with the rest of its name, when the form has no such field."""
    node, required = _locate(schema, part)
    form = _build(schema, node, "", _label(part[-1] if part else ""), value, required, frozenset())
    return _with_errors(form, _placed(form, errors)) if errors else form


def part_value(schema: dict[str, Any], part: tuple[str, ...], form: Mapping[str, str], original: Any) -> Any:
    """The submitted `form` for the part as data, typed by the schema; keys of `original` the form does not show
    are kept. Raises FormError naming every value it cannot read."""
    node = _locate(schema, part)[0]
    reading = _Reading(schema, form, {})
    value = _parse(reading, node, "", original, frozenset())
    if reading.problems:
        raise FormError(reading.problems)
    return None if value is _ABSENT else value


def add_item(value: Any, path: str) -> Any:
    """A copy of `value` with an empty item appended to the list at form path `path` ("" for the part itself): {}
    after objects, "" after strings, and None (a blank item of whatever the list holds) in a list still empty."""
    box = [copy.deepcopy(value)]
    container, key = _slot(box, path, create=True)
    items = container[key]
    if items is None:
        items = container[key] = []
    if not isinstance(items, list):
        raise KeyError(f"there is no list at {path or 'the top of the part'}")
    items.append({} if any(isinstance(item, dict) for item in items) else "" if items else None)
    return box[0]


def remove_item(value: Any, path: str) -> Any:
    """A copy of `value` without the list item at form path `path` (e.g. "members.2")."""
    box = [copy.deepcopy(value)]
    container, key = _slot(box, path, create=False)
    if not path or not isinstance(container, list):
        raise KeyError(f"there is no list item at {path or 'the top of the part'}")
    del container[key]
    return box[0]


def _locate(root: _Schema, part: tuple[str, ...]) -> tuple[_Schema, bool]:
    """The schema (unresolved) of the value at `part`, and whether its parent requires it."""
    node, required = root, True
    for depth, key in enumerate(part):
        schema = _unwrap(root, node)[0]
        patterns = [sub for pattern, sub in schema.get("patternProperties", {}).items() if re.search(pattern, key)]
        if key in schema.get("properties", {}):
            node, required = schema["properties"][key], key in schema.get("required", ())
        elif patterns or isinstance(schema.get("additionalProperties"), dict):
            node, required = (patterns or [schema["additionalProperties"]])[0], False
        elif isinstance(schema.get("items"), dict) and _INDEX.fullmatch(key):
            node, required = schema["items"], True
        else:
            raise KeyError(f"the case file has no part {'.'.join(part[: depth + 1])}")
    return node, required


def _resolve(root: _Schema, node: _Schema) -> tuple[_Schema, tuple[str, ...]]:
    """`node` with its `$ref` (a local `#/$defs/` one) followed, its own keys kept; and the definitions followed."""
    followed: list[str] = []
    while "$ref" in node:
        ref = node["$ref"]
        name = ref.removeprefix("#/$defs/")
        if not ref.startswith("#/$defs/") or name not in root.get("$defs", {}) or name in followed:
            raise KeyError(f"the schema's reference {ref} leads to no definition")
        followed.append(name)
        node = {**root["$defs"][name], **{key: value for key, value in node.items() if key != "$ref"}}
    return node, tuple(followed)


def _unwrap(root: _Schema, node: _Schema) -> tuple[_Schema, bool, tuple[str, ...]]:
    """`node` resolved, with an `anyOf` (or `oneOf`) of one shape and null read as that shape: the schema (several
    shapes left as `anyOf`), whether null is allowed, and the definitions followed."""
    schema, followed = _resolve(root, node)
    optional = False
    if isinstance(schema.get("type"), list) and "null" in schema["type"]:
        rest = [kind for kind in schema["type"] if kind != "null"]
        schema, optional = {**schema, "type": rest[0] if len(rest) == 1 else rest}, True
    key = "anyOf" if "anyOf" in schema else "oneOf"
    if key in schema and "type" not in schema:
        shapes = [_resolve(root, alternative) for alternative in schema[key]]
        others = [(shape, names) for shape, names in shapes if shape.get("type") != "null"]
        optional = optional or len(others) < len(shapes)
        notes = {name: value for name, value in schema.items() if name not in (key, "discriminator")}
        if len(others) == 1:
            schema, followed = {**others[0][0], **notes}, followed + others[0][1]
        else:
            schema = {**notes, "anyOf": [shape for shape, _ in others]}
    return schema, optional, followed


def _kind(root: _Schema, schema: _Schema) -> str:
    """The kind of field for values of an (unwrapped) schema."""
    if "anyOf" in schema and "type" not in schema:
        return "choice" if all("enum" in shape or "const" in shape for shape in schema["anyOf"]) else "yaml"
    if "enum" in schema or "const" in schema:
        return "choice"
    kind = schema.get("type")
    if kind == "string":
        return _FORMATS.get(schema.get("format", ""), "text")
    if kind in ("integer", "number", "boolean"):
        return str(kind)
    if kind == "array":
        items = schema.get("items")
        return "list" if isinstance(items, dict) and _kind(root, _unwrap(root, items)[0]) in _ITEM_KINDS else "yaml"
    plain = schema.get("additionalProperties") in (None, False) and not schema.get("patternProperties")
    return "group" if kind == "object" and schema.get("properties") and plain else "yaml"


def _shape(root: _Schema, node: _Schema, value: Any, within: frozenset[str]) -> _Shape:
    """How the value `value` of schema `node` is edited, `within` the definitions above it (one of which, met again,
    is edited as YAML rather than unfolded for ever)."""
    schema, optional, followed = _unwrap(root, node)
    kind = "yaml" if within.intersection(followed) else _kind(root, schema)
    if kind == "boolean" and optional:
        kind = "choice"  # true, false or not given: a checkbox has no third state
    if value is not None and not _fits(kind, value):
        kind = "yaml"
    if kind in _READERS and isinstance(value, str) and value.strip() and not _readable(kind, value):
        kind = "text"  # e.g. a date known only to the month, '2024-08': kept as written
    if kind == "text" and isinstance(value, str) and "\n" in value:
        kind = "textarea"
    return _Shape(kind, schema, _options(schema) if kind == "choice" else (), within.union(followed))


def _fits(kind: str, value: Any) -> bool:
    """Whether a field of `kind` can show `value` (not None) as it is."""
    if isinstance(value, bool):
        return kind in ("boolean", "choice", "yaml")
    if kind == "date" and isinstance(value, dt.datetime):
        return False
    return isinstance(value, _FITS[kind])


def _options(schema: _Schema) -> tuple[Any, ...]:
    """The values a choice offers: a boolean's, an `enum`'s or `const`'s, or those of an `anyOf` of them."""
    if schema.get("type") == "boolean":
        return (True, False)
    shapes = schema["anyOf"] if "anyOf" in schema and "type" not in schema else [schema]
    values = [value for shape in shapes for value in (shape["enum"] if "enum" in shape else [shape["const"]])]
    return tuple(value for value in values if value is not None)


def _build(
    root: _Schema, node: _Schema, name: str, label: str, value: Any, required: bool, within: frozenset[str]
) -> Field:
    """The field for `value` under schema `node`, named `name`."""
    shape = _shape(root, node, value, within)
    schema = shape.schema
    help_text = " ".join(str(schema.get("description", "")).split())
    if shape.kind == "group":
        given, needed = value or {}, schema.get("required", ())
        children = tuple(
            _build(root, sub, _join(name, key), _label(key), given.get(key), key in needed, shape.within)
            for key, sub in schema["properties"].items()
        )
        return Field(name, label, help_text, "group", "", required=required, children=children)
    if shape.kind == "list":
        items = value or []
        children = tuple(
            _build(root, schema["items"], _join(name, str(index)), f"{label} {index + 1}", item, True, shape.within)
            for index, item in enumerate(items)
        )
        return Field(name, label, help_text, "list", "", required=required, children=children)
    if shape.kind == "yaml":
        text = _dump(value)
    elif shape.kind == "boolean":
        text = _text(value if value is not None else schema.get("default") is True)
    else:
        text = _text(value)
    choices: tuple[str, ...] = ()
    if shape.kind == "choice":
        offered = [_text(option) for option in shape.options]
        offered += [text] if text and text not in offered else []  # a value the schema does not offer, kept
        choices = tuple(offered if required and text else ["", *offered])  # a value not yet given: none chosen
    return Field(name, label, help_text, shape.kind, text, choices, required)


def _parse(reading: _Reading, node: _Schema, name: str, original: Any, within: frozenset[str]) -> Any:
    """The value submitted for field `name` (schema `node`, shown for `original`), or _ABSENT when left empty."""
    shape = _shape(reading.root, node, original, within)
    if shape.kind == "group":
        return _parse_group(reading, shape, name, original)
    if shape.kind == "list":
        return _parse_list(reading, shape, name, original)
    text = reading.form.get(name)
    if shape.kind != "boolean" and (text is None or not text.strip()):
        return _ABSENT
    try:
        return _read(shape, text or "", original)
    except ValueError as problem:
        reading.problems[name] = str(problem)
        return _ABSENT


def _parse_group(reading: _Reading, shape: _Shape, name: str, original: Any) -> Any:
    """An object's submitted properties, or _ABSENT for an object not given before in which nothing was filled in or
    ticked. A property is left out when empty, or when it was not given before and is still its default; the
    original's keys the form does not show are kept."""
    given = original if isinstance(original, dict) else {}
    properties: dict[str, _Schema] = shape.schema["properties"]
    required = shape.schema.get("required", ())
    result = {}
    for key, sub in properties.items():
        before = given.get(key)
        value = _parse(reading, sub, _join(name, key), before, shape.within)
        unchanged = value == [] or ("default" in sub and value == sub["default"])
        if value is not _ABSENT and (key in required or before is not None or not unchanged):
            result[key] = value
    untouched = all(key in required and (value is False or value == []) for key, value in result.items())
    if not isinstance(original, dict) and untouched:
        return _ABSENT
    return result | {key: value for key, value in given.items() if key not in properties}


def _parse_list(reading: _Reading, shape: _Shape, name: str, original: Any) -> list[Any]:
    """A list's submitted items, in the order of their indexes; an empty item of text or a choice left out."""
    prefix = f"{name}." if name else ""
    heads = (key[len(prefix) :].split(".", 1)[0] for key in reading.form if key.startswith(prefix))
    indexes = sorted({int(head) for head in heads if _INDEX.fullmatch(head)})
    before = dict(enumerate(original)) if isinstance(original, list) else {}
    values = (
        _parse(reading, shape.schema["items"], f"{prefix}{index}", before.get(index), shape.within) for index in indexes
    )
    return [value for value in values if value is not _ABSENT]


def _read(shape: _Shape, text: str, original: Any) -> Any:
    """The value of a field's text; ValueError with what was expected when it cannot be read."""
    kind, clean = shape.kind, text.strip()
    if kind in _TEXTS:
        return text.replace("\r\n", "\n")
    if kind == "choice":
        offered = {_text(option): option for option in shape.options}
        if original is not None:
            offered.setdefault(_text(original), original)
        if clean not in offered:
            raise ValueError("one of: " + ", ".join(_text(option) for option in shape.options))
        return offered[clean]
    if kind == "yaml":
        return _load(text)
    try:
        if kind == "boolean":
            return {"true": True, "on": True, "false": False, "off": False, "": False}[clean.lower()]
        return _READERS[kind](clean)
    except (ValueError, KeyError):
        raise ValueError(_EXPECTED[kind]) from None


def _number(text: str) -> int | float:
    """A number: whole when written whole."""
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(text)
    return int(text) if _WHOLE.fullmatch(text) else number


def _time(text: str) -> str:
    """A time of day, HH:MM (or HH:MM:SS), kept as written."""
    if not _TIME.fullmatch(text):
        raise ValueError(text)
    return text


def _readable(kind: str, text: str) -> bool:
    """Whether the text of a number, date or time reads as one."""
    try:
        _READERS[kind](text.strip())
    except ValueError:
        return False
    return True


_READERS: dict[str, Callable[[str], Any]] = {
    "integer": int,
    "number": _number,
    "date": dt.date.fromisoformat,
    "datetime": dt.datetime.fromisoformat,
    "time": _time,
}


def _text(value: Any) -> str:
    """A value as an input's text: "" for none, booleans as true/false, dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _dump(value: Any) -> str:
    """A value as block YAML ("" for none), text of several lines as literal blocks."""
    if value is None:
        return ""
    yaml = YAML(typ="rt")
    yaml.Representer = _Representer
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    yaml.dump(_literal(value), out)
    return out.getvalue().removesuffix("...\n")


def _literal(value: Any) -> Any:
    """A copy of `value` in which each text of several lines is written as a literal block."""
    if isinstance(value, dict):
        return {key: _literal(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_literal(item) for item in value]
    return LiteralScalarString(value) if isinstance(value, str) and "\n" in value else value


def _load(text: str) -> Any:
    """The data of a YAML field (safely read; anchors, aliases and deep nesting refused), or _ABSENT when it holds
    none."""
    text = text.replace("\r\n", "\n")
    depth = 0
    try:
        for event in YAML(typ="safe", pure=True).parse(text):
            if isinstance(event, AliasEvent):
                raise ValueError("YAML without aliases (*name): write the value out again instead")
            depth += isinstance(event, CollectionStartEvent) - isinstance(event, CollectionEndEvent)
            if depth > _MAX_NESTING:
                raise ValueError(f"YAML nested less deeply (at most {_MAX_NESTING} levels)")
        data = YAML(typ="safe", pure=True).load(text)
    except YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        reason = getattr(error, "problem", None) or type(error).__name__
        where = f"line {mark.line + 1}: " if mark else ""
        raise ValueError(f"YAML that reads correctly ({where}{reason})") from None
    return _ABSENT if data is None else data


def _slot(box: list[Any], path: str, *, create: bool) -> tuple[Any, Any]:
    """The container and key (or index) of the value at form path `path` inside box[0]; with `create`, missing
    mappings on the way are made."""
    container: Any = box
    key: Any = 0
    for segment in path.split(".") if path else ():
        current = container[key]
        if current is None and create:
            current = container[key] = {}
        if isinstance(current, dict) and (create or segment in current):
            current.setdefault(segment, None)
            container, key = current, segment
        elif isinstance(current, list) and _INDEX.fullmatch(segment) and int(segment) < len(current):
            container, key = current, int(segment)
        else:
            raise KeyError(f"there is nothing at {path}")
    return container, key


def _label(key: str) -> str:
    """A property's label: its key made readable ('period_start': 'Period start'; the schema's titles are the keys
    in title case)."""
    words = key.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:]


def _join(name: str, key: str) -> str:
    """The form name of `key` within the field named `name`."""
    return f"{name}.{key}" if name else key


def _names(field: Field) -> Iterator[str]:
    """The names of a field and of all the fields within it (not a list's blank item)."""
    yield field.name
    for child in field.children:
        yield from _names(child)


def _placed(form: Field, errors: Mapping[str, str]) -> dict[str, str]:
    """The messages of `errors` by the name of the field that shows each: its own, or the nearest above it."""
    names = set(_names(form))
    placed: dict[str, str] = {}
    for name, message in errors.items():
        target = name
        while target not in names:
            target = target.rpartition(".")[0]
        text = message if target == name else f"{name[len(target) :].lstrip('.')}: {message}"
        placed[target] = f"{placed[target]}; {text}" if target in placed else text
    return placed


def _with_errors(field: Field, placed: Mapping[str, str]) -> Field:
    """`field` with the messages placed on it and on the fields within it."""
    children = tuple(_with_errors(child, placed) for child in field.children)
    return replace(field, error=placed.get(field.name, ""), children=children)

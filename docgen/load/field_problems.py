"""Pydantic's validation errors as problems a person can act on: field path, line, plain words, never the value."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import Problem
from ..files.parsing import Path_, Profile, field_path, line_of
from ..model import Case


def validation_problems(
    error: ValidationError,
    data: dict[str, Any],
    lines: Mapping[Path_, int],
    profiles: Mapping[str, Profile],
    model: type[BaseModel] = Case,
) -> Iterable[Problem]:
    """Pydantic's errors as problems: the field path, the line (in the profile file for a profile's field), and
    what is wrong in plain words, never the value given. `model` is the file's root (a case, a board profile)."""
    for item in error.errors(include_url=False):
        loc = _location(item["loc"], data, model)
        profile = profiles.get(str(loc[0])) if len(loc) > 1 else None
        line = line_of(loc[1:], profile.parsed.lines) if profile else line_of(loc, lines)
        shown = loc[:-1] if item["type"] == "extra_forbidden" and not _misspelt(loc, model) else loc
        yield Problem(field_path(shown), _plain(item, loc, model), line, profile.file if profile else None)


def _location(loc: tuple[str | int, ...], data: Any, root: type[BaseModel]) -> Path_:
    """Pydantic's location less the tags it adds for members of a union: the parts that are keys or indexes
    of the data, or fields of the model there (a missing field, or one named like a tag: 'date')."""
    out: list[str | int] = []
    node, model = data, root
    for part in loc:
        in_data = part in node if isinstance(node, dict) else isinstance(part, int) and 0 <= part < len(node or ())
        fields = model.model_fields if model is not None else {}
        if not in_data and part not in fields:
            continue
        out.append(part)
        node = node[part] if in_data else None
        if isinstance(part, str) and part in fields:
            model = _model_in(fields[part].annotation)
    return tuple(out)


def split_path(path: str) -> Path_:
    """'family[2].relationship' → ('family', 2, 'relationship')."""
    return tuple(int(part) if part.isdigit() else part for part in re.findall(r"[^.\[\]]+", path))


def _plain(item: Any, loc: Path_, model: type[BaseModel]) -> str:
    """Pydantic's message in plain words, with the accepted values or a suggestion where useful; never the value
    given (it may be confidential), and an unknown key only when it is a misspelt field name."""
    kind = item["type"]
    if kind == "missing":
        return "this required field is missing"
    if kind == "extra_forbidden":
        if close := _misspelt(loc, model):
            return f"unknown field '{loc[-1]}'; did you mean '{close}'?"
        return f"unknown field; the fields here are: {', '.join(_fields_at(model, loc[:-1]))}"
    if kind == "enum":
        return f"not one of the accepted values: {item.get('ctx', {}).get('expected', '')}"
    if kind.startswith(("date", "time")):
        what = kind.split("_")[0]
        example = "HH:MM, e.g. 14:30" if what == "time" else "YYYY-MM-DD, e.g. 2026-05-03"
        reason = str(item.get("ctx", {}).get("error", ""))
        why = f" ({reason})" if "outside expected range" in reason else ""
        return f"not a valid {what}{why}: write it as {example}"
    if kind == "value_error":
        return str(item["ctx"]["error"])
    return str(item["msg"])


def _misspelt(loc: Path_, model: type[BaseModel] = Case) -> str | None:
    """The field an unknown key at `loc` is a misspelling of, if any (then the key may be shown)."""
    close = difflib.get_close_matches(str(loc[-1]), _fields_at(model, loc[:-1]), n=1)
    return close[0] if close else None


def _fields_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """The field names of the model found by following a location from the case root."""
    current: Any = model
    for part in loc:
        if isinstance(part, int) or not (isinstance(current, type) and issubclass(current, BaseModel)):
            continue
        field = current.model_fields.get(part)
        if field is None:  # a key of a mapping, e.g. the agency of an IMR
            continue
        current = _model_in(field.annotation)
    return list(current.model_fields) if isinstance(current, type) and issubclass(current, BaseModel) else []


def _model_in(annotation: Any) -> Any:
    """The first pydantic model inside a type such as `list[X] | None` or `dict[str, X]`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        if (found := _model_in(arg)) is not None:
            return found
    return None

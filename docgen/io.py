"""The edge where files are read and written: case files in, documents out."""

from __future__ import annotations

import difflib
import json
import os
import re
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from .errors import CaseError, Problem
from .model import Board, Case, Framework
from .model.framework import DEFAULT_FRAMEWORK, builtin_framework

_RESOLVERS = {
    # YAML 1.2 booleans only: 'No', 'yes', 'on' stay strings (tick-box answers say 'No').
    "tag:yaml.org,2002:bool": re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    # No sexagesimal numbers: '14:30' is a time, not 870.
    "tag:yaml.org,2002:int": re.compile(
        r"^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+)$"
    ),
    "tag:yaml.org,2002:float": re.compile(
        r"^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
}


class _CaseLoader(yaml.SafeLoader):
    """A safe YAML loader with YAML 1.2 booleans and no sexagesimal numbers."""


_CaseLoader.yaml_implicit_resolvers = {
    first: [(tag, _RESOLVERS.get(tag, regexp)) for tag, regexp in resolvers]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def load_case(path: str | os.PathLike[str]) -> Case:
    """Read and validate a YAML or JSON case file; a board given as a path is read beside it."""
    path = Path(path)
    data, lines = _read_mapping(path)
    board = data.get("board")
    if isinstance(board, str):
        board_path = (path.parent / board).resolve()
        data = {**data, "board": _read_mapping(board_path)[0]}
    framework = data.get("framework")
    if isinstance(framework, str) and Path(framework).suffix.lower() in {".yaml", ".yml", ".json"}:
        data = {**data, "framework": _read_mapping((path.parent / framework).resolve())[0]}
    try:
        return Case.model_validate(data)
    except ValidationError as error:
        raise CaseError(str(path), list(_problems(error, lines))) from None


def load_board(path: str | os.PathLike[str]) -> tuple[Board, Framework]:
    """The board profile and framework a blank form is printed for: a case file's (a file with a `board`
    field), or a board profile's with the default framework."""
    path = Path(path)
    data, lines = _read_mapping(path)
    if "board" in data:
        case = load_case(path)
        return case.board, case.framework
    try:
        return Board.model_validate(data), builtin_framework(DEFAULT_FRAMEWORK)
    except ValidationError as error:
        raise CaseError(str(path), list(_problems(error, lines, Board)), "board profile") from None


def _read_mapping(path: Path) -> tuple[dict[str, Any], dict[tuple[str | int, ...], int]]:
    """The top-level mapping of a YAML or JSON file, and the line of each field path."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CaseError(str(path), [Problem("", "the file does not exist")]) from None
    except PermissionError:
        raise CaseError(str(path), [Problem("", "the file cannot be read (permission denied)")]) from None
    except UnicodeDecodeError as error:
        raise CaseError(str(path), [Problem("", f"the file is not UTF-8 text ({error.reason})")]) from None
    if not text.strip():
        raise CaseError(str(path), [Problem("", "the file is empty")])
    data, lines = _parse(path, text)
    if not isinstance(data, dict):
        found = type(data).__name__ if data is not None else "nothing"
        raise CaseError(str(path), [Problem("", f"expected a mapping of fields at the top level, found {found}")])
    return data, lines


def _parse(path: Path, text: str) -> tuple[Any, dict[tuple[str | int, ...], int]]:
    if path.suffix.lower() == ".json":
        try:
            return json.loads(text), {}
        except json.JSONDecodeError as error:
            raise CaseError(str(path), [Problem("", f"not valid JSON: {error.msg}", error.lineno)]) from None
    try:
        loader = _CaseLoader(text)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        reason = getattr(error, "problem", None) or getattr(error, "reason", None) or str(error)
        line = mark.line + 1 if mark else None
        raise CaseError(str(path), [Problem("", f"not valid YAML: {reason}", line)]) from None
    return data, dict(_node_lines(node, ()))


def _node_lines(node: yaml.Node | None, path: tuple[str | int, ...]) -> Iterable[tuple[tuple[str | int, ...], int]]:
    """The line of every mapping key and sequence item below a YAML node."""
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            here = (*path, key.value)
            yield here, key.start_mark.line + 1
            yield from _node_lines(value, here)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            here = (*path, index)
            yield here, item.start_mark.line + 1
            yield from _node_lines(item, here)


def _problems(
    error: ValidationError, lines: dict[tuple[str | int, ...], int], model: type[BaseModel] = Case
) -> Iterable[Problem]:
    for item in error.errors(include_url=False):
        loc = tuple(part for part in item["loc"] if not _is_union_tag(part))
        line = next((lines[loc[:n]] for n in range(len(loc), 0, -1) if loc[:n] in lines), None)
        yield Problem(_path(loc), _plain(item, loc, model), line)


def _is_union_tag(part: str | int) -> bool:
    return isinstance(part, str) and ("[" in part or part in {"str", "int", "date"})


def _path(loc: tuple[str | int, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _plain(item: Any, loc: tuple[str | int, ...], model: type[BaseModel]) -> str:
    """Pydantic's message in plain words, with the accepted values or a suggestion where useful."""
    kind, given = item["type"], item.get("input")
    if kind == "missing":
        return "this required field is missing"
    if kind == "extra_forbidden":
        known = _fields_at(model, loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), known, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else f"; the fields here are: {', '.join(known)}"
        return f"unknown field '{loc[-1]}'{hint}"
    if kind == "enum":
        expected = item.get("ctx", {}).get("expected", "")
        return f"'{given}' is not one of the accepted values: {expected}"
    if kind.startswith("date") or kind.startswith("time"):
        example = "HH:MM, e.g. 14:30" if kind.startswith("time") else "YYYY-MM-DD, e.g. 2026-05-03"
        return f"'{given}' is not a valid {kind.split('_')[0]}: write it as {example}"
    if kind == "value_error":
        return str(item["ctx"]["error"])
    return f"{item['msg']} (given: {given!r})" if not isinstance(given, dict | list) else item["msg"]


def _fields_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """The field names of the model found by following a location from the case root."""
    current: Any = model
    for part in loc:
        if isinstance(part, int) or not (isinstance(current, type) and issubclass(current, BaseModel)):
            continue
        field = current.model_fields.get(part)
        if field is None:
            return []
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


def write_atomic(path: Path, data: bytes) -> None:
    """Write a file whole or not at all, readable by its owner only."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise

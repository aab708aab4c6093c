"""Case files and profiles read from disk and validated: a case, a board profile, the profiles a case names."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from pydantic import ValidationError

from ..errors import CaseError, Problem
from ..files.parsing import Parsed, Path_, Profile, line_of, parse_text
from ..files.reading import read_file, refused
from ..model import Board, Case, Framework
from ..model.framework import DEFAULT_FRAMEWORK, builtin_framework
from ..model.people_labels import label_problems
from .field_problems import split_path, validation_problems

PROFILE_FIELDS = {"board": "board profile", "framework": "framework profile"}
"""The fields of a case file that may name another file (read beside it), and what that file is."""
Lines = Mapping[Path_, int]


def load_case(path: str | os.PathLike[str]) -> Case:
    """Read and validate a YAML or JSON case file; a board or framework given as a path is read beside it."""
    path = Path(path)
    source = str(path)
    return case_from(_read_mapping(path, source), source, Path(os.path.abspath(path)).parent)


def case_from(parsed: Parsed, source: str, folder: Path | None, profiles: Mapping[str, Profile] | None = None) -> Case:
    """Validate a case's data. A profile it names as a file is read from `folder` or a folder below it (None: the
    case came from memory and names no file); `profiles` are those read already, by the caller's choice."""
    parsed = _subject_as_subject(_framework_at_the_top(parsed, source), source)
    data = dict(parsed.data)
    read = dict(profiles or {})
    for field, what in PROFILE_FIELDS.items():
        if field not in read and _names_file(field, data.get(field)):
            read[field] = read_profile(_profile_path(folder, data[field], field, what, parsed.lines, source))
    data.update((field, profile.parsed.data) for field, profile in read.items())
    if isinstance(data.get("framework"), dict) and isinstance(data["framework"].get("templates"), str):
        named_by = Path(read["framework"].file).parent if "framework" in read else folder
        templates = data["framework"]["templates"]
        templates = _templates_folder(folder or named_by, named_by, templates, parsed.lines, source)
        data["framework"] = {**data["framework"], "templates": templates}
    try:
        case = Case.model_validate(data)
    except ValidationError as error:
        raise CaseError(source, list(validation_problems(error, data, parsed.lines, read))) from None
    if problems := label_problems(case):
        raise CaseError(source, [replace(p, line=line_of(split_path(p.path), parsed.lines)) for p in problems])
    return case


def _subject_as_subject(parsed: Parsed, source: str) -> Parsed:
    """The case with the person the review is about under `subject`, where a child review's file may call it
    `child`; given under both, it is refused."""
    if "child" not in parsed.data:
        return parsed
    if "subject" in parsed.data:
        message = "the person the review is about is given twice, as subject and as child: give it once"
        raise CaseError(source, [Problem("child", message, parsed.lines.get(("child",)))])
    data = {("subject" if k == "child" else k): v for k, v in parsed.data.items()}
    lines = {("subject", *path[1:]) if path[:1] == ("child",) else path: line for path, line in parsed.lines.items()}
    return Parsed(data, lines)


def _framework_at_the_top(parsed: Parsed, source: str) -> Parsed:
    """The case with a framework named inside `review` (`review.framework`) moved to the top, beside `board`,
    where it is read from; named in both places, it is refused."""
    review = parsed.data.get("review")
    if not isinstance(review, dict) or "framework" not in review:
        return parsed
    inside = ("review", "framework")
    if "framework" in parsed.data:
        message = "the framework is named twice, at the top and in review: name it once"
        raise CaseError(source, [Problem("review.framework", message, parsed.lines.get(inside))])
    data = {**parsed.data, "review": {k: v for k, v in review.items() if k != "framework"}}
    data["framework"] = review["framework"]
    lines = {("framework", *path[2:]) if path[:2] == inside else path: line for path, line in parsed.lines.items()}
    return Parsed(data, lines)


def read_profile(path: Path) -> Profile:
    """A board or framework profile file, parsed."""
    return Profile(str(path), _read_mapping(path, str(path)))


def load_board(path: str | os.PathLike[str]) -> tuple[Board, Framework]:
    """The board profile and framework a blank form is printed for: a case file's (a file with a `board`
    field), or a board profile's with the default framework."""
    path = Path(path)
    source = str(path)
    parsed = _read_mapping(path, source)
    if "board" in parsed.data:
        case = load_case(path)
        return case.board, case.framework
    try:
        return Board.model_validate(parsed.data), builtin_framework(DEFAULT_FRAMEWORK)
    except ValidationError as error:
        problems = validation_problems(error, parsed.data, parsed.lines, {}, Board)
        raise CaseError(source, list(problems), "board profile") from None


def _names_file(field: str, value: object) -> bool:
    """A board given as text is a file; a framework given as text is a file when it ends .yaml, .yml or .json."""
    return isinstance(value, str) and (field == "board" or Path(value).suffix.lower() in {".yaml", ".yml", ".json"})


def _profile_path(folder: Path | None, name: str, field: str, what: str, lines: Lines, source: str) -> Path:
    """The file a case names for a profile: in `folder` (the case file's) or a folder below it, never elsewhere."""
    if folder is None:
        message = (
            f"the {what} is named as a file, but this case was given in memory, beside no folder: give the {what} "
            "inline, or give the folder its file is in (base)"
        )
        raise CaseError(source, [Problem(field, message, lines.get((field,)))])
    candidate = (folder / name).resolve()
    if not candidate.is_relative_to(folder.resolve()):
        message = f"the {what} must be a file beside the case file or in a folder below it"
        raise CaseError(source, [Problem(field, message, lines.get((field,)))])
    return candidate


def _templates_folder(root: Path | None, named_by: Path | None, name: str, lines: Lines, source: str) -> str:
    """A framework profile's templates folder, named relative to the profile file (or the case file, for a
    profile given inline): a folder beside the case file or below it, never elsewhere."""
    folder = (named_by / name).resolve() if named_by else None
    if root is None or folder is None or not folder.is_relative_to(root.resolve()) or not folder.is_dir():
        message = "the framework's templates must be a folder beside the case file or in a folder below it"
        raise CaseError(source, [Problem("framework.templates", message, lines.get(("framework",)))])
    return str(folder)


def _read_mapping(path: Path, source: str) -> Parsed:
    """The top-level mapping of a YAML or JSON file, and the line of each field path."""
    try:
        text = read_file(path, source).decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise refused(source, f"the file is not UTF-8 text ({error.reason})") from None
    if not text.strip():
        raise refused(source, "the file is empty")
    return mapping_of(text, source, json_text=path.suffix.lower() == ".json")


def mapping_of(text: str, source: str, *, json_text: bool) -> Parsed:
    """The top-level mapping of YAML or JSON text, and the line of each field path."""
    parsed = parse_text(text, source, json_text=json_text)
    if not isinstance(parsed.data, dict):
        found = type(parsed.data).__name__ if parsed.data is not None else "nothing"
        raise refused(source, f"expected a mapping of fields at the top level, found {found}")
    return parsed

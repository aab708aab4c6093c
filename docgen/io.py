"""The edge where files are read and written: case files in, documents out."""

from __future__ import annotations

import contextlib
import difflib
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import CaseError, OutputError, Problem, UsageError
from .limits import MAX_FILE_BYTES
from .model import Board, Case, Framework
from .model.framework import DEFAULT_FRAMEWORK, builtin_framework
from .parsing import Parsed, Path_, field_path, line_of, parse_text
from .passes.aliases import label_problems

PROFILE_FIELDS = {"board": "board profile", "framework": "framework profile"}
"""The fields of a case file that may name another file (read beside it), and what that file is."""
Lines = Mapping[Path_, int]


@dataclass(frozen=True)
class Profile:
    """A profile read from a file: the file's name and its parsed text."""

    file: str
    parsed: Parsed


def load_case(path: str | os.PathLike[str]) -> Case:
    """Read and validate a YAML or JSON case file; a board or framework given as a path is read beside it."""
    path = Path(path)
    source = str(path)
    return case_from(_read_mapping(path, source), source, Path(os.path.abspath(path)).parent)


def case_from(parsed: Parsed, source: str, folder: Path | None, profiles: Mapping[str, Profile] | None = None) -> Case:
    """Validate a case's data. A profile it names as a file is read from `folder` or a folder below it (None: the
    case came from memory and names no file); `profiles` are those read already, by the caller's choice."""
    parsed = _framework_at_the_top(parsed, source)
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
        raise CaseError(source, list(_problems(error, data, parsed.lines, read))) from None
    if problems := label_problems(case):
        raise CaseError(source, [replace(p, line=line_of(_split(p.path), parsed.lines)) for p in problems])
    return case


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
        problems = _problems(error, parsed.data, parsed.lines, {}, Board)
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
        raise _refused(source, f"the file is not UTF-8 text ({error.reason})") from None
    if not text.strip():
        raise _refused(source, "the file is empty")
    return mapping_of(text, source, json_text=path.suffix.lower() == ".json")


def mapping_of(text: str, source: str, *, json_text: bool) -> Parsed:
    """The top-level mapping of YAML or JSON text, and the line of each field path."""
    parsed = parse_text(text, source, json_text=json_text)
    if not isinstance(parsed.data, dict):
        found = type(parsed.data).__name__ if parsed.data is not None else "nothing"
        raise _refused(source, f"expected a mapping of fields at the top level, found {found}")
    return parsed


def read_file(path: Path, source: str, limit: int = MAX_FILE_BYTES, what: str = "a case or profile file") -> bytes:
    """The bytes of a regular file of at most `limit` bytes, opened without blocking (never a device, a pipe or
    a folder, which are refused before they are read); `what` the file is, for the message when it is larger."""
    try:
        _check_file(os.stat(path), source, limit, what)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as handle:
            _check_file(os.fstat(fd), source, limit, what)
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise _refused(source, "the file does not exist") from None
    except OSError as error:
        raise _refused(source, f"the file cannot be read ({error.strerror or type(error).__name__})") from None
    if len(data) > limit:
        raise _refused(source, _too_large(limit, what))
    return data


def _check_file(info: os.stat_result, source: str, limit: int, what: str) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise _refused(source, f"this is {file_type(info.st_mode)}, not a file")
    if info.st_size > limit:
        raise _refused(source, _too_large(limit, what))


def file_type(mode: int) -> str:
    """'a folder', 'a named pipe', 'a symbolic link', 'a device' … for what is not a regular file."""
    kinds = {
        stat.S_ISDIR: "a folder",
        stat.S_ISFIFO: "a named pipe",
        stat.S_ISLNK: "a symbolic link",
        stat.S_ISCHR: "a device",
        stat.S_ISBLK: "a device",
        stat.S_ISSOCK: "a socket",
    }
    return next((name for test, name in kinds.items() if test(mode)), "a special file")


def read_regular(
    path: str | os.PathLike[str], max_bytes: int, *, follow_links: bool = True, dir_fd: int | None = None
) -> bytes | None:
    """The bytes of a regular file of at most `max_bytes`, or None for anything else: a pipe, a device, a folder,
    a larger file, one that cannot be read, or a symbolic link unless `follow_links`. It is opened without
    blocking and checked before a byte is read; `path` is relative to the open folder `dir_fd`, when given."""
    flags = os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC | (0 if follow_links else os.O_NOFOLLOW)
    try:
        fd = os.open(path, flags, dir_fd=dir_fd)
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or info.st_size > max_bytes:
                return None
            data = handle.read(max_bytes + 1)
    except OSError:
        return None
    return data if len(data) <= max_bytes else None


def _too_large(limit: int, what: str) -> str:
    return f"the file is too large (over {limit // 2**20} MB, the most {what} may be)"


def _refused(source: str, message: str) -> CaseError:
    return CaseError(source, [Problem("", message)])


def _problems(
    error: ValidationError,
    data: dict[str, Any],
    lines: Lines,
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


def _split(path: str) -> Path_:
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


def make_folder(folder: Path) -> None:
    """Make a folder, and the missing folders above it, readable by their owner only (0700); a folder already
    there is left as it is."""
    if folder.is_dir():
        return
    if folder.parent != folder:
        make_folder(folder.parent)
    folder.mkdir(mode=0o700, exist_ok=True)


def write_staged(staging: Path, files: Sequence[tuple[str, bytes]]) -> None:
    """Write each file into a staging folder (owner-only, fsynced), then fsync the folder."""
    for name, content in files:
        write_atomic(staging / name, content)
    fsync_folder(staging)


def fsync_folder(folder: Path) -> None:
    """Make the names in a folder durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes, *, files_only: bool = False, keep_owner: bool = False) -> None:
    """Write a file whole or not at all: a temporary file in its folder, fsynced, renamed over it.

    The file is readable by its owner only; with `keep_owner` (an edited case file) it keeps the mode, owner and
    group of the file it replaces (see `_keep_owner`). With `files_only` or `keep_owner`, what is at `path` must be
    a regular file or nothing (`check_output`), both before anything is written and just before the rename.
    """
    checked = files_only or keep_owner
    before = check_output(path) if checked else None
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if keep_owner and before is not None:
                _keep_owner(handle.fileno(), before, path)
            else:
                os.fchmod(handle.fileno(), 0o600)
            os.fsync(handle.fileno())
        if checked:
            check_output(path)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def check_output(path: Path) -> os.stat_result | None:
    """What is at `path` (not following a symbolic link), when it is a regular file, or None when nothing is; a
    folder, named pipe, device, socket or symbolic link there is refused (UsageError), as docgen writes a file
    only in place of a file."""
    try:
        info = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    if not stat.S_ISREG(info.st_mode):
        what = file_type(info.st_mode)
        raise UsageError(f"{path} is {what}, not a file: nothing was written (docgen writes only in place of a file)")
    return info


def _keep_owner(fd: int, before: os.stat_result, path: Path) -> None:
    """Give the open file `fd` the owner, group and mode of the file `before` it replaces.

    As root all three are kept. Another user may keep only a file of their own, and its group when they are a
    member of it; when the group cannot be kept, the group's permissions are left out (the file's new group must
    gain nothing). Another user's file is refused (OutputError): the caller would become its owner.
    """
    with contextlib.suppress(PermissionError):
        os.fchown(fd, before.st_uid, before.st_gid)
    now = os.fstat(fd)
    if now.st_uid != before.st_uid:
        raise OutputError(
            f"{path} belongs to another user, and rewriting it would make it yours; nothing was written: "
            "ask its owner (or an administrator) to run the command"
        )
    mode = stat.S_IMODE(before.st_mode)
    os.fchmod(fd, mode if now.st_gid == before.st_gid else mode & ~0o070)

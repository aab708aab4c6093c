"""Cases held in memory: a mapping, or YAML or JSON text or bytes, read as a case file is read.

The same limits and the same CaseError with field paths (and lines, where there is text) as a file; a case
held in memory names no file that is read, unless its caller gives the folder such files are in.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import CaseError, Problem
from ..files.parsing import Parsed, Profile, parse_mapping
from ..limits import MAX_FILE_BYTES
from ..model import Board, Case
from .case_files import case_from, mapping_of, read_profile

DEFAULT_NAME = "<memory>"
"""What errors call a case held in memory when its caller gives it no name."""


def parse_case(
    source: Mapping[str, Any] | str | bytes,
    *,
    name: str = DEFAULT_NAME,
    board: Board | Mapping[str, Any] | str | os.PathLike[str] | None = None,
    base: str | os.PathLike[str] | None = None,
) -> Case:
    """Validate a case held in memory; CaseError (naming `name`) lists every problem with its field path.

    `source` is the case's data as a mapping (no lines are known), or its text (str or bytes, UTF-8), never
    a file's name: read a file with `load_case`. Text that starts with '{' is JSON, other text YAML 1.2, read
    as a case file is. `board` gives the board profile of a case that has none: a Board, a mapping, or the
    path of a board profile file. A profile the case names as a file (`board: boards/x.yaml`) is read from
    `base`, a folder, or a folder below it; without `base` it is refused: case data never chooses a file.

    A case's mapping is `case.model_dump(mode="json")`, with its board and framework inline, and it reads
    back to an equal case.
    """
    parsed = _parsed(source, name)
    profiles: dict[str, Profile] = {}
    if board is not None:
        if "board" in parsed.data:
            twice = "the board profile is given twice, in the case and by its caller: give it once"
            raise CaseError(name, [Problem("board", twice, parsed.lines.get(("board",)))])
        if isinstance(board, str | os.PathLike):
            profiles["board"] = read_profile(Path(board))
        else:
            given = board if isinstance(board, Board) else parse_mapping({"board": board}, name).data["board"]
            parsed = Parsed({**parsed.data, "board": given}, parsed.lines)
    return case_from(parsed, name, Path(os.path.abspath(base)) if base is not None else None, profiles)


def _parsed(source: object, name: str) -> Parsed:
    """The case's data (a plain copy of a mapping), or its text parsed, with the line of each field path."""
    if isinstance(source, Mapping):
        return parse_mapping(source, name)
    if not isinstance(source, str | bytes):
        hint = ": read a case file with load_case" if isinstance(source, os.PathLike) else ""
        found = f"not a value of type {type(source).__name__}{hint}"
        raise _refused(name, f"expected a mapping, or YAML or JSON text, {found}")
    if _too_large(source):
        raise _refused(name, f"the case is too large (over {MAX_FILE_BYTES // 2**20} MB, the most a case may be)")
    try:
        text = source.decode("utf-8-sig") if isinstance(source, bytes) else source.removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        raise _refused(name, f"the text is not UTF-8 ({error.reason})") from None
    if not text.strip():
        raise _refused(name, "the text is empty")
    return mapping_of(text, name, json_text=text.lstrip().startswith("{"))


def _too_large(source: str | bytes) -> bool:
    """Over MAX_FILE_BYTES as UTF-8 (text of more characters is too large whatever its encoding)."""
    if len(source) > MAX_FILE_BYTES:
        return True
    return isinstance(source, str) and len(source.encode("utf-8", "surrogatepass")) > MAX_FILE_BYTES


def _refused(name: str, message: str) -> CaseError:
    return CaseError(name, [Problem("", message)])

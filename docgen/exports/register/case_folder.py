"""The case files of a folder and the folders below it, for the register: each read and validated; one that does
not validate is kept with its problems, and never stops the rest."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ...errors import DocgenError
from ...files.parsing import parse_text
from ...load.case_files import load_case
from ...model import Case
from .entries import DESCRIBED

SUFFIXES = {".yaml", ".yml", ".json"}


@dataclass(frozen=True)
class Unreadable:
    """A case file that could not be read or validated, and why, in plain words."""

    __pydantic_config__ = DESCRIBED

    file: str
    """The file, relative to the register's folder."""
    problems: str
    """What is wrong with it, as `docgen validate` says it."""


def case_files(folder: Path) -> list[Path]:
    """The files below the folder that hold a case (a mapping with `review` and `board`), in path order; board and
    framework profiles beside them are not cases. Hidden files and folders are left out."""
    return [path for path in candidate_files(folder) if is_case_file(path)]


def candidate_files(folder: Path) -> list[Path]:
    """The YAML and JSON files below the folder, in path order, hidden files and folders left out."""
    return [
        path
        for path in sorted(folder.rglob("*"))
        if path.suffix.lower() in SUFFIXES
        and not any(part.startswith(".") for part in path.relative_to(folder).parts)
        and path.is_file()
    ]


def is_case_file(path: Path) -> bool:
    """Whether a file is meant as a case file: its top level names a review and a board (a file that cannot be
    parsed is taken as one, so that its problem is listed)."""
    try:
        data = parse_text(path.read_text(encoding="utf-8-sig"), str(path), json_text=path.suffix == ".json").data
    except (DocgenError, OSError, UnicodeDecodeError):
        return True
    return isinstance(data, dict) and "review" in data and "board" in data


def read_cases(paths: Path | Sequence[Path]) -> tuple[list[tuple[str, Case]], list[Unreadable]]:
    """Every case of the paths (each a case file, or a folder whose cases are found below it), by its path (relative
    to its folder), and the files that did not validate."""
    named: list[tuple[str, Path]] = []
    for given in [paths] if isinstance(paths, Path) else paths:
        if given.is_dir():
            named += [(str(path.relative_to(given)), path) for path in case_files(given)]
        else:
            named.append((str(given), given))
    cases, unreadable = [], []
    for name, path in named:
        try:
            cases.append((name, load_case(path)))
        except DocgenError as error:
            unreadable.append(Unreadable(name, error.describe().replace(str(path), name)))
        except (OSError, UnicodeDecodeError) as error:
            unreadable.append(Unreadable(name, f"the file could not be read ({type(error).__name__})"))
    return cases, unreadable

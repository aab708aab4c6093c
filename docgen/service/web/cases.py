"""The workbench's cases: the case files of its folder, each found by a name made from its review reference, read
once for each version of the file, with what the audit log masks in it."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ...errors import DocgenError
from ...exports.register.case_folder import candidate_files, is_case_file
from ...files.parsing import parse_text
from ...gate.identifiers import identifiers, people
from ...load.case_files import load_case
from ...load.editing import file_fingerprint
from ...load.schema import case_schema
from ...model import Case
from ...text.folding import fold


@dataclass(frozen=True)
class CaseFile:
    """One case file of the folder: its page name, the case (None when it does not validate, with `problems`)."""

    name: str
    """The name its pages are found by: its review reference in lower case, each run of other characters a
    hyphen ('scr-2026-03'); a file that does not validate is 'file-' and its stem."""
    path: Path
    case: Case | None
    problems: str = ""
    fingerprint: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    """The file's data as written (dates as text), for the editor."""

    @property
    def reference(self) -> str:
        return self.case.review.reference if self.case else ""


class CaseFolder:
    """The case files of a folder, read again whenever one changes."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._read: dict[Path, tuple[bytes, CaseFile | None]] = {}
        self._lock = threading.Lock()

    def all(self) -> dict[str, CaseFile]:
        """Every case file by its name, in the order of their paths."""
        found: dict[str, CaseFile] = {}
        for path in candidate_files(self.folder):
            case_file = self._case_file(path)
            if case_file is None:
                continue
            name, number = case_file.name, 2
            while name in found:
                name, number = f"{case_file.name}-{number}", number + 1
            found[name] = CaseFile(
                name, path, case_file.case, case_file.problems, case_file.fingerprint, case_file.data
            )
        return found

    def get(self, name: str) -> CaseFile | None:
        """The case file of this name, None when there is none (a name is never made into a path)."""
        return self.all().get(name)

    def _case_file(self, path: Path) -> CaseFile | None:
        """The case in the file (None for a file that is not a case, such as a board profile), read again only
        when its bytes have changed."""
        raw = path.read_bytes()
        with self._lock:
            known = self._read.get(path)
            if known and known[0] == raw:
                return known[1]
        case_file = _read(path, raw) if is_case_file(path) else None
        with self._lock:
            self._read[path] = (raw, case_file)
        return case_file


def _read(path: Path, raw: bytes) -> CaseFile:
    fingerprint = file_fingerprint(raw)
    try:
        case = load_case(path)
        data = parse_text(raw.decode("utf-8-sig"), str(path), json_text=path.suffix.lower() == ".json").data
    except DocgenError as error:
        return CaseFile(f"file-{_slug(path.stem)}", path, None, error.describe(), fingerprint)
    return CaseFile(_slug(case.review.reference), path, case, "", fingerprint, data)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "case"


def identifying_words(case: Case) -> list[str]:
    """The case's people's names (each part) and identifiers, folded in lower case, for the audit log's masks."""
    everyone = people(case)
    words = [token for person in everyone for _, token in person.tokens()]
    words += [value for _, value, _ in identifiers(case, everyone) if isinstance(value, str)]
    return sorted({fold(word).lower() for word in words if len(word) >= 2})


@cache
def schema() -> dict[str, Any]:
    """The case file's JSON Schema (made once)."""
    return case_schema()


@cache
def narrative_names() -> frozenset[str]:
    """The names of every field the schema says is written in Markdown."""
    found: set[str] = set()

    def walk(node: Any, name: str) -> None:
        if isinstance(node, dict):
            if node.get("format") == "markdown" and name:
                found.add(name)
            for key, value in node.items():
                if key == "properties" and isinstance(value, dict):
                    for child, child_schema in value.items():
                        walk(child_schema, child)
                else:
                    walk(value, name)
        elif isinstance(node, list):
            for item in node:
                walk(item, name)

    walk(schema(), "")
    return frozenset(found)

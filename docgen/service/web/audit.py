"""The audit log: who changed what in which case, when, from what to what, with confidential values masked.

Every change the workbench makes to a case (a part saved, a chronology accepted, a report approved) and every
change to its people is recorded, one row per field changed. A value is masked ('masked: 42 characters') when it
is about the case's people: anything in their records (the subject, family, victims, professionals, places), any
narrative (Markdown), and any text holding one of their names or identifiers as the leak check finds them. The
log can only be added to (docgen.service.web.store).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...text.folding import fold
from .store import connected

PERSONAL = ("subject", "child", "family", "victims", "professionals", "places", "incident")
"""The parts of a case that are its people's records: every value in them is masked."""
COLUMNS = ("at", "person", "reference", "action", "field", "old", "new")


@dataclass(frozen=True)
class AuditEntry:
    """One row of the audit log."""

    at: str
    person: str
    reference: str
    action: str
    field: str
    old: str
    new: str


def record(database: Path, person: str, reference: str, action: str, changes: list[tuple[str, str, str]]) -> None:
    """Add one row per (field, old, new) change, or one row for an action without fields; every row of one call
    carries the same time."""
    at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    rows = [(at, person, reference, action, field, old, new) for field, old, new in changes or [("", "", "")]]
    with connected(database) as db:
        db.executemany(
            "INSERT INTO audit (at, person, reference, action, field, old, new) VALUES (?,?,?,?,?,?,?)", rows
        )


def entries(database: Path, reference: str | None = None) -> list[AuditEntry]:
    """The log, newest first (one case's rows when `reference` is given)."""
    query = "SELECT at, person, reference, action, field, old, new FROM audit"
    arguments: tuple[str, ...] = ()
    if reference is not None:
        query, arguments = query + " WHERE reference = ?", (reference,)
    with connected(database) as db:
        return [AuditEntry(*row) for row in db.execute(query + " ORDER BY id DESC", arguments)]


def as_csv(log: list[AuditEntry]) -> str:
    """The log as CSV (a heading row, then the rows); a cell a spreadsheet would read as a formula is quoted
    with an apostrophe first (OWASP: CSV injection)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for entry in log:
        writer.writerow([_inert(getattr(entry, column)) for column in COLUMNS])
    return out.getvalue()


def changes(part: str, old: Any, new: Any, identifying: list[str], narrative: set[str]) -> list[tuple[str, str, str]]:
    """(field path, old, new) for each leaf that differs between `old` and `new` under `part` ('review',
    'imrs.police'), masked as the module says: `identifying` are the case's names and identifiers (folded, in
    lower case), `narrative` the names of the fields written in Markdown."""
    found = []
    for path, before, after in _differences(part, old, new):
        masked = path.split(".")[0].split("[")[0] in PERSONAL or _last_name(path) in narrative
        found.append((path, _shown(before, masked, identifying), _shown(after, masked, identifying)))
    return found


def _differences(path: str, old: Any, new: Any) -> Iterator[tuple[str, Any, Any]]:
    if isinstance(old, dict) and isinstance(new, dict):
        for key in dict.fromkeys([*old, *new]):
            yield from _differences(f"{path}.{key}", old.get(key), new.get(key))
    elif isinstance(old, list) and isinstance(new, list) and old and new:
        for index in range(max(len(old), len(new))):
            left = old[index] if index < len(old) else None
            right = new[index] if index < len(new) else None
            yield from _differences(f"{path}[{index}]", left, right)
    elif _plain(old) != _plain(new):
        yield path, old, new


def _plain(value: Any) -> str:
    if value is None or value == [] or value == {}:
        return ""
    if isinstance(value, (dict, list)):
        return json.dumps(value, default=str, sort_keys=True, ensure_ascii=False)
    return str(value.isoformat() if hasattr(value, "isoformat") else value)


def _shown(value: Any, masked: bool, identifying: list[str]) -> str:
    text = _plain(value)
    if text and (masked or any(word in fold(text).lower() for word in identifying)):
        return f"masked: {len(text)} characters"
    return text


def _last_name(path: str) -> str:
    return path.rsplit(".", 1)[-1].split("[")[0]


def _inert(text: str) -> str:
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text

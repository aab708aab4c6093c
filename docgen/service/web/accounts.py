"""The people who may use the workbench: their role, their agency and the cases they are named in.

Passwords are kept as argon2id hashes (argon2-cffi's defaults, RFC 9106's second recommended parameters); a
password is never stored, logged or compared as text.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from ...errors import UsageError
from .store import connected

MIN_PASSWORD = 12
"""The shortest password accepted (OWASP ASVS 2.1.1)."""
MAX_PASSWORD = 128
"""The longest password accepted (ASVS 2.1.2: at least 64 allowed)."""

_hasher = PasswordHasher()
_UNUSED_HASH = _hasher.hash("a password no one has")
"""Checked against when the name is unknown, so that a login takes as long whether or not the name exists."""


class Role(enum.StrEnum):
    """What a person may do in the workbench."""

    ADMINISTRATOR = "administrator"
    """The board's administrator: every case, every page, the people and the audit log."""
    CHAIR = "chair"
    """The panel chair: reads the cases named, records approvals and the review's decisions."""
    AUTHOR = "author"
    """The independent author: reads the cases named and edits their reports."""
    AGENCY_AUTHOR = "agency-author"
    """An agency's author: only that agency's chronology, IMR, interview records and brief in the cases named."""


@dataclass(frozen=True)
class Account:
    """A person of the workbench, as the database holds them (without their password)."""

    id: int
    name: str
    role: Role
    agency: str | None
    cases: frozenset[str]
    """The review references the person is named in (every case for an administrator)."""

    def sees(self, reference: str) -> bool:
        """Whether the case with this review reference is one of theirs."""
        return self.role is Role.ADMINISTRATOR or reference in self.cases


def add_person(
    database: Path, name: str, role: str, password: str, agency: str | None = None, cases: tuple[str, ...] = ()
) -> Account:
    """Add a person; a UsageError for a name taken, a role unknown, an agency author without their agency, a
    chair or author without a case, or a password too short or too long."""
    try:
        chosen = Role(role)
    except ValueError:
        raise UsageError(f"no role '{role}': one of {', '.join(r.value for r in Role)}") from None
    name = name.strip()
    if not name or len(name) > 100 or any(not c.isprintable() for c in name):
        raise UsageError("a name is 1 to 100 printable characters")
    if (chosen is Role.AGENCY_AUTHOR) != (agency is not None):
        raise UsageError("an agency author, and only an agency author, is given their agency (--agency ID)")
    if chosen is not Role.ADMINISTRATOR and not cases:
        raise UsageError(f"a {chosen.value} is named in at least one case (--case REFERENCE)")
    _check_password(password)
    with connected(database) as db:
        if db.execute("SELECT 1 FROM people WHERE name = ?", (name,)).fetchone():
            raise UsageError(f"there is already someone called '{name}'")
        added = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        cursor = db.execute(
            "INSERT INTO people (name, role, agency, password, added) VALUES (?, ?, ?, ?, ?)",
            (name, chosen.value, agency, _hasher.hash(password), added),
        )
        person = int(cursor.lastrowid or 0)
        db.executemany("INSERT INTO assignments VALUES (?, ?)", [(person, c) for c in dict.fromkeys(cases)])
    return Account(person, name, chosen, agency, frozenset(cases))


def set_password(database: Path, name: str, password: str) -> None:
    """Give the person called `name` a new password, ending every session of theirs; a UsageError for a name no
    one has or a password too short or too long."""
    _check_password(password)
    with connected(database) as db:
        row = db.execute("SELECT id FROM people WHERE name = ?", (name.strip(),)).fetchone()
        if row is None:
            raise UsageError(f"there is no one called '{name}'")
        db.execute("UPDATE people SET password = ? WHERE id = ?", (_hasher.hash(password), row[0]))
        db.execute("DELETE FROM sessions WHERE person = ?", (row[0],))


def _check_password(password: str) -> None:
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        raise UsageError(f"a password is {MIN_PASSWORD} to {MAX_PASSWORD} characters long")


def checked_person(database: Path, name: str, password: str) -> Account | None:
    """The person with this name and password, None for a wrong password, an unknown name or a disabled person
    (all three take the same time)."""
    with connected(database) as db:
        row = db.execute("SELECT id, password, disabled FROM people WHERE name = ?", (name.strip(),)).fetchone()
    try:
        _hasher.verify(row[1] if row else _UNUSED_HASH, password)
    except (VerificationError, InvalidHashError):
        return None
    if row is None or row[2]:
        return None
    return person_by_id(database, row[0])


def person_by_id(database: Path, person: int) -> Account | None:
    """The person with this id, None when there is none or they are disabled."""
    with connected(database) as db:
        row = db.execute(
            "SELECT id, name, role, agency FROM people WHERE id = ? AND NOT disabled", (person,)
        ).fetchone()
        if row is None:
            return None
        cases = frozenset(r[0] for r in db.execute("SELECT reference FROM assignments WHERE person = ?", (person,)))
    return Account(row[0], row[1], Role(row[2]), row[3], cases)


def everyone(database: Path) -> list[tuple[Account, bool]]:
    """Every person with whether they are disabled, by name."""
    with connected(database) as db:
        rows = db.execute("SELECT id, name, role, agency, disabled FROM people ORDER BY name").fetchall()
        assigned: dict[int, set[str]] = {}
        for person, reference in db.execute("SELECT person, reference FROM assignments"):
            assigned.setdefault(person, set()).add(reference)
    return [(Account(i, n, Role(r), a, frozenset(assigned.get(i, ()))), bool(d)) for i, n, r, a, d in rows]


def set_disabled(database: Path, person: int, disabled: bool) -> None:
    """Disable a person (their sessions end) or enable them again."""
    with connected(database) as db:
        db.execute("UPDATE people SET disabled = ? WHERE id = ?", (int(disabled), person))
        if disabled:
            db.execute("DELETE FROM sessions WHERE person = ?", (person,))

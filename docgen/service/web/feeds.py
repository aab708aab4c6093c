"""Calendar links: a secret address per person at which a calendar program reads the deadlines of their cases.

A calendar program cannot log in, so the address itself is the credential: a random token, kept only as its
SHA-256, shown once when made; a new link ends the old one, and a disabled person's link answers nothing.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from pathlib import Path

from .accounts import Account, person_by_id
from .store import connected


def new_link(database: Path, person: Account) -> str:
    """A new calendar token for `person`, in place of their old one."""
    token = secrets.token_urlsafe(32)
    with connected(database) as db:
        db.execute("DELETE FROM feeds WHERE person = ?", (person.id,))
        db.execute("INSERT INTO feeds VALUES (?, ?, ?)", (_digest(token), person.id, time.time()))
    return token


def link_owner(database: Path, token: str) -> Account | None:
    """The person whose calendar token this is (None for a token no one has, or a disabled person's)."""
    with connected(database) as db:
        row = db.execute("SELECT person FROM feeds WHERE token = ?", (_digest(token),)).fetchone()
    return person_by_id(database, row[0]) if row else None


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()

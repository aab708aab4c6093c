"""Sessions, their CSRF tokens and the limit on login attempts.

A session is a random token kept (as its SHA-256) in the database; the cookie holds it signed (itsdangerous), so a
forged or altered cookie is refused before the database is asked. A session ends after IDLE_MINUTES without a
request, after LONGEST_HOURS whatever happens, at logout, or when its person is disabled. Each session has its own
CSRF token, which every form carries and every POST must return.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from pathlib import Path

from itsdangerous import BadSignature, URLSafeSerializer

from .accounts import Account, person_by_id
from .store import connected

COOKIE = "docgen_session"
IDLE_MINUTES = 30
"""A session unused this long has ended (ASVS 3.3.2 asks at most 30 minutes for level 2)."""
LONGEST_HOURS = 12
"""A session this old has ended, however busy (ASVS 3.3.2: at most 12 hours)."""
ATTEMPTS = 5
"""Failed logins allowed for one name, or from one client, within LOCKOUT_MINUTES."""
LOCKOUT_MINUTES = 15


def secret_key(database: Path) -> str:
    """The key cookies are signed with, made once for the workbench and kept in its database."""
    with connected(database) as db:
        row = db.execute("SELECT value FROM settings WHERE key = 'secret'").fetchone()
        if row:
            return str(row[0])
        key = secrets.token_urlsafe(48)
        db.execute("INSERT INTO settings VALUES ('secret', ?)", (key,))
        return key


class Sessions:
    """The sessions of one workbench: started at login, found from a request's cookie, ended at logout."""

    def __init__(self, database: Path, clock: Callable[[], float] = time.time) -> None:
        self.database = database
        self.clock = clock
        """Seconds since the epoch, now (a test may stop or wind it)."""
        self.signer = URLSafeSerializer(secret_key(database), salt="session")

    def now(self) -> float:
        return self.clock()

    def start(self, person: Account) -> tuple[str, str]:
        """A new session for `person`: the cookie's value and the session's CSRF token. Every earlier session of
        theirs stays; a new token at each login (ASVS 3.2.1)."""
        token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
        now = self.now()
        with connected(self.database) as db:
            db.execute("INSERT INTO sessions VALUES (?, ?, ?, ?, ?)", (_digest(token), person.id, csrf, now, now))
        return self.signer.dumps(token), csrf

    def find(self, cookie: str | None) -> tuple[Account, str] | None:
        """The person and CSRF token of the session in `cookie`, None when it is missing, forged or has ended; a
        session found is kept alive."""
        if not cookie:
            return None
        try:
            token = self.signer.loads(cookie)
        except BadSignature:
            return None
        now = self.now()
        with connected(self.database) as db:
            db.execute(
                "DELETE FROM sessions WHERE seen < ? OR started < ?",
                (now - IDLE_MINUTES * 60, now - LONGEST_HOURS * 3600),
            )
            row = db.execute("SELECT person, csrf FROM sessions WHERE token = ?", (_digest(str(token)),)).fetchone()
            if row is None:
                return None
            db.execute("UPDATE sessions SET seen = ? WHERE token = ?", (now, _digest(str(token))))
        person = person_by_id(self.database, row[0])
        return (person, row[1]) if person else None

    def end(self, cookie: str | None) -> None:
        """End the session in `cookie` (logout)."""
        try:
            token = self.signer.loads(cookie or "")
        except BadSignature:
            return
        with connected(self.database) as db:
            db.execute("DELETE FROM sessions WHERE token = ?", (_digest(str(token)),))

    def locked_out(self, name: str, client: str) -> bool:
        """Whether logins for `name`, or from `client`, are refused for now: ATTEMPTS failures within
        LOCKOUT_MINUTES."""
        since = self.now() - LOCKOUT_MINUTES * 60
        with connected(self.database) as db:
            by_name = db.execute("SELECT COUNT(*) FROM attempts WHERE name = ? AND at > ?", (name.lower(), since))
            by_client = db.execute("SELECT COUNT(*) FROM attempts WHERE client = ? AND at > ?", (client, since))
            return bool(by_name.fetchone()[0] >= ATTEMPTS or by_client.fetchone()[0] >= ATTEMPTS * 4)

    def failed(self, name: str, client: str) -> None:
        """Count a failed login for `name` from `client`."""
        with connected(self.database) as db:
            db.execute("INSERT INTO attempts VALUES (?, ?, ?)", (name.lower(), client, self.now()))


def same_token(given: str | None, expected: str) -> bool:
    """Whether a form's CSRF token is the session's (compared in constant time)."""
    return bool(given) and hmac.compare_digest(str(given), expected)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()

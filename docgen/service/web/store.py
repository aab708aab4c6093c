"""The workbench's database: people, their cases, sessions, login attempts, calendar links and the audit log, in one
SQLite file.

The file is `.workbench/workbench.db` in the folder of case files, readable by its owner only, as is its folder.
Each call opens its own connection (the server answers requests on several threads); the audit table refuses
UPDATE and DELETE by trigger, so the log is append-only even to a careless query.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

WORKBENCH_FOLDER = ".workbench"
"""The workbench's own folder inside the folder of case files (database, rendered packs, agency returns)."""

_TABLES = """
CREATE TABLE IF NOT EXISTS people (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    role TEXT NOT NULL,
    agency TEXT,
    password TEXT NOT NULL,
    added TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS assignments (
    person INTEGER NOT NULL REFERENCES people(id),
    reference TEXT NOT NULL,
    PRIMARY KEY (person, reference)
);
CREATE TABLE IF NOT EXISTS sessions (
    token TEXT PRIMARY KEY,
    person INTEGER NOT NULL REFERENCES people(id),
    csrf TEXT NOT NULL,
    started REAL NOT NULL,
    seen REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS attempts (
    name TEXT NOT NULL,
    client TEXT NOT NULL,
    at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    person TEXT NOT NULL,
    reference TEXT NOT NULL,
    action TEXT NOT NULL,
    field TEXT NOT NULL,
    old TEXT NOT NULL,
    new TEXT NOT NULL
);
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TABLE IF NOT EXISTS feeds (
    token TEXT PRIMARY KEY,
    person INTEGER NOT NULL REFERENCES people(id),
    made REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""


def workbench_folder(cases: Path) -> Path:
    """The workbench's folder beside the case files, made owner-only when it is new."""
    folder = cases / WORKBENCH_FOLDER
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def database_path(cases: Path) -> Path:
    """The database file of the workbench over the folder `cases`."""
    return workbench_folder(cases) / "workbench.db"


@contextlib.contextmanager
def connected(database: Path) -> Iterator[sqlite3.Connection]:
    """A connection to the database (its tables made when it is new, the file owner-only), committed on leaving
    without an error and rolled back with one."""
    new = not database.exists()
    if new:
        os.close(os.open(database, os.O_CREAT | os.O_WRONLY, 0o600))
    connection = sqlite3.connect(database, timeout=10)
    try:
        connection.execute("PRAGMA foreign_keys = ON")
        if new:
            connection.executescript(_TABLES)
        with connection:
            yield connection
    finally:
        connection.close()


def ensure_tables(database: Path) -> None:
    """Make the tables a database lacks (one made by an earlier version of the workbench)."""
    with connected(database) as connection:
        connection.executescript(_TABLES)

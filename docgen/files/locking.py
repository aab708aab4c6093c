"""Advisory file locks, so that two docgen processes never edit one case file or fill one folder at once.

A lock is a small file beside what it guards (`.case.yaml.lock` beside `case.yaml`; `.docgen.lock` inside an
output folder), held with `flock` for as long as the work lasts. The second process waits for it, up to
`LOCK_WAIT_SECONDS`, then stops with a plain message; the kernel releases a lock whose process dies, so a
killed process never leaves one behind.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import stat
import time
from collections.abc import Iterator
from pathlib import Path

from ..errors import DocgenError

LOCK_WAIT_SECONDS = 60.0
"""How long a second process waits for a lock before it gives up, unless DOCGEN_LOCK_WAIT says otherwise."""
LOCK_WAIT_VARIABLE = "DOCGEN_LOCK_WAIT"
_POLL = 0.05


class LockedError(DocgenError):
    """Another process held the lock for longer than this one would wait; nothing was changed."""


def lock_beside(path: Path) -> Path:
    """The lock file that guards the file at `path`: `.NAME.lock` in the same folder."""
    return path.with_name(f".{path.name}.lock")


def lock_inside(folder: Path) -> Path:
    """The lock file that guards a folder's contents."""
    return folder / ".docgen.lock"


@contextlib.contextmanager
def held(lock: Path, what: str, *, wait: float | None = None) -> Iterator[None]:
    """Hold the advisory lock `lock` (created owner-only if missing) while the block runs.

    `what` names the thing guarded for the message given when another process keeps it longer than
    `wait` seconds (default: DOCGEN_LOCK_WAIT, or LOCK_WAIT_SECONDS).
    """
    seconds = _wait_seconds() if wait is None else wait
    try:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK, 0o600)
    except OSError as error:
        message = f"{what} cannot be locked: its lock file {lock} cannot be opened ({error.strerror})"
        raise LockedError(message) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise LockedError(f"{what} cannot be locked: its lock file {lock} is not a regular file")
        _acquire(fd, what, seconds)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _acquire(fd: int, what: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except OSError as error:
            if error.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise
        if time.monotonic() >= deadline:
            raise LockedError(
                f"{what} is in use by another docgen process (waited {seconds:g} seconds); "
                "nothing was changed: try again when it has finished"
            )
        time.sleep(_POLL)


def _wait_seconds() -> float:
    given = os.environ.get(LOCK_WAIT_VARIABLE, "").strip()
    try:
        seconds = float(given) if given else LOCK_WAIT_SECONDS
    except ValueError:
        seconds = LOCK_WAIT_SECONDS
    return seconds if seconds >= 0 else LOCK_WAIT_SECONDS

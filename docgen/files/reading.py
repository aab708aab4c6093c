"""Files read within limits: a regular file of bounded size, opened without blocking; never a device or a pipe."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..errors import CaseError, Problem
from ..limits import MAX_FILE_BYTES


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
        raise refused(source, "the file does not exist") from None
    except OSError as error:
        raise refused(source, f"the file cannot be read ({error.strerror or type(error).__name__})") from None
    if len(data) > limit:
        raise refused(source, _too_large(limit, what))
    return data


def _check_file(info: os.stat_result, source: str, limit: int, what: str) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise refused(source, f"this is {file_type(info.st_mode)}, not a file")
    if info.st_size > limit:
        raise refused(source, _too_large(limit, what))


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


def refused(source: str, message: str) -> CaseError:
    """The error refusing a whole file, with what is wrong."""
    return CaseError(source, [Problem("", message)])

"""Files written whole or not at all: atomic replacement, staged folders, owner-only modes."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ..errors import OutputError, UsageError
from .reading import file_type


def make_folder(folder: Path) -> None:
    """Make a folder, and the missing folders above it, readable by their owner only (0700); a folder already
    there is left as it is."""
    if folder.is_dir():
        return
    if folder.parent != folder:
        make_folder(folder.parent)
    folder.mkdir(mode=0o700, exist_ok=True)


def write_staged(staging: Path, files: Sequence[tuple[str, bytes]]) -> None:
    """Write each file into a staging folder (owner-only, fsynced), then fsync the folder."""
    for name, content in files:
        write_atomic(staging / name, content)
    fsync_folder(staging)


def fsync_folder(folder: Path) -> None:
    """Make the names in a folder durable."""
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes, *, files_only: bool = False, keep_owner: bool = False) -> None:
    """Write a file whole or not at all: a temporary file in its folder, fsynced, renamed over it.

    The file is readable by its owner only; with `keep_owner` (an edited case file) it keeps the mode, owner and
    group of the file it replaces (see `_keep_owner`). With `files_only` or `keep_owner`, what is at `path` must be
    a regular file or nothing (`check_output`), both before anything is written and just before the rename.
    """
    checked = files_only or keep_owner
    before = check_output(path) if checked else None
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if keep_owner and before is not None:
                _keep_owner(handle.fileno(), before, path)
            else:
                os.fchmod(handle.fileno(), 0o600)
            os.fsync(handle.fileno())
        if checked:
            check_output(path)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def check_output(path: Path) -> os.stat_result | None:
    """What is at `path` (not following a symbolic link), when it is a regular file, or None when nothing is; a
    folder, named pipe, device, socket or symbolic link there is refused (UsageError), as docgen writes a file
    only in place of a file."""
    try:
        info = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return None
    if not stat.S_ISREG(info.st_mode):
        what = file_type(info.st_mode)
        raise UsageError(f"{path} is {what}, not a file: nothing was written (docgen writes only in place of a file)")
    return info


def _keep_owner(fd: int, before: os.stat_result, path: Path) -> None:
    """Give the open file `fd` the owner, group and mode of the file `before` it replaces.

    As root all three are kept. Another user may keep only a file of their own, and its group when they are a
    member of it; when the group cannot be kept, the group's permissions are left out (the file's new group must
    gain nothing). Another user's file is refused (OutputError): the caller would become its owner.
    """
    with contextlib.suppress(PermissionError):
        os.fchown(fd, before.st_uid, before.st_gid)
    now = os.fstat(fd)
    if now.st_uid != before.st_uid:
        raise OutputError(
            f"{path} belongs to another user, and rewriting it would make it yours; nothing was written: "
            "ask its owner (or an administrator) to run the command"
        )
    mode = stat.S_IMODE(before.st_mode)
    os.fchmod(fd, mode if now.st_gid == before.st_gid else mode & ~0o070)

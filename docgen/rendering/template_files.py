"""Reading a templates folder: only regular files inside it, each of bounded size.

Every file docgen takes from a board's, a framework profile's or the built-in templates folder (Jinja templates,
`layout/house.css`, Word shells and Word-native templates) is read by `read_template_file`. It refuses, before
reading a byte, what is not a regular file (a folder, a named pipe, a device, a socket) and a path that leads out
of the folder through a symbolic link; a link that stays inside the folder is followed. Each component of the path
is opened without following links, so a link put in place meanwhile is refused, not followed.
"""

from __future__ import annotations

import hashlib
import io
import os
import stat
import zipfile
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..errors import RenderError, UsageError
from ..files.reading import file_type
from ..limits import MAX_TEMPLATE_BYTES, MAX_TEMPLATE_FILES, MAX_WORD_TEMPLATE_BYTES, MAX_WORD_TEMPLATE_UNPACKED

_FOLDER_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
_FILE_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_NO_LINK = getattr(os, "O_NOFOLLOW", 0)
_CHUNK = 1024 * 1024


@dataclass(frozen=True)
class TemplateFile:
    """A file read from a templates folder: its path (as the folder was given) and its bytes."""

    path: Path
    data: bytes
    modified: int = 0
    """Its modification time (ns) when read: a template changed since is read again."""

    @cached_property
    def sha256(self) -> str:
        """The hex SHA-256 of its bytes."""
        return hashlib.sha256(self.data).hexdigest()

    def text(self) -> str:
        """Its text (UTF-8); refused when it is not UTF-8."""
        try:
            return self.data.decode("utf-8")
        except UnicodeDecodeError:
            raise _refused(self.path, "it is not UTF-8 text") from None

    def unchanged(self) -> bool:
        """Whether the file still has the modification time it had when read."""
        try:
            return os.stat(self.path).st_mtime_ns == self.modified
        except OSError:
            return False


def read_template_file(folder: Path, name: str) -> TemplateFile | None:
    """The file `name` ('/'-separated) in `folder`, or None when there is nothing by that name.

    Refused (RenderError, exit 2), unread: a name or a symbolic link leading outside the folder, anything but a
    regular file, a file over MAX_WORD_TEMPLATE_BYTES (a .docx) or MAX_TEMPLATE_BYTES (any other).
    """
    path = folder / name
    parts = name.split("/")
    if any(part in ("", ".", "..") or os.sep in part or (os.altsep or os.sep) in part for part in parts):
        raise _refused(path, "its name does not lead to a file inside the templates folder")
    root = os.path.realpath(folder)
    target = os.path.realpath(os.path.join(root, *parts))
    if not os.path.lexists(target):
        return None
    if os.path.commonpath([root, target]) != root:
        raise _refused(path, "it is a symbolic link leading outside the templates folder")
    limit = MAX_WORD_TEMPLATE_BYTES if name.lower().endswith(".docx") else MAX_TEMPLATE_BYTES
    try:
        fd = _open_inside(root, os.path.relpath(target, root).split(os.sep), path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise _refused(path, f"it cannot be read ({error.strerror or type(error).__name__})") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        _check_regular(info, path, limit)
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise _refused(path, _too_large(limit))
    return TemplateFile(path, data, info.st_mtime_ns)


def _open_inside(root: str, parts: list[str], path: Path) -> int:
    """A descriptor of the file at `parts` below `root`, opened one component at a time without following links
    (where the system allows it); refused, unopened, when it is not a regular file."""
    if os.open not in os.supports_dir_fd:  # Windows: checked by path
        where = os.path.join(root, *parts)
        _check_regular(os.lstat(where), path, None)
        return os.open(where, _FILE_FLAGS)
    folder = os.open(root, _FOLDER_FLAGS)
    try:
        for part in parts[:-1]:
            inner = os.open(part, _FOLDER_FLAGS | _NO_LINK, dir_fd=folder)
            os.close(folder)
            folder = inner
        _check_regular(os.stat(parts[-1], dir_fd=folder, follow_symlinks=False), path, None)
        return os.open(parts[-1], _FILE_FLAGS | _NO_LINK, dir_fd=folder)
    finally:
        os.close(folder)


def _check_regular(info: os.stat_result, path: Path, limit: int | None) -> None:
    if not stat.S_ISREG(info.st_mode):
        raise _refused(path, f"it is {file_type(info.st_mode)}, not a file")
    if limit is not None and info.st_size > limit:
        raise _refused(path, _too_large(limit))


def _too_large(limit: int) -> str:
    return f"it is larger than {limit // 2**20} MB, the most a file of this kind in a templates folder may be"


def _refused(path: Path, why: str) -> RenderError:
    return RenderError(f"{why}; nothing was read from it", str(path), board=True)


def word_template(file: TemplateFile) -> TemplateFile:
    """The file, once it is known to be a zip package (a Word file) whose parts unpack to at most
    MAX_WORD_TEMPLATE_UNPACKED bytes, read to the end in bounded chunks (a part's stated size may lie)."""
    unpacked = 0
    try:
        with zipfile.ZipFile(io.BytesIO(file.data)) as package:
            for member in package.infolist():
                with package.open(member) as part:
                    while chunk := part.read(_CHUNK):
                        unpacked += len(chunk)
                        if unpacked > MAX_WORD_TEMPLATE_UNPACKED:
                            limit = MAX_WORD_TEMPLATE_UNPACKED // 2**20
                            raise _refused(file.path, f"its parts unpack to more than {limit} MB, the most allowed")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError):
        raise _refused(file.path, "it is not a Word file (a .docx zip package)") from None
    return file


def folder_names(root: Path) -> list[str]:
    """The '/'-separated names of everything in a templates folder but its folders, sorted; symbolic links are
    listed, never followed. A folder of more than MAX_TEMPLATE_FILES entries is refused (UsageError)."""
    names: list[str] = []
    pending, seen = [""], 0
    while pending:
        prefix = pending.pop()
        try:
            with os.scandir(root / prefix) as entries:
                for entry in entries:
                    seen += 1
                    if seen > MAX_TEMPLATE_FILES:
                        raise UsageError(
                            f"the templates folder {root} holds more than {MAX_TEMPLATE_FILES:,} files and folders, "
                            "the most docgen reads"
                        )
                    name = f"{prefix}{entry.name}"
                    if entry.is_dir(follow_symlinks=False):
                        pending.append(f"{name}/")
                    else:
                        names.append(name)
        except OSError as error:
            raise UsageError(f"the templates folder {root / prefix} cannot be read ({error.strerror})") from None
    return sorted(names)

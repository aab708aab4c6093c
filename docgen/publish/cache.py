"""The document cache: rendered documents by key (docgen.publish.keys), so that a pack rendered again after
an edit lays out only the documents the edit changed.

It lives beside the output, in `<output folder>/.docgen-cache/`: a folder readable by its owner only, one
file per document (owner-only, written whole or not at all), each holding its key and its content's
SHA-256 in a header line before the content. An entry whose header does not match its key and content is
deleted and the document rendered again; so is anything else found under a key's name (a link, a pipe, a
folder, a file larger than MAX_CACHE_ENTRY_BYTES), without being read: an entry is opened without following a
link or blocking, and checked before it is read. A document put is kept in memory (`pending`) until the caller
saves it, once the documents are written: a pack that fails leaves nothing behind. The folder is kept under
MAX_BYTES by deleting the entries used least recently. Nothing goes wrong when the cache cannot be used (a
full disk, a folder of someone else's or a link to one): documents are then rendered as without it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from collections.abc import Mapping
from pathlib import Path

from ..files.reading import read_regular
from ..files.writing import write_atomic
from ..limits import MAX_CACHE_ENTRY_BYTES

FOLDER_NAME = ".docgen-cache"
MAX_BYTES = 500 * 1024 * 1024
"""The most the cache holds; beyond it, the entries used least recently are deleted."""
_MAGIC = b"docgen-cache 1\n"

Entry = tuple[bytes, tuple[str, ...]]
"""A document's content, and the characters of it no installed font has."""


class DocumentCache:
    """Rendered documents by key, in a folder."""

    def __init__(self, folder: Path, max_bytes: int = MAX_BYTES) -> None:
        self.folder = folder
        self.max_bytes = max_bytes
        self.pending: dict[str, Entry] = {}
        """The documents put, by key."""

    def get(self, key: str) -> Entry | None:
        """The content and missing glyphs of the document with this key, or None; a damaged entry is deleted."""
        if not _is_key(key) or (folder := self._opened()) is None:
            return None
        try:
            data = read_regular(key, MAX_CACHE_ENTRY_BYTES, follow_links=False, dir_fd=folder)
            found = _parsed(data, key) if data is not None else None
            with contextlib.suppress(OSError):
                if found is None:
                    _discard(key, folder)
                else:  # used now: the last to go when the cache is trimmed
                    os.utime(key, dir_fd=folder, follow_symlinks=False)
            return found
        finally:
            os.close(folder)

    def put(self, key: str, content: bytes, missing_glyphs: tuple[str, ...]) -> None:
        """Keep a document under its key in `pending`, for the caller to save."""
        self.pending[key] = (content, missing_glyphs)

    def save(self, entries: Mapping[str, Entry]) -> None:
        """Write entries into the cache (none when it cannot be written), then trim it to `max_bytes`, deleting
        the entries used least recently."""
        if not entries:
            return
        with contextlib.suppress(OSError):
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        for key, (content, missing_glyphs) in entries.items():
            if len(content) > MAX_CACHE_ENTRY_BYTES:  # it would be discarded unread
                continue
            header = {"key": key, "sha256": hashlib.sha256(content).hexdigest(), "missing_glyphs": list(missing_glyphs)}
            if (path := self._entry(key)) is not None:
                with contextlib.suppress(OSError):
                    write_atomic(path, _MAGIC + json.dumps(header).encode("ascii") + b"\n" + content)
        self._trim()

    def _trim(self) -> None:
        if not self._usable():
            return
        entries = []
        with contextlib.suppress(OSError), os.scandir(self.folder) as found:
            for entry in found:
                with contextlib.suppress(OSError):
                    info = entry.stat(follow_symlinks=False)
                    if stat.S_ISREG(info.st_mode):
                        entries.append((info.st_mtime_ns, info.st_size, entry.path))
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries):
            if total <= self.max_bytes:
                break
            with contextlib.suppress(OSError):
                os.unlink(path)
                total -= size

    def _entry(self, key: str) -> Path | None:
        """The file of a key, when the cache folder is there and safe to use."""
        return self.folder / key if _is_key(key) and self._usable() else None

    def _usable(self) -> bool:
        """Whether the cache folder is there and safe to use (see `_opened`)."""
        if (folder := self._opened()) is None:
            return False
        os.close(folder)
        return True

    def _opened(self) -> int | None:
        """The cache folder opened, when it is a folder (not a link to one), its owner's (when the system has
        owners) and readable by them only (made so if need be); None otherwise."""
        try:
            folder = os.open(self.folder, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
        except OSError:
            return None
        try:
            info = os.fstat(folder)
            if hasattr(os, "getuid") and info.st_uid != os.getuid():
                raise PermissionError("the cache folder is someone else's")
            if info.st_mode & 0o077:
                os.fchmod(folder, 0o700)
        except OSError:
            os.close(folder)
            return None
        return folder


def _is_key(key: str) -> bool:
    """Whether a key can name an entry: 64 letters and digits (a SHA-256), never a path."""
    return len(key) == 64 and key.isascii() and key.isalnum()


def _discard(name: str, folder: int) -> None:
    """Remove what is found under a key's name in the open folder: a file or a link (never what it points to), or
    a folder when it is empty."""
    if stat.S_ISDIR(os.stat(name, dir_fd=folder, follow_symlinks=False).st_mode):
        os.rmdir(name, dir_fd=folder)
    else:
        os.unlink(name, dir_fd=folder)


def _parsed(data: bytes, key: str) -> Entry | None:
    """An entry's content and missing glyphs, when its header names this key and its content's digest."""
    if not data.startswith(_MAGIC):
        return None
    header_end = data.find(b"\n", len(_MAGIC))
    try:
        header = json.loads(data[len(_MAGIC) : header_end])
        content = data[header_end + 1 :]
        if header_end < 0 or header["key"] != key or header["sha256"] != hashlib.sha256(content).hexdigest():
            return None
        return content, tuple(str(code) for code in header["missing_glyphs"])
    except (ValueError, KeyError, TypeError):
        return None

"""The document cache: rendered documents by key (docgen.rendering.keys), so that a pack rendered again after
an edit lays out only the documents the edit changed.

It lives beside the output, in `<output folder>/.docgen-cache/`: a folder readable by its owner only, one
file per document (owner-only, written whole or not at all), each holding its key and its content's
SHA-256 in a header line before the content. An entry whose header does not match its key and content is
deleted and the document rendered again. A document put is kept in memory (`pending`) until the caller saves
it, once the documents are written: a pack that fails leaves nothing behind. The folder is kept under
MAX_BYTES by deleting the entries used least recently. Nothing goes wrong when the cache cannot be used (a
full disk, a folder of someone else's): documents are then rendered as without it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
from collections.abc import Mapping
from pathlib import Path

from ..io import write_atomic

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
        path = self._entry(key)
        if path is None:
            return None
        try:
            data = path.read_bytes()
        except OSError:
            return None
        found = _parsed(data, key)
        if found is None:
            path.unlink(missing_ok=True)
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # used now: the last to go when the cache is trimmed
        return found

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
        return self.folder / key if len(key) == 64 and key.isalnum() and self._usable() else None

    def _usable(self) -> bool:
        """The folder is a folder (not a link), its owner's (when the system has owners) and readable by them
        only (made so if need be)."""
        try:
            info = self.folder.lstat()
            if not stat.S_ISDIR(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
                return False
            if info.st_mode & 0o077:
                self.folder.chmod(0o700)
        except OSError:
            return False
        return True


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

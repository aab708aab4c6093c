"""What a rendered document depends on, as one key: two documents with the same key are the same document.

A document's key is the digest of its page HTML (the master template's output with the frame, the house
style sheet, and what the passes made of the case: anonymised text, the DRAFT marking), its format, what the
format adds (a PDF: whether it is archival; a Word file: its shell and its dates), and this machine's
rendering environment (docgen's version, the engines' and Pango's versions, the fonts fontconfig offers).
Editing a chronology entry changes the pages that print it, and so the keys of those documents only.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import sys
import zipfile
from collections.abc import Iterable
from functools import cache
from importlib import metadata
from pathlib import Path

KEY_VERSION = 1
"""Changes when what goes into a key changes, so that older keys match nothing."""
ENGINES = (
    *("weasyprint", "pydyf", "fonttools", "tinycss2", "cssselect2"),
    *("docxtpl", "python-docx", "lxml", "pypdfium2", "pillow"),
)
"""The distributions that turn a page into a file (the PDF engine, the Word engine, the genogram's picture)."""
_JINJA_TAG = re.compile(r"\{[{%#].*?[}%#]\}", re.S)
_BODY_TAG = re.compile(r"\{\{p?\s*body\s*\}\}")
_XML_TAG = re.compile(r"<[^>]*>")


def document_key(
    format: str, page: str, *, archival: bool = False, shell: Path | None = None, dates: Iterable[dt.date] = ()
) -> str | None:
    """The key of a document laid out from `page` (its page HTML) in `format`: a PDF `archival` or not; a Word
    file in `shell` (a docxtpl template holding the body, and nothing else of the case) with `dates` as its
    created and modified dates.

    None when the document has no key: HTML (the page itself: nothing is saved by keeping it), and a Word
    file from a shell that prints more of the case than its body (a board's own, or a Word-native template).
    """
    if format == "html" or (format == "docx" and (shell is None or not holds_only_the_body(shell))):
        return None
    parts = [str(KEY_VERSION), rendering_environment(), format, page]
    if format == "pdf":
        parts.append(f"archival={archival}")
    else:
        assert shell is not None
        parts += [hashlib.sha256(shell.read_bytes()).hexdigest(), *(day.isoformat() for day in dates)]
    digest = hashlib.sha256()
    for part in parts:  # each part with its length, so that no two lists of parts give the same bytes
        data = part.encode("utf-8", "surrogatepass")
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def holds_only_the_body(shell: Path) -> bool:
    """Whether a docxtpl shell's only template tag is the one placing the body (`{{p body }}`): then its output
    depends on the page alone. A tag may be split over several runs in the XML, so tags are read from the text.
    """
    stat = shell.stat()
    return _only_body(shell, stat.st_size, stat.st_mtime_ns)


@cache
def _only_body(shell: Path, size: int, modified: int) -> bool:
    with zipfile.ZipFile(shell) as package:
        texts = [_XML_TAG.sub("", package.read(n).decode("utf-8", "replace")) for n in package.namelist()]
    tags = [tag for text in texts for tag in _JINJA_TAG.findall(text)]
    return all(_BODY_TAG.fullmatch(tag) for tag in tags)


@cache
def rendering_environment() -> str:
    """docgen's, Python's, zlib's, the engines' and Pango's versions, and each font fontconfig offers (its file,
    size and modification time): a new engine or font makes every key new. Read once per process."""
    import zlib

    from weasyprint.text.ffi import pango

    from .. import __version__
    from .glyphs import font_files

    versions = [f"docgen {__version__}", sys.version, f"zlib {zlib.ZLIB_RUNTIME_VERSION}"]
    versions += [f"{name} {_version(name)}" for name in ENGINES]
    versions.append(f"pango {pango.pango_version()}")
    fonts = []
    for file in font_files():
        try:
            info = os.stat(file)
        except OSError:
            continue
        fonts.append(f"{file} {info.st_size} {info.st_mtime_ns}")
    return "\n".join(versions + fonts)


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "-"

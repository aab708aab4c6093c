"""What a rendered document depends on, as one key: two documents with the same key are the same document.

A document's key is the digest of what its layout reads, its format, and this machine's rendering environment
(docgen's and the Word engines' versions; when WeasyPrint lays out any of it – a PDF, a Word file's drawings –
the PDF engines' and Pango's versions, the fonts fontconfig offers and its configuration, whose aliases and
substitutions choose among them). A PDF reads its page HTML (the master template's output with the frame and the
house style sheet, and what the passes made of the case: anonymised text, the DRAFT marking) and whether it is
archival; a Word file reads its body, its frame, its properties and dates, whether it is marked DRAFT, and its
shell (every byte of it; a shell is keyed only when the one template tag it holds, in its text or in an
attribute of its XML, is the one placing the body). Editing a chronology entry changes the pages that print it,
and so the keys of those documents only.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import sys
import zipfile
from functools import cache
from importlib import metadata

from ..files.reading import read_regular
from ..limits import MAX_FONT_CONFIG_BYTES
from ..rendering.template_files import TemplateFile

KEY_VERSION = 4
"""Changes when what goes into a key changes, so that older keys match nothing."""
WORD_ENGINES = ("docxtpl", "python-docx", "lxml")
"""The distributions that make a Word file."""
PDF_ENGINES = ("weasyprint", "pydyf", "fonttools", "tinycss2", "cssselect2", "pypdfium2", "pillow")
"""The distributions that lay out a PDF, and a Word file's drawings (rasterised from a PDF)."""
_JINJA_TAG = re.compile(r"\{[{%#].*?[}%#]\}", re.S)
_BODY_TAG = re.compile(r"\{\{p?\s*body\s*\}\}")
_XML_TAG = re.compile(r"<[^>]*>")
_JINJA_OPENING = re.compile(r"\{[{%#]")


def document_key(format: str, *inputs: str, pdf_engine: bool) -> str:
    """The key of a document laid out in `format` from `inputs`, everything its layout reads; `pdf_engine`: whether
    WeasyPrint lays out any of it (then its environment is read, once per process, which loads its libraries).

    >>> document_key("docx", "<p>a</p>", pdf_engine=False) == document_key("docx", "<p>a</p>", pdf_engine=False)
    True
    >>> document_key("docx", "<p>a</p>", pdf_engine=False) == document_key("docx", "<p>b</p>", pdf_engine=False)
    False
    """
    digest = hashlib.sha256()
    environment = (word_environment(), pdf_environment() if pdf_engine else "")
    for part in (str(KEY_VERSION), *environment, format, *inputs):
        data = part.encode("utf-8", "surrogatepass")  # each with its length: no two lists of parts give the same bytes
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def holds_only_the_body(shell: TemplateFile) -> bool:
    """Whether a docxtpl shell's only template tag is the one placing the body (`{{p body }}`): then a Word file
    made in it reads nothing of the case but its body, frame and properties. A tag may be split over several runs
    in the XML, so tags are read from the text; docxtpl renders the XML whole, so a tag in an attribute counts too.
    """
    if (known := _ONLY_BODY.get(shell.sha256)) is not None:
        return known
    with zipfile.ZipFile(io.BytesIO(shell.data)) as package:
        parts = [package.read(n).decode("utf-8", "replace") for n in package.namelist()]
    if any(_JINJA_OPENING.search(markup) for part in parts for markup in _XML_TAG.findall(part)):
        answer = False  # a tag in an attribute prints what the key does not hold
    else:
        tags = [tag for part in parts for tag in _JINJA_TAG.findall(_XML_TAG.sub("", part))]
        answer = all(_BODY_TAG.fullmatch(tag) for tag in tags)
    _ONLY_BODY[shell.sha256] = answer
    return answer


_ONLY_BODY: dict[str, bool] = {}
"""`holds_only_the_body`'s answers, by the shell's SHA-256."""


@cache
def word_environment() -> str:
    """docgen's, Python's, zlib's and the Word engines' versions."""
    import zlib

    from .. import __version__

    versions = [f"docgen {__version__}", sys.version, f"zlib {zlib.ZLIB_RUNTIME_VERSION}"]
    return "\n".join(versions + [f"{name} {_version(name)}" for name in WORD_ENGINES])


@cache
def pdf_environment() -> str:
    """The PDF engines' and Pango's versions, each font fontconfig offers (its file, size and modification
    time) and each of fontconfig's configuration files (its digest): a new engine, font, alias or substitution
    makes every key of a document WeasyPrint lays out new."""
    from weasyprint.text.ffi import pango

    from ..rendering.pdf.glyphs import font_files, fontconfig_files

    versions = [f"{name} {_version(name)}" for name in PDF_ENGINES]
    versions.append(f"pango {pango.pango_version()}")
    fonts = []
    for file in font_files():
        try:
            info = os.stat(file)
        except OSError:
            continue
        fonts.append(f"{file} {info.st_size} {info.st_mtime_ns}")
    return "\n".join(versions + fonts + [f"{name} {_config_digest(name)}" for name in fontconfig_files()])


def _config_digest(name: str) -> str:
    """A fontconfig configuration file's SHA-256; for one that is not a regular file of at most
    MAX_FONT_CONFIG_BYTES (a folder of them, whose files come on their own), its type, size and modification
    time."""
    content = read_regular(name, MAX_FONT_CONFIG_BYTES)
    if content is not None:
        return hashlib.sha256(content).hexdigest()
    try:
        info = os.stat(name)
    except OSError:
        return "-"
    return f"{info.st_mode:o} {info.st_size} {info.st_mtime_ns}"


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "-"

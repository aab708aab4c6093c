"""Helpers of the working papers' tests: the content controls and the footers of a Word document."""

from __future__ import annotations

import io
import zipfile
from collections import Counter

from lxml import etree

from docgen.gate.extract import docx_parts_text

from .conftest import squash

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"


def controls(docx: bytes) -> list[tuple[str, str | bool]]:
    """Every content control of the body, in order: (tag, 'text' | 'multiline' | 'date' | a check-box's state)."""
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml"))
    found: list[tuple[str, str | bool]] = []
    for sdt in root.iter(f"{W}sdt"):
        properties = sdt.find(f"{W}sdtPr")
        tag = properties.find(f"{W}tag").get(f"{W}val")
        box = properties.find(f"{W14}checkbox")
        text = properties.find(f"{W}text")
        if box is not None:
            found.append((tag, box.find(f"{W14}checked").get(f"{W14}val") == "1"))
        elif properties.find(f"{W}date") is not None:
            found.append((tag, "date"))
        elif text is not None:
            found.append((tag, "multiline" if text.get(f"{W}multiLine") == "1" else "text"))
    return found


def boxes(docx: bytes) -> dict[str, bool]:
    """The check-boxes by tag: ticked or not."""
    return {tag: state for tag, state in controls(docx) if isinstance(state, bool)}


def kinds_of_controls(docx: bytes) -> Counter[str]:
    """How many controls of each kind: 'checkbox', 'date', 'text', 'multiline'."""
    return Counter("checkbox" if isinstance(state, bool) else state for _, state in controls(docx))


def footer_text(docx: bytes) -> str:
    """The text of every footer part."""
    return squash(" ".join(text for part, text in docx_parts_text(docx).items() if "footer" in part))

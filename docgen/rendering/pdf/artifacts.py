"""The page furniture of a tagged PDF as artifacts.

WeasyPrint marks the content of the page-margin boxes (docgen's running marking, footer and page numbers) like the
rest of the page, and maps it to structure elements that it leaves out of the structure tree: PDF 1.7 has no place
for them in the tree. PDF/UA-1 asks for such content to be an artifact instead (7.1: content is either in the
structure tree or an artifact). So each piece of marked content that no element of the tree holds becomes a
pagination artifact, and the parent tree forgets it.
"""

from __future__ import annotations

import io
import re
from functools import partial
from typing import Any

import pikepdf


def furniture_as_artifacts(content: bytes) -> bytes:
    """The PDF with every piece of marked content outside its structure tree made a pagination artifact; the PDF
    unchanged when it is not tagged or has none."""
    with pikepdf.open(io.BytesIO(content)) as pdf:
        root = pdf.Root.get("/StructTreeRoot")
        if root is None:
            return content
        held = _held(root)
        changed = False
        for page in pdf.pages:
            mine = held.get(page.obj.objgen, set())
            stream = page.obj.get("/Contents")
            if not isinstance(stream, pikepdf.Stream):  # WeasyPrint writes one stream a page
                continue
            outside: set[int] = set()
            data = _MARKED.sub(partial(_artifact, held=mine, outside=outside), stream.read_bytes())
            if outside:
                stream.write(data)
                _forget(root, page, outside)
                changed = True
        if not changed:
            return content
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)  # the same document, byte for byte, each time
        return out.getvalue()


_MARKED = re.compile(rb"/\w+\s*<<\s*/MCID\s+(\d+)\s*>>\s*BDC\b")
"""The start of a piece of marked content with its id, as WeasyPrint writes it ('/Span <</MCID 3>> BDC'); its
text is in hexadecimal strings, which never hold '<<'."""
_ARTIFACT = b"/Artifact <</Type /Pagination>> BDC"


def _artifact(match: re.Match[bytes], held: set[int], outside: set[int]) -> bytes:
    """A piece of marked content as it stays, or as an artifact when no element of the tree holds it."""
    mcid = int(match[1])
    if mcid in held:
        return match[0]
    outside.add(mcid)
    return _ARTIFACT


def _held(root: Any) -> dict[tuple[int, int], set[int]]:
    """The marked-content ids each page's elements of the structure tree hold, by the page's object id."""
    held: dict[tuple[int, int], set[int]] = {}
    stack = [(root, None)]
    while stack:
        node, page = stack.pop()
        page = node.get("/Pg", page)
        kids = node.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]:
            if isinstance(kid, int):
                held.setdefault(page.objgen, set()).add(kid)
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == pikepdf.Name.MCR:
                held.setdefault(kid.get("/Pg", page).objgen, set()).add(int(kid.MCID))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != pikepdf.Name.OBJR:
                stack.append((kid, page))
    return held


def _forget(root: Any, page: Any, outside: set[int]) -> None:
    """Null the parent tree's entries of the page's marked content that became artifacts."""
    number = page.obj.get("/StructParents")
    if number is None:
        return
    nums = root.ParentTree.get("/Nums", [])
    for position in range(0, len(nums), 2):
        if int(nums[position]) == int(number):
            entries = nums[position + 1]
            for mcid in outside:
                if mcid < len(entries):
                    entries[mcid] = None
            return

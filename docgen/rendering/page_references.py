"""pydyf's `PDF.page_references` kept until a page is added, instead of built again each time it is read.

WeasyPrint reads the property (a tuple of every page's reference) once for each element of a tagged PDF's structure
tree, and docgen tags every PDF: the tags of a 466-page chronology took 11 s, four times those of 237 pages. The
tuple kept is the one pydyf builds, so the PDF is the same byte for byte; the tags then take time in proportion
to the elements.
"""

from __future__ import annotations

from typing import Any


def keep_page_references() -> None:
    """Make `pydyf.PDF.page_references` keep the tuple pydyf builds until the next page is added (once per process;
    nothing is changed when pydyf's PDF has no such property)."""
    import pydyf

    own = pydyf.PDF.__dict__.get("page_references")
    build = own.fget if isinstance(own, property) else None
    if build is None or hasattr(build, "built"):
        return

    def page_references(pdf: Any) -> Any:
        pages = len(pdf.pages["Kids"])
        kept = pdf.__dict__.get("_kept_page_references")
        if kept is None or kept[0] != pages:
            kept = pdf.__dict__["_kept_page_references"] = (pages, build(pdf))
        return kept[1]

    page_references.built = build  # type: ignore[attr-defined]
    pydyf.PDF.page_references = property(page_references)

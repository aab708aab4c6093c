"""pydyf's page references, kept until a page is added: the same tuple as pydyf's own, built once per page count."""

from __future__ import annotations

import pydyf

from docgen.rendering.page_references import keep_page_references


def test_the_references_are_pydyfs_own_and_follow_new_pages() -> None:
    keep_page_references()
    keep_page_references()  # once only
    built = pydyf.PDF.page_references.fget.built  # type: ignore[attr-defined]
    pdf = pydyf.PDF()
    for _ in range(3):
        pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
    first = pdf.page_references
    assert first == built(pdf) and len(first) == 3
    assert pdf.page_references is first, "kept"
    pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
    assert pdf.page_references == built(pdf) and len(pdf.page_references) == 4

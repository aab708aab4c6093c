"""Python's cyclic garbage collector paused while a document is laid out.

Laying out a long document makes millions of objects (WeasyPrint's boxes, python-docx's and lxml's elements)
that live until the layout ends; the collector would go through all of them again and again as they pile up,
a third of the layout time of a long table. Paused, it runs once afterwards; objects without cycles are freed
as before, by reference counting, so memory grows only by the cycles made during one document.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the work inside (nothing changes where it is already off)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()

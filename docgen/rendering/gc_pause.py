"""Python's cyclic garbage collector paused while a document is rendered.

Rendering a long document makes millions of objects (the template's output, WeasyPrint's boxes, python-docx's
and lxml's elements) that live until the document is done; the collector would go through all of them again and
again as they pile up, a third of the time of a long table. Paused, it catches up once, after the document;
objects without cycles are freed as before, by reference counting, so memory grows only by the cycles made
while one document is rendered.
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

"""Drawings for Word: a drawing (`<div class="drawing" role="img" aria-label=… data-width data-height>`, an
SVG with words placed over it) becomes a PNG picture with its label as the alternative text, rasterised by
WeasyPrint and PDFium (no system program needed)."""

from __future__ import annotations

import base64
import html
import io
import re
from functools import lru_cache

from markupsafe import escape

from ..pdf.engine import html_to_pdf

SCALE = 3.0
"""Pixels per CSS pixel in the picture (288 dots per inch): sharp in print."""
_DRAWING = re.compile(r'<div class="drawing\b[^"]*"[^>]*>.*?</svg>.*?</div>', re.DOTALL)
_SIZE = re.compile(r'\bdata-width="([\d.]+)" data-height="([\d.]+)"')
_LABEL = re.compile(r'\baria-label="([^"]*)"')


def pictures_for_word(body: str) -> str:
    """The body with each drawing replaced by `<img>` holding it as a PNG, its label as the alt text."""
    return _DRAWING.sub(lambda match: _picture(match[0]), body)


def has_drawings(body: str) -> bool:
    """Whether a body has a drawing, which its Word file shows as a picture rasterised by WeasyPrint."""
    return _DRAWING.search(body) is not None


def _picture(drawing: str) -> str:
    size, label = _SIZE.search(drawing), _LABEL.search(drawing)
    width, height = (float(size[1]), float(size[2])) if size else (600.0, 400.0)
    alt = html.unescape(label[1]) if label else ""
    png = base64.b64encode(drawing_to_png(drawing, width, height)).decode("ascii")
    return f'<img src="data:image/png;base64,{png}" alt="{escape(alt)}" width="{width:.0f}" height="{height:.0f}">'


@lru_cache(maxsize=8)
def drawing_to_png(drawing: str, width: float, height: float) -> bytes:
    """Rasterise an HTML drawing of the given size (CSS pixels); the last few are kept, since the reports of a
    pack draw the same genogram (every IMR, the Overview Report)."""
    import pypdfium2

    page = (
        f"<!DOCTYPE html><html lang='en-GB'><head><style>@page {{ size: {width}px {height}px; margin: 0 }}"
        f"body {{ margin: 0 }}</style></head><body>{drawing}</body></html>"
    )
    document = pypdfium2.PdfDocument(html_to_pdf(page, "drawing"))
    try:
        image = document[0].render(scale=SCALE * 96 / 72).to_pil()  # scale 1: a pixel per point (3/4 CSS pixel)
        out = io.BytesIO()
        image.save(out, format="PNG", optimize=True)
        return out.getvalue()
    finally:
        document.close()

"""PDF streams compressed at zlib's default level: the same data, read back whole, smaller than stored."""

from __future__ import annotations

import zlib

import pydyf

from docgen import Case, render
from docgen.gate.extract import pdf_pages_text
from docgen.rendering.flate_level import compress_at_default_level


def test_streams_are_compressed_at_the_default_level() -> None:
    compress_at_default_level()
    compress_at_default_level()  # once only: still zlib underneath
    text = b"\n".join(b"BT /F1 8.5 Tf 10 %d Td (Entry %d of the chronology) Tj ET" % (n, n) for n in range(2000))
    data = pydyf.Stream([text], compress=True).data
    compressed = data.split(b"stream\n", 1)[1].rsplit(b"\nendstream", 1)[0]
    assert b"/Filter /FlateDecode" in data
    assert compressed == zlib.compress(text, zlib.Z_DEFAULT_COMPRESSION) != zlib.compress(text, 9)
    assert zlib.decompress(compressed) == text


def test_a_pdf_reads_back_whole(case: Case) -> None:
    pdf = render(case, "letter-1", "pdf").content
    assert "Dear" in "".join(pdf_pages_text(pdf))

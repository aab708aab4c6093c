"""The adjustments docgen makes to its libraries: each does what it says on the versions it was written for, and on
any other version the library is left as it is, with one line in the log."""

from __future__ import annotations

import logging
import subprocess
import sys
import zlib

import pydyf
import pytest

from docgen import Case, render
from docgen.gate.extract import pdf_pages_text
from docgen.rendering import adjustments


def test_the_page_references_are_pydyfs_own_and_follow_new_pages() -> None:
    adjustments.adjust_pdf_writer()
    adjustments.adjust_pdf_writer()  # once only
    built = pydyf.PDF.page_references.fget.built  # type: ignore[attr-defined]
    pdf = pydyf.PDF()
    for _ in range(3):
        pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
    first = pdf.page_references
    assert first == built(pdf) and len(first) == 3
    assert pdf.page_references is first, "kept"
    pdf.add_page(pydyf.Dictionary({"Type": "/Page"}))
    assert pdf.page_references == built(pdf) and len(pdf.page_references) == 4


def test_streams_are_compressed_at_the_default_level() -> None:
    adjustments.adjust_pdf_writer()
    text = b"\n".join(b"BT /F1 8.5 Tf 10 %d Td (Entry %d of the chronology) Tj ET" % (n, n) for n in range(2000))
    data = pydyf.Stream([text], compress=True).data
    compressed = data.split(b"stream\n", 1)[1].rsplit(b"\nendstream", 1)[0]
    assert b"/Filter /FlateDecode" in data
    assert compressed == zlib.compress(text, zlib.Z_DEFAULT_COMPRESSION) != zlib.compress(text, 9)
    assert zlib.decompress(compressed) == text


def test_a_pdf_reads_back_whole(case: Case) -> None:
    pdf = render(case, "letter-1", "pdf").content
    assert "Dear" in "".join(pdf_pages_text(pdf))


def test_another_version_is_left_as_it_is_and_said_once() -> None:
    """In a fresh process, with pydyf claiming a version the adjustments were not written for."""
    script = """
import importlib.metadata, logging, sys, zlib
logging.basicConfig(level=logging.INFO, stream=sys.stdout, format="%(message)s")
real = importlib.metadata.version
importlib.metadata.version = lambda name: "9.0.0" if name == "pydyf" else real(name)
import pydyf
own = pydyf.PDF.__dict__["page_references"]
from docgen.rendering.adjustments import adjust_pdf_writer
adjust_pdf_writer(); adjust_pdf_writer()
assert pydyf.PDF.__dict__["page_references"] is own and pydyf.zlib is zlib
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == [
        "docgen: pydyf 9.0.0 is not a version docgen's adjustments were written for (0.11 to before 0.14):"
        " its own behaviour is kept"
    ]


def test_the_installed_versions_are_those_written_for() -> None:
    assert all(adjustments.written_for(package) for package in adjustments.WRITTEN_FOR)


def test_the_log_line_names_the_package(caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(adjustments.WRITTEN_FOR, "pydyf", ((0, 1), (0, 2)))
    adjustments.written_for.cache_clear()
    try:
        with caplog.at_level(logging.INFO, logger="docgen"):
            assert not adjustments.written_for("pydyf")
    finally:
        adjustments.written_for.cache_clear()
    assert "pydyf" in caplog.text

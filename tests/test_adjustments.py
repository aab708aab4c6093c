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


UNSAFE = [
    "{{ ''.__class__ }}",
    "{{ case.__class__.__mro__ }}",
    "{{ (case.agency).__globals__ }}",
    "{{ items.append(1) }}",
    "{{ book.update(a=1) }}",
    "{{ case.__init__.__globals__ }}",
]


@pytest.mark.parametrize("source", UNSAFE)
def test_the_sandbox_still_refuses_unsafe_attributes_with_its_answers_kept(case: Case, source: str) -> None:
    """Each asked twice, after the same attribute names of other types were found safe or not."""
    from jinja2.sandbox import SecurityError

    from docgen.rendering.sandbox import template_limits
    from docgen.rendering.templates import environment

    env = environment()
    assert isinstance(env, adjustments.AttributeSafetyKept)
    values = {"case": case, "items": [1], "book": {"a": 0}}
    with template_limits():
        env.from_string("{{ case.review.type }}{{ items[0] }}{{ book.a }}{{ [].count(1) }}").render(values)
        for _ in range(2):
            with pytest.raises(SecurityError):
                env.from_string(source).render(values)
    assert env._safe  # the answers are kept


def test_the_answers_are_jinjas_own() -> None:
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    kept, jinja = adjustments.AttributeSafetyKept(), ImmutableSandboxedEnvironment()
    probes = [("x", "upper"), ("x", "__class__"), ([], "append"), ({}, "get"), ({}, "update"), (len, "__self__")]
    for obj, attr in probes * 2:
        value = getattr(obj, attr)
        assert kept.is_safe_attribute(obj, attr, value) == jinja.is_safe_attribute(obj, attr, value), (obj, attr)

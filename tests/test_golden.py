"""HTML output is stable: it is compared with golden files byte for byte.

The house style sheet, inlined in every page, is left out of the golden files: it is a source file of
its own (templates/layout/house.css), not output to pin down once per document.

After an intended change of a template, regenerate them with
`DOCGEN_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py` and review the diff before committing.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from docgen import RenderedDocument

from .conftest import rendered, rendered_england

GOLDEN = Path(__file__).resolve().parent / "golden"
KINDS = [
    *(f"letter-{n}" for n in range(1, 8)),
    "ofsted-notification",
    "overview-report",
    "referral-form",
    "scoping-document",
    "interview-record",
]


KINDS_2023 = ["serious-incident-notification", "partner-notice", "panel-letter", "review-report"]
"""A few of the England 2023 example's documents."""


@pytest.mark.parametrize(
    ("kind", "render"), [*((k, rendered) for k in KINDS), *((k, rendered_england) for k in KINDS_2023)]
)
def test_html_matches_golden_file(kind: str, render: Callable[[str, str], RenderedDocument]) -> None:
    document = render(kind, "html")
    golden = GOLDEN / document.filename
    actual = re.sub(r"<style>.*?</style>", "<style>…</style>", document.content.decode("utf-8"), flags=re.S)
    if os.environ.get("DOCGEN_UPDATE_GOLDEN"):
        golden.write_text(actual, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True), "golden", "now", n=1))
    assert not diff, f"{golden.name} differs from the golden file:\n{diff[:3000]}"


def test_rendering_is_deterministic() -> None:
    from docgen import render

    from .conftest import sample_case

    first = render(sample_case(), "imr", "html", agency="police").content
    assert render(sample_case(), "imr", "html", agency="police").content == first

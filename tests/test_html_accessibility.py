"""The published documents' HTML is an accessible page: language, title, landmarks, heading order, table
headers, no violation axe-core finds in a real browser (headless Chromium, tests/browser/axe.mjs), a readable
line length and no page furniture over the content."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from itertools import pairwise
from pathlib import Path

import pytest

from .approved import final
from .conftest import rendered_adults, rendered_england, rendered_homicide

pytestmark = pytest.mark.slow  # LibreOffice or a real browser

BROWSER = Path(__file__).resolve().parent / "browser"
TITLES = {
    "executive-summary": "Executive Summary – LLR-2026-04",
    "overview-report": "Overview Report – LLR-2026-04",
    "review-report": "Local child safeguarding practice review report – KSCP-LCSPR-2026-01",
    "improvements-statement": "Statement of improvements – KSCP-LCSPR-2026-01",
    "adults-review-report": "Safeguarding Adults Review report – HSAB-SAR-2026-02",
    "library-coversheet": "Safeguarding Adults Review library coversheet – HSAB-SAR-2026-02",
    "annual-report-entry": "Safeguarding Adults Review for the annual report – HSAB-SAR-2026-02",
    "death-review-report": "Overview report – SEP-DHR-2026-01",
    "death-review-summary": "Executive summary – SEP-DHR-2026-01",
}
PUBLISHED = list(TITLES)
"""The published documents: the 2009 example's, the England 2023 example's, the Safeguarding Adults Review's and
the Domestic Homicide Review's."""
TABULATED = [kind for kind in PUBLISHED if kind != "annual-report-entry"]
"""The published documents with tables (the annual report's entry is prose alone)."""


def html_of(kind: str) -> bytes:
    """The published document's HTML: a final of the approved 2009 example, or of another framework's example."""
    if kind in ("executive-summary", "overview-report"):
        return final(kind, "html").content
    if kind in ("adults-review-report", "library-coversheet", "annual-report-entry"):
        return rendered_adults(kind, "html").content
    if kind.startswith("death-review"):
        return rendered_homicide(kind, "html").content
    return rendered_england(kind, "html").content


def page(kind: str) -> str:
    return html_of(kind).decode("utf-8")


@pytest.mark.parametrize("kind", PUBLISHED)
def test_the_page_says_its_language_title_and_landmarks(kind: str) -> None:
    html = page(kind)
    assert '<html lang="en-GB">' in html
    assert f"<title>{TITLES[kind]}</title>" in html
    assert html.count("<main>") == 1 and '<aside class="page-furniture" aria-label=' in html


@pytest.mark.parametrize("kind", PUBLISHED)
def test_headings_start_at_one_and_never_skip_a_level(kind: str) -> None:
    levels = [int(level) for level in re.findall(r"<h([1-6])\b", page(kind))]
    assert levels and levels[0] == 1
    assert [(a, b) for a, b in pairwise(levels) if b > a + 1] == []


@pytest.mark.parametrize("kind", TABULATED)
def test_every_header_cell_says_what_it_heads(kind: str) -> None:
    cells = re.findall(r"<th\b[^>]*>", page(kind))
    assert cells and [c for c in cells if not re.search(r'scope="(col|row)"', c)] == []


@pytest.mark.parametrize("kind", TABULATED)
def test_every_table_is_captioned_by_the_heading_it_comes_under(kind: str) -> None:
    html = page(kind)
    tables = re.findall(r"<table\b[^>]*>(<caption\b[^>]*>(.*?)</caption>)?", html)
    assert tables and [caption for caption, _ in tables if not caption] == []
    for _, text in tables:
        before = html[: html.index(f">{text}</caption>")]
        headings = re.findall(r"<h[1-6]\b[^>]*>(.*?)</h[1-6]>", before, re.DOTALL)
        assert text == " ".join(re.sub(r"<[^>]+>", " ", headings[-1]).split())
    assert "@media screen" in html and ".for-screen-readers {" in html, "read out, not shown twice"


def _axe_tools() -> tuple[str, str]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    node = shutil.which("node")
    if chromium is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    if node is None or not (BROWSER / "node_modules" / "axe-core").is_dir():
        pytest.skip("tests/browser/node_modules is missing (npm ci --prefix tests/browser)")
    return node, chromium


def test_axe_finds_no_violation_in_a_real_browser(tmp_path: Path) -> None:
    node, chromium = _axe_tools()
    files = []
    for kind in PUBLISHED:
        files.append(tmp_path / f"{kind}.html")
        files[-1].write_bytes(html_of(kind))
    run = subprocess.run(
        [node, str(BROWSER / "axe.mjs"), chromium, *map(str, files)], capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stderr[-2000:]
    results = json.loads(run.stdout)
    assert set(results) == {str(f) for f in files}
    assert {Path(f).stem: found["violations"] for f, found in results.items() if found["violations"]} == {}
    # a readable line (about 60 to 80 characters: no more than 40 em of running text) and no furniture over it
    widths = {Path(f).stem: found["layout"]["widestLineEm"] for f, found in results.items()}
    assert {stem: width for stem, width in widths.items() if not 30 <= width <= 40} == {}
    assert {Path(f).stem: found["layout"]["overlaps"] for f, found in results.items()} == dict.fromkeys(
        (Path(f).stem for f in results), 0
    )

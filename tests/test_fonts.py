"""The fonts a style sheet names, what this machine sets them in, and the warning rendering gives once."""

from __future__ import annotations

import logging
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

from docgen import render
from docgen.rendering.pdf.fonts import FontChoice, choose, font_choices, fontconfig_matches, style_font_lists
from docgen.rendering.templates import builtin_templates

from .conftest import ROOT, SAMPLE, sample_case

MISSING = "Docgen Nowhere Sans"


def board_style(folder: Path, families: str) -> Path:
    """A board's templates folder whose style sheet sets the body text in `families`."""
    house = (builtin_templates() / "layout" / "house.css").read_text(encoding="utf-8")
    (folder / "layout").mkdir(parents=True)
    (folder / "layout" / "house.css").write_text(house + f"\nbody {{ font-family: {families}; }}\n", encoding="utf-8")
    return folder


def test_the_lists_a_style_sheet_names() -> None:
    css = """
    @page { @bottom-right { font: 8.5pt "DejaVu Sans", sans-serif; } }
    html { font: bold 10.5pt/normal "DejaVu Sans", Liberation Sans, Arial, sans-serif; }
    @media print { h1 { font-family: 'Carlito', serif } }
    p { font-family: DejaVu Sans, sans-serif } /* the same first family, another list */
    em { font: caption } td { font-family: inherit } th { font: 9pt inherit } code { font-family: monospace }
    @font-face { font-family: "Board Sans"; src: url(data:font/woff2;base64,AAAA) }
    .crest { font-family: "Board Sans", sans-serif }
    """
    assert style_font_lists(css) == [
        ("DejaVu Sans", "sans-serif"),
        ("DejaVu Sans", "Liberation Sans", "Arial", "sans-serif"),
        ("Carlito", "serif"),
    ]


def test_what_a_list_is_set_in() -> None:
    matches = {
        "DejaVu Sans": ("DejaVu Sans",),
        MISSING: ("DejaVu Sans",),
        "Arial": ("Liberation Sans",),
        "Calibri": ("DejaVu Sans",),
        "sans-serif": ("DejaVu Sans",),
    }
    installed = choose(("DejaVu Sans", "sans-serif"), matches)
    assert (installed.used, installed.ok) == ("DejaVu Sans", True)
    twin = choose(("Arial", "sans-serif"), matches)
    assert (twin.used, twin.ok, twin.package) == ("Liberation Sans", True, "fonts-liberation2")
    fallback = choose((MISSING, "Arial", "sans-serif"), matches)
    assert (fallback.used, fallback.ok, fallback.package) == ("Liberation Sans", False, None)
    generic = choose(("Calibri", "sans-serif"), matches)
    assert (generic.used, generic.ok, generic.package) == ("DejaVu Sans", False, "fonts-crosextra-carlito")
    assert choose((MISSING,), matches).used == "DejaVu Sans"
    assert choose((MISSING, "sans-serif"), {MISSING: (), "sans-serif": ()}) == FontChoice((MISSING, "sans-serif"), None)


def test_each_first_family_is_checked_once() -> None:
    asked: list[set[str]] = []

    def matcher(families: Iterable[str]) -> dict[str, tuple[str, ...]]:
        asked.append(set(families))
        return {family: ("DejaVu Sans",) for family in asked[-1]}

    choices = font_choices((builtin_templates() / "layout" / "house.css").read_text(encoding="utf-8"), matcher)
    assert [c.wanted for c in choices] == ["Liberation Sans"] and len(asked) == 1


def test_fontconfig_answers_as_weasyprint_sees_it() -> None:
    matches = fontconfig_matches(["DejaVu Sans", "Arial", MISSING])
    assert matches["DejaVu Sans"][0] == "DejaVu Sans"  # fonts-dejavu-core, installed by scripts/install.sh
    assert matches["Arial"][0] == "Liberation Sans"  # fonts-liberation2: fontconfig's metric alias
    assert matches[MISSING] and MISSING not in matches[MISSING]


def test_the_built_in_style_renders_without_a_warning(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING, logger="docgen"):
        render(sample_case(), "letter-1", "pdf")
    assert not [r for r in caplog.records if r.name == "docgen"]


def test_a_missing_font_is_named_once(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    board = board_style(tmp_path / "board", f'"{MISSING}", Arial, sans-serif')
    with caplog.at_level(logging.WARNING, logger="docgen"):
        for kind in ("letter-1", "letter-3"):
            render(sample_case(), kind, "pdf", board_templates=board)
        render(sample_case(), "letter-1", "docx", board_templates=board)
    assert [r.getMessage() for r in caplog.records if r.name == "docgen"] == [
        f"docgen: font '{MISSING}' is not installed: PDFs use Liberation Sans in its place; "
        "run `docgen doctor` to see what to install"
    ]


@pytest.mark.slow
def test_the_command_line_warns_once_on_its_standard_error(tmp_path: Path) -> None:
    board = board_style(tmp_path / "board", f'"{MISSING}", sans-serif')
    command = [sys.executable, "-m", "docgen", "render", str(SAMPLE), "--doc", "letter-2", "--doc", "letter-7"]
    options = ["--format", "pdf", "--out", str(tmp_path / "out"), "--templates", str(board)]
    done = subprocess.run(
        [*command, *options],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 0 and len(done.stdout.splitlines()) == 2
    assert done.stderr.splitlines() == [
        f"docgen: font '{MISSING}' is not installed: PDFs use DejaVu Sans in its place; "
        "run `docgen doctor` to see what to install"
    ]

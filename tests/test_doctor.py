"""`docgen doctor`: each check, the report, and the exit code with a font and a program made to be missing."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen import __version__
from docgen.cli.commands import main
from docgen.cli.doctor import (
    Check,
    can_render,
    check_folder,
    check_fonts,
    check_pango,
    check_program,
    check_python,
    report,
)
from docgen.rendering.pdf.fonts import DEBIAN_PACKAGES, style_font_lists
from docgen.rendering.template_files import TemplateFile
from docgen.rendering.templates import builtin_templates

from .conftest import ROOT
from .test_fonts import MISSING, board_style

HOUSE_FONT = style_font_lists((builtin_templates() / "layout" / "house.css").read_text(encoding="utf-8"))[0][0]
"""The typeface the house style asks for first."""


def doctor(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["doctor", *args], prog_name="docgen")
    return result.exit_code, result.stdout


def line_of(output: str, name: str) -> str:
    """The report's line for a check: its status, name and detail."""
    return next(line for line in output.splitlines() if (m := re.match(r"\S+ +(.+?)  +", line)) and m[1] == name)


def test_python() -> None:
    assert check_python((3, 11, 2), "/usr/bin/python3") == Check("Python", True, "3.11.2 (/usr/bin/python3)")
    old = check_python((3, 9, 2), "/usr/bin/python3")
    assert not old.ok and "docgen needs 3.11 or later" in old.detail and old.fix and "PYTHON=" in old.fix


def test_pango() -> None:
    assert check_pango(lambda: 15012) == Check("Pango", True, "1.50.12 (WeasyPrint needs 1.44.0 or later)")
    old = check_pango(lambda: 14209)
    assert not old.ok and old.detail == "1.42.9 is too old: WeasyPrint needs 1.44.0 or later"

    def absent() -> int:
        raise OSError("cannot load library 'libpango-1.0-0': libpango-1.0-0: cannot open shared object file")

    missing = check_pango(absent)
    assert not missing.ok and missing.detail.startswith("not installed: WeasyPrint cannot load it (cannot load")
    assert missing.fix and missing.fix.endswith("apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0")
    assert check_pango().ok  # this machine's, through WeasyPrint


def test_fonts(tmp_path: Path) -> None:
    style = tmp_path / "house.css"
    style.write_text('p { font-family: "DejaVu Sans" } h1 { font: 9pt Arial } h2 { font-family: Calibri, serif }')
    matches = {"DejaVu Sans": ("DejaVu Sans",), "Arial": ("Liberation Sans",), "Calibri": ("DejaVu Sans",)}
    style_sheet = TemplateFile(style, style.read_bytes())
    checks = check_fonts(style_sheet, lambda families: {f: matches.get(f, ("DejaVu Serif",)) for f in families})
    assert checks[:2] == [
        Check("font DejaVu Sans", True, "installed"),
        Check("font Arial", True, "Liberation Sans in its place (the same widths)"),
    ]
    assert checks[2].name == "font Calibri" and not checks[2].ok and checks[2].needed
    assert checks[2].detail == f"not installed: PDFs use DejaVu Serif in its place (named by {style})"
    assert checks[2].fix and checks[2].fix.endswith("apt-get install fonts-crosextra-carlito")


def test_a_program_only_the_tests_need(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    missing = check_program("LibreOffice", ("soffice", "libreoffice"), "libreoffice-writer-nogui")
    assert not missing.ok and not missing.needed and can_render([missing])
    assert missing.detail == "not installed (only the tests need it: soffice or libreoffice)"
    assert missing.fix and missing.fix.endswith("apt-get install libreoffice-writer-nogui")
    (tmp_path / "libreoffice").write_text("#!/bin/sh\n")
    (tmp_path / "libreoffice").chmod(0o755)
    found = check_program("LibreOffice", ("soffice", "libreoffice"), "libreoffice-writer-nogui")
    assert found.ok and found.detail == f"{tmp_path / 'libreoffice'} (only the tests need it)"


def test_folders(tmp_path: Path) -> None:
    assert check_folder("output folder", tmp_path, "mkdir") == Check(
        "output folder", True, f"{tmp_path}: writable, files owner-only"
    )
    later = check_folder("output folder", tmp_path / "a" / "b", "mkdir")
    assert later.ok and later.detail.startswith(f"{tmp_path / 'a' / 'b'} (not there yet; created in {tmp_path}): ")
    (tmp_path / "file").write_text("not a folder")
    blocked = check_folder("output folder", tmp_path / "file", "mkdir")
    assert not blocked.ok and blocked.detail == f"{tmp_path / 'file'}: cannot write there (Not a directory)"
    assert blocked.fix == "mkdir"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]  # the probes are gone


def test_report_and_exit_code_on_this_machine(tmp_path: Path) -> None:
    code, out = doctor("--out", str(tmp_path / "out"))
    assert code == 0, out
    for name in (
        "Python",
        "Pango",
        f"font {HOUSE_FONT}",
        "LibreOffice",
        "poppler",
        "temporary folder",
        "output folder",
    ):
        assert line_of(out, name).startswith("ok ")
    assert line_of(out, "docgen").split() == ["ok", "docgen", __version__]
    assert line_of(out, "WeasyPrint").startswith("ok ") and line_of(out, "docxtpl").startswith("ok ")
    assert out.endswith("\ndocgen has everything it needs to render on this machine.\n")
    assert not (tmp_path / "out").exists()


def test_a_board_font_that_is_missing(tmp_path: Path) -> None:
    board = board_style(tmp_path / "board", f'"{MISSING}", sans-serif')
    code, out = doctor("--templates", str(board))
    assert code == 1
    assert line_of(out, f"font {MISSING}").split("  ")[-1] == (
        f"not installed: PDFs use DejaVu Sans in its place (named by {board / 'layout' / 'house.css'})"
    )
    assert "to fix: copy the font's .ttf or .otf files into /usr/local/share/fonts/" in out
    assert out.endswith("\ndocgen cannot render properly here: 1 problem above, each with what to do.\n")


def test_no_fonts_and_no_libreoffice(tmp_path: Path) -> None:
    """A machine without fonts (fontconfig given an empty configuration) and without the test programs."""
    config = tmp_path / "fonts.conf"
    config.write_text('<?xml version="1.0"?>\n<fontconfig></fontconfig>\n')
    (tmp_path / "bin").mkdir()
    env = {**os.environ, "FONTCONFIG_FILE": str(config), "PATH": str(tmp_path / "bin")}
    done = subprocess.run(
        [sys.executable, "-m", "docgen", "doctor"], capture_output=True, text=True, env=env, cwd=ROOT, timeout=120
    )
    assert done.returncode == 1, done.stdout
    lines = done.stdout.splitlines()
    font = lines.index(line_of(done.stdout, f"font {HOUSE_FONT}"))
    assert lines[font].startswith("problem ") and "not installed, nor any other font" in lines[font]
    assert lines[font + 1].endswith(f"apt-get install {DEBIAN_PACKAGES[HOUSE_FONT.casefold()]}")
    office = lines.index(line_of(done.stdout, "LibreOffice"))
    assert lines[office].startswith("optional ") and "only the tests need it" in lines[office]
    assert lines[office + 1].endswith("apt-get install libreoffice-writer-nogui")
    assert line_of(done.stdout, "Pango").startswith("ok ")


def test_without_pango(tmp_path: Path) -> None:
    """A machine without Pango: the library cannot be loaded (cffi is made to fail as on such a machine)."""
    script = """if True:
        import sys
        import cffi
        real = cffi.FFI.dlopen
        def dlopen(self, name, *args):
            if "pango" in str(name):
                raise OSError(f"cannot load library {name!r}")
            return real(self, name, *args)
        cffi.FFI.dlopen = dlopen
        from docgen.cli.commands import main
        main(["doctor", "--out", sys.argv[1]])
    """
    command = [sys.executable, "-c", script, str(tmp_path / "out")]
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 1, done.stdout + done.stderr
    assert done.stdout.startswith("ok       Python"), "WeasyPrint's own banner stays out of the report"
    pango = line_of(done.stdout, "Pango")
    assert pango.startswith("problem ") and "not installed: WeasyPrint cannot load it (cannot load library" in pango
    lines = done.stdout.splitlines()
    assert lines[lines.index(pango) + 1].endswith(
        "apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
    )
    assert line_of(done.stdout, "fonts").endswith("cannot be checked without Pango")
    assert line_of(done.stdout, "output folder").startswith("ok ")


def test_the_verdict_counts_what_rendering_needs() -> None:
    checks = [Check("Python", True, "3.11.2"), Check("poppler", False, "not installed", "apt-get install x", False)]
    assert can_render(checks) and report(checks).endswith("docgen has everything it needs to render on this machine.\n")
    checks.append(Check("font Frutiger", False, "not installed", "copy it"))
    text = report(checks)
    assert not can_render(checks) and text.endswith("1 problem above, each with what to do.\n")
    assert text.splitlines()[:4] == [
        "ok       Python         3.11.2",
        "optional poppler        not installed",
        "                        to fix: apt-get install x",
        "problem  font Frutiger  not installed",
    ]

"""`docgen doctor`: what docgen needs on this machine, what is missing, and the command that installs it.

Each check is a small function returning `Check`s; `run_checks` runs them all and `report` words them.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from ..rendering.pdf.fonts import FontChoice, font_choices, fontconfig_matches, missing
from ..rendering.template_files import TemplateFile
from ..rendering.templates import find_template

PYTHON_MINIMUM = (3, 11)
PANGO_MINIMUM = (1, 44, 0)
"""WeasyPrint's documented minimum."""
PANGO_PACKAGES = ("libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0")
REINSTALL = "sh scripts/install.sh (in docgen's folder)"
VERSIONED = {"docgen": "docgen", "WeasyPrint": "weasyprint", "docxtpl": "docxtpl"}
"""The packages whose versions the report shows, by name: distribution."""


@dataclass(frozen=True)
class Check:
    """One thing docgen needs: whether this machine has it, in plain words, and how to install it."""

    name: str
    ok: bool
    detail: str
    fix: str | None = None
    """The command (or step) that installs what is missing."""
    needed: bool = True
    """Rendering needs it; False for what only the tests need."""


def apt_install(*packages: str) -> str:
    """The Debian and Ubuntu command that installs packages (with sudo unless run as root)."""
    sudo = "" if getattr(os, "geteuid", lambda: -1)() == 0 else "sudo "
    return f"{sudo}apt-get install {' '.join(packages)}"


def check_python(version_info: tuple[int, ...] = sys.version_info[:3], executable: str = sys.executable) -> Check:
    """The Python docgen runs on."""
    number = ".".join(map(str, version_info[:3]))
    if version_info[:2] >= PYTHON_MINIMUM:
        return Check("Python", True, f"{number} ({executable})")
    return Check(
        "Python",
        False,
        f"{number} ({executable}); docgen needs 3.11 or later",
        "install Python 3.11 or later (Debian 12 and Ubuntu 24.04 have it), then: PYTHON=/path/to/python3 " + REINSTALL,
    )


def check_pango(load: Callable[[], int] | None = None) -> Check:
    """Pango, the text layout library WeasyPrint lays out PDFs with, and its version."""
    try:
        number = (load or _pango_version)()
    except OSError as error:  # cffi could not load a library
        detail = f"not installed: WeasyPrint cannot load it ({error})"
        return Check("Pango", False, detail, apt_install(*PANGO_PACKAGES))
    found = (number // 10000, number // 100 % 100, number % 100)
    text, minimum = ".".join(map(str, found)), ".".join(map(str, PANGO_MINIMUM))
    if found >= PANGO_MINIMUM:
        return Check("Pango", True, f"{text} (WeasyPrint needs {minimum} or later)")
    return Check(
        "Pango",
        False,
        f"{text} is too old: WeasyPrint needs {minimum} or later",
        "upgrade the system: Debian 12 and Ubuntu 24.04 have Pango 1.50 or later",
    )


def _pango_version() -> int:
    with contextlib.redirect_stdout(io.StringIO()):  # WeasyPrint prints a banner before its OSError
        from weasyprint.text.ffi import pango

    return int(pango.pango_version())


def check_fonts(
    style_sheet: TemplateFile, matcher: Callable[[Iterable[str]], Mapping[str, tuple[str, ...]]] = fontconfig_matches
) -> list[Check]:
    """Each font the style sheet asks for first: installed, or which font PDFs use in its place."""
    choices = font_choices(style_sheet.text(), matcher)
    return [_font_check(choice, style_sheet.path) for choice in choices]


def _font_check(choice: FontChoice, style_sheet: Path) -> Check:
    name = f"font {choice.wanted}"
    if choice.ok and choice.used == choice.wanted:
        return Check(name, True, "installed")
    if choice.ok:
        return Check(name, True, f"{choice.used} in its place (the same widths)")
    fix = (
        apt_install(choice.package)
        if choice.package
        else "copy the font's .ttf or .otf files into /usr/local/share/fonts/"
    )
    return Check(name, False, f"{missing(choice)} (named by {style_sheet})", fix)


def check_program(name: str, commands: tuple[str, ...], package: str) -> Check:
    """A program only the tests need (LibreOffice opens the DOCX files; poppler turns PDF pages into images)."""
    found = next((path for command in commands if (path := shutil.which(command))), None)
    if found:
        return Check(name, True, f"{found} (only the tests need it)", needed=False)
    detail = f"not installed (only the tests need it: {' or '.join(commands)})"
    return Check(name, False, detail, apt_install(package), needed=False)


def check_folder(label: str, folder: Path, fix: str) -> Check:
    """A folder docgen writes into: a file written there is kept readable by its owner only.

    A folder that does not exist yet is checked where docgen will create it (its nearest existing parent).
    """
    probe_in = next(p for p in (folder, *folder.absolute().parents) if p.exists())
    where = str(folder) if probe_in == folder else f"{folder} (not there yet; created in {probe_in})"
    try:
        fd, probe = tempfile.mkstemp(dir=probe_in, prefix=".docgen-doctor-")
    except OSError as error:
        return Check(label, False, f"{where}: cannot write there ({error.strerror or error})", fix)
    try:
        os.close(fd)
        os.chmod(probe, 0o600)
        mode = stat.S_IMODE(os.stat(probe).st_mode)
    finally:
        os.unlink(probe)
    if mode & 0o077:
        return Check(label, False, f"{where}: files written there can be read by others (mode {mode:o})", fix)
    return Check(label, True, f"{where}: writable, files owner-only")


def check_versions(packages: Mapping[str, str] = VERSIONED) -> list[Check]:
    """The versions of docgen and of the libraries it renders with."""
    checks = []
    for name, package in packages.items():
        try:
            checks.append(Check(name, True, version(package)))
        except PackageNotFoundError:
            checks.append(Check(name, False, "not installed", REINSTALL))
    return checks


def run_checks(out_dir: Path | None = None, board_templates: Path | None = None) -> list[Check]:
    """Every check: Python, Pango, the style sheet's fonts, the test programs, the folders and the versions."""
    style_sheet = find_template(board_templates, "layout/house.css")
    assert style_sheet is not None, "the built-in style sheet ships with docgen"
    pango = check_pango()
    fonts = check_fonts(style_sheet) if pango.ok else [Check("fonts", False, "cannot be checked without Pango")]
    own_folder = "a folder of docgen's user's own on a local disk"
    folders = [check_folder("temporary folder", Path(tempfile.gettempdir()), f"set TMPDIR to {own_folder}")]
    if out_dir is not None:
        folders.append(check_folder("output folder", out_dir, f"write to {own_folder} (mkdir -m 700 {out_dir})"))
    return [
        check_python(),
        pango,
        *fonts,
        check_program("LibreOffice", ("soffice", "libreoffice"), "libreoffice-writer-nogui"),
        check_program("poppler", ("pdftoppm",), "poppler-utils"),
        *folders,
        *check_versions(),
    ]


def can_render(checks: Iterable[Check]) -> bool:
    """Everything rendering needs is there."""
    return all(check.ok for check in checks if check.needed)


def report(checks: list[Check]) -> str:
    """The checks as a table, each missing thing followed by the command that installs it, and a verdict."""
    width = max(len(check.name) for check in checks)
    lines = []
    for check in checks:
        status = "ok" if check.ok else ("problem" if check.needed else "optional")
        lines.append(f"{status:<8} {check.name:<{width}}  {check.detail}")
        if not check.ok and check.fix:
            lines.append(f"{'':<8} {'':<{width}}  to fix: {check.fix}")
    problems = sum(1 for check in checks if check.needed and not check.ok)
    if problems:
        counted = "1 problem" if problems == 1 else f"{problems} problems"
        lines.append(f"\ndocgen cannot render properly here: {counted} above, each with what to do.")
    else:
        lines.append("\ndocgen has everything it needs to render on this machine.")
    return "\n".join(lines) + "\n"

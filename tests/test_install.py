"""The README's two commands: .ci/run runs the second verbatim, and the first installs docgen into a fresh
virtual environment made from the system's Python and renders the example pack. And the systemd unit."""

from __future__ import annotations

import configparser
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from docgen import __version__
from docgen.cli.commands import watch
from docgen.gate.extract import pdf_pages_text

from .conftest import ROOT

SYSTEM_PYTHON = Path("/usr/bin/python3")
UNIT = ROOT / "packaging" / "docgen-watch.service"


def readme_commands() -> list[str]:
    """The shell commands of the README's "Two commands" section, in order."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Two commands\n", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, re.S)]


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    install, tests = readme_commands()
    assert install.startswith("sh scripts/install.sh && .venv/bin/docgen render examples/sample-case.yaml --all")
    assert tests.startswith("sh scripts/install.sh --test && ")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    commands = [line for line in ci if line and not line.startswith(("#", "set ", "cd "))]
    assert commands == [tests]


def script_packages() -> list[str]:
    """The Debian packages scripts/install.sh installs for rendering (its first list)."""
    script = (ROOT / "scripts" / "install.sh").read_text(encoding="utf-8")
    match = re.search(r'^packages="([^"$]+)"$', script, re.M)
    assert match, "scripts/install.sh names its packages on one line"
    return match[1].split()


def missing_packages() -> list[str]:
    if shutil.which("dpkg-query") is None:
        return []  # not Debian: the script skips the system packages and says what to install by hand
    status = [
        subprocess.run(["dpkg-query", "-W", "-f=${Status}", name], capture_output=True, text=True).stdout
        for name in script_packages()
    ]
    return [name for name, line in zip(script_packages(), status, strict=True) if "install ok installed" not in line]


@pytest.mark.slow
@pytest.mark.install
def test_the_readme_install_command_in_a_fresh_virtual_environment(tmp_path: Path) -> None:
    """The README's first command, run as it is in a copy of the checkout: the script makes .venv from the
    system's Python (Debian's /usr/bin/python3 where there is one), installs docgen from the checkout (not
    editable) into it, checks the machine with docgen doctor, and the render writes the whole example pack."""
    if missing := missing_packages():
        pytest.skip(f"the Debian packages {', '.join(missing)} are missing; the README's test command installs them")
    checkout = tmp_path / "docgen"
    ignore = shutil.ignore_patterns(".*", "__pycache__", "node_modules", "out", "docgen-output", "*.egg-info")
    shutil.copytree(ROOT, checkout, ignore=ignore)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHON", "VENV", "VIRTUAL_ENV", "PYTHONPATH")}
    install, _ = readme_commands()
    assert install.startswith("sh scripts/install.sh && "), "only the script's command may run here"
    done = subprocess.run(install, shell=True, cwd=checkout, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "docgen has everything it needs to render on this machine." in done.stdout

    venv = checkout / ".venv"
    home = dict(line.split(" = ", 1) for line in (venv / "pyvenv.cfg").read_text().splitlines() if " = " in line)
    if SYSTEM_PYTHON.exists():
        assert Path(home["home"]) == SYSTEM_PYTHON.parent
    installed = subprocess.run(
        [venv / "bin" / "python", "-c", "import docgen; print(docgen.__file__)"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=True,
    ).stdout.strip()
    assert Path(installed).is_relative_to(venv), "docgen is installed into the environment, not linked to the checkout"
    assert (Path(installed).parent / "_templates" / "layout" / "house.css").is_file()
    assert (Path(installed).parent / "py.typed").is_file(), "type checkers of calling programs read docgen's types"
    version = subprocess.run([venv / "bin" / "docgen", "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.strip() == f"docgen, version {__version__}"

    written = [checkout / line for line in done.stdout.splitlines() if line.startswith("out/")]
    assert all(p.is_file() for p in written) and (checkout / "out" / "manifest.json").is_file()
    assert sorted(p.with_suffix(".docx") for p in written if p.suffix == ".pdf") == sorted(
        p for p in written if p.suffix == ".docx"
    )
    assert len(written) > 20
    letter = next(p for p in written if p.name.endswith("_letter-1.pdf"))
    assert "Northbrook Safeguarding Children Board" in "\n".join(pdf_pages_text(letter.read_bytes()))


def unit() -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None, empty_lines_in_values=False)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read_string(UNIT.read_text(encoding="utf-8"))
    return parser


def test_the_systemd_unit_runs_the_watcher_confined() -> None:
    service = unit()["Service"]
    command = shlex.split(service["ExecStart"])
    assert command[0] == "/opt/docgen/.venv/bin/docgen" and command[1] == "watch"
    inbox, outbox = command[2], command[command.index("--out") + 1]
    assert (inbox, outbox) == ("/srv/docgen/inbox", "/srv/docgen/outbox")
    options = {param for p in watch.params for param in p.opts}
    assert {word for word in command[3:] if word.startswith("-")} <= options
    assert service["User"] == "docgen" and service["Restart"] == "on-failure" and service["UMask"] == "0077"
    assert service["KillMode"] == "mixed"  # SIGTERM to the watcher only: it lets its workers finish the jobs in hand
    assert service["ProtectSystem"] == "strict" and service["NoNewPrivileges"] == "yes"
    assert service["ReadWritePaths"].split() == [inbox, outbox]
    assert unit()["Install"]["WantedBy"] == "multi-user.target"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_accepts_the_unit(tmp_path: Path) -> None:
    """systemd's own check, with this environment's docgen in place of /opt/docgen's."""
    docgen = Path(sys.executable).with_name("docgen")
    copy = tmp_path / UNIT.name
    copy.write_text(UNIT.read_text(encoding="utf-8").replace("/opt/docgen/.venv/bin/docgen", str(docgen)))
    done = subprocess.run(["systemd-analyze", "verify", str(copy)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and str(copy) not in done.stderr, done.stderr

"""Hostile places to write: two edits of one case file at once, a case file's owner and mode, outputs aimed at a
pipe, a device, a folder or a symbolic link, and streams that take a document a little at a time or not at all.

Each test makes its own case files and targets in a temporary folder; the processes that edit one case file at
once are real `docgen` processes, paused at chosen points through a small driver.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import selectors
import shutil
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from docgen import OutputError, RenderedDocument, UsageError, load_case
from docgen.cli.commands import main
from docgen.files.locking import lock_beside
from docgen.files.writing import write_atomic
from docgen.service.runner import is_case_name

from .conftest import CASES

IS_ROOT = os.geteuid() == 0
HEADER = ["Date", "Time", "Significant Events/Incidents and if child seen"]
GP = """  - id: gp
    name: Orchard Surgery
    short_name: GP
    chief_officer: {name: Lee Shaw, post: Practice Manager}
correspondence:"""
DRIVER = """
import sys
from docgen.load import editing as casefile
from docgen.cli.commands import main

def pause(word):
    print(word, flush=True)
    sys.stdin.readline()

replace, check = casefile.replace_agency_entries, casefile.check_edited

def replace_when_told(*args, **kwargs):
    pause("ready")
    replace(*args, **kwargs)

def check_when_told(*args, **kwargs):
    pause("read")
    check(*args, **kwargs)

casefile.replace_agency_entries, casefile.check_edited = replace_when_told, check_when_told
main(sys.argv[1:], prog_name="docgen")
"""
"""`docgen ARGS` that stops and says "ready" before it edits the case file, and "read" once it has read it and
is about to write it; a line on its standard input lets it go on."""


def docgen(*args: object) -> Any:
    return CliRunner().invoke(main, [str(a) for a in args], prog_name="docgen")


def docgen_process(
    *args: object, env: dict[str, str] | None = None, **options: Any
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "docgen", *map(str, args)],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
        check=False,
        **options,
    )


def two_agency_case(folder: Path) -> Path:
    """A small case with two agencies and no chronology yet."""
    text = (CASES / "minimal.yaml").read_text(encoding="utf-8").replace("correspondence:", GP, 1)
    path = folder / "case.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def workbook(path: Path, event: str) -> Path:
    """A chronology workbook of one entry."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Chronology"
    sheet.append(HEADER)
    sheet.append([dt.date(2026, 2, 1), "10:00", event])
    book.save(path)
    return path


def events(case_file: Path) -> dict[str, list[str]]:
    """Each agency's chronology events in the case file."""
    found: dict[str, list[str]] = {}
    for entry in load_case(case_file).chronology:
        found.setdefault(entry.agency, []).append(entry.event)
    return found


class Paused:
    """A `docgen` process run through DRIVER: it says where it has stopped, and goes on when told."""

    def __init__(self, *args: object, env: dict[str, str] | None = None) -> None:
        command = [sys.executable, "-c", DRIVER, *map(str, args)]
        pipes: dict[str, Any] = {"stdin": subprocess.PIPE, "stdout": subprocess.PIPE, "stderr": subprocess.PIPE}
        self.process = subprocess.Popen(command, env={**os.environ, **(env or {})}, **pipes)

    def said(self, timeout: float = 60) -> str | None:
        """The next word it says within `timeout` seconds, or None."""
        assert self.process.stdout is not None
        with selectors.DefaultSelector() as selector:
            selector.register(self.process.stdout, selectors.EVENT_READ)
            if not selector.select(timeout):
                return None
        return self.process.stdout.readline().decode().strip()

    def go(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(b"\n")
        self.process.stdin.flush()

    def finished(self) -> tuple[int, str]:
        """Its exit code and standard error, once it has finished."""
        _, stderr = self.process.communicate(timeout=120)
        return self.process.returncode, stderr.decode()

    def __enter__(self) -> Paused:
        return self

    def __exit__(self, *exc: object) -> None:
        self.process.kill()
        self.process.communicate()


# --- 1. two edits of one case file at once ---------------------------------------------------------------------


@pytest.mark.slow
def test_two_imports_into_one_case_file_at_once_both_land(tmp_path: Path) -> None:
    case_file = two_agency_case(tmp_path)
    police = workbook(tmp_path / "police.xlsx", "Police visit.")
    gp = workbook(tmp_path / "gp.xlsx", "GP appointment.")
    with (
        Paused("chronology", "import", case_file, police, "--agency", "police") as first,
        Paused("chronology", "import", case_file, gp, "--agency", "gp") as second,
    ):
        assert first.said() == "ready" and second.said() == "ready"
        first.go()
        assert first.said() == "read"  # the first has read the case file and is about to write it
        second.go()
        second_read = second.said(timeout=3)  # it may not read the case file while the first is editing it
        first.go()
        assert first.finished() == (0, "")
        if second_read is None:
            assert second.said() == "read"
        second.go()
        assert second.finished() == (0, "")
    assert events(case_file) == {"police": ["Police visit."], "gp": ["GP appointment."]}


@pytest.mark.slow
def test_an_import_that_waits_too_long_for_another_stops_in_plain_words(tmp_path: Path) -> None:
    case_file = two_agency_case(tmp_path)
    police = workbook(tmp_path / "police.xlsx", "Police visit.")
    gp = workbook(tmp_path / "gp.xlsx", "GP appointment.")
    with Paused("chronology", "import", case_file, police, "--agency", "police") as first:
        assert first.said() == "ready"
        first.go()
        assert first.said() == "read"
        second = docgen_process(
            "chronology", "import", case_file, gp, "--agency", "gp", env={"DOCGEN_LOCK_WAIT": "0.3"}
        )
        first.go()
        assert first.finished() == (0, "")
    assert second.returncode == 1 and "Traceback" not in second.stderr
    assert second.stderr == (
        f"docgen: {case_file} is in use by another docgen process (waited 0.3 seconds); nothing was changed: try "
        "again when it has finished\n"
    )
    assert events(case_file) == {"police": ["Police visit."]}


def test_the_lock_beside_a_case_file_is_never_taken_for_a_case_file(tmp_path: Path) -> None:
    """The watched folder and `batch` take only case files' names; the lock's is hidden and ends .lock."""
    assert not is_case_name(lock_beside(tmp_path / "case.yaml").name)
    assert not is_case_name(lock_beside(tmp_path / "case.json").name)


# --- 2. a case file's owner, group and mode ---------------------------------------------------------------------


def owner_and_group() -> tuple[int, int]:
    """An owner and group for a case file other than the defaults, where this user may give them."""
    if IS_ROOT:
        return 4243, 4242
    others = [group for group in os.getgroups() if group != os.getegid()]
    return os.geteuid(), others[0] if others else os.getegid()


def test_an_imported_case_file_keeps_its_mode_owner_and_group_and_outputs_stay_owner_only(tmp_path: Path) -> None:
    case_file = two_agency_case(tmp_path)
    uid, gid = owner_and_group()
    os.chown(case_file, uid, gid)
    case_file.chmod(0o640)
    police = workbook(tmp_path / "police.xlsx", "Police visit.")
    assert docgen("chronology", "import", case_file, police, "--agency", "police").exit_code == 0
    info = case_file.stat()
    assert (stat.S_IMODE(info.st_mode), info.st_uid, info.st_gid) == (0o640, uid, gid)
    assert events(case_file) == {"police": ["Police visit."]}
    export = tmp_path / "export.xlsx"
    export.write_bytes(b"old")
    export.chmod(0o644)
    assert docgen("chronology", "export", case_file, "--out", export).exit_code == 0
    assert stat.S_IMODE(export.stat().st_mode) == 0o600


@pytest.fixture
def nobodys_folder() -> Iterator[Path]:
    """A folder the user nobody may write (outside pytest's folders, which only root may enter)."""
    if not IS_ROOT:
        pytest.skip("another user's files can be made only as root")
    folder = Path(tempfile.mkdtemp(prefix="docgen-test-"))
    try:
        os.chown(folder, 65534, 65534)
        yield folder
    finally:
        shutil.rmtree(folder)


def as_nobody() -> None:
    os.setgroups([])
    os.setgid(65534)
    os.setuid(65534)


@pytest.mark.slow
def test_a_user_keeps_their_case_files_owner_and_never_shares_it_with_another_group(nobodys_folder: Path) -> None:
    """nobody edits their own file of a group they are not in (its group's rights are dropped, as its new group
    must gain nothing), and is refused another user's file (they would become its owner)."""
    case_file = two_agency_case(nobodys_folder)
    police = workbook(nobodys_folder / "police.xlsx", "Police visit.")
    os.chown(case_file, 65534, 4242)
    case_file.chmod(0o664)
    result = docgen_process("chronology", "import", case_file, police, "--agency", "police", preexec_fn=as_nobody)
    assert result.returncode == 0, result.stderr
    info = case_file.stat()
    assert (stat.S_IMODE(info.st_mode), info.st_uid, info.st_gid) == (0o604, 65534, 65534)

    os.chown(case_file, 4243, 4242)
    case_file.chmod(0o666)
    before = case_file.read_bytes()
    result = docgen_process("chronology", "import", case_file, police, "--agency", "gp", preexec_fn=as_nobody)
    assert result.returncode == 1
    assert result.stderr == (
        f"docgen: {case_file} belongs to another user, and rewriting it would make it yours; nothing was written: "
        "ask its owner (or an administrator) to run the command\n"
    )
    assert case_file.read_bytes() == before and case_file.stat().st_uid == 4243
    assert sorted(p.name for p in nobodys_folder.iterdir()) == [".case.yaml.lock", "case.yaml", "police.xlsx"]


# --- 3. outputs aimed at what is not a file ---------------------------------------------------------------------


def fifo(target: Path, other: Path) -> str:
    os.mkfifo(target)
    return "a named pipe"


def link(target: Path, other: Path) -> str:
    target.symlink_to(other)
    return "a symbolic link"


def link_to_dev_null(target: Path, other: Path) -> str:
    target.symlink_to("/dev/null")
    return "a symbolic link"


def device(target: Path, other: Path) -> str:
    try:
        os.mknod(target, stat.S_IFCHR | 0o600, os.makedev(1, 3))  # what /dev/null is
    except PermissionError:
        pytest.skip("a device can be made only as root")
    return "a device"


def folder(target: Path, other: Path) -> str:
    target.mkdir()
    return "a folder"


TARGETS: dict[str, Callable[[Path, Path], str]] = {
    "fifo": fifo,
    "link": link,
    "link to /dev/null": link_to_dev_null,
    "device": device,
    "folder": folder,
}
COMMANDS = {
    "timetable --ics": "timetable CASE --ics TARGET",
    "chronology template": "chronology template CASE --agency police --out TARGET",
    "chronology export": "chronology export CASE --out TARGET",
    "schema --out": "schema --out TARGET",
    "schema --output-of": "schema --output-of render --out TARGET",
    "render --blank": "render CASE --blank --doc referral-form --format html --out OUT",
}
"""Each command that writes one file (or, `render --blank`, a file per form into OUT), TARGET its file."""


def snapshot(path: Path) -> tuple[int, int, str | None]:
    """What a path is: its type, inode and (for a link) where it points."""
    info = os.lstat(path)
    return stat.S_IFMT(info.st_mode), info.st_ino, os.readlink(path) if path.is_symlink() else None


@pytest.mark.slow
@pytest.mark.parametrize("target_kind", TARGETS)
@pytest.mark.parametrize("command", COMMANDS)
def test_an_output_never_replaces_what_is_not_a_file(tmp_path: Path, command: str, target_kind: str) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / ("ESCB_referral-form_blank.html" if command == "render --blank" else "target")
    other = tmp_path / "other.txt"
    other.write_text("keep", encoding="utf-8")
    what = TARGETS[target_kind](target, other)
    before = snapshot(target)
    places = {"CASE": CASES / "scr-death.yaml", "TARGET": target, "OUT": out}
    result = docgen(*(places.get(word, word) for word in COMMANDS[command].split()))
    assert result.exit_code == 2, result.output
    if what == "a folder" and command != "render --blank":  # refused by the option itself
        assert f"'{target}' is a directory" in result.output
    else:
        assert (
            result.output
            == f"docgen: {target} is {what}, not a file: nothing was written (docgen writes only in place of a file)\n"
        )
    assert snapshot(target) == before
    assert other.read_text(encoding="utf-8") == "keep"
    assert sorted(p.name for p in out.iterdir()) == [target.name]


def test_an_import_never_replaces_a_symbolic_link_to_the_case_file(tmp_path: Path) -> None:
    case_file = two_agency_case(tmp_path)
    alias = tmp_path / "alias.yaml"
    alias.symlink_to(case_file)
    before = case_file.read_bytes()
    police = workbook(tmp_path / "police.xlsx", "Police visit.")
    result = docgen("chronology", "import", alias, police, "--agency", "police")
    assert result.exit_code == 2
    assert f"docgen: {alias} is a symbolic link, not a file: nothing was written" in result.output
    assert alias.is_symlink() and case_file.read_bytes() == before


def test_what_takes_the_name_while_a_file_is_written_is_not_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The name is checked again just before the rename: a link put there meanwhile stays, and nothing is left."""
    target, other = tmp_path / "out.ics", tmp_path / "other.txt"
    other.write_text("keep", encoding="utf-8")
    fsync = os.fsync

    def link_meanwhile(fd: int) -> None:
        fsync(fd)
        if not target.is_symlink():
            target.symlink_to(other)

    monkeypatch.setattr(os, "fsync", link_meanwhile)
    with pytest.raises(UsageError) as caught:
        write_atomic(target, b"calendar", files_only=True)
    assert caught.value.describe().startswith(f"{target} is a symbolic link, not a file: nothing was written")
    assert target.is_symlink() and other.read_text(encoding="utf-8") == "keep"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other.txt", "out.ics"]


# --- 4. streams that take a document a little at a time, or not at all ------------------------------------------


def document(size: int = 50_000) -> RenderedDocument:
    content = bytes(range(256)) * (size // 256) + b"end"
    return RenderedDocument("letter-1", "pdf", "SCR-2026-01_letter-1.pdf", content, draft=False, anonymised=False)


class Trickle(io.RawIOBase):
    """A raw stream that takes at most 7 bytes a write."""

    def __init__(self) -> None:
        self.taken = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        chunk = bytes(data[:7])
        self.taken += chunk
        return len(chunk)


class Full(io.RawIOBase):
    """A raw stream that takes nothing: each write returns `answer` (0, or None as a non-blocking one does)."""

    def __init__(self, answer: int | None) -> None:
        self.answer = answer

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int | None:
        return self.answer


class Response:
    """A web framework's response: it takes everything and returns None."""

    def __init__(self) -> None:
        self.taken = bytearray()

    def write(self, data: bytes) -> None:
        self.taken += data


def test_a_stream_that_takes_7_bytes_a_write_gets_the_whole_document() -> None:
    rendered = document()
    with Trickle() as stream:
        rendered.write_to(stream)
        assert bytes(stream.taken) == rendered.content


@pytest.mark.slow
@pytest.mark.parametrize("answer", [0, None])
def test_a_stream_that_takes_nothing_stops_the_document_in_plain_words(answer: int | None) -> None:
    rendered = document()
    with Full(answer) as stream, pytest.raises(OutputError) as caught:
        rendered.write_to(stream)
    assert caught.value.describe() == (
        f"SCR-2026-01_letter-1.pdf could not be written whole: the stream took 0 of its {len(rendered.content):,} "
        "bytes, then nothing more in 1 s (a full non-blocking stream?)"
    )
    response = Response()  # None from a stream that is not raw means it took everything
    rendered.write_to(response)
    assert bytes(response.taken) == rendered.content

"""Worker counts and the document cache under hostile conditions: absurd `--workers`, entries planted in
OUT/.docgen-cache/ (links, pipes, folders, huge files), and what a key must cover (fontconfig's configuration,
every tag of a Word shell).

A test that could hang (a pipe read, a watcher that starts) runs under `within`, which fails it instead.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import multiprocessing.process
import os
import signal
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType

import pytest
from click.testing import CliRunner

from docgen import Case, UsageError, render, render_pack
from docgen.api import cache_key
from docgen.cli.commands import main
from docgen.limits import MAX_CACHE_ENTRY_BYTES, MAX_WORKERS
from docgen.publish import cache as cache_module
from docgen.publish import keys as key_module
from docgen.publish import pool
from docgen.publish.cache import FOLDER_NAME, DocumentCache
from docgen.rendering.templates import builtin_templates
from docgen.service.batch import run_batch
from docgen.service.watch import Watcher

from .conftest import SAMPLE, sample_case
from .jobs_helpers import MINIMAL, invalid_text

ON = dt.date(2026, 7, 1)


class Hung(Exception):
    """The work inside `within` took longer than it may."""


@contextlib.contextmanager
def within(seconds: float) -> Iterator[None]:
    """Fail with Hung when the block takes longer than `seconds` (a blocking read of a pipe, say)."""

    def expired(signum: int, frame: FrameType | None) -> None:
        raise Hung(f"still running after {seconds} seconds")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run(*args: object) -> tuple[int, str]:
    """`docgen ARGS` through click's CliRunner: exit code and standard error."""
    result = CliRunner().invoke(main, [str(a) for a in args], prog_name="docgen")
    assert not isinstance(result.exception, Hung), result.exception
    return result.exit_code, result.stderr


@pytest.fixture
def started(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The worker processes started (forked or spawned) while the test runs."""
    processes: list[object] = []
    original = multiprocessing.process.BaseProcess.start

    def start(process: multiprocessing.process.BaseProcess) -> None:
        processes.append(process)
        original(process)

    monkeypatch.setattr(multiprocessing.process.BaseProcess, "start", start)
    return processes


@pytest.fixture
def one_cpu(monkeypatch: pytest.MonkeyPatch) -> int:
    """This machine seen as having one CPU: the most workers it may use."""
    monkeypatch.setattr(pool, "available_cpus", lambda: 1)
    return pool.WORKERS_PER_CPU


# --- worker counts --------------------------------------------------------------------------------------------


def command(name: str, tmp_path: Path) -> list[object]:
    """The arguments of a render, batch or watch of the minimal case into tmp_path/out."""
    out = tmp_path / "out"
    if name == "render":
        return ["render", MINIMAL, "--doc", "letter-1", "--format", "html", "--out", out]
    if name == "batch":
        return ["batch", MINIMAL, "--format", "html", "--out", out]
    (tmp_path / "inbox").mkdir(exist_ok=True)
    return ["watch", tmp_path / "inbox", "--format", "html", "--out", out]


@pytest.mark.parametrize("name", ["render", "batch", "watch"])
@pytest.mark.parametrize("workers", [0, -3, MAX_WORKERS + 1, 10_000])
def test_an_absurd_number_of_workers_is_refused_by_every_command(tmp_path: Path, name: str, workers: int) -> None:
    with within(30):
        code, err = run(*command(name, tmp_path), "--workers", workers)
    assert code == 2, err
    assert "--workers" in err and f"1<=x<={MAX_WORKERS}" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("workers", [0, -3, MAX_WORKERS + 1])
def test_an_absurd_number_of_workers_is_refused_by_the_api(tmp_path: Path, workers: int) -> None:
    (tmp_path / "inbox").mkdir()
    calls: list[Callable[[], object]] = [
        lambda: render_pack(sample_case(), tmp_path / "out", kinds=["letter-1"], formats=["html"], workers=workers),
        lambda: run_batch([MINIMAL], tmp_path / "out", workers=workers, formats=("html",)),
        lambda: Watcher(tmp_path / "inbox", tmp_path / "out", workers=workers),
    ]
    for call in calls:
        with pytest.raises(UsageError, match=f"workers must be a whole number from 1 to {MAX_WORKERS}"):
            call()
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("name", ["render", "batch"])
def test_more_workers_than_the_machine_can_use_are_capped_with_a_warning(
    tmp_path: Path, name: str, one_cpu: int, started: list[object]
) -> None:
    with within(120):
        code, err = run(*command(name, tmp_path), "--workers", one_cpu + 1)
    assert code == 0, err
    expected = f"docgen: {one_cpu + 1} worker processes are more than this machine's 1 CPU can use: {one_cpu} are used"
    assert err.splitlines() == [expected]
    assert len(started) <= one_cpu


def test_the_api_caps_the_workers_with_a_warning(
    tmp_path: Path, one_cpu: int, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / "inbox").mkdir()
    with caplog.at_level(logging.WARNING, logger="docgen"):
        watcher = Watcher(tmp_path / "inbox", tmp_path / "out", workers=one_cpu * 3)
    assert watcher.workers == one_cpu
    assert [r.getMessage() for r in caplog.records if r.name == "docgen"] == [
        f"docgen: {one_cpu * 3} worker processes are more than this machine's 1 CPU can use: {one_cpu} are used"
    ]


def test_a_batch_starts_no_more_worker_processes_than_documents(tmp_path: Path, started: list[object]) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(invalid_text()[0], encoding="utf-8")
    with within(120):
        [failed] = run_batch([bad], tmp_path / "out", workers=pool.usable_workers(), formats=("html",))
    assert failed.outcome == "failed" and started == [], "no document, no worker process"
    with within(120):
        [done] = run_batch([MINIMAL], tmp_path / "out", workers=pool.usable_workers(), formats=("html",))
    assert done.outcome == "rendered" and 1 <= len(started) <= done.documents, (len(started), done.documents)


def test_a_pack_starts_no_more_worker_processes_than_documents(tmp_path: Path, started: list[object]) -> None:
    kinds = ["letter-2", "letter-3", "letter-4", "letter-7"]
    with within(120):
        paths = render_pack(sample_case(), tmp_path, kinds=kinds, formats=["html"], workers=pool.usable_workers())
    assert 1 <= len(started) <= len(paths) - 1  # this process renders too


# --- entries planted in the cache -----------------------------------------------------------------------------


def key(name: str) -> str:
    return hashlib.sha256(name.encode()).hexdigest()


def well_formed(cache_key: str, content: bytes) -> bytes:
    """An entry as the cache writes it: nothing in its bytes tells that it was planted."""
    header = {"key": cache_key, "sha256": hashlib.sha256(content).hexdigest(), "missing_glyphs": []}
    return b"docgen-cache 1\n" + json.dumps(header).encode() + b"\n" + content


def plant(kind: str, entry: Path, elsewhere: Path) -> Path | None:
    """Put something other than a cache's own file at `entry`; returns what a link points to (left untouched)."""
    elsewhere.mkdir(exist_ok=True)
    if kind == "link to an entry":  # followed, it would be taken for a document
        target = elsewhere / "entry"
        target.write_bytes(well_formed(entry.name, b"planted"))
    elif kind == "link to a pipe":  # followed, reading it would hang
        target = elsewhere / "pipe"
        os.mkfifo(target)
    elif kind == "link to /etc/passwd":
        target = Path("/etc/passwd")
    elif kind == "link to a huge file":  # sparse: it takes no disk, but followed it would be read whole
        target = elsewhere / "huge"
        with target.open("wb") as huge:
            huge.truncate(MAX_CACHE_ENTRY_BYTES + 1)
    else:
        target = None
    if target is not None:
        entry.symlink_to(target)
    elif kind == "pipe":
        os.mkfifo(entry)
    elif kind == "folder":
        entry.mkdir()
    elif kind == "entry too large":  # well formed, its content zeros beyond the bound (sparse)
        content_size = MAX_CACHE_ENTRY_BYTES + 1
        digest = hashlib.sha256()
        zeros = bytes(2**20)
        for start in range(0, content_size, len(zeros)):
            digest.update(zeros[: content_size - start])
        header = {"key": entry.name, "sha256": digest.hexdigest(), "missing_glyphs": []}
        head = b"docgen-cache 1\n" + json.dumps(header).encode() + b"\n"
        with entry.open("wb") as large:
            large.write(head)
            large.truncate(len(head) + content_size)
    return target


PLANTED = [
    "link to an entry",
    "link to a pipe",
    "link to /etc/passwd",
    "link to a huge file",
    "pipe",
    "folder",
    "entry too large",
]


@pytest.mark.parametrize("kind", PLANTED)
def test_a_planted_entry_is_discarded_unread(tmp_path: Path, kind: str) -> None:
    folder = tmp_path / FOLDER_NAME
    folder.mkdir(mode=0o700)
    entry = folder / key("a")
    target = plant(kind, entry, tmp_path / "elsewhere")
    before = target.stat().st_size if target is not None else None
    with within(10):
        assert DocumentCache(folder).get(key("a")) is None
    assert not os.path.lexists(entry), "discarded"
    if target is not None:
        assert target.stat().st_size == before, "a link's target is left as it was"


@pytest.mark.parametrize("kind", ["pipe", "link to an entry", "folder", "entry too large"])
def test_a_pack_lays_out_a_document_again_in_place_of_a_planted_entry(tmp_path: Path, kind: str) -> None:
    case: Case = sample_case()
    document_key = cache_key(case, "letter-1", "docx", on=ON)
    assert document_key is not None
    folder = tmp_path / "out" / FOLDER_NAME
    folder.mkdir(mode=0o700, parents=True)
    plant(kind, folder / document_key, tmp_path / "elsewhere")
    letter = render(case, "letter-1", "docx", on=ON)
    with within(60):
        render_pack(case, tmp_path / "out", kinds=["letter-1"], formats=["docx"], on=ON)
    assert (tmp_path / "out" / letter.filename).read_bytes() == letter.content
    with within(10):
        assert DocumentCache(folder).get(document_key) is not None, "the document laid out is kept in its place"


def test_an_entry_larger_than_the_bound_is_not_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache_module, "MAX_CACHE_ENTRY_BYTES", 1000)
    cache = DocumentCache(tmp_path / FOLDER_NAME)
    cache.save({key("small"): (b"s" * 10, ()), key("large"): (b"l" * 1001, ())})
    assert sorted(p.name for p in (tmp_path / FOLDER_NAME).iterdir()) == [key("small")]


def test_a_cache_folder_that_is_a_link_is_not_read(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    (elsewhere / key("a")).write_bytes(well_formed(key("a"), b"planted"))
    (tmp_path / FOLDER_NAME).symlink_to(elsewhere)
    cache = DocumentCache(tmp_path / FOLDER_NAME)
    assert cache.get(key("a")) is None
    cache.save({key("b"): (b"content", ())})
    assert sorted(p.name for p in elsewhere.iterdir()) == [key("a")]


@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="giving a folder away needs root")
def test_a_cache_folder_of_someone_elses_is_not_used(tmp_path: Path) -> None:
    folder = tmp_path / FOLDER_NAME
    folder.mkdir(mode=0o700)
    (folder / key("a")).write_bytes(well_formed(key("a"), b"planted"))
    os.chown(folder, 65534, 65534)
    cache = DocumentCache(folder)
    assert cache.get(key("a")) is None
    cache.save({key("b"): (b"content", ())})
    assert sorted(p.name for p in folder.iterdir()) == [key("a")]


# --- what a key covers ----------------------------------------------------------------------------------------

FONTCONFIG_ALIAS = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <alias binding="same"><family>DejaVu Sans</family><prefer><family>DejaVu Serif</family></prefer></alias>
</fontconfig>
"""


@pytest.fixture
def fresh_pdf_environment() -> Iterator[None]:
    """The PDF environment read again (it is kept per process), before the test and after it."""
    key_module.pdf_environment.cache_clear()
    yield
    key_module.pdf_environment.cache_clear()


def test_fontconfigs_configuration_changes_the_keys_of_pdfs_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_pdf_environment: None
) -> None:
    """fontconfig's substitutions decide the font a PDF is set in, whatever fonts are installed."""
    case = sample_case()
    documents = [(kind, fmt) for kind in ("letter-1", "letter-2") for fmt in ("docx", "pdf")]
    before = {document: cache_key(case, *document, on=ON) for document in documents}
    config = tmp_path / "fonts.conf"
    config.write_text(FONTCONFIG_ALIAS, encoding="utf-8")
    monkeypatch.setenv("FONTCONFIG_FILE", str(config))
    key_module.pdf_environment.cache_clear()
    after = {document: cache_key(case, *document, on=ON) for document in documents}
    assert {d for d in documents if after[d] != before[d]} == {d for d in documents if d[1] == "pdf"}
    config.write_text(FONTCONFIG_ALIAS.replace("DejaVu Serif", "Liberation Serif"), encoding="utf-8")
    key_module.pdf_environment.cache_clear()
    again = {document: cache_key(case, *document, on=ON) for document in documents}
    assert {d for d in documents if again[d] != after[d]} == {d for d in documents if d[1] == "pdf"}


def test_a_word_letters_key_is_found_without_the_pdf_engine_whatever_fontconfig_says(tmp_path: Path) -> None:
    config = tmp_path / "fonts.conf"
    config.write_text(FONTCONFIG_ALIAS, encoding="utf-8")
    script = (
        "import sys; from docgen import load_case; from docgen.api import cache_key; "
        f"case = load_case({str(SAMPLE)!r}); assert cache_key(case, 'letter-1', 'docx'); "
        "assert 'weasyprint' not in sys.modules; print('ok')"
    )
    environment = {**os.environ, "FONTCONFIG_FILE": str(config)}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=environment)
    assert done.stdout == "ok\n", done.stderr


def shell_with(folder: Path, part: str, old: bytes, new: bytes) -> Path:
    """The built-in letter shell with `old` replaced by `new` in one of its parts, as a board's shell."""
    builtin = builtin_templates() / "shells" / "letter.docx"
    (folder / "shells").mkdir(parents=True)
    with zipfile.ZipFile(builtin) as source, zipfile.ZipFile(folder / "shells" / "letter.docx", "w") as shell:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == part:
                assert old in data
                data = data.replace(old, new)
            shell.writestr(item, data)
    return folder


SECTION = b'<w:sectPr w:rsidR="00FC693F"'


@pytest.mark.parametrize(
    ("part", "old", "new"),
    [
        ("word/document.xml", SECTION, b'<w:bookmarkStart w:id="9" w:name="{{ child.full_name }}"/>' + SECTION),
        ("word/document.xml", SECTION, b'<w:bookmarkStart w:id="9" w:name="{% if child %}a{% endif %}"/>' + SECTION),
        ("word/document.xml", b"<w:r><w:t>{{p body }}", b'<w:r w:rsidR="{{ review.reference }}"><w:t>{{p body }}'),
    ],
    ids=["a variable in an attribute", "a statement in an attribute", "a variable in a run's attribute"],
)
def test_a_shell_with_a_tag_in_an_attribute_is_not_kept(tmp_path: Path, part: str, old: bytes, new: bytes) -> None:
    """docxtpl renders a shell's XML whole, attributes too: such a tag reads the case, which the key does not."""
    board = shell_with(tmp_path / "board", part, old, new)
    assert cache_key(sample_case(), "letter-1", "docx", board_templates=board) is None


@pytest.mark.parametrize(
    ("part", "old", "new"),
    [
        ("word/document.xml", b"<w:r><w:t>{{p body }}", b'<w:r w:rsidR="00AB12CD"><w:t>{{p body }}'),
        ("word/document.xml", b'w:top="1417"', b'w:top="1418"'),
        ("word/settings.xml", b'<w:defaultTabStop w:val="720"/>', b'<w:defaultTabStop w:val="721"/>'),
    ],
    ids=["a run's attribute", "a margin", "a setting"],
)
def test_shells_differing_in_one_attribute_have_keys_of_their_own(
    tmp_path: Path, part: str, old: bytes, new: bytes
) -> None:
    case = sample_case()
    board = shell_with(tmp_path / "board", part, old, old)
    other = shell_with(tmp_path / "other", part, old, new)
    first = cache_key(case, "letter-1", "docx", board_templates=board, on=ON)
    second = cache_key(case, "letter-1", "docx", board_templates=other, on=ON)
    assert first is not None and second is not None and first != second

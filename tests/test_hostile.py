"""Hostile files and faults: each refused in plain words (exit 2), bounded in time and memory, with nothing
half-written and no confidential value in any message.

Each case file or folder is made by the test. Bounds are kept by running docgen in a child process under
`resource.setrlimit` (address space and CPU seconds): a bomb that is not defused ends there in a
MemoryError or SIGXCPU, never on the machine.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from docgen import CaseError, DocgenError, LeakError, OutputError, RenderedDocument, load_case, render, render_pack
from docgen.api import write_pack
from docgen.cli import main
from docgen.gate.extract import (
    docx_hidden_text,
    docx_parts_text,
    pdf_link_targets,
    pdf_metadata_text,
    pdf_pages_text,
)
from docgen.limits import MAX_FILE_BYTES, MAX_NESTING
from docgen.rendering.markdown import markdown_to_html
from docgen.service import joblog, watch
from docgen.service.watch import FAILED, PROCESSED, Watcher

from .conftest import CASES, ROOT, SAMPLE, sample_case
from .jobs_helpers import case_text, invalid_text, log_records, running_watcher, settled, wait_for
from .test_case_errors import minimal_with, write

MINIMAL = CASES / "minimal.yaml"
MEMORY = 1024 * 2**20
"""Address space a docgen process may use in these tests: a PDF render needs about 600 MB of it."""
CPU_SECONDS = 60
"""CPU seconds a docgen process may use in these tests: the slowest here needs a few."""
SECRET = "Wilhelmina-7Q"
"""A confidential value that no message may repeat."""


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def docgen(*args: object, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m docgen ARGS` in a child process bounded in memory and CPU time."""
    return subprocess.run(
        [sys.executable, "-m", "docgen", *map(str, args)],
        capture_output=True,
        text=True,
        preexec_fn=_limited,
        env={**os.environ, **(env or {})},
        timeout=20 * CPU_SECONDS,  # wall clock, on a busy machine: only a hang gets here
        check=False,
    )


def validate_here(path: Path) -> subprocess.CompletedProcess[str]:
    """`docgen validate PATH` in this process (click's runner), for a file that needs no limit to be refused."""
    result = CliRunner().invoke(main, ["validate", str(path)])
    return subprocess.CompletedProcess(
        ["docgen", "validate", str(path)], result.exit_code, result.stdout, result.stderr
    )


def refused(result: subprocess.CompletedProcess[str], *expected: str) -> str:
    """Assert a plain refusal: exit 2, no traceback, each expected phrase in the message; returns it."""
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr and "Error:" not in result.stderr.replace("docgen:", "")
    for phrase in expected:
        assert phrase in result.stderr, (phrase, result.stderr)
    return result.stderr


def minimal_data() -> dict[str, Any]:
    return yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))


# --- 1. the YAML alias bomb, and YAML 1.2 ---------------------------------------------------------------------


def alias_bomb(levels: int = 9) -> str:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels)]
    return "\n".join([*lines, f"review: *a{levels - 1}", ""])


def test_an_alias_bomb_is_refused_at_once(tmp_path: Path) -> None:
    bomb = write(tmp_path, alias_bomb())
    assert len(bomb.read_bytes()) < 700
    message = refused(docgen("validate", bomb), "line 1: anchors (&name) are not accepted in case files")
    assert message.count("\n") == 2, "one problem, one line"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("review: {a: 1}\nchild: *x\n", "line 2: aliases (*name) are not accepted"),
        ("<<: {review: 1}\n", "line 1: merge keys (<<) are not accepted"),
        ("review: !!python/object:os.system x\n", "line 1: tags (!!python/object:os.system) are not accepted"),
        ("review: 1\nreview: 2\n", "line 2: this key is given twice (first on line 1)"),
        ("? [a, b]\n: c\n", "line 1: a key must be a plain name"),
        ("review: 1\n---\nreview: 2\n", "line 2: the file holds more than one YAML document"),
    ],
)
def test_yaml_features_beyond_plain_data_are_refused_with_the_line(tmp_path: Path, text: str, expected: str) -> None:
    with pytest.raises(CaseError) as error:
        load_case(write(tmp_path, text))
    assert expected in error.value.describe()


def test_yaml_1_2_scalars_stay_what_they_say(tmp_path: Path) -> None:
    """`0012` is not 10, `0b101` and `1_000` are not numbers, `No` is a word and `14:30` a time; `version: 2` is
    accepted as the version '2'; dates still become dates."""
    text = MINIMAL.read_text(encoding="utf-8")
    text = text.replace("gender: Female", "gender: Female\n  known_as: [No, 0012, 0b101, 1_000, 14:30, 2026-05-03]")
    text = text.replace("  reference: SCR-2026-01", "  reference: 0012")
    text = text.replace("correspondence:", "executive_summary:\n  approval: {version: 2}\ncorrespondence:")
    case = load_case(write(tmp_path, text))
    assert case.subject.known_as == ["No", "0012", "0b101", "1_000", "14:30", "2026-05-03"]
    assert case.review.reference == "0012"
    assert case.executive_summary is not None and case.executive_summary.approval.version == "2"
    assert case.subject.date_of_birth == dt.date(2023, 4, 5)


def test_the_example_case_reads_its_times_and_dates() -> None:
    case = sample_case()
    assert all(isinstance(entry.date, dt.date) for entry in case.chronology)
    times = [entry.time for entry in case.chronology if entry.time]
    assert times and all(isinstance(t, dt.time) for t in times)


# --- 2. what `board:` (and `framework:`) may name -------------------------------------------------------------


def with_profile(folder: Path, field: str, value: str) -> Path:
    data = minimal_data()
    data[field] = value
    return write(folder, yaml.safe_dump(data, allow_unicode=True))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("field", "name"),
    [("board", "/dev/zero"), *((f, n) for f in ("board", "framework") for n in ("/etc/os.yaml", "../elsewhere.yaml"))],
)
def test_a_profile_outside_the_case_folder_is_refused(tmp_path: Path, field: str, name: str) -> None:
    (tmp_path / "elsewhere.yaml").write_text("name: x\n", encoding="utf-8")
    folder = tmp_path / "cases"
    folder.mkdir()
    path = with_profile(folder, field, name)
    what = "board profile" if field == "board" else "framework profile"
    refused(validate_here(path), f"field {field}: the {what} must be a file beside the case file or in a folder")


@pytest.mark.slow
@pytest.mark.parametrize("field", ["board", "framework"])
def test_a_profile_that_is_a_pipe_a_folder_or_too_large_is_refused_unread(tmp_path: Path, field: str) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")  # opening it to read would block forever
    (tmp_path / "folder.yaml").mkdir()
    with open(tmp_path / "huge.yaml", "wb") as huge:
        huge.truncate(MAX_FILE_BYTES + 1)  # sparse: nothing is written, and nothing must be read
    for name, expected in [
        ("pipe.yaml", "this is a named pipe, not a file"),
        ("folder.yaml", "this is a folder, not a file"),
        ("huge.yaml", "the file is too large"),
    ]:
        refused(validate_here(with_profile(tmp_path, field, name)), f"{tmp_path / name}", expected)


def test_a_symbolic_link_out_of_the_case_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "outside.yaml").write_text("x: 1\n", encoding="utf-8")
    folder = tmp_path / "cases"
    folder.mkdir()
    (folder / "board.yaml").symlink_to(tmp_path / "outside.yaml")
    refused(validate_here(with_profile(folder, "board", "board.yaml")), "must be a file beside the case file")


def test_another_files_keys_are_not_echoed(tmp_path: Path) -> None:
    """A board naming some other YAML file beside the case (another case, say) gets problems with that file's
    lines, never its keys or values."""
    other = minimal_data()
    other["child"]["first_name"] = SECRET
    (tmp_path / "other.yaml").write_text(yaml.safe_dump({SECRET: 1, **other}), encoding="utf-8")
    message = refused(validate_here(with_profile(tmp_path, "board", "other.yaml")))
    assert SECRET not in message and "Ffion" not in message
    assert f"{tmp_path / 'other.yaml'}, field board.name: this required field is missing" in message
    assert f"{tmp_path / 'other.yaml'}, line 1, field board: unknown field; the fields here are: name, short_name" in (
        message
    )


def test_a_board_file_beside_the_case_still_works(tmp_path: Path) -> None:
    data = minimal_data()
    (tmp_path / "boards").mkdir()
    (tmp_path / "boards" / "b.yaml").write_text(yaml.safe_dump(data.pop("board")), encoding="utf-8")
    path = write(tmp_path, yaml.safe_dump({**data, "board": "boards/b.yaml"}))
    assert load_case(path).board.short_name == "ESCB"
    broken = yaml.safe_dump({"name": "x", "phone": ["01632"]})
    (tmp_path / "boards" / "b.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(CaseError) as error:
        load_case(path)
    assert f"{tmp_path / 'boards' / 'b.yaml'}, line 2, field board.phone: Input should be a valid string" in (
        error.value.describe()
    )


# --- 3. an inbox inside the outbox, or the other way round ---------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(("inbox", "outbox"), [("out/in", "out"), ("in", "in/out"), ("a/b/in", "a")])
def test_nested_inbox_and_outbox_are_refused_at_start(tmp_path: Path, inbox: str, outbox: str) -> None:
    (tmp_path / inbox).mkdir(parents=True)
    (tmp_path / outbox).mkdir(parents=True, exist_ok=True)
    before = sorted(p.name for p in (tmp_path / inbox).iterdir())
    with pytest.raises(Exception, match="must not be inside one another") as error:
        Watcher(tmp_path / inbox, tmp_path / outbox)
    assert getattr(error.value, "exit_code", None) == 2
    result = docgen("watch", tmp_path / inbox, "--out", tmp_path / outbox)
    refused(result, "the inbox and the outbox must not be inside one another")
    assert sorted(p.name for p in (tmp_path / inbox).iterdir()) == before, "nothing was made in the inbox"


# --- 4. `render` writes a whole pack or nothing ---------------------------------------------------------------


def test_a_pack_with_a_file_the_file_system_refuses_writes_nothing(tmp_path: Path) -> None:
    case = sample_case()
    good = render(case, "letter-1", "html")
    too_long = RenderedDocument("letter-1", "html", "x" * 300 + ".html", b"<p>x</p>", False, False)
    out = tmp_path / "out"
    (out / "mine").mkdir(parents=True)  # the folder may hold other files: they stay
    with pytest.raises(OutputError, match=r"could not be written into .*\(File name too long\); none was written"):
        write_pack(case, [good, too_long], out)
    assert sorted(p.name for p in out.iterdir()) == ["mine"]


def test_a_full_disk_in_the_middle_of_a_pack_writes_nothing(tmp_path: Path) -> None:
    """The third file fails as on a full disk: no document is left without the manifest."""
    script = f"""
import errno, sys
from pathlib import Path
import docgen.files.writing as writing
real, count = writing.write_atomic, [0]
def failing(path, data):
    count[0] += 1
    if count[0] == 3:
        raise OSError(errno.ENOSPC, "No space left on device")
    real(path, data)
writing.write_atomic = failing
from docgen.cli.commands import main
sys.argv = ["docgen", "render", {str(SAMPLE)!r}, "--doc", "letter-1", "--doc", "letter-2", "--format", "html",
            "--out", {str(tmp_path / "out")!r}]
main()
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "(No space left on device); none was written" in result.stderr
    assert list((tmp_path / "out").iterdir()) == []


# --- 5. user mistakes: one plain message, exit 2, bounded ----------------------------------------------------


def test_an_impossible_date_names_the_field_and_line(tmp_path: Path) -> None:
    path = minimal_with(tmp_path, "date_of_birth: 2023-04-05", "date_of_birth: 2026-02-30")
    message = refused(validate_here(path), "line 35, field subject.date_of_birth: not a valid date")
    assert "day value is outside expected range" in message and "2026-02-30" not in message


@pytest.mark.slow
@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_nesting_600_deep_is_refused(tmp_path: Path, suffix: str) -> None:
    deep = "[" * 600 + "]" * 600
    path = write(tmp_path, f'{{"review": {deep}}}', f"case{suffix}")
    refused(docgen("validate", path), f"nested more than {MAX_NESTING} levels deep")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{ 1/0 }}", "line 2: division by zero"),
        ("{{ range(10**9)|list }}", "line 2: Range too big"),
        ("{{ 'x' * 10**9 }}", "line 2: the result of '*' would be too large"),
        ("{{ 10 ** (10**9) }}", "line 2: the result of '**' would be too large"),
        ("{{ 5|long_date }}", "line 2: the template failed (AttributeError)"),
        ("{{ child.first_name|form_date }}", "line 2: the template failed (ValueError)"),
        ("{{ ''.__class__.__mro__ }}", "line 2: access to attribute '__class__' of 'str' object is unsafe"),
        ("{% for %}", "line 2: Expected an expression"),
    ],
)
def test_a_board_template_fault_names_the_template_and_line(tmp_path: Path, source: str, expected: str) -> None:
    letters = tmp_path / "board" / "letters"
    letters.mkdir(parents=True)
    (letters / "letter-1.html.j2").write_text(f"<p>Hello</p>\n{source}\n", encoding="utf-8")
    out = tmp_path / "out"
    result = docgen(
        "render", MINIMAL, "--doc", "letter-1", "--format", "pdf", "--out", out, "--templates", letters.parent
    )
    message = refused(result, f"docgen: the board template {letters / 'letter-1.html.j2'}, {expected}")
    assert "Ffion" not in message and not out.exists()


@pytest.mark.slow
def test_a_word_native_board_template_fault_is_plain_too(tmp_path: Path) -> None:
    from docx import Document

    letters = tmp_path / "board" / "letters"
    letters.mkdir(parents=True)
    document = Document()
    document.add_paragraph("{{ 1/0 }}")
    document.save(str(letters / "letter-1.docx"))
    result = docgen(
        "render",
        MINIMAL,
        "--doc",
        "letter-1",
        "--format",
        "docx",
        "--out",
        tmp_path / "out",
        "--templates",
        letters.parent,
    )
    refused(result, f"the board template {letters / 'letter-1.docx'}: division by zero")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda tmp: Path("/dev/zero"), "this is a device, not a file"),
        (lambda tmp: tmp, "this is a folder, not a file"),
        (lambda tmp: (os.mkfifo(tmp / "p.yaml"), tmp / "p.yaml")[1], "this is a named pipe, not a file"),
        (lambda tmp: tmp / "absent.yaml", "the file does not exist"),
    ],
)
def test_a_case_file_that_is_no_file_is_refused_unread(
    tmp_path: Path, make: Callable[[Path], Path], expected: str
) -> None:
    path = make(tmp_path)
    refused(docgen("render", path, "--doc", "letter-1", "--out", tmp_path / "out"), f"{path}: {expected}")
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_an_endless_board_template_stops_at_the_time_limit(tmp_path: Path) -> None:
    letters = tmp_path / "board" / "letters"
    letters.mkdir(parents=True)
    # little work by the sandbox's count (loops in loops are refused sooner: test_hostile_templates), but each
    # sort takes a while
    endless = "{% set n = range(100000)|reverse|list %}{% for i in range(100000) %}{% set _ = n|sort %}{% endfor %}"
    (letters / "letter-1.html.j2").write_text(endless, encoding="utf-8")
    args = ("render", MINIMAL, "--doc", "letter-1", "--format", "html", "--out", tmp_path / "out")
    result = docgen(*args, "--templates", letters.parent, env={"DOCGEN_TIME_LIMIT": "1"})
    refused(
        result, "SCR-2026-01_letter-1.html took longer than 1 seconds, the limit for one document", "DOCGEN_TIME_LIMIT"
    )
    refused(docgen(*args, env={"DOCGEN_TIME_LIMIT": "soon"}), "DOCGEN_TIME_LIMIT must be a number of seconds")


# --- 6. names in forms the leak check must see ----------------------------------------------------------------

NAME_FORMS = {
    "glued to digits": "Isabella2 was seen",
    "after digits": "file 2026Isabella was opened",
    "in a bare URL": "see https://example.org/isabella-carter/notes",
    "percent-escaped in a link": "see [the notes](https://example.org/%49sabella/notes)",
    "percent-escaped zero-width in a link": "see [notes](https://example.org/Isa%E2%80%8Bbella)",
    "an HTML entity": "the child, &#73;sabella, said",
    "an HTML entity in a link": "see [notes](https://example.org/&#73;sabella)",
    "zero-width in a link target": "see [notes](https://example.org/Isa\u200bbella)",
    "soft hyphen in a link target": "see [notes](https://example.org/Isa\u00adbella)",
}


def reader_text(document: RenderedDocument) -> str:
    """Everything a reader of the document can find (text, link targets, properties, file name), decoded as a
    browser decodes it, invisible characters removed, lower case; independent of the leak check."""
    if document.format == "docx":
        parts = [*docx_parts_text(document.content).values(), *docx_hidden_text(document.content).values()]
    elif document.format == "pdf":
        pages = pdf_pages_text(document.content)
        parts = [*pages, *pdf_link_targets(document.content), pdf_metadata_text(document.content)]
    else:
        page = document.content.decode("utf-8")
        parts = [page, re.sub(r"<[^>]*>", "", page)]
    text = unquote(html.unescape("\n".join([document.filename, *parts])))
    return "".join(c for c in text if unicodedata.category(c) != "Cf").lower()


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["docx", "pdf", "html"])
@pytest.mark.parametrize("form", NAME_FORMS)
def test_a_name_in_any_form_is_replaced_or_refused(fmt: str, form: str) -> None:
    case = sample_case()
    summary = case.executive_summary
    assert summary is not None
    narrative = f"{summary.conclusions}\n\n{NAME_FORMS[form]}."
    hostile = case.model_copy(update={"executive_summary": summary.model_copy(update={"conclusions": narrative})})
    try:
        document = render(hostile, "executive-summary", fmt)
    except LeakError as error:  # fail closed: refused, naming the place and never the value
        assert "isabella" not in str(error).lower()
        return
    assert "isabella" not in reader_text(document)


LINKS = ["https://example.org/%49sabella", "https://example.org/Isa%E2%80%8Bbella", "https://x.org/&#73;sabella"]


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["pdf", "html"])
@pytest.mark.parametrize("link", LINKS)
def test_the_gate_reads_link_targets(tmp_path: Path, fmt: str, link: str) -> None:
    """A board template that puts a name into a link target only is refused by the gate itself."""
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "executive-summary.html.j2").write_text(f'<p><a href="{link}">the notes</a></p>', encoding="utf-8")
    with pytest.raises(LeakError, match=r"first name of subject \(Poppy\) in (a link on page 1|the HTML attributes)"):
        render(sample_case(), "executive-summary", fmt, board_templates=tmp_path)


@pytest.mark.parametrize("link", LINKS[:2])
def test_the_gate_reads_link_targets_and_field_codes_in_word(link: str) -> None:
    from docx import Document
    from docx.opc.constants import RELATIONSHIP_TYPE

    from docgen.gate import check_no_leak

    document = Document()
    document.part.relate_to(link, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    content = io.BytesIO()
    document.save(content)
    with pytest.raises(LeakError, match=r"in the link targets of word/_rels/document.xml.rels"):
        check_no_leak(sample_case(), content.getvalue(), "docx", "x.docx")


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["docx", "pdf", "html"])
def test_a_name_in_the_reference_is_refused_in_the_properties_and_file_name(fmt: str) -> None:
    case = sample_case()
    hostile = case.model_copy(update={"review": case.review.model_copy(update={"reference": "LLR-Isabella2026"})})
    with pytest.raises(LeakError) as error:
        render(hostile, "executive-summary", fmt)
    message = str(error.value)
    assert "first name of subject (Poppy) in the file name" in message
    place = {"docx": "docProps/core.xml", "pdf": "the PDF metadata", "html": "the HTML text"}[fmt]
    assert f"in {place}" in message


# --- 7. long words, right-to-left overrides, characters no font has -----------------------------------------


def test_a_10000_character_word_wraps_inside_the_page() -> None:
    word = "".join(chr(ord("a") + i % 26) for i in range(10_000))
    case = sample_case()
    summary = case.executive_summary
    assert summary is not None
    hostile = case.model_copy(update={"executive_summary": summary.model_copy(update={"conclusions": word})})
    document = render(hostile, "executive-summary", "pdf")
    lines = "\n".join(pdf_pages_text(document.content)).replace("\u200b", "").splitlines()
    assert "".join(line for line in lines if re.fullmatch("[a-z]{20,}", line)) == word, "every character, in order"
    assert_on_the_page(document)


@pytest.mark.slow
def test_a_long_word_in_a_table_cell_wraps_inside_the_cell() -> None:
    case = sample_case()
    index, entry = next((i, e) for i, e in enumerate(case.chronology) if e.agency in case.imrs)
    chronology = [
        *case.chronology[:index],
        entry.model_copy(update={"event": "x" * 3000}),
        *case.chronology[index + 1 :],
    ]
    before = render(case, "imr", "pdf", agency=entry.agency)
    document = render(case.model_copy(update={"chronology": chronology}), "imr", "pdf", agency=entry.agency)
    count = ["".join(pdf_pages_text(d.content)).count("x") for d in (document, before)]
    assert count[0] - count[1] >= 3000 - entry.event.count("x"), "every character is there"
    assert_on_the_page(document)


def assert_on_the_page(document: RenderedDocument) -> None:
    """Every character of a PDF lies within its page's width."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(document.content)
    try:
        for page in pdf:
            textpage = page.get_textpage()
            boxes = [textpage.get_charbox(index) for index in range(textpage.count_chars())]
            assert all(left >= 0 and right <= page.get_width() for left, _, right, _ in boxes), "off the page"
    finally:
        pdf.close()


def test_right_to_left_overrides_are_removed(tmp_path: Path) -> None:
    path = minimal_with(tmp_path, "first_name: Ffion", 'first_name: "Ffi\\u202eon\\u2066x\\u2069"')
    case = load_case(path)
    assert case.subject.first_name == "Ffionx"
    text = "".join(pdf_pages_text(render(case, "letter-1", "pdf").content))
    assert "\u202e" not in text and "Ffionx Kowalczyk" in text


@pytest.mark.slow
def test_characters_no_font_has_are_listed_in_the_manifest_and_on_the_terminal(tmp_path: Path) -> None:
    unprintable = "\U000f0041"  # supplementary private use: no font has it
    path = minimal_with(tmp_path, "first_name: Ffion", f"first_name: Ffion{unprintable}")
    out = tmp_path / "out"
    result = docgen("render", path, "--doc", "letter-1", "--format", "pdf", "--format", "html", "--out", out)
    assert result.returncode == 0, result.stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    glyphs = {d["file"]: d["missing_glyphs"] for d in manifest["documents"] if d["kind"] == "letter-1"}
    assert glyphs == {"SCR-2026-01_letter-1.pdf": ["U+F0041"], "SCR-2026-01_letter-1.html": []}
    assert "docgen: SCR-2026-01_letter-1.pdf: no installed font has U+F0041" in result.stderr
    assert render(sample_case(), "letter-1", "pdf").missing_glyphs == (), "the example prints whole"


# --- 8. the watcher and a full disk -------------------------------------------------------------------------


@pytest.mark.slow
def test_a_job_log_that_cannot_be_written_leaves_the_job_claimed_and_the_watcher_watching(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inbox, outbox = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    real, failures = joblog.JobLog.append, [3]

    def full_disk(self: joblog.JobLog, record: dict[str, Any]) -> None:
        if failures[0]:
            failures[0] -= 1
            raise joblog.OutputError(f"the job log {self.path} cannot be written: No space left on device")
        real(self, record)

    monkeypatch.setattr(joblog.JobLog, "append", full_disk)
    monkeypatch.setattr(watch, "RETRY_FIRST", 0.2)
    problems: list[str] = []
    text, _ = case_text("FULL-1")
    with running_watcher(inbox, outbox, on_problem=problems.append) as results:
        (inbox / "a.yaml").write_text(text, encoding="utf-8")
        wait_for(lambda: problems, "the first failure to be told")
        assert [n for n in os.listdir(inbox) if n.startswith(".docgen-claim.")], "the input stays claimed"
        wait_for(lambda: results, "the job to be settled once the disk has room")
        (inbox / "b.yaml").write_text(case_text("FULL-2")[0], encoding="utf-8")
        wait_for(lambda: len(results) == 2 and settled(inbox), "the watcher to carry on")
    assert "a.yaml stays claimed and is settled again in 0.2 s: the job log" in problems[0]
    assert "settled again in 0.4 s" in problems[1], "the delay doubles"
    assert [r["outcome"] for r in log_records(outbox)] == ["rendered", "rendered"]
    assert (inbox / PROCESSED / "a.yaml").exists() and (inbox / PROCESSED / "b.yaml").exists()


def test_an_error_note_that_cannot_be_written_is_tried_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inbox, outbox = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    real, failures = watch.write_atomic, [2]

    def full_disk(path: Path, data: bytes) -> None:
        if failures[0]:
            failures[0] -= 1
            raise OSError(28, "No space left on device")
        real(path, data)

    monkeypatch.setattr(watch, "write_atomic", full_disk)
    monkeypatch.setattr(watch, "RETRY_FIRST", 0.2)
    problems: list[str] = []
    with running_watcher(inbox, outbox, on_problem=problems.append) as results:
        (inbox / "bad.yaml").write_text(invalid_text()[0], encoding="utf-8")
        wait_for(lambda: results and settled(inbox), "the failed job to be settled")
    assert len(problems) == 2 and "No space left on device" in problems[0]
    assert len(log_records(outbox)) == 1, "logged once, though settled three times"
    assert (inbox / FAILED / "bad.yaml.error.txt").read_text().startswith(str(inbox / "bad.yaml"))


# --- 9. no confidential value in any message, note or log -----------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("gender: Female", f"gender: {SECRET}"),
        ("date_of_birth: 2023-04-05", f"date_of_birth: {SECRET}"),
        ("date: 2026-03-02", f"date: '{SECRET}'"),
        ("  reference: SCR-2026-01", f"  reference: '{SECRET} {SECRET}'"),
        ("first_name: Ffion", f"first_name: [{SECRET}]"),
        ("incident_summary: Bruising noticed at nursery.", f"incident_summary: {{text: {SECRET}}}"),
        ("  area: Eastfield", f"  area: {SECRET}\n  {SECRET}: 1"),
    ],
)
def test_no_message_repeats_a_value(tmp_path: Path, old: str, new: str) -> None:
    path = minimal_with(tmp_path, old, new)
    message = refused(validate_here(path))
    assert SECRET not in message
    inbox, outbox = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    (inbox / "case.yaml").write_bytes(path.read_bytes())
    with running_watcher(inbox, outbox) as results:
        wait_for(lambda: results and settled(inbox), "the job")
    assert SECRET not in (inbox / FAILED / "case.yaml.error.txt").read_text()
    assert SECRET not in (outbox / "docgen-jobs.jsonl").read_text()


def test_an_unexpected_error_logs_its_trace_without_its_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from docgen.service import runner

    def broken(*args: object, **kwargs: object) -> None:
        raise ValueError(f"invalid literal: {SECRET!r}")

    monkeypatch.setattr(runner, "job_key", broken)
    inbox, outbox = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    (inbox / "case.yaml").write_text(case_text("TRACE-1")[0], encoding="utf-8")
    with running_watcher(inbox, outbox) as results:
        wait_for(lambda: results and settled(inbox), "the job")
    (record,) = log_records(outbox)
    assert "ValueError" in record["traceback"] and "in broken" in record["traceback"]
    assert SECRET not in json.dumps(record) and "(ValueError)" in record["error"]


@pytest.mark.slow
def test_lone_surrogates_in_json_are_refused_by_field(tmp_path: Path) -> None:
    text = json.dumps(minimal_data(), default=str).replace('"Ffion"', '"Ff\\ud800ion"')
    message = refused(validate_here(write(tmp_path, text, "case.json")), "field child.first_name: this text holds")
    assert "Ff" not in message
    with_key = json.dumps(minimal_data(), default=str).replace('"area":', '"\\udc00x": 1, "area":', 1)
    message = refused(validate_here(write(tmp_path, with_key, "key.json")), "field board: a key here holds")
    assert "\ufffdx" not in message and "x:" not in message


# --- 10. pathological Markdown ------------------------------------------------------------------------------


PATHOLOGICAL_MARKDOWN = ["*a" * 20_000, "*a* " * 10_000, "**a" * 10_000, "`a" * 20_000]


@pytest.mark.parametrize("markdown", PATHOLOGICAL_MARKDOWN)
def test_pathological_markdown_keeps_every_letter(markdown: str) -> None:
    """Unclosed and alternating emphasis and code spans are read as text or spans, with every letter kept (the
    next test lays the worst of them out under the CPU limit)."""
    text = html.unescape(re.sub(r"<[^>]+>", "", markdown_to_html(markdown)))
    assert text.count("a") == markdown.count("a")


@pytest.mark.slow
def test_pathological_markdown_is_laid_out_in_bounded_time(tmp_path: Path) -> None:
    """40 KB of '*a*a…' (one 40 KB word) took over two minutes to lay out; under the CPU limit it must now be done."""
    args = ("--doc", "executive-summary", "--format", "pdf", "--out", tmp_path / "out")
    result = docgen("render", conclusions(tmp_path, PATHOLOGICAL_MARKDOWN[0]), *args)
    assert result.returncode == 0, result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("markdown", ["> " * 1000 + "deep", "- " * 10 + "deep", "> " * 20 + "deep"])
def test_markdown_nested_deeper_than_the_parser_shows_is_refused(tmp_path: Path, markdown: str) -> None:
    args = ("--doc", "executive-summary", "--format", "html", "--out", tmp_path / "out")
    result = docgen("render", conclusions(tmp_path, markdown), *args)
    refused(result, "a narrative nests block quotes or lists more than 20 levels deep")
    shallow = conclusions(tmp_path / "shallow", "> " * 19 + "deep")
    assert "deep" in render(load_case(shallow), "executive-summary", "html").content.decode()


def conclusions(folder: Path, markdown: str) -> Path:
    """The example case with the Executive Summary's conclusions replaced."""
    folder.mkdir(exist_ok=True)
    return sample_with(
        folder, r"(  conclusions: \|\n    The review cannot say.*\n)", f"  conclusions: {json.dumps(markdown)}\n"
    )


def sample_with(tmp_path: Path, pattern: str, replacement: str) -> Path:
    """The example case (with its board beside it) with the first match of `pattern` replaced."""
    text, count = re.subn(pattern, lambda _: replacement, SAMPLE.read_text(encoding="utf-8"), count=1, flags=re.M)
    assert count == 1
    (tmp_path / "boards").mkdir()
    (tmp_path / "boards" / "northbrook.yaml").write_bytes((SAMPLE.parent / "boards" / "northbrook.yaml").read_bytes())
    return write(tmp_path, text)


# --- 12, 13. where problems are reported ----------------------------------------------------------------------


def test_a_chronology_date_is_reported_at_its_own_field_and_line(tmp_path: Path) -> None:
    line = SAMPLE.read_text(encoding="utf-8").splitlines().index("  - date: 2024-03-14") + 1
    path = sample_with(tmp_path, r"^  - date: 2024-03-14$", "  - date: 2024-02-30")
    refused(validate_here(path), f"line {line}, field chronology[0].date: not a valid date")


def test_a_label_that_clashes_with_a_real_name_is_a_case_problem(tmp_path: Path) -> None:
    path = minimal_with(tmp_path, "first_name: Ffion", "first_name: Ffion\n  anonymous_name: Morgan")
    family = "family:\n  - {id: mother, first_name: Morgan, last_name: Kowalczyk, relationship: Mother}\nagencies:"
    path.write_text(path.read_text(encoding="utf-8").replace("agencies:", family, 1), encoding="utf-8")
    message = refused(validate_here(path), "field subject.anonymous_name: the label of subject would contain a name")
    assert "line 33" in message and "Morgan" not in message


# --- 14. bounded dependencies --------------------------------------------------------------------------------


def test_libraries_whose_internals_are_used_are_bounded() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"python-docx>=1.1,<2"' in pyproject and '"docxtpl[subdoc]>=0.19,<1"' in pyproject


# --- the time limit in worker processes ----------------------------------------------------------------------


@pytest.mark.slow
def test_the_time_limit_holds_in_the_workers(tmp_path: Path) -> None:
    """With a limit far below what any document takes, the batch's worker stops its document, and says why."""
    path = minimal_with(tmp_path, "correspondence:", "generate: [letter-1]\ncorrespondence:")
    result = docgen("batch", path, "--out", tmp_path / "out", "--workers", "1", env={"DOCGEN_TIME_LIMIT": "0.001"})
    assert result.returncode == 1 and "Traceback" not in result.stderr
    (record,) = log_records(tmp_path / "out")
    assert (
        record["outcome"] == "failed"
        and "took longer than 0.001 seconds, the limit for one document" in record["error"]
    )


# --- any mutation of the example: no traceback, no hang, nothing half-written -----------------------------------

ODD_VALUES = [
    "&a",
    "*a",
    "!!python/object:os.system",
    "<<",
    "2026-02-30",
    "0012",
    "{",
    "[",
    "'",
    '"',
    ": x",
    "- - -",
    "\t",
    "~",
    "No",
    "14:30",
    "Isabella2",
    "%49sabella",
    "&#73;sabella",
    "\u202eright to left",
    "\U000f0041",
    "*a" * 300,
    "x" * 500,
]
values = st.one_of(st.sampled_from(ODD_VALUES), st.text(max_size=12))
mutations = st.one_of(
    st.tuples(st.just("delete line"), st.integers(0, 10**6)),
    st.tuples(st.just("repeat line"), st.integers(0, 10**6)),
    st.tuples(st.just("replace value"), st.integers(0, 10**6), values),
    st.tuples(st.just("insert"), st.integers(0, 10**7), values),
)


def mutated(text: str, changes: list[tuple[Any, ...]]) -> str:
    """The text with each change applied: lines deleted or repeated, a value replaced, text inserted anywhere."""
    for change in changes:
        lines = text.splitlines(keepends=True)
        at = change[1] % len(lines)
        if change[0] == "delete line":
            del lines[at]
        elif change[0] == "repeat line":
            lines.insert(at, lines[at])
        elif change[0] == "replace value":
            key, colon, _ = lines[at].partition(": ")
            lines[at] = f"{key}{colon}{change[2]}\n" if colon else lines[at]
        else:
            where = change[1] % len(text)
            lines = [text[:where], change[2], text[where:]]
        text = "".join(lines)
    return text


@pytest.mark.slow
@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mutations, min_size=1, max_size=3))
def test_mutations_of_the_example_never_traceback_hang_or_half_write(changes: list[tuple[Any, ...]]) -> None:
    """Either the mutated case is refused (CaseError), or its documents are rendered whole, or a document is
    refused in plain words and nothing is written; anything else (a traceback) fails the test."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "boards").mkdir()
        (root / "boards" / "northbrook.yaml").write_bytes((SAMPLE.parent / "boards" / "northbrook.yaml").read_bytes())
        path = write(root, mutated(SAMPLE.read_text(encoding="utf-8"), changes))
        try:
            case = load_case(path)
        except CaseError as error:
            assert error.exit_code == 2 and error.describe().startswith(f"{path} is not a valid case file")
            return
        out = root / "out"
        try:
            written = render_pack(case, out, ["letter-1", "executive-summary"], ["html"])
        except DocgenError as error:
            assert error.describe()
            assert not out.exists() or not [p for p in out.iterdir() if not p.name.startswith(".")]
            return
        listed = json.loads((out / "manifest.json").read_text(encoding="utf-8"))["documents"]
        assert [d["file"] for d in listed] == [p.name for p in written]
        shown = [p.name for p in out.iterdir() if not p.name.startswith(".")]
        assert sorted(shown) == sorted([*(p.name for p in written), "manifest.json"])

"""Hostile board and framework templates: what a templates folder may hold, and what its templates may cost.

A templates folder is read through one loader: a link out of the folder, a named pipe or a file too large is
refused unread, with one plain message (exit 2), on the command line (`--templates`), through the API
(`board_templates=`) and in the watched folder (a framework profile's `templates:`), whose job key reads the
folder the same way. A case cannot make the inbox, its processed files or the outbox its templates folder.
Templates run under limits of work, output and size: each attack below runs the command line in a child process
limited to 2 GB of address space, and is refused in plain words within seconds.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import uuid
import zipfile
from pathlib import Path

import pytest
import yaml

from docgen import load_case, render
from docgen.errors import RenderError, UsageError
from docgen.limits import (
    MAX_TEMPLATE_BYTES,
    MAX_TEMPLATE_FILES,
    MAX_TEMPLATE_OUTPUT,
    MAX_TEMPLATE_STEPS,
    MAX_WORD_TEMPLATE_BYTES,
)
from docgen.rendering import sandbox
from docgen.service.joblog import LOG_NAME, templates_digest
from docgen.service.runner import JobRunner
from docgen.service.watch import PROCESSED

from .conftest import sample_case
from .jobs_helpers import MINIMAL, case_text, log_records, running_watcher, start_watcher, wait_for
from .test_third_framework import PROFILE, welsh_case

MEMORY = 2 * 2**30
"""Address space a docgen process may use here: an HTML or Word render needs a few hundred MB of it."""
CPU_SECONDS = 60
QUICKLY = 10.0
"""CPU seconds within which every refusal here comes, starting Python included (most take a second or two)."""
SECRET = "Wilhelmina-7Q"
"""Text in a file outside the templates folder, which no output or message may show."""


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))


def docgen(*args: object, timeout: float = 120) -> tuple[subprocess.CompletedProcess[str], float]:
    """`python -m docgen ARGS` in a child process bounded in memory and CPU time, and the CPU seconds it took (on a
    busy machine, a steadier measure than the clock); a child still running after `timeout` seconds (a hang)
    fails the test."""
    started = _cpu_seconds()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "docgen", *map(str, args)],
            capture_output=True,
            text=True,
            preexec_fn=_limited,
            env={**os.environ, "DOCGEN_TIME_LIMIT": "120"},
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"docgen {' '.join(map(str, args))} was still running after {timeout:g} s")
    return result, _cpu_seconds() - started


def _cpu_seconds() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def refused(run: tuple[subprocess.CompletedProcess[str], float], *expected: str) -> str:
    """Assert a plain refusal within QUICKLY CPU seconds: exit 2, no traceback, each expected phrase; returns it."""
    result, seconds = run
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr and "Error:" not in result.stderr.replace("docgen:", "")
    for phrase in expected:
        assert phrase in result.stderr, (phrase, result.stderr)
    assert seconds < QUICKLY, seconds
    return result.stderr


def render_letter(board: Path, out: Path, fmt: str = "html") -> tuple[subprocess.CompletedProcess[str], float]:
    return docgen("render", MINIMAL, "--doc", "letter-1", "--format", fmt, "--out", out, "--templates", board)


def outside_file(tmp_path: Path) -> Path:
    """A file outside any templates folder, holding SECRET."""
    (tmp_path / "elsewhere").mkdir(exist_ok=True)
    secret = tmp_path / "elsewhere" / "letter-1.html.j2"
    secret.write_text(f"<p>{SECRET}</p>\n", encoding="utf-8")
    return secret


def board_folder(tmp_path: Path) -> Path:
    (tmp_path / "board" / "letters").mkdir(parents=True)
    return tmp_path / "board"


def written(folder: Path) -> str:
    """Everything written under a folder, as text."""
    if not folder.exists():
        return ""
    return "".join(p.read_bytes().decode("utf-8", "replace") for p in folder.rglob("*") if p.is_file())


# --- 1. a templates folder: only regular files inside it ---------------------------------------------------------


@pytest.mark.parametrize("target", ["outside", "/etc/passwd"])
def test_a_template_linked_out_of_the_folder_is_refused_unread(tmp_path: Path, target: str) -> None:
    board = board_folder(tmp_path)
    letter = board / "letters" / "letter-1.html.j2"
    letter.symlink_to(outside_file(tmp_path) if target == "outside" else Path(target))
    message = refused(
        render_letter(board, tmp_path / "out"),
        f"docgen: the board template {letter}: it is a symbolic link leading outside the templates folder",
    )
    assert SECRET not in message and "root:" not in message and not (tmp_path / "out").exists()
    with pytest.raises(RenderError) as caught:
        render(load_case(MINIMAL), "letter-1", "html", board_templates=board)
    assert caught.value.exit_code == 2 and "symbolic link leading outside" in caught.value.describe()


def test_a_folder_linked_out_of_the_templates_folder_is_refused(tmp_path: Path) -> None:
    board = tmp_path / "board"
    board.mkdir()
    (board / "letters").symlink_to(outside_file(tmp_path).parent)
    message = refused(render_letter(board, tmp_path / "out"), "it is a symbolic link leading outside")
    assert SECRET not in message + written(tmp_path / "out")


def test_a_link_that_stays_inside_the_folder_is_followed(tmp_path: Path) -> None:
    board = board_folder(tmp_path)
    (board / "shared").mkdir()
    (board / "shared" / "letter.html.j2").write_text("<p>One letter for two kinds</p>\n", encoding="utf-8")
    (board / "letters" / "letter-1.html.j2").symlink_to(Path("..") / "shared" / "letter.html.j2")
    document = render(load_case(MINIMAL), "letter-1", "html", board_templates=board)
    assert b"One letter for two kinds" in document.content


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("letters/letter-1.html.j2", "html"),
        ("layout/house.css", "html"),
        ("shells/letter.docx", "docx"),
        ("letters/letter-1.docx", "docx"),
    ],
)
def test_a_pipe_in_place_of_a_template_is_refused_at_once(tmp_path: Path, name: str, fmt: str) -> None:
    board = board_folder(tmp_path)
    (board / name).parent.mkdir(exist_ok=True)
    os.mkfifo(board / name)  # nothing ever writes to it: reading it would wait for ever
    refused(
        render_letter(board, tmp_path / "out", fmt),
        f"the board template {board / name}: it is a named pipe, not a file; nothing was read from it",
    )


@pytest.mark.parametrize(
    ("name", "size", "fmt", "expected"),
    [
        ("letters/letter-1.html.j2", MAX_TEMPLATE_BYTES + 1, "html", "it is larger than 2 MB"),
        ("shells/letter.docx", MAX_WORD_TEMPLATE_BYTES + 1, "docx", "it is larger than 16 MB"),
    ],
)
def test_a_template_too_large_is_refused_unread(tmp_path: Path, name: str, size: int, fmt: str, expected: str) -> None:
    board = board_folder(tmp_path)
    (board / name).parent.mkdir(exist_ok=True)
    with open(board / name, "wb") as file:
        file.truncate(size)
    refused(render_letter(board, tmp_path / "out", fmt), f"the board template {board / name}: {expected}")


@pytest.mark.slow
def test_a_word_template_that_unpacks_to_gigabytes_is_refused(tmp_path: Path) -> None:
    board = board_folder(tmp_path)
    (board / "shells").mkdir()
    with (
        zipfile.ZipFile(board / "shells" / "letter.docx", "w", zipfile.ZIP_DEFLATED) as package,
        package.open("word/document.xml", "w", force_zip64=True) as part,
    ):
        for _ in range(65):
            part.write(bytes(2**20))
    assert (board / "shells" / "letter.docx").stat().st_size < 2**20
    refused(render_letter(board, tmp_path / "out", "docx"), "its parts unpack to more than 64 MB, the most allowed")


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"<p>\xff\xfe</p>", "it is not UTF-8 text"),
        (b"{{ board.name }}" * 20_000, "line 1: the template has more than 50,000 tags, names and operators"),
    ],
)
def test_a_template_not_utf8_or_of_too_many_tags_is_refused(tmp_path: Path, content: bytes, expected: str) -> None:
    board = board_folder(tmp_path)
    (board / "letters" / "letter-1.html.j2").write_bytes(content)
    refused(
        render_letter(board, tmp_path / "out"), f"the board template {board / 'letters' / 'letter-1.html.j2'}", expected
    )


# --- 2. the watched folder's job key reads only what the loader would ---------------------------------------------


HUGE = 3 * 2**30
"""A sparse file this large takes no disk, but more memory than a docgen process has here, once read."""


def sparse(path: Path) -> Path:
    with open(path, "wb") as file:
        file.truncate(HUGE)
    return path


def strange_folder(folder: Path) -> Path:
    """A templates folder holding a template, a named pipe, a 3 GB file, links to /dev/zero, /etc/passwd and a
    3 GB file outside it, and a link that leads nowhere."""
    (folder / "extra").mkdir(parents=True, exist_ok=True)
    (folder / "extra" / "kept.html.j2").write_text("<p>kept</p>\n", encoding="utf-8")
    os.mkfifo(folder / "pipe.html.j2")
    sparse(folder / "huge.bin")
    (folder / "zero.css").symlink_to("/dev/zero")
    (folder / "passwd.html.j2").symlink_to("/etc/passwd")
    (folder / "far.bin").symlink_to(sparse(folder.parent / "far.bin"))
    (folder / "gone.html.j2").symlink_to(folder / "nowhere")
    return folder


def digest_in_a_child(folder: Path) -> str:
    """templates_digest(folder), computed in a child process bounded in memory and time."""
    code = "import sys, pathlib, docgen.service.joblog as j; print(j.templates_digest(pathlib.Path(sys.argv[1])))"
    try:
        result = subprocess.run(
            [sys.executable, "-c", code, folder],
            capture_output=True,
            text=True,
            preexec_fn=_limited,
            timeout=60,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("the job key of a folder with a pipe was still being computed after 60 s")
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.strip()


@pytest.mark.slow
def test_the_job_key_reads_no_pipe_and_follows_no_link_out(tmp_path: Path) -> None:
    folder = strange_folder(tmp_path / "templates")
    first = digest_in_a_child(folder)
    assert len(first) == 64 and digest_in_a_child(folder) == first
    (folder / "extra" / "kept.html.j2").write_text("<p>changed</p>\n", encoding="utf-8")
    assert digest_in_a_child(folder) != first, "a template's change changes the key"


def test_a_templates_folder_of_too_many_files_is_refused(tmp_path: Path) -> None:
    for number in range(MAX_TEMPLATE_FILES + 1):
        (tmp_path / f"t{number}.html.j2").write_bytes(b"")
    with pytest.raises(UsageError, match=f"holds more than {MAX_TEMPLATE_FILES:,} files and folders"):
        templates_digest(tmp_path)


def welsh_case_in(inbox: Path, name: str = "case.yaml") -> Path:
    """The test profile's case dropped into the inbox, its profile and templates in INBOX/boards/."""
    boards = inbox / "boards"
    welsh_case(boards)
    case = yaml.safe_load((boards / "case.yaml").read_text(encoding="utf-8"))
    (boards / "case.yaml").unlink()
    case["framework"] = "boards/wales.yaml"
    text = yaml.safe_dump(case, allow_unicode=True) + f"# marker {uuid.uuid4().hex}\n"
    (inbox / f".{name}.part").write_text(text, encoding="utf-8")
    os.rename(inbox / f".{name}.part", inbox / name)
    return inbox / name


@pytest.mark.slow
def test_the_watched_folder_renders_beside_a_pipe_and_a_link_to_dev_zero(tmp_path: Path) -> None:
    inbox, outbox = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    strange_folder(inbox / "boards" / "profile-templates")
    limited = ["prlimit", f"--as={MEMORY}", "--"]
    watcher = start_watcher(inbox, outbox, log=tmp_path / "watch", prefix=limited)
    try:
        welsh_case_in(inbox)
        wait_for(lambda: (outbox / LOG_NAME).exists() and log_records(outbox), "the job's log line")
    finally:
        watcher.kill()
        watcher.wait()
    [record] = log_records(outbox)
    assert record["outcome"] == "rendered", record.get("error")
    assert Path(record["moved_to"]).parent == inbox / PROCESSED


def test_a_profile_template_linked_out_of_its_folder_fails_the_job_plainly(tmp_path: Path) -> None:
    inbox, outbox = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    with running_watcher(inbox, outbox) as results:
        welsh_case_in(inbox)
        template = inbox / "boards" / "profile-templates" / "reports" / "practice-review-report.html.j2"
        template.unlink()
        template.symlink_to(outside_file(tmp_path))
        wait_for(lambda: results, "the job")
    [result] = results
    assert result.outcome == "failed" and result.error is not None
    assert f"the board template {template}: it is a symbolic link leading outside" in result.error
    assert SECRET not in result.error + written(outbox)


# --- 3. a case cannot make the inbox its own templates folder -------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(("templates", "included"), [(".", "processed/first.yaml"), ("processed", "first.yaml")])
def test_a_case_cannot_make_the_inbox_its_templates_folder(tmp_path: Path, templates: str, included: str) -> None:
    """A case whose framework (given inline) names the inbox, or its processed files, as its templates folder could
    bring its own template, and include another case's file in its documents."""
    inbox, outbox = tmp_path / "in", tmp_path / "out"
    inbox.mkdir()
    first, marker = case_text("FIRST-1")
    second = yaml.safe_load(welsh_case(tmp_path / "scratch").read_text(encoding="utf-8"))
    kind = {k: v for k, v in PROFILE["documents"][0].items() if k not in ("audience", "anonymised")}  # type: ignore[index]
    documents = [{**kind, "template": "brought.html.j2"}]  # not anonymised: the leak check would not look
    second["framework"] = {**PROFILE, "templates": templates, "documents": documents}
    second["review"]["reference"] = "SECOND-1"
    with running_watcher(inbox, outbox) as results:
        (inbox / "first.yaml").write_text(first, encoding="utf-8")
        wait_for(lambda: len(results) == 1, "the first case")
        (inbox / templates / "brought.html.j2").write_text(f"{{% include '{included}' %}}", encoding="utf-8")
        (inbox / "second.yaml").write_text(yaml.safe_dump(second, allow_unicode=True), encoding="utf-8")
        wait_for(lambda: len(results) == 2, "the second case")
    assert [r.outcome for r in results] == ["rendered", "failed"], results[1].error
    assert "field framework.templates: the framework's templates folder" in (results[1].error or "")
    assert "must not be, hold or be inside" in (results[1].error or "")
    assert marker not in written(outbox / "SECOND-1")


def test_a_templates_folder_inside_the_outbox_is_refused(tmp_path: Path) -> None:
    case = welsh_case(tmp_path)
    outbox = tmp_path / "profile-templates" / "out"
    with JobRunner(outbox, workers=1, formats=("html",)) as runner:
        runner.submit(case, str(case))
        [(_, result)] = runner.collect(timeout=None)
    assert result.outcome == "failed" and "must not be, hold or be inside" in (result.error or "")


# --- 4. what a template may cost -------------------------------------------------------------------------------------

NESTED = "{% set a = ['x' * 200000] %}{% set b = [a,a,a,a,a,a,a,a,a,a] %}{% set c = [b,b,b,b,b,b,b,b,b,b] %}"
NESTED += "{% set d = [c,c,c,c,c,c,c,c,c,c] %}{% set e = [d,d,d,d,d,d,d,d,d,d] %}"
"""A list of lists holding one 200,000-character text 10,000 times: 2 billion characters written out."""
GROWN = "{{ range(100000)|map('center', 30000000)"
"""100,000 texts of 30 million characters each, made one by one."""
TOO_LONG = f"would come to more than {MAX_TEMPLATE_OUTPUT:,} characters, the most a template may make"
TOO_MUCH = f"the template does more than {MAX_TEMPLATE_STEPS:,} steps of work"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{ 'x'.ljust(999999999) }}", f"the text that 'ljust' makes {TOO_LONG}"),
        ("{{ 'x'.rjust(999999999) }}", f"the text that 'rjust' makes {TOO_LONG}"),
        ("{{ 'x'.center(999999999) }}", f"the text that 'center' makes {TOO_LONG}"),
        ("{{ 'x'.zfill(999999999) }}", f"the text that 'zfill' makes {TOO_LONG}"),
        ("{{ 'a\\tb'.expandtabs(999999999) }}", f"the text that 'expandtabs' makes {TOO_LONG}"),
        ("{{ ('x' * 200000).replace('x', 'y' * 200000) }}", f"the text that 'replace' makes {TOO_LONG}"),
        ("{{ ('x' * 200000).join(range(100000)|map('string')) }}", f"the text that 'join' makes {TOO_LONG}"),
        ("{{ '{:>999999999}'.format('x') }}", f"the text that 'format' makes {TOO_LONG}"),
        ("{{ '{:.999999999f}'.format(1.5) }}", f"the text that 'format' makes {TOO_LONG}"),
        ("{{ '%999999999s' % 'x' }}", "the result of '%' would be too large"),
        ("{{ '%*s' % (999999999, 'x') }}", "a width or precision taken from the values (%*s) is not allowed"),
        ("{{ '%999999999s'|format('x') }}", f"the result of the filter 'format' {TOO_LONG}"),
        ("{{ 'x'|center(999999999) }}", f"the result of the filter 'center' {TOO_LONG}"),
        ("{{ 'a\\nb'|indent(999999999) }}", f"the result of the filter 'indent' {TOO_LONG}"),
        ("{{ ('ab' * 100000)|wordwrap(1, wrapstring='x' * 200000) }}", f"the filter 'wordwrap' {TOO_LONG}"),
        ("{{ range(100000)|join('x' * 200000) }}", f"the result of the filter 'join' {TOO_LONG}"),
        ("{{ [1]|batch(1000000000, 'x')|list }}", "a list cannot be cut into more than 100,000 parts"),
        ("{{ ['x' * 200000] * 200 }}", "the result of '*' would be too large"),
        (
            "{% set ns = namespace(x='x') %}{% for i in range(40) %}{% set ns.x = ns.x ~ ns.x %}{% endfor %}",
            f"the text that '~' makes {TOO_LONG}",
        ),
        (
            "{% set ns = namespace(x='x') %}{% for i in range(40) %}{% set ns.x = ns.x + ns.x %}{% endfor %}",
            "the result of '+' would be too large",
        ),
        (NESTED + "{{ e }}", f"what '{{{{ … }}}}' writes out {TOO_LONG}"),
        (NESTED + "{{ e|join }}", f"the result of the filter 'join' {TOO_LONG}"),
        (NESTED + "{{ e|tojson }}", f"the result of the filter 'tojson' {TOO_LONG}"),
        (NESTED + "{{ '%s' % (e,) }}", "the result of '%' would be too large"),
        (GROWN + "|list|length }}", f"the result of the filter 'list' {TOO_LONG}"),
        (GROWN + "|join|length }}", f"the result of the filter 'join' {TOO_LONG}"),
        ("{{ cycler(*(range(100000)|map('center', 30000000))) }}", f"the items given with '*' {TOO_LONG}"),
        (
            "{% for x in range(100000)|map('center', 30000000) %}{{ loop.length }}{% endfor %}",
            f"the items of the loop {TOO_LONG}",
        ),
        ("{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}", TOO_MUCH),
        ("{% for a in range(100000) %}{% for b in range(100000) %}{{ a }}{% endfor %}{% endfor %}", TOO_MUCH),
        ("{% macro m(n) %}{% if n %}{{ m(n - 1) }}{{ m(n - 1) }}{% endif %}{% endmacro %}{{ m(60) }}", TOO_MUCH),
        (
            "{% for a in range(100000) %}{{ 'x' * 200000 }}{% endfor %}",
            f"the template writes more than {MAX_TEMPLATE_OUTPUT:,} characters, the most one template may",
        ),
        ("{{ lipsum(100000000) }}", "'lipsum' is undefined"),
    ],
)
def test_a_template_that_would_take_the_machine_stops_in_plain_words(
    tmp_path: Path, source: str, expected: str
) -> None:
    board = board_folder(tmp_path)
    (board / "letters" / "letter-1.html.j2").write_text(source + "\n", encoding="utf-8")
    message = refused(render_letter(board, tmp_path / "out"), f"docgen: the board template {board / 'letters'}")
    assert expected in message, message
    assert not (tmp_path / "out").exists()


@pytest.mark.slow
def test_a_word_native_template_is_bounded_too(tmp_path: Path) -> None:
    from docx import Document

    board = board_folder(tmp_path)
    document = Document()
    document.add_paragraph("{% for a in range(100000) %}{% for b in range(100000) %}{% endfor %}{% endfor %}")
    document.save(str(board / "letters" / "letter-1.docx"))
    refused(render_letter(board, tmp_path / "out", "docx"), f"{board / 'letters' / 'letter-1.docx'}", TOO_MUCH)


BIGGEST = [("overview-report", None), ("imr", "csc")]
"""The example's documents that take the most work and write the most."""


def test_the_example_stays_far_within_the_limits(monkeypatch: pytest.MonkeyPatch) -> None:
    """The example case's largest documents take a small part of each limit."""
    used: list[int] = []
    charge = sandbox._Budget.charge

    def counted(budget: sandbox._Budget, steps: int) -> None:
        charge(budget, steps)
        used.append(MAX_TEMPLATE_STEPS - budget.left)

    monkeypatch.setattr(sandbox._Budget, "charge", counted)
    pages = [render(sample_case(), kind, "html", agency=agency).content for kind, agency in BIGGEST]
    assert max(used) * 40 < MAX_TEMPLATE_STEPS
    assert max(len(page) for page in pages) * 100 < MAX_TEMPLATE_OUTPUT


ORDINARY = [
    "{{ text|wordwrap(10, break_long_words=False) }}",
    "{{ text|indent(2, first=True, blank=True) }}",
    "{{ text|center(40) }}|{{ text|replace('a', 'b', 1) }}|{{ text|truncate(9) }}|{{ text|urlize(target='_blank') }}",
    "{{ items|join(d=', ') }}|{{ items|join(', ', attribute='upper') }}|{{ items|map('upper')|join }}",
    "{{ items|batch(linecount=2, fill_with='-')|list }}|{{ items|slice(2)|list }}|{{ [[1], [2]]|sum(start=[]) }}",
    "{{ text[:4] }}|{{ text[::-1] }}|{{ text.ljust(30, '.') }}|{{ text.zfill(3) }}|{{ 'a\tb'.expandtabs(4) }}",
    "{{ text.replace('a', 'b') }}|{{ '-'.join(items) }}|{{ '{0}-{x:>5}'.format(1, x=2) }}|{{ '{a}'.format_map(m) }}",
    "{{ '%5s|%(a)s' % {'a': 1} }}|{{ '%s-%d' % ('a', 2) }}|{{ '%.2f'|format(1.5) }}|{{ text ~ 1 ~ items }}",
    "{{ m }}|{{ m.items()|list }}|{{ items + ['d'] }}|{{ items * 2 }}|{{ m|tojson }}|{{ m|dictsort }}",
    "{% for x in items|map('upper') %}{{ loop.index }}/{{ loop.length }}{{ x }}{% endfor %}{{ range(3)|list }}",
    "{% macro box(x) %}[{{ x }}{{ caller() }}]{% endmacro %}{% call box(1) %}in{% endcall %}",
    "{% macro two(a, b) %}{{ a }}{{ b }}{% endmacro %}{{ two(*items[:2]) }}{{ two(**m) }}",
    "{% for n in [[1, [2]], [3]] recursive %}{% if n is iterable %}{{ loop(n) }}{% else %}{{ n }}{% endif %}"
    "{% endfor %}",
]


@pytest.mark.parametrize("source", ORDINARY)
def test_ordinary_templates_write_what_they_wrote_before(source: str) -> None:
    """The bounded filters, methods and operators give Jinja's own results within the limits."""
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from docgen.rendering.sandbox import Sandbox, template_limits

    values = {"text": "banana split www.example.org", "items": ["a", "b", "c"], "m": {"a": 1, "b": [2]}}
    plain = ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=True).from_string(source)
    bounded = Sandbox(undefined=StrictUndefined, autoescape=True).from_string(source)
    with template_limits():
        assert bounded.render(values) == plain.render(values)

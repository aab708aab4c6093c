"""The watched folder: arrivals, claims, publishing and the job log, under a burst of bad input and faults.

Unreadable files: the tests run as root, who reads everything, so unreadability is made twice: by
monkeypatching `os.open` to raise PermissionError for one file (in the 200-file burst), and for
real by running the watcher as root without the capabilities that override file permissions (setpriv),
over a file with no permissions at all. A FIFO and a folder named like case files are in the burst too.
A full disk is a real 64 KiB tmpfs when `mount -t tmpfs` works here, and a mocked ENOSPC always.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from docgen.errors import DocgenError
from docgen.limits import MAX_FILE_BYTES
from docgen.publish import outbox as publish
from docgen.publish.owners import hidden_suffix, is_alive, process_token
from docgen.service.joblog import LOG_NAME, JobLog
from docgen.service.runner import is_case_name
from docgen.service.watch import CLAIM_PREFIX, FAILED, PROCESSED, Arrivals, Claim, Watcher, free_name, place

from .conftest import pdf_text
from .jobs_helpers import (
    case_text,
    check_story,
    children,
    copy_boards,
    handled,
    invalid_text,
    is_running,
    log_records,
    running_watcher,
    settled,
    sha256,
    slow_case_text,
    start_watcher,
    wait_for,
    where,
    workers_of,
)


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    (tmp_path / "in").mkdir()
    return tmp_path / "in"


@pytest.fixture
def outbox(tmp_path: Path) -> Path:
    return tmp_path / "out"


def dead_token() -> str:
    """The token of a process that has exited."""
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    token = process_token(child.pid)
    child.kill()
    child.wait()
    assert token is not None
    return token


# --- the parts, one by one --------------------------------------------------------------------------------


def test_case_file_names() -> None:
    assert all(map(is_case_name, ["a.yaml", "b.YML", "c.json", "d e.yaml"]))
    ignored = [".a.yaml", "~a.yaml", "a.yaml.tmp", "a.part", "a.yaml.swp", "a.crdownload", "a.txt", "a.yaml~"]
    assert not any(map(is_case_name, ignored))


def test_a_file_closed_after_writing_or_moved_in_is_complete() -> None:
    arrivals = Arrivals(settle=1.0)
    arrivals.opened("a.yaml")
    arrivals.scanned({"a.yaml": (10, 1)}, now=0.0)
    assert arrivals.ready(now=100.0) == [], "open for writing: wait for the close (up to the stale time)"
    arrivals.closed("a.yaml", wrote=True)
    arrivals.arrived("b.yaml")
    assert arrivals.ready(now=0.0) == ["a.yaml", "b.yaml"]
    arrivals.opened("c.yaml")
    arrivals.closed("c.yaml", wrote=False)
    assert "c.yaml" not in arrivals.ready(now=0.0), "a reader's close says nothing"
    assert arrivals.ready(now=301.0) == ["a.yaml", "b.yaml"], "c.yaml has not been seen by a scan yet"


def test_without_events_a_file_is_taken_once_it_stops_changing() -> None:
    arrivals = Arrivals(settle=1.0)
    arrivals.scanned({"a.yaml": (10, 1)}, now=0.0)
    arrivals.scanned({"a.yaml": (20, 2)}, now=0.9)
    assert arrivals.ready(now=1.5) == []
    assert arrivals.ready(now=2.0) == ["a.yaml"]
    arrivals.scanned({}, now=2.0)
    assert arrivals.ready(now=9.0) == [], "gone from the folder"


@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3)), min_size=1, max_size=30))
def test_a_changing_file_is_never_taken_by_polling(changes: list[tuple[int, int]]) -> None:
    """Scans every 0.4 s of a file whose size or time changes at each: never complete, whatever the changes."""
    arrivals = Arrivals(settle=1.0)
    for step, (size, mtime) in enumerate(changes):
        arrivals.scanned({"a.yaml": (step * 10 + size, mtime)}, now=step * 0.4)
        assert arrivals.ready(now=step * 0.4 + 0.39) == []


def test_free_names_never_overwrite(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("1")
    (tmp_path / "a-2.yaml.error.txt").write_text("note")
    taken = {str(tmp_path / "a-1.yaml")}
    assert free_name(tmp_path, "a.yaml", taken) == tmp_path / "a-3.yaml"
    assert free_name(tmp_path, "b.json", taken) == tmp_path / "b.json"


def test_place_refuses_to_overwrite_and_finishes_an_interrupted_move(tmp_path: Path) -> None:
    source, other = tmp_path / "claimed", tmp_path / "other"
    source.write_text("mine")
    other.write_text("theirs")
    with pytest.raises(FileExistsError):
        place(source, other, None)
    assert other.read_text() == "theirs" and source.exists()
    os.link(source, tmp_path / "done")  # a move interrupted after its link
    place(source, tmp_path / "done", None)
    assert not source.exists() and (tmp_path / "done").read_text() == "mine"


def test_place_moves_what_cannot_be_linked(tmp_path: Path) -> None:
    folder = tmp_path / "x.yaml"
    folder.mkdir()
    place(folder, tmp_path / "failed" / "x.yaml", "x.yaml: this is a folder")
    assert (tmp_path / "failed" / "x.yaml").is_dir() and not folder.exists()
    assert (tmp_path / "failed" / "x.yaml.error.txt").read_text().startswith("x.yaml: this is a folder\n\n")


def test_process_tokens() -> None:
    assert is_alive(hidden_suffix().split("-")[0])
    assert not is_alive(dead_token())
    assert not is_alive("garbage")
    claim = Claim.parse(Path(f"/in/{CLAIM_PREFIX}{hidden_suffix()}.my.case.yaml"))
    assert claim is not None and claim.name == "my.case.yaml" and is_alive(claim.owner)
    assert Claim.parse(Path("/in/case.yaml")) is None


def test_the_log_skips_a_torn_line_and_closes_it(tmp_path: Path) -> None:
    path = tmp_path / LOG_NAME
    path.write_bytes(b'{"outcome": "rendered", "key": "k1", "outputs": []}\n{"outcome": "rend')
    log = JobLog(path)
    try:
        log.append({"outcome": "rendered", "key": "k2", "outputs": []})
        log.refresh()
        assert log.rendered("k1") and log.rendered("k2")
    finally:
        log.close()
    assert path.read_bytes().endswith(b'"rend\n{"outcome": "rendered", "key": "k2", "outputs": []}\n')


# --- one watcher, in this process -----------------------------------------------------------------------------


def write_slowly(path: Path, text: str, chunks: int = 40) -> None:
    """Write a file through one handle in `chunks` pieces, pausing between them."""
    data = text.encode()
    with path.open("wb") as handle:
        for start in range(0, len(data), len(data) // chunks + 1):
            handle.write(data[start : start + len(data) // chunks + 1])
            handle.flush()
            time.sleep(0.03)


@pytest.mark.slow
def test_two_hundred_files_at_once(inbox: Path, outbox: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Valid and invalid cases, non-YAML, an empty, a slow, a huge and an unreadable file, a folder, a pipe,
    duplicate names and references, files renamed or moved in, and files to ignore, all dropped at once."""
    real_open = os.open

    def unreadable(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if str(path).endswith("unreadable.yaml"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", unreadable)
    expect: dict[str, str] = {}  # marker → the folder it must end in
    staging = tmp_path / "staging"
    staging.mkdir()
    ignored = [".hidden.yaml", "~lock.yaml", "a.yaml.tmp", "b.yaml.part", "c.yaml.swp", "d.crdownload"]
    for name in ignored:
        (inbox / name).write_text("ignored")
    slow_text, slow_marker = case_text("WB-SLOW")
    expect[slow_marker] = PROCESSED
    slow = threading.Thread(target=write_slowly, args=(inbox / "slow.yaml", slow_text))
    duplicates = [case_text("WB-DUP") for _ in range(5)]
    with running_watcher(inbox, outbox, workers=2):
        slow.start()
        for number in range(125):
            text, marker = case_text(f"WB-{number:03}")
            expect[marker] = PROCESSED
            if number % 10 == 1:  # written aside, then renamed in
                (inbox / f"case-{number}.yaml.part").write_text(text)
                os.rename(inbox / f"case-{number}.yaml.part", inbox / f"case-{number}.yaml")
            elif number % 10 == 2:  # moved in from another folder
                (staging / f"case-{number}.yml").write_text(text)
                os.rename(staging / f"case-{number}.yml", inbox / f"case-{number}.yml")
            else:
                (inbox / f"case-{number}.yaml").write_text(text)
        same = []  # five files with one reference: the first published keeps it, the others fail
        for number in range(5):
            text, marker = case_text("WB-SAME")
            (inbox / f"same-{number}.yaml").write_text(text)
            same.append(marker)
        for number in range(30):
            text, marker = invalid_text()
            (inbox / f"invalid-{number}.yaml").write_text(text)
            expect[marker] = FAILED
        for number in range(10):
            markers = [uuid.uuid4().hex for _ in range(3)]
            (inbox / f"binary-{number}.yaml").write_bytes(os.urandom(300) + markers[0].encode() + b"\xff\xfe")
            (inbox / f"text-{number}.yml").write_text(f"not: [valid yaml # {markers[1]}\n")
            (inbox / f"broken-{number}.json").write_text(f'{{"review": {{"reference": "{markers[2]}"')
            expect.update(dict.fromkeys(markers, FAILED))
        marker = uuid.uuid4().hex
        json_case = yaml.safe_load(case_text(f"WB-JSON-{marker}")[0])
        (inbox / "valid.json").write_text(json.dumps(json_case, default=str))
        expect[marker] = PROCESSED
        (inbox / "empty-zzz.yaml").touch()
        text, marker = case_text("WB-HUGE")
        (inbox / "huge.yaml").write_text(text + "#" * (MAX_FILE_BYTES + 1) + "\n")
        expect[marker] = FAILED
        text, marker = case_text("WB-UNREADABLE")
        (inbox / "unreadable.yaml").write_text(text)
        expect[marker] = FAILED
        os.mkfifo(inbox / "pipe-zzz.yaml")
        (inbox / "folder-zzz.yaml").mkdir()
        for text, marker in duplicates:  # the same name, dropped again once the last one is taken
            wait_for(lambda: not (inbox / "dup.yaml").exists(), "dup.yaml to be taken")
            (inbox / "dup.yaml").write_text(text)
            expect[marker] = PROCESSED
        slow.join()
        wait_for(lambda: settled(inbox), "the inbox to settle")
    monkeypatch.undo()

    assert sorted(os.listdir(inbox)) == sorted([*ignored, FAILED, PROCESSED]), "ignored files stay, untouched"
    assert len(handled(inbox)) == len(expect) + len(same) + 3 >= 200
    for marker, folder in expect.items():
        found = where(inbox, marker)
        assert len(found) == 1 and found[0].parent.name == folder, (marker, found)
    assert sorted(where(inbox, marker)[0].parent.name for marker in same) == [FAILED] * 4 + [PROCESSED]
    assert (inbox / FAILED / "pipe-zzz.yaml").is_fifo() and (inbox / FAILED / "folder-zzz.yaml").is_dir()
    assert (inbox / FAILED / "empty-zzz.yaml").stat().st_size == 0
    dups = ["dup.yaml", "dup-1.yaml", "dup-2.yaml", "dup-3.yaml", "dup-4.yaml"]
    assert sorted(p.name for p in (inbox / PROCESSED).glob("dup*")) == sorted(dups)

    notes = {p.name.removesuffix(".error.txt"): p.read_text() for p in (inbox / FAILED).glob("*.error.txt")}
    assert "field subject.gender: not one of the accepted values: 'Male' or 'Female'" in notes["invalid-0.yaml"]
    assert "invalid-0.yaml, line 34" in notes["invalid-0.yaml"]
    assert "the file cannot be read (Permission denied)" in notes["unreadable.yaml"]
    assert "the file is too large" in notes["huge.yaml"]
    assert "the file is empty" in notes["empty-zzz.yaml"]
    assert "this is a named pipe" in notes["pipe-zzz.yaml"] and "this is a folder" in notes["folder-zzz.yaml"]
    assert "not valid JSON" in notes["broken-0.json"] and "not UTF-8" in notes["binary-0.yaml"]
    assert not [n for n in notes.values() if "Traceback" in n]

    records = check_story(inbox, outbox)
    assert len(records) == len(handled(inbox))
    assert {r["outcome"] for r in records} == {"rendered", "failed"}
    same_records = [r for r in records if r.get("reference") == "WB-SAME"]
    assert sorted(r["outcome"] for r in same_records) == ["failed"] * 4 + ["rendered"]
    owner = next(r["input"] for r in same_records if r["outcome"] == "rendered")
    errors = [r["error"] for r in same_records if r["outcome"] == "failed"]
    assert all(f"another case file with the same reference, {owner};" in error for error in errors)
    assert (outbox / "WB-SLOW" / "WB-SLOW_letter-1.html").exists()
    assert all(oct(p.stat().st_mode & 0o777) == "0o600" for p in (outbox / "WB-000").iterdir())
    assert oct((outbox / "WB-000").stat().st_mode & 0o777) == "0o700"


@pytest.mark.slow
def test_polling_waits_until_a_file_stops_changing(inbox: Path, outbox: Path) -> None:
    text, marker = case_text("POLL-1")
    with running_watcher(inbox, outbox, poll=True, settle=0.5) as results:
        write_slowly(inbox / "slow.yaml", text, chunks=20)  # a pause of 0.03 s between writes: less than 0.5 s
        (inbox / "later.yaml").write_text(case_text("POLL-2")[0])
        wait_for(lambda: len(results) == 2, "both files")
    assert where(inbox, marker)[0] == inbox / PROCESSED / "slow.yaml"
    assert {r.outcome for r in results} == {"rendered"}
    assert results[0].sha256 == sha256(inbox / PROCESSED / "slow.yaml")
    check_story(inbox, outbox)


@pytest.mark.slow
def test_word_and_pdf_and_a_board_file_beside_the_case(inbox: Path, outbox: Path) -> None:
    """The default formats, and a case naming its board by a relative path (found beside the inbox's files)."""
    copy_boards(inbox)
    board = "board: boards/northbrook.yaml\n"
    minimal = case_text("DP-1")[0]
    with_board = board + minimal[minimal.index("review:") :]
    with running_watcher(inbox, outbox, formats=("docx", "pdf")) as results:
        (inbox / "one.yaml").write_text(with_board)
        (inbox / "two.yaml").write_text(case_text("DP-2")[0])
        wait_for(lambda: len(results) == 2, "both cases")
    assert [r.outcome for r in results] == ["rendered", "rendered"], [r.error for r in results]
    for reference in ("DP-1", "DP-2"):
        assert (outbox / reference / f"{reference}_letter-1.pdf").read_bytes().startswith(b"%PDF")
        assert (outbox / reference / f"{reference}_letter-1.docx").read_bytes().startswith(b"PK")
    assert "Northbrook" in pdf_text((outbox / "DP-1" / "DP-1_letter-1.pdf").read_bytes())
    assert "Eastfield" in pdf_text((outbox / "DP-2" / "DP-2_letter-1.pdf").read_bytes())
    check_story(inbox, outbox)


@pytest.mark.slow
def test_an_identical_input_is_unchanged_until_its_outputs_change(inbox: Path, outbox: Path) -> None:
    text = case_text("UN-1")[0]
    with running_watcher(inbox, outbox) as results:
        for count in (1, 2):
            (inbox / "case.yaml").write_text(text)
            wait_for(lambda n=count: len(results) == n, "the job")
        (outbox / "UN-1" / "UN-1_letter-1.html").write_text("edited by hand")
        (inbox / "case.yaml").write_text(text)
        wait_for(lambda: len(results) == 3, "the job")
    assert [r.outcome for r in results] == ["rendered", "unchanged", "rendered"]
    assert results[1].outputs == results[0].outputs
    with running_watcher(inbox, outbox, formats=("html", "docx")) as results:
        (inbox / "case.yaml").write_text(text)
        wait_for(lambda: len(results) == 1, "the job")
    assert results[0].outcome == "rendered", "other formats: other outputs"
    check_story(inbox, outbox)


def test_a_full_disk_mocked(inbox: Path, outbox: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_space(staging: Path, files: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(staging))

    monkeypatch.setattr(publish, "write_staged", no_space)
    text = case_text("FULL-1")[0]
    with running_watcher(inbox, outbox) as results:
        (inbox / "case.yaml").write_text(text)
        wait_for(lambda: results, "the job")
        monkeypatch.undo()
        (inbox / "case.yaml").write_text(text)
        wait_for(lambda: len(results) == 2, "the job once there is space")
    assert [r.outcome for r in results] == ["failed", "rendered"]
    note = (inbox / FAILED / "case.yaml.error.txt").read_text()
    assert note.startswith(f"{inbox / 'case.yaml'}: the documents could not be written into {outbox}: No space left")
    check_story(inbox, outbox)


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB tmpfs (skipped where `mount -t tmpfs` is not allowed)."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)], capture_output=True).returncode:
        pytest.skip("mount -t tmpfs is not allowed here (the mocked full disk is tested instead)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", str(mount)], check=True)


@pytest.mark.slow
def test_a_full_disk_for_real(inbox: Path, tiny_disk: Path) -> None:
    """A Word form is ~43 KiB: with 24 KiB free it cannot be written; the log line still fits."""
    outbox = tiny_disk / "out"
    outbox.mkdir()
    filler = tiny_disk / "filler"
    filler.write_bytes(b"\0" * (40 * 1024))
    text = case_text("TINY-1")[0] + "generate: [referral-form]\n"  # one Word form, nothing else
    with running_watcher(inbox, outbox, formats=("docx",)) as results:
        (inbox / "case.yaml").write_text(text)
        wait_for(lambda: results, "the job")
        filler.unlink()
        (inbox / "case.yaml").write_text(text)
        wait_for(lambda: len(results) == 2, "the job once there is space")
    assert [r.outcome for r in results] == ["failed", "rendered"]
    assert "No space left on device" in (inbox / FAILED / "case.yaml.error.txt").read_text()
    check_story(inbox, outbox)


def test_recovery_of_a_dead_watchers_claims(inbox: Path, outbox: Path) -> None:
    """Claims of a process that is gone: logged ones are moved where the log says, the others run again;
    its temporary folders are removed, a live process's are not."""
    token = dead_token()
    logged, unlogged = inbox / f"{CLAIM_PREFIX}{token}-aa.logged.yaml", inbox / f"{CLAIM_PREFIX}{token}-bb.again.yaml"
    logged.write_text(invalid_text()[0])
    unlogged.write_text(case_text("RE-1")[0])
    (inbox / FAILED).mkdir()
    os.link(logged, inbox / FAILED / "logged.yaml")  # the crash came after the move's link
    outbox.mkdir()
    stale, live = outbox / f".tmp-RE-0-{token}-0123abcd", outbox / f".tmp-RE-0-{hidden_suffix()}"
    stale.mkdir()
    live.mkdir()
    record = {
        "input": str(inbox / "logged.yaml"),
        "outcome": "failed",
        "outputs": [],
        "error": "logged.yaml: bad",
        "claim": logged.name,
        "moved_to": str(inbox / FAILED / "logged.yaml"),
    }
    (outbox / LOG_NAME).write_text(json.dumps(record) + "\n")
    with running_watcher(inbox, outbox) as results:
        wait_for(lambda: settled(inbox) and results, "the claims")
        assert not stale.exists() and live.exists()
        live.rmdir()
    assert [(r.input, r.outcome) for r in results] == [(str(inbox / "again.yaml"), "rendered")]
    assert (inbox / FAILED / "logged.yaml.error.txt").read_text().startswith("logged.yaml: bad")
    assert where(inbox, "RE-1") == [inbox / PROCESSED / "again.yaml"]
    check_story(inbox, outbox)


def test_the_outbox_must_not_be_the_inbox(inbox: Path) -> None:
    with pytest.raises(DocgenError, match="another folder"):
        Watcher(inbox, inbox)


# --- watchers as processes ----------------------------------------------------------------------------------


STOP_SECONDS = 300
"""How long a watcher is given to finish the job in hand and exit: a bound, not a measure (a document that takes
two seconds alone takes far longer on a machine busy with the other tests' renders and browsers)."""


def stop(process: subprocess.Popen[bytes], signum: int = signal.SIGTERM) -> int:
    process.send_signal(signum)
    return process.wait(STOP_SECONDS)


@pytest.mark.slow
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_lets_the_job_in_hand_finish(inbox: Path, outbox: Path, tmp_path: Path, signum: int) -> None:
    copy_boards(inbox)
    text, marker = slow_case_text("SIG-1")
    watcher = start_watcher(inbox, outbox, "--format", "pdf", log=tmp_path / "watch")
    (inbox / "slow.yaml").write_text(text)
    wait_for(lambda: any(n.startswith(CLAIM_PREFIX) for n in os.listdir(inbox)), "the claim")
    assert stop(watcher, signum) == 0
    assert where(inbox, marker) == [inbox / PROCESSED / "slow.yaml"]
    assert [r["outcome"] for r in check_story(inbox, outbox)] == ["rendered"]
    assert (outbox / "SIG-1" / "SIG-1_overview-report.pdf").exists()
    err = (tmp_path / "watch.err").read_text()
    assert "Traceback" not in err
    assert (tmp_path / "watch.out").read_text().startswith(f"rendered: {inbox / 'slow.yaml'} -> ")


@pytest.mark.slow
def test_sigkill_in_the_middle_then_start_again(inbox: Path, outbox: Path, tmp_path: Path) -> None:
    markers = {}
    for number in range(60):
        text, marker = invalid_text() if number % 4 == 0 else case_text(f"KILL-{number}")
        (inbox / f"case-{number}.yaml").write_text(text)
        markers[marker] = FAILED if number % 4 == 0 else PROCESSED
    for progress in (10, 30):
        watcher = start_watcher(inbox, outbox, log=tmp_path / "watch")
        wait_for(lambda p=progress: len(handled(inbox)) >= p, f"{progress} files handled")
        workers = children(watcher.pid)
        watcher.kill()
        watcher.wait()
        for pid in workers:
            wait_for(lambda pid=pid: not is_running(pid), "the workers to leave with the watcher", timeout=10)
    watcher = start_watcher(inbox, outbox, log=tmp_path / "watch")
    wait_for(lambda: settled(inbox), "the inbox to settle")
    assert stop(watcher) == 0
    for marker, folder in markers.items():
        found = where(inbox, marker)
        assert len(found) == 1 and found[0].parent.name == folder, (marker, found)
    assert len(check_story(inbox, outbox)) == 60


@pytest.mark.slow
def test_two_watchers_never_take_the_same_file(inbox: Path, outbox: Path, tmp_path: Path) -> None:
    watchers = [start_watcher(inbox, outbox, log=tmp_path / f"watch{n}") for n in range(2)]
    markers = []
    for number in range(40):
        text, marker = case_text(f"TWO-{number}")
        (inbox / f"case-{number}.yaml").write_text(text)
        markers.append(marker)
    wait_for(lambda: settled(inbox), "the inbox to settle")
    assert [stop(w) for w in watchers] == [0, 0]
    assert all(len(where(inbox, m)) == 1 for m in markers)
    records = check_story(inbox, outbox)
    assert len(records) == 40 and {r["outcome"] for r in records} == {"rendered"}


@pytest.mark.slow
@pytest.mark.parametrize("always", [False, True])
def test_killed_workers_are_replaced(inbox: Path, outbox: Path, tmp_path: Path, always: bool) -> None:
    """A job whose workers die is rendered again in new ones; if those die too, it fails in plain words (a
    case that crashes the renderer must not loop forever). Either way the watcher goes on with new workers."""
    copy_boards(inbox)
    text, marker = slow_case_text("WK-1")
    watcher = start_watcher(inbox, outbox, "--format", "pdf", log=tmp_path / "watch")
    (inbox / "slow.yaml").write_text(text)
    wait_for(lambda: any(n.startswith(CLAIM_PREFIX) for n in os.listdir(inbox)), "the claim")
    killed: set[int] = set()
    while not killed or (always and not settled(inbox)):  # started for the job, which takes seconds: they die in it
        for pid in set(workers_of(watcher.pid)) - killed:
            os.kill(pid, signal.SIGKILL)
            killed.add(pid)
        time.sleep(0.05)
    wait_for(lambda: settled(inbox), "the job")
    (inbox / "next.yaml").write_text(case_text("WK-2")[0])
    wait_for(lambda: settled(inbox), "the next job")
    assert not set(workers_of(watcher.pid)) & killed
    assert stop(watcher) == 0
    outcome, folder = ("failed", FAILED) if always else ("rendered", PROCESSED)
    assert where(inbox, marker) == [inbox / folder / "slow.yaml"]
    assert [r["outcome"] for r in check_story(inbox, outbox)] == [outcome, "rendered"]
    if always:
        note = (inbox / FAILED / "slow.yaml.error.txt").read_text()
        assert "the process rendering the documents stopped unexpectedly, 2 times (BrokenProcessPool)" in note


WITHOUT_DAC = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search"]
"""Root without the capabilities that let it read any file: file permissions apply to it again."""


@pytest.mark.slow
def test_a_file_the_watcher_may_not_read(inbox: Path, outbox: Path, tmp_path: Path) -> None:
    """For real: the watcher runs without the capability to override file permissions; one file has none."""
    if shutil.which("setpriv") is None or subprocess.run([*WITHOUT_DAC, "true"], capture_output=True).returncode:
        pytest.skip("setpriv cannot drop capabilities here (the burst test simulates an unreadable file instead)")
    secret = inbox / "secret.yaml"
    secret.write_text(case_text("NOPERM-1")[0])
    secret.chmod(0)
    (inbox / "open.yaml").write_text(case_text("NOPERM-2")[0])
    watcher = start_watcher(inbox, outbox, log=tmp_path / "watch", prefix=WITHOUT_DAC)
    wait_for(lambda: settled(inbox), "the inbox to settle")
    assert stop(watcher) == 0
    note = (inbox / FAILED / "secret.yaml.error.txt").read_text()
    assert note.startswith(f"{secret} is not a valid case file (1 problem):\n  - {secret}: the file cannot be read")
    assert "(Permission denied)" in note and (inbox / PROCESSED / "open.yaml").exists()
    check_story(inbox, outbox)


@pytest.mark.slow
def test_a_second_signal_stops_at_once_and_the_claim_waits_for_the_next_start(
    inbox: Path, outbox: Path, tmp_path: Path
) -> None:
    copy_boards(inbox)
    text, marker = slow_case_text("TWICE-1")
    watcher = start_watcher(inbox, outbox, "--format", "pdf", log=tmp_path / "watch")
    (inbox / "slow.yaml").write_text(text)
    wait_for(lambda: any(n.startswith(CLAIM_PREFIX) for n in os.listdir(inbox)), "the claim")
    watcher.send_signal(signal.SIGTERM)
    wait_for(lambda: "signal again" in (tmp_path / "watch.err").read_text(), "the first signal to be heard")
    assert stop(watcher) != 0
    assert [n for n in os.listdir(inbox) if n.startswith(CLAIM_PREFIX)], "the job in hand stays claimed"
    assert not (outbox / "TWICE-1").exists() and not log_records(outbox)
    watcher = start_watcher(inbox, outbox, "--format", "pdf", log=tmp_path / "watch")
    wait_for(lambda: settled(inbox), "the claim to be taken again")
    assert stop(watcher) == 0
    assert where(inbox, marker) == [inbox / PROCESSED / "slow.yaml"]
    assert [r["outcome"] for r in check_story(inbox, outbox)] == ["rendered"]


def test_a_half_written_error_note_is_replaced_whole(tmp_path: Path) -> None:
    """A watcher killed while writing an error note leaves its temporary file; the next placing removes it."""
    source, failed = tmp_path / "claimed.yaml", tmp_path / FAILED
    source.write_text("review: [")
    failed.mkdir()
    (failed / ".case.yaml.error.txt.x1y2.part").write_text("half a no")
    place(source, failed / "case.yaml", "case.yaml: not valid YAML")
    assert sorted(p.name for p in failed.iterdir()) == ["case.yaml", "case.yaml.error.txt"]


@pytest.mark.slow
def test_a_safeguarding_adults_review_dropped_in_the_inbox(inbox: Path, outbox: Path) -> None:
    """The england-sar example, its board in a folder below the inbox: every document of its framework, in every
    format."""
    example = Path(__file__).resolve().parent.parent / "examples" / "england-sar"
    (inbox / "boards").mkdir()
    shutil.copy(example / "board.yaml", inbox / "boards" / "hartmoor.yaml")
    text = (
        (example / "case.yaml").read_text(encoding="utf-8").replace("board: board.yaml", "board: boards/hartmoor.yaml")
    )
    with running_watcher(inbox, outbox, formats=("docx", "pdf", "html")) as results:
        (inbox / "sar.yaml").write_text(text, encoding="utf-8")
        wait_for(lambda: len(results) == 1, "the case", timeout=240)
    assert results[0].outcome == "rendered", results[0].error
    written = {path.name for path in (outbox / "HSAB-SAR-2026-02").iterdir()}
    for fmt in ("docx", "pdf", "html"):
        assert f"HSAB-SAR-2026-02_adults-review-report.{fmt}" in written
        assert f"HSAB-SAR-2026-02_letter-5_daughter.{fmt}" in written
    report = pdf_text((outbox / "HSAB-SAR-2026-02" / "HSAB-SAR-2026-02_adults-review-report.pdf").read_bytes())
    assert "section 44(1) of the Care Act 2014" in report and "Margaret" not in report


@pytest.mark.slow
def test_a_domestic_homicide_review_dropped_in_the_inbox(inbox: Path, outbox: Path) -> None:
    """The england-dhr example, its board in a folder below the inbox: every document of its framework, in every
    format, the public ones anonymised."""
    example = Path(__file__).resolve().parent.parent / "examples" / "england-dhr"
    (inbox / "boards").mkdir()
    shutil.copy(example / "board.yaml", inbox / "boards" / "elmvale.yaml")
    text = (example / "case.yaml").read_text(encoding="utf-8")
    text = text.replace("board: board.yaml", "board: boards/elmvale.yaml")
    with running_watcher(inbox, outbox, formats=("docx", "pdf", "html")) as results:
        (inbox / "dhr.yaml").write_text(text, encoding="utf-8")
        wait_for(lambda: len(results) == 1, "the case", timeout=240)
    assert results[0].outcome == "rendered", results[0].error
    folder = outbox / "SEP-DHR-2026-01"
    written = {path.name for path in folder.iterdir()}
    for fmt in ("docx", "pdf", "html"):
        assert f"SEP-DHR-2026-01_assurance-log.{fmt}" in written
        assert f"SEP-DHR-2026-01_letter-5_friend.{fmt}" in written
    report = pdf_text((folder / "SEP-DHR-2026-01_death-review-report.pdf").read_bytes())
    assert "Domestic Violence, Crime and Victims Act 2004" in report and "Kirsty" not in report

"""Helpers of the watch and batch tests: case files to drop, waiting for a condition, running a watcher,
and `check_story`, the checks every fault ends with."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from docgen.service.joblog import LOG_NAME, JobResult
from docgen.service.runner import is_case_name
from docgen.service.watch import CLAIM_PREFIX, FAILED, PROCESSED, Watcher

from .conftest import CASES, SAMPLE

MINIMAL = CASES / "minimal.yaml"
TIMEOUT = 60.0
"""Seconds any condition is waited for before a test fails."""


def case_text(reference: str) -> tuple[str, str]:
    """The minimal valid case with another reference, and a unique marker (a comment) in it: (text, marker)."""
    marker = uuid.uuid4().hex
    text = MINIMAL.read_text(encoding="utf-8").replace("reference: SCR-2026-01", f"reference: {reference}")
    return f"{text}# marker {marker}\n", marker


def invalid_text() -> tuple[str, str]:
    """A case file with a value that is not among the accepted ones (child.gender)."""
    text, marker = case_text(f"BAD-{uuid.uuid4().hex[:8]}")
    return text.replace("gender: Female", "gender: Girl"), marker


def slow_case_text(reference: str) -> tuple[str, str]:
    """The example case asking for one slow document (its Overview Report: ~2 s as PDF); its board is a file."""
    text = SAMPLE.read_text(encoding="utf-8").replace("reference: LLR-2026-04", f"reference: {reference}")
    marker = uuid.uuid4().hex
    return text.replace("generate: []", "generate: [overview-report]") + f"# marker {marker}\n", marker


def copy_boards(folder: Path) -> None:
    """Put the example's board profile where a case file in `folder` names it (boards/…)."""
    (folder / "boards").mkdir(exist_ok=True)
    for board in (SAMPLE.parent / "boards").iterdir():
        (folder / "boards" / board.name).write_bytes(board.read_bytes())


def wait_for(condition: Callable[[], object], what: str, timeout: float = TIMEOUT) -> None:
    """Poll `condition` until it is true; fail the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.05)


def settled(inbox: Path) -> bool:
    """True when the inbox holds no case file waiting and no claim."""
    return not [n for n in os.listdir(inbox) if is_case_name(n) or n.startswith(CLAIM_PREFIX)]


def handled(inbox: Path) -> list[Path]:
    """The inputs moved into processed/ and failed/ (not the error notes)."""
    return [
        p
        for folder in (PROCESSED, FAILED)
        if (inbox / folder).is_dir()
        for p in sorted((inbox / folder).iterdir())
        if not p.name.endswith(".error.txt")
    ]


def where(inbox: Path, marker: str) -> list[Path]:
    """Every handled input holding `marker` (a file's content, or a folder's or pipe's name)."""
    found = []
    for path in handled(inbox):
        if path.is_file() and not path.is_symlink():
            if marker.encode() in path.read_bytes():
                found.append(path)
        elif marker in path.name:
            found.append(path)
    return found


def log_records(outbox: Path) -> list[dict[str, Any]]:
    """The job log's lines (a line torn by a SIGKILL is skipped, as docgen skips it)."""
    records = []
    for line in (outbox / LOG_NAME).read_bytes().splitlines():
        with contextlib.suppress(ValueError):
            records.append(json.loads(line))
    return records


def check_story(inbox: Path | None, outbox: Path) -> list[dict[str, Any]]:
    """What every fault ends with; returns the log's records.

    - inbox (watch): no claim left; each input in processed/ or failed/ has one log line naming it, and
      each log line names an input that is there; failed ones (only) beside their error note;
    - outbox: every folder complete (exactly the files its manifest lists, with their sha256), no
      temporary folder (its lock file stays); the latest rendered job of each reference names exactly the files
      there.
    """
    records = log_records(outbox)
    if inbox is not None:
        assert not [n for n in os.listdir(inbox) if n.startswith(CLAIM_PREFIX)], "a claim was left behind"
        moved = [r["moved_to"] for r in records if "moved_to" in r]
        assert len(moved) == len(set(moved)), "two log lines name the same input"
        assert sorted(moved) == sorted(str(p) for p in handled(inbox)), "the log and the folders disagree"
        for record in records:
            path = Path(record["moved_to"])
            assert (path.parent.name == FAILED) == (record["outcome"] == "failed"), record
            assert (path.parent / f"{path.name}.error.txt").exists() == (record["outcome"] == "failed"), record
        notes = [p for p in (inbox / FAILED).iterdir() if p.name.endswith(".error.txt")]
        assert all(p.with_name(p.name.removesuffix(".error.txt")).exists() for p in notes), "a note without its input"
    hidden = [p for p in outbox.iterdir() if p.name.startswith(".") and p.name != ".docgen.lock"]
    assert not hidden, "a temporary folder was left behind"
    for folder in (p for p in outbox.iterdir() if p.is_dir()):
        listed = json.loads((folder / "manifest.json").read_bytes())["documents"]
        assert sorted(p.name for p in folder.iterdir()) == sorted([d["file"] for d in listed] + ["manifest.json"])
        for document in listed:
            assert sha256(folder / document["file"]) == document["sha256"]
    latest = {r["reference"]: r for r in records if r["outcome"] in ("rendered", "unchanged")}
    for reference, record in latest.items():
        files = {o["file"]: o["sha256"] for o in record["outputs"]}
        assert files == {f"{reference}/{p.name}": sha256(p) for p in (outbox / reference).iterdir()}
    return records


def sha256(path: Path) -> str:
    """Hex digest of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


@contextlib.contextmanager
def running_watcher(inbox: Path, outbox: Path, **options: Any) -> Iterator[list[JobResult]]:
    """A Watcher running in a thread of the test (HTML only, a short settle time unless told); yields its results."""
    results: list[JobResult] = []
    errors: list[BaseException] = []
    stop = threading.Event()
    watcher = Watcher(inbox, outbox, on_result=results.append, **{"formats": ("html",), "settle": 0.2, **options})

    def run() -> None:
        try:
            watcher.run(stop)
        except BaseException as error:  # handed to the test below
            errors.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    try:
        yield results
    finally:
        stop.set()
        thread.join(TIMEOUT)
    assert not thread.is_alive(), "the watcher did not stop"
    if errors:
        raise errors[0]


def start_watcher(
    inbox: Path, outbox: Path, *options: str, log: Path, prefix: Sequence[str] = ()
) -> subprocess.Popen[bytes]:
    """`[PREFIX] python -m docgen watch INBOX --out OUTBOX` (HTML only, unless told); output in LOG.out/.err."""
    command = [*prefix, sys.executable, "-m", "docgen", "watch", str(inbox), "--out", str(outbox), "--settle", "0.2"]
    if "--format" not in options:
        command += ["--format", "html"]
    with open(log.with_suffix(".out"), "ab") as out, open(log.with_suffix(".err"), "ab") as err:
        return subprocess.Popen([*command, *options], stdout=out, stderr=err)


def children(pid: int) -> list[int]:
    """The child processes of a process (its render workers and multiprocessing's resource tracker)."""
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(FileNotFoundError):  # a thread that has ended
            found += [int(child) for child in (task / "children").read_text().split()]
    return found


def workers_of(pid: int) -> list[int]:
    """The render workers among a process's children (those still there)."""
    found = []
    for child in children(pid):
        with contextlib.suppress(FileNotFoundError):
            if "spawn_main" in Path(f"/proc/{child}/cmdline").read_text():
                found.append(child)
    return found


def is_running(pid: int) -> bool:
    """True while a process exists and is not a zombie."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] not in ("Z", "X")
    except OSError:
        return False

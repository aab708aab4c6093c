"""The JSON-lines job log and what it records: each job's result, keyed by what its outputs depend on."""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .. import __version__
from ..errors import OutputError, RenderError
from ..model import Case
from ..rendering.template_files import folder_names, read_template_file
from ..rendering.templates import builtin_templates

LOG_NAME = "docgen-jobs.jsonl"


def templates_digest(root: Path | None = None) -> str:
    """A hash of the name and content of every file of a templates folder (the built-ins when None), each read as
    templates are (`read_template_file`): a file it refuses (a pipe, a link out of the folder) counts by its name
    and why, unread. A folder of more than MAX_TEMPLATE_FILES entries is refused (UsageError)."""
    root = root or builtin_templates()
    digest = hashlib.sha256()
    for name in folder_names(root):
        try:
            found = read_template_file(root, name)
            content = hashlib.sha256(found.data).digest() if found else b"gone"
        except RenderError as refused:
            content = refused.describe().encode()
        digest.update(name.encode() + b"\0" + content)
    return digest.hexdigest()


def job_key(data: bytes, case: Case, formats: Sequence[str]) -> str:
    """What a job's outputs depend on: the input, its board and framework profiles (inline or files), the templates
    (the profile's too), docgen, the formats."""
    framework = case.framework
    profiles = (case.board.model_dump_json(), framework.model_dump_json())
    templates = (templates_digest(), templates_digest(Path(framework.templates)) if framework.templates else "")
    digest = hashlib.sha256()
    for part in (data, *profiles, *templates, __version__, ",".join(formats)):
        digest.update(hashlib.sha256(part if isinstance(part, bytes) else part.encode()).digest())
    return digest.hexdigest()


@dataclass(frozen=True)
class Output:
    """One published file: its path relative to the outbox and its sha256."""

    file: str
    sha256: str


@dataclass(frozen=True)
class JobResult:
    """What became of one case file."""

    input: str
    outcome: str
    """'rendered', 'unchanged' or 'failed'."""
    seconds: float
    sha256: str | None = None
    """Of the input's bytes (None when they could not be read)."""
    reference: str | None = None
    """The output folder's name: the review's reference with '/' replaced by '-'."""
    outputs: tuple[Output, ...] = ()
    """The documents and the manifest."""
    error: str | None = None
    """What is wrong, in plain words (failed jobs)."""
    traceback: str | None = None
    """Unexpected failures only; it goes to the job log, never to the person."""
    key: str | None = None
    moved_to: str | None = None
    """Where the watcher moved the input."""

    @property
    def documents(self) -> int:
        """How many documents were published (the manifest not counted)."""
        return sum(not o.file.endswith("/manifest.json") for o in self.outputs)

    def record(self, **extra: str) -> dict[str, Any]:
        """The job log's line for this result."""
        line = {
            "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "input": self.input,
            "sha256": self.sha256,
            "outcome": self.outcome,
            "outputs": [asdict(o) for o in self.outputs],
            "seconds": self.seconds,
        }
        optional = {
            "reference": self.reference,
            "key": self.key,
            "error": self.error,
            "traceback": self.traceback,
            "moved_to": self.moved_to,
        }
        return line | {k: v for k, v in optional.items() if v is not None} | extra


class JobLog:
    """OUTBOX/docgen-jobs.jsonl: one JSON object per line, appended whole and fsynced; indexed as it grows."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fd = os.open(path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o600)
        self._read_to = 0
        self._by_key: dict[str, dict[str, Any]] = {}
        self._by_claim: dict[str, dict[str, Any]] = {}
        self.destinations: set[str] = set()
        """Every `moved_to` the log records: names never given out again."""

    def close(self) -> None:
        """Close the log file."""
        os.close(self._fd)

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the log's lock (against other processes too), having read every line written so far."""
        fcntl.flock(self._fd, fcntl.LOCK_EX)
        try:
            self.refresh()
            yield
        finally:
            fcntl.flock(self._fd, fcntl.LOCK_UN)

    def append(self, record: dict[str, Any]) -> None:
        """Append one line with a single O_APPEND write, then fsync; a line torn by a crash is closed first."""
        line = (json.dumps(record, ensure_ascii=False) + "\n").encode()
        try:
            end = os.fstat(self._fd).st_size
            if end and os.pread(self._fd, 1, end - 1) != b"\n":
                line = b"\n" + line
            view = memoryview(line)
            while view:
                view = view[os.write(self._fd, view) :]
            os.fsync(self._fd)
        except OSError as error:
            raise OutputError(f"the job log {self.path} cannot be written: {error.strerror}") from error

    def refresh(self) -> None:
        """Index the whole lines written since the last refresh, by any process; torn lines are skipped."""
        size = os.fstat(self._fd).st_size
        if size <= self._read_to:
            return
        data = os.pread(self._fd, size - self._read_to, self._read_to)
        whole = data.rfind(b"\n") + 1
        for line in data[:whole].splitlines():
            with contextlib.suppress(ValueError):
                self._index(json.loads(line))
        self._read_to += whole

    def _index(self, record: Any) -> None:
        if not isinstance(record, dict):
            return
        if record.get("outcome") in ("rendered", "unchanged") and "key" in record:
            self._by_key[record["key"]] = record
        if "claim" in record:
            self._by_claim[record["claim"]] = record
        if "moved_to" in record:
            self.destinations.add(record["moved_to"])

    def rendered(self, key: str) -> dict[str, Any] | None:
        """The latest line of a rendered (or unchanged) job with this key."""
        return self._by_key.get(key)

    def finished(self, claim: str) -> dict[str, Any] | None:
        """The line of the job done for this claim (a watcher's claimed file name)."""
        return self._by_claim.get(claim)

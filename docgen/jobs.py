"""The shared unit of work of `docgen watch` and `docgen batch`: one case file in, one folder of documents out.

A job: the case file is read and validated here → its documents (kind × agency × format) are rendered in a
pool of spawned worker processes → written into a hidden folder of the outbox (each file fsynced,
owner-only) and renamed into place whole, with the manifest → one line in the job log. An input whose
content, board, templates, docgen version and formats match a job already rendered, and whose outputs are
still in place, is `unchanged` and not rendered again. WeasyPrint is imported by the workers only.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import json
import multiprocessing
import os
import secrets
import shutil
import signal
import stat
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from types import TracebackType
from typing import Any

from . import __version__
from .api import RenderedDocument, manifest, render, supported_documents
from .errors import CaseError, DocgenError, NotSupportedError, Problem
from .io import load_case, write_atomic
from .model import Case
from .rendering.templates import builtin_templates

CASE_SUFFIXES = frozenset({".yaml", ".yml", ".json"})
DEFAULT_FORMATS = ("docx", "pdf")
MAX_CASE_BYTES = 8 * 1024 * 1024
"""Larger files are refused unread: a real case file is a few hundred kilobytes."""
LOG_NAME = "docgen-jobs.jsonl"
RENDER_ATTEMPTS = 2
"""How often a job's documents are sent to the workers when a worker process dies under them."""

Task = tuple[str, str | None, str]
"""One document to render: (kind, agency, format)."""


class OutputError(DocgenError):
    """The documents could not be written into the outbox (a full disk, a permission)."""


def is_case_name(name: str) -> bool:
    """True for a case file's name: *.yaml, *.yml or *.json, not hidden (.x) nor temporary (~x, x.part…)."""
    return not name.startswith((".", "~")) and os.path.splitext(name)[1].lower() in CASE_SUFFIXES


def process_token(pid: int | None = None) -> str | None:
    """'<pid>_<start>', naming one run of a process (on Linux, by boot and start time); None if it is gone."""
    pid = os.getpid() if pid is None else pid
    if sys.platform.startswith("linux"):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return None if fields[0] in ("Z", "X") else f"{pid}_{_boot_id()}{fields[19]}"
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass
    return f"{pid}_0"


def is_alive(token: str) -> bool:
    """True while the process run named by `token` (see `process_token`) is still running."""
    pid = token.split("_", 1)[0]
    return pid.isdigit() and process_token(int(pid)) == token


@cache
def own_token() -> str:
    """This process's token."""
    token = process_token()
    assert token is not None, "this process runs"
    return token


@cache
def _boot_id() -> str:
    return Path("/proc/sys/kernel/random/boot_id").read_text()[:8]


def hidden_suffix() -> str:
    """'<owner token>-<random>': makes a hidden name unique and tells whose it is."""
    return f"{own_token()}-{secrets.token_hex(4)}"


def templates_digest() -> str:
    """A hash of the name and content of every file of the built-in templates."""
    root = builtin_templates()
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def job_key(data: bytes, case: Case, formats: Sequence[str]) -> str:
    """What a job's outputs depend on: the input, its board (inline or a file), the templates, docgen, the formats."""
    digest = hashlib.sha256()
    for part in (data, case.board.model_dump_json(), templates_digest(), __version__, ",".join(formats)):
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


def publish(outbox: Path, reference: str, files: Sequence[tuple[str, bytes]]) -> None:
    """Write files into OUTBOX/.tmp-…/ (0700; files 0600, fsynced), then rename that folder to OUTBOX/<reference>.

    An earlier folder of that name is renamed aside first and removed after, so a reader sees the old
    folder, no folder, or the new one, never half of one.
    """
    staging = outbox / f".tmp-{reference}-{hidden_suffix()}"
    staging.mkdir(mode=0o700)
    try:
        for name, content in files:
            write_atomic(staging / name, content)
        _fsync(staging)
        _rename_into_place(staging, outbox / reference)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _fsync(outbox)


def _rename_into_place(staging: Path, final: Path) -> None:
    asides = []
    while True:
        try:
            os.rename(staging, final)
            break
        except OSError as error:
            if error.errno not in (errno.EEXIST, errno.ENOTEMPTY):
                raise
        aside = final.with_name(f".old-{final.name}-{hidden_suffix()}")
        with contextlib.suppress(FileNotFoundError):
            os.rename(final, aside)
            asides.append(aside)
    for aside in asides:
        shutil.rmtree(aside, ignore_errors=True)


def _fsync(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def remove_stale_folders(outbox: Path) -> None:
    """Remove the .tmp-…/.old-… folders left in the outbox by processes that are no longer running."""
    for entry in os.scandir(outbox):
        parts = entry.name.rsplit("-", 2)
        if entry.name.startswith((".tmp-", ".old-")) and len(parts) == 3 and not is_alive(parts[1]):
            shutil.rmtree(entry.path, ignore_errors=True)


def _sha256_of(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


@dataclass(frozen=True)
class _Failed:
    """A document a worker could not render: the message for a person, or an unexpected error's type and trace."""

    message: str
    traceback: str | None = None


def render_task(case: Case, kind: str, agency: str | None, fmt: str) -> RenderedDocument | _Failed:
    """Render one document in a worker; every error comes back as a value (some exceptions do not pickle)."""
    try:
        return render(case, kind, fmt, agency=agency)
    except DocgenError as error:
        return _Failed(f"{kind}{f' for {agency}' if agency else ''} ({fmt}): {error.describe()}")
    except Exception as error:  # reported in plain words; the trace goes to the job log
        return _Failed(type(error).__name__, "".join(traceback.format_exception(error)))


def _worker_started(parent: int, pdf: bool) -> None:
    """In each worker: leave the signals to the watcher, exit when it is gone, import the engines once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()
    if pdf:
        import weasyprint  # noqa: F401


def _exit_with(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


@dataclass(eq=False)
class _Job:
    tag: object
    input: str
    started: float = field(default_factory=time.monotonic)
    sha256: str | None = None
    reference: str | None = None
    key: str | None = None
    case: Case | None = None
    tasks: list[Task] = field(default_factory=list)
    futures: list[Future[RenderedDocument | _Failed]] = field(default_factory=list)
    pool: ProcessPoolExecutor | None = None
    attempts: int = 0

    def result(self, outcome: str, **fields: Any) -> JobResult:
        seconds = round(time.monotonic() - self.started, 3)
        return JobResult(self.input, outcome, seconds, self.sha256, self.reference, key=self.key, **fields)


class JobRunner:
    """Runs jobs: read and check each case here, render its documents in worker processes, publish them.

    `submit` starts a job; `collect` returns (tag, JobResult) pairs as jobs complete, in any order. The
    caller writes the job log line (a watcher adds where it moved the input). Use as a context manager.
    """

    def __init__(
        self,
        outbox: Path,
        workers: int,
        formats: Sequence[str] = DEFAULT_FORMATS,
        on_done: Callable[[], None] | None = None,
    ) -> None:
        outbox.mkdir(mode=0o700, parents=True, exist_ok=True)
        remove_stale_folders(outbox)
        self.outbox = outbox
        self.workers = workers
        self.formats = tuple(formats)
        self.log = JobLog(outbox / LOG_NAME)
        self._on_done = on_done
        self._pool = self._new_pool()
        self._running: list[_Job] = []
        self._done: list[tuple[object, JobResult]] = []

    def __enter__(self) -> JobRunner:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self._pool.shutdown(wait=kind is None, cancel_futures=kind is not None)
        self.log.close()

    @property
    def busy(self) -> int:
        """Jobs submitted and not yet collected."""
        return len(self._running) + len(self._done)

    @property
    def has_room(self) -> bool:
        """True while another job would keep the workers busy without piling up rendered documents."""
        return self.busy <= self.workers

    def submit(self, path: Path, name: str, tag: object = None) -> None:
        """Start the job for the case file at `path`, called `name` in messages and the log."""
        job = _Job(tag, name)
        try:
            self._start(job, path)
        except Exception as error:  # every failure becomes a result; the caller carries on
            self._done.append((tag, self._failure(job, error)))

    def collect(self, timeout: float | None = 0) -> list[tuple[object, JobResult]]:
        """The jobs completed since the last call; waits up to `timeout` seconds (None: forever) for one."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while not self._done:
            for job in [j for j in self._running if all(f.done() for f in j.futures)]:
                self._running.remove(job)
                try:
                    result = self._finish(job)
                except Exception as error:  # publishing failed (a full disk) or a bug: the job fails, others go on
                    result = self._failure(job, error)
                if result is not None:
                    self._done.append((job.tag, result))
            pending = [f for job in self._running for f in job.futures if not f.done()]
            left = None if deadline is None else deadline - time.monotonic()
            if self._done or not pending or (left is not None and left <= 0):
                break
            wait(pending, left, FIRST_COMPLETED)
        done, self._done = self._done, []
        return done

    def _start(self, job: _Job, path: Path) -> None:
        data = _read_case_file(path, job.input)
        job.sha256 = hashlib.sha256(data).hexdigest()
        try:
            case = load_case(path)
        except CaseError as error:
            raise CaseError(job.input, error.problems) if error.file == str(path) else error from None
        job.case, job.reference = case, case.review.reference.replace("/", "-")
        job.tasks = [(k, a, f) for k, a in supported_documents(case, case.generate or None) for f in self.formats]
        if not job.tasks:
            raise NotSupportedError("the case file has the data of no document docgen produces")
        job.key = job_key(data, case, self.formats)
        if (unchanged := self._unchanged(job)) is not None:
            self._done.append((job.tag, unchanged))
        else:
            self._dispatch(job)

    def _unchanged(self, job: _Job) -> JobResult | None:
        """The result of an identical job already rendered, if its outputs are still in place."""
        assert job.key is not None
        self.log.refresh()
        earlier = self.log.rendered(job.key)
        try:
            outputs = tuple(Output(o["file"], o["sha256"]) for o in earlier["outputs"]) if earlier else ()
        except (KeyError, TypeError):  # a line someone edited by hand
            return None
        if not outputs:
            return None
        if not all(_sha256_of(self.outbox / o.file) == o.sha256 for o in outputs):
            return None
        return job.result("unchanged", outputs=outputs)

    def _dispatch(self, job: _Job) -> None:
        """Send a job's documents to the workers (again, in a new pool, when the pool broke under it)."""
        job.attempts += 1
        if job.pool is self._pool:
            self._replace_pool()
        try:
            job.futures = self._send(job)
        except BrokenProcessPool:  # it broke under another job
            self._replace_pool()
            job.futures = self._send(job)
        job.pool = self._pool
        for future in job.futures:
            future.add_done_callback(self._notify)
        self._running.append(job)

    def _send(self, job: _Job) -> list[Future[RenderedDocument | _Failed]]:
        assert job.case is not None
        return [self._pool.submit(render_task, job.case, *task) for task in job.tasks]

    def _replace_pool(self) -> None:
        """A broken pool has failed all its futures already; shut it down and start another."""
        self._pool.shutdown(wait=False)
        self._pool = self._new_pool()

    def _notify(self, _: object) -> None:
        if self._on_done is not None:
            self._on_done()

    def _finish(self, job: _Job) -> JobResult | None:
        """Publish a job whose documents are all rendered; None when it was sent to the workers again."""
        if any(isinstance(f.exception(), BrokenProcessPool) for f in job.futures):
            if job.attempts < RENDER_ATTEMPTS:
                self._dispatch(job)
                return None
            return job.result("failed", error=f"{job.input}: {_worker_died(job.attempts)}")
        if error := next((f.exception() for f in job.futures if f.exception() is not None), None):
            raise error
        rendered = [f.result() for f in job.futures]
        if failed := [r for r in rendered if isinstance(r, _Failed)]:
            return self._failed_documents(job, failed)
        documents = [r for r in rendered if isinstance(r, RenderedDocument)]
        assert job.case is not None and job.reference is not None
        files = [(d.filename, d.content) for d in documents] + [("manifest.json", manifest(job.case, documents))]
        try:
            publish(self.outbox, job.reference, files)
        except OSError as error:
            raise OutputError(f"the documents could not be written into {self.outbox}: {error.strerror}") from error
        outputs = [Output(f"{job.reference}/{name}", hashlib.sha256(content).hexdigest()) for name, content in files]
        return job.result("rendered", outputs=tuple(outputs))

    def _failed_documents(self, job: _Job, failed: list[_Failed]) -> JobResult:
        traces = [f.traceback for f in failed if f.traceback]
        messages = dict.fromkeys(_unexpected(f.message, self.log.path) if f.traceback else f.message for f in failed)
        error = "\n".join(f"{job.input}: {message}" for message in messages)
        return job.result("failed", error=error, traceback="\n".join(traces) or None)

    def _failure(self, job: _Job, error: BaseException) -> JobResult:
        if isinstance(error, CaseError):
            return job.result("failed", error=error.describe())
        if isinstance(error, DocgenError):
            return job.result("failed", error=f"{job.input}: {error.describe()}")
        message = f"{job.input}: {_unexpected(type(error).__name__, self.log.path)}"
        return job.result("failed", error=message, traceback="".join(traceback.format_exception(error)))

    def _new_pool(self) -> ProcessPoolExecutor:
        pool = ProcessPoolExecutor(
            self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_worker_started,
            initargs=(os.getpid(), "pdf" in self.formats),
        )
        pool.submit(int)  # start the workers now, so that the first case does not wait for them
        return pool


def _read_case_file(path: Path, name: str) -> bytes:
    """The bytes of a case file: a regular file (never a pipe, folder or link) of at most MAX_CASE_BYTES."""
    try:
        info = path.lstat()
        if not stat.S_ISREG(info.st_mode):
            raise CaseError(name, [Problem("", f"this is {_file_type(info.st_mode)}, not a case file")])
        if info.st_size > MAX_CASE_BYTES:
            size = f"{info.st_size / 2**20:.0f} MB; a case file may be at most {MAX_CASE_BYTES // 2**20} MB"
            raise CaseError(name, [Problem("", f"the file is too large ({size})")])
        return path.read_bytes()
    except FileNotFoundError:
        raise CaseError(name, [Problem("", "the file does not exist")]) from None
    except OSError as error:
        raise CaseError(name, [Problem("", f"the file cannot be read ({error.strerror})")]) from None


def _file_type(mode: int) -> str:
    kinds = {stat.S_ISDIR: "a folder", stat.S_ISFIFO: "a named pipe", stat.S_ISLNK: "a symbolic link"}
    return next((name for test, name in kinds.items() if test(mode)), "a special file")


def _unexpected(kind: str, log: Path) -> str:
    return f"docgen met an unexpected problem ({kind}) while producing the documents; the details are in {log}"


def _worker_died(attempts: int) -> str:
    return f"the process rendering the documents stopped unexpectedly, {attempts} times (BrokenProcessPool)"

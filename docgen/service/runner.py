"""The shared unit of work of `docgen watch` and `docgen batch`: one case file in, one folder of documents out.

A job: the case file is read and validated here → its documents (kind × agency × format) are rendered in a
pool of spawned worker processes → written into a hidden folder of the outbox (each file fsynced,
owner-only) and renamed into place whole, with the manifest, which names the case file → one line in the job
log. A folder whose manifest names another case file is never replaced: of two case files with one reference,
the second fails. An input whose content, board, templates, docgen version and formats match a job already
rendered, and whose outputs are still in place, is `unchanged` and not rendered again. WeasyPrint is imported by
the workers only.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from ..errors import CaseError, DocgenError, NotSupportedError, OutputError, Problem
from ..files.reading import file_type, read_file
from ..files.writing import make_folder
from ..load.case_files import load_case
from ..model import Case
from ..publish.manifest import manifest
from ..publish.outbox import check_owner, publish, remove_stale_folders
from ..publish.pipeline import render
from ..publish.pool import RENDER_ATTEMPTS, new_pool, shut_down, worker_died
from ..publish.rendered import RenderedDocument
from ..rules.support import Planned, supported_documents
from .joblog import LOG_NAME, JobLog, JobResult, Output, job_key

CASE_SUFFIXES = frozenset({".yaml", ".yml", ".json"})
DEFAULT_FORMATS = ("docx", "pdf")

Task = tuple[Planned, str]
"""One document to render: what it is, and its format."""


def is_case_name(name: str) -> bool:
    """True for a case file's name: *.yaml, *.yml or *.json, not hidden (.x) nor temporary (~x, x.part…)."""
    return not name.startswith((".", "~")) and os.path.splitext(name)[1].lower() in CASE_SUFFIXES


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


def render_task(case: Case, planned: Planned, fmt: str) -> RenderedDocument | _Failed:
    """Render one document in a worker; every error comes back as a value (some exceptions do not pickle)."""
    kind, agency, to, enclosed_in = planned
    try:
        return render(case, kind, fmt, agency=agency, to=to, enclosed_in=enclosed_in)
    except DocgenError as error:
        instance = agency or to
        enclosed = f" enclosed in {enclosed_in}" if enclosed_in else ""
        return _Failed(f"{kind}{f' for {instance}' if instance else ''}{enclosed} ({fmt}): {error.describe()}")
    except Exception as error:  # reported in plain words; the trace goes to the job log
        return _Failed(type(error).__name__, trace(error))


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

    @property
    def source(self) -> str:
        """The case file's absolute path, as given: which case file a published folder's documents come from."""
        return os.path.abspath(self.input)

    def result(self, outcome: str, **fields: Any) -> JobResult:
        seconds = round(time.monotonic() - self.started, 3)
        return JobResult(self.input, outcome, seconds, self.sha256, self.reference, key=self.key, **fields)


class JobRunner:
    """Runs jobs: read and check each case here, render its documents in worker processes, publish them.

    `submit` starts a job; `collect` returns (tag, JobResult) pairs as jobs complete, in any order. The
    caller writes the job log line (a watcher adds where it moved the input). Use as a context manager.
    `kept`: folders of case files (a watcher's inbox folders) that, like the outbox, no case's templates folder
    may be, hold or be inside.
    """

    def __init__(
        self,
        outbox: Path,
        workers: int,
        formats: Sequence[str] = DEFAULT_FORMATS,
        on_done: Callable[[], None] | None = None,
        kept: Sequence[Path] = (),
    ) -> None:
        make_folder(outbox)
        remove_stale_folders(outbox)
        self.outbox = outbox
        self.workers = workers
        self.formats = tuple(formats)
        self.log = JobLog(outbox / LOG_NAME)
        self.kept = (outbox, *kept)
        self._on_done = on_done
        self._pool: ProcessPoolExecutor | None = None
        """Started for the first document (a job whose case is refused, or unchanged, starts no process)."""
        self._running: list[_Job] = []
        self._done: list[tuple[object, JobResult]] = []

    def __enter__(self) -> JobRunner:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        if self._pool is not None:
            shut_down(self._pool, wait=kind is None)
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
        _check_templates_folder(case, self.kept, job.input)
        job.case, job.reference = case, case.review.file_reference
        job.tasks = [(p, f) for p in supported_documents(case, case.generate or None) for f in self.formats]
        if not job.tasks:
            raise NotSupportedError("the case file has the data of no document docgen produces")
        check_owner(self.outbox / job.reference, job.source)
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
        if self._pool is None or job.pool is self._pool:
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
        assert job.case is not None and self._pool is not None
        return [self._pool.submit(render_task, job.case, *task) for task in job.tasks]

    def _replace_pool(self) -> None:
        """Start a pool: the first, or another in place of a broken one (which has failed all its futures already
        and is shut down)."""
        if self._pool is not None:
            shut_down(self._pool, wait=False)
        self._pool = new_pool(self.workers, "pdf" in self.formats)

    def _notify(self, _: object) -> None:
        if self._on_done is not None:
            self._on_done()

    def _finish(self, job: _Job) -> JobResult | None:
        """Publish a job whose documents are all rendered; None when it was sent to the workers again."""
        if any(isinstance(f.exception(), BrokenProcessPool) for f in job.futures):
            if job.attempts < RENDER_ATTEMPTS:
                self._dispatch(job)
                return None
            return job.result("failed", error=f"{job.input}: {worker_died(job.attempts)}")
        if error := next((f.exception() for f in job.futures if f.exception() is not None), None):
            raise error
        rendered = [f.result() for f in job.futures]
        if failed := [r for r in rendered if isinstance(r, _Failed)]:
            return self._failed_documents(job, failed)
        documents = [r for r in rendered if isinstance(r, RenderedDocument)]
        assert job.case is not None and job.reference is not None
        files = [(d.filename, d.content) for d in documents]
        files.append(("manifest.json", manifest(job.case, documents, job.source)))
        try:
            publish(self.outbox, job.reference, files, job.source)
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
        return job.result("failed", error=message, traceback=trace(error))


def _check_templates_folder(case: Case, kept: Sequence[Path], name: str) -> None:
    """Refuse a framework profile's templates folder that is, holds or is inside one of the `kept` folders: a case
    file dropped into the inbox could otherwise bring its own templates, or read other cases as templates."""
    if not case.framework.templates:
        return
    folder = Path(case.framework.templates).resolve()
    for other in (path.resolve() for path in kept):
        if folder.is_relative_to(other) or other.is_relative_to(folder):
            message = (
                f"the framework's templates folder {folder} must not be, hold or be inside {other}, where case files "
                "or documents are kept: put the templates in a folder of their own beside the board profiles"
            )
            raise CaseError(name, [Problem("framework.templates", message)])


def _read_case_file(path: Path, name: str) -> bytes:
    """The bytes of a case file: a regular file (never a pipe, folder or link) of at most MAX_FILE_BYTES."""
    try:
        info = path.lstat()
    except OSError:
        info = None
    if info is not None and stat.S_ISLNK(info.st_mode):
        raise CaseError(name, [Problem("", f"this is {file_type(info.st_mode)}, not a case file")])
    return read_file(path, name)


def trace(error: BaseException) -> str:
    """A traceback for the job log: where each exception of the chain was raised, and its type, without its
    message (which may quote a case value)."""
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    blocks = ["".join(traceback.format_tb(e.__traceback__)) + type(e).__qualname__ + "\n" for e in reversed(chain)]
    return "\nwhich led to:\n\n".join(blocks)


def _unexpected(kind: str, log: Path) -> str:
    return f"docgen met an unexpected problem ({kind}) while producing the documents; the details are in {log}"

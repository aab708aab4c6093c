"""A pack: its documents rendered, each taken from the document cache when its inputs are unchanged, the others laid
out in worker processes (docgen.publish.pool) when there are enough of them to repay starting the processes.

Whatever the number of workers, the documents are the same, byte for byte, and come back in the order asked
for. Nothing is written until every document is rendered (`render_pack`): then the pack replaces the previous
one in its folder (`write_pack`), and the cache keeps the new documents.
"""

from __future__ import annotations

import datetime as dt
import pickle
import threading
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import lru_cache, partial
from pathlib import Path

from ..errors import OutputError, ProofError, RenderError
from ..model import Case
from ..model.kinds import DocumentKind
from ..rules.support import Planned, supported_documents
from .cache import FOLDER_NAME, DocumentCache, Entry
from .manifest import manifest
from .outbox import publish_pack
from .pipeline import render
from .pool import RENDER_ATTEMPTS, can_fork, new_pool, shut_down, worker_count, worker_died
from .rendered import RenderedDocument

PARALLEL_FROM = 4
"""Fewer documents than this are rendered in this process: starting worker processes takes about as long."""

Task = tuple[Planned, str]
"""One document to render: what it is, and its format."""
Progress = Callable[[int, int, RenderedDocument], None]
Rendered = tuple[RenderedDocument, dict[str, Entry]]
"""A document, and the cache entry it adds."""

_forked_case: Case | None = None
"""The case of the pack being rendered, which workers forked from this process inherit."""


@dataclass(frozen=True)
class Settings:
    """How every document of a pack is rendered: docgen.rendering's options, and the cache folder (None: no cache)."""

    anonymise: bool | None = None
    draft: bool | None = None
    board_templates: Path | None = None
    on: dt.date | None = None
    cache: Path | None = None


def render_documents(
    case: Case, tasks: Sequence[Task], settings: Settings, workers: int, on_progress: Progress | None = None
) -> tuple[list[RenderedDocument], dict[str, Entry]]:
    """The documents of `tasks`, in their order, and the cache entries of those laid out (to save once written).

    `on_progress(done, total, document)` hears of each document as it is rendered.
    """
    progress = on_progress or (lambda done, total, document: None)
    if workers > 1 and len(tasks) >= PARALLEL_FROM:
        return _in_workers(case, tasks, settings, workers, progress)
    documents, entries = [], {}
    for done, task in enumerate(tasks, start=1):
        document, new = render_one(case, task, settings)
        documents.append(document)
        entries.update(new)
        progress(done, len(tasks), document)
    return documents, entries


def render_one(case: Case, task: Task, settings: Settings) -> tuple[RenderedDocument, dict[str, Entry]]:
    """One document, and the cache entry it adds (none when it came from the cache or there is no cache)."""
    planned, fmt = task
    cache = DocumentCache(settings.cache) if settings.cache else None
    document = render(
        case,
        planned.kind,
        fmt,
        agency=planned.agency,
        to=planned.to,
        enclosed_in=planned.enclosed_in,
        anonymise=settings.anonymise,
        draft=settings.draft,
        board_templates=settings.board_templates,
        on=settings.on,
        cache=cache,
    )
    return document, cache.pending if cache else {}


def _in_workers(
    case: Case, tasks: Sequence[Task], settings: Settings, workers: int, progress: Progress
) -> tuple[list[RenderedDocument], dict[str, Entry]]:
    """Render in this process and `workers - 1` worker processes: the workers take the longest documents first,
    each its next one as soon as it is done; this process does too when they were forked (they start at once),
    else it takes the shortest (while they start). Documents that a dying worker took down are sent to a new
    pool, once."""
    global _forked_case
    kinds = case.framework.kinds
    todo = deque(
        sorted(range(len(tasks)), key=lambda index: _cost(kinds[tasks[index][0][0]], tasks[index][1]), reverse=True)
    )
    pdf = any(fmt == "pdf" for _, fmt in tasks)
    rendered: dict[int, Rendered] = {}
    for _ in range(RENDER_ATTEMPTS):
        fork = can_fork()
        _forked_case, data = (case, None) if fork else (None, pickle.dumps(case))
        processes = min(workers - 1, len(todo))
        pool = new_pool(processes, pdf, fork)
        submit = partial(_submit, pool, data, tasks, settings)
        dispatch = _Dispatch(todo, submit, processes, fork)
        try:
            while not dispatch.broken():
                for index, result in dispatch.finished():  # a document that failed raises its error here
                    rendered[index] = result
                    progress(len(rendered), len(tasks), result[0])
                if (mine := dispatch.take()) is not None:
                    rendered[mine] = render_one(case, tasks[mine], settings)
                    progress(len(rendered), len(tasks), rendered[mine][0])
                elif not dispatch.wait():
                    break
            todo.extendleft(dispatch.unfinished())  # every document sent to a broken pool fails so: to a new one
        finally:
            shut_down(pool, wait=len(rendered) == len(tasks))
            _forked_case = None
        if len(rendered) == len(tasks):
            entries = {key: entry for index in range(len(tasks)) for key, entry in rendered[index][1].items()}
            return [rendered[index][0] for index in range(len(tasks))], entries
    raise RenderError(worker_died(RENDER_ATTEMPTS))


class _Dispatch:
    """Documents sent to a pool's workers from the front of `todo` (the longest), each worker's next one as soon
    as one is done (from the pool's thread), and taken by this process for itself."""

    def __init__(self, todo: deque[int], submit: Callable[[int], Future[Rendered]], workers: int, forked: bool) -> None:
        self._todo, self._submit, self._workers, self._forked = todo, submit, workers, forked
        self._lock = threading.Lock()
        self._sent: dict[Future[Rendered], int] = {}
        self._pool_broke = False
        self._send()

    def take(self) -> int | None:
        """A document for this process (None: none left): the longest left when the workers were forked, as they
        are, so that all end on the shortest; else the shortest, while they start."""
        with self._lock:
            if not self._todo:
                return None
            return self._todo.popleft() if self._forked else self._todo.pop()

    def finished(self) -> list[tuple[int, Rendered]]:
        """The documents the workers have rendered since last asked."""
        with self._lock:
            done = [future for future in self._sent if future.done()]
            indexes = [self._sent.pop(future) for future in done]
        return [(index, future.result()) for index, future in zip(indexes, done, strict=True)]

    def wait(self) -> bool:
        """Wait until a worker finishes a document; False: none is at work."""
        with self._lock:
            sent = list(self._sent)
        if sent:
            wait(sent, return_when=FIRST_COMPLETED)
        return bool(sent)

    def broken(self) -> bool:
        """Whether a worker of the pool died (which fails every document sent to it)."""
        with self._lock:
            return self._pool_broke or any(
                future.done() and isinstance(future.exception(), BrokenProcessPool) for future in self._sent
            )

    def unfinished(self) -> list[int]:
        """The documents sent to a broken pool, taken back."""
        with self._lock:
            indexes, self._sent = list(self._sent.values()), {}
        return indexes

    def _send(self) -> None:
        """Send the longest documents left until every worker has one."""
        while True:
            with self._lock:
                at_work = sum(not future.done() for future in self._sent)
                if self._pool_broke or not self._todo or at_work >= self._workers:
                    return
                index = self._todo.popleft()
                try:
                    future = self._submit(index)
                except (BrokenProcessPool, RuntimeError):  # broken, or shut down as this process failed
                    self._todo.appendleft(index)
                    self._pool_broke = True
                    return
                self._sent[future] = index
            future.add_done_callback(self._next)

    def _next(self, future: Future[Rendered]) -> None:
        if not future.cancelled() and future.exception() is None:
            self._send()


def _cost(kind: DocumentKind, fmt: str) -> tuple[bool, bool, bool]:
    """How long a document takes, roughly: reports before other papers, PDFs before Word files, a report on the
    whole case (the Overview Report) before one per agency. The longest go to the workers first, so that none is
    left running alone at the end."""
    return kind.is_report, fmt == "pdf", kind.per is None


def _submit(
    pool: ProcessPoolExecutor, data: bytes | None, tasks: Sequence[Task], settings: Settings, index: int
) -> Future[Rendered]:
    return pool.submit(_render_in_worker, data, tasks[index], settings)


def _render_in_worker(data: bytes | None, task: Task, settings: Settings) -> tuple[RenderedDocument, dict[str, Entry]]:
    """In a worker: one document of the case sent (`data`), or of the case it was forked with (None)."""
    case = _forked_case if data is None else _case(data)
    assert case is not None, "a forked worker has its parent's case"
    return render_one(case, task, settings)


@lru_cache(maxsize=1)
def _case(data: bytes) -> Case:
    """The case a worker renders, read once for all its documents (and so its anonymisation computed once)."""
    case: Case = pickle.loads(data)
    return case


def render_pack(
    case: Case,
    out_dir: Path,
    kinds: Sequence[str] | None = None,
    formats: Sequence[str] = ("docx", "pdf"),
    *,
    agency: str | None = None,
    to: str | None = None,
    anonymise: bool | None = None,
    draft: bool | None = None,
    board_templates: Path | None = None,
    on_progress: Callable[[int, int, RenderedDocument], None] | None = None,
    on: dt.date | None = None,
    workers: int | None = None,
    cache: bool = True,
    strict: bool = False,
) -> list[Path]:
    """Render documents and write them into `out_dir` with a manifest; returns the paths written.

    Everything is rendered before anything is written, so a failure leaves no partial pack; the pack replaces the
    previous one in `out_dir` as `write_pack` says.
    `on` gives every document as at that day (docgen.publish.pipeline.render): with every kind (`kinds` None), the
    documents dated after it are left out, as those the case could not produce then.
    `on_progress(done, total, document)` is called after each document is rendered. `workers` processes
    lay the documents out, this one and `workers - 1` started for the pack (default: the CPUs, at most 4; a few
    documents are laid out in this process alone; docgen.publish.pool.worker_count gives the bounds); a program
    calling this with more than one worker guards its main code with `if __name__ == "__main__":`, as Python's
    multiprocessing asks.
    With `cache`, a document whose inputs are unchanged since it was last written here is taken from
    `out_dir/.docgen-cache/` (docgen.publish.cache), which keeps the new ones once the pack is written.
    Each document carries what the proof found in it (`RenderedDocument.findings`, also in the manifest); with
    `strict`, a pack with any finding is refused with a ProofError, and nothing is written.
    """
    planned = [(p, fmt) for p in supported_documents(case, kinds, agency, to, on) for fmt in dict.fromkeys(formats)]
    folder = out_dir / FOLDER_NAME if cache else None
    settings = Settings(anonymise, draft, board_templates, on, folder)
    documents, entries = render_documents(case, planned, settings, worker_count(workers), on_progress)
    if strict and (found := [finding.describe() for document in documents for finding in document.findings]):
        raise ProofError(found)
    paths = write_pack(case, documents, out_dir)
    if folder is not None:
        DocumentCache(folder).save(entries)
    return paths


def write_pack(case: Case, documents: Sequence[RenderedDocument], out_dir: Path) -> list[Path]:
    """Write rendered documents and the manifest into `out_dir`, owner-only, in place of the previous pack there
    (see `docgen.publish.outbox.publish_pack`: the manifest is moved in last, the previous pack's other files removed);
    returns the documents' paths. OutputError when they cannot be written (a full disk, a name the file system
    refuses); UsageError when two have one name, or a name is taken there by a folder, a link or a pipe."""
    try:
        return publish_pack(out_dir, [(d.filename, d.content) for d in documents], manifest(case, documents))
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise OutputError(f"the documents could not be written into {out_dir} ({reason}); none was written") from None

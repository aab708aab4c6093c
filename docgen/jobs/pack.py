"""A pack's documents rendered: each taken from the document cache when its inputs are unchanged, the others laid
out in worker processes (docgen.jobs.pool) when there are enough of them to repay starting the processes.

Whatever the number of workers, the documents are the same, byte for byte, and come back in the order asked
for. Nothing is written until every document is rendered: the cache keeps the new documents only when the
caller saves it, after writing the pack.
"""

from __future__ import annotations

import datetime as dt
import pickle
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..api import Planned, RenderedDocument, render
from ..errors import RenderError
from ..kinds import DocumentKind
from ..model import Case
from .cache import DocumentCache, Entry
from .pool import RENDER_ATTEMPTS, new_pool, shut_down, worker_died

PARALLEL_FROM = 4
"""Fewer documents than this are rendered in this process: starting worker processes takes about as long."""

Task = tuple[Planned, str]
"""One document to render: what it is, and its format."""
Progress = Callable[[int, int, RenderedDocument], None]
Rendered = tuple[RenderedDocument, dict[str, Entry]]
"""A document, and the cache entry it adds."""


@dataclass(frozen=True)
class Settings:
    """How every document of a pack is rendered: docgen.render's options, and the cache folder (None: no cache)."""

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
    (kind, agency, to), fmt = task
    cache = DocumentCache(settings.cache) if settings.cache else None
    document = render(
        case,
        kind,
        fmt,
        agency=agency,
        to=to,
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
    this process the shortest, from the start (while the workers are still starting) and between their results.
    Documents that a dying worker took down are sent to a new pool, once."""
    data = pickle.dumps(case)
    rendered: dict[int, Rendered] = {}

    def keep(index: int, result: Rendered) -> None:
        rendered[index] = result
        progress(len(rendered), len(tasks), result[0])

    def send(pool: ProcessPoolExecutor, sent: dict[Future[Rendered], int]) -> bool:
        """Send the longest documents left until every worker has one and one more waits; False: the pool broke."""
        try:
            while todo and len(sent) < workers:
                sent[pool.submit(_render_in_worker, data, tasks[todo[0]], settings)] = todo[0]
                todo.popleft()
        except BrokenProcessPool:
            return False
        return True

    kinds = case.framework.kinds
    todo = deque(
        sorted(range(len(tasks)), key=lambda index: _cost(kinds[tasks[index][0][0]], tasks[index][1]), reverse=True)
    )
    for _ in range(RENDER_ATTEMPTS):
        pool = new_pool(min(workers - 1, len(todo)), pdf=any(fmt == "pdf" for _, fmt in tasks))
        sent: dict[Future[Rendered], int] = {}
        try:
            while todo or sent:
                if not send(pool, sent) or _broken(sent):
                    todo.extendleft(sent.values())  # every document sent to this pool fails so: to a new one
                    break
                for future in [future for future in sent if future.done()]:
                    keep(sent.pop(future), future.result())  # a document that failed raises its error here
                if todo:
                    index = todo.pop()
                    keep(index, render_one(case, tasks[index], settings))
                elif sent:
                    wait(sent, return_when=FIRST_COMPLETED)
        finally:
            shut_down(pool, wait=len(rendered) == len(tasks))
        if len(rendered) == len(tasks):
            entries = {key: entry for index in range(len(tasks)) for key, entry in rendered[index][1].items()}
            return [rendered[index][0] for index in range(len(tasks))], entries
    raise RenderError(worker_died(RENDER_ATTEMPTS))


def _broken(sent: dict[Future[Rendered], int]) -> bool:
    """Whether a worker of the pool died (which fails every document sent to it)."""
    return any(future.done() and isinstance(future.exception(), BrokenProcessPool) for future in sent)


def _cost(kind: DocumentKind, fmt: str) -> tuple[bool, bool, bool]:
    """How long a document takes, roughly: reports before other papers, PDFs before Word files, a report on the
    whole case (the Overview Report) before one per agency. The longest go to the workers first, so that none is
    left running alone at the end."""
    return kind.is_report, fmt == "pdf", kind.per is None


def _render_in_worker(data: bytes, task: Task, settings: Settings) -> tuple[RenderedDocument, dict[str, Entry]]:
    return render_one(_case(data), task, settings)


@lru_cache(maxsize=1)
def _case(data: bytes) -> Case:
    """The case a worker renders, read once for all its documents (and so its anonymisation computed once)."""
    case: Case = pickle.loads(data)
    return case

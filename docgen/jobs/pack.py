"""A pack's documents rendered: each taken from the document cache when its inputs are unchanged, the others laid
out in worker processes (docgen.jobs.pool) when there are enough of them to repay starting the processes.

Whatever the number of workers, the documents are the same, byte for byte, and come back in the order asked
for. Nothing is written until every document is rendered: the cache keeps the new documents only when the
caller saves it, after writing the pack.
"""

from __future__ import annotations

import datetime as dt
import pickle
from collections.abc import Callable, Sequence
from concurrent.futures import Future, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..api import Planned, RenderedDocument, render
from ..errors import RenderError
from ..model import Case
from .cache import DocumentCache, Entry
from .pool import RENDER_ATTEMPTS, new_pool, shut_down, worker_died

PARALLEL_FROM = 4
"""Fewer documents than this are rendered in this process: starting worker processes takes about as long."""

Task = tuple[Planned, str]
"""One document to render: what it is, and its format."""
Progress = Callable[[int, int, RenderedDocument], None]


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
    """Render in a pool of worker processes; documents a dying worker took down are sent to a new pool, once."""
    data = pickle.dumps(case)
    documents: dict[int, RenderedDocument] = {}
    entries: dict[str, Entry] = {}
    todo = list(range(len(tasks)))
    for _ in range(RENDER_ATTEMPTS):
        pool = new_pool(min(workers, len(todo)), pdf=any(fmt == "pdf" for _, fmt in tasks))
        try:
            futures: dict[Future[tuple[RenderedDocument, dict[str, Entry]]], int] = {
                pool.submit(_render_in_worker, data, tasks[index], settings): index for index in todo
            }
            for future in as_completed(futures):
                if isinstance(future.exception(), BrokenProcessPool):
                    continue  # every document left in this pool fails so: sent again below
                document, new = future.result()  # a document that failed raises its error here
                documents[futures[future]] = document
                entries.update(new)
                progress(len(documents), len(tasks), document)
        finally:
            shut_down(pool, wait=len(documents) == len(tasks))
        todo = [index for index in todo if index not in documents]
        if not todo:
            return [documents[index] for index in range(len(tasks))], entries
    raise RenderError(worker_died(RENDER_ATTEMPTS))


def _render_in_worker(data: bytes, task: Task, settings: Settings) -> tuple[RenderedDocument, dict[str, Entry]]:
    return render_one(_case(data), task, settings)


@lru_cache(maxsize=1)
def _case(data: bytes) -> Case:
    """The case a worker renders, read once for all its documents (and so its anonymisation computed once)."""
    case: Case = pickle.loads(data)
    return case

"""The worker processes that render documents, one implementation for `render --workers`, `batch` and `watch`.

The workers of `batch` and `watch` are spawned (those parents run for long, may run threads, and never import
WeasyPrint themselves). `render`'s are forked when the parent runs on Linux with no other thread (a fork copies
one thread only; elsewhere, or with threads, they are spawned too): they start at once, with what the parent has
imported, compiled and read. Workers ignore the signals (the parent decides when to stop), exit when
their parent is gone, and import the PDF engine once, when they start (unless forked from a parent that had).
A worker that dies (out of memory, say) breaks its pool: every document in it fails with BrokenProcessPool, and
its owner starts a new pool and sends them again, at most RENDER_ATTEMPTS times.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor

RENDER_ATTEMPTS = 2
"""How often documents are sent to the workers when a worker process dies under them."""


def default_workers() -> int:
    """The number of CPUs, at most 4."""
    return min(os.cpu_count() or 1, 4)


def new_pool(workers: int, pdf: bool, fork: bool = False) -> ProcessPoolExecutor:
    """A pool of `workers` processes, started now (so that the first document does not wait for them); `pdf`: each
    imports WeasyPrint as it starts; `fork`: forked from this process (when can_fork()), else spawned."""
    pool = ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("fork" if fork else "spawn"),
        initializer=_worker_started,
        initargs=(os.getpid(), pdf),
    )
    pool.submit(int)
    return pool


def can_fork() -> bool:
    """Whether worker processes can be forked from this one: on Linux, with this thread its only one."""
    return sys.platform.startswith("linux") and len(os.listdir("/proc/self/task")) == 1


def shut_down(pool: ProcessPoolExecutor, wait: bool = True) -> None:
    """Stop a pool: after its work when `wait`, else at once, dropping the work not yet started."""
    release_if_broken(pool)
    pool.shutdown(wait=wait, cancel_futures=not wait)


def release_if_broken(pool: ProcessPoolExecutor) -> None:
    """Close our end of a broken pool's call queue, so that work queued for its dead workers fails to send
    instead of blocking the queue's thread, and with it the pool's shutdown and the interpreter's exit.

    Python 3.11.5 and later do this themselves (CPython gh-94777); Debian 12's Python 3.11.2 does not.
    """
    if sys.version_info < (3, 11, 5) and pool._broken:  # type: ignore[attr-defined]
        pool._call_queue._reader.close()  # type: ignore[attr-defined]


def worker_died(attempts: int) -> str:
    """What happened, in plain words, when the workers died under the same documents `attempts` times."""
    return f"the process rendering the documents stopped unexpectedly, {attempts} times (BrokenProcessPool)"


def _worker_started(parent: int, pdf: bool) -> None:
    """In each worker: leave the signals to the parent, exit when it is gone, import the engines once."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()
    if pdf:
        import weasyprint  # noqa: F401


def _exit_with(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)

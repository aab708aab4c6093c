"""The worker processes that render documents, one implementation for `render --workers`, `batch` and `watch`.

The workers of `batch` and `watch` are spawned (those parents run for long, may run threads, and never import
WeasyPrint themselves). `render`'s are forked when the parent runs on Linux with no other thread (a fork copies
one thread only; elsewhere, or with threads, they are spawned too): they start at once, with what the parent has
imported, compiled and read. A pool starts its processes as documents are sent to it, never more than were
sent (forked ones all at the first, spawned ones each when no other is free). Workers ignore the signals (the
parent decides when to stop), exit when their parent is gone, and import the PDF engine once, when they start
(unless forked from a parent that had).
A worker that dies (out of memory, say) breaks its pool: every document in it fails with BrokenProcessPool, and
its owner starts a new pool and sends them again, at most RENDER_ATTEMPTS times.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

from ..errors import UsageError
from ..limits import MAX_WORKERS, WORKERS_PER_CPU

RENDER_ATTEMPTS = 2
"""How often documents are sent to the workers when a worker process dies under them."""

logger = logging.getLogger("docgen")


def default_workers() -> int:
    """The number of CPUs, at most 4."""
    return min(available_cpus(), 4)


def available_cpus() -> int:
    """The CPUs this process may run on (a container or `taskset` may allow fewer than the machine has)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def usable_workers() -> int:
    """The most worker processes this machine keeps busy: WORKERS_PER_CPU per CPU, at most MAX_WORKERS."""
    return min(MAX_WORKERS, WORKERS_PER_CPU * available_cpus())


def worker_count(asked: int | None, warn: Callable[[str], None] | None = None) -> int:
    """The worker processes to use when `asked` for (None: default_workers()). Asking for more than this machine
    can use (`usable_workers`) gives that many, with a warning through `warn` (default: the "docgen" logger,
    'docgen: ' before it); asking for fewer than 1 or more than MAX_WORKERS is refused (UsageError).
    """
    if asked is None:
        return default_workers()
    if not isinstance(asked, int) or not 1 <= asked <= MAX_WORKERS:
        raise UsageError(f"workers must be a whole number from 1 to {MAX_WORKERS}")
    most, cpus = usable_workers(), available_cpus()
    if asked > most:
        machine = f"this machine's {cpus} CPU{'s' if cpus > 1 else ''}"
        (warn or _warn)(f"{asked} worker processes are more than {machine} can use: {most} are used")
    return min(asked, most)


def _warn(text: str) -> None:
    logger.warning("docgen: %s", text)


def new_pool(workers: int, pdf: bool, fork: bool = False) -> ProcessPoolExecutor:
    """A pool of at most `workers` processes, started as documents are sent to it; `pdf`: each imports WeasyPrint
    as it starts; `fork`: forked from this process (when can_fork()), else spawned."""
    return ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("fork" if fork else "spawn"),
        initializer=_worker_started,
        initargs=(os.getpid(), pdf),
    )


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

"""The one-shot batch: the watched folder's work on a list of case files, once; the inputs stay where they are."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path

from ..publish.pool import worker_count
from .joblog import JobResult
from .runner import DEFAULT_FORMATS, JobRunner


def run_batch(
    paths: Sequence[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    workers: int | None = None,
    formats: Sequence[str] = DEFAULT_FORMATS,
    on_result: Callable[[JobResult], None] | None = None,
) -> list[JobResult]:
    """Render each case file's documents into OUT_DIR/<reference>/ and log each job; results in the order of `paths`.

    A failed case does not stop the others; `on_result` hears of each job as it completes. `workers`: the worker
    processes (default: the CPUs, at most 4; see pool.worker_count for the bounds).
    """
    results: dict[object, JobResult] = {}
    todo = iter(enumerate(paths))
    with JobRunner(Path(out_dir), worker_count(workers), formats) as runner:
        while True:
            while runner.has_room and (item := next(todo, None)) is not None:
                runner.submit(Path(item[1]).resolve(), os.fspath(item[1]), tag=item[0])
            if not runner.busy:
                break
            for index, result in runner.collect(timeout=None):
                runner.log.append(result.record())
                results[index] = result
                if on_result is not None:
                    on_result(result)
    return [results[index] for index in range(len(paths))]


def summary_table(results: Sequence[JobResult]) -> str:
    """A plain-text table: case file, reference, outcome, documents, seconds; then how many of each outcome."""
    rows = [("case file", "reference", "outcome", "documents", "seconds")]
    rows += [(r.input, r.reference or "-", r.outcome, str(r.documents), f"{r.seconds:.2f}") for r in results]
    widths = [max(len(row[column]) for row in rows) for column in range(5)]
    lines = [
        "  ".join(f"{c:<{w}}" for c, w in zip(row[:3], widths[:3], strict=True))
        + "".join(f"  {c:>{w}}" for c, w in zip(row[3:], widths[3:], strict=True))
        for row in rows
    ]
    outcomes = [r.outcome for r in results]
    counts = ", ".join(f"{outcomes.count(o)} {o}" for o in ("rendered", "unchanged", "failed") if o in outcomes)
    return "\n".join([*lines, counts])

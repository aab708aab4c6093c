"""Batch and watched-folder benchmark: prints a table of figures (nothing here asserts anything).

1. Batch throughput in cases per minute: copies of the example case (examples/sample-case.yaml, every
   document it supports, Word and PDF), each with its own reference, with 1 and with 2 workers; the
   worker processes' start-up is included, as a user of `docgen batch` waits for it too.
2. Watched-folder latency: from a case file landing in INBOX (renamed in whole) to its output folder
   appearing in OUTBOX; the median of a few drops into a running watcher (2 workers), for the full pack
   of the example case and for the one-letter HTML test case (where the watcher's own overhead shows).

Run: python benchmarks/bench_jobs.py [--cases N] [--drops N]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import threading
import time
from pathlib import Path

from docgen.service.batch import run_batch
from docgen.service.watch import Watcher

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "examples" / "sample-case.yaml"
MINIMAL = ROOT / "tests" / "cases" / "minimal.yaml"
REFERENCES = {SAMPLE: "LLR-2026-04", MINIMAL: "SCR-2026-01"}


def copy_case(case: Path, folder: Path, reference: str) -> Path:
    """A copy of a case file in `folder`, with another reference; the example's board profile beside it."""
    if not (folder / "boards").exists():
        shutil.copytree(SAMPLE.parent / "boards", folder / "boards")
    text = case.read_text(encoding="utf-8").replace(f"reference: {REFERENCES[case]}", f"reference: {reference}")
    path = folder / f"{reference}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def throughput(work: Path, cases: int, workers: int) -> tuple[float, int, int]:
    """Cases per minute of `docgen batch` over copies of the example case; and documents per case, failures."""
    folder = work / f"batch-{workers}"
    folder.mkdir()
    paths = [copy_case(SAMPLE, folder, f"BENCH-{workers}-{n}") for n in range(cases)]
    start = time.perf_counter()
    results = run_batch(paths, folder / "out", workers, ("docx", "pdf"))
    seconds = time.perf_counter() - start
    return cases / seconds * 60, results[0].documents, sum(r.outcome == "failed" for r in results)


def latency(work: Path, case: Path, formats: tuple[str, ...], drops: int) -> float:
    """Median seconds from a case file renamed into the inbox to its output folder appearing."""
    inbox, outbox, staging = work / f"in-{case.stem}", work / f"out-{case.stem}", work / f"staging-{case.stem}"
    for folder in (inbox, staging):
        folder.mkdir()
    shutil.copytree(SAMPLE.parent / "boards", inbox / "boards")
    stop = threading.Event()
    watcher = threading.Thread(target=Watcher(inbox, outbox, 2, formats=formats, settle=0.5).run, args=(stop,))
    watcher.start()
    try:
        time.sleep(3)  # the workers start (and import their engines) before the first drop
        times = []
        for n in range(drops):
            reference = f"LAT-{case.stem}-{n}"
            path = copy_case(case, staging, reference)
            start = time.perf_counter()
            os.rename(path, inbox / path.name)
            while not (outbox / reference).exists():
                time.sleep(0.005)
            times.append(time.perf_counter() - start)
    finally:
        stop.set()
        watcher.join()
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--cases", type=int, default=4, help="copies of the example case per batch (default 4)")
    parser.add_argument("--drops", type=int, default=3, help="drops into the watched folder per figure (default 3)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        print(f"{'measure':<62} {'figure':>10}")
        for workers in (1, 2):
            per_minute, documents, failed = throughput(work, args.cases, workers)
            label = f"batch, {args.cases} example cases ({documents} DOCX+PDF each), {workers} worker(s)"
            print(f"{label:<62} {per_minute:>6.1f}/min" + (f"  ({failed} failed)" if failed else ""))
        for case, formats, what in (
            (SAMPLE, ("docx", "pdf"), "example case, DOCX+PDF"),
            (MINIMAL, ("html",), "letter, HTML"),
        ):
            seconds = latency(work, case, formats, args.drops)
            print(f"{f'watch: landing to outputs, {what} (median of {args.drops})':<62} {seconds:>8.2f} s")
        print(f"(on {os.cpu_count()} CPUs)")


if __name__ == "__main__":
    main()

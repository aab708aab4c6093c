"""Render-time benchmark: prints a table of figures (nothing here asserts anything).

For each document kind and format: docgen's median render time in this process, beside the time
raw WeasyPrint (PDF) or raw docxtpl (DOCX) takes on the same content, their ratio (docgen's
overhead), and the page count. Then a 2,000-entry chronology, the anonymisation pass's throughput on
1 MB of narrative with 200 known people, and the cold start of `docgen --help`.

Run: python benchmarks/bench.py [--repeat N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import bench_anonymise  # beside this script
from markupsafe import Markup

from docgen import Case, load_case, render, supported_documents
from docgen.api import Planned, kind_of
from docgen.gate.extract import pdf_pages_text
from docgen.model import CHILD, ChronologyEntry
from docgen.passes.draft import draft_marking
from docgen.rendering.context import build_context
from docgen.rendering.furniture import furnish
from docgen.rendering.templates import environment, find_template, render_template

ROOT = Path(__file__).resolve().parent.parent


def median_seconds(work: Callable[[], object], repeat: int) -> float:
    """Median wall time of `repeat` runs, after one warm-up run."""
    work()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def page_html(case: Case, planned: Planned) -> tuple[str, dict[str, object]]:
    """The page HTML and context docgen feeds the engines, for the raw baselines."""
    kind, agency, to = planned
    document_kind = kind_of(kind)
    env = environment(None)
    marking = draft_marking(case, document_kind, agency, None)
    context = build_context(case, document_kind, agency, to, marking, False)
    body = furnish(env, render_template(env, document_kind.template, context), context)
    return render_template(env, "layout/page.html.j2", {**context, "body": Markup(body)}), context


def raw_weasyprint(html: str) -> Callable[[], object]:
    from weasyprint import HTML

    return lambda: HTML(string=html).write_pdf()


def raw_docxtpl(kind: str, html: str, context: dict[str, object]) -> Callable[[], object]:
    """docxtpl alone: the same shell and context, the body's text as one plain paragraph."""
    import re

    from docxtpl import DocxTemplate

    shell = find_template(None, f"shells/{kind_of(kind).shell.value}.docx")
    text = re.sub(r"<[^>]+>", " ", html)

    def work() -> None:
        template = DocxTemplate(shell)
        template.render({**context, "body": text}, autoescape=True)
        template.save(io.BytesIO())

    return work


def pages(content: bytes, fmt: str) -> str:
    return str(len(pdf_pages_text(content))) if fmt == "pdf" else ""


def row(cells: list[str]) -> str:
    return "  ".join(cell.ljust(width) for cell, width in zip(cells, (28, 6, 11, 11, 9, 6), strict=False))


def bench_documents(case: Case, repeat: int, jobs: list[Planned]) -> None:
    print(row(["document", "format", "docgen ms", "raw ms", "overhead", "pages"]))
    for planned in jobs:
        kind, agency, to = planned
        html, context = page_html(case, planned)
        for fmt, raw in (("pdf", raw_weasyprint(html)), ("docx", raw_docxtpl(kind, html, context))):
            ours = median_seconds(lambda k=kind, f=fmt, a=agency, t=to: render(case, k, f, agency=a, to=t), repeat)
            base = median_seconds(raw, repeat)
            name = ":".join(filter(None, planned))
            content = render(case, kind, fmt, agency=agency, to=to).content
            print(
                row([name, fmt, f"{ours * 1000:.0f}", f"{base * 1000:.0f}", f"{ours / base:.2f}x", pages(content, fmt)])
            )


def big_chronology(case: Case, entries: int) -> Case:
    start = dt.date(2010, 1, 1)
    chronology = [
        ChronologyEntry(
            date=start + dt.timedelta(days=i // 3),
            agency="csc",
            event=f"Home visit {i}; child seen.",
            seen=[CHILD],
            comments="Good practice: the worker saw the child alone.",
        )
        for i in range(entries)
    ]
    return case.model_copy(update={"chronology": chronology})


def cold_start() -> float:
    times = []
    for _ in range(5):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "docgen", "--help"], check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per figure (median is printed)")
    args = parser.parse_args()
    case = load_case(ROOT / "examples" / "sample-case.yaml")
    print(f"docgen render benchmark: example case, median of {args.repeat} runs\n")
    bench_documents(case, args.repeat, list(supported_documents(case)))
    print("\n2,000-entry chronology (one IMR):")
    bench_documents(big_chronology(case, 2000), 1, [Planned("imr", "csc")])
    print("\nanonymisation pass:")
    bench_anonymise.report(people=200, megabytes=1.0)
    print(f"\ncold start of `docgen --help`: {cold_start() * 1000:.0f} ms (median of 5)")


if __name__ == "__main__":
    main()

"""Render-speed benchmark: every figure of the speed work as a ratio, in one run (nothing here asserts anything).

1. The example's pack (every document, Word and PDF, no cache) rendered by 1 process against N (the default:
   the CPUs, at most 4), wall time: in this process once everything is warm (rounds of 1 and N in turn, the
   medians), and by `docgen render` from the command line, a new process each time (its start-up included).
2. Re-rendering after an edit: the pack rendered into a folder with its cache, then one chronology entry of one
   agency changed, then a date of Letter 1, and the pack rendered again each time: the time against the full
   render's, and how many documents were laid out again (wall time).
3. Chronologies of 1,000 and 2,000 entries (the example's entries of one agency over and over, a year earlier each
   round, so as long as real ones), in CPU time: in Word, docgen's chronology table (the reports' macro, its HTML,
   the Word builder, the report shell) against docxtpl's own `{%tr for %}` table of the same rows (the same
   cells, made from docgen's XML for one row), and the whole IMR; in PDF, docgen's IMR against WeasyPrint alone
   (a process without docgen) on the same page, tagged as docgen's PDFs are, and on the same page laid out with
   WeasyPrint's automatic table layout and rows kept whole, as the chronology was before it had fixed widths;
   and 2,000 entries against 1,000.
4. Cold start: `docgen --help` against `python -c "import weasyprint"`, wall time.

With --documents, also each document of the example beside raw WeasyPrint or docxtpl on its page.
(benchmarks/bench_anonymise.py times the anonymisation pass, benchmarks/bench_jobs.py batch and watch.)

Run: python benchmarks/bench.py [--repeat N] [--workers N] [--documents]   (about ten minutes)
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import io
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from docx import Document
from docx.oxml.ns import qn
from docxtpl import DocxTemplate

from docgen import Case, load_case, render, render_pack, supported_documents
from docgen.api import Planned, kind_of
from docgen.derive import chronology_rows
from docgen.gate.extract import pdf_pages_text
from docgen.model import CHILD
from docgen.passes.draft import draft_marking
from docgen.publish.cache import FOLDER_NAME
from docgen.publish.pool import default_workers
from docgen.rendering.context import build_context
from docgen.rendering.docx.blocks import add_html
from docgen.rendering.docx.document import html_to_docx
from docgen.rendering.frame import render_frame
from docgen.rendering.layout import page_of
from docgen.rendering.sandbox import template_limits
from docgen.rendering.templates import environment, find_template
from docgen.text.dates import chronology_date

ROOT = Path(__file__).resolve().parent.parent
AGENCY = "csc"
"""The agency whose chronology is lengthened, and whose entry is edited."""
SIZES = (1000, 2000)
T = TypeVar("T")


def seconds(work: Callable[[], object], repeat: int = 1) -> float:
    """Median wall time of `repeat` runs."""
    return timed(work, repeat)[0]


def timed(work: Callable[[], T], repeat: int = 1, clock: Callable[[], float] = time.perf_counter) -> tuple[float, T]:
    """Median time of `repeat` runs, and what the last run gave."""
    times = []
    for _ in range(repeat):
        start = clock()
        result = work()
        times.append(clock() - start)
    return statistics.median(times), result


def least_cpu_seconds(works: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """The least CPU time of this process each work took in `repeat` rounds, each round running every work once:
    the machine's other work slows all of them alike, and the least is the time undisturbed."""
    times: dict[str, list[float]] = {name: [] for name in works}
    for _ in range(repeat):
        for name, work in works.items():
            start = time.process_time()
            work()
            times[name].append(time.process_time() - start)
    return {name: min(taken) for name, taken in times.items()}


def ratio(ours: float, theirs: float) -> str:
    return f"{ours / theirs:.2f}x"


def line(label: str, *cells: str) -> None:
    print(f"  {label:<52}" + "".join(f"{cell:>12}" for cell in cells))


# 1 and 2: the pack -------------------------------------------------------------------------------------------


def bench_pack(case: Case, workers: int, repeat: int) -> None:
    print("\n1. The example's pack, every document in Word and PDF, no cache (wall time)")
    print(f"   (in this process, warm: {repeat} rounds of each; from the command line: one run each)")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        render_pack(case, out / "warm", workers=1, cache=False)  # every template compiled, every engine warm
        count = len(list((out / "warm").glob("*.*"))) - 1  # not the manifest
        rounds = [(n, out / f"{n}-{r}") for r in range(repeat) for n in (1, workers)]
        taken = [(n, seconds(lambda n=n, to=to: render_pack(case, to, workers=n, cache=False))) for n, to in rounds]
        for label, pick in (("median", statistics.median), ("least", min)):
            one, many = (pick(t for m, t in taken if m == n) for n in (1, workers))
            line(f"{count} documents, 1 process, {label}", f"{one:.2f} s")
            line(f"{count} documents, {workers} processes, {label}", f"{many:.2f} s", ratio(many, one))
        command = [sys.executable, "-m", "docgen", "render", str(ROOT / "examples" / "sample-case.yaml"), "--all"]
        command += ["--format", "docx", "--format", "pdf", "--no-cache", "--out"]
        cli = {
            n: seconds(lambda n=n: run([*command, str(out / f"cli-{n}"), "--workers", str(n)])) for n in (1, workers)
        }
        line("docgen render, 1 process (a new process)", f"{cli[1]:.2f} s")
        line(
            f"docgen render, {workers} processes (a new process)", f"{cli[workers]:.2f} s", ratio(cli[workers], cli[1])
        )


def run(command: list[str]) -> None:
    subprocess.run(command, check=True, capture_output=True)


def bench_edit(case: Case, workers: int) -> None:
    sys.path.insert(0, str(ROOT))
    from tests.edits import edit_entry, edit_letter_1  # the edits whose documents the cache tests check

    print(f"\n2. The pack rendered again with its cache after an edit ({workers} processes, wall time)")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        full = seconds(lambda: render_pack(case, out, workers=workers))
        line(f"full render, {len(list((out / FOLDER_NAME).iterdir()))} documents laid out and kept", f"{full:.1f} s")
        for label, edited in (
            (f"one chronology entry of one agency ({AGENCY}) edited", edit_entry(case, AGENCY)),
            ("a date of Letter 1 edited", edit_letter_1(case)),
        ):
            kept = len(list((out / FOLDER_NAME).iterdir()))
            edit = seconds(lambda e=edited: render_pack(e, out, workers=workers))
            again = len(list((out / FOLDER_NAME).iterdir())) - kept
            line(f"{label}: {again} laid out again", f"{edit:.1f} s", ratio(edit, full))


# 3: long chronologies ----------------------------------------------------------------------------------------


def long_chronology(case: Case, entries: int) -> Case:
    """The case with the agency's own entries repeated to `entries`, each round a year earlier."""
    own = [entry for entry in case.chronology if entry.agency == AGENCY]
    repeated = [
        own[i % len(own)].model_copy(update={"date": own[i % len(own)].date - dt.timedelta(days=366 * (i // len(own)))})
        for i in range(entries)
    ]
    return case.model_copy(update={"chronology": [e for e in case.chronology if e.agency != AGENCY] + repeated})


def report_context(case: Case) -> dict[str, Any]:
    kind = kind_of("imr")
    return build_context(case, kind, AGENCY, None, draft_marking(case, kind, AGENCY, None), False)


def docgen_chronology_docx(case: Case) -> Callable[[], bytes]:
    """docgen's Word chronology alone: the reports' table macro → HTML → Word blocks in the report shell."""
    context = report_context(case)
    env = environment(None)
    shell = find_template(None, "shells/report.docx")
    assert shell is not None
    frame = render_frame(env, context)

    def work() -> bytes:
        with template_limits():
            macros = env.get_template("reports/_report.html.j2").make_module(context)
            html = str(macros.chronology_table(context["agency_chronology"]))  # type: ignore[attr-defined]
        return html_to_docx(shell, html, frame, context, env, watermark=False)

    return work


FIELDS = ("date", "time", "subjects", "professional", "event", "seen", "response", "agency", "comments")


def row_values(case: Case) -> list[dict[str, str]]:
    """The agency's chronology as docxtpl is given it: each cell's text."""
    context = report_context(case)
    values = []
    for row in chronology_rows(case, context["agency_chronology"], False):
        entry = row.entry
        values.append(
            {
                "date": chronology_date(entry.date),
                "time": entry.time.strftime("%H:%M") if entry.time else "",
                "subjects": ", ".join(person.text for person in row.people),
                "professional": context["who"](entry.professional),
                "event": entry.event,
                "seen": row.seen,
                "response": f"Response: {entry.response}" if entry.response else "",
                "agency": context["agency_name"](entry.agency),
                "comments": entry.comments or "",
            }
        )
    return values


def tr_for_template(case: Case) -> bytes:
    """docxtpl's own table: docgen's Word chronology of one entry whose every cell is a placeholder, its row
    repeated by `{%tr for row in rows %}`, in the report shell."""
    entry = next(e for e in case.chronology if e.agency == AGENCY and e.time and e.professional and e.response)
    texts = {"event": "EVENT", "response": "RESPONSE", "comments": "COMMENTS", "child_views": None}
    marked = entry.model_copy(update={"subjects": [CHILD], "approximate": False, **texts})
    one = case.model_copy(update={"chronology": [marked]})
    marks = {text: f"{{{{ row.{field} }}}}" for field, text in row_values(one)[0].items()}
    shell = find_template(None, "shells/report.docx")
    assert shell is not None
    document = Document(io.BytesIO(shell.data))
    placeholder = document.paragraphs[0]._p
    add_html(document, docgen_table_html(one), before=placeholder)
    placeholder.getparent().remove(placeholder)
    row = document.element.body.find(qn("w:tbl")).findall(qn("w:tr"))[1]
    for text in row.iter(qn("w:t")):
        text.text = marks[text.text]
    for tag, place in (("{%tr for row in rows %}", row.addprevious), ("{%tr endfor %}", row.addnext)):
        loop = copy.deepcopy(row)
        texts = list(loop.iter(qn("w:t")))
        for text in texts:
            text.text = ""
        texts[0].text = tag
        place(loop)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def docgen_table_html(case: Case) -> str:
    context = report_context(case)
    with template_limits():
        macros = environment(None).get_template("reports/_report.html.j2").make_module(context)
        return str(macros.chronology_table(context["agency_chronology"]))  # type: ignore[attr-defined]


def docxtpl_table(template: bytes, rows: list[dict[str, str]]) -> Callable[[], bytes]:
    def work() -> bytes:
        document = DocxTemplate(io.BytesIO(template))
        document.render({"rows": rows}, autoescape=True)
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()

    return work


def raw_weasyprint(html: str) -> Callable[[], bytes]:
    from weasyprint import HTML

    return lambda: bytes(HTML(string=html).write_pdf())


WEASYPRINT_ALONE = """
import sys, time
from weasyprint import HTML
html = sys.stdin.read()
start = time.process_time()
document = HTML(string=html).render()
document.write_pdf(pdf_tags=True)
print(time.process_time() - start, len(document.pages))
"""
"""WeasyPrint on its own, in a process without docgen: the page from standard input, laid out and tagged as
docgen's PDFs are; prints its CPU time and pages."""


def weasyprint_alone(html: str) -> tuple[float, int]:
    """The CPU time and the pages of WeasyPrint's own tagged PDF of a page, in a process of its own."""
    done = subprocess.run(
        [sys.executable, "-c", WEASYPRINT_ALONE], input=html, text=True, capture_output=True, check=True
    )
    cpu, pages = done.stdout.split()
    return float(cpu), int(pages)


def automatic_layout(html: str) -> str:
    """The page with the chronology laid out by WeasyPrint's automatic table layout, rows kept whole."""
    html = html.replace('<table class="fixed chronology"', '<table class="chronology"')
    return html.replace("</style>", ".chronology tr { break-inside: avoid; }</style>", 1)


def bench_chronologies(case: Case, repeat: int) -> None:
    print(f"\n3. Chronologies of one agency ({AGENCY}), its own entries over and over")
    print(f"   (CPU time; Word: the least of {repeat} rounds, PDF: one run)")
    template = tr_for_template(case)
    figures: dict[tuple[str, int], float] = {}
    line("", *(f"{n:,} entries" for n in SIZES), f"{SIZES[1]:,}/{SIZES[0]:,}")
    cases = {n: long_chronology(case, n) for n in SIZES}
    for n, big in cases.items():
        works = {
            "table": docgen_chronology_docx(big),
            "tr for": docxtpl_table(template, row_values(big)),
            "imr docx": lambda b=big: render(b, "imr", "docx", agency=AGENCY),
        }
        for name, taken in least_cpu_seconds(works, repeat).items():
            figures[name, n] = taken
    print("  Word")
    figure_lines(figures, {"table": TABLE, "tr for": TR_FOR, "imr docx": "docgen's whole IMR"}, ".2f")
    against("docgen's table against docxtpl's", figures, "table", "tr for")
    against("docgen's whole IMR against docxtpl's table", figures, "imr docx", "tr for")
    print("  PDF")
    pages: dict[tuple[str, int], int] = {}
    for n, big in cases.items():
        page = document_page(big, Planned("imr", AGENCY, None))[0]
        laid_out = lambda b=big: render(b, "imr", "pdf", agency=AGENCY).content  # noqa: E731
        figures["imr pdf", n], pdf = timed(laid_out, 1, time.process_time)
        pages["imr pdf", n] = len(pdf_pages_text(pdf))
        figures["alone", n], pages["alone", n] = weasyprint_alone(page)
        figures["automatic", n], pages["automatic", n] = weasyprint_alone(automatic_layout(page))
    figure_lines(figures, {"imr pdf": "docgen's IMR", "alone": ALONE, "automatic": AUTOMATIC}, ".1f", pages)
    against("docgen's IMR against WeasyPrint alone", figures, "imr pdf", "alone")
    against("against the automatic table layout", figures, "imr pdf", "automatic")


TABLE = "docgen's chronology table (template, HTML, Word)"
TR_FOR = "docxtpl's {%tr for %} table of the same rows"
ALONE = "WeasyPrint alone on the same page (tagged)"
AUTOMATIC = "the same, automatic table layout, rows kept whole"


def figure_lines(
    figures: dict[tuple[str, int], float],
    labels: dict[str, str],
    digits: str,
    pages: dict[tuple[str, int], int] | None = None,
) -> None:
    """A line for each figure at each size, and its growth from the first size to the second; its pages."""
    for name, label in labels.items():
        growth = ratio(figures[name, SIZES[1]], figures[name, SIZES[0]])
        line(label, *(f"{figures[name, n]:{digits}} s" for n in SIZES), growth)
        if pages is not None:
            line("  pages", *(str(pages[name, n]) for n in SIZES))


def against(label: str, figures: dict[tuple[str, int], float], ours: str, theirs: str) -> None:
    line(f"  {label}", *(ratio(figures[ours, n], figures[theirs, n]) for n in SIZES))


# 4: cold start -----------------------------------------------------------------------------------------------


def cold_start() -> None:
    print("\n4. Cold start (wall time, median of 5)")
    ours = seconds(lambda: run([sys.executable, "-m", "docgen", "--help"]), 5)
    engine = seconds(lambda: subprocess.run([sys.executable, "-c", "import weasyprint"], check=True), 5)
    line("docgen --help", f"{ours * 1000:.0f} ms")
    line("python -c 'import weasyprint'", f"{engine * 1000:.0f} ms")
    line("  docgen --help against importing WeasyPrint", ratio(ours, engine))


# --documents: each document beside raw WeasyPrint or docxtpl ------------------------------------------------


def bench_documents(case: Case, repeat: int) -> None:
    print(f"\nEach document: docgen against raw WeasyPrint (PDF) or docxtpl (DOCX) on its page (median of {repeat})")
    line("document", "format", "docgen ms", "raw ms", "overhead", "pages")
    for planned in supported_documents(case):
        kind, agency, to = planned
        page, context = document_page(case, planned)
        for fmt, raw in (("pdf", raw_weasyprint(page)), ("docx", raw_docxtpl(kind, page, context))):
            ours = seconds(lambda k=kind, f=fmt, a=agency, t=to: render(case, k, f, agency=a, to=t), repeat)
            base = seconds(raw, repeat)
            content = render(case, kind, fmt, agency=agency, to=to).content
            count = str(len(pdf_pages_text(content))) if fmt == "pdf" else ""
            name = ":".join(filter(None, planned))
            line(name, fmt, f"{ours * 1000:.0f}", f"{base * 1000:.0f}", ratio(ours, base), count)


def document_page(case: Case, planned: Planned) -> tuple[str, dict[str, Any]]:
    """The page HTML docgen lays a document out from, and its context."""
    kind, agency, to = planned
    document_kind = kind_of(kind)
    context = build_context(case, document_kind, agency, to, draft_marking(case, document_kind, agency, None), False)
    return page_of(document_kind, context, None).html, context


def raw_docxtpl(kind: str, html: str, context: dict[str, Any]) -> Callable[[], object]:
    """docxtpl alone: the same shell and context, the body's text as one plain paragraph."""
    shell = find_template(None, f"shells/{kind_of(kind).shell.value}.docx")
    assert shell is not None
    text = re.sub(r"<[^>]+>", " ", html)

    def work() -> None:
        template = DocxTemplate(io.BytesIO(shell.data))
        template.render({**context, "body": text}, autoescape=True)
        template.save(io.BytesIO())

    return work


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="rounds of the Word figures (the least is printed)")
    parser.add_argument("--workers", type=int, default=default_workers(), help="worker processes for the pack")
    parser.add_argument("--documents", action="store_true", help="also each document beside raw WeasyPrint/docxtpl")
    args = parser.parse_args()
    case = load_case(ROOT / "examples" / "sample-case.yaml")
    render(case, "imr", "pdf", agency=AGENCY)  # the engines imported and warm
    render(case, "imr", "docx", agency=AGENCY)
    print(f"docgen speed benchmark: the example case, on {default_workers()} CPUs (at most 4 counted)")
    bench_pack(case, args.workers, 5)
    bench_edit(case, args.workers)
    bench_chronologies(case, args.repeat)
    cold_start()
    if args.documents:
        bench_documents(case, args.repeat)


if __name__ == "__main__":
    main()

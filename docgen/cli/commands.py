"""The command line: parse, call one API function, map errors to exit codes (in `main` only)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ..limits import MAX_WORKERS

_F = TypeVar("_F", bound=Callable[..., Any])
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
_JSON = "docgen.json"
"""ctx.meta's key: whether the command line asks for JSON (then errors are JSON too, even one in parsing it)."""


class _Group(click.Group):
    """Runs a command and turns docgen's own errors into a plain message and an exit code (JSON with --json)."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta[_JSON] = "--json" in args
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context) -> Any:
        from ..errors import DocgenError

        try:
            return super().invoke(ctx)
        except DocgenError as error:
            _fail(ctx, error, error.describe(), error.exit_code)
        except OSError as error:  # a folder that cannot be written, a full disk …
            where = f": {error.filename}" if error.filename else ""
            _fail(ctx, error, f"{error.strerror or error}{where}", EXIT_FAILED)
        except click.ClickException as error:
            if not ctx.meta.get(_JSON):
                raise
            _fail(ctx, error, error.format_message(), error.exit_code)


def _fail(ctx: click.Context, error: Exception, message: str, exit_code: int) -> None:
    """Say what stopped the command on standard error, as JSON with --json, and exit with its code."""
    if ctx.meta.get(_JSON):
        from . import json_output

        json_output.emit(json_output.error(error, message, exit_code), err=True)
    else:
        click.echo(f"docgen: {message}", err=True)
    ctx.exit(exit_code)


def _workers_option(help: str, default: int | None = None) -> Callable[[_F], _F]:
    """--workers: refused outside 1 to MAX_WORKERS; more than this machine can use gives that many, with a warning."""

    def capped(ctx: click.Context, param: click.Parameter, value: int | None) -> int | None:
        from ..publish.pool import worker_count

        return None if value is None else worker_count(value, lambda text: click.echo(f"docgen: {text}", err=True))

    return click.option(
        "--workers",
        type=click.IntRange(1, MAX_WORKERS),
        default=default,
        show_default=default is not None,
        callback=capped,
        help=help,
    )


_json_option = click.option(
    "--json", "as_json", is_flag=True, help="Print one JSON document instead (see `docgen schema --output-of`)."
)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="docgen", prog_name="docgen")
def main() -> None:
    """Turn a review's case file into its letters and reports, in Word, PDF and HTML."""


@main.command("list")
@click.option(
    "--framework",
    "framework_id",
    default="england-2009",
    show_default=True,
    metavar="ID",
    help="The built-in framework whose documents to list (england-2009, england-2023).",
)
@_json_option
def list_kinds(framework_id: str, as_json: bool) -> None:
    """List the document kinds a framework offers."""
    from ..model.framework import builtin_framework
    from ..model.kinds import FORMATS

    try:
        framework = builtin_framework(framework_id)
    except ValueError as error:
        raise click.BadParameter(str(error), param_hint="--framework") from None
    if as_json:
        from . import json_output

        return json_output.emit(json_output.kind_list(framework.kinds.values()))
    for kind in framework.kinds.values():
        extra = f", one per {kind.per}" if kind.per else ""
        click.echo(f"{kind.id:<20} {kind.title} [{kind.audience.value}{extra}; {'/'.join(FORMATS)}]")


@main.command()
@click.argument("cases", nargs=-1, required=True, type=click.Path(path_type=Path))
@_json_option
def validate(cases: tuple[Path, ...], as_json: bool) -> None:
    """Check case files against the model; prints every problem with its field path and line."""
    from ..errors import CaseError
    from ..load.case_files import load_case
    from ..model import Case

    checked: list[tuple[Path, Case | CaseError]] = []
    for path in cases:
        try:
            checked.append((path, load_case(path)))
        except CaseError as error:
            checked.append((path, error))
        if not as_json:
            _print_check(*checked[-1])
    if as_json:
        from . import json_output

        json_output.emit(json_output.validation(checked))
    failed = any(isinstance(case, CaseError) for _, case in checked)
    click.get_current_context().exit(EXIT_USAGE if failed else EXIT_OK)


def _print_check(path: Path, case: Any) -> None:
    """A valid case file's line on standard output, with the documents it supports; or its problems on standard
    error."""
    from ..api import supported_documents
    from ..errors import CaseError

    if isinstance(case, CaseError):
        click.echo(case.describe(), err=True)
        return
    documents = ", ".join(
        ":".join(filter(None, planned)) for planned in supported_documents(case) if planned.enclosed_in is None
    )
    click.echo(f"{path}: valid ({case.review.reference}); documents it supports: {documents}")


_DATE = click.DateTime(["%Y-%m-%d", "%d/%m/%Y"])
_on_option = click.option(
    "--on", type=_DATE, help="The day the timetable's status is given at (YYYY-MM-DD or DD/MM/YYYY); default today."
)
_as_at_option = click.option(
    "--on",
    type=_DATE,
    help="Every document as the case stood on this day (YYYY-MM-DD or DD/MM/YYYY): one dated later is refused, or "
    "left out with --all; the timetable's status is given at it. Default: each document as at its own date, one "
    "without a date as the case stands (the timetable today).",
)


@main.command()
@click.argument("case_file", type=click.Path(path_type=Path))
@click.option(
    "--doc", "docs", multiple=True, metavar="KIND", help="Document kind to render (repeatable); see `docgen list`."
)
@click.option("--all", "all_docs", is_flag=True, help="Render every document the case supports.")
@click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(["docx", "pdf", "html"]),
    help="Output format (repeatable); default docx and pdf.",
)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("docgen-output"),
    show_default=True,
    help="Folder the documents are written to.",
)
@click.option(
    "--agency", metavar="ID", help="Only this agency's document of a kind written per agency (IMR, author brief)."
)
@click.option(
    "--to", metavar="ID", help="Only this addressee's document of a kind written to each (Letter 5, 6; interview)."
)
@click.option(
    "--anonymise/--named",
    default=None,
    help="Anonymise every document, or keep the names (a named final Overview Report is marked NOT FOR "
    "PUBLICATION). Default: as the publication rules say (the Overview Report anonymised in its final, "
    "the Executive Summary always).",
)
@click.option(
    "--draft/--final",
    "draft",
    default=None,
    help="Force a DRAFT watermark, or ask for a final (refused for unapproved reports).",
)
@click.option(
    "--templates",
    "board_templates",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="A board's templates folder; its templates take precedence over the built-ins.",
)
@_as_at_option
@click.option(
    "--blank",
    is_flag=True,
    help="Print the form blank, to fill in by hand or in Word (the referral form); CASE_FILE may be a board profile.",
)
@_workers_option("Processes rendering the documents, this one among them; default: the CPUs, at most 4.")
@click.option(
    "--no-cache",
    "no_cache",
    is_flag=True,
    help="Lay out every document again, even those unchanged since they were last written to this folder.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Write nothing when the proof finds anything in the documents (exit 1); see `docgen proof`.",
)
@_json_option
def render(
    case_file: Path,
    docs: tuple[str, ...],
    all_docs: bool,
    formats: tuple[str, ...],
    out_dir: Path,
    agency: str | None,
    to: str | None,
    anonymise: bool | None,
    draft: bool | None,
    board_templates: Path | None,
    on: dt.datetime | None,
    blank: bool,
    workers: int | None,
    no_cache: bool,
    strict: bool,
    as_json: bool,
) -> None:
    """Render documents of a case; prints each written file on its own line, then what the proof found in them
    (on standard error). A document unchanged since it was last written to the folder is taken from
    OUT/.docgen-cache/ instead of being laid out again."""
    from ..api import RenderedDocument, render_pack
    from ..load.case_files import load_case

    if bool(docs) == all_docs:
        raise click.UsageError("name documents with --doc KIND, or use --all")
    if blank:
        if agency or to or anonymise or draft is not None or on is not None:
            raise click.UsageError("a blank form has no agency, addressee, date, anonymisation or draft marking")
        _render_blank(case_file, docs, formats or ("docx", "pdf"), out_dir, board_templates, as_json)
        return
    case = load_case(case_file)
    rendered: dict[str, RenderedDocument] = {}
    hidden = as_json or not sys.stderr.isatty()
    with click.progressbar(length=1, label="Rendering", file=sys.stderr, hidden=hidden) as bar:

        def progress(done: int, total: int, document: RenderedDocument) -> None:
            rendered[document.filename] = document
            bar.length = total
            bar.update(done - bar.pos)

        paths = render_pack(
            case,
            out_dir,
            None if all_docs else docs,
            formats or ("docx", "pdf"),
            agency=agency,
            to=to,
            anonymise=anonymise,
            draft=draft,
            board_templates=board_templates,
            on_progress=progress,
            on=on.date() if on else None,
            workers=workers,
            cache=not no_cache,
            strict=strict,
        )
    if as_json:
        from . import json_output

        written = [(path, rendered[path.name]) for path in paths]
        return json_output.emit(json_output.rendered(written, case.review.reference, out_dir / "manifest.json"))
    for path in paths:
        click.echo(str(path))
    for document in (rendered[path.name] for path in paths if rendered[path.name].missing_glyphs):
        codes = ", ".join(document.missing_glyphs)
        click.echo(f"docgen: {document.filename}: no installed font has {codes}; they print as boxes", err=True)
    for finding in (finding for path in paths for finding in rendered[path.name].findings):
        click.echo(f"docgen: {finding.describe()}", err=True)


def _render_blank(
    source: Path,
    docs: tuple[str, ...],
    formats: tuple[str, ...],
    out_dir: Path,
    board_templates: Path | None,
    as_json: bool,
) -> None:
    """Render forms blank for the board of a case file or board profile: every one first, then write each."""
    from ..api import render_blank
    from ..files.writing import check_output, write_atomic
    from ..load.case_files import load_board

    board, framework = load_board(source)
    kinds = docs or [kind.id for kind in framework.kinds.values() if kind.blank]
    documents = [
        render_blank(board, kind, fmt, framework=framework, board_templates=board_templates)
        for kind in kinds
        for fmt in formats
    ]
    for document in documents:  # every name before any is written
        check_output(out_dir / document.filename)
    for document in documents:
        write_atomic(out_dir / document.filename, document.content, files_only=True)
        if not as_json:
            click.echo(str(out_dir / document.filename))
    if as_json:
        from . import json_output

        json_output.emit(json_output.rendered([(out_dir / d.filename, d) for d in documents], None, None))


@main.command()
@click.argument("case_file", type=click.Path(path_type=Path))
@_on_option
@click.option(
    "--ics",
    "ics_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the deadlines as an iCalendar file for a board's calendar (events update, not duplicate).",
)
@_json_option
def timetable(case_file: Path, on: dt.datetime | None, ics_file: Path | None, as_json: bool) -> None:
    """Print the review timetable (Appendix XIII): each step's deadline in working days, who is responsible, and
    its status on a day (met, met late, due, overdue, no date recorded); warnings for dates set later."""
    from ..derive.deadlines import review_timetable
    from ..exports.calendar import terminal_table, timetable_calendar
    from ..load.case_files import load_case

    case = load_case(case_file)
    table = review_timetable(case, on.date() if on else dt.date.today())
    if ics_file is not None:
        from ..files.writing import write_atomic

        write_atomic(ics_file, timetable_calendar(case, table, dt.datetime.now(dt.UTC)), files_only=True)
    if as_json:
        from . import json_output

        return json_output.emit(json_output.timetable(case, table, ics_file))
    click.echo(terminal_table(case, table))


_folder_argument = click.argument("folder", type=click.Path(file_okay=False, exists=True, path_type=Path))


def _out_files_option(written: str) -> Callable[[_F], _F]:
    """`--out FILE`, repeatable: what is written, by the file's ending."""
    return click.option(
        "--out",
        "out_files",
        multiple=True,
        type=click.Path(dir_okay=False, path_type=Path),
        help=f"Also write to FILE, as its ending says: {written}; repeatable.",
    )


@main.command("register")
@_folder_argument
@_out_files_option(".xlsx (a workbook, a sheet each), .pdf (tagged) or .html (accessible)")
@click.option("--on", type=_DATE, help="The day the register is given at (YYYY-MM-DD or DD/MM/YYYY); default today.")
@click.option("--named", is_flag=True, help="Name the people, for the board's own use (marked); default: labels.")
@click.option("--agency", help="Track only the recommendations for this agency (its name, or the lead's, in part).")
@click.option("--theme", help="Track only the recommendations under this theme (in part).")
@_json_option
def register_command(
    folder: Path,
    out_files: tuple[Path, ...],
    on: dt.datetime | None,
    named: bool,
    agency: str | None,
    theme: str | None,
    as_json: bool,
) -> None:
    """The board's register of every review whose case file is in FOLDER (or below it), whatever its framework:
    each review's stage, next deadline and its owner, overdue steps and publication; every recommendation and its
    action, overdue first; the financial year's figures for the annual report. A case file that does not validate
    is listed with its problems and stops nothing."""
    from ..exports.register import register
    from ..exports.register.outputs import writer_for
    from ..exports.register.summary import terminal_summary
    from ..files.writing import write_atomic

    writers = [(out_file, writer_for(out_file.suffix)) for out_file in out_files]
    built = register(folder, on.date() if on else None, named, agency, theme)
    for out_file, writer in writers:
        write_atomic(out_file, writer(built), files_only=True)
    if as_json:
        from . import json_output

        return json_output.emit(json_output.register_document(built))
    click.echo(terminal_summary(built))


@main.command("due")
@_folder_argument
@click.option("--within", type=click.IntRange(0, 366), default=14, show_default=True, help="Days ahead to look.")
@click.option("--on", type=_DATE, help="The day to look from (YYYY-MM-DD or DD/MM/YYYY); default today.")
@_out_files_option(".txt or .html (a digest to e-mail), .ics (one calendar feed of every step of every review)")
def due_command(folder: Path, within: int, on: dt.datetime | None, out_files: tuple[Path, ...]) -> None:
    """What falls due across every review whose case file is in FOLDER (or below it): each step overdue or due
    within the days asked for, soonest first, with its review and who owns it."""
    from ..exports.register.due import due, due_text, due_writer_for
    from ..files.writing import write_atomic

    writers = [(out_file, due_writer_for(out_file.suffix)) for out_file in out_files]
    found = due(folder, on.date() if on else None, within)
    for out_file, writer in writers:
        write_atomic(out_file, writer(found), files_only=True)
    click.echo(due_text(found), nl=False)


@main.group()
def chronology() -> None:
    """Chronology spreadsheets: a template for an agency, its import into the case file, the composite export."""


_xlsx_out = click.option(
    "--out",
    "out_file",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The workbook to write (.xlsx).",
)


@chronology.command("template")
@click.argument("case_file", type=click.Path(path_type=Path))
@click.option("--agency", required=True, metavar="ID", help="The agency the template is for.")
@_xlsx_out
def chronology_template(case_file: Path, agency: str, out_file: Path) -> None:
    """Write a blank chronology workbook for an agency: the Appendix V columns, drop-down lists of the case's
    people, professionals and agencies, date and time checks, and the Appendix VI guidance on a second sheet."""
    from ..exports.workbooks import chronology_template as template
    from ..files.writing import write_atomic
    from ..load.case_files import load_case

    case = load_case(case_file)
    _known_agency(case, agency)
    write_atomic(out_file, template(case, agency), files_only=True)
    click.echo(str(out_file))


@chronology.command("import")
@click.argument("case_file", type=click.Path(path_type=Path))
@click.argument("workbook", type=click.Path(path_type=Path))
@click.option("--agency", required=True, metavar="ID", help="The agency whose entries the workbook holds.")
@click.option(
    "--allow-empty",
    is_flag=True,
    help="Let a workbook without entries remove all the agency's entries from the case file.",
)
def chronology_import(case_file: Path, workbook: Path, agency: str, allow_empty: bool) -> None:
    """Read a filled chronology workbook into the agency's entries of the case file, in place of its old ones.
    Every problem is listed by sheet, row and column, and the case file is then left unchanged; otherwise it keeps
    its comments, order and layout.

    A workbook without entries (a header alone, or nothing at all) would remove every entry of the agency: docgen
    does that only with --allow-empty, or when you answer yes to its question on a terminal; otherwise it says so
    and leaves the case file unchanged (exit 2)."""
    from ..exports.workbooks import read_chronology
    from ..load.case_files import load_case
    from ..load.editing import replace_agency_entries

    case = load_case(case_file)
    _known_agency(case, agency)
    entries = read_chronology(case, workbook, agency)
    old = sum(1 for entry in case.chronology if entry.agency == agency)
    name = case.agency(agency).short_name
    if not entries:
        if not old:
            click.echo(f"{case_file}: {workbook} has no entries, and {name} has none in the case file: unchanged")
            return
        _confirm_removal(case_file, workbook, f"{old} {name} entr{'y' if old == 1 else 'ies'}", allow_empty)
    replace_agency_entries(case_file, agency, entries)
    click.echo(f"{case_file}: {len(entries)} {name} entries imported from {workbook} (replacing {old})")


def _confirm_removal(case_file: Path, workbook: Path, entries: str, allowed: bool) -> None:
    """Go on to remove `entries` ('5 Police entries') only when allowed, or when a person on a terminal says yes."""
    from ..errors import UsageError

    if allowed:
        return
    question = f"{workbook} has no entries: remove all {entries} from {case_file}?"
    if _interactive() and click.confirm(question, default=False, err=True):
        return
    raise UsageError(
        f"{workbook} has no entries, so the {entries} of {case_file} would all be removed; the case file is "
        "unchanged: to remove them, import it again with --allow-empty"
    )


def _interactive() -> bool:
    """Whether a person can be asked a question: standard input is a terminal."""
    return sys.stdin.isatty()


@chronology.command("export")
@click.argument("case_file", type=click.Path(path_type=Path))
@_xlsx_out
@click.option("--agency", metavar="ID", help="Only this agency's entries (default: every agency's).")
def chronology_export(case_file: Path, out_file: Path, agency: str | None) -> None:
    """Write the composite chronology of every agency as a workbook for the panel, merged in date and time order
    as in the Overview Report, with filters on every column."""
    from ..exports.workbooks import chronology_export as export
    from ..files.writing import write_atomic
    from ..load.case_files import load_case

    case = load_case(case_file)
    if agency is not None:
        _known_agency(case, agency)
    write_atomic(out_file, export(case, agency), files_only=True)
    click.echo(str(out_file))


def _known_agency(case: Any, agency: str) -> None:
    if agency not in {a.id for a in case.agencies}:
        known = ", ".join(a.id for a in case.agencies)
        raise click.BadParameter(f"the case has no agency '{agency}' (it has: {known})", param_hint="--agency")


@main.command()
@click.argument("case_file", type=click.Path(path_type=Path))
@click.option("--doc", "kind", required=True, metavar="KIND", help="The report approved (see `docgen list`).")
@click.option("--agency", metavar="ID", help="The agency whose report it is, for a report written per agency (IMR).")
@click.option("--by", "approved_by", required=True, help="Who approved it, e.g. 'Board meeting of 12 March 2026'.")
@click.option("--on", type=_DATE, help="The day it was approved (YYYY-MM-DD or DD/MM/YYYY); default today.")
def approve(case_file: Path, kind: str, agency: str | None, approved_by: str, on: dt.datetime | None) -> None:
    """Record a report's approval in the case file: the day, who approved it, and a fingerprint of everything the
    report reads. The version approved is then frozen: a later change to what it reads refuses to reprint it,
    naming the fields, until a new version is made. A report that is incomplete, already approved with a
    fingerprint, or dated after the approval is refused (exit 2), the case file unchanged."""
    from ..service.approvals import approve_report

    done = approve_report(case_file, kind, agency, approved_by, on.date() if on else dt.date.today())
    click.echo(f"{case_file}: {done}")


@main.command()
@click.argument("case_file", type=click.Path(path_type=Path))
@click.option("--report", is_flag=True, required=True, help="Print the review report (the only output so far).")
@_json_option
def anonymise(case_file: Path, report: bool, as_json: bool) -> None:
    """List every replacement and redaction anonymisation makes, and every hit left for a person to decide."""
    from ..load.case_files import load_case
    from ..passes.anonymise import anonymisation_report

    case = load_case(case_file)
    if as_json:
        from . import json_output

        return json_output.emit(json_output.anonymisation(case))
    click.echo(anonymisation_report(case), nl=False)


@main.command()
@click.option(
    "--out", "out_file", type=click.Path(dir_okay=False, path_type=Path), help="Write to a file instead of printing."
)
@click.option(
    "--output-of",
    "command",
    metavar="COMMAND",
    help="Instead, the JSON Schema of what COMMAND prints with --json: list, validate, render, anonymise, batch, "
    "timetable, proof or register; error for the errors every command prints with --json.",
)
def schema(out_file: Path | None, command: str | None) -> None:
    """Print the JSON Schema of case files (editors use it to validate and complete them)."""
    if command is None:
        from ..load.schema import case_schema

        chosen = case_schema()
    else:
        from .json_output import output_schema

        chosen = output_schema(command)
    text = json.dumps(chosen, indent=2, ensure_ascii=False) + "\n"
    if out_file is None:
        click.echo(text, nl=False)
    else:
        from ..files.writing import write_atomic

        write_atomic(out_file, text.encode("utf-8"), files_only=True)


_formats_option = click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(["docx", "pdf", "html"]),
    help="Output format (repeatable); default docx and pdf.",
)
_workers_help = "Worker processes rendering documents"
_outbox_option = click.option(
    "--out",
    "outbox",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder the documents go to, one folder per case, named by its reference.",
)


@main.command()
@click.argument("inbox", type=click.Path(exists=True, file_okay=False, path_type=Path))
@_outbox_option
@_workers_option(f"{_workers_help}.", default=1)
@_formats_option
@click.option("--poll", is_flag=True, help="Poll the folder (network shares): a file is taken once it stops changing.")
@click.option(
    "--settle",
    type=click.FloatRange(min=0.05),
    default=1.0,
    show_default=True,
    help="Seconds a file's size and time must stay unchanged before it is taken, when there is no "
    "close event (polling, files already there).",
)
def watch(inbox: Path, outbox: Path, workers: int, formats: tuple[str, ...], poll: bool, settle: float) -> None:
    """Watch INBOX: render each case file put there into OUT/<reference>/, then move it to INBOX/processed/ or
    INBOX/failed/ (beside NAME.error.txt). Ctrl-C or SIGTERM stops it once the job in hand is done."""
    import signal
    import threading

    from ..service.joblog import JobResult
    from ..service.runner import DEFAULT_FORMATS
    from ..service.watch import Watcher

    stop = threading.Event()

    def on_signal(signum: int, frame: object) -> None:
        if stop.is_set():  # asked twice: stop now; the job in hand stays claimed for the next start
            raise KeyboardInterrupt
        stop.set()
        click.echo("docgen: stopping once the jobs in hand are done (signal again to stop at once)", err=True)

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, on_signal)

    def report(result: JobResult) -> None:
        documents = f"; documents in {outbox / result.reference}" if result.error is None and result.reference else ""
        click.echo(f"{result.outcome}: {result.input} -> {result.moved_to}{documents}")

    def problem(message: str) -> None:
        click.echo(f"docgen: {message}", err=True)

    watcher = Watcher(
        inbox,
        outbox,
        workers,
        poll=poll,
        formats=formats or DEFAULT_FORMATS,
        settle=settle,
        on_result=report,
        on_problem=problem,
    )
    click.echo(f"docgen: watching {inbox} ({'polling' if poll else 'events'}); documents go to {outbox}", err=True)
    watcher.run(stop)


@main.command()
@click.argument("cases", nargs=-1, required=True, type=click.Path(path_type=Path))
@_outbox_option
@_workers_option(f"{_workers_help}; default: the CPUs, at most 4.")
@_formats_option
@_json_option
def batch(cases: tuple[Path, ...], outbox: Path, workers: int | None, formats: tuple[str, ...], as_json: bool) -> None:
    """Render the documents of each case file into OUT/<reference>/, as the watched folder does; a table at the end.
    Exit 1 when any case failed (after all the others are done)."""
    from ..service.batch import run_batch, summary_table
    from ..service.runner import DEFAULT_FORMATS

    hidden = as_json or not sys.stderr.isatty()
    with click.progressbar(length=len(cases), label="Rendering", file=sys.stderr, hidden=hidden) as bar:
        results = run_batch(cases, outbox, workers, formats or DEFAULT_FORMATS, on_result=lambda _: bar.update(1))
    if as_json:
        from . import json_output

        json_output.emit(json_output.batch(results, outbox))
    else:
        for result in results:
            if result.error is not None:
                click.echo(result.error, err=True)
        click.echo(summary_table(results))
    click.get_current_context().exit(EXIT_FAILED if any(r.outcome == "failed" for r in results) else EXIT_OK)


class _ProofCommand(click.Command):
    """`docgen proof`, whose help lists the proof's rules (read from docgen.proof only when help is asked for)."""

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        from ..proof import PROOF_RULES

        rules = "\n\n".join(f"{rule.name}: {rule.description}" for rule in PROOF_RULES.values())
        self.help = f"{self.help}\n\nThe rules:\n\n{rules}"
        super().format_help_text(ctx, formatter)


@main.command(cls=_ProofCommand)
@click.argument("folder", type=click.Path(path_type=Path))
@click.option(
    "--case",
    "case_file",
    type=click.Path(path_type=Path),
    help="The case file the documents come from: its glossary and agencies tell the jargon rule what to find.",
)
@_json_option
def proof(folder: Path, case_file: Path | None, as_json: bool) -> None:
    """Proofread the documents written in FOLDER (PDF, Word and HTML files; its manifest.json gives each one's kind
    and date): print each finding with its file and page. Exit 0 when there is none, 1 when there are some, 2 for
    a folder that cannot be read."""
    from ..load.case_files import load_case
    from ..proof import proofread_files

    files = proofread_files(folder, load_case(case_file) if case_file else None)
    findings = [finding for proofread_file in files for finding in proofread_file.findings]
    if as_json:
        from . import json_output

        json_output.emit(json_output.proofread(folder, files))
    else:
        for finding in findings:
            click.echo(finding.describe())
        count = len(findings)
        click.echo(f"docgen: {count or 'no'} finding{'s' if count != 1 else ''} in {folder}", err=True)
    click.get_current_context().exit(EXIT_FAILED if findings else EXIT_OK)


@main.command()
@click.option(
    "--out", "out_dir", type=click.Path(path_type=Path), help="A folder documents will be written to: check it too."
)
@click.option(
    "--templates",
    "board_templates",
    type=click.Path(file_okay=False, exists=True, path_type=Path),
    help="A board's templates folder: check the fonts its style sheet names.",
)
def doctor(out_dir: Path | None, board_templates: Path | None) -> None:
    """Check what docgen needs on this machine; say what is missing and the command that installs it.
    Exit 0 when everything rendering needs is there, 1 otherwise."""
    from .doctor import can_render, report, run_checks

    checks = run_checks(out_dir, board_templates)
    click.echo(report(checks), nl=False)
    click.get_current_context().exit(EXIT_OK if can_render(checks) else EXIT_FAILED)


@main.group()
def users() -> None:
    """The people who may use the workbench over a folder of case files (`docgen serve`), and their roles."""


@users.command("add")
@_folder_argument
@click.argument("name")
@click.option(
    "--role",
    required=True,
    type=click.Choice(["administrator", "chair", "author", "agency-author"]),
    help="administrator: every case and page; chair: reads the cases named, records approvals and decisions; "
    "author: edits the reports of the cases named; agency-author: only their agency's part of the cases named.",
)
@click.option("--agency", metavar="ID", help="An agency author's agency (its id in the case files).")
@click.option("--case", "cases", multiple=True, metavar="REFERENCE", help="A case they work on (repeatable).")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (for scripts).")
def users_add(
    folder: Path, name: str, role: str, agency: str | None, cases: tuple[str, ...], password_stdin: bool
) -> None:
    """Let someone use the workbench over FOLDER: their NAME (to log in with), role, agency and cases. The password
    is asked for twice, or read from standard input with --password-stdin; it is kept only as an argon2 hash."""
    from ..service.web.accounts import add_person
    from ..service.web.store import database_path

    added = add_person(database_path(folder), name, role, _new_password(password_stdin), agency, cases)
    named = ", ".join(sorted(added.cases)) or "every case"
    click.echo(f"{folder}: {added.name} may now log in to the workbench as {added.role.value} ({named})")


@users.command("password")
@_folder_argument
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input (for scripts).")
def users_password(folder: Path, name: str, password_stdin: bool) -> None:
    """Give NAME a new password (asked for twice, or read from standard input); their sessions end. Each person
    can also change their own in the workbench."""
    from ..service.web.accounts import set_password
    from ..service.web.store import database_path

    set_password(database_path(folder), name, _new_password(password_stdin))
    click.echo(f"{folder}: {name} has a new password; their sessions have ended")


def _new_password(from_stdin: bool) -> str:
    """A password read from standard input's first line, or asked for twice on the terminal."""
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return str(click.prompt("Password", hide_input=True, confirmation_prompt=True, err=True))


@users.command("list")
@_folder_argument
def users_list(folder: Path) -> None:
    """List the people of the workbench over FOLDER: name, role, agency, cases, and whether they may log in."""
    from ..service.web.accounts import everyone
    from ..service.web.store import database_path

    for person, disabled in everyone(database_path(folder)):
        cases = ", ".join(sorted(person.cases)) or "every case"
        agency = f" of {person.agency}" if person.agency else ""
        click.echo(f"{person.name}\t{person.role.value}{agency}\t{cases}{chr(9) + 'disabled' if disabled else ''}")


@main.command()
@_folder_argument
@click.option("--host", default="127.0.0.1", show_default=True, help="The address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="The port to listen on.")
def serve(folder: Path, host: str, port: int) -> None:
    """Run the workbench over the case files of FOLDER: a web application for the review team, each person seeing
    only what their role allows (add them with `docgen users add`). Listens on this machine only by default: put it
    behind a TLS reverse proxy to reach it from elsewhere."""
    from ..service.web.accounts import everyone
    from ..service.web.server import serve as run
    from ..service.web.store import database_path

    if not everyone(database_path(folder)):
        raise click.UsageError(
            f"nobody may log in yet: add an administrator first (docgen users add {folder} NAME --role administrator)"
        )
    run(folder, host, port)

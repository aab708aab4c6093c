"""The pages of a review's running: its timetable (and calendar feed), the agencies' chronology returns, and the
approvals of its reports."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from starlette.datastructures import UploadFile
from starlette.exceptions import HTTPException
from starlette.responses import RedirectResponse, Response

from ...derive.deadlines import Status, review_timetable
from ...errors import UsageError
from ...exports.calendar import timetable_calendar
from ...exports.workbooks import WorkbookError, chronology_template, read_chronology
from ...files.writing import write_atomic
from ...limits import MAX_WORKBOOK_BYTES
from ...load.editing import replace_agency_entries
from ...rules.support import kind_of
from ...text.dates import long_date
from ..approvals import approve_report
from . import audit
from .app import Visit, guarded
from .roles import AGENCY_AUTHOR, Action
from .store import workbench_folder

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UPLOAD_LIMIT = MAX_WORKBOOK_BYTES + 64 * 1024
"""The largest upload read: a workbook at its limit and the form around it."""
FIRST = {Status.OVERDUE: 0, Status.NO_DATE: 1, Status.DUE: 2, Status.MET_LATE: 3, Status.MET: 4}
"""The timetable's steps are listed overdue first, then those with no date, those due, and those met."""


@guarded(Action.TIMETABLE)
def timetable(visit: Visit) -> Response:
    """Every step with its deadline, who is responsible and its status today, overdue first."""
    assert visit.case_file is not None and visit.case_file.case is not None
    table = review_timetable(visit.case_file.case, dt.date.today())
    steps = sorted(table.steps, key=lambda s: (FIRST[s.status], s.deadline, s.number))
    return visit.page("timetable.html.j2", "Timetable", table=table, steps=steps, long_date=long_date)


@guarded(Action.TIMETABLE)
def timetable_ics(visit: Visit) -> Response:
    """The timetable's deadlines as an iCalendar file, for the board's calendar."""
    case_file = visit.case_file
    assert case_file is not None and case_file.case is not None
    table = review_timetable(case_file.case, dt.date.today())
    content = timetable_calendar(case_file.case, table, dt.datetime.now(dt.UTC))
    name = f"{case_file.name}-timetable.ics"
    return Response(
        content, media_type="text/calendar", headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


@guarded(Action.RETURNS)
def returns(visit: Visit) -> Response:
    """The agencies' chronology returns: a template to download, a filled one to send, what its import found, and
    (for the administrator) accepting it into the case."""
    case_file = visit.case_file
    assert case_file is not None and case_file.case is not None
    agencies = [a for a in case_file.case.agencies if _may_return(visit, a.id)]
    held = {a.id: _entries(sum(1 for e in case_file.case.chronology if e.agency == a.id)) for a in agencies}
    rows = [(agency, _report(visit, agency.id), held[agency.id]) for agency in agencies]
    return visit.page("returns.html.j2", "Agency chronologies", rows=rows, limit=MAX_WORKBOOK_BYTES // 1_048_576)


@guarded(Action.RETURNS)
def return_template(visit: Visit) -> Response:
    """The chronology workbook for one agency to fill."""
    agency = _agency(visit)
    assert visit.case_file is not None and visit.case_file.case is not None
    content = chronology_template(visit.case_file.case, agency)
    name = f"{visit.case_file.name}-{agency}-chronology.xlsx"
    return Response(content, media_type=XLSX, headers={"Content-Disposition": f'attachment; filename="{name}"'})


@guarded(Action.RETURNS, limit=UPLOAD_LIMIT)
def send_return(visit: Visit) -> Response:
    """Receive an agency's filled workbook: checked as `docgen chronology import` checks it, kept until the
    administrator accepts it; its import report shown on the returns page."""
    agency = _agency(visit)
    case_file = visit.case_file
    assert case_file is not None and case_file.case is not None and visit.form is not None
    upload = visit.form.get("workbook")
    if not isinstance(upload, UploadFile) or not upload.filename:
        report: dict[str, Any] = {"problems": ["Choose the filled workbook (.xlsx) to send."]}
    else:
        data = upload.file.read(MAX_WORKBOOK_BYTES + 1)
        report = _checked(visit, agency, data, upload.filename)
    _save_report(visit, agency, report)
    audit.record(
        visit.bench.database,
        visit.person.name,
        case_file.reference,
        f"sent the chronology of {case_file.case.agency(agency).name}",
        [("entries", "", _entries(report["entries"]) if "entries" in report else "refused")],
    )
    return RedirectResponse(f"/cases/{case_file.name}/returns#agency-{agency}", status_code=303)


@guarded(Action.ACCEPT_RETURN)
def accept_return(visit: Visit) -> Response:
    """Put a sent chronology into the case file, in place of the agency's entries (read again: the case may have
    changed since it was sent)."""
    agency = _agency(visit)
    case_file = visit.case_file
    assert case_file is not None and case_file.case is not None
    workbook = _returns_folder(visit) / f"{agency}.xlsx"
    if not workbook.is_file():
        raise HTTPException(404)
    try:
        entries = read_chronology(case_file.case, workbook, agency)
        replace_agency_entries(case_file.path, agency, entries)
    except UsageError as error:
        _save_report(visit, agency, {"problems": _problems(error, workbook)})
        return RedirectResponse(f"/cases/{case_file.name}/returns#agency-{agency}", status_code=303)
    old = sum(1 for entry in case_file.case.chronology if entry.agency == agency)
    audit.record(
        visit.bench.database,
        visit.person.name,
        case_file.reference,
        f"accepted the chronology of {case_file.case.agency(agency).name}",
        [(f"chronology ({agency})", _entries(old), _entries(len(entries)))],
    )
    workbook.unlink()
    _save_report(visit, agency, {"accepted": len(entries)})
    return RedirectResponse(f"/cases/{case_file.name}/returns#agency-{agency}", status_code=303)


@guarded(Action.APPROVALS)
def approvals(visit: Visit) -> Response:
    """The case's reports with their versions and approvals; the chair records an approval here."""
    return _approvals_page(visit, "", "")


@guarded(Action.APPROVE)
def approve(visit: Visit) -> Response:
    """Record the approval of one report (the chair), which freezes the version approved."""
    case_file = visit.case_file
    assert case_file is not None and case_file.case is not None
    chosen = visit.field("report")
    reports = dict(_reports(case_file.case))
    if chosen not in reports:
        return _approvals_page(visit, "", "Choose the report approved.")
    kind, agency = reports[chosen]
    by = visit.field("by").strip()
    try:
        day = dt.date.fromisoformat(visit.field("on"))
    except ValueError:
        return _approvals_page(visit, "", "Give the day it was approved, as a date.")
    if not by:
        return _approvals_page(visit, "", "Say who approved it (the meeting, or the person).")
    try:
        done = approve_report(case_file.path, kind, agency, by, day)
    except UsageError as error:
        return _approvals_page(visit, "", error.describe().replace(str(case_file.path), case_file.path.name))
    audit.record(
        visit.bench.database,
        visit.person.name,
        case_file.reference,
        "approved",
        [(chosen, "", f"approved on {day.isoformat()} by {by}")],
    )
    return _approvals_page(visit, done, "")


def _approvals_page(visit: Visit, done: str, error: str) -> Response:
    case_file = visit.case_file
    assert case_file is not None
    case = visit.bench.cases.get(case_file.name)
    assert case is not None and case.case is not None
    rows = []
    for label, (kind, agency) in _reports(case.case):
        record = kind_of(kind, case.case.framework).record_of(case.case, agency)
        rows.append((label, record.approval if record is not None else None))
    status = 422 if error else 200
    return visit.page(
        "approvals.html.j2",
        "Approvals",
        status,
        rows=rows,
        done=done,
        error=error,
        today=dt.date.today().isoformat(),
        long_date=long_date,
    )


def _reports(case: Any) -> list[tuple[str, tuple[str, str | None]]]:
    """Each report the case holds, labelled ('Individual Management Review – Police'), with its kind and agency."""
    found = []
    for kind_id in case.framework.kinds:
        kind = kind_of(kind_id, case.framework)
        if not kind.is_report:
            continue
        for agency in kind.instances(case) if kind.per else [None]:
            if kind.record_of(case, agency) is not None:
                label = f"{kind.title} – {case.agency(agency).name}" if agency else kind.title
                found.append((label, (kind_id, agency)))
    return found


def _entries(count: int) -> str:
    return f"{count} entr{'y' if count == 1 else 'ies'}"


def _may_return(visit: Visit, agency: str) -> bool:
    return visit.person.role is not AGENCY_AUTHOR or visit.person.agency == agency


def _agency(visit: Visit) -> str:
    """The agency named in the address: one of the case's, and the person's own for an agency author."""
    agency = visit.request.path_params["agency"]
    assert visit.case_file is not None and visit.case_file.case is not None
    if agency not in {a.id for a in visit.case_file.case.agencies}:
        raise HTTPException(404)
    if not _may_return(visit, agency):
        raise HTTPException(403)
    return agency


def _returns_folder(visit: Visit) -> Path:
    assert visit.case_file is not None
    folder = workbench_folder(visit.bench.folder) / "returns" / visit.case_file.name
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder


def _checked(visit: Visit, agency: str, data: bytes, filename: str) -> dict[str, Any]:
    """What importing the workbook would do: its entries, or every problem by sheet, row and column; a workbook
    that passes is kept for the administrator to accept."""
    assert visit.case_file is not None and visit.case_file.case is not None
    if len(data) > MAX_WORKBOOK_BYTES:
        return {"problems": [f"The workbook is larger than {MAX_WORKBOOK_BYTES // 1_048_576} MB."]}
    if not filename.lower().endswith(".xlsx") or not data.startswith(b"PK\x03\x04"):
        return {"problems": ["Send the workbook as an Excel workbook (.xlsx), as the template is."]}
    pending = _returns_folder(visit) / f"{agency}.xlsx"
    write_atomic(pending, data, files_only=True)
    try:
        entries = read_chronology(visit.case_file.case, pending, agency)
    except UsageError as error:
        pending.unlink(missing_ok=True)
        return {"problems": _problems(error, pending)}
    if not entries:
        pending.unlink(missing_ok=True)
        return {"problems": ["The workbook has no entries: fill in the template's rows and send it again."]}
    return {"entries": len(entries), "sent_by": visit.person.name, "sent_on": long_date(dt.date.today())}


def _problems(error: UsageError, path: Path) -> list[str]:
    if isinstance(error, WorkbookError):
        return [problem.describe() for problem in error.problems]
    return [error.describe().replace(str(path), "the workbook")]


def _report(visit: Visit, agency: str) -> dict[str, Any]:
    path = _returns_folder(visit) / f"{agency}.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def _save_report(visit: Visit, agency: str, report: dict[str, Any]) -> None:
    write_atomic(_returns_folder(visit) / f"{agency}.json", json.dumps(report).encode(), files_only=True)

"""The pages of a case's documents: each document the person may see with its state and what the proof found,
the pack rendered in a worker process with its progress, previews and downloads."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from starlette.exceptions import HTTPException
from starlette.responses import FileResponse, JSONResponse, RedirectResponse, Response

from ...model import Case
from ...publish.pipeline import document_filename
from ...publish.rendered import MEDIA_TYPES
from ...rules.support import Planned, kind_of, supported_documents
from ...text.dates import long_date
from . import audit
from .app import Visit, guarded
from .packs import manifest_of, pack_folder
from .roles import Action, may_see_document

PREVIEW_POLICY = (
    "sandbox; default-src 'none'; style-src 'unsafe-inline' data:; img-src data:; font-src data:; "
    "frame-ancestors 'self'"
)
"""A rendered document shown in the page: no script, no request anywhere, framed by the workbench only."""


@dataclass(frozen=True)
class DocumentRow:
    """One document of the case, as the documents page lists it."""

    title: str
    written_for: str
    state: str
    files: list[dict[str, Any]] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)


@guarded(Action.DOCUMENTS)
def documents(visit: Visit) -> Response:
    """The case's documents, the state of its pack, and (with `?show=FILE`) one document's preview."""
    case_file = visit.case_file
    assert case_file is not None and case_file.case is not None
    case = case_file.case
    manifest = manifest_of(visit.bench.folder, case_file.name) or {"documents": []}
    entries = [e for e in manifest["documents"] if _visible(visit, case, e)]
    rows = [_row(case, planned, entries) for planned in _planned(visit, case)]
    state = visit.bench.packs.state(case_file.name)
    shown = visit.request.query_params.get("show", "")
    preview = shown if any(e["file"] == shown and e["format"] == "html" for e in entries) else ""
    titled = next(
        (
            f"{r.title}{f' – {r.written_for}' if r.written_for else ''}"
            for r in rows
            if any(f["file"] == preview for f in r.files)
        ),
        preview,
    )
    stale = bool(state.rendered_from) and state.rendered_from != case_file.fingerprint
    return visit.page(
        "documents.html.j2",
        "Documents",
        rows=rows,
        state=state,
        preview=preview,
        preview_title=titled,
        stale=stale,
        rendered=bool(entries),
    )


@guarded(Action.RENDER)
def render(visit: Visit) -> Response:
    """Start rendering the pack (in a worker process) and go back to the documents page, which shows its progress."""
    case_file = visit.case_file
    assert case_file is not None
    if visit.bench.packs.start(case_file.name, case_file.path):
        audit.record(visit.bench.database, visit.person.name, case_file.reference, "rendered the pack", [])
    return RedirectResponse(f"/cases/{case_file.name}/documents", status_code=303)


@guarded(Action.DOCUMENTS)
def progress(visit: Visit) -> Response:
    """The pack's progress, for the page's progress bar."""
    assert visit.case_file is not None
    state = visit.bench.packs.state(visit.case_file.name)
    return JSONResponse(
        {"rendering": state.rendering, "done": state.done, "total": state.total, "failed": bool(state.failed)}
    )


@guarded(Action.DOCUMENTS)
def document_file(visit: Visit) -> Response:
    """One file of the last pack: an HTML document to show in the page (sandboxed), a PDF or Word file to download.
    Only a file the pack's manifest lists, and the person may see."""
    case_file = visit.case_file
    assert case_file is not None and case_file.case is not None
    name = visit.request.path_params["file"]
    manifest = manifest_of(visit.bench.folder, case_file.name) or {"documents": []}
    entry = next((e for e in manifest["documents"] if e["file"] == name), None)
    if entry is None:
        raise HTTPException(404)
    if not _visible(visit, case_file.case, entry):
        raise HTTPException(403)
    path = pack_folder(visit.bench.folder, case_file.name) / "documents" / entry["file"]
    if entry["format"] == "html":
        headers = {"Content-Security-Policy": PREVIEW_POLICY, "X-Frame-Options": "SAMEORIGIN"}
        return FileResponse(path, media_type=MEDIA_TYPES["html"], headers=headers)
    return FileResponse(path, media_type=MEDIA_TYPES[entry["format"]], filename=entry["file"])


@guarded(Action.RENDER)
def pack_zip(visit: Visit) -> Response:
    """The last pack as one zip, with its manifest."""
    assert visit.case_file is not None
    path = pack_folder(visit.bench.folder, visit.case_file.name) / "pack.zip"
    if not path.is_file():
        raise HTTPException(404)
    filename = f"{Path(visit.case_file.reference.replace('/', '-')).name}-pack.zip"
    return FileResponse(path, media_type="application/zip", filename=filename)


def _planned(visit: Visit, case: Case) -> list[Planned]:
    return [p for p in supported_documents(case) if not p.enclosed_in and may_see_document(visit.person, case, p)]


def _visible(visit: Visit, case: Case, entry: Any) -> bool:
    return may_see_document(visit.person, case, Planned(entry["kind"], entry["agency"], entry["to"]))


def _row(case: Case, planned: Planned, entries: list[Any]) -> DocumentRow:
    """A document's row: its own files (not the copies enclosed with letters) and what the proof found in them."""
    kind = kind_of(planned.kind, case.framework)
    own = {document_filename(case, kind, planned.agency or planned.to, fmt) for fmt in ("docx", "pdf", "html")}
    files = [e for e in entries if e["file"] in own]
    findings = list(dict.fromkeys(f["message"] for e in files for f in e["findings"]))
    dated = next((e["date"] for e in files if e.get("date")), None)
    state = _state(case, planned) or (f"Dated {long_date(dt.date.fromisoformat(dated))}" if dated else "")
    if any(e["draft"] for e in files):
        state = f"{state} (printed as a DRAFT)" if state else "Printed as a DRAFT"
    return DocumentRow(kind.title, _written_for(case, planned), state, files, findings)


def _written_for(case: Case, planned: Planned) -> str:
    """The agency a document is written for, the person it is addressed to, or the professional interviewed."""
    if planned.agency:
        return case.agency(planned.agency).name
    people = {m.id: m.full_name for m in case.family} | {v.id: v.full_name for v in case.victims}
    if planned.to in people:
        return people[planned.to]
    interview = next((i for i in case.interviews if i.id == planned.to), None)
    if interview is not None:
        return f"Interview with {case.professional(interview.professional).full_name}"
    return planned.to or ""


def _state(case: Case, planned: Planned) -> str:
    """'Version 2, approved on 3 March 2026 by the Board', 'Version 1, draft', or '' for a document that is not a
    report."""
    kind = kind_of(planned.kind, case.framework)
    record = kind.record_of(case, planned.agency) if kind.is_report else None
    if record is None:
        return ""
    approval = record.approval
    if approval.is_approved and approval.approved_on:
        by = f" by {approval.approved_by}" if approval.approved_by else ""
        return f"Version {approval.version}, approved on {long_date(approval.approved_on)}{by}"
    return f"Version {approval.version}, draft"

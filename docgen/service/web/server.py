"""The workbench's application: its addresses, and the server that runs it (`docgen serve FOLDER`)."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ...rendering.templates import builtin_templates
from . import admin_pages, case_pages, document_pages, review_pages
from .app import SecurityHeaders, Workbench, error_page, log_in, log_out, login_form

ROUTES = [
    Route("/login", login_form, methods=["GET"]),
    Route("/login", log_in, methods=["POST"]),
    Route("/logout", log_out, methods=["POST"]),
    Route("/", case_pages.case_list, methods=["GET"]),
    Route("/audit", admin_pages.audit_log, methods=["GET"]),
    Route("/audit.csv", admin_pages.audit_csv, methods=["GET"]),
    Route("/people", admin_pages.people, methods=["GET", "POST"]),
    Route("/account", admin_pages.account, methods=["GET", "POST"]),
    Route("/account/calendar", admin_pages.calendar_link, methods=["POST"]),
    Route("/calendar/{token}.ics", admin_pages.calendar, methods=["GET"]),
    Route("/cases/{case}", case_pages.case_home, methods=["GET"]),
    Route("/cases/{case}/edit/{part}", case_pages.edit_part, methods=["GET", "POST"]),
    Route("/cases/{case}/documents", document_pages.documents, methods=["GET"]),
    Route("/cases/{case}/documents/render", document_pages.render, methods=["POST"]),
    Route("/cases/{case}/documents/progress", document_pages.progress, methods=["GET"]),
    Route("/cases/{case}/files/{file}", document_pages.document_file, methods=["GET"]),
    Route("/cases/{case}/pack.zip", document_pages.pack_zip, methods=["GET"]),
    Route("/cases/{case}/timetable", review_pages.timetable, methods=["GET"]),
    Route("/cases/{case}/timetable.ics", review_pages.timetable_ics, methods=["GET"]),
    Route("/cases/{case}/returns", review_pages.returns, methods=["GET"]),
    Route("/cases/{case}/returns/{agency}/template.xlsx", review_pages.return_template, methods=["GET"]),
    Route("/cases/{case}/returns/{agency}", review_pages.send_return, methods=["POST"]),
    Route("/cases/{case}/returns/{agency}/accept", review_pages.accept_return, methods=["POST"]),
    Route("/cases/{case}/approvals", review_pages.approvals, methods=["GET"]),
    Route("/cases/{case}/approvals", review_pages.approve, methods=["POST"]),
    Mount("/static", StaticFiles(directory=builtin_templates() / "workbench" / "static"), name="static"),
]
"""Every address of the workbench (tests/test_workbench.py asks each of them as every role)."""


def create_app(folder: Path) -> Starlette:
    """The workbench over the case files of `folder` (its database and packs in `folder/.workbench/`)."""
    bench = Workbench(folder)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        bench.packs.close()

    app = Starlette(
        routes=ROUTES,
        exception_handlers={HTTPException: error_page, Exception: error_page},
        lifespan=lifespan,
        middleware=[Middleware(SecurityHeaders)],
    )
    app.state.bench = bench
    return app


def serve(folder: Path, host: str, port: int) -> None:
    """Run the workbench with uvicorn until stopped (Ctrl+C, or the service manager's SIGTERM)."""
    import uvicorn

    uvicorn.run(create_app(folder), host=host, port=port, proxy_headers=True, server_header=False, log_level="info")

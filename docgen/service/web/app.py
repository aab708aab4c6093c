"""The workbench's application: its state, the guard every page passes, login and logout, and the answers every
page shares (HTML from the workbench's templates, errors, security headers).

Every route is made with `guarded(action)`: it finds the session (or sends the person to log in), finds the case
named in the address (404 when there is none), asks docgen.service.web.roles whether the person may take the action
in it (403 when not), reads a POST's form within its size limit and checks its CSRF token (403 without it), then runs
the page's handler in a worker thread (it reads files and the database). Nothing confidential is put in an address,
a log line or an error page.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from http import HTTPStatus
from pathlib import Path
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from ...rendering.templates import environment, render_template
from .accounts import Account, Role, checked_person
from .cases import CaseFile, CaseFolder
from .packs import Packs
from .roles import Action, may
from .sessions import COOKIE, IDLE_MINUTES, Sessions, same_token
from .store import database_path, ensure_tables

logger = logging.getLogger("docgen.workbench")

MAX_FORM_BYTES = 10 * 1024 * 1024
"""The largest form the workbench reads (a case part's text; an upload has its own limit)."""
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        "frame-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


@dataclass
class Workbench:
    """The workbench over one folder of case files: its database, sessions, cases and packs."""

    folder: Path
    database: Path = field(init=False)
    sessions: Sessions = field(init=False)
    cases: CaseFolder = field(init=False)
    packs: Packs = field(init=False)

    def __post_init__(self) -> None:
        self.database = database_path(self.folder)
        ensure_tables(self.database)
        self.sessions = Sessions(self.database)
        self.cases = CaseFolder(self.folder)
        self.packs = Packs(self.folder)


@dataclass
class Visit:
    """One request that passed the guard: who asks, their CSRF token, the case named and the form sent."""

    request: Request
    bench: Workbench
    person: Account
    csrf: str
    case_file: CaseFile | None
    form: FormData | None

    @property
    def case_name(self) -> str:
        return self.case_file.name if self.case_file else ""

    def may(self, action: Action) -> bool:
        return may(self.person, action, self.case_file.reference if self.case_file else None)

    def page(self, template: str, title: str, status: int = 200, **context: Any) -> HTMLResponse:
        """A page of the workbench, from its template, with what every page shows."""
        return page(
            template,
            title,
            status,
            person=self.person,
            csrf=self.csrf,
            case_file=self.case_file,
            allowed={a.name: self.may(a) for a in Action},
            **context,
        )

    def field(self, name: str) -> str:
        value = self.form.get(name) if self.form is not None else None
        return value if isinstance(value, str) else ""


Handler = Callable[[Visit], Response]


def guarded(action: Action, *, case: bool = True, limit: int = MAX_FORM_BYTES) -> Callable[[Handler], Any]:
    """A route's endpoint around `handler`: session, case, role, form size and CSRF checked first (see the module)."""

    def wrap(handler: Handler) -> Callable[[Request], Awaitable[Response]]:
        async def endpoint(request: Request) -> Response:
            bench: Workbench = request.app.state.bench
            found = await run_in_threadpool(bench.sessions.find, request.cookies.get(COOKIE))
            if found is None:
                return RedirectResponse("/login", status_code=303)
            person, csrf = found
            case_file = None
            if case:
                case_file = await run_in_threadpool(bench.cases.get, request.path_params["case"])
                if case_file is None or (case_file.case is None and person.role is not Role.ADMINISTRATOR):
                    raise HTTPException(404)
            if not may(person, action, case_file.reference if case_file and case_file.case else None):
                raise HTTPException(403)
            form = None
            if request.method == "POST":
                form = await read_form(request, limit)
                if not same_token(_text(form.get("csrf")), csrf):
                    raise HTTPException(403, "the form has expired: open the page again and resend it")
            visit = Visit(request, bench, person, csrf, case_file, form)
            try:
                return await run_in_threadpool(handler, visit)
            finally:
                if form is not None:
                    await form.close()

        endpoint.__name__ = handler.__name__
        endpoint.__doc__ = handler.__doc__
        return endpoint

    return wrap


async def read_form(request: Request, limit: int) -> FormData:
    """The form of a POST, refused (413) when it says it is larger than `limit` or does not say (a chunked body)."""
    length = request.headers.get("content-length", "")
    if not length.isdigit() or int(length) > limit:
        raise HTTPException(413, f"what was sent is larger than the workbench takes ({limit // 1_048_576} MB)")
    return await request.form(max_files=1, max_fields=20_000, max_part_size=limit)


def page(template: str, title: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A page from the workbench's templates (escaped: nothing the data holds is read as HTML)."""
    text = render_template(environment(), f"workbench/{template}", {"title": title, **context})
    return HTMLResponse(text, status_code=status)


async def login_form(request: Request) -> Response:
    """The login page."""
    return page("login.html.j2", "Log in", person=None, csrf="", case_file=None, allowed={}, error="", name="")


async def log_in(request: Request) -> Response:
    """Check a name and password; a session for the person, or the page again with one message for every failure
    (an unknown name and a wrong password look alike), and no more tries for a while after too many."""
    bench: Workbench = request.app.state.bench
    form = await read_form(request, 64 * 1024)
    name, password = _text(form.get("name")).strip()[:100], _text(form.get("password"))[:1024]
    client = request.client.host if request.client else ""
    if await run_in_threadpool(bench.sessions.locked_out, name, client):
        return _login_again("Too many failed attempts: try again in 15 minutes.", name, 429)
    person = await run_in_threadpool(checked_person, bench.database, name, password)
    if person is None:
        await run_in_threadpool(bench.sessions.failed, name, client)
        logger.info("workbench: a login failed")
        return _login_again("The name or the password is not right.", name, 401)
    cookie, _ = await run_in_threadpool(bench.sessions.start, person)
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(
        COOKIE,
        cookie,
        max_age=IDLE_MINUTES * 60 * 24,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )
    return response


def _login_again(error: str, name: str, status: int) -> HTMLResponse:
    return page(
        "login.html.j2", "Log in", status, person=None, csrf="", case_file=None, allowed={}, error=error, name=name
    )


@guarded(Action.READ_CASE, case=False)
def log_out(visit: Visit) -> Response:
    """End the session."""
    visit.bench.sessions.end(visit.request.cookies.get(COOKIE))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


async def error_page(request: Request, error: Exception) -> Response:
    """The page for a refused or failed request: its status and a plain sentence, never a traceback."""
    status = error.status_code if isinstance(error, HTTPException) else 500
    messages = {
        403: "You do not have access to this page, or to do this: ask the board's administrator if you need it.",
        404: "There is no such page.",
        405: "This page cannot be used that way.",
        413: "What was sent is too large.",
        500: "Something went wrong; nothing was changed. The administrator can find the details in the server's log.",
    }
    detail = error.detail if isinstance(error, HTTPException) and status in (403, 413) and error.detail else ""
    if status == 500:
        logger.error("workbench: %s at %s", type(error).__name__, request.url.path, exc_info=error)
    text = detail if detail and detail != _reason(status) else messages.get(status, "The request was refused.")
    person, csrf = await _signed_in(request)
    return page(
        "error.html.j2",
        f"Error {status}",
        status,
        person=person,
        csrf=csrf,
        case_file=None,
        allowed={a.name: may(person, a) for a in Action} if person else {},
        message=text,
    )


async def _signed_in(request: Request) -> tuple[Account | None, str]:
    """Who is logged in, for an error page's header (nobody when that cannot be known)."""
    try:
        bench: Workbench = request.app.state.bench
        found = await run_in_threadpool(bench.sessions.find, request.cookies.get(COOKIE))
    except Exception:  # the error being shown may be the database's own
        return None, ""
    return found if found else (None, "")


def _reason(status: int) -> str:
    return HTTPStatus(status).phrase


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


class SecurityHeaders:
    """ASGI middleware: the security headers on every answer (a page's own are kept)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: MutableMapping[str, Any], receive: Any, send: Any) -> None:
        async def sending(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {name.lower() for name, _ in headers}
                headers += [
                    (k.lower().encode(), v.encode())
                    for k, v in SECURITY_HEADERS.items()
                    if k.lower().encode() not in present
                ]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, sending)

"""The administrator's pages (the audit log and its export, the people of the workbench), and each person's own
page, where they change their password and make a calendar link to their cases' deadlines (and the calendar the
link gives)."""

from __future__ import annotations

import datetime as dt

from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from ...derive.deadlines import review_timetable
from ...errors import UsageError
from ...exports.calendar import calendar_of
from . import audit
from .accounts import Account, Role, add_person, checked_person, everyone, set_disabled, set_password
from .app import Visit, Workbench, guarded
from .feeds import link_owner, new_link
from .roles import Action, may
from .sessions import COOKIE


@guarded(Action.AUDIT, case=False)
def audit_log(visit: Visit) -> Response:
    """Every change recorded, newest first (one case's with `?case=REFERENCE`)."""
    reference = visit.request.query_params.get("case") or None
    return visit.page(
        "audit.html.j2", "Audit log", entries=audit.entries(visit.bench.database, reference), reference=reference or ""
    )


@guarded(Action.AUDIT, case=False)
def audit_csv(visit: Visit) -> Response:
    """The audit log as a CSV file."""
    content = audit.as_csv(audit.entries(visit.bench.database))
    return Response(
        content,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="docgen-audit.csv"'},
    )


@guarded(Action.PEOPLE, case=False)
def people(visit: Visit) -> Response:
    """The people of the workbench; adding one, disabling or enabling one."""
    error = done = ""
    form = visit.form
    if form is not None and visit.field("action") == "add":
        cases = tuple(c.strip() for c in visit.field("cases").split(",") if c.strip())
        try:
            added = add_person(
                visit.bench.database,
                visit.field("name"),
                visit.field("role"),
                visit.field("password"),
                visit.field("agency").strip() or None,
                cases,
            )
        except UsageError as problem:
            error = problem.describe()
        else:
            done = f"{added.name} can now log in as {added.role.value}."
            audit.record(
                visit.bench.database,
                visit.person.name,
                "",
                "added a person",
                [("person", "", f"{added.name} ({added.role.value})")],
            )
    elif form is not None and visit.field("action") in ("disable", "enable"):
        chosen = {str(p.id): p for p, _ in everyone(visit.bench.database)}.get(visit.field("person"))
        if chosen is not None and chosen.id != visit.person.id:
            set_disabled(visit.bench.database, chosen.id, visit.field("action") == "disable")
            audit.record(
                visit.bench.database,
                visit.person.name,
                "",
                f"{visit.field('action')}d a person",
                [("person", "", chosen.name)],
            )
            return RedirectResponse("/people", status_code=303)
        error = "Choose someone else: you cannot disable yourself."
    status = 422 if error else 200
    return visit.page(
        "people.html.j2",
        "People",
        status,
        everyone=everyone(visit.bench.database),
        roles=list(Role),
        error=error,
        done=done,
        cases=[c for c in visit.bench.cases.all().values() if c.case],
    )


@guarded(Action.ACCOUNT, case=False)
def account(visit: Visit) -> Response:
    """Change one's own password: the current one, then the new one twice (ASVS 2.1.5); every session ends, and
    this one starts again at the login."""
    if visit.form is None:
        return visit.page("account.html.j2", "Your account", error="", link="")
    database, sessions = visit.bench.database, visit.bench.sessions
    new, client = visit.field("new"), visit.request.client.host if visit.request.client else ""
    if sessions.locked_out(visit.person.name, client):
        error = "Too many failed attempts: try again in 15 minutes."
    elif checked_person(database, visit.person.name, visit.field("current")) is None:
        sessions.failed(visit.person.name, client)  # counted as a failed login: no guessing here either
        error = "Your current password is not right."
    elif new != visit.field("again"):
        error = "The new password and its repetition differ."
    else:
        try:
            set_password(database, visit.person.name, new)
        except UsageError as problem:
            error = problem.describe().capitalize() + "."
        else:
            audit.record(database, visit.person.name, "", "changed their password", [])
            response = RedirectResponse("/login", status_code=303)
            response.delete_cookie(COOKIE, path="/")
            return response
    return visit.page("account.html.j2", "Your account", 422, error=error, link="")


@guarded(Action.CALENDAR, case=False)
def calendar_link(visit: Visit) -> Response:
    """Make the person a new calendar link (the old one stops working) and show it, once."""
    token = new_link(visit.bench.database, visit.person)
    audit.record(visit.bench.database, visit.person.name, "", "made a calendar link", [])
    link = f"{visit.request.base_url}calendar/{token}.ics"
    return visit.page("account.html.j2", "Your account", error="", link=link)


async def calendar(request: Request) -> Response:
    """The deadlines of every case the link's owner may see the timetable of, as one iCalendar feed (no session:
    the secret address is the credential); 404 for a link no one has."""
    bench: Workbench = request.app.state.bench
    person = await run_in_threadpool(link_owner, bench.database, request.path_params["token"])
    if person is None or not may(person, Action.CALENDAR):
        raise HTTPException(404)
    return Response(await run_in_threadpool(_calendar_of, bench, person), media_type="text/calendar")


def _calendar_of(bench: Workbench, person: Account) -> bytes:
    today = dt.date.today()
    cases = [c.case for c in bench.cases.all().values() if c.case and may(person, Action.TIMETABLE, c.reference)]
    timetables = [(case, review_timetable(case, today)) for case in cases]
    return calendar_of(f"docgen: the deadlines of {person.name}'s reviews", timetables, dt.datetime.now(dt.UTC))

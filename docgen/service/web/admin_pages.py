"""The administrator's pages (the audit log and its export, the people of the workbench), and each person's own
page, where they change their password."""

from __future__ import annotations

from starlette.responses import RedirectResponse, Response

from ...errors import UsageError
from . import audit
from .accounts import Role, add_person, checked_person, everyone, set_disabled, set_password
from .app import Visit, guarded
from .roles import Action
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
        return visit.page("account.html.j2", "Your password", error="")
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
    return visit.page("account.html.j2", "Your password", 422, error=error)

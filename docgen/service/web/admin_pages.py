"""The administrator's pages: the audit log (and its export) and the people of the workbench."""

from __future__ import annotations

from starlette.responses import RedirectResponse, Response

from ...errors import UsageError
from . import audit
from .accounts import Role, add_person, everyone, set_disabled
from .app import Visit, guarded
from .roles import Action


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

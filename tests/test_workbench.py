"""The workbench over HTTP: every role against every route, sessions, CSRF, login limits, hostile names and
uploads, the case editor (round trip, problems beside the field, conflicting saves) and the audit log."""

from __future__ import annotations

import io
import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from starlette.applications import Starlette
from starlette.testclient import TestClient

from docgen import load_case
from docgen.cli.commands import main
from docgen.exports.workbooks import chronology_export
from docgen.service.web.accounts import add_person
from docgen.service.web.packs import pack_folder
from docgen.service.web.server import create_app
from docgen.service.web.sessions import ATTEMPTS, IDLE_MINUTES
from docgen.service.web.store import database_path

from .conftest import SAMPLE

PASSWORD = "correct horse battery"
CASE = "llr-2026-04"
REFERENCE = "LLR-2026-04"
ROLES = ("administrator", "chair", "author", "agency-author", "stranger")
"""The stranger is a chair of another case."""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copy(SAMPLE, tmp_path / "case.yaml")
    shutil.copytree(SAMPLE.parent / "boards", tmp_path / "boards")
    database = database_path(tmp_path)
    add_person(database, "ada", "administrator", PASSWORD)
    add_person(database, "carol", "chair", PASSWORD, cases=(REFERENCE,))
    add_person(database, "ollie", "author", PASSWORD, cases=(REFERENCE,))
    add_person(database, "pat", "agency-author", PASSWORD, agency="police", cases=(REFERENCE,))
    add_person(database, "sam", "chair", PASSWORD, cases=("OTHER-2026-01",))
    return tmp_path


NAMES = {"administrator": "ada", "chair": "carol", "author": "ollie", "agency-author": "pat", "stranger": "sam"}


def logged_in(folder: Path, role: str, app: Starlette | None = None) -> tuple[TestClient, str]:
    """A client with a session for the role's person, and the session's CSRF token."""
    client = TestClient(app or create_app(folder), follow_redirects=False)
    response = client.post("/login", data={"name": NAMES[role], "password": PASSWORD})
    assert response.status_code == 303, response.text
    return client, csrf_of(client.get("/").text)


def csrf_of(page: str) -> str:
    marker = 'name="csrf" value="'
    return page[page.index(marker) + len(marker) :].split('"', 1)[0]


@pytest.fixture
def clients(folder: Path) -> Iterator[dict[str, tuple[TestClient, str]]]:
    app = create_app(folder)
    made = {role: logged_in(folder, role, app) for role in ROLES}
    yield made
    for client, _ in made.values():
        client.close()


@pytest.fixture
def rendered(folder: Path) -> Path:
    """A pack as the worker leaves it (two documents, their manifest and the zip), without rendering one."""
    documents = pack_folder(folder, CASE) / "documents"
    documents.mkdir(parents=True)
    entries = []
    for name, kind, agency in (("imr_police.html", "imr", "police"), ("letter-1.pdf", "letter-1", None)):
        (documents / name).write_text("<p>rendered</p>")
        entries.append(
            {
                "file": name,
                "kind": kind,
                "agency": agency,
                "to": None,
                "format": name.split(".")[1],
                "draft": True,
                "findings": [],
            }
        )
    (documents / "manifest.json").write_text(json.dumps({"reference": REFERENCE, "documents": entries}))
    (documents.parent / "pack.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    return documents


# --- every role against every route --------------------------------------------------------------

A, C, U, G, S = "administrator", "chair", "author", "agency-author", "stranger"
MATRIX = [
    ("GET", "/", {A, C, U, G, S}),
    ("GET", "/audit", {A}),
    ("GET", "/audit.csv", {A}),
    ("GET", "/people", {A}),
    ("POST", "/people", {A}),
    ("GET", "/account", {A, C, U, G, S}),
    ("POST", "/account", {A, C, U, G, S}),
    ("POST", "/account/calendar", {A, C, U, S}),
    ("GET", f"/cases/{CASE}", {A, C, U, G}),
    ("GET", f"/cases/{CASE}/edit/review", {A}),
    ("GET", f"/cases/{CASE}/edit/decision", {A, C}),
    ("GET", f"/cases/{CASE}/edit/overview", {A, U}),
    ("GET", f"/cases/{CASE}/edit/imrs.police", {A, G}),
    ("GET", f"/cases/{CASE}/edit/imrs.csc", {A}),
    ("POST", f"/cases/{CASE}/edit/decision", {A, C}),
    ("POST", f"/cases/{CASE}/edit/imrs.police", {A, G}),
    ("GET", f"/cases/{CASE}/documents", {A, C, U, G}),
    ("POST", f"/cases/{CASE}/documents/render", {A, C, U}),
    ("GET", f"/cases/{CASE}/documents/progress", {A, C, U, G}),
    ("GET", f"/cases/{CASE}/files/imr_police.html", {A, C, U, G}),
    ("GET", f"/cases/{CASE}/files/letter-1.pdf", {A, C, U}),
    ("GET", f"/cases/{CASE}/pack.zip", {A, C, U}),
    ("GET", f"/cases/{CASE}/timetable", {A, C, U}),
    ("GET", f"/cases/{CASE}/timetable.ics", {A, C, U}),
    ("GET", f"/cases/{CASE}/returns", {A, G}),
    ("GET", f"/cases/{CASE}/returns/police/template.xlsx", {A, G}),
    ("GET", f"/cases/{CASE}/returns/csc/template.xlsx", {A}),
    ("POST", f"/cases/{CASE}/returns/police", {A, G}),
    ("POST", f"/cases/{CASE}/returns/csc", {A}),
    ("POST", f"/cases/{CASE}/returns/police/accept", {A}),
    ("GET", f"/cases/{CASE}/approvals", {A, C}),
    ("POST", f"/cases/{CASE}/approvals", {C}),
]


def test_the_matrix_names_every_route() -> None:
    from docgen.service.web.server import ROUTES

    templates = {(m, r.path) for r in ROUTES if hasattr(r, "methods") for m in r.methods or () if m != "HEAD"}
    asked = {(method, url.replace(CASE, "{case}")) for method, url, _ in MATRIX}
    asked = {(m, u.replace("imr_police.html", "{file}").replace("letter-1.pdf", "{file}")) for m, u in asked}
    asked = {(m, u.replace("/police", "/{agency}").replace("/csc", "/{agency}")) for m, u in asked}
    asked = {(m, u.split("/edit/")[0] + "/edit/{part}" if "/edit/" in u else u) for m, u in asked}
    unsessioned = {("GET", "/login"), ("POST", "/login"), ("POST", "/logout"), ("GET", "/calendar/{token}.ics")}
    unasked = templates - asked - unsessioned  # the calendar's own test asks its address
    assert not unasked


@pytest.mark.parametrize("role", ROLES)
def test_each_role_is_let_in_or_refused_on_every_route(
    role: str, clients: dict[str, tuple[TestClient, str]], rendered: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("docgen.service.web.packs.Packs.start", lambda self, name, path: True)
    client, csrf = clients[role]
    wrong = []
    for method, url, allowed in MATRIX:
        response = client.get(url) if method == "GET" else client.post(url, data={"csrf": csrf, "action": "preview"})
        refused = response.status_code == 403
        if refused == (role in allowed) or response.status_code in (401, 500) or _to_login(response):
            wrong.append(f"{method} {url}: {response.status_code}")
    assert not wrong, f"{role}: {wrong}"


def _to_login(response: object) -> bool:
    return getattr(response, "headers", {}).get("location") == "/login"


def test_without_a_session_every_page_sends_to_the_login(folder: Path) -> None:
    with TestClient(create_app(folder), follow_redirects=False) as client:
        for method, url, _ in MATRIX:
            response = client.request(method, url)
            assert response.status_code == 303 and response.headers["location"] == "/login", url


def test_a_case_no_one_has_is_not_found_and_a_file_outside_the_pack_is_never_served(
    clients: dict[str, tuple[TestClient, str]], rendered: Path, folder: Path
) -> None:
    client, _ = clients["administrator"]
    for url in (
        "/cases/nothing/documents",
        "/cases/..%2Fcase.yaml/documents",
        f"/cases/{CASE}/files/..%2F..%2F..%2Fcase.yaml",
        f"/cases/{CASE}/files/manifest.json",
        f"/cases/{CASE}/returns/..%2F..%2Fcase/template.xlsx",
    ):
        assert client.get(url).status_code == 404, url
    assert client.get(f"/cases/{CASE}/edit/..%2F..%2Fboard").status_code in (403, 404)
    assert client.get(f"/cases/{CASE}/edit/board").status_code == 403


# --- sessions, CSRF, logins -----------------------------------------------------------------------


def test_every_form_is_refused_without_its_csrf_token(clients: dict[str, tuple[TestClient, str]], folder: Path) -> None:
    client, csrf = clients["administrator"]
    before = (folder / "case.yaml").read_bytes()
    for data in ({}, {"csrf": "forged"}, {"csrf": csrf + "x"}):
        response = client.post(f"/cases/{CASE}/edit/review", data={**data, "period_end": "2026-01-01"})
        assert response.status_code == 403
        assert "expired" in response.text
    assert client.post("/people", data={"action": "add", "name": "eve", "role": "administrator"}).status_code == 403
    assert (folder / "case.yaml").read_bytes() == before
    other, _ = logged_in(folder, "chair")
    assert client.post("/logout", data={"csrf": csrf_of(other.get("/").text)}).status_code == 403  # another's token


def test_a_session_ends_when_idle_or_logged_out(folder: Path) -> None:
    now = [1_000_000.0]
    app = create_app(folder)
    app.state.bench.sessions.clock = lambda: now[0]
    client, csrf = logged_in(folder, "administrator", app)
    now[0] += IDLE_MINUTES * 60 - 5
    assert client.get("/").status_code == 200  # still in use: kept alive
    now[0] += IDLE_MINUTES * 60 + 1
    assert client.get("/").headers["location"] == "/login"
    client, csrf = logged_in(folder, "administrator", app)
    assert client.post("/logout", data={"csrf": csrf}).status_code == 303
    assert client.get("/").headers["location"] == "/login"


def test_the_cookie_is_signed_http_only_and_same_site(folder: Path) -> None:
    client = TestClient(create_app(folder), follow_redirects=False)
    response = client.post("/login", data={"name": "ada", "password": PASSWORD})
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie and "Path=/" in cookie
    value = cookie.split(";")[0].split("=", 1)[1]
    client.cookies.clear()
    client.cookies.set("docgen_session", value[:-3] + ("AAA" if not value.endswith("AAA") else "BBB"))
    assert client.get("/").headers["location"] == "/login"


def test_logins_are_limited_and_say_nothing_of_which_part_was_wrong(folder: Path) -> None:
    client = TestClient(create_app(folder), follow_redirects=False)
    unknown = client.post("/login", data={"name": "nobody", "password": PASSWORD})
    wrong = client.post("/login", data={"name": "ada", "password": "not the password"})
    assert unknown.status_code == wrong.status_code == 401
    assert "The name or the password is not right." in unknown.text and "The name or the password" in wrong.text
    for _ in range(ATTEMPTS - 1):
        client.post("/login", data={"name": "ada", "password": "not the password"})
    locked = client.post("/login", data={"name": "ada", "password": PASSWORD})
    assert locked.status_code == 429 and "Too many failed attempts" in locked.text
    assert client.post("/login", data={"name": "carol", "password": PASSWORD}).status_code == 303  # others can


def test_every_answer_carries_the_security_headers(clients: dict[str, tuple[TestClient, str]]) -> None:
    client, _ = clients["administrator"]
    for url in ("/", "/login", f"/cases/{CASE}/timetable", "/nowhere"):
        headers = client.get(url).headers
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff" and headers["cache-control"] == "no-store"


def test_a_preview_is_sandboxed(clients: dict[str, tuple[TestClient, str]], rendered: Path) -> None:
    client, _ = clients["chair"]
    policy = client.get(f"/cases/{CASE}/files/imr_police.html").headers["content-security-policy"]
    assert policy.startswith("sandbox;") and "script-src" not in policy and "frame-ancestors 'self'" in policy


# --- the case editor ------------------------------------------------------------------------------


def test_an_edit_is_saved_in_place_keeping_every_other_line(
    clients: dict[str, tuple[TestClient, str]], folder: Path
) -> None:
    client, _ = clients["administrator"]
    before = (folder / "case.yaml").read_text().splitlines()
    page = client.get(f"/cases/{CASE}/edit/review").text
    assert 'id="f-period_end"' in page and 'value="2026-02-21"' in page
    form = _form_of(page)
    form["period_end"] = "2026-02-20"
    response = client.post(f"/cases/{CASE}/edit/review", data=form)
    assert response.status_code == 303 and response.headers["location"].endswith("?saved=1")
    after = (folder / "case.yaml").read_text().splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed == [("  period_end: 2026-02-21", "  period_end: 2026-02-20")]
    assert "Saved in case.yaml" in client.get(response.headers["location"]).text
    log = client.get("/audit").text
    assert "review.period_end" in log and "2026-02-21" in log and "2026-02-20" in log


def test_a_bad_value_is_shown_beside_its_field_and_nothing_is_saved(
    clients: dict[str, tuple[TestClient, str]], folder: Path
) -> None:
    client, _ = clients["administrator"]
    before = (folder / "case.yaml").read_bytes()
    form = _form_of(client.get(f"/cases/{CASE}/edit/review").text)
    form["period_end"] = "31/02/2026"
    response = client.post(f"/cases/{CASE}/edit/review", data=form)
    assert response.status_code == 422
    assert 'aria-invalid="true"' in response.text and 'id="e-period_end"' in response.text
    assert 'value="31/02/2026"' in response.text  # kept as typed
    form["period_end"] = "2023-01-01"  # a date, but before the period starts: the case's own check
    response = client.post(f"/cases/{CASE}/edit/review", data=form)
    assert response.status_code == 422 and "Nothing was saved" in response.text
    assert (folder / "case.yaml").read_bytes() == before


def test_a_second_save_on_a_changed_file_shows_both_versions_and_loses_nothing(
    clients: dict[str, tuple[TestClient, str]], folder: Path
) -> None:
    client, _ = clients["administrator"]
    form = _form_of(client.get(f"/cases/{CASE}/edit/review").text)
    other, _ = clients["administrator"]
    theirs = _form_of(other.get(f"/cases/{CASE}/edit/review").text)
    theirs["period_end"] = "2026-02-19"
    assert other.post(f"/cases/{CASE}/edit/review", data=theirs).status_code == 303
    saved = (folder / "case.yaml").read_bytes()
    form["period_end"] = "2026-02-18"
    response = client.post(f"/cases/{CASE}/edit/review", data=form)
    assert response.status_code == 409
    assert "period_end: 2026-02-19" in response.text and "period_end: 2026-02-18" in response.text
    assert 'value="2026-02-18"' in response.text
    assert (folder / "case.yaml").read_bytes() == saved
    again = _form_of(response.text)
    assert client.post(f"/cases/{CASE}/edit/review", data=again).status_code == 303  # saved knowingly
    assert "period_end: 2026-02-18" in (folder / "case.yaml").read_text()


def test_markdown_is_previewed_and_lists_grow_and_shrink_without_saving(
    clients: dict[str, tuple[TestClient, str]], folder: Path
) -> None:
    client, _ = clients["administrator"]
    before = (folder / "case.yaml").read_bytes()
    form = _form_of(client.get(f"/cases/{CASE}/edit/review").text)
    form["scope"] = "**Bold** <script>alert(1)</script>"
    preview = client.post(f"/cases/{CASE}/edit/review", data={**form, "action": "preview"}).text
    assert "<strong>Bold</strong>" in preview and "<script>alert(1)</script>" not in preview
    items = sum(1 for name in form if name.startswith("terms_of_reference."))
    grown = client.post(f"/cases/{CASE}/edit/review", data={**form, "action": "add:terms_of_reference"}).text
    assert f'name="terms_of_reference.{items}"' in grown
    shrunk = client.post(f"/cases/{CASE}/edit/review", data={**form, "action": "remove:terms_of_reference.0"}).text
    assert f'name="terms_of_reference.{items - 1}"' not in shrunk
    assert (folder / "case.yaml").read_bytes() == before


def test_no_editor_changes_a_recorded_approval(clients: dict[str, tuple[TestClient, str]], folder: Path) -> None:
    client, _ = clients["agency-author"]
    page = client.get(f"/cases/{CASE}/edit/imrs.police").text
    assert "Version 2 was approved on 9 September 2026" in page
    form = _form_of(page)
    assert not [name for name in form if name.startswith("approval.approved") or name == "approval.fingerprint"]
    before = yaml.safe_load((folder / "case.yaml").read_text())["imrs"]["police"]["approval"]
    forged = {**form, "approval.approved_by": "Myself", "approval.approved_on": "2026-01-01"}
    client.post(f"/cases/{CASE}/edit/imrs.police", data=forged)
    assert yaml.safe_load((folder / "case.yaml").read_text())["imrs"]["police"]["approval"] == before


def test_a_confidential_value_is_masked_in_the_audit_log(
    clients: dict[str, tuple[TestClient, str]], folder: Path
) -> None:
    client, _ = clients["administrator"]
    data = yaml.safe_load((folder / "case.yaml").read_text())
    subject = "child" if "child" in data else "subject"
    form = _form_of(client.get(f"/cases/{CASE}/edit/{subject}").text)
    old = form["first_name"]
    form["first_name"] = "Isobel"
    assert client.post(f"/cases/{CASE}/edit/{subject}", data=form).status_code == 303
    log = client.get("/audit").text
    assert f"{subject}.first_name" in log and "masked:" in log
    assert old not in log and "Isobel" not in log
    exported = client.get("/audit.csv").text
    assert "Isobel" not in exported and "first_name" in exported


def test_the_audit_log_is_append_only(folder: Path, clients: dict[str, tuple[TestClient, str]]) -> None:
    client, _ = clients["administrator"]
    client.post(f"/cases/{CASE}/documents/render", data={"csrf": "forged"})
    connection = sqlite3.connect(database_path(folder))
    connection.execute("INSERT INTO audit (at, person, reference, action, field, old, new) VALUES (1,1,1,1,1,1,1)")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        connection.execute("UPDATE audit SET person = 'someone else'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        connection.execute("DELETE FROM audit")
    assert oct(database_path(folder).stat().st_mode & 0o777) == "0o600"


# --- agency returns and approvals -----------------------------------------------------------------


def test_an_agency_sends_its_chronology_and_the_administrator_accepts_it(
    clients: dict[str, tuple[TestClient, str]], folder: Path
) -> None:
    agency, csrf = clients["agency-author"]
    template = agency.get(f"/cases/{CASE}/returns/police/template.xlsx")
    assert template.status_code == 200 and template.content.startswith(b"PK")
    workbook = chronology_export(load_case(folder / "case.yaml"), "police")
    sent = agency.post(
        f"/cases/{CASE}/returns/police", data={"csrf": csrf}, files={"workbook": ("../../police.xlsx", workbook)}
    )
    assert sent.status_code == 303
    page = agency.get(f"/cases/{CASE}/returns").text
    assert "ready to accept" in page and "Accept it in place of" not in page and "The case holds 5 entries" in page
    assert not (folder.parent / "police.xlsx").exists()
    admin, admin_csrf = clients["administrator"]
    assert admin.post(f"/cases/{CASE}/returns/police/accept", data={"csrf": admin_csrf}).status_code == 303
    assert "Accepted into the case" in admin.get(f"/cases/{CASE}/returns").text
    log = admin.get("/audit").text
    assert "accepted the chronology of Northbrook Constabulary" in log and "5 entries" in log


@pytest.mark.parametrize(
    ("name", "content", "said"),
    [
        ("chronology.xlsx", b"not a workbook at all", "as an Excel workbook"),
        ("chronology.csv", b"PK\x03\x04", "as an Excel workbook"),
        ("chronology.xlsx", b"PK\x03\x04" + bytes(100), "cannot be imported"),
    ],
)
def test_a_malformed_upload_is_reported_and_the_case_unchanged(
    name: str, content: bytes, said: str, clients: dict[str, tuple[TestClient, str]], folder: Path
) -> None:
    client, csrf = clients["agency-author"]
    before = (folder / "case.yaml").read_bytes()
    client.post(f"/cases/{CASE}/returns/police", data={"csrf": csrf}, files={"workbook": (name, content)})
    page = client.get(f"/cases/{CASE}/returns").text
    assert said in page
    assert (folder / "case.yaml").read_bytes() == before


def test_an_oversized_upload_is_refused_unread(clients: dict[str, tuple[TestClient, str]]) -> None:
    from docgen.service.web.review_pages import UPLOAD_LIMIT

    client, csrf = clients["agency-author"]
    big = io.BytesIO(b"PK\x03\x04" + bytes(UPLOAD_LIMIT))
    response = client.post(f"/cases/{CASE}/returns/police", data={"csrf": csrf}, files={"workbook": ("c.xlsx", big)})
    assert response.status_code == 413 and "larger than the workbench takes" in response.text


def test_the_chair_records_an_approval_or_is_told_why_not(
    clients: dict[str, tuple[TestClient, str]], folder: Path
) -> None:
    client, csrf = clients["chair"]
    page = client.get(f"/cases/{CASE}/approvals").text
    reports = [line.split('"')[1] for line in page.split("<option value=")[1:] if line.split('"')[1]]
    before = (folder / "case.yaml").read_bytes()
    outcomes = []
    for report in reports:
        response = client.post(
            f"/cases/{CASE}/approvals", data={"csrf": csrf, "report": report, "by": "The Board", "on": "2026-12-01"}
        )
        outcomes.append((response.status_code, 'role="alert"' in response.text, "approved on" in response.text))
    assert all(status == 422 and alert for status, alert, _ in outcomes if status != 200)
    approved = [o for o in outcomes if o[0] == 200]
    assert approved and all(done for _, _, done in approved)
    assert (folder / "case.yaml").read_bytes() != before
    assert "approved" in clients["administrator"][0].get("/audit").text


# --- people ---------------------------------------------------------------------------------------


def test_users_add_reads_the_password_and_refuses_bad_ones(tmp_path: Path) -> None:
    runner = CliRunner()
    added = runner.invoke(
        main,
        ["users", "add", str(tmp_path), "ada", "--role", "administrator", "--password-stdin"],
        input=PASSWORD + "\n",
    )
    assert added.exit_code == 0 and "ada may now log in to the workbench as administrator" in added.output
    assert PASSWORD not in database_path(tmp_path).read_bytes().decode("latin-1")
    for arguments, said in (
        (["ada", "--role", "administrator"], "already someone called"),
        (["bea", "--role", "chair"], "at least one case"),
        (["cy", "--role", "agency-author", "--case", "X"], "their agency"),
    ):
        result = runner.invoke(
            main, ["users", "add", str(tmp_path), *arguments, "--password-stdin"], input=PASSWORD + "\n"
        )
        assert result.exit_code == 2 and said in result.output, result.output
    short = runner.invoke(
        main, ["users", "add", str(tmp_path), "dee", "--role", "administrator", "--password-stdin"], input="short\n"
    )
    assert short.exit_code == 2 and "12 to 128 characters" in short.output
    listed = runner.invoke(main, ["users", "list", str(tmp_path)])
    assert listed.output.splitlines() == ["ada\tadministrator\tevery case"]


def test_serve_refuses_to_start_with_nobody_to_log_in(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["serve", str(tmp_path)])
    assert result.exit_code == 2 and "add an administrator first" in result.output


def test_a_disabled_person_is_logged_out_at_once(clients: dict[str, tuple[TestClient, str]], folder: Path) -> None:
    admin, csrf = clients["administrator"]
    people = admin.get("/people").text
    pat = people.split(">pat<")[1].split('name="person" value="')[1].split('"')[0]
    assert admin.post("/people", data={"csrf": csrf, "person": pat, "action": "disable"}).status_code == 303
    assert clients["agency-author"][0].get("/").headers["location"] == "/login"
    client = TestClient(create_app(folder), follow_redirects=False)
    assert client.post("/login", data={"name": "pat", "password": PASSWORD}).status_code == 401


def test_a_person_changes_their_password_and_every_session_of_theirs_ends(
    clients: dict[str, tuple[TestClient, str]], folder: Path
) -> None:
    client, csrf = clients["author"]
    other, _ = logged_in(folder, "author")
    wrong = client.post("/account", data={"csrf": csrf, "current": "not it at all", "new": "x" * 12, "again": "x" * 12})
    assert wrong.status_code == 422 and "current password is not right" in wrong.text
    differ = client.post("/account", data={"csrf": csrf, "current": PASSWORD, "new": "y" * 12, "again": "z" * 12})
    assert differ.status_code == 422 and "differ" in differ.text
    new = "a new and longer password"
    done = client.post("/account", data={"csrf": csrf, "current": PASSWORD, "new": new, "again": new})
    assert done.status_code == 303 and done.headers["location"] == "/login"
    assert other.get("/").headers["location"] == "/login"
    fresh = TestClient(create_app(folder), follow_redirects=False)
    assert fresh.post("/login", data={"name": "ollie", "password": PASSWORD}).status_code == 401
    assert fresh.post("/login", data={"name": "ollie", "password": new}).status_code == 303
    assert "changed their password" in clients["administrator"][0].get("/audit").text
    reset = CliRunner().invoke(main, ["users", "password", str(folder), "ollie", "--password-stdin"], input=PASSWORD)
    assert reset.exit_code == 0 and "ollie has a new password" in reset.output
    assert fresh.get("/").headers["location"] == "/login"


def test_a_calendar_address_gives_the_deadlines_of_ones_cases_until_a_new_one_is_made(
    clients: dict[str, tuple[TestClient, str]], folder: Path
) -> None:
    client, csrf = clients["chair"]
    page = client.post("/account/calendar", data={"csrf": csrf}).text
    link = page.split('<code class="link">')[1].split("<")[0]
    assert link.startswith("http://testserver/calendar/") and link.endswith(".ics")
    address = link.removeprefix("http://testserver")
    anyone = TestClient(create_app(folder), follow_redirects=False)
    feed = anyone.get(address)
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("text/calendar")
    assert feed.text.startswith("BEGIN:VCALENDAR") and "LLR-2026-04" in feed.text and feed.text.count("BEGIN:VEVENT")
    assert anyone.get("/calendar/not-a-token.ics").status_code == 404
    client.post("/account/calendar", data={"csrf": csrf})
    assert anyone.get(address).status_code == 404  # the new address ends the old one
    stranger, stranger_csrf = clients["stranger"]
    theirs = stranger.post("/account/calendar", data={"csrf": stranger_csrf}).text.split('<code class="link">')[1]
    assert "BEGIN:VEVENT" not in anyone.get(theirs.split("<")[0].removeprefix("http://testserver")).text
    assert "made a calendar link" in clients["administrator"][0].get("/audit").text


def _form_of(page: str) -> dict[str, str]:
    """The fields of the editor's form as a browser sends them (a checkbox only when ticked)."""
    from html.parser import HTMLParser

    fields: dict[str, str] = {}

    class Reader(HTMLParser):
        textarea: str | None = None

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            a = dict(attrs)
            name = a.get("name")
            if tag == "input" and name and (a.get("type") != "checkbox" or "checked" in a):
                fields[name] = a.get("value") or ""
            elif tag == "textarea" and name:
                self.textarea = name
                fields[name] = ""
            elif tag == "select" and name:
                self.select = name
            elif tag == "option" and "selected" in a:
                fields[self.select] = a.get("value") or ""

        def handle_data(self, data: str) -> None:
            if self.textarea:
                fields[self.textarea] += data

        def handle_endtag(self, tag: str) -> None:
            if tag == "textarea":
                self.textarea = None

    Reader().feed(page.split('class="editor"', 1)[1])
    for name, value in list(fields.items()):
        if value.startswith("\n"):
            fields[name] = value[1:]  # the newline HTML drops after <textarea>
    return fields

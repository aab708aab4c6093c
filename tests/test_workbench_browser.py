"""The workbench in a real browser (headless Chromium driven by tests/browser/workbench.mjs): each role logs in and
sees its pages with no violation axe-core finds (WCAG 2.2 A and AA), the case editor refuses a bad value and saves a
good one, an agency's chronology is sent and accepted, the chair records an approval, the pack is rendered and
downloaded, and everyone logs out. The script runs once against `docgen serve` over a copy of the example case;
its screenshots are kept (and copied to the folder DOCGEN_SCREENSHOTS names, for a person to look at)."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from docgen import load_case

from .conftest import SAMPLE

pytestmark = pytest.mark.slow  # a real browser, a server and a pack rendered

BROWSER = Path(__file__).resolve().parent / "browser"
SHOTS = os.environ.get("DOCGEN_SCREENSHOTS")
"""A folder the screenshots are copied to, for a person to look at (none unless the variable names one)."""
CASE = "llr-2026-04"
REFERENCE = "LLR-2026-04"
AGENCY = "police"
PASSWORD = "a long enough test password"
USERS: dict[str, tuple[str, list[str]]] = {
    "administrator": ("ada-admin", []),
    "chair": ("carol-chair", ["--case", REFERENCE]),
    "author": ("owen-author", ["--case", REFERENCE]),
    "agency-author": ("pat-police", ["--agency", AGENCY, "--case", REFERENCE]),
}
"""One person of each role: their name and what `docgen users add` is told about them."""
PAGES = {
    "administrator": [
        "cases",
        "case",
        "edit-review",
        "documents",
        "timetable",
        "returns",
        "approvals",
        "audit",
        "people",
        "account",
    ],
    "chair": ["cases", "case", "documents", "timetable", "approvals", "edit-decision"],
    "author": ["cases", "case", "documents", "timetable", "edit-overview"],
    "agency-author": ["cases", "case", "documents", "returns", f"edit-imrs.{AGENCY}"],
}
"""The pages each role must have visited (more are: the administrator's every part, the flows' pages)."""
RENDER_TIMEOUT = 300  # seconds: the whole pack of the example takes one or two minutes on two CPUs


def _browser_tools() -> tuple[str, str]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    node = shutil.which("node")
    if chromium is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    modules = BROWSER / "node_modules"
    if node is None or not (modules / "axe-core").is_dir() or not (modules / "puppeteer-core").is_dir():
        pytest.skip("tests/browser/node_modules is missing (npm ci --prefix tests/browser)")
    return node, chromium


def _docgen(*args: object, stdin: str | None = None) -> str:
    run = subprocess.run(
        [sys.executable, "-m", "docgen", *map(str, args)], input=stdin, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return run.stdout


def _filled_workbook(folder: Path, out: Path) -> Path:
    """The agency's chronology template (from the command line), filled in as its author would: one entry, the
    people and professional chosen from the template's own lists."""
    template = out.with_name("template.xlsx")
    _docgen("chronology", "template", folder / SAMPLE.name, "--agency", AGENCY, "--out", template)
    book = openpyxl.load_workbook(template)
    sheet, lists = book["Chronology"], book["Lists"]
    child = lists["A1"].value
    professional = next(c.value for c in lists["B"] if c.value and c.value.endswith("(Police)"))
    row = (
        dt.date(2025, 8, 14),
        dt.time(22, 40),
        child,
        professional,
        "Response officers attended a reported domestic incident at the family home.",
        None,
        None,
        None,
        "DASH risk assessment completed; notification sent to the MASH.",
        "Police",
        "Entered by the browser test.",
    )
    for column, value in enumerate(row, start=1):
        sheet.cell(2, column, value)
    book.save(out)
    book.close()
    return out


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_until_answering(base: str, server: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"docgen serve stopped ({server.returncode}): {log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(f"{base}/login", timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.3)
    pytest.fail(f"docgen serve did not answer within 60 s: {log.read_text(errors='replace')[-2000:]}")


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The browser script's result, once: a folder with a copy of the example case, a person of each role, a
    filled workbook and a file that is not one, `docgen serve` over it, the script run against it."""
    node, chromium = _browser_tools()
    work = tmp_path_factory.mktemp("workbench-browser")
    folder = work / "cases"
    folder.mkdir()
    shutil.copy(SAMPLE, folder / SAMPLE.name)
    shutil.copytree(SAMPLE.parent / "boards", folder / "boards")
    for role, (name, options) in USERS.items():
        _docgen("users", "add", folder, name, "--role", role, *options, "--password-stdin", stdin=PASSWORD + "\n")
    workbook = _filled_workbook(folder, work / "police-chronology.xlsx")
    not_workbook = work / "not-a-workbook.xlsx"
    not_workbook.write_text("This is a note, not a workbook.\n", encoding="utf-8")
    shots = work / "screenshots"
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = work / "server.log"
    config = {
        "users": {role: {"name": name, "password": PASSWORD} for role, (name, _) in USERS.items()},
        "case": CASE,
        "agency": AGENCY,
        "workbook": str(workbook),
        "notWorkbook": str(not_workbook),
        "everyPart": True,
        "renderTimeout": RENDER_TIMEOUT * 1000,
    }
    with log.open("wb") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "docgen", "serve", str(folder), "--port", str(port)],
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        try:
            _wait_until_answering(base, server, log)
            started = time.monotonic()
            script = subprocess.run(
                [node, str(BROWSER / "workbench.mjs"), chromium, base, str(shots)],
                capture_output=True,
                text=True,
                timeout=RENDER_TIMEOUT + 600,
                env={**os.environ, "WORKBENCH_CONFIG": json.dumps(config)},
            )
            seconds = time.monotonic() - started
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    assert script.returncode == 0, script.stderr[-4000:]
    result = json.loads(script.stdout)
    (shots / "result.json").write_text(script.stdout, encoding="utf-8")
    if SHOTS:
        shutil.copytree(shots, SHOTS, dirs_exist_ok=True)
    yield {**result, "folder": folder, "shots": shots, "seconds": seconds, "log": log.read_text(errors="replace")}


def _described(violations: dict[str, list[dict[str, Any]]]) -> str:
    lines = []
    for key, found in violations.items():
        for v in found:
            lines.append(f"{key}: {v['id']} ({v['impact']}, {v['count']} nodes) {v['help']}")
            lines.extend(f"    {node['target']}: {node['html']}" for node in v["nodes"])
    return "\n".join(lines)


def test_every_step_of_the_script_ran(run: dict[str, Any]) -> None:
    errors = "\n\n".join(f"{e['step']}: {e['error']}" for e in run["errors"])
    assert run["errors"] == [], errors


def test_each_role_logs_in_and_sees_its_cases(run: dict[str, Any]) -> None:
    logins = run["flows"]["login"]
    assert set(logins) == set(USERS)
    for role, (name, _) in USERS.items():
        assert logins[role]["button"] == "Log in"
        assert logins[role]["landedOn"] == "/" and logins[role]["status"] == 200, logins[role]
        assert logins[role]["header"].startswith(f"{name} ({role}"), logins[role]
    anonymous = run["flows"]["anonymous"]
    assert anonymous["redirectedTo"] == "/login"
    assert anonymous["failedLogin"]["status"] == 401
    assert anonymous["failedLogin"]["alert"] == ["The name or the password is not right."]
    assert anonymous["failedLogin"]["describedBy"] == "login-error"


def test_each_role_visited_its_pages(run: dict[str, Any]) -> None:
    missing = [f"{role}-{page}" for role, pages in PAGES.items() for page in pages]
    missing = [key for key in missing if key not in run["pages"]]
    assert missing == []
    parts = run["flows"]["caseLinks"]["administrator"]
    assert [p for p in parts if f"administrator-edit-{p.split('/edit/')[1]}" not in run["pages"]] == []
    assert run["flows"]["caseLinks"]["chair"] == [f"/cases/{CASE}/edit/decision"]
    assert run["flows"]["caseLinks"]["agency-author"] == [f"/cases/{CASE}/edit/imrs.{AGENCY}"]
    assert f"/cases/{CASE}/edit/overview" in run["flows"]["caseLinks"]["author"]
    wrong = {k: (p["status"], p["h1"]) for k, p in run["pages"].items() if "refused" not in k and not p["h1"]}
    assert wrong == {}, "every page has its main heading"
    statuses = {k: p["status"] for k, p in run["pages"].items() if p["status"] not in (200, 401, 403, 422)}
    assert statuses == {}


def test_axe_finds_no_violation_on_any_page(run: dict[str, Any]) -> None:
    assert len(run["pages"]) > 40
    found = {key: page["violations"] for key, page in run["pages"].items() if page["violations"]}
    assert found == {}, "axe-core (WCAG 2.2 A and AA) found:\n" + _described(found)


def test_no_page_has_a_script_error_or_a_refused_resource(run: dict[str, Any]) -> None:
    """Nothing the browser refused (the Content-Security-Policy's refusals are console errors), no script error;
    the answers' own error statuses (401, 403, 422) and a missing favicon aside."""

    def expected(page: dict[str, Any], message: dict[str, str]) -> bool:
        if message["url"].startswith("pptr:"):  # the test's own evaluation in the page (axe, a value set)
            return True
        if message["text"].startswith("Failed to load resource"):
            if urllib.parse.urlsplit(message["url"]).path == "/favicon.ico":
                return True
            own = urllib.parse.urlsplit(message["url"]).path == page["path"].partition("?")[0]
            return own and f"status of {page['status']} " in message["text"]
        return False

    heard = {
        key: [f"{m['type']}: {m['text']} ({m['url']})" for m in page["console"] if not expected(page, m)]
        for key, page in run["pages"].items()
    }
    assert {key: messages for key, messages in heard.items() if messages} == {}


def test_what_a_role_may_not_see_is_refused(run: dict[str, Any]) -> None:
    assert run["flows"]["refused"] == {
        "chair /people": 403,
        "author /audit": 403,
        f"author /cases/{CASE}/returns": 403,
        f"agency-author /cases/{CASE}/timetable": 403,
        f"agency-author /cases/{CASE}/edit/review": 403,
    }


def test_the_editor_refuses_a_bad_date_with_an_error_summary_and_an_invalid_field(run: dict[str, Any]) -> None:
    editor = run["flows"]["editor"]
    assert editor["saveButton"] == "Save"
    assert editor["dateInputRefusesText"], "a date input takes no text: the browser sent it as a text field's"
    refused = editor["refused"]
    assert refused["status"] == 422
    assert len(refused["summary"]) == 1 and refused["summary"][0].startswith("Nothing was saved: 1 problem")
    assert "Period end" in refused["summary"][0]
    assert refused["summaryLinks"] == ["#f-period_end"]
    assert refused["ariaInvalid"] == "true"
    assert any("a date" in text for text in refused["describedBy"]), refused["describedBy"]
    assert refused["valueShownAgain"] == "not a date", "what was typed is shown again to be put right"
    assert not any(m.startswith("Saved in") for m in refused["statusMessages"])
    assert run["pages"]["administrator-edit-review-refused"]["violations"] == []


def test_the_review_editor_saves_a_change(run: dict[str, Any]) -> None:
    """The review's editor opened afresh, one text changed: saved, said so, and in the case file."""
    saved = run["flows"]["editor"]["saved"]
    assert saved["alerts"] == [], f"the change was refused ({saved['status']}): {saved['alerts']}"
    assert saved["status"] == 200 and saved["path"] == f"/cases/{CASE}/edit/review?saved=1", saved
    assert saved["statusMessages"] == [f"Saved in {SAMPLE.name}."], saved
    assert saved["venue"] == run["flows"]["editor"]["venue"]
    case = load_case(run["folder"] / SAMPLE.name)
    assert case.review.authors_briefing is not None
    assert case.review.authors_briefing.venue == run["flows"]["editor"]["venue"]


def test_the_editor_saves_a_form_put_right_after_an_error(run: dict[str, Any]) -> None:
    """The page that refused a bad date, with the date put right, saves (or says nothing had changed): the form
    shown again with its problems sends back what it showed."""
    corrected = run["flows"]["editor"]["corrected"]
    assert corrected["periodEnd"] == run["flows"]["editor"]["original"]
    assert corrected["alerts"] == [], f"the corrected form was refused ({corrected['status']}): {corrected['alerts']}"
    assert corrected["status"] == 200 and corrected["path"].startswith(f"/cases/{CASE}/edit/review?saved=")
    assert len(corrected["statusMessages"]) == 1, corrected


def test_every_part_saves_unchanged(run: dict[str, Any]) -> None:
    """Each part's editor, opened and saved at once: not refused (what the form shows, it sends back), the case
    file as it was."""
    unchanged = run["flows"]["unchanged"]
    assert len(unchanged) == len(run["flows"]["caseLinks"]["administrator"])
    refused = {part: (found["status"], found["alerts"]) for part, found in unchanged.items() if found["alerts"]}
    assert refused == {}, "\n".join(f"{part}: {status} {alerts}" for part, (status, alerts) in refused.items())
    changed = {part: found["path"] for part, found in unchanged.items() if not found["path"].endswith("?saved=0")}
    assert changed == {}, "a part saved unchanged changed the case file"


def test_the_chair_previews_and_saves_the_decision(run: dict[str, Any]) -> None:
    decision = run["flows"]["decision"]
    assert decision["previewButton"] == "Preview the text"
    preview = decision["preview"]
    assert preview["status"] == 200 and preview["shown"] and preview["kept"], preview
    assert any(s["label"].startswith("Preview of") and s["items"] > 1 for s in preview["sections"]), preview
    saved = decision["saved"]
    assert saved["alerts"] == [], f"the decision was refused ({saved['status']}): {saved['alerts']}"
    assert saved["path"] == f"/cases/{CASE}/edit/decision?saved=1" and saved["kept"], saved
    assert saved["statusMessages"] == [f"Saved in {SAMPLE.name}."]
    issues = load_case(run["folder"] / SAMPLE.name).decision.issues
    assert decision["added"] in issues


def test_an_agency_sends_its_chronology_and_the_administrator_accepts_it(run: dict[str, Any]) -> None:
    upload = run["flows"]["upload"]
    refused = upload["refused"]
    assert refused["path"] == f"/cases/{CASE}/returns#agency-{AGENCY}"
    assert len(refused["alerts"]) == 1 and "Send the workbook as an Excel workbook (.xlsx)" in refused["alerts"][0]
    assert not refused["acceptOffered"]
    sent = upload["sent"]
    assert sent["button"] == "Send the chronology of Northbrook Constabulary"
    assert sent["sections"] == [f"agency-{AGENCY}"], "an agency author sees only their agency's return"
    assert sent["alerts"] == []
    assert len(sent["done"]) == 1 and sent["done"][0].startswith(f"Sent by {USERS['agency-author'][0]} on ")
    assert sent["done"][0].endswith(": 1 entry, ready to accept.")
    assert not sent["acceptOffered"], "only the administrator accepts"
    accept = run["flows"]["accept"]
    assert accept["before"] == sent["done"]
    assert accept["button"] == "Accept it in place of the 5 entries the case holds from Northbrook Constabulary"
    assert accept["status"] == 200 and accept["alerts"] == []
    assert len(accept["done"]) == 1 and accept["done"][0].startswith("Accepted into the case: 1 entr"), accept
    police = [e for e in load_case(run["folder"] / SAMPLE.name).chronology if e.agency == AGENCY]
    assert [(e.date, e.professional, e.subjects) for e in police] == [(dt.date(2025, 8, 14), "pc-tranter", ["child"])]


def test_the_chair_records_an_approval_or_is_told_why_not(run: dict[str, Any]) -> None:
    approval = run["flows"]["approval"]
    assert approval["button"] == "Record the approval"
    attempts = approval["attempts"]
    assert attempts, "a report was not yet approved"
    for attempt in attempts:
        assert attempt["outcome"] in ("status", "alert"), attempt
        messages = attempt["statusMessages"] + attempt["alerts"]
        assert len(messages) == 1 and messages[0], attempt
        if attempt["outcome"] == "alert":
            assert attempt["status"] == 422 and attempt["describedBy"] == "approval-error"
            assert attempt["row"][2] == "Not yet"
    if approval["approved"]:
        last = attempts[-1]
        assert last["status"] == 200 and "approved on" in last["statusMessages"][0]
        assert last["row"][2].startswith(dt.date.fromisoformat(last["on"]).strftime("%-d %B %Y"))
        assert approval["by"] in last["row"][2]


def test_the_pack_renders_with_its_progress_and_downloads(run: dict[str, Any]) -> None:
    render = run["flows"]["render"]
    assert render["button"] == "Render the pack"
    assert render["progressSeen"] and render["started"]["script"] == ["/static/progress.js"]
    assert not render["timedOut"] and render["failed"] == [], render
    assert render["reloadsBySelf"] >= 1 and render["reloadsByTest"] == 0, "the page reloads itself when done"
    assert render["link"] == "Download the pack (zip, with its manifest)"
    zipped = render["zip"]
    assert zipped["status"] == 200 and zipped["type"] == "application/zip"
    assert zipped["head"] == "PK\x03\x04" and zipped["size"] > 100_000, zipped
    assert zipped["disposition"] == f'attachment; filename="{REFERENCE}-pack.zip"'
    assert render["files"]["PDF"]["head"] == "%PDF" and render["files"]["DOCX"]["head"] == "PK\x03\x04"
    assert render["preview"]["status"] == 200 and render["preview"]["iframeTitle"].startswith("Preview of ")
    assert render["preview"]["frameHeading"], "the preview shows the document"


def test_each_document_link_says_which_file_it_is(run: dict[str, Any]) -> None:
    """Within a row of the documents table, no two links read the same (WCAG 2.4.4, a link's purpose): a screen
    reader's list of links cannot tell apart files that are named alike."""
    alike = {}
    for row in run["flows"]["render"]["rows"]:
        names = [f["name"] for f in row["files"]]
        repeated = sorted({n for n in names if names.count(n) > 1})
        if repeated:
            alike[row["title"]] = {n: [f["href"] for f in row["files"] if f["name"] == n] for n in repeated}
    assert alike == {}


def test_the_timetable_offers_its_calendar(run: dict[str, Any]) -> None:
    calendar = run["flows"]["calendar"]
    assert calendar["status"] == 200 and calendar["type"].startswith("text/calendar")
    assert calendar["head"] == "BEGIN:VCALENDAR" and calendar["events"] > 0


def test_the_audit_log_records_what_was_done(run: dict[str, Any]) -> None:
    log = "\n".join(run["flows"]["audit"])
    police = "Northbrook Constabulary"
    for done in ("edited", f"sent the chronology of {police}", f"accepted the chronology of {police}"):
        assert done in log, done
    assert "rendered the pack" in log
    if run["flows"]["approval"]["approved"]:
        assert "approved" in log


def test_each_role_logs_out(run: dict[str, Any]) -> None:
    out = {"button": "Log out", "landedOn": "/login", "caseAfterwards": "/login"}
    assert run["flows"]["logout"] == {role: out for role in USERS}


def test_every_page_has_its_screenshot(run: dict[str, Any]) -> None:
    for key, page in run["pages"].items():
        shot = Path(page["screenshot"])
        assert shot == run["shots"] / f"{key}.png"
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", key

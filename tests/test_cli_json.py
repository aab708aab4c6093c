"""`--json`: every command that has it prints one JSON document on standard output, valid against its schema in
schemas/cli/; errors are JSON on standard error; the exit codes are those of the human output."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner

from docgen import KINDS
from docgen.cli.commands import main
from docgen.cli.json_output import OUTPUTS, output_schema
from docgen.derive.deadlines import review_timetable
from docgen.model.people_labels import labels

from .conftest import CASES, ROOT, SAMPLE, sample_case

MINIMAL = CASES / "minimal.yaml"
SCHEMAS = ROOT / "schemas" / "cli"


def stored_schema(name: str) -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((SCHEMAS / f"{name}.schema.json").read_text(encoding="utf-8"))
    return schema


def valid(name: str, text: str) -> dict[str, Any]:
    """The JSON document in `text`, checked against the stored schema of `name` (formats such as dates too)."""
    document: dict[str, Any] = json.loads(text)
    validator = jsonschema.Draft202012Validator(stored_schema(name), format_checker=jsonschema.FormatChecker())
    validator.validate(document)
    return document


def run(*args: object) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args], prog_name="docgen")
    return result.exit_code, result.stdout, result.stderr


def write_bad_case(tmp_path: Path) -> Path:
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINIMAL.read_text(encoding="utf-8").replace("gender: Female", "gender: Girl"), encoding="utf-8")
    return bad


def line_of(path: Path, text: str) -> int:
    return next(n for n, row in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in row)


@pytest.mark.parametrize("name", list(OUTPUTS))
def test_schema_files_are_up_to_date(name: str) -> None:
    assert stored_schema(name) == output_schema(name), (
        f"schemas/cli/{name}.schema.json is stale: run `docgen schema --output-of {name} --out "
        f"schemas/cli/{name}.schema.json`"
    )
    code, out, _ = run("schema", "--output-of", name)
    assert code == 0 and json.loads(out) == stored_schema(name)


def test_every_schema_file_is_a_command_output_and_every_field_is_described() -> None:
    assert sorted(p.name for p in SCHEMAS.iterdir()) == sorted(f"{name}.schema.json" for name in OUTPUTS)
    for name in OUTPUTS:
        schema = stored_schema(name)
        jsonschema.Draft202012Validator.check_schema(schema)
        for definition in [schema, *schema.get("$defs", {}).values()]:
            if "properties" in definition:
                assert definition["additionalProperties"] is False
                assert set(definition["required"]) == set(definition["properties"])
                described = {field: bool(spec.get("description")) for field, spec in definition["properties"].items()}
                assert all(described.values()), (name, definition["title"], described)


def test_schema_help_names_every_output_and_an_unknown_one_is_refused() -> None:
    _, out, _ = run("schema", "--help")
    assert all(name in " ".join(out.split()) for name in OUTPUTS)
    code, _, err = run("schema", "--output-of", "watch")
    assert code == 2 and "no command prints JSON as 'watch'" in err


def test_list() -> None:
    code, out, err = run("list", "--json")
    assert code == 0 and err == ""
    document = valid("list", out)
    assert [kind["id"] for kind in document["kinds"]] == list(KINDS)
    by_id = {kind["id"]: kind for kind in document["kinds"]}
    assert by_id["executive-summary"]["audience"] == "public"
    assert by_id["letter-5"]["per"] == "addressee" and by_id["imr"]["per"] == "agency"
    assert by_id["referral-form"]["blank"] is True and by_id["letter-1"]["formats"] == ["docx", "pdf", "html"]


def test_validate_good_and_bad(tmp_path: Path) -> None:
    code, out, err = run("validate", "--json", SAMPLE, MINIMAL)
    assert code == 0 and err == ""
    sample, minimal = valid("validate", out)["cases"]
    assert sample["valid"] is True and sample["reference"] == "LLR-2026-04" and sample["problems"] == []
    assert {"kind": "letter-5", "agency": None, "to": "mother"} in sample["documents"]
    assert {"kind": "imr", "agency": "police", "to": None} in sample["documents"]
    assert minimal["file"] == str(MINIMAL)

    bad = write_bad_case(tmp_path)
    code, out, err = run("validate", MINIMAL, bad, "--json")
    assert code == 2 and err == ""
    good, wrong = valid("validate", out)["cases"]
    assert good["valid"] is True
    assert wrong == {
        "file": str(bad),
        "valid": False,
        "reference": None,
        "documents": [],
        "problems": [
            {
                "file": str(bad),
                "line": line_of(bad, "gender:"),
                "path": "subject.gender",
                "message": "not one of the accepted values: 'Male' or 'Female'",
            }
        ],
    }


def test_render(tmp_path: Path) -> None:
    code, out, err = run("render", MINIMAL, "--doc", "letter-1", "--format", "html", "--out", tmp_path, "--json")
    assert code == 0 and err == ""
    document = valid("render", out)
    assert document["reference"] == "SCR-2026-01"
    manifest = json.loads(Path(document["manifest"]).read_text(encoding="utf-8"))
    assert [d["file"] for d in document["documents"]] == [d["file"] for d in manifest["documents"]]
    for written, listed in zip(document["documents"], manifest["documents"], strict=True):
        path = Path(written["path"])
        assert path == tmp_path / written["file"]
        assert hashlib.sha256(path.read_bytes()).hexdigest() == written["sha256"]
        assert {k: v for k, v in written.items() if k not in ("path", "media_type")} == listed
        assert written["media_type"] == "text/html; charset=utf-8"
    kinds = [(d["kind"], d["format"]) for d in document["documents"]]
    assert kinds == [("letter-1", "html"), ("referral-form", "html")]


def test_proof(tmp_path: Path) -> None:
    run("render", SAMPLE, "--doc", "letter-5", "--format", "html", "--out", tmp_path, "--workers", "1")
    (tmp_path / "note.html").write_text("<html><head><title>Note</title></head><body><p>TODO</p></body></html>")
    code, out, err = run("proof", tmp_path, "--json")
    assert code == 1 and err == ""
    document = valid("proof", out)
    assert document["folder"] == str(tmp_path)
    files = {d["file"]: d for d in document["documents"]}
    assert files["LLR-2026-04_letter-5_father.html"] == {
        "file": "LLR-2026-04_letter-5_father.html",
        "kind": "letter-5",
        "findings": [],
    }
    note = files["note.html"]
    assert note["kind"] is None and {"rule", "page", "words", "message"} == set(note["findings"][0])
    assert [(f["rule"], f["words"]) for f in note["findings"]] == [("leftover", "TODO")]
    assert document["findings"] == sum(len(d["findings"]) for d in document["documents"])
    code, out, _ = run("proof", tmp_path / "missing", "--json")
    assert code == 2 and out == ""


def test_render_per_addressee_says_to_whom(tmp_path: Path) -> None:
    code, out, _ = run("render", SAMPLE, "--doc", "letter-5", "--format", "html", "--out", tmp_path, "--json")
    assert code == 0
    written = valid("render", out)["documents"]
    assert [(d["kind"], d["agency"], d["to"]) for d in written] == [
        ("letter-5", None, to) for to in sample_case().parents_notified
    ]


def test_render_blank(tmp_path: Path) -> None:
    board = ROOT / "examples" / "boards" / "northbrook.yaml"
    args = ("--blank", "--doc", "referral-form", "--format", "html", "--out", tmp_path, "--json")
    code, out, err = run("render", board, *args)
    assert code == 0 and err == ""
    document = valid("render", out)
    assert document["reference"] is None and document["manifest"] is None
    (written,) = document["documents"]
    assert written["kind"] == "referral-form" and written["draft"] is False
    assert hashlib.sha256(Path(written["path"]).read_bytes()).hexdigest() == written["sha256"]


def test_errors_are_json_on_standard_error(tmp_path: Path) -> None:
    code, out, err = run("render", MINIMAL, "--doc", "no-such-kind", "--out", tmp_path / "out", "--json")
    assert (code, out) == (2, "")
    error = valid("error", err)["error"]
    assert error["type"] == "UnknownKindError" and error["exit_code"] == 2 and error["problems"] == []
    assert error["message"].startswith("unknown document kind 'no-such-kind'; the kinds are: letter-1")
    assert not (tmp_path / "out").exists()

    bad = write_bad_case(tmp_path)
    code, out, err = run("render", bad, "--all", "--json", "--out", tmp_path / "out")
    assert (code, out) == (2, "")
    error = valid("error", err)["error"]
    assert error["type"] == "CaseError" and error["message"].startswith(f"{bad} is not a valid case file")
    assert error["problems"] == [
        {
            "file": str(bad),
            "line": line_of(bad, "gender:"),
            "path": "subject.gender",
            "message": "not one of the accepted values: 'Male' or 'Female'",
        }
    ]
    assert "Girl" not in err


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["render", str(MINIMAL), "--json"], "name documents with --doc KIND, or use --all"),
        (["render", str(MINIMAL), "--all", "--format", "odt", "--json"], "Invalid value for '--format'"),
        (["render", "--json"], "Missing argument 'CASE_FILE'"),
        (["validate", "--json", "--bogus", str(MINIMAL)], "No such option '--bogus'"),
    ],
)
def test_usage_errors_are_json_too(args: list[str], message: str) -> None:
    code, out, err = run(*args)
    assert (code, out) == (2, "")
    error = valid("error", err)["error"]
    assert error["type"] == "UsageError" and error["exit_code"] == 2 and message in error["message"]


def test_a_folder_that_cannot_be_written_is_a_json_error(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder", encoding="utf-8")
    code, out, err = run("render", MINIMAL, "--doc", "letter-1", "--format", "html", "--out", blocked / "x", "--json")
    assert code == 1 and out == ""
    error = valid("error", err)["error"]
    assert (error["type"], error["exit_code"]) == ("OutputError", 1) and "none was written" in error["message"]


def test_without_json_errors_stay_plain(tmp_path: Path) -> None:
    code, _, err = run("render", MINIMAL, "--doc", "no-such-kind", "--out", tmp_path)
    assert code == 2 and err.startswith("docgen: unknown document kind")


def test_anonymise_report() -> None:
    code, out, err = run("anonymise", SAMPLE, "--report", "--json")
    assert code == 0 and err == ""
    document = valid("anonymise", out)
    case = sample_case()
    assert document["reference"] == case.review.reference
    assert {entry["path"]: entry["label"] for entry in document["labels"]} == labels(case)
    replaced = [c for c in document["changes"] if c["action"] == "replaced"]
    assert any(c["found"] == case.subject.first_name and c["became"] == "Poppy" for c in replaced)
    _, text, _ = run("anonymise", SAMPLE, "--report")
    assert f"Names replaced ({sum(c['what'] != 'shared name' for c in replaced)})" in text


def test_batch(tmp_path: Path) -> None:
    bad = write_bad_case(tmp_path)
    outbox = tmp_path / "out"
    code, out, err = run("batch", MINIMAL, bad, "--out", outbox, "--format", "html", "--workers", "1", "--json")
    assert code == 1 and err == ""
    document = valid("batch", out)
    assert document["out"] == str(outbox)
    done, failed = document["jobs"]
    assert (done["input"], done["outcome"], done["reference"], done["documents"]) == (
        str(MINIMAL),
        "rendered",
        "SCR-2026-01",
        3,  # Letter 1, the referral form it encloses, the referral form as the case stands
    )
    for output in done["outputs"]:
        assert hashlib.sha256((outbox / output["file"]).read_bytes()).hexdigest() == output["sha256"]
    assert failed["outcome"] == "failed" and failed["outputs"] == []
    assert f"{bad}, line {line_of(bad, 'gender:')}, field subject.gender" in failed["error"]


def test_timetable(tmp_path: Path) -> None:
    calendar = tmp_path / "timetable.ics"
    code, out, err = run("timetable", SAMPLE, "--on", "2026-07-01", "--ics", calendar, "--json")
    assert code == 0 and err == ""
    document = valid("timetable", out)
    table = review_timetable(sample_case(), dt.date(2026, 7, 1))
    assert document["on"] == "2026-07-01" and document["calendar"] == str(calendar) and calendar.is_file()
    assert document["counted_from"] == [{"event": name, "date": day.isoformat()} for name, day in table.events]
    assert [(s["id"], s["deadline"], s["status"]) for s in document["steps"]] == [
        (s.step.id, s.deadline.isoformat(), s.status.value) for s in table.steps
    ]
    assert document["warnings"] == [warning.with_field for warning in table.warnings]
    assert {s["status"] for s in document["steps"]} >= {"met", "due"}

"""The command line: every command, its output, and its exit codes (0 done, 1 failure, 2 bad input)."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from click.testing import CliRunner

from docgen import KINDS
from docgen.cli.commands import main

from .conftest import CASES, SAMPLE

MINIMAL = CASES / "minimal.yaml"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args], prog_name="docgen")
    return result.exit_code, result.stdout, result.stderr


def test_help_everywhere() -> None:
    for command in ([], ["list"], ["validate"], ["render"], ["schema"]):
        code, out, _ = run(*command, "--help")
        assert code == 0 and "Usage: docgen" in out


def test_list_names_every_kind() -> None:
    code, out, _ = run("list")
    assert code == 0
    assert [line.split()[0] for line in out.splitlines()] == list(KINDS)


def test_validate_good_and_bad(tmp_path: Path) -> None:
    code, out, _ = run("validate", SAMPLE, MINIMAL)
    assert code == 0
    assert "sample-case.yaml: valid (LLR-2026-04)" in out and "letter-1" in out
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINIMAL.read_text(encoding="utf-8").replace("gender: Female", "gender: Girl"), encoding="utf-8")
    code, out, err = run("validate", MINIMAL, bad)
    assert code == 2
    assert "bad.yaml, line" in err and "field subject.gender" in err and "'Male' or 'Female'" in err
    assert "Traceback" not in err + out


def test_render_writes_files_and_prints_each_path(tmp_path: Path) -> None:
    code, out, err = run(
        "render", MINIMAL, "--doc", "letter-1", "--format", "html", "--format", "pdf", "--out", tmp_path
    )
    assert code == 0, err
    written = out.splitlines()
    assert written == [  # the letter, and the referral form it encloses (as it stood on the letter's date)
        str(tmp_path / f"SCR-2026-01_{kind}.{fmt}")
        for kind in ("letter-1", "letter-1_referral-form")
        for fmt in ("html", "pdf")
    ]
    for path in map(Path, written):
        assert path.stat().st_size > 0
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    manifest = json.loads((tmp_path / "manifest.json").read_text(encoding="utf-8"))
    assert [d["file"] for d in manifest["documents"]] == [Path(p).name for p in written]
    hidden = sorted(p for p in tmp_path.iterdir() if p.name.startswith("."))
    assert hidden == [tmp_path / ".docgen-cache", tmp_path / ".docgen.lock"], "no temporary files left behind"
    assert stat.S_IMODE(hidden[0].stat().st_mode) == 0o700


def test_render_unknown_kind_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("render", MINIMAL, "--doc", "letter-9", "--out", tmp_path)
    assert code == 2
    assert "unknown document kind 'letter-9'" in err and "letter-1, letter-2" in err
    assert "Traceback" not in err and list(tmp_path.iterdir()) == []


def test_render_kind_the_case_cannot_produce(tmp_path: Path) -> None:
    code, _, err = run("render", MINIMAL, "--doc", "letter-3", "--out", tmp_path)
    assert code == 2
    assert "letter-3 needs correspondence.letter_3" in err
    assert list(tmp_path.iterdir()) == []


def test_render_invalid_case_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("child: {first_name: X}\n", encoding="utf-8")
    out_dir = tmp_path / "out"
    code, _, err = run("render", bad, "--all", "--out", out_dir)
    assert code == 2 and "field board: this required field is missing" in err
    assert not out_dir.exists()


def test_render_needs_doc_or_all(tmp_path: Path) -> None:
    code, _, err = run("render", MINIMAL, "--out", tmp_path)
    assert code == 2 and "--doc KIND, or use --all" in err


def test_a_board_template_failure_is_exit_2(tmp_path: Path) -> None:
    templates = tmp_path / "board-templates" / "letters"
    templates.mkdir(parents=True)
    (templates / "letter-1.html.j2").write_text("<p>{{ child.no_such_field }}</p>", encoding="utf-8")
    code, _, err = run(
        "render",
        MINIMAL,
        "--doc",
        "letter-1",
        "--format",
        "html",
        "--out",
        tmp_path / "out",
        "--templates",
        tmp_path / "board-templates",
    )
    assert code == 2
    assert "the board template " in err and "letters/letter-1.html.j2, line 1" in err and "no_such_field" in err
    assert not (tmp_path / "out").exists()


def test_schema_prints_json() -> None:
    code, out, _ = run("schema")
    assert code == 0
    assert json.loads(out)["title"] == "Case"


def test_unwritable_output_is_a_plain_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the output folder should be", encoding="utf-8")
    code, _, err = run("render", MINIMAL, "--doc", "letter-1", "--format", "html", "--out", blocker / "out")
    assert code == 1
    assert err.startswith("docgen: ") and "Traceback" not in err and "not-a-folder" in err


def test_anonymise_report_lists_labels_and_replacements() -> None:
    code, out, _ = run("anonymise", SAMPLE, "--report")
    assert code == 0
    assert out.startswith("Anonymisation report for LLR-2026-04")
    assert "subject: Poppy" in out and "family[0]: Mother" in out and "professionals[0]: Social Worker 1" in out

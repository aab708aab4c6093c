"""The one-shot batch: the watched folder's jobs on a list of case files, once; the inputs stay where they are."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document

from docgen.cli.commands import main
from docgen.publish.pool import default_workers
from docgen.service import runner
from docgen.service.batch import run_batch, summary_table
from docgen.service.joblog import JobResult, Output

from .conftest import pdf_text
from .jobs_helpers import case_text, check_story, invalid_text, log_records


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


def test_each_case_rendered_or_failed_and_logged(tmp_path: Path) -> None:
    cases = tmp_path / "cases"
    paths = [
        write(cases, "a.yaml", case_text("BA-1")[0]),
        write(cases, "bad.yaml", invalid_text()[0]),
        write(cases, "c.yaml", case_text("BA-2")[0]),
        cases / "missing.yaml",
    ]
    out = tmp_path / "out"
    results = run_batch(paths, out, workers=2, formats=("html",))
    assert [(r.input, r.outcome) for r in results] == [
        (str(paths[0]), "rendered"),
        (str(paths[1]), "failed"),
        (str(paths[2]), "rendered"),
        (str(paths[3]), "failed"),
    ]
    assert "field subject.gender: not one of the accepted values" in str(results[1].error)
    assert str(results[3].error).endswith(f"(1 problem):\n  - {paths[3]}: the file does not exist")
    assert all(p.exists() for p in paths[:3]), "the inputs stay where they are"
    assert [r.documents for r in results] == [3, 0, 3, 0]  # letter 1, the referral form it encloses, the form
    records = check_story(None, out)  # in the order the jobs completed
    assert sorted((r["input"], r["outcome"]) for r in records) == sorted((r.input, r.outcome) for r in results)


@pytest.mark.slow
def test_the_same_input_again_is_unchanged_and_not_rendered(tmp_path: Path) -> None:
    path = write(tmp_path / "cases", "a.yaml", case_text("UN-1")[0])
    out = tmp_path / "out"
    first = run_batch([path], out, workers=1, formats=("html",))
    written = (out / "UN-1" / "UN-1_letter-1.html").stat().st_mtime_ns
    again = run_batch([path, path], out, workers=1, formats=("html",))
    assert [r.outcome for r in first + again] == ["rendered", "unchanged", "unchanged"]
    assert again[0].outputs == first[0].outputs
    assert (out / "UN-1" / "UN-1_letter-1.html").stat().st_mtime_ns == written
    check_story(None, out)


def test_an_earlier_folder_is_replaced_whole(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / "RE-1").mkdir(parents=True)
    (out / "RE-1" / "stale.pdf").write_bytes(b"from an earlier run")
    run_batch([write(tmp_path / "cases", "a.yaml", case_text("RE-1")[0])], out, workers=1, formats=("html",))
    assert sorted(p.name for p in (out / "RE-1").iterdir()) == [
        "RE-1_letter-1.html",
        "RE-1_letter-1_referral-form.html",
        "RE-1_referral-form.html",
        "manifest.json",
    ]
    check_story(None, out)


@pytest.mark.slow
def test_word_and_pdf_with_two_workers(tmp_path: Path) -> None:
    paths = [write(tmp_path / "cases", f"{n}.yaml", case_text(f"DP-{n}")[0]) for n in range(3)]
    results = run_batch(paths, tmp_path / "out", workers=2)
    assert [r.documents for r in results] == [6, 6, 6]
    for n in range(3):
        folder = tmp_path / "out" / f"DP-{n}"
        assert f"DP-{n}" in pdf_text((folder / f"DP-{n}_letter-1.pdf").read_bytes())
        assert Document(str(folder / f"DP-{n}_letter-1.docx")).paragraphs
        manifest = json.loads((folder / "manifest.json").read_bytes())
        assert [d["format"] for d in manifest["documents"]] == ["docx", "pdf"] * 3
    check_story(None, tmp_path / "out")
    assert 1 <= default_workers() <= 4


@pytest.mark.slow
def test_the_parent_never_imports_weasyprint(tmp_path: Path) -> None:
    """A batch's parent never imports WeasyPrint (it runs for long): only its spawned workers do."""
    path = write(tmp_path / "cases", "a.yaml", case_text("WP-1")[0])
    script = (
        "import sys; from docgen.service.batch import run_batch; "
        f"r = run_batch([{str(path)!r}], {str(tmp_path / 'out')!r}, 1, ['pdf']); "
        "assert r[0].outcome == 'rendered', r; assert 'weasyprint' not in sys.modules; print('ok')"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.stdout == "ok\n", done.stderr


def test_a_document_the_case_cannot_produce(tmp_path: Path) -> None:
    text = case_text("GEN-1")[0] + "generate: [overview-report]\n"
    result = run_batch([write(tmp_path / "cases", "a.yaml", text)], tmp_path / "out", 1, ("html",))[0]
    assert result.outcome == "failed"
    assert str(result.error).startswith(f"{tmp_path / 'cases' / 'a.yaml'}: overview-report needs")


@pytest.mark.slow
def test_an_unexpected_error_is_plain_and_traced_in_the_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> bytes:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(runner, "manifest", broken)
    path = write(tmp_path / "cases", "a.yaml", case_text("BUG-1")[0])
    result = run_batch([path], tmp_path / "out", 1, ("html",))[0]
    assert result.error is not None and result.error.startswith(f"{path}: docgen met an unexpected problem")
    assert "(ZeroDivisionError)" in result.error and "Traceback" not in result.error
    trace = log_records(tmp_path / "out")[0]["traceback"]
    assert "in broken" in trace and trace.endswith("\nZeroDivisionError\n"), "no message: it may quote data"
    assert not (tmp_path / "out" / "BUG-1").exists()


@pytest.mark.slow
def test_the_command_line(tmp_path: Path) -> None:
    good = write(tmp_path / "cases", "good.yaml", case_text("CLI-1")[0])
    bad = write(tmp_path / "cases", "bad.yaml", invalid_text()[0])
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", str(good), str(bad), "--out", str(out), "--format", "html"])
    assert result.exit_code == 1, result.output
    table = result.stdout.splitlines()
    assert table[0].split() == ["case", "file", "reference", "outcome", "documents", "seconds"]
    assert table[1].split()[:4] == [str(good), "CLI-1", "rendered", "3"]
    assert table[2].split()[:4] == [str(bad), "-", "failed", "0"]
    assert table[3] == "1 rendered, 1 failed"
    assert result.stderr.startswith(f"{bad} is not a valid case file") and "Rendering" not in result.stderr
    result = CliRunner().invoke(main, ["batch", str(good), "--out", str(out), "--format", "html", "--workers", "1"])
    assert result.exit_code == 0 and result.stdout.splitlines()[-1] == "1 unchanged"
    assert all(CliRunner().invoke(main, [command, "--help"]).exit_code == 0 for command in ("batch", "watch"))


def test_summary_table() -> None:
    outputs = (Output("A-1/x.pdf", "0"), Output("A-1/manifest.json", "1"))
    results = [
        JobResult("cases/a.yaml", "rendered", 1.234, reference="A-1", outputs=outputs),
        JobResult("b.yaml", "failed", 0.01, error="b.yaml: bad"),
    ]
    assert summary_table(results).splitlines() == [
        "case file     reference  outcome   documents  seconds",
        "cases/a.yaml  A-1        rendered          1     1.23",
        "b.yaml        -          failed            0     0.01",
        "1 rendered, 1 failed",
    ]

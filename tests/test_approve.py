"""Approved means frozen: `docgen approve` records a fingerprint of what a report reads, and a later change to any
of it refuses to reprint the approved version, naming the fields, until a new version is made."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from docgen import ApprovedChangedError, load_case, render
from docgen.cli.commands import main
from docgen.rules.frozen import _digest, check_frozen, fingerprint

from .conftest import ROOT, SAMPLE

POLICE = ["--doc", "imr", "--agency", "police"]
BY = ["--by", "Serious Case Review Panel meeting of 9 September 2026", "--on", "2026-09-09"]


@pytest.fixture
def case_file(tmp_path: Path) -> Path:
    """A copy of the example case beside its board profile."""
    shutil.copytree(ROOT / "examples" / "boards", tmp_path / "boards")
    return Path(shutil.copy(SAMPLE, tmp_path / "case.yaml"))


def approve(case_file: Path, *more: str) -> object:
    return CliRunner().invoke(main, ["approve", str(case_file), *POLICE, *BY, *more])


def test_approval_records_the_fingerprint_and_leaves_every_other_line_as_it_was(case_file: Path) -> None:
    before = case_file.read_text().splitlines()
    result = approve(case_file)
    assert result.exit_code == 0, result.output
    assert "version 2 approved on 9 September 2026" in result.output
    after = case_file.read_text().splitlines()
    added = [line for line in after if line not in before]
    assert added[0].strip() == "fingerprint:" and all(":" in line for line in added)
    assert [line for line in before if line not in after] == []
    approval = load_case(case_file).imrs["police"].approval
    assert approval.approved_by == "Serious Case Review Panel meeting of 9 September 2026"
    assert set(approval.fingerprint) >= {"imrs.police", "chronology", "family", "review.terms_of_reference"}


def test_an_approved_report_is_reprinted_until_what_it_reads_changes(case_file: Path, tmp_path: Path) -> None:
    approve(case_file)
    out = tmp_path / "out"
    ok = CliRunner().invoke(main, ["render", str(case_file), *POLICE, "--format", "pdf", "--out", str(out)])
    assert ok.exit_code == 0, ok.output
    case_file.write_text(case_file.read_text().replace("Northbrook Constabulary", "Northbrook Police"))
    refused = CliRunner().invoke(main, ["render", str(case_file), *POLICE, "--format", "pdf", "--out", str(out)])
    assert refused.exit_code == 2
    assert "version 2, approved on 9 September 2026, is not reprinted: agencies, imrs.police" in refused.output
    assert "Make a new version" in refused.output and "Traceback" not in refused.output
    assert [p.name for p in out.iterdir() if p.suffix == ".pdf"] == ["LLR-2026-04_imr_police.pdf"]  # the earlier one


def test_progress_recorded_after_approval_does_not_unfreeze_it(case_file: Path) -> None:
    """Progress on the action plan after the approval is not in the approved report: it changes nothing."""
    approve(case_file)
    case = load_case(case_file)
    police = case.imrs["police"]
    plan = police.recommendations[1]
    released = plan.progress[0].model_copy(update={"date": dt.date(2026, 11, 30), "achieved": "Released."})
    later = plan.model_copy(update={"progress": [*plan.progress, released]})
    changed = case.model_copy(
        update={
            "imrs": {
                **case.imrs,
                "police": police.model_copy(update={"recommendations": [police.recommendations[0], later]}),
            }
        }
    )
    check_frozen(changed, case.framework.kinds["imr"], "police")


def test_a_new_version_is_a_draft_again(case_file: Path) -> None:
    approve(case_file)
    data = yaml.safe_load(case_file.read_text())
    approval = data["imrs"]["police"]["approval"]
    data["imrs"]["police"]["approval"] = {"version": "3", "dated": "2026-11-01", "history": approval["history"]}
    data["agencies"][1]["name"] = "Northbrook Police"
    case_file.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    draft = render(load_case(case_file), "imr", "pdf", agency="police")
    assert draft.draft is not None


def test_approval_refuses_an_incomplete_or_frozen_report_and_leaves_the_file(case_file: Path) -> None:
    before = case_file.read_bytes()
    incomplete = CliRunner().invoke(main, ["approve", str(case_file), "--doc", "imr", "--agency", "csc", *BY])
    assert incomplete.exit_code == 2 and "sets more than one task" in incomplete.output
    assert case_file.read_bytes() == before
    approve(case_file)
    again = approve(case_file)
    assert again.exit_code == 2 and "already approved and frozen" in again.output


def test_a_json_case_file_is_approved_too(case_file: Path) -> None:
    data = yaml.safe_load(case_file.read_text())
    json_file = case_file.with_suffix(".json")
    json_file.write_text(json.dumps(data, default=str, indent=2))
    result = approve(json_file)
    assert result.exit_code == 0, result.output
    assert json.loads(json_file.read_text())["imrs"]["police"]["approval"]["fingerprint"]["imrs.police"]


def test_the_fingerprint_names_the_field_that_changed() -> None:
    """What the report does not read (a later letter, another agency's chronology) leaves the fingerprint as it
    was; an entry of its own agency's chronology removed changes the chronology's digest alone, and the frozen
    report is then refused, naming it."""
    case = load_case(SAMPLE)
    kind = case.framework.kinds["imr"]
    police = case.imrs["police"]
    day = police.approval.approved_on
    assert day is not None and case.correspondence.letter_7 is not None
    before = fingerprint(case, kind, "police", day)
    letter = case.correspondence.letter_7.model_copy(update={"date": day + dt.timedelta(days=60)})
    later = case.model_copy(update={"correspondence": case.correspondence.model_copy(update={"letter_7": letter})})
    assert fingerprint(later, kind, "police", day) == before
    others = case.model_copy(update={"chronology": [e for e in case.chronology if e.agency == "police"]})
    assert fingerprint(others, kind, "police", day) == before, "another agency's entries are not in this report"
    own = next(i for i, e in enumerate(case.chronology) if e.agency == "police")
    shorter = case.model_copy(update={"chronology": case.chronology[:own] + case.chronology[own + 1 :]})
    changed = fingerprint(shorter, kind, "police", day)
    assert [path for path in before if changed[path] != before[path]] == ["chronology"]
    frozen = police.model_copy(update={"approval": police.approval.model_copy(update={"fingerprint": before})})
    with pytest.raises(ApprovedChangedError, match="chronology changed since it was approved"):
        check_frozen(shorter.model_copy(update={"imrs": {**case.imrs, "police": frozen}}), kind, "police")


def test_a_field_added_later_and_left_unused_reopens_no_approval() -> None:
    """The digest leaves out fields at their defaults: the subject as a later version would hold it, with a field
    it adds left empty, digests as the subject does today; a field given a value changes the digest."""
    subject = load_case(SAMPLE).subject

    class Later(type(subject)):  # type: ignore[misc]
        added: str | None = None

    later = Later.model_validate(subject.model_dump())
    assert _digest(later) == _digest(subject)
    assert _digest(Later.model_validate({**subject.model_dump(), "added": "x"})) != _digest(subject)

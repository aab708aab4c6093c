"""The publication rules: which documents are anonymised when, and how a named final is marked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen import KINDS, render, render_pack
from docgen.cli.commands import main
from docgen.gate.extract import docx_parts_text, pdf_metadata_text, pdf_pages_text
from docgen.rules.publication_rules import NAMED_FOR_THE_PANEL, NOT_FOR_PUBLICATION, publication

from .approved import approved_case, final
from .conftest import sample_case, text_of


@pytest.mark.parametrize(
    ("kind", "is_final", "asked", "anonymised", "not_for_publication"),
    [
        ("overview-report", False, None, False, False),  # the panel works with names
        ("overview-report", True, None, True, False),  # the seed's final (2.3.31, IV 1.4f)
        ("overview-report", True, False, False, True),  # named final, for the panel only
        ("overview-report", False, False, False, False),  # a named draft is no final
        ("overview-report", False, True, True, False),
        ("executive-summary", False, None, True, False),  # public: always
        ("executive-summary", True, False, True, False),
        ("imr", True, None, False, False),  # for the panel (IV 1.4f): named unless asked
        ("imr", True, True, True, False),
        ("letter-5", True, None, False, False),
        ("ofsted-notification", True, True, True, False),
    ],
)
def test_publication_rules(
    kind: str, is_final: bool, asked: bool | None, anonymised: bool, not_for_publication: bool
) -> None:
    rules = publication(KINDS[kind], is_final, asked)
    assert (rules.anonymised, rules.not_for_publication) == (anonymised, not_for_publication)
    assert rules.public == (kind == "executive-summary")


@pytest.mark.slow
def test_a_draft_overview_report_names_people_and_its_final_does_not() -> None:
    child = sample_case().subject
    draft = render(sample_case(), "overview-report", "pdf")
    assert draft.draft and not draft.anonymised and child.first_name in text_of(draft)
    document = final("overview-report", "pdf")
    assert not document.draft and document.anonymised
    assert child.first_name not in text_of(document) and f"{child.anonymous_name}, then aged" in text_of(document)


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_named_final_is_marked_not_for_publication(fmt: str) -> None:
    document = final("overview-report", fmt, anonymise=False)
    assert not document.anonymised and sample_case().subject.first_name in text_of(document)
    if fmt == "docx":
        parts = docx_parts_text(document.content)
        headers = [text for name, text in parts.items() if "header" in name]
        footers = [text for name, text in parts.items() if "footer" in name]
        assert headers and all(f"STRICTLY CONFIDENTIAL – {NOT_FOR_PUBLICATION}" in text for text in headers)
        assert footers and all(NAMED_FOR_THE_PANEL in text for text in footers)
        assert NOT_FOR_PUBLICATION in parts["docProps/core.xml"]
    else:
        pages = pdf_pages_text(document.content)
        assert all(f"STRICTLY CONFIDENTIAL – {NOT_FOR_PUBLICATION}" in page for page in pages)
        assert all(NAMED_FOR_THE_PANEL in " ".join(page.split()) for page in pages)
        assert NOT_FOR_PUBLICATION in pdf_metadata_text(document.content)


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_published_final_is_not_marked_for_the_panel(fmt: str) -> None:
    text = text_of(final("overview-report", fmt))
    assert NOT_FOR_PUBLICATION not in text and NAMED_FOR_THE_PANEL not in text


def test_the_executive_summary_is_anonymised_whatever_is_asked() -> None:
    document = render(sample_case(), "executive-summary", "pdf", anonymise=False)
    assert document.anonymised and sample_case().subject.first_name not in text_of(document)


@pytest.mark.slow
def test_the_manifest_records_what_the_rules_decided(tmp_path: Path) -> None:
    render_pack(approved_case(), tmp_path, ["overview-report", "executive-summary", "letter-1"], ["pdf"])
    entries = json.loads((tmp_path / "manifest.json").read_text())["documents"]
    assert {e["kind"]: (e["draft"], e["anonymised"]) for e in entries} == {
        "overview-report": (False, True),
        "executive-summary": (False, True),
        "letter-1": (False, False),
        "referral-form": (False, False),  # Letter 1's enclosure
    }


@pytest.mark.slow
def test_the_command_line_renders_a_named_final_on_request(tmp_path: Path) -> None:
    case_file = tmp_path / "case.json"
    case_file.write_text(approved_case().model_dump_json(), encoding="utf-8")
    runner = CliRunner()
    for flag, out in (("--named", "named"), (None, "published")):
        args = ["render", str(case_file), "--doc", "overview-report", "--format", "pdf", "--out", str(tmp_path / out)]
        result = runner.invoke(main, [*args, *([flag] if flag else [])])
        assert result.exit_code == 0, result.output
    named = json.loads((tmp_path / "named" / "manifest.json").read_text())["documents"][0]
    published = json.loads((tmp_path / "published" / "manifest.json").read_text())["documents"][0]
    assert (named["anonymised"], published["anonymised"]) == (False, True)
    assert NOT_FOR_PUBLICATION in pdf_metadata_text((tmp_path / "named" / named["file"]).read_bytes())


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_published_summary_carries_no_protective_marking(fmt: str) -> None:
    """The approved Executive Summary is what the board publishes; its drafts and the Overview Report stay marked."""
    assert "STRICTLY CONFIDENTIAL" not in text_of(final("executive-summary", fmt))
    assert "STRICTLY CONFIDENTIAL" in text_of(render(sample_case(), "executive-summary", fmt))
    assert "STRICTLY CONFIDENTIAL" in text_of(final("overview-report", fmt))


def test_the_summary_gives_the_reasons_for_the_review_once() -> None:
    case = approved_case()
    assert case.executive_summary and case.decision and case.decision.criteria_met
    criteria = " ".join(case.decision.criteria_met.split()[14:22])  # words that name no one
    written = text_of(final("executive-summary", "pdf"))
    assert " ".join(case.executive_summary.reasons.split()[:8]) in written and criteria not in written
    unwritten = case.model_copy(
        update={"executive_summary": case.executive_summary.model_copy(update={"reasons": None})}
    )
    assert criteria in text_of(render(unwritten, "executive-summary", "pdf", draft=True))

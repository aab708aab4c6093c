"""The proof (docgen.proof): each rule on a small text that trips it and one that does not, then on the text read
back from rendered documents; the findings on a document, in its manifest, on the command line, `--strict` and
`docgen proof FOLDER`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen import Case, render
from docgen.cli.commands import main
from docgen.errors import ProofError
from docgen.proof import PROOF_RULES, Reading, proofread
from docgen.proof.internal_labels import internal_names
from docgen.proof.jargon import plain_words
from docgen.proof.page_text import pages_of
from docgen.publish.manifest import manifest_entry
from docgen.publish.pack import render_pack

from .conftest import SAMPLE, rendered, sample_case

JARGON_SUPPORT = "your GP, or the Acute Hospital's family liaison team, telephone 01632 960 455"
"""Support a case names in the service's own words: the proof of the letter to a parent finds them."""


def jargon_case_file(folder: Path) -> Path:
    """The example case written to `folder` (with its board profile) with Letter 5's support in jargon."""
    text = SAMPLE.read_text(encoding="utf-8")
    support = "    support: Northbrook Family Advocacy, 4 Chapel Walk"
    assert support in text
    (folder / "boards").mkdir(parents=True, exist_ok=True)
    board = SAMPLE.parent / "boards" / "northbrook.yaml"
    (folder / "boards" / "northbrook.yaml").write_text(board.read_text(encoding="utf-8"), encoding="utf-8")
    path = folder / "case.yaml"
    lines = [f"    support: {JARGON_SUPPORT}" if line.startswith(support) else line for line in text.splitlines()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def jargon_case() -> Case:
    """The example case with Letter 5's support in jargon."""
    case = sample_case()
    letter_5 = case.correspondence.letter_5
    assert letter_5 is not None
    support = letter_5.model_copy(update={"support": JARGON_SUPPORT})
    return case.model_copy(update={"correspondence": case.correspondence.model_copy(update={"letter_5": support})})


def found(text: str, rule: str, **known: object) -> list[str]:
    """The words each finding of `rule` quotes, on a document whose one page is `text`."""
    reading = Reading("a.docx", ((None, text),), **known)  # type: ignore[arg-type]
    return [finding.words for finding in proofread(reading) if finding.rule == rule]


def test_every_rule_is_registered_with_a_description() -> None:
    assert list(PROOF_RULES) == [  # the order of their modules' names
        "broken-word",
        "points-to-family",
        "internal-label",
        "jargon",
        "date-after-document",
        "leftover",
        "alone-at-page-edge",
        "mixed-quotes",
        "repeated-sentence",
        "doubled-label",
        "siblings",
        "split-row",
    ]
    assert all(rule.description for rule in PROOF_RULES.values())


def test_leftovers() -> None:
    text = "Date: None\nNone\nsent on None, by post\n(Traffic light here)\nClick or tap here to enter text.\n{{ x }}"
    text += "\nsee review.imr_deadline\nTODO"
    assert found(text, "leftover") == [  # each once a page
        "None",
        "(Traffic light here)",
        "Click or tap here to enter text",
        "{{",
        "}}",
        "review.imr_deadline",
        "TODO",
    ]


def test_what_is_no_leftover() -> None:
    text = "None.\nNone of these\nReligion: None stated\nj_smith.x@example.org, www.a_b.example.org, my_case.yaml"
    text += "\nLLR-2026-04_letter-1.docx, case_file.review.docx, Dr A. Smith. Come here (if you can)."
    assert found(text, "leftover") == []


def test_internal_labels_come_from_the_numbered_letters_titles() -> None:
    names = internal_names(sample_case().framework.kinds.values())
    assert "Letter 5" in names and "Letter 5 – Notification to parents" in names
    assert not {"Overview Report", "Executive Summary", "Scoping document"} & set(names)
    assert found("Letter 5 – Notification to parents – LLR-2026-04", "internal-label", internal_names=names) == [
        "Letter 5 – Notification to parents"
    ]
    assert found("as requested in Letter 1.", "internal-label", internal_names=names) == ["Letter 1"]
    assert found("Overview Report\nLetter 10 is not one", "internal-label", internal_names=names) == []


def test_repeated_sentence() -> None:
    text = "The panel met in March.\nThe panel met\nin March. Then it wrote."
    assert found(text, "repeated-sentence") == ["The panel met in March."]
    assert found("Yes. Yes. The panel met in March. The panel met in April.", "repeated-sentence") == []


def test_doubled_label() -> None:
    text = "Seen by Paediatrician 1 (Paediatrician 1) on Monday\nMother | Mother\nFather\nFather"
    assert found(text, "doubled-label") == ["Paediatrician 1 (Paediatrician 1)", "Mother | Mother", "Father | Father"]
    assert found("Paediatrician 1 (Dr Lee)\nMother | Kelly\nYes\nYes\n•\n•", "doubled-label") == []
    family_table = "Religion\nMuslim\nMuslim\nFamily\nFather\nFather"
    assert found(family_table, "doubled-label", labels=frozenset({"Mother", "Father"})) == ["Father | Father"]


def test_mixed_quotes() -> None:
    assert len(found("The mother’s view. Kieran O'Brien’s car.", "mixed-quotes")) == 1
    assert found("The mother’s view. “Quoted.”", "mixed-quotes") == []
    assert found('The mother\'s view. "Quoted."', "mixed-quotes") == []


def test_date_after_document() -> None:
    day = dt.date(2026, 4, 7)
    text = "Ms Carter met the author on 16 June 2026. Please reply by 19 June 2026. The briefing on 14/05/2026 "
    text += "is at 10am. The panel met on 10 March 2026.\nTarget date\n31 August 2026\nWe wrote on 08/04/2026."
    late = found(text, "date-after-document", date=day)
    assert len(late) == 2 and "16 June 2026" in late[0] and "08/04/2026" in late[1]
    assert found(text, "date-after-document") == []  # a document without a date of its own


def test_jargon_only_for_a_lay_reader() -> None:
    words = plain_words(sample_case())
    assert words["GP"] == "General practitioner" and words["Acute Hospital"].startswith("Northbrook General")
    text = "NORTHBROOK SAFEGUARDING CHILDREN BOARD\nyour GP, the Acute\nHospital and the IMR authors (ref LLR-2026-04)"
    assert found(text, "jargon", lay_reader=True, plain_words=words) == ["GP", "Acute Hospital", "IMR"]
    assert found(text, "jargon", plain_words=words) == []


def test_points_to_family_only_in_a_public_document() -> None:
    text = (
        "The family worshipped at the local mosque and were well known in the town. Members of the Kurdish community"
        " in Marchwood helped. She was the only girl in her year. The only way forward was a plan."
    )
    assert found(text, "points-to-family", public=True) == [
        "the local mosque",
        "Kurdish community in Marchwood",
        "the only girl",
        "well known in",
    ]
    assert found(text, "points-to-family") == []


def test_siblings() -> None:
    text = "Siblings’ names\nand ages\nRhys Owain Pritchard (Half-brother, maternal), 18 years\n"
    text += "Kieran O’Brien (Mother’s partner), 34 years\nDarren Carter (Half-brother’s father; Jac’s), 40 years\n"
    text += "Family member, 30 years\nStepsister, 2 years 3 months\nCONFIDENTIAL\nPage 1 of 4"
    assert found(text, "siblings") == [
        "Kieran O’Brien (Mother’s partner), 34 years",
        "Darren Carter (Half-brother’s father; Jac’s), 40 years",
        "Family member, 30 years",
    ]
    grown_up = "Siblings' names and ages\nJac Carter (Brother; lives with his father), 19 years\nHalf-sister 1, 4 years"
    assert found(grown_up, "siblings") == []  # an adult brother is a brother; the rest of the clause is an aside
    assert found("Siblings’ names and ages No siblings\nKieran (Father), 34 years", "siblings") == []


def test_siblings_in_the_regulators_notification() -> None:
    notification = rendered("ofsted-notification", "pdf")
    assert not [f for f in notification.findings if f.rule == "siblings"]  # two half-brothers, one of them 18
    pages = pages_of(notification.content, "pdf")
    wrong = tuple((page, text.replace("(Half-brother, maternal), 18", "(Stepfather), 38")) for page, text in pages)
    findings = [f for f in proofread(Reading(notification.filename, wrong)) if f.rule == "siblings"]
    assert [(f.page, f.words) for f in findings] == [(1, "Rhys Owain Pritchard (Stepfather), 38 years")]


def test_terms_typed_with_straight_quotes_are_found_in_typographic_text() -> None:
    """A document prints typographic quotes; the glossary and the kinds' titles are typed with straight ones."""
    words = {"Children's Social Care": "Northbrook Borough Council Children's Services"}
    reading = Reading("a.pdf", ((1, "Ask Children’s Social Care."),), lay_reader=True, plain_words=words)
    [finding] = [finding for finding in proofread(reading) if finding.rule == "jargon"]
    assert finding.words == "Children’s Social Care"
    assert finding.message == "service jargon: in plain words, “Northbrook Borough Council Children’s Services”"
    names = ("Letter 4 – Invitation to the authors' briefing",)
    text = "Letter 4 – Invitation to the authors’ briefing"
    assert found(text, "internal-label", internal_names=names) == [text]


def test_the_text_of_an_html_page_and_a_word_files_title(document) -> None:  # type: ignore[no-untyped-def]
    page = b"<html><head><title>A &amp; B</title><style>p {}</style></head><body><p>One</p><p>Two</p></body></html>"
    assert pages_of(page, "html") == ((None, "A & B\nOne\nTwo"),)
    texts = [text for _, text in pages_of(document("letter-1", "docx").content, "docx")]
    assert any("Request for further information – REF-2026-011" in text for text in texts)  # before the decision
    assert not any("Letter 1" in text for text in texts), "the title a recipient sees has no appendix number"
    assert not any("Normal.dotm" in text for text in texts)  # Word's own properties are not the reader's


def test_a_letter_to_a_parent_carries_its_date_and_findings() -> None:
    assert not [f for f in rendered("letter-5", "pdf").findings if f.rule == "jargon"]  # the example is plain
    letter = render(jargon_case(), "letter-5", "pdf", to="mother")
    assert letter.date == dt.date(2026, 4, 7)
    by_rule = {(finding.rule, finding.words, finding.page) for finding in letter.findings}
    assert ("jargon", "GP", 2) in by_rule and ("jargon", "Acute Hospital", 2) in by_rule
    assert not any(rule == "internal-label" for rule, _, _ in by_rule)  # its title is the one a parent may see
    entry = manifest_entry(letter)
    assert entry["date"] == "2026-04-07"
    assert {
        "rule": "jargon",
        "page": 2,
        "words": "GP",
        "message": "service jargon: in plain words, “General practitioner”",
    } in entry["findings"]


def test_leftovers_in_real_documents() -> None:
    imr = rendered("imr", "docx", "gp")
    assert [f.words for f in imr.findings if f.rule == "leftover"] == []  # the action plan asks "(red, amber or green)"
    timetable = rendered("timetable", "html")
    assert timetable.date is None  # no date of its own: its rows are deadlines to come
    assert not [f for f in timetable.findings if f.rule == "date-after-document"]


def test_render_strict_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    case_file = jargon_case_file(tmp_path / "case")
    args = ["render", str(case_file), "--doc", "letter-5", "--format", "html", "--out", str(out), "--strict"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1
    assert "the proof found" in result.stderr and "nothing was written" in result.stderr
    assert "jargon" in result.stderr and "Traceback" not in result.output
    assert not out.exists() or not any(out.iterdir())
    with pytest.raises(ProofError):
        render_pack(jargon_case(), out, ["letter-5"], ["html"], strict=True, workers=1)
    assert not out.exists() or not any(out.iterdir())


def test_render_lists_findings_and_proof_reads_the_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    case_file = jargon_case_file(tmp_path / "case")
    args = ["render", str(case_file), "--doc", "letter-5", "--format", "html", "--out", str(out), "--workers", "1"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0
    assert "LLR-2026-04_letter-5_father.html: jargon: “GP”" in result.stderr
    entries = json.loads((out / "manifest.json").read_text())["documents"]
    assert entries[0]["date"] == "2026-04-07" and any(f["rule"] == "jargon" for f in entries[0]["findings"])

    proof = CliRunner().invoke(main, ["proof", str(out)])
    assert proof.exit_code == 1
    assert "LLR-2026-04_letter-5_father.html: jargon: “GP”" in proof.stdout
    with_case = CliRunner().invoke(main, ["proof", str(out), "--case", str(case_file)])
    assert "“GP”: service jargon: in plain words, “General practitioner”" in with_case.stdout
    assert "“GP”: an abbreviation a family may not know" in proof.stdout  # without the case, no glossary

    clean = tmp_path / "clean"
    clean.mkdir()
    (clean / "note.html").write_text("<html><head><title>Note</title></head><body><p>Plain words.</p></body></html>")
    assert CliRunner().invoke(main, ["proof", str(clean)]).exit_code == 0
    missing = CliRunner().invoke(main, ["proof", str(tmp_path / "missing")])
    assert missing.exit_code == 2 and "is not a folder" in missing.stderr and "Traceback" not in missing.output


def test_proof_help_lists_the_rules() -> None:
    result = CliRunner().invoke(main, ["proof", "--help"])
    assert result.exit_code == 0
    assert all(name in result.output for name in PROOF_RULES)

"""Public and anonymised documents: no identifier of the case survives, in any format; a leak writes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen import LeakError, load_case, render
from docgen.cli.commands import main
from docgen.model import Case

from .approved import final
from .conftest import CORPUS, SAMPLE, quotes_folded, text_of

FORMATS = ["docx", "pdf", "html"]


def real_tokens(case: Case) -> set[str]:
    """Every name part of the child, the family, the professionals and the victims."""
    names = [case.subject, *case.family, *case.professionals, *case.victims]
    tokens = {part for n in names for part in (n.first_name, n.last_name, *n.middle_names, *n.known_as)}
    return {t for part in tokens for t in part.replace("-", " ").split() if len(t) > 2}


@pytest.mark.parametrize("fmt", FORMATS)
def test_executive_summary_is_always_anonymised(case: Case, fmt: str) -> None:
    document = render(case, "executive-summary", fmt)
    assert document.anonymised
    text = text_of(document)
    assert case.subject.anonymous_name and f"This summary concerns {case.subject.anonymous_name}" in text
    assert "Mother" in text and "Mother's partner" in quotes_folded(text)
    assert sorted(t for t in real_tokens(case) if t in text) == []


@pytest.mark.slow
@pytest.mark.parametrize("kind", ["overview-report", "letter-7", "ofsted-notification"])
def test_other_documents_anonymised_on_request(case: Case, kind: str) -> None:
    plain, anonymised = text_of(render(case, kind, "pdf")), text_of(render(case, kind, "pdf", anonymise=True))
    leaked = [t for t in real_tokens(case) if t in plain]
    assert leaked, "the confidential version names people"
    assert sorted(t for t in real_tokens(case) if t in anonymised) == []


def test_professionals_are_labelled_by_role_and_number(case: Case) -> None:
    from docgen.passes.anonymise import labels

    text = text_of(render(case, "overview-report", "docx", anonymise=True))
    names = labels(case)
    in_chronology = {e.professional for e in case.chronology if e.professional}
    for index, professional in enumerate(case.professionals):
        label = names[f"professionals[{index}]"]
        assert label.startswith(professional.role) and label[len(professional.role) + 1 :].isdigit()
        if professional.id in in_chronology:
            assert label in text, label
    assert len({names[f"professionals[{i}]"] for i in range(len(case.professionals))}) == len(case.professionals)


def test_a_leaking_template_writes_no_file(tmp_path: Path) -> None:
    board = tmp_path / "board" / "reports"
    board.mkdir(parents=True)
    (board / "executive-summary.html.j2").write_text("<p>About Isabella Carter-Nowak.</p>", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main,
        [
            "render",
            str(SAMPLE),
            "--doc",
            "executive-summary",
            "--format",
            "pdf",
            "--out",
            str(out),
            "--templates",
            str(tmp_path / "board"),
        ],
    )
    assert result.exit_code == 1
    assert "subject" in result.stderr and "Isabella" not in result.stderr
    assert not out.exists()


def test_leak_check_error_names_path_and_place_never_the_value(case: Case) -> None:
    from docgen.gate import check_no_leak

    with pytest.raises(LeakError) as caught:
        check_no_leak(case, render(case, "letter-1", "pdf").content, "pdf", "letter-1.pdf")
    message = caught.value.describe()
    assert "page 1" in message and "subject" in message
    assert case.subject.first_name not in message and case.subject.last_name not in message


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_childs_words_are_quoted_as_she_said_them_with_the_name_in_brackets(fmt: str) -> None:
    """The final Overview Report quotes Isabella's words as the nursery recorded them, the name she used in
    editorial brackets."""
    text = quotes_folded(text_of(final("overview-report", fmt)))
    assert '"[Mother\'s partner] shouty, Mummy cry"' in text
    assert (
        '"[Mother\'s partner] shouty. Mummy cry." She then put the doll in the toy cot and said "[Poppy] hide"' in text
    )
    assert "Mother's partner shouty" not in text


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_anonymised_family_table_gives_each_label_once(fmt: str) -> None:
    """No 'Mother | Mother': one column holds the label and what the relationship adds; origins by group."""
    text = quotes_folded(text_of(final("overview-report", fmt)))
    table = text[text.index("Person Age Address Ethnic origin Lived in the household") :]
    table = table[: table.index("Genogram")]
    for row in (
        "Poppy (subject child) 2 years 9 months the family home White Yes",
        "Mother 36 years the family home White Yes",
        "Half-brother 1 (maternal) 18 years",
        "Half-brother 2's father 40 years",
    ):
        assert row in table, row
    assert "Mother Mother" not in table and "Relationship to child" not in text and "British" not in table


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_joint_reviews_summary_is_both_boards_and_its_ages_read_as_a_person_would_say_them(fmt: str) -> None:
    """The joint review's Executive Summary: prepared for both boards, the partner board's area named as the board's
    own is, adults' ages by decade as 'her' or 'his'; a sister who died as a baby years before the period reviewed
    is in the confidential Overview Report ('died aged 7 months'), not in the public household table."""
    case = load_case(CORPUS / "joint-review.yaml")
    text = quotes_folded(text_of(render(case, "executive-summary", fmt)))
    assert (
        "PREPARED FOR THE WYVERN VALE SAFEGUARDING CHILDREN BOARD AND THE SEVERNMOOR SAFEGUARDING CHILDREN BOARD"
        in " ".join(text.split())
    )
    for said in ("Mother in her 40s", "Father in his 40s", "Severnmoor"):
        assert said in text, said
    assert "in their" not in text and "(deceased)" not in text and "Sister died aged 7 months" not in text
    overview = quotes_folded(text_of(render(case, "overview-report", fmt)))
    assert "died aged 7 months" in overview

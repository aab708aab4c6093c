"""Anonymised prose that reads naturally: no doubled labels, no repeated brackets, capitals where due, and a
name several people share is never guessed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from docgen import CaseError, render
from docgen.cli.commands import main
from docgen.passes.anonymise import anonymisation_report, anonymise_case, labels
from tests.anonymisation.factory import events, make_case

from .approved import final
from .conftest import quotes_folded, sample_case, text_of


def member(id: str, first: str, last: str, relationship: str, gender: str) -> dict[str, str]:
    return {"id": id, "first_name": first, "last_name": last, "relationship": relationship, "gender": gender}


FAMILY = {
    "child": {"first_name": "Jade", "last_name": "Carter", "gender": "Female", "ethnicity": "British"}
    | {"address": {"lines": ["3 Mill Row"]}},
    "family": [
        member("mother", "Kelly", "Carter", "Mother", "Female"),
        member("father", "Dean", "Carter", "Father", "Male"),
        member("partner", "Kieran", "Hale", "Mother's partner", "Male"),
        member("sister", "Rose", "Carter", "Sister", "Female"),
        member("brother", "Sam", "Carter", "Half-brother", "Male"),
        member("brother-2", "Tom", "Carter", "Half-brother", "Male"),
        member("nan", "Zofia", "Hale", "Paternal grandmother", "Female"),
    ],
    "professionals": [
        {"id": "sw", "first_name": "Hannah", "last_name": "Blyth", "role": "Social Worker", "agency": "police"}
    ],
    "places": [{"name": "Caerwen", "generalised": "a local authority in Wales", "adjective": "Welsh"}],
}


def rewritten(*texts: str, **parts: object) -> list[str]:
    return events(anonymise_case(make_case(texts, **{**FAMILY, **parts})))


@pytest.mark.parametrize(
    ("text", "out"),
    [
        ("Her sister Rose came.", "Her sister came."),
        ("her half-brother Sam and her father Dean", "her half-brother and her father"),
        ("Her mother's partner, Kieran Hale, has been charged.", "Her mother's partner has been charged."),
        (
            "in the care of her mother's partner, Kieran, who has been charged",
            "in the care of her mother's partner, who has been charged",
        ),
        (
            "Jade's father, Dean Carter, and her sister, Rose, live nearby.",
            "Child A's father and her sister live nearby.",
        ),
        ("She told her sister Rose's teacher.", "She told her sister's teacher."),
        ("Hannah Blyth (Social Worker) visited.", "Social Worker 1 visited."),
        ("Hannah Blyth (Social Worker, Assessment Team) visited.", "Social Worker 1 (Assessment Team) visited."),
        ("The Social Worker (Hannah Blyth) visited.", "The Social Worker 1 visited."),
        ("Kelly, Kieran and Kelly met.", "The mother, the mother's partner and the mother met."),
        ("Kieran Hale, Kieran and Mr Hale.", "The mother's partner, the mother's partner and the mother's partner."),
        (
            "The reviewer met Kelly and Zofia, and the Kelly Trust.",
            "The reviewer met the mother and the paternal grandmother, and the Mother Trust.",
        ),
        (
            "She read Kelly's English letters.",
            "She read the mother's English letters.",
        ),
        (
            "Registration lists Zofia, Jade's paternal grandmother, as a carer.",
            "Registration lists the paternal grandmother as a carer.",
        ),
        ("The Carters came. The Carter family left.", "The family came. The family left."),
        ("- Carter family visited\n- Kelly", "- The family visited\n- Mother"),
        (
            "They moved from Caerwen in 2024, from a Caerwen tenancy.",
            "They moved from Wales in 2024, from a Welsh tenancy.",
        ),
        ("They lived in Caerwen, Wales, until 2024.", "They lived in Wales, until 2024."),
        ("Social services asked Caerwen.", "Social services asked a local authority in Wales."),
    ],
)
def test_a_replacement_fits_the_prose_around_it(text: str, out: str) -> None:
    assert rewritten(text) == [out]


def test_labels_are_numbered_only_when_shared() -> None:
    assert labels(make_case(**FAMILY))["family[4]"] == "Half-brother 1"
    assert rewritten("Her half-brother Tom Carter came; half-brother Sam stayed.") == [
        "Her half-brother came; half-brother Half-brother 1 stayed."
    ]


def doubled(text: str, label: str) -> list[str]:
    """'her sister Sister', 'her mother's partner, Mother's partner,', 'Police Officer 1 (Police Officer 1)'."""
    words = re.escape(re.sub(r"\s+\d+$", "", label))
    described = rf"(?i:\b(?:her|his|their|the|its|[\w-]+'s)\s+{words})(?:,\s*|\s+){re.escape(label)}\b"
    bracketed = rf"{re.escape(label)}\s*\((?i:{words})(?:\s+\d+)?\)"
    return re.findall(f"{described}|{bracketed}", text)


@pytest.mark.parametrize(
    ("kind", "fmt"), [(k, f) for k in ("executive-summary", "overview-report") for f in ("docx", "pdf")]
)
def test_the_example_s_anonymised_text_has_no_doubled_label(kind: str, fmt: str) -> None:
    text = text_of(final(kind, fmt))
    family_and_roles = {label for path, label in labels(sample_case()).items() if path != "child"}
    assert [d for label in family_and_roles for d in doubled(text, label)] == []
    assert doubled("her half-brother Half-brother 2 and Police Officer 1 (Police Officer)", "Half-brother 2")


def test_the_example_reads_naturally_where_it_used_to_double() -> None:
    text = quotes_folded(text_of(final("overview-report", "pdf")))
    for said in (
        "She was in the sole care of her mother's partner, who has been charged",
        "Poppy and her half-brother had been subject to child protection plans",
        "had moved to Northbrook earlier in 2024 to live near his mother",  # 'Poppy's father' ends the page before
        "Half-brother 2's father also lives in Northbrook",
        "Registration lists the mother and the paternal grandmother as carers",
        "Half-brother 1 was informed of the review",
    ):
        assert said in text, said
    summary = quotes_folded(text_of(final("executive-summary", "pdf")))
    assert "Her mother's partner has been charged and is awaiting trial." in summary


# --- a name several people share ------------------------------------------------------------------


def test_a_first_name_two_people_share_is_not_guessed() -> None:
    case = make_case(["Zofia saw Jade."], **{**FAMILY, "child": {**FAMILY["child"], "middle_names": ["Zofia"]}})
    with pytest.raises(CaseError) as caught:
        anonymise_case(case)
    assert caught.value.exit_code == 2
    [problem] = caught.value.problems
    assert problem.path == "chronology[0].event" and "subject (Child A)" in problem.message
    assert "family[6] (Paternal grandmother)" in problem.message and "Zofia" not in caught.value.describe()
    report = anonymisation_report(case)
    assert "Names to answer before an anonymised document is written (1)" in report
    assert "'Zofia' may be subject (Child A) or family[6] (Paternal grandmother) (1×: chronology[0].event)" in report
    assert "anonymisation: {names: [{name: Zofia, means: ID}]}" in report


def test_the_author_says_who_a_shared_name_means_everywhere_or_in_some_fields() -> None:
    child = {**FAMILY["child"], "middle_names": ["Zofia"]}
    texts = ["Zofia came.", "Zofia left."]
    everywhere = {"names": [{"name": "Zofia", "means": "nan"}]}
    assert rewritten(*texts, child=child, anonymisation=everywhere) == [
        "The paternal grandmother came.",
        "The paternal grandmother left.",
    ]
    per_field = {
        "names": [{"name": "Zofia", "means": "child", "fields": ["chronology[1]"]}, {"name": "Zofia", "means": "nan"}]
    }
    assert rewritten(*texts, child=child, anonymisation=per_field) == [
        "The paternal grandmother came.",
        "Child A left.",
    ]


def test_an_answer_naming_someone_without_the_name_answers_nothing() -> None:
    child = {**FAMILY["child"], "middle_names": ["Zofia"]}
    with pytest.raises(CaseError):
        rewritten("Zofia came.", child=child, anonymisation={"names": [{"name": "Zofia", "means": "sister"}]})


def test_a_shared_surname_of_the_family_is_the_family_and_a_title_narrows_it() -> None:
    assert rewritten("Carter and Mr Hale; Ms Hale.") == [
        "The family and the mother's partner; the paternal grandmother."
    ]


def test_an_ambiguous_name_stops_anonymised_documents_only(tmp_path: Path) -> None:
    case = sample_case()
    unanswered = case.model_copy(update={"anonymisation": case.anonymisation.model_copy(update={"names": []})})
    assert not render(unanswered, "letter-1", "pdf").anonymised, "named documents are written"
    with pytest.raises(CaseError) as caught:
        render(unanswered, "executive-summary", "pdf")
    assert re.search(
        r"field chronology\[\d+\]\.event: a name that subject \(Poppy\), family\[7\]", caught.value.describe()
    )
    case_file = tmp_path / "case.json"
    case_file.write_text(unanswered.model_dump_json(), encoding="utf-8")
    result = CliRunner().invoke(
        main, ["render", str(case_file), "--doc", "overview-report", "--anonymise", "--out", str(tmp_path / "out")]
    )
    assert result.exit_code == 2 and "anonymisation.names" in result.stderr and "Zofia" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_a_victim_who_is_a_family_member_is_one_person_with_one_label() -> None:
    case = sample_case()
    names = labels(case)
    assert names["victims[0]"] == names["family[3]"] == "Half-brother 1"
    anonymised = anonymise_case(case)
    assert anonymised.victims[0].full_name == "Half-brother 1"
    assert (
        case.overview
        and anonymised.overview
        and "Half-brother 1 was informed" in (anonymised.review.family_involvement or "")
    )

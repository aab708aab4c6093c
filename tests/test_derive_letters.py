"""The letters' choices, derived from the case: each branch of each sentence, and the facts as at a day."""

from __future__ import annotations

import datetime as dt
import doctest
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from docgen import KINDS, Case, NotSupportedError, load_case, render
from docgen.cli.commands import main
from docgen.derive import facts, ofsted_form, registry
from docgen.derive.letters import addressing, distribution, enclosures, parts, sentences
from docgen.derive.registry import Request
from docgen.model import Decision
from docgen.model.ofsted import ProceedingsStep, Step
from docgen.model.options import YesNoPossible
from docgen.rendering import templates
from docgen.text.dates import dates_mentioned

from .conftest import CASES, SAMPLE, corpus_case

D = dt.date


@pytest.mark.parametrize("module", [addressing, sentences, facts, ofsted_form, templates, registry])
def test_docstring_examples(module: object) -> None:
    failed, tried = doctest.testmod(module, optionflags=doctest.ELLIPSIS)  # type: ignore[arg-type]
    assert failed == 0 and (tried > 0 or module is ofsted_form)


@pytest.mark.parametrize(
    ("outcome", "alternatives", "released"),
    [
        (["No Action"], [], True),
        (["No Action"], ["Inter agency training and development initiative"], True),
        (["No Action"], ["Single Agency Management Review"], False),
        (["No Action"], ["Internal Audit"], False),
        (["A Lessons Learned Review"], [], False),
        (["A Multi-Agency Review"], [], False),
        (["A Multi-Agency Training Event"], [], True),
    ],
)
def test_files_are_released_only_when_no_review_follows(
    outcome: list[str], alternatives: list[str], released: bool
) -> None:
    decision = Decision.model_validate({"date": "2026-03-09", "outcome": outcome, "alternative_actions": alternatives})
    assert ("may now be released" in sentences.files_sentence(decision)) is released


def test_copies_to_national_bodies_follow_the_framework(case: Case) -> None:
    """Seed 1.4.1: a Lessons Learned Review is reported to none; 2.2.10: the decision not to hold a Serious Case
    Review goes to Ofsted (at its address) and the SHA, whose successor the board profile names (a person there)."""
    assert copied_bodies(case, "letter-5") == copied_bodies(case, "letter-7") == []
    assert copied_bodies(case, "letter-2") == [
        "Ofsted, National Business Unit, Royal Exchange Buildings, St Ann's Square, Manchester, M2 7LA",
        "Jennifer Oduya, Designated Nurse for Safeguarding Children, NHS Northbrook and District Integrated Care Board",
    ]
    ofsted = "Ofsted, National Business Unit, Royal Exchange Buildings, St Ann's Square, Manchester, M2 7LA"
    scr = load_case(CASES / "scr-death.yaml")  # its board names no successor to the abolished department
    assert copied_bodies(scr, "letter-5") == [ofsted]
    assert copied_bodies(scr, "letter-7") == [ofsted]
    died = corpus_case("child-died")  # its board names the Department for Education in the department's place
    department = "Department for Education, Sanctuary Buildings, 20 Great Smith Street, London, SW1P 3BT"
    assert copied_bodies(died, "letter-5") == [ofsted, department]


def copied_bodies(case: Case, kind_id: str) -> list[str]:
    """The national bodies a letter's distribution names (its groups of bodies)."""
    kind = case.framework.kinds[kind_id]
    assert kind.letter is not None
    groups = [group for part in kind.letter.distribution for group in part.groups if group.startswith("bodies-")]
    return [line for group in groups for _, line in distribution.GROUPS[group](case, kind)]


def test_a_distribution_names_each_person_once_and_never_the_signatory(case: Case) -> None:
    for kind in ("letter-1", "letter-2", "letter-3", "letter-4", "letter-7"):
        letter = parts.letter_parts(Request(case, case.framework.kinds[kind]))
        lines = [line for section in letter["distribution"] for line in section.lines]
        people = [addressing.identity(line.split(",")[0]) for line in lines]
        assert len(people) == len(set(people)), kind
        assert addressing.identity(letter["signature"].name) not in people, kind


def test_identity_ignores_titles_case_and_spacing() -> None:
    assert addressing.identity("Dr Rosalind  Achterberg") == addressing.identity("ROSALIND ACHTERBERG")
    assert addressing.identity("Mr") == "mr", "a title alone stays a name"


@pytest.mark.parametrize(
    ("born", "age", "on", "young"),
    [
        (D(2008, 10, 20), None, D(2026, 10, 19), True),
        (D(2008, 10, 19), None, D(2026, 10, 19), False),
        (None, "17 years", D(2026, 1, 1), True),
        (None, "9 months", D(2026, 1, 1), True),
        (None, "about twenty", D(2026, 1, 1), False),
    ],
)
def test_a_child_or_young_person_is_written_to_by_first_name(
    born: dt.date | None, age: str | None, on: dt.date, young: bool
) -> None:
    assert addressing.is_young(born, age, on) is young


def test_statutory_and_discretionary_wording(case: Case) -> None:
    scr = load_case(CASES / "scr-death.yaml")
    wording = case.framework.wording
    assert sentences.review_reason(scr) == wording.statutory_review == "The Government requires us to do this."
    assert sentences.review_reason(case) == wording.discretionary_review
    assert sentences.duty(scr) == wording.statutory_duty and sentences.duty(case) == wording.discretionary_duty
    assert "under Working Together to Safeguard Children 2006" in sentences.review_basis(scr)
    assert "following the format, timescales and principles of a Serious Case Review" in sentences.review_basis(case)


def test_panel_table_drops_the_columns_nobody_fills(case: Case) -> None:
    columns, rows = sentences.panel_table(case)
    assert [c.heading for c in columns] == ["Member", "Telephone and e-mail"]
    assert len(rows) == len(case.review.panel)
    columns, _ = sentences.panel_table(load_case(CASES / "scr-death.yaml"))
    assert [c.heading for c in columns] == ["Member"]


def test_proceedings_on_a_day() -> None:
    steps = [
        ProceedingsStep(date=D(2026, 2, 21), step=Step.ARRESTED, person="partner"),
        ProceedingsStep(date=D(2026, 2, 24), step=Step.CHARGED, person="partner"),
        ProceedingsStep(date=D(2027, 1, 20), step=Step.CONVICTED, person="partner"),
        ProceedingsStep(date=D(2027, 3, 1), step=Step.SENTENCED, person="partner"),
    ]
    assert facts.proceedings_on(steps, D(2026, 2, 20)).instigated is YesNoPossible.NO
    assert not facts.proceedings_on(steps, D(2026, 2, 20)).under_way
    assert facts.proceedings_on(steps, D(2026, 2, 22)).instigated is YesNoPossible.POSSIBLE
    assert facts.proceedings_on(steps, D(2027, 2, 1)).convicted.value == "Yes"
    assert facts.proceedings_on(steps, D(2027, 2, 1)).under_way, "convicted, not yet sentenced"
    assert not facts.proceedings_on(steps, D(2027, 3, 1)).under_way


def test_dates_a_narrative_mentions() -> None:
    found = dates_mentioned("On 31 February 2026 (no such day), 1st March 2026, 2026-03-04 and 05/03/2026.")
    assert found == [D(2026, 3, 1), D(2026, 3, 4), D(2026, 3, 5)]


def test_every_enclosure_is_a_kind_or_a_paper_of_the_default_framework(case: Case) -> None:
    for kind in KINDS.values():
        assert len(enclosures.enclosures(case, kind)) == len(kind.enclosures), kind.id


def test_an_enclosure_the_framework_does_not_name_is_refused(case: Case) -> None:
    framework = case.framework.model_copy(update={"paper_titles": {}})
    unscoped = case.review.model_copy(update={"scope_meeting": None})
    without = case.model_copy(update={"framework": framework, "review": unscoped})
    refused = r"letter-3 encloses scoping-document, which needs review\.scope_meeting"
    with pytest.raises(NotSupportedError, match=refused):
        render(without, "letter-3", "html")


# --- bad input: one message naming the field, exit 2, nothing written ---------------------------------


def variant(tmp_path: Path, change: str) -> Path:
    """The example case, changed by a Python statement on its data `d`."""
    d = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    d["board"] = yaml.safe_load((SAMPLE.parent / d["board"]).read_text(encoding="utf-8"))  # inline
    exec(change, {"d": d})
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(d, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.slow
@pytest.mark.parametrize(
    ("change", "doc", "field"),
    [
        ("del d['family'][1]['address']", "letter-5", "family[1].address"),
        ("del d['victims'][0]['address']", "letter-6", "victims[0].address"),
        ("del d['decision']", "letter-3", "decision:"),
        (
            "d['decision']['outcome'] = ['No Action']; d['decision']['alternative_actions'] = []",
            "letter-3",
            "decision.outcome",
        ),
        ("del d['correspondence']['letter_7']['reply_by']", "letter-7", "correspondence.letter_7.reply_by"),
        ("for p in d['professionals']: p['debriefing'] = False", "letter-7", "professionals:"),
    ],
)
def test_an_undecidable_letter_is_refused(tmp_path: Path, change: str, doc: str, field: str) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", str(variant(tmp_path, change)), "--all", "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert field in result.output and doc in result.output and "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not out.exists() or not any(out.iterdir())


def test_letter_2_after_a_decision_to_hold_a_serious_case_review_is_refused(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        "d['review']['type'] = 'Serious Case Review'; d['decision']['outcome'] = ['A Serious Case Review']",
    )
    result = CliRunner().invoke(main, ["render", str(path), "--doc", "letter-2", "--out", str(tmp_path / "out")])
    assert result.exit_code == 2 and "decision.outcome" in result.output and "letter-2" in result.output


def test_a_distribution_entry_must_name_someone_the_case_holds(tmp_path: Path) -> None:
    path = variant(tmp_path, "d['correspondence']['letter_1']['distribution'] = [{'agency': 'csc', 'role': 'x'}]")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 2 and "correspondence.letter_1.distribution[0]" in result.output
    path = variant(
        tmp_path, "d['correspondence']['letter_1']['distribution'] = [{'agency': 'nobody', 'role': 'imr_author'}]"
    )
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 2 and "agency 'nobody' is unknown" in result.output


def test_the_review_type_and_the_decision_must_agree(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["validate", str(variant(tmp_path, "d['review']['type'] = 'Serious Case Review'"))]
    )
    assert result.exit_code == 2 and "review.type" in result.output


def test_a_body_abolished_by_the_letters_date_gets_no_copy(case: Case) -> None:
    """Without a successor in the board profile, Letter 2 goes to the Strategic Health Authority only while it
    existed (until 1 April 2013)."""
    kind = case.framework.kinds["letter-2"]
    unnamed = case.model_copy(update={"board": case.board.model_copy(update={"bodies": {}})})
    assert distribution.body_copy(unnamed, "health_authority", dt.date(2026, 3, 16)) is None
    assert distribution.body_copy(case, "health_authority", dt.date(2026, 3, 16)) is not None
    assert distribution.body_copy(unnamed, "health_authority", dt.date(2012, 3, 16)) == (
        "text:Strategic Health Authority",
        "Strategic Health Authority",
    )
    assert "Strategic Health Authority" not in copied_bodies(unnamed, kind.id)

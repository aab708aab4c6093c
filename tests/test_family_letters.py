"""The letters to a family and to victims (Letters 5 and 6) as a bereaved parent, a victim and a child read them:
organisations in plain words, no promise of publication the case does not make, a joint review led by the other
board said to be, a translation and an interpreter offered to who needs them, a child's letter care of the carer.

Each test reads the rendered letter back – DOCX from every part, PDF from every page – and asserts on that text.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from docgen import Case, load_case, render
from docgen.cli.commands import main
from docgen.derive.letters.family import comments_to, members, pseudonym, who_reviews
from docgen.model.review import JointArrangement, JointLead

from .conftest import ENGLAND_2023, SAMPLE, sample_case
from .test_letters import absent, check, letter, read

FORMATS = ["docx", "pdf"]
ROOT = SAMPLE.parent.parent
CORPUS = ROOT / "examples" / "corpus"


@cache
def corpus(name: str) -> Case:
    return load_case(CORPUS / f"{name}.yaml")


# --- the organisations, in plain words ----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_letter_5_names_the_boards_members_not_the_agencies_short_names(fmt: str) -> None:
    case = sample_case()
    body = letter(case, "letter-5", fmt, "mother")
    check(
        body,
        [
            "senior managers from all the agencies that make up the Board: Northbrook Borough Council, Northbrook"
            " Constabulary, the hospital and community health services in Northbrook and the Probation Service.",
        ],
    )
    absent(body, ["Acute Hospital", "Health Visiting", "Children's Social Care", ", GP", "Police"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_letter_6_says_who_manages_the_review_in_plain_words(fmt: str) -> None:
    body = letter(sample_case(), "letter-6", fmt, "rhys")
    check(body, ["managed by a group of very experienced people from Northbrook Borough Council, Northbrook"])
    absent(body, ["Acute Hospital", "Health Visiting", "Children's Social Care"])


def test_a_partnership_without_members_is_its_safeguarding_partners() -> None:
    england = load_case(ENGLAND_2023)
    assert members(england)[0] == "Kingsmere Council"
    bare = england.model_copy(update={"board": england.board.model_copy(update={"members": []})})
    assert members(bare) == [p.name for p in england.board.partners]
    nobody = bare.model_copy(update={"board": bare.board.model_copy(update={"partners": []})})
    body = read(render(nobody, "letter-5", "pdf", to="mother"))
    check(body, ["involving senior managers from all the agencies that make up the safeguarding partnership."])


# --- the work with the family: general words, true for every family ------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_family_is_told_of_a_social_worker_and_health_visitor_it_may_not_have(fmt: str) -> None:
    body = letter(corpus("joint-review"), "letter-5", fmt, "father")
    check(
        body,
        ["will not influence any work that is happening at the moment between your family and the professionals"],
    )
    absent(body, ["social worker", "health visitor"])


# --- publication promised only when the case publishes ----------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_unpublished_review_does_not_promise_publication(fmt: str) -> None:
    withheld = corpus("england-2023-not-published")
    assert withheld.publication is not None and not withheld.publication.published
    body = letter(withheld, "letter-5", fmt, "mother")
    check(body, [f"The review's report will not give {withheld.subject.first_name}'s real name."])
    absent(body, ["published"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_published_review_says_so(fmt: str) -> None:
    published = corpus("england-2023-published")
    body = letter(published, "letter-5", fmt, "mother")
    check(body, [f"The review's report will be published, but it will not give {published.subject.first_name}'s"])


def test_without_a_publication_record_the_letter_promises_nothing() -> None:
    published = corpus("england-2023-published")
    undecided = published.model_copy(update={"publication": None})
    assert pseudonym(undecided) == (
        f"The review's report will not give {published.subject.first_name}'s real name. We would like to agree with"
        " you the name the report uses instead; the reviewer will ask you about this."
    )
    assert pseudonym(sample_case()) is None  # the seed's letter says nothing of it


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_england_2023_example_is_not_published_and_does_not_say_it_will_be(fmt: str) -> None:
    england = load_case(ENGLAND_2023)
    assert england.publication is not None and not england.publication.published
    body = read(render(england, "letter-5", fmt, to="mother"))
    check(body, ["The review's report will not give Leo's real name."])
    absent(body, ["will be published"])


# --- a joint review ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_letter_5_of_a_joint_review_led_by_the_other_board(fmt: str) -> None:
    body = letter(corpus("joint-review"), "letter-5", fmt, "father")
    check(
        body,
        [
            "because of the serious injury to Ruby and the circumstances surrounding it, the Wyvern Vale Safeguarding"
            " Children Board will carry out a joint review with the Severnmoor Safeguarding Children Board, which"
            " leads it.",
            "to make any comments or observations to the joint Serious Case Review Panel of the Wyvern Vale"
            " Safeguarding Children Board and the Severnmoor Safeguarding Children Board.",
        ],
    )


@pytest.mark.parametrize(
    ("arrangement", "lead", "expected", "comments"),
    [
        (
            JointArrangement.JOINT_PANEL,
            JointLead.PARTNER_BOARD,
            "the W will carry out a joint review with the S, which leads it",
            "the joint Serious Case Review Panel of the W and the S",
        ),
        (
            JointArrangement.JOINT_PANEL,
            JointLead.THIS_BOARD,
            "the W will lead a joint review with the S",
            "the joint Serious Case Review Panel of the W and the S",
        ),
        (
            JointArrangement.LIMITED_INPUT,
            JointLead.THIS_BOARD,
            "the W will carry out a review, with help from the S",
            "the Board's Serious Case Review Panel",
        ),
        (
            JointArrangement.LIMITED_INPUT,
            JointLead.PARTNER_BOARD,
            "the S will carry out a review, with help from the W",
            "the S, which leads the review",
        ),
    ],
)
def test_who_carries_out_a_joint_review(
    arrangement: JointArrangement, lead: JointLead, expected: str, comments: str
) -> None:
    """Letter 5 says who carries out the review and who a parent may send comments to."""
    case = corpus("joint-review")
    joint = case.review.joint
    assert joint is not None
    partner = joint.partner_board.model_copy(update={"name": "S"})
    joint = joint.model_copy(update={"arrangement": arrangement, "led_by": lead, "partner_board": partner})
    changed = case.model_copy(
        update={
            "board": case.board.model_copy(update={"name": "W"}),
            "review": case.review.model_copy(update={"joint": joint}),
        }
    )
    assert who_reviews(changed) == expected
    assert comments_to(changed) == comments
    assert who_reviews(sample_case()) == "the Northbrook Safeguarding Children Board will carry out a review"
    assert comments_to(sample_case()) == "the Board's Serious Case Review Panel"


# --- a parent who needs an interpreter -------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_parent_who_needs_an_interpreter_is_offered_one(fmt: str) -> None:
    border = corpus("welsh-border-interpreter")
    mother = letter(border, "letter-5", fmt, "mother")
    check(
        mother,
        [
            "Dear Mrs Karimi",
            "If you would like this letter in Kurdish (Sorani), or an interpreter when you speak to us, please tell"
            " us and we will arrange it, free of charge.",
        ],
    )
    absent(letter(border, "letter-5", fmt, "father"), ["Kurdish", "interpreter when you speak"])


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_reader_of_another_language_is_offered_a_translation(fmt: str) -> None:
    case = sample_case()
    family = [m.model_copy(update={"language": "Welsh"}) if m.id == "father" else m for m in case.family]
    body = read(render(case.model_copy(update={"family": family}), "letter-5", fmt, to="father"))
    check(body, ["If you would like this letter in Welsh, please tell us and we will have it translated for you"])
    absent(body, ["interpreter"])


def test_an_interpreter_without_a_language_is_refused(tmp_path: Path) -> None:
    text = (CORPUS / "welsh-border-interpreter.yaml").read_text(encoding="utf-8")
    assert "    language: Kurdish (Sorani)\n" in text
    (tmp_path / "boards").mkdir()
    (tmp_path / "boards" / "marchwood.yaml").write_bytes((CORPUS / "boards" / "marchwood.yaml").read_bytes())
    path = tmp_path / "case.yaml"
    path.write_text(text.replace("    language: Kurdish (Sorani)\n", ""), encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", str(path), "--doc", "letter-5", "--format", "pdf", "--out", str(out)])
    assert result.exit_code == 2
    problems = [line for line in result.stderr.splitlines() if "language" in line]
    assert len(problems) == 1 and "family[0]" in problems[0] and "interpreter" in problems[0], result.stderr
    assert "Traceback" not in result.output
    assert not out.exists() or not any(out.iterdir())


# --- a child victim ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_a_child_victim_has_a_letter_she_can_read_care_of_her_father(fmt: str) -> None:
    died = corpus("child-died")
    support = died.victims[0].support
    assert support
    body = letter(died, "letter-6", fmt, "evie")
    check(
        body,
        [
            "Evie Kirkby c/o Mr Adam Kirkby 12 Sandpiper Close",
            "Dear Evie",
            "I am writing to you because of what happened to Tyler.",
            "The Wyvern Vale Safeguarding Children Board is a group of people whose job is to help keep children safe.",
            "This is called a Serious Case Review.",
            "You have not done anything wrong, and you do not have to do anything.",
            "I have sent Mr Adam Kirkby a copy of this letter. If you want to talk about it, you can talk to Mr Adam"
            f" Kirkby. You can also contact {support}.",
            "If you would like a copy, please ask.",
            "Copy to:",
        ],
    )
    assert body.index("Copy to:") < body.rindex("Mr Adam Kirkby")
    absent(body, ["Craig Venn", "convicted", "thoroughly reviewed", "have a duty", "Executive Summary"])
    sentences = [s for s in body.split("Dear Evie")[1].split("Yours sincerely")[0].split(". ") if s.strip()]
    assert max(len(s.split()) for s in sentences) <= 25, "short sentences"


@pytest.mark.parametrize("fmt", FORMATS)
def test_adult_victims_keep_the_seeds_letter(fmt: str) -> None:
    died = corpus("child-died")
    for to, dear in (("jade", "Dear Ms Ashdown"), ("natalie", "Dear Ms Prowse")):
        body = letter(died, "letter-6", fmt, to)
        check(body, [dear, "have a duty to look at their situation", "called an Executive Summary"])
        absent(body, ["c/o", "You have not done anything wrong", "Young People's Support Service"])


def test_a_child_victim_without_a_carer_or_support_is_refused(tmp_path: Path) -> None:
    text = (CORPUS / "child-died.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    del data["victims"][0]["carer"]
    del data["victims"][0]["support"]
    (tmp_path / "boards").mkdir()
    (tmp_path / "boards" / "wyvern-vale.yaml").write_bytes((CORPUS / "boards" / "wyvern-vale.yaml").read_bytes())
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out = tmp_path / "out"
    args = ["render", str(path), "--doc", "letter-6", "--format", "pdf", "--out", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2
    assert "victims[0].carer" in result.stderr and "victims[0].support" in result.stderr
    assert not out.exists() or not any(out.iterdir())


def test_a_young_person_of_16_is_written_to_as_before() -> None:
    died = corpus("child-died")
    evie = died.victims[0]
    older = evie.model_copy(update={"date_of_birth": dt.date(2010, 1, 1)})
    case = died.model_copy(update={"victims": [older, *died.victims[1:]]})
    body = read(render(case, "letter-6", "pdf", to="evie"))
    check(body, ["Dear Evie", "c/o Mr Adam Kirkby", "have a duty to look at their situation"])
    absent(body, ["You have not done anything wrong"])


# --- who else receives a letter to a family -----------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_letter_5_is_copied_as_the_seed_says_never_to_each_imr_author_by_name(fmt: str) -> None:
    died = corpus("child-died")
    body = letter(died, "letter-5", fmt, "mother")
    copies = body.split("Copy to:")[1]
    check(
        copies,
        [
            "Members of the Serious Case Review Panel",
            "Independent Overview Author",
            "Ofsted",
            "The authors of the Individual Management Reviews",
        ],
    )
    authors = [a.imr_author.name for a in died.agencies if a.imr_author]
    assert authors and not [name for name in authors if name in body]


# --- titles as the case gives them ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_titles_as_the_case_gives_them(fmt: str) -> None:
    check(letter(corpus("joint-review"), "letter-5", fmt, "father"), ["Mr Marcus Bailey", "Dear Mr Bailey"])
    check(letter(corpus("child-died"), "letter-6", fmt, "natalie"), ["Ms Natalie Prowse", "Dear Ms Prowse"])

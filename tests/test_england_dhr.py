"""Domestic Homicide Reviews (the england-dhr profile) and the renamed review (england-dardr, a variant of it): every
document of the example renders in each format from data and templates alone; the notification, the decision and its
notice to the Home Office, the letters to family, friends and colleagues with their advocate, the anonymised overview
report and executive summary; the report sent to the Home Office's panel and its feedback answered point by point,
with publication refused until every point is answered and the panel agrees; its clocks across bank holidays."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from docgen import CaseError, load_case, render
from docgen.cli.commands import main
from docgen.derive.deadlines import review_timetable
from docgen.derive.death_review import responsible_sentence
from docgen.model.case import Case
from docgen.model.framework import Framework, builtin_framework, merge_patch

from .conftest import ENGLAND_DHR, ROOT, changed_example, homicide_case, rendered_homicide, squash, text_of
from .test_england_2023_clocks import with_dates
from .test_pdf_accessibility import assert_every_piece_in_the_tree_or_an_artifact, elements, opened

D = dt.date
KINDS = ["notification", "review-decision", "decision-notice", "agency-request", "letter-5", "death-review-report"]
KINDS += ["death-review-summary", "partnership-response", "assurance-submission", "assurance-log"]
KINDS += ["publication-decision", "timetable"]
REAL_NAMES = ["Kirsty", "Harker", "Lee", "Dawson", "Carol", "Kelly Booth", "Amira", "Paula Grant", "Weaver Street"]
"""What identifies the woman who died, her family, friends and the man believed responsible."""
PUBLIC = ["death-review-report", "death-review-summary"]


def text(kind: str, fmt: str = "pdf", **options: str) -> str:
    return squash(text_of(rendered_homicide(kind, fmt, **options)))


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html"])
@pytest.mark.parametrize("kind", KINDS)
def test_every_document_renders_in_every_format(kind: str, fmt: str) -> None:
    options = {"agency": "police"} if kind == "agency-request" else {"to": "friend"} if kind == "letter-5" else {}
    document = rendered_homicide(kind, fmt, **options)
    assert document.filename.startswith("SEP-DHR-2026-01_") and "Kirsty" not in document.filename
    assert len(text_of(document)) > 400


def test_the_profiles_list_their_documents_and_add_no_framework_branch() -> None:
    assert list(homicide_case().framework.kinds) == KINDS
    assert list(builtin_framework("england-dardr").kinds) == KINDS
    code = "\n".join(path.read_text(encoding="utf-8") for path in (ROOT / "docgen").rglob("*.py"))
    assert "england-dhr" not in code and "england-dardr" not in code
    assert not re.search(r"framework\.id\s*(==|!=|in)", code)


def test_the_notification_names_the_person_believed_responsible_and_the_earlier_reports() -> None:
    form = text("notification")
    for expected in (
        "Notified by Detective Superintendent Carl Brennan, Head of Public Protection, Elmvale Police",
        "Date of death 09/01/2026",
        "3. The person believed responsible Name Lee Dawson Relationship to the person who died Former partner",
        "Date of birth (age) 02/03/1988 (aged 37 years) Address In prison",
        "14/09/2024 Elmvale Police A neighbour called the police",
        "28/11/2025 Elmvale Police Kirsty reported that Lee",
    ):
        assert expected in form


def test_the_decision_considers_section_9_and_is_told_to_the_home_office() -> None:
    record = text("review-decision")
    assert "From section 9(1) of the Domestic Violence, Crime and Victims Act 2004" in record
    assert "Criterion: the death resulted from violence, abuse or neglect by…" in record
    assert "The victim Kirsty Anne Harker Date of death 9 January 2026" in record, "no question whether she died"
    assert "Believed responsible Lee Dawson (former partner)" in record
    notice = text("decision-notice")
    assert "To: Home Office" in notice and "Dear Colleagues" in notice
    assert "On 5 February 2026 I decided to hold a Domestic Homicide Review" in notice, "the chair signs it"
    request = text("agency-request", agency="gp")
    assert "On 5 February 2026, Councillor Grace Adeyemi, Chair of the Safer Elmvale Partnership, decided" in request
    assert "We expect the review to be completed by 5 August 2026." in notice


def test_the_agencies_are_asked_for_what_a_homicide_review_needs() -> None:
    request = text("agency-request", agency="police")
    assert "To: Andrew Lowe, Chief Constable, Elmvale Police" in request
    assert "Dear Chief Constable DOMESTIC HOMICIDE REVIEW" in request
    assert "its involvement with Kirsty, and with Lee Dawson, born 2 March 1988, her former partner, from" in request
    assert "how the agency assessed the risk to Kirsty, and what it did about it;" in request
    assert "mental capacity" not in request, "an adults review's question"
    assert "what the agency has changed already, or is changing. The review" in request
    assert "Copies: • Detective Chief Inspector Neil Howard" in request
    gp = text("agency-request", agency="gp")
    assert "Dear Dr Iqbal" in gp and "Dr Sam Whitlow, Named GP for Safeguarding, NHS Elmvale Integrated Care" in gp


@pytest.mark.parametrize(
    ("to", "condolences", "choose"),
    [
        ("mother", "on the death of your daughter, Kirsty.", "you and your family"),
        ("sister", "on the death of your sister, Kirsty.", "you and your family"),
        ("friend", "on the death of Kirsty.", "Kirsty’s family"),
        ("line-manager", "on the death of Kirsty.", "Kirsty’s family"),
    ],
)
def test_family_friends_and_colleagues_are_each_offered_an_advocate(to: str, condolences: str, choose: str) -> None:
    letter = text("letter-5", to=to)
    assert "PRIVATE AND CONFIDENTIAL" in letter and "OFFICIAL" not in letter
    assert f"I would like to offer my sincere condolences {condolences}" in letter
    assert "the help of an independent specialist advocate throughout the review, free of charge:" in letter
    assert "the Elmvale Homicide Advocacy Service on 01632 960 710" in letter
    assert f"it will use another name, which {choose} will be asked to choose." in letter
    assert "comments or observations to the review. You can do this in writing, or by speaking to Dr Helen" in letter
    assert "will not influence the police investigation, any criminal trial or the inquest." in letter
    assert "Enc. The Home Office’s leaflet about the review" in letter
    assert "relevant chapter" not in letter and "Copy to: • Dr Helen Marsh" in letter


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html"])
@pytest.mark.parametrize("kind", PUBLIC)
def test_the_public_documents_name_no_one(kind: str, fmt: str) -> None:
    published = text_of(rendered_homicide(kind, fmt))
    assert [name for name in REAL_NAMES if re.search(rf"\b{name}\b", published)] == []
    assert "DRAFT" not in published and "Rose" in published and "Adam" in published


def test_the_overview_report_follows_the_national_headings() -> None:
    report = text("death-review-report")
    headings = ["1.1 Why the review was held", "1.3 Confidentiality", "1.6 The involvement of family, friends and"]
    headings += ["1.7 Contributors to the review", "1.8 The review panel", "1.10 Parallel reviews"]
    headings += ["1.11 Equality and diversity", "1.12 Dissemination", "2.3 Abuse reported before the death"]
    headings += ["3 Analysis", "4 Conclusions", "5 Lessons to be learned", "6 Recommendations"]
    assert [heading for heading in headings if heading not in report] == []
    assert "The notification came to the Safer Elmvale Partnership in January 2026, from Elmvale Police." in report
    assert "the Safer Elmvale Partnership found that the case met these: (a) a person to whom he was" in report
    assert "intimate personal relationship. The review was completed 25 weeks" in report, "', or' is left out"
    assert "Elmvale Police, the GP practice, Elmvale Hospitals NHS Trust" in report
    assert "The review panel was chaired by Dr Helen Marsh, Independent Chair and Author, who also wrote" in report
    assert "Rose’s former partner, Adam, was convicted of her murder in June 2026." in report
    assert "it does not give the real names of Rose, her family and friends, or the person responsible" in report
    assert "Abuse of Rose was reported four times before her death." in report
    assert "September 2024 Elmvale Police A neighbour" in report, "dates as exact as the board allows in public"


def test_the_executive_summary_gives_the_findings_and_recommendations() -> None:
    summary = text("death-review-summary")
    assert "Rose’s former partner, Adam, was convicted of her murder in June 2026." in summary
    assert "3.3 Health services did not ask about abuse Rose told her GP" in summary
    findings = ["Each report of abuse was treated on its own", "No agency held the risk after the MARAC"]
    assert all(finding in summary for finding in findings)
    assert summary.index(findings[0]) < summary.index(findings[1]) < summary.index("4 Conclusions")
    assert "Recommendation 4." in summary


@pytest.mark.parametrize("kind", PUBLIC)
def test_the_public_documents_are_tagged_and_accessible(kind: str) -> None:
    pdf = opened(rendered_homicide(kind, "pdf").content)
    assert pdf.open_metadata().get("{http://www.aiim.org/pdfua/ns/id/}part") == "1"
    first = next(e for e in elements(pdf.Root.StructTreeRoot) if str(e.S).startswith("/H"))
    assert str(first.S) == "/H1"
    assert_every_piece_in_the_tree_or_an_artifact(pdf)


def test_the_report_goes_to_the_panel_copied_to_the_commissioner() -> None:
    letter = text("assurance-submission")
    assert "To: Home Office Quality Assurance Panel" in letter
    assert "whom the report calls Rose, with the papers listed below." in letter
    assert "A copy goes to the Domestic Abuse Commissioner, as section 9(3B) of the Domestic Violence" in letter
    assert "Enc. Overview report; Executive summary; Partnership response and action plan" in letter
    assert "Copies: • Domestic Abuse Commissioner" in letter
    assert "4 November 2026" not in letter, "the report's later agreement is not yet known on the letter's date"


def test_the_feedback_log_answers_each_point_and_says_publication_may_go_ahead() -> None:
    log = text("assurance-log")
    assert "1 The equality and diversity section should consider" in log
    assert "Section 1.11 now considers her sex" in log and "28 October 2026" in log
    assert "All 3 points have been answered. On 11 November 2026 the Home Office Quality Assurance Panel agreed" in log
    decision = text("publication-decision")
    assert "On 11 November 2026 the Home Office Quality Assurance Panel agreed that the report may be published." in (
        decision
    )
    assert "annual report" not in decision and "at least twelve months" in decision


def test_an_unanswered_point_is_logged_as_such() -> None:
    case = homicide_case()
    assert case.assurance is not None
    points = [case.assurance.points[0].model_copy(update={"response": None, "answered_on": None})]
    open_case = case.model_copy(
        update={
            "assurance": case.assurance.model_copy(update={"points": points, "cleared_on": None}),
            "publication": None,
        }
    )
    log = squash(text_of(render(open_case, "assurance-log", "pdf")))
    assert "Not yet answered" in log and "Agreed for publication Not yet" in log
    assert "1 of the 1 point is still to be answered. The report may not be published until every point" in log


def write_case(tmp_path: Path, change: dict[str, Any]) -> Path:
    """The example case beside its board, with top-level fields changed."""
    return changed_example(ENGLAND_DHR, tmp_path, change)


def example() -> dict[str, Any]:
    return yaml.safe_load(ENGLAND_DHR.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def refusal(tmp_path: Path, change: dict[str, Any]) -> str:
    with pytest.raises(CaseError) as refused:
        load_case(write_case(tmp_path, change))
    return refused.value.describe()


def test_publication_waits_for_every_point_to_be_answered(tmp_path: Path) -> None:
    assurance = example()["assurance"]
    del assurance["points"][1]["response"]
    message = refusal(tmp_path, {"assurance": assurance})
    assert "assurance.points[1]: the Home Office Quality Assurance Panel's point has no answer" in message
    assert "Section 1.11" not in message, "the case's own words stay out of the message"


def test_publication_waits_for_the_panels_agreement(tmp_path: Path) -> None:
    assurance = example()["assurance"]
    del assurance["cleared_on"]
    assert "give assurance.cleared_on" in refusal(tmp_path, {"assurance": assurance})
    assurance["cleared_on"] = D(2026, 11, 30)
    assert "publication.date: it is before assurance.cleared_on" in refusal(tmp_path, {"assurance": assurance})
    path = write_case(tmp_path, {"assurance": None})
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "only once the Home Office Quality Assurance Panel has quality assured it" in result.output


def test_the_assurance_dates_must_follow_each_other(tmp_path: Path) -> None:
    assurance = example()["assurance"]
    assurance["feedback_on"] = D(2026, 8, 1)
    assurance["points"][0]["answered_on"] = D(2026, 7, 1)
    message = refusal(tmp_path, {"assurance": assurance})
    assert "assurance.feedback_on: the feedback is dated before the report was submitted" in message
    assert "assurance.points[0].answered_on: the answer is dated before the feedback" in message


def test_the_case_needs_a_death_through_domestic_abuse(tmp_path: Path) -> None:
    subject = example()["subject"]
    del subject["domestic_abuse"]
    assert "subject.domestic_abuse: this field is required by the england-dhr framework" in refusal(
        tmp_path, {"subject": subject}
    )


def test_the_cli_renders_every_document_proof_clean(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["render", str(ENGLAND_DHR), "--all", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "docgen:" not in result.stderr, "no proofreading finding"
    written = sorted(path.name for path in (tmp_path / "out").glob("*.pdf"))
    assert len(written) == 19 and "SEP-DHR-2026-01_letter-5_line-manager.pdf" in written
    assert [name for name in written if "_assurance-submission_" in name] == [], "each enclosure revised since"


def test_the_copies_a_letter_encloses_are_as_sent_or_left_out(tmp_path: Path) -> None:
    """A report the case holds only in a version dated after the letter is not printed as its enclosure: the copy
    sent cannot be printed again; one not revised since is."""
    response = example()["response"]
    response["approval"] = {"version": "1", "dated": D(2026, 8, 20), "approved_on": D(2026, 8, 20)}
    out = tmp_path / "out"
    path = write_case(tmp_path, {"response": response})
    result = CliRunner().invoke(main, ["render", str(path), "--doc", "assurance-submission", "--out", str(out)])
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in out.glob("*.pdf"))
    assert written == [
        "SEP-DHR-2026-01_assurance-submission.pdf",
        "SEP-DHR-2026-01_assurance-submission_partnership-response.pdf",
    ]


def due(case: Case) -> dict[str, dt.date]:
    return {timed.step.id: timed.deadline for timed in review_timetable(case, D(2026, 12, 7)).steps}


def test_the_examples_deadlines_skip_the_august_bank_holiday() -> None:
    deadlines = due(homicide_case())
    assert deadlines["decide"] == D(2026, 2, 12)  # a month after the notification on 12 January
    assert deadlines["tell-home-office"] == D(2026, 2, 12)  # 5 working days after Thursday 5 February
    assert deadlines["review-completed"] == D(2026, 8, 5)  # six months from the decision
    # 10 working days after Thursday 20 August: Monday 31 August (the summer bank holiday) is not one
    assert deadlines["submit-for-assurance"] == D(2026, 9, 4)
    assert deadlines["publication"] == D(2026, 12, 11)  # a month after the panel agreed


def test_the_clocks_across_christmas() -> None:
    """A decision on Monday 21 December 2026: Christmas Day, Boxing Day (substitute Monday 28th) and New Year's Day
    are skipped."""
    decided = with_dates(homicide_case(), **{"consideration.decision": {"date": D(2026, 12, 21)}})
    assert due(decided)["tell-home-office"] == D(2026, 12, 30)  # 22, 23, 24, 29, 30 December
    assert due(decided)["request-reports"] == D(2027, 1, 7)  # then 31 December, 4, 5, 6, 7 January


def dardr() -> Case:
    """The example as a Domestic Abuse Related Death Review (the variant profile), in memory."""
    case = homicide_case()
    framework = builtin_framework("england-dardr")
    consideration = case.consideration
    assert consideration is not None and consideration.decision is not None
    outcome = "A Domestic Abuse Related Death Review"
    changed = consideration.model_copy(
        update={
            "recommendation": outcome,
            "criteria": {"statutory": {"a": consideration.criteria["statutory"]["a"]}},
            "decision": consideration.decision.model_copy(update={"outcome": outcome}),
        }
    )
    data = case.model_dump(exclude={"framework", "review", "consideration"})
    review = case.review.model_copy(update={"type": "Domestic Abuse Related Death Review"})
    return Case.model_validate({**data, "framework": framework, "review": review, "consideration": changed})


def test_the_renamed_review_is_a_variant_of_the_profile() -> None:
    framework = builtin_framework("england-dardr")
    assert framework.extends == "england-dhr" and list(framework.review_types) == [
        "Domestic Abuse Related Death Review"
    ]
    assert [body.name for body in framework.reported_to("Domestic Abuse Related Death Review")] == [
        "Secretary of State",
        "Domestic Abuse Commissioner",
    ]
    assert list(framework.criteria["statutory"].items) == ["a"], "null removes the definition's (b)"
    assert framework.timetable == builtin_framework("england-dhr").timetable
    case = dardr()
    report = squash(text_of(render(case, "death-review-report", "pdf")))
    assert "DOMESTIC ABUSE RELATED DEATH REVIEW – Rose" in report
    assert "resulted from domestic abuse towards the person within the meaning of the Domestic Abuse Act 2021." in (
        report
    )
    letter = squash(text_of(render(case, "assurance-submission", "pdf")))
    assert "A copy goes to the Secretary of State and the Domestic Abuse Commissioner" in letter
    assert "Secretary of State for the Home Department (Secretary of State)" in letter


def test_a_case_of_the_old_name_is_refused_under_the_variant(tmp_path: Path) -> None:
    message = refusal(tmp_path, {"framework": "england-dardr"})
    assert "review.type: 'Domestic Homicide Review' is not a review type of the framework" in message


def test_a_boards_own_profile_may_extend_a_built_in_one(tmp_path: Path) -> None:
    (tmp_path / "local.yaml").write_text(
        "id: elmvale-dhr\nextends: england-dhr\nname: Elmvale's reviews\n"
        "wording: {not_influenced: the police's work or the inquest}\n",
        encoding="utf-8",
    )
    case = load_case(write_case(tmp_path, {"framework": "local.yaml"}))
    assert case.framework.id == "elmvale-dhr" and case.framework.wording.request == "notification"
    letter = squash(text_of(render(case, "letter-5", "pdf", to="mother")))
    assert "will not influence the police's work or the inquest." in letter.replace("’", "'")


@pytest.mark.parametrize(
    ("extends", "expected"),
    [
        ("england-nowhere", "no built-in framework 'england-nowhere'"),
        ("england-dardr", "'england-dardr' is itself a variant; extend the profile it extends"),
    ],
)
def test_a_profile_extending_what_it_cannot_is_refused(tmp_path: Path, extends: str, expected: str) -> None:
    (tmp_path / "local.yaml").write_text(f"id: mine\nextends: {extends}\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(write_case(tmp_path, {"framework": "local.yaml"}))])
    assert result.exit_code == 2 and expected in result.output and "Traceback" not in result.output


def test_merge_patch_is_json_merge_patch() -> None:
    assert Framework.model_fields["extends"].default is None
    base = {"wording": {"a": "x", "b": "y"}, "documents": ["one", "two"]}
    assert merge_patch(base, {"wording": {"a": None}, "documents": ["three"]}) == {
        "wording": {"b": "y"},
        "documents": ["three"],
    }
    assert base == {"wording": {"a": "x", "b": "y"}, "documents": ["one", "two"]}, "the base is left as it was"


def test_before_a_conviction_the_reports_speak_of_the_person_believed_responsible() -> None:
    case = homicide_case()
    assert case.subject.domestic_abuse is not None
    abuse = case.subject.domestic_abuse.model_copy(update={"convicted": None})
    before = case.model_copy(update={"subject": case.subject.model_copy(update={"domestic_abuse": abuse})})
    assert responsible_sentence(before) == "The person believed responsible for Kirsty's death is her former partner."
    assert responsible_sentence(case) == "Kirsty's former partner, Lee, was convicted of her murder in June 2026."

"""The England 2023 framework (Working Together 2023): every document of the example, in Word and PDF, with its
sections and fields; per-agency files, draft marking, anonymisation and the leak check; what a case of the
framework offers and refuses."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from docgen import CaseError, LeakError, NotSupportedError, UnknownKindError, load_case, render, supported_documents
from docgen.api import Planned
from docgen.cli.commands import main
from docgen.derive.rapid_review import decision_sentence
from docgen.derive.registry import BUILDERS
from docgen.errors import IncompleteReportError, NotApprovedError
from docgen.model.framework import builtin_framework, builtin_framework_ids
from docgen.model.options import YesNo

from .conftest import ENGLAND_2023, england_case, quotes_folded, rendered_england, squash, text_of
from .test_pdf_accessibility import PDFAID, PDFUAID, elements, opened

REF = "KSCP-LCSPR-2026-01"
KINDS_2023 = [
    "serious-incident-notification",
    "partner-notice",
    "rapid-review-request",
    "agency-summary",
    "rapid-review-report",
    "panel-letter",
    "letter-3",
    "letter-5",
    "letter-7",
    "review-report",
    "partnership-response",
    "pre-publication-letter",
    "improvements-statement",
    "timetable",
]
CHILD_NAMES = ("Leo", "Hartigan", "Chloe", "Kyle", "Brennan", "Ryan Doyle", "Amelia", "Denise", "Eastwick", "Brambles")
"""Names of the case's people and of the agencies and places that would locate the family."""

EXPECTED: dict[str, list[str]] = {
    "serious-incident-notification": [
        "Serious incident notification",
        "Kingsmere Council made to the Child Safeguarding Practice Review Panel",
        "reference SIN-2026-01473",
        "1. Notifier",
        "Matthew Osei",
        "matthew.osei@",
        "Date the local authority became aware (dd/mm/yyyy) 12/01/2026",
        "Notification due by (dd/mm/yyyy) 19/01/2026",
        "Date notified (dd/mm/yyyy) 15/01/2026",
        "Notified within the time allowed Yes",
        "2. The incident",
        "☒ Serious injury",
        "☐ Death",
        "Time of the incident 19:20",
        "☒ Suspected",
        "3. The children (1 of at most 4)",
        "Child 1 Name Leo James Hartigan",
        "Date of birth (dd/mm/yyyy) 14/08/2024",
        "Age at the incident 1 year 4 months",
        "☒ Seriously harmed",
        "☒ Child in need",
        "5. Further information, including other children involved",
        "Leo's half-sister Amelia, aged 4, lived in the household and is a child in need; she was not harmed.",
        "☐ Looked-after child",
        "☒ Open to children's social care at the time of the incident",
        "Health information Acute subdural haematoma",
        "4. Case outline",
        "6. Documents attached to the notification",
        "Record of the strategy discussion, 12 January 2026",
        "7. What follows the notification",
        "A rapid review is held",
        "8. The safeguarding partners",
        "Due by (dd/mm/yyyy) 19/01/2026",
    ],
    "partner-notice": [
        "To: The safeguarding partners of the Kingsmere Safeguarding Children Partnership",
        "From: Matthew Osei, Director of Children's Services",
        "SERIOUS INCIDENT NOTIFICATION: Leo James Hartigan, born 14 August 2024",
        "Kingsmere Council became aware of a serious incident concerning the above child on 12 January 2026, and"
        " notified the Child Safeguarding Practice Review Panel on 15 January 2026.",
        "Leo was seriously harmed by a non-accidental injury on 11 January 2026. Abuse or neglect is suspected.",
        "Leo's half-sister Amelia, aged 4, lived in the household and is a child in need; she was not harmed.",
        "It is due by 5 February 2026",
        "Enc. Serious incident notification record",
        "Bernadette Lowe, Chief Nursing Officer, NHS Kingsmere and Dale Integrated Care Board",
        "Joanne Pike, Assistant Chief Constable, Kingsmere and Dale Police",
    ],
    "rapid-review-request": [
        "To: Joy Ransome, Head of Service, Quality Assurance, Kingsmere Council Children's Services",
        "From: Rachel Amos, Partnership Business Manager",
        "RAPID REVIEW: Leo James Hartigan, born 14 August 2024",
        "which is due by 5 February 2026",
        "an Individual Agency Summary of its involvement with Leo and the family from 1 March 2025 to 12 January 2026",
        "the key practice episodes",
        "the agency's view on whether a local child safeguarding practice review should be held",
        "sign-off by a manager of the agency",
        "Kerry Dunne, Business Support Officer",
        "by 29 January 2026",
        "4 February 2026, 10.00am – 1.00pm",
    ],
    "agency-summary": [
        "RAPID REVIEW – Leo James Hartigan",
        "INDIVIDUAL AGENCY SUMMARY OF",
        "Kingsmere Council Children's Services",
        "1 The agency's involvement",
        "2 Key practice episodes",
        "The bruise was not treated as a child protection concern",
        "3 What went well",
        "4 What could have been better",
        "5 Immediate actions",
        "6 The agency's view on a local review",
        "A local review should be held",
        "Signed off by the agency's manager",
        "Joy Ransome, Head of Service, Quality Assurance",
        "Appendix A: Chronology – Kingsmere Council Children's Services",
        "Police notification screened at the Multi-Agency Safeguarding Hub.",
        "Version 1, approved 29 January 2026",
    ],
    "rapid-review-report": [
        "RAPID REVIEW – Leo James Hartigan",
        "RAPID REVIEW REPORT",
        "1 The child and household",
        "2 The incident",
        "Rapid review due by 5 February 2026",
        "3 The agencies' involvement",
        "Eastwick Medical Centre Received, not yet signed off Undecided",
        "4 Key practice episodes",
        "The Emergency Department attendance",
        "5 Good practice",
        "6 Learning and immediate actions",
        "7 Inequalities, criminal proceedings, the media and the family",
        "7.1 Race, culture, disability and other inequalities",
        "whether assumptions about who looks after a baby kept her partner out of view",
        "7.2 Criminal proceedings",
        "Date Step Person Offence or outcome",
        "12 January 2026 Arrested Kyle (mother's partner)",
        "7.3 Media interest The incident has drawn local media interest.",
        "7.4 The family",
        "The Partnership Business Manager wrote to Leo's mother and his maternal grandmother on 3 February 2026",
        "8 The criteria for a review, considered one by one",
        "8.1 Criteria for a local child safeguarding practice review",
        "From regulation 11 of the Child Safeguarding Practice Review and Relevant Agency (England) Regulations 2018",
        "(d) is one which the Child Safeguarding Practice Review Panel have considered and concluded a local review"
        " may be more appropriate. No The Panel has not referred the case for a local review.",
        "8.2 Criteria for a national child safeguarding practice review",
        "raises or may raise issues requiring legislative change",
        "9 Decision and rationale",
        "On 5 February 2026 the safeguarding partners decided to commission a local child safeguarding practice"
        " review. They do not consider a national review appropriate.",
        "10 Sign-off by the safeguarding partners",
        "NHS Kingsmere and Dale Integrated Care Board Bernadette Lowe, Chief Nursing Officer 5 February 2026",
        "Appendix A: Integrated chronology extract",
        "from 1 June 2025",
        "Leo brought in by ambulance",
    ],
    "panel-letter": [
        "To: Child Safeguarding Practice Review Panel, c/o Department for Education, Sanctuary Buildings, 20 Great"
        " Smith Street, London, SW1P 3BT From:",
        "From: Bernadette Lowe, Partnership Chair",
        "RAPID REVIEW: Leo James Hartigan, born 14 August 2024 – NOTIFICATION SIN-2026-01473",
        "Kingsmere Council notified you of a serious incident concerning the above child on 15 January 2026",
        "They do not consider a national review appropriate.",
        "Of the criteria for a local child safeguarding practice review (regulation 11 of the Child Safeguarding"
        " Practice Review and Relevant Agency (England) Regulations 2018), the case meets (a), (b) and (c).",
        "In the safeguarding partners' view the case meets (a) and (c) of the criteria for a national child"
        " safeguarding practice review (regulation 3 of the Child Safeguarding Practice Review and Relevant Agency"
        " (England) Regulations 2018), on which the Child Safeguarding Practice Review Panel decides.",
        "Enc. Rapid review report",
        "Matthew Osei, Director of Children's Services, Kingsmere Council",
    ],
    "letter-3": [
        "LOCAL CHILD SAFEGUARDING PRACTICE REVIEW: Leo James Hartigan, born 14 August 2024",
        "the safeguarding partners of the Kingsmere Safeguarding Children Partnership decided on 5 February 2026,"
        " after a rapid review, to commission a local child safeguarding practice review concerning the above child.",
        "The purpose of the review is to identify improvements",
        "The review is led by Dr Frances Akerman, Independent Reviewer, and overseen by the partnership's Child"
        " Safeguarding Practice Review Group.",
        "by providing an agency review of its involvement with the child and the family from 1 March 2025",
        "Agency reviews are asked of:",
        "17 April 2026",
        "The review will consider these terms of reference:",
    ],
    "letter-5": [
        "Ms Chloe Hartigan",
        "Dear Ms Hartigan",
        "KINGSMERE SAFEGUARDING CHILDREN PARTNERSHIP: LOCAL CHILD SAFEGUARDING PRACTICE REVIEW",
        "because of the serious injury to Leo",
        "The law asks the safeguarding partners to arrange such a review",
        "To identify improvements that can be made to safeguard and promote the welfare of children",
        "Working Together to Safeguard Children – A guide to multi-agency working to help, protect and promote the"
        " welfare of children, Chapter 5, Department for Education, 2023",
        "all the agencies that make up the safeguarding partnership",
        "the safeguarding partnership's Child Safeguarding Practice Review Group",
        "Dr Frances Akerman, the independent reviewer who is leading the review",
        "The review's report will not give Leo's real name",  # not published (publication.published: false)
        "Enc. Working Together to Safeguard Children (2023), Chapter 5, Learning from serious child safeguarding"
        " incidents",
    ],
    "letter-7": [
        "LOCAL CHILD SAFEGUARDING PRACTICE REVIEW: LEO JAMES HARTIGAN: PRACTITIONERS' DEBRIEFING",
        "This review has now been concluded. The safeguarding partners have decided not to publish its report; they"
        " will publish a statement of the improvements to be made on 4 August 2026 instead.",
        "share the review's report and its findings",
        "29 July 2026",
        "The authors of the agency reviews",
    ],
    "review-report": [
        "LOCAL CHILD SAFEGUARDING PRACTICE REVIEW – Teddy",
        "PREPARED FOR THE",
        "Dr Frances Akerman",
        "1.1 Why the review was held",
        "The safeguarding partners decided to hold the review in February 2026.",
        "highlights or may highlight concerns regarding two or more agencies working together",
        "1.2 About Teddy",
        "Teddy and Rosie are not their real names: they are the names agreed with their mother and grandmother for"
        " this report.",
        "1.3 The reviewer",
        "The review was led by Dr Frances Akerman, Independent Reviewer.",
        "1.4 Terms of reference and scope",
        "The review considered the period from March 2025 to January 2026.",
        "1.5 How the review was conducted",
        "1.6 The family's involvement",
        "2 Background",
        "3 Findings",
        "3.2 The bruising protocol was read too narrowly",
        "Why: the systemic reasons",
        "4 Good practice",
        "5 Conclusions",
        "6 Improvements recommended",
        "Recommendation 3.",
        "Version 3, approved 17 July 2026",
    ],
    "partnership-response": [
        "PARTNERSHIP RESPONSE AND ACTION PLAN",
        "1 The safeguarding partners' response",
        "2 Response to each improvement recommended",
        "Accepted. The revised protocol was agreed in July 2026.",
        "Appendix A: Action plan",
        "Approved on 17 July 2026 (the safeguarding partners).",
    ],
    "pre-publication-letter": [
        "Secretary of State for Education, Department for Education, Sanctuary Buildings, 20 Great Smith Street,"
        " London, SW1P 3BT",
        "Office for Standards in Education, Children's Services and Skills (Ofsted), Clive House, 70 Petty France,"
        " London, SW1H 9EX From:",
        "LOCAL CHILD SAFEGUARDING PRACTICE REVIEW: Leo James Hartigan",
        "have decided not to publish the report of the review. They will publish a statement of the improvements to"
        " be made on 4 August 2026 on www.kscp.example.org/reviews instead.",
        "The report calls the children Teddy and Rosie.",
        "I enclose the final report and the statement of improvements, which we send you at least 7 working days"
        " before the statement is published (by 24 July 2026).",
        "Their reasons for not publishing the report are these.",
        "Enc. Local child safeguarding practice review report; Statement of improvements",
    ],
    "improvements-statement": [
        "Statement of improvements",
        "Local Child Safeguarding Practice Review · Kingsmere Safeguarding Children Partnership",
        "About the review",
        "Why the report is not published",
        "identify Teddy and his sister",
        "The improvements to be made",
        "What is being done",
        "October 2026",
    ],
    "timetable": [
        "Day 1: the local authority became aware of the incident 12 January 2026",
        "Within 5 working days of the local authority becoming aware of the incident",
        "The local authority notifies the Child Safeguarding Practice Review Panel",
        "19/01/2026",
        "Within 15 working days of the notification",
        "Within six months of the decision to hold the review",
        "At least 7 working days before the statement is published",
        "having decided not to publish the report, publish a statement of the improvements to be made",
    ],
}
"""What each document must say: its sections and fields, as extracted from DOCX (every part) and PDF."""


def planned() -> list[Planned]:
    return list(supported_documents(england_case()))


def test_the_example_offers_every_document_of_the_profile_and_only_those() -> None:
    kinds = list(dict.fromkeys(p.kind for p in planned()))
    assert kinds == KINDS_2023 == list(england_case().framework.kinds)
    agencies = ["csc", "police", "health-visiting", "gp", "hospital", "nursery"]
    assert [p.agency for p in planned() if p.kind == "rapid-review-request"] == agencies
    assert [p.agency for p in planned() if p.kind == "agency-summary"] == agencies
    assert [p.to for p in planned() if p.kind == "letter-5"] == ["mother", "father", "grandmother"]


def test_the_seeds_documents_are_not_offered_to_a_case_of_the_framework() -> None:
    with pytest.raises(UnknownKindError, match="the kinds are: serious-incident-notification, partner-notice"):
        render(england_case(), "imr", "pdf", agency="csc")
    with pytest.raises(UnknownKindError):
        render(england_case(), "letter-1", "pdf")


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("kind", KINDS_2023)
def test_every_document_says_what_it_must(kind: str, fmt: str) -> None:
    agency = "csc" if kind in ("rapid-review-request", "agency-summary") else None
    text = quotes_folded(text_of(rendered_england(kind, fmt, agency)))
    missing = [phrase for phrase in EXPECTED[kind] if quotes_folded(squash(phrase)) not in text]
    assert missing == [], f"{kind} {fmt} lacks {missing}"


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("kind", ["review-report", "improvements-statement", "partnership-response"])
def test_published_documents_name_no_one_and_call_the_child_by_the_agreed_name(kind: str, fmt: str) -> None:
    document = rendered_england(kind, fmt)
    text = text_of(document)
    assert document.anonymised and "Teddy" in text
    assert [name for name in CHILD_NAMES if name in text] == []


@pytest.mark.parametrize("kind", ["review-report", "improvements-statement"])
def test_published_documents_are_tagged_pdf_a_and_pdf_ua(kind: str) -> None:
    pdf = opened(rendered_england(kind, "pdf").content)
    metadata = pdf.open_metadata()
    assert (metadata.get(f"{PDFAID}part"), metadata.get(f"{PDFAID}conformance")) == ("2", "A")
    assert metadata.get(f"{PDFUAID}part") == "1" and str(pdf.Root.Lang) == "en-GB"
    tags = {str(element.S) for element in elements(pdf.Root.StructTreeRoot)}
    assert {"/H1", "/H2", "/Table", "/TH", "/P"} <= tags


def test_public_documents_carry_no_protective_marking_and_confidential_ones_do() -> None:
    """The statement of improvements is published; the report the partners decided not to publish is marked."""
    assert "OFFICIAL-SENSITIVE" not in text_of(rendered_england("improvements-statement", "pdf"))
    for kind in ("serious-incident-notification", "rapid-review-report", "panel-letter", "letter-5"):
        assert "OFFICIAL-SENSITIVE" in text_of(rendered_england(kind, "docx")), kind


def test_a_summary_not_yet_signed_off_is_a_draft_and_cannot_be_final() -> None:
    draft = rendered_england("agency-summary", "pdf", "gp")
    assert draft.draft and "Draft v1 – 29 January 2026" in text_of(draft)
    assert not rendered_england("agency-summary", "pdf", "csc").draft
    with pytest.raises(NotApprovedError, match="the board has not approved it"):
        render(england_case(), "agency-summary", "pdf", agency="gp", draft=False)


def test_a_rapid_review_is_final_only_once_every_criterion_is_considered() -> None:
    case = england_case()
    rapid = case.rapid_review
    assert rapid is not None
    local = {letter: answer for letter, answer in rapid.criteria["local"].items() if letter != "d"}
    unsigned = rapid.model_copy(update={"criteria": {**rapid.criteria, "local": local}})
    with pytest.raises(IncompleteReportError, match=r"section '8 Local criterion \(d\)' is not written"):
        render(case.model_copy(update={"rapid_review": unsigned}), "rapid-review-report", "pdf")
    draft = unsigned.model_copy(update={"approval": rapid.approval.model_copy(update={"approved_on": None})})
    document = render(case.model_copy(update={"rapid_review": draft}), "rapid-review-report", "pdf")
    text = text_of(document)
    assert document.draft and "Before this report can be final" in text and "8 Local criterion (d)" in text


def test_the_leak_check_stops_a_public_report_that_still_names_the_child() -> None:
    case = england_case()
    assert case.review.overview_author is not None
    author = case.review.overview_author.model_copy(update={"post": "Independent Reviewer for Leo Hartigan"})
    leaky = case.model_copy(update={"review": case.review.model_copy(update={"overview_author": author})})
    with pytest.raises(LeakError, match=r"review-report\.pdf was not published"):
        render(leaky, "review-report", "pdf")


def test_every_builder_a_built_in_profile_names_is_registered() -> None:
    for framework_id in builtin_framework_ids():
        for kind in builtin_framework(framework_id).kinds.values():
            assert not BUILDERS.unknown(kind.builders), kind.id


def test_the_cli_renders_every_document_with_the_readmes_first_command(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        main, ["render", str(ENGLAND_2023), "--all", "--format", "html", "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    written = sorted(path.name for path in tmp_path.glob("*.html"))
    assert len(written) == len(planned())
    assert f"{REF}_review-report.html" in written and f"{REF}_agency-summary_nursery.html" in written


@pytest.mark.slow
def test_the_batch_renders_the_frameworks_documents_and_its_profile_counts_in_the_job_key(tmp_path: Path) -> None:
    from docgen.service.batch import run_batch

    [result] = run_batch([ENGLAND_2023], tmp_path, workers=1, formats=("html",))
    assert (result.outcome, result.reference, result.documents) == ("rendered", REF, len(planned()))
    assert (tmp_path / REF / f"{REF}_serious-incident-notification.html").is_file()
    [again] = run_batch([ENGLAND_2023], tmp_path, workers=1, formats=("html",))
    assert again.outcome == "unchanged"


def test_docgen_list_names_the_frameworks_documents() -> None:
    result = CliRunner().invoke(main, ["list", "--framework", "england-2023"])
    assert result.exit_code == 0
    assert [line.split()[0] for line in result.output.splitlines()] == KINDS_2023
    assert "agency-summary       Individual Agency Summary [confidential, one per agency" in result.output


# --- bad input ------------------------------------------------------------------------------------------------


def case_file(tmp_path: Path, change: Callable[[dict[str, Any]], None]) -> Path:
    """The example case, changed, written beside a copy of its partnership profile."""
    data = yaml.safe_load(ENGLAND_2023.read_text(encoding="utf-8"))
    change(data)
    shutil.copy(ENGLAND_2023.parent / "partnership.yaml", tmp_path / "partnership.yaml")
    path = tmp_path / "case.yaml"
    path.write_text(yaml.dump(data, Dumper=_Plain, allow_unicode=True), encoding="utf-8")
    return path


class _Plain(yaml.SafeDumper):
    """Writes a value twice rather than as an anchor and an alias (case files refuse those)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def refused(tmp_path: Path, change: Callable[[dict[str, Any]], None]) -> str:
    with pytest.raises(CaseError) as caught:
        load_case(case_file(tmp_path, change))
    return caught.value.describe()


def test_a_notification_names_at_most_four_children(tmp_path: Path) -> None:
    def five(d: dict[str, Any]) -> None:
        d["notification"]["children"] *= 5

    assert "notification.children: List should have at most 4 items" in refused(tmp_path, five)


def test_an_unharmed_child_is_not_notified_but_told_of_in_the_further_information(tmp_path: Path) -> None:
    def unharmed(d: dict[str, Any]) -> None:
        d["notification"]["children"].append(
            {"person": "sister", "harm": "Involved, not harmed", "social_care": "Not known to children's social care"}
        )

    message = refused(tmp_path, unharmed)
    assert "notification.children[1]" in message
    assert "a child involved but not harmed is not one of the children notified" in message
    assert "further_information" in message and "Traceback" not in message


def test_a_decision_the_framework_does_not_offer_is_refused(tmp_path: Path) -> None:
    def outcome(d: dict[str, Any]) -> None:
        d["rapid_review"]["decision"]["outcome"] = "A serious case review"

    message = refused(tmp_path, outcome)
    assert "rapid_review.decision.outcome: not one of the framework's decision options" in message
    assert "A local child safeguarding practice review; No local child safeguarding practice review" in message


def test_a_decision_to_hold_no_review_in_a_local_review_is_refused(tmp_path: Path) -> None:
    def none(d: dict[str, Any]) -> None:
        d["rapid_review"]["decision"]["outcome"] = "No local child safeguarding practice review"

    letters = load_case(case_file(tmp_path, none))
    with pytest.raises(NotSupportedError, match=r"rapid_review\.decision\.outcome: the letter follows a decision"):
        render(letters, "letter-3", "pdf")


def test_criteria_and_partners_the_framework_and_board_do_not_know_are_refused(tmp_path: Path) -> None:
    def unknown(d: dict[str, Any]) -> None:
        d["rapid_review"]["criteria"]["local"]["e"] = {"met": "No", "reasons": "x"}
        d["rapid_review"]["sign_off"][0]["partner"] = "fire"

    message = refused(tmp_path, unknown)
    assert "rapid_review.criteria.local.e: unknown criterion 'e' (known: a, b, c, d)" in message
    assert "rapid_review.sign_off[0].partner: unknown partner 'fire' (known: icb, la, police)" in message


def test_the_review_type_must_be_the_one_the_decision_holds(tmp_path: Path) -> None:
    def rapid(d: dict[str, Any]) -> None:
        d["review"]["type"] = "Rapid Review"

    assert "review.type: the review is a Rapid Review but the decision holds a Local Child" in refused(tmp_path, rapid)


def test_an_incident_without_abuse_or_neglect_is_notified_only_for_a_looked_after_childs_death(
    tmp_path: Path,
) -> None:
    def neither(d: dict[str, Any]) -> None:
        d["notification"]["abuse_or_neglect"] = "Neither known nor suspected"

    assert "only the death of a child of these statuses is: looked-after child or care leaver" in refused(
        tmp_path, neither
    )


def test_a_looked_after_childs_death_is_notified_without_a_rapid_review(tmp_path: Path) -> None:
    def notify_only(d: dict[str, Any]) -> None:
        d["notification"]["abuse_or_neglect"] = "Neither known nor suspected"
        d["notification"]["children"] = [{**d["notification"]["children"][0], "harm": "Died"}]
        d["notification"]["children"][0]["statuses"] = ["Looked-after child"]

    case = load_case(case_file(tmp_path, notify_only))
    form = text_of(render(case, "serious-incident-notification", "pdf"))
    assert "Notified; no rapid review is held." in form
    assert "the Child Safeguarding Practice Review Panel does not consider the death" in form
    notice = text_of(render(case, "partner-notice", "docx"))
    assert "no rapid review is held" in notice and "Please arrange a rapid review" not in notice


def care_leaver(born: str) -> Callable[[dict[str, Any]], None]:
    """The notified child a care leaver born on that day who died, abuse suspected."""

    def change(d: dict[str, Any]) -> None:
        d["child"]["date_of_birth"] = born
        d["notification"]["children"] = [{**d["notification"]["children"][0], "harm": "Died"}]
        d["notification"]["children"][0]["statuses"] = ["Care leaver"]

    return change


def test_a_care_leavers_death_from_18_is_notified_with_no_review_whatever_the_cause(tmp_path: Path) -> None:
    case = load_case(case_file(tmp_path, care_leaver("2006-09-01")))  # 19 at the incident
    assert case.notification is not None and case.notification.abuse_or_neglect.value == "Suspected"
    form = squash(text_of(render(case, "serious-incident-notification", "pdf")))
    assert "Notified; no rapid review is held." in form
    assert "is notified to the Secretary of State and Ofsted. It does not require a rapid review" in form
    notice = text_of(render(case, "partner-notice", "docx"))
    assert "Please arrange a rapid review" not in notice and "does not require a rapid review" in notice


def test_a_care_leaver_under_18_is_a_child_whose_rapid_review_is_held(tmp_path: Path) -> None:
    case = load_case(case_file(tmp_path, care_leaver("2008-09-01")))  # 17 at the incident
    form = squash(text_of(render(case, "serious-incident-notification", "pdf")))
    assert "A rapid review is held" in form and "Notified; no rapid review is held." not in form


def test_a_case_of_the_framework_needs_its_notification(tmp_path: Path) -> None:
    def without(d: dict[str, Any]) -> None:
        del d["notification"]

    assert "notification: this field is required by the england-2023 framework" in refused(tmp_path, without)


def test_the_framework_may_be_named_in_the_review_but_only_once(tmp_path: Path) -> None:
    def inside(d: dict[str, Any]) -> None:
        d["review"]["framework"] = d.pop("framework")

    case = load_case(case_file(tmp_path, inside))
    assert case.framework.id == "england-2023" and case.framework == england_case().framework

    def twice(d: dict[str, Any]) -> None:
        d["review"]["framework"] = "england-2009"

    message = refused(tmp_path, twice)
    assert "review.framework" in message and "the framework is named twice, at the top and in review" in message
    assert "line " in message


def test_the_decision_says_whether_the_partners_think_a_national_review_may_be_appropriate() -> None:
    case = england_case()
    assert case.rapid_review and case.rapid_review.decision
    assert decision_sentence(case).endswith("They do not consider a national review appropriate.")
    decision = case.rapid_review.decision.model_copy(update={"national_review": YesNo.YES})
    rapid = case.rapid_review.model_copy(update={"decision": decision})
    national = decision_sentence(case.model_copy(update={"rapid_review": rapid}))
    assert national == (
        "On 5 February 2026 the safeguarding partners decided to commission a local child safeguarding practice"
        " review. They consider that a national review may be appropriate."
    )


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_report_cites_the_criteria_it_was_held_under_and_the_partners_view_on_a_national_review(fmt: str) -> None:
    text = squash(quotes_folded(text_of(render(england_case(), "review-report", fmt))))
    for wording in (
        "The review was held under regulation 11 of the Child Safeguarding Practice Review and Relevant Agency"
        " (England) Regulations 2018; after their rapid review, the safeguarding partners found that the case met"
        " these criteria for a local child safeguarding practice review:",
        "In the safeguarding partners' view the case also met these criteria for a national child safeguarding"
        " practice review, a review on which the Child Safeguarding Practice Review Panel decides:",
    ):
        assert squash(wording) in text, wording
    assert "The rapid review found that the case met these criteria:" not in text


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_report_the_partners_do_not_publish_keeps_its_protective_marking(fmt: str) -> None:
    """The example's partners decided not to publish the report: its final is marked; a published one is not."""
    unpublished = text_of(render(england_case(), "review-report", fmt))
    assert "OFFICIAL-SENSITIVE" in unpublished
    published = text_of(render(load_case(ENGLAND_2023.parent.parent / "corpus" / "england-2023-published.yaml"),
                               "review-report", fmt))  # fmt: skip
    assert "OFFICIAL-SENSITIVE" not in published


# --- a partnership's own start for a clock --------------------------------------------------------------------


def started_case(tmp_path: Path, starts: dict[str, Any]) -> Path:
    """The example case beside a copy of its partnership profile that starts some clocks elsewhere."""
    profile = yaml.safe_load((ENGLAND_2023.parent / "partnership.yaml").read_text(encoding="utf-8"))
    profile["clock_starts"] = starts
    (tmp_path / "partnership.yaml").write_text(yaml.dump(profile, allow_unicode=True), encoding="utf-8")
    data = yaml.safe_load(ENGLAND_2023.read_text(encoding="utf-8"))
    data["notification"]["partners_notified_on"] = "2026-01-13"  # told two working days before the notification
    path = tmp_path / "case.yaml"
    path.write_text(yaml.dump(data, Dumper=_Plain, allow_unicode=True), encoding="utf-8")
    return path


PARTNERS_TOLD = {
    "rapid-review": {
        "after": "notify-partners",
        "timescale": "Within 15 working days of the safeguarding partners being told of the incident",
    }
}


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_partnership_starts_the_rapid_reviews_clock_when_it_was_told(tmp_path: Path, fmt: str) -> None:
    case = load_case(started_case(tmp_path, PARTNERS_TOLD))
    text = squash(text_of(render(case, "timetable", fmt)))
    assert "Within 15 working days of the safeguarding partners being told of the incident" in text
    assert "03/02/2026" in text, "due 15 working days after 13 January"
    default = squash(text_of(render(england_case(), "timetable", fmt)))
    assert "Within 15 working days of the notification" in default and "05/02/2026" in default


@pytest.mark.parametrize(
    ("starts", "said"),
    [
        ({"rapid": PARTNERS_TOLD["rapid-review"]}, "board.clock_starts: the timetable has no step 'rapid'"),
        ({"notify-panel": {"after": "rapid-review", "timescale": "x"}}, "counts from itself"),
        ({"rapid-review": {"after": "nowhere", "timescale": "x"}}, "counts from unknown 'nowhere'"),
    ],
)
def test_a_start_the_timetable_cannot_take_is_refused_in_plain_words(
    tmp_path: Path, starts: dict[str, Any], said: str
) -> None:
    with pytest.raises(CaseError) as caught:
        load_case(started_case(tmp_path, starts))
    assert said in caught.value.describe() and "Traceback" not in caught.value.describe()


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_a_rapid_review_may_find_the_criteria_not_met_after_all(tmp_path: Path, fmt: str) -> None:
    def not_met(d: dict[str, Any]) -> None:
        d["rapid_review"]["decision"]["outcome"] = "Criteria not met"
        d["rapid_review"]["decision"]["rationale"] = "The medical evidence showed that the injury was accidental."
        d["review"]["type"] = "Rapid Review"

    case = load_case(case_file(tmp_path, not_met))
    letter = squash(quotes_folded(text_of(render(case, "panel-letter", fmt))))
    assert (
        "the safeguarding partners decided that the case does not meet the criteria for a serious child safeguarding"
        " case after all, so that no local child safeguarding practice review is held." in letter
    )
    assert "national review" not in letter and "the case meets" not in letter, "no review, and no criteria, considered"
    assert decision_sentence(case).endswith("is held."), "no national review is considered"
    report = squash(text_of(render(case, "rapid-review-report", fmt)))
    assert "Not considered: see the decision." in report and "8.1 Criteria for a local" not in report


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_the_rapid_reviews_chronology_has_the_frameworks_own_headings(fmt: str) -> None:
    report = squash(quotes_folded(text_of(rendered_england("rapid-review-report", fmt))))
    assert "Event, and whether the child was seen" in report
    assert "Significance and analysis, including good practice" in report
    assert "Management Review Officer" not in report


def test_a_heading_for_a_column_docgen_does_not_have_is_the_profiles_mistake() -> None:
    from docgen.derive.columns import renamed
    from docgen.errors import UsageError
    from docgen.rendering.report_context import SPECS

    with pytest.raises(UsageError) as caught:
        renamed(SPECS, {"chronology": {"remarks": "Remarks"}})
    assert "column 'chronology.remarks'" in str(caught.value)
    with pytest.raises(UsageError):
        renamed(SPECS, {"chronicle": {"comments": "x"}})

"""De-identification beyond names: the published finals hold no name, place or locating agency of the case,
their dates are as exact as the board allows, ages are given one way, addresses become situations."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from docgen import LeakError, render
from docgen.gate import check_no_leak
from docgen.model import Case, DatePrecision
from docgen.passes.anonymise import anonymise_case
from docgen.passes.generalise import generalise_dates, situation, staff
from docgen.text.dates import long_date

from .approved import approved_case, final
from .conftest import quotes_folded, sample_case, text_of

PUBLISHED = [(kind, fmt) for kind in ("executive-summary", "overview-report") for fmt in ("docx", "pdf")]
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"


def identifying(case: Case) -> set[str]:
    """Every name part of the case's people, the names of the agencies that would locate the family, the
    places outside the board's area, and the streets and towns of the people's addresses."""
    people = [case.subject, *case.family, *case.professionals, *case.victims]
    words = {w for p in people for n in (p.first_name, p.last_name, *p.middle_names, *p.known_as) for w in n.split()}
    words |= {w for p in people for w in " ".join(p.other_names).split()}
    words = {part for w in words for part in w.split("-") if len(part) > 2}
    words |= {n for a in case.agencies if case.locates_family(a) for n in (a.name, *a.other_names)}
    words |= {c.name for a in case.agencies if case.locates_family(a) for c in staff(a).values()}
    words |= {n for p in case.places for n in (p.name, *p.other_names)}
    addresses = [r.address for r in (case.subject, *case.family, *case.victims) if r.address]
    words |= {re.sub(r"^[\d\s,]+", "", line) for a in addresses for line in a.lines} | {
        a.town for a in addresses if a.town
    }
    return words - {case.board.area}


def found(words: set[str], text: str) -> list[str]:
    return sorted(w for w in words if re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", text, re.IGNORECASE))


@pytest.mark.slow
@pytest.mark.parametrize(("kind", "fmt"), PUBLISHED)
def test_published_finals_hold_no_name_place_or_locating_agency_of_the_case(kind: str, fmt: str) -> None:
    case = approved_case()
    document = final(kind, fmt)
    assert document.anonymised and not document.draft
    assert found(identifying(case), text_of(document)) == []
    named = render(case, "overview-report", fmt, draft=True, anonymise=False)
    assert found(identifying(case), text_of(named)), "the check finds them in the named draft"


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_locating_agencies_are_called_by_their_kind_and_places_are_generalised(fmt: str) -> None:
    overview = text_of(final("overview-report", fmt))
    for said in (
        "The GP practice",
        "The nursery",
        "The housing provider",
        "a local authority in Wales",
        "Addressed to: the proprietor of the nursery",
        "The tenancy services manager of the housing provider",
    ):
        assert said in overview, said
    assert "from the Welsh Flying Start health visiting team" in overview  # 'the Caerwen Flying Start …'
    assert "a local authority in Wales, Wales" not in overview and "in Wales in Wales" not in overview
    summary = text_of(final("executive-summary", fmt))
    assert "the GP practice; Northbrook General Hospital NHS Foundation Trust; the nursery;" in summary
    assert "Northbrook Constabulary" in summary, "agencies that do not locate the family keep their names"


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_public_dates_are_month_and_year(fmt: str) -> None:
    case = approved_case()
    text = text_of(final("executive-summary", fmt))
    exact = set(re.findall(rf"\b\d{{1,2}} (?:{MONTHS}) \d{{4}}\b", text))
    summary = case.executive_summary
    assert summary and exact == {long_date(summary.date), long_date(summary.approval.approved_on)}, (
        "only the report's own dates: written and approved"
    )
    assert "decision to end the child protection plan in January 2026" in text
    assert "covering the period from September 2024 to February 2026" in text
    overview = text_of(final("overview-report", fmt))
    assert "on 29 January 2026" in overview, "the Overview Report keeps its exact dates (its chronology needs them)"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("precision", "said"),
    [
        (DatePrecision.EXACT, "on 29 January 2026"),
        (DatePrecision.YEAR, "in 2026"),
        (DatePrecision.MONTH, "in January 2026"),
    ],
)
def test_the_board_sets_how_exact_public_dates_are(precision: DatePrecision, said: str) -> None:
    case = approved_case()
    board = case.board.model_copy(update={"public_dates": precision})
    text = text_of(render(case.model_copy(update={"board": board}), "executive-summary", "pdf"))
    assert f"decision to end the child protection plan {said}." in text


@pytest.mark.parametrize(
    ("text", "month", "year"),
    [
        (
            "On Saturday 21 February 2026 Poppy was admitted.",
            "In February 2026 Poppy was admitted.",
            "In 2026 Poppy was admitted.",
        ),
        (
            "absent 16–18 February; seen 3rd of March 2025",
            "absent February; seen March 2025",
            "absent 16–18 February; seen 2025",
        ),
        ("dated 21/02/2026 and 2026-03-13", "dated February 2026 and March 2026", "dated 2026 and 2026"),
        ("aged 2 years 9 months in May 2024", "aged 2 years 9 months in May 2024", "aged 2 years 9 months in 2024"),
    ],
)
def test_generalise_dates(text: str, month: str, year: str) -> None:
    assert generalise_dates(text, DatePrecision.MONTH) == month
    assert generalise_dates(text, DatePrecision.YEAR) == year
    assert generalise_dates(text, DatePrecision.EXACT) == text


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_one_age_at_the_incident_given_the_same_way_everywhere(fmt: str) -> None:
    summary, overview = text_of(final("executive-summary", fmt)), text_of(final("overview-report", fmt))
    assert "aged 2 years 9 months at the time of the incident" in summary
    assert "Poppy (the subject child) 2 years 9 months Yes" in summary
    assert "Poppy (subject child) 2 years 9 months the family home" in overview


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_household_tables_keep_each_person_s_own_situation(fmt: str) -> None:
    overview = quotes_folded(text_of(final("overview-report", fmt)))
    assert "Person Age Address Ethnic origin Lived in the household" in overview
    for said in (
        "Mother's partner 32 years in custody",
        "Half-brother 1 (maternal) 18 years lives in a local authority in Wales",
        "Father 38 years lives elsewhere in the area",
    ):
        assert said in overview, said


def test_situations_come_from_the_case_then_from_the_address() -> None:
    case = sample_case()
    members = {m.id: m for m in case.family}
    assert [situation(members[i], case) for i in ("mother", "partner", "sibling-1", "father")] == [
        "the family home",
        "in custody",
        "lives in a local authority in Wales",
        "lives elsewhere in the area",
    ]


def test_the_family_home_is_called_so_in_every_text() -> None:
    text = " ".join(e.event + " " + (e.response or "") for e in anonymise_case(sample_case()).chronology)
    assert "gave his new address as the family home" in text and "not to attend the family home" in text
    assert "Larkspur" not in text


def test_a_support_service_s_address_and_number_are_kept() -> None:
    letter = text_of(render(sample_case(), "letter-5", "pdf", to="mother", anonymise=True))
    assert "Northbrook Family Advocacy, 4 Chapel Walk, Northbrook NB1 6CW, telephone 01632 960 455" in letter


def test_texts_the_author_keeps_are_not_redacted() -> None:
    case = sample_case()
    assert case.executive_summary
    helpline = "the National Domestic Abuse Helpline on 0808 2000 247"
    summary = case.executive_summary.model_copy(update={"conclusions": f"Anyone affected may call {helpline}."})
    redacted = anonymise_case(case.model_copy(update={"executive_summary": summary}))
    assert redacted.executive_summary and "[phone number removed]" in (redacted.executive_summary.conclusions or "")
    keep = case.anonymisation.model_copy(update={"keep": [helpline]})
    kept = anonymise_case(case.model_copy(update={"executive_summary": summary, "anonymisation": keep}))
    assert kept.executive_summary and helpline in (kept.executive_summary.conclusions or "")


def test_an_agency_named_like_the_child_s_nursery_no_longer_stops_the_executive_summary() -> None:
    case = approved_case()
    child = case.subject.model_copy(update={"educational_establishment": "Little Acorns Day Nursery"})
    agencies = [a.model_copy(update={"kind": None}) if a.id == "nursery" else a for a in case.agencies]
    changed = case.model_copy(update={"subject": child, "agencies": agencies})
    assert changed.locates_family(changed.agency("nursery")), "the child's own nursery locates the family"
    text = text_of(render(changed, "executive-summary", "pdf"))
    assert "Little Acorns" not in text and "the organisation;" in text


@pytest.mark.parametrize(
    ("words", "what"), [("Caerwen", "place name of places[0]"), ("Little Acorns", "agency name of agencies[5]")]
)
def test_a_place_or_locating_agency_left_in_a_document_stops_it(tmp_path: Path, words: str, what: str) -> None:
    case = sample_case()
    with pytest.raises(LeakError) as caught:
        check_no_leak(case, f"<p>She went to {words} in 2024.</p>".encode(), "html", "x.html")
    assert what in caught.value.describe() and words not in caught.value.describe()

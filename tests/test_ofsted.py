"""The Ofsted notification (Appendix IX) as it stood on the day it was sent: every field and tick-box, real Word
check-boxes, fixed column widths, and the regulator's details from the framework profile."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from enum import Enum
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from docgen import Case, NotSupportedError, load_case, render
from docgen.cli.commands import main
from docgen.gate.extract import pdf_pages_text
from docgen.model import options
from docgen.text.dates import form_date

from .conftest import CASES, SAMPLE, quotes_folded, text_of

FORMATS = ["docx", "pdf"]
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"


def check(text: str, expected: list[str]) -> None:
    assert [phrase for phrase in expected if quotes_folded(phrase) not in quotes_folded(text)] == []


def ticks(text: str, options_: list[Enum], chosen: list[Enum]) -> None:
    """Each option of a tick-box list is printed with ☒ when chosen and ☐ when not."""
    for option in options_:
        box = "☒" if option in chosen else "☐"
        assert quotes_folded(f"{box} {option.value}") in quotes_folded(text), f"{box} {option.value}"


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_field_and_tick_box(case: Case, text: Callable[..., str], fmt: str) -> None:
    ofsted, incident, child = case.ofsted, case.incident, case.subject
    assert ofsted and incident and child.date_of_birth
    body = text("ofsted-notification", fmt)
    check(
        body,
        [
            "CONFIDENTIAL",
            "Notification of serious childcare incident",
            "1. Notifier details",
            "Local authority",
            "Telephone number",
            "Date notified (dd/mm/yyyy)",
            "Linked cases",
            "2. Reason for notification (more than one box may be ticked)",
            "Working together to safeguard children, Chapter 8.",
            "Children Act 1989 Schedule 2 paragraph 20(1)(a)",
            "3. Child details",
            "Child’s last name(s)",
            "Child’s forename(s)",
            "Other names used",
            "Child’s date of birth (dd/mm/yyyy)",
            "Age (if no DOB known)",
            "Parents’ names",
            "Siblings’ names and ages",
            "Family note to identify key family relationships",
            "We collect this data for monitoring purposes only.",
            *options.ETHNIC_GROUPS,
            "Is the child on the Child Protection Register?",
            "Category of registration",
            "Are any siblings on the Child Protection Register?",
            "Legal status",
            "Does the child have a disability that affects any of the following?",
            "Please tick those that apply.",
            "4. Incident details",
            "Local authority where incident took place",
            "Responsible local authority",
            "Date of incident (dd/mm/yyyy)",
            "Type of incident",
            "Residence/placement at time of incident",
            "Name of institution (if accommodated)",
            "Institution sector",
            "Cause of incident",
            "Case outline",
            "Characteristics of case",
            "Is this case linked to a complex abuse investigation?",
            "Name(s) of alleged abuser(s)",
            "Name(s) of person(s) charged and relationship to child",
            "Have criminal proceedings been instigated?",
            "Has there been a conviction?",
            "Media interest",
            ofsted.local_authority,
            ofsted.notifier,
            ofsted.role,
            ofsted.telephone,
            form_date(ofsted.date_notified),
            child.last_name,
            child.first_name,
            form_date(child.date_of_birth),
            form_date(incident.date),
            *(m.full_name for m in case.family if m.id in ofsted.parents),
        ],
    )
    reasons_text = body[body.index("2. Reason for notification") : body.index("3. Child details")]
    for reason in options.NotificationReason:
        assert quotes_folded(reason.value) in quotes_folded(reasons_text)
    assert reasons_text.count("☒") == len(ofsted.reasons)
    assert reasons_text.count("☐") == len(options.NotificationReason) - len(ofsted.reasons)
    ticks(body, list(options.Ethnicity), [child.ethnicity])
    ticks(body, list(options.Gender), [child.gender])
    ticks(body, list(options.DisabilityArea), list(child.disability_areas))
    ticks(body, list(options.IncidentType), [incident.type])
    ticks(body, list(options.Residence), [incident.residence])
    ticks(body, list(options.Cause), list(incident.causes))
    ticks(body, list(options.Characteristic), list(incident.characteristics))
    ticks(body, list(options.MediaInterest), [incident.media_interest])
    ticks(body, list(options.InstitutionSector), [incident.institution_sector] if incident.institution_sector else [])


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_form_reports_what_held_on_the_notification_date(case: Case, text: Callable[..., str], fmt: str) -> None:
    """25 February 2026: the Emergency Protection Order of 24 February held, the Police Protection Order had ended
    and the interim care order of 27 February was still to come; the partner had been charged the day before."""
    body = text("ofsted-notification", fmt)
    ticks(body, list(options.LegalStatus), [options.LegalStatus.EMERGENCY_PROTECTION_ORDER])
    assert case.subject.legal_status_other and case.subject.legal_status_other not in body
    ticks(body, list(options.YesNoPossible), [options.YesNoPossible.YES])
    check(body, ["Kieran Declan O’Brien (Mother's partner)"])
    assert re.search(r"Has there been a conviction\? ☐ Yes ☒ No", body)


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_siblings_are_the_childs_brothers_and_sisters_only(text: Callable[..., str], fmt: str) -> None:
    """Rhys and Jac (half-brothers) are listed; Jac's father ('Half-brother's father'), the parents and the
    mother's partner never are."""
    body = text("ofsted-notification", fmt)
    cell = body[body.index("Siblings’ names and ages") : body.index("Family note")]
    assert "Rhys" in cell and "Jac" in cell
    assert not any(name in cell for name in ("Darren", "Siân", "Paweł", "Kieran"))


@pytest.mark.parametrize("fmt", FORMATS)
def test_an_arrest_without_charge_is_a_possible_prosecution(fmt: str) -> None:
    """The SCR case: arrested on 1 March, charged on 20 March, notified on 10 March; the care order made on the
    notification day holds; the child had died by then."""
    body = text_of(render(load_case(CASES / "scr-death.yaml"), "ofsted-notification", fmt))
    ticks(body, list(options.YesNoPossible), [options.YesNoPossible.POSSIBLE])
    ticks(body, list(options.LegalStatus), [options.LegalStatus.CARE_ORDER])
    check(body, ["Name(s) of person(s) charged and relationship to child No one", "28/02/2026"])


def test_a_death_after_the_notification_is_not_on_it(case: Case) -> None:
    died = case.model_copy(update={"subject": case.subject.model_copy(update={"date_of_death": dt.date(2026, 3, 2)})})
    body = text_of(render(died, "ofsted-notification", "pdf"))
    assert "02/03/2026" not in body
    check(body, ["☒ Serious injury", "☐ Death"])


def test_other_please_specify_carries_its_text(case: Case) -> None:
    assert case.incident
    other = case.model_copy(
        update={
            "incident": case.incident.model_copy(
                update={
                    "residence": options.Residence.OTHER,
                    "residence_other": "Staying with a family friend",
                    "causes": [options.Cause.OTHER],
                    "cause_other": "Fall from a window",
                }
            ),
            "subject": case.subject.model_copy(
                update={
                    "legal_status": [options.LegalStatus.OTHER],
                    "legal_status_other": "Special guardianship order",
                    "ethnicity": options.Ethnicity.OTHER,
                    "ethnicity_other": "Kurdish",
                }
            ),
        }
    )
    body = text_of(render(other, "ofsted-notification", "pdf"))
    check(
        body,
        [
            "☒ Other (please specify): Staying with a family friend",
            "☒ Other (please specify): Fall from a window",
            "☒ Other (please specify): Special guardianship order",
            "☒ Any other ethnic group (please specify): Kurdish",
            "☐ Living at home",
        ],
    )


def later_outline(tmp_path: Path) -> Path:
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    data["board"] = yaml.safe_load((SAMPLE.parent / data["board"]).read_text(encoding="utf-8"))  # inline
    data["incident"]["outline"] += " She was placed with her grandmother on 12 March 2026."
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_a_narrative_of_a_later_day_is_refused(tmp_path: Path) -> None:
    case = load_case(later_outline(tmp_path))
    with pytest.raises(NotSupportedError) as caught:
        render(case, "ofsted-notification", "pdf")
    message = caught.value.describe()
    assert "incident.outline" in message and "12 March 2026" in message and "ofsted.date_notified" in message


@pytest.mark.slow
def test_the_command_line_refuses_it_with_exit_2_and_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", str(later_outline(tmp_path)), "--all", "--out", str(out)])
    assert result.exit_code == 2
    assert "incident.outline" in result.output and "Traceback" not in result.output
    assert not out.exists() or not any(out.iterdir())


def test_docx_tick_boxes_are_word_check_boxes(case: Case) -> None:
    """Every box is a check-box content control, ticked as the case says; the HTML marks the same boxes."""
    docx = render(case, "ofsted-notification", "docx").content
    html = render(case, "ofsted-notification", "html").content.decode("utf-8")
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        document = package.read("word/document.xml").decode("utf-8")
    checked = re.findall(rf'<w14:checked(?: xmlns:w14="{W14}")? w14:val="([01])"', document)
    assert len(checked) == html.count('role="checkbox"') > 100
    assert checked.count("1") == html.count('aria-checked="true"') >= 10
    assert document.count("<w14:checkbox>") == len(checked)


def test_tables_have_fixed_widths_and_values_stay_whole(case: Case) -> None:
    docx = render(case, "ofsted-notification", "docx").content
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        document = package.read("word/document.xml").decode("utf-8")
    assert document.count("<w:tbl>") == document.count('<w:tblLayout w:type="fixed"/>') > 10
    pages = pdf_pages_text(render(case, "ofsted-notification", "pdf").content)
    lines = [line.replace("\xa0", " ") for page in pages for line in page.split("\n")]
    assert case.ofsted is not None
    assert any(case.ofsted.telephone in line for line in lines), "the telephone number on one line"
    labelled = lines[next(i for i, line in enumerate(lines) if line.startswith("3. Child details")) :]
    assert not [line for line in labelled if line.rstrip().endswith(("☐", "☒"))], "each box on its label's line"


def test_the_regulator_comes_from_the_framework_profile(case: Case, tmp_path: Path) -> None:
    regulator = case.framework.regulator_body
    assert regulator.address and regulator.phone
    body = text_of(render(case, "ofsted-notification", "pdf"))
    check(body, [f"{regulator.name}’s {regulator.unit}, {regulator.address.one_line()}", regulator.phone])
    other = case.framework.model_copy(
        update={
            "bodies": {**case.framework.bodies, "regulator": regulator.model_copy(update={"phone": "0161 496 0000"})}
        }
    )
    body = text_of(render(case.model_copy(update={"framework": other}), "ofsted-notification", "pdf"))
    assert "0161 496 0000" in body and regulator.phone not in body

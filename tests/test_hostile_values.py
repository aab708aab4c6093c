"""Extreme values in case files and profiles: far dates, huge clocks, numbers too long to read, lone surrogates,
and board templates failing on a case value. Each is refused with one plain message (exit 2) naming the file,
line and field, never the value, in bounded time, with nothing written.

The command line runs in a child process bounded in memory and CPU time (`docgen` from test_hostile).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from docgen import Case, CaseError, DocgenError, load_case, parse_case, render
from docgen.limits import EARLIEST_DATE, LATEST_DATE, MAX_CLOCK, MAX_NUMBER_DIGITS, MAX_TIMETABLE_STEPS

from .conftest import ROOT, SAMPLE
from .test_case_errors import minimal_with, write
from .test_hostile import MINIMAL, docgen, minimal_data, refused

FRAMEWORK = ROOT / "frameworks" / "england-2009.yaml"
NAME = "Zebedeequux"
"""A child's first name that no message may repeat."""


def sample_in(folder: Path, *changes: tuple[str, str]) -> Path:
    """The example case (its board beside it) with each (pattern, replacement) made once, in `folder`."""
    text = SAMPLE.read_text(encoding="utf-8")
    for pattern, replacement in changes:
        text, count = re.subn(pattern, replacement.replace("\\", "\\\\"), text, count=1, flags=re.M)
        assert count == 1, pattern
    (folder / "boards").mkdir(exist_ok=True)
    (folder / "boards" / "northbrook.yaml").write_bytes((SAMPLE.parent / "boards" / "northbrook.yaml").read_bytes())
    return write(folder, text)


def line_in(path: Path, start: str) -> int:
    """The number of the first line of a file that starts with `start` (after its indentation)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.strip().startswith(start))


NO_STEP_DATES = (r"^  step_dates:\n(?:    .*\n)+", "")
"""The example case records dates for the seed's steps; a framework of other steps cannot have them."""


def framework() -> dict[str, Any]:
    return yaml.safe_load(FRAMEWORK.read_text(encoding="utf-8"))


# --- 1. dates near year 9999, and far back ---------------------------------------------------------------------

FAR_DATES = [
    (r"^  date: 2026-03-13$", "  date: 9999-12-30", "date: 9999", "decision.date: not a date docgen accepts"),
    (r"^  date: 2026-02-24$", "  date: 9999-12-31", "date: 9999", "referral.date: not a date docgen accepts"),
    (r"^  date_notified: 2026-02-25$", "  date_notified: 9999-12-29", "date_notified:", "ofsted.date_notified: not"),
    (r"^    board-meeting: 2026-11-17$", "    board-meeting: 9999-12-31", "step_dates:", "review.step_dates: the date"),
    (r"^  date_of_birth: 2023-05-18$", "  date_of_birth: 0001-01-01", "date_of_birth:", "subject.date_of_birth: not"),
]


@pytest.mark.slow
@pytest.mark.parametrize(("pattern", "far", "line", "field"), FAR_DATES, ids=[f[1].strip() for f in FAR_DATES])
def test_a_far_date_is_refused_at_validation_naming_its_field_and_line(
    tmp_path: Path, pattern: str, far: str, line: str, field: str
) -> None:
    path = sample_in(tmp_path, (pattern, far))
    expected = f"line {line_in(path, line)}, field {field}"
    message = refused(docgen("validate", path), expected, f"give a date from {EARLIEST_DATE:%Y} to {LATEST_DATE:%Y}")
    assert message.count("\n") == 2 and far.split(": ")[1] not in message


@pytest.mark.slow
def test_far_dates_stop_the_timetable_and_the_documents_before_anything_is_written(tmp_path: Path) -> None:
    path = sample_in(tmp_path, FAR_DATES[0][:2])
    ics, out = tmp_path / "review.ics", tmp_path / "out"
    refused(docgen("timetable", path, "--ics", ics), "field decision.date: not a date docgen accepts")
    refused(docgen("render", path, "--all", "--format", "html", "--out", out), "field decision.date")
    assert not ics.exists() and not out.exists()
    with pytest.raises(CaseError) as caught:
        parse_case(path.read_text(encoding="utf-8"), base=tmp_path)
    [problem] = caught.value.problems
    assert (problem.path, problem.line) == ("decision.date", line_in(path, "date: 9999-12-30"))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("day", "accepted"),
    [("1930-06-01", True), ("1850-01-01", True), ("2100-12-31", True), ("1849-12-31", False), ("2101-01-01", False)],
)
def test_dates_of_birth_of_grandparents_are_accepted_within_the_limits(
    tmp_path: Path, day: str, accepted: bool
) -> None:
    path = sample_in(tmp_path, (r"^    date_of_birth: 1964-12-02$", f"    date_of_birth: {day}"))
    if accepted:
        assert dt.date.fromisoformat(day) in {person.date_of_birth for person in load_case(path).family}
        return
    with pytest.raises(CaseError) as caught:
        load_case(path)
    [problem] = caught.value.problems
    assert re.fullmatch(r"family\[\d+\]\.date_of_birth", problem.path) and day not in problem.message


def test_a_timetable_counting_in_years_whose_bank_holidays_are_unknown_is_refused(tmp_path: Path) -> None:
    """1860 is a date the case may hold (a great-grandparent's birth), but no bank holidays are known for it."""
    path = sample_in(tmp_path, (r"^  date: 2026-03-13$", "  date: 1860-03-13"), NO_STEP_DATES)
    refused(docgen("timetable", path), "working days cannot be counted in a year whose bank holidays are not known")


def test_a_chain_of_long_clocks_that_runs_past_the_limits_is_refused(tmp_path: Path) -> None:
    """Forty steps each due five years after the one before: the deadlines would run to 2226 (and with some 1,600
    steps past year 9999)."""
    profile = framework()
    step = {"title": "A step", "timescale": "Five years on", "action": "Wait.", "responsible": [{"role": "Chair"}]}
    profile["timetable"]["steps"] = [
        {**step, "id": f"s{n}", "clock": {"after": f"s{n - 1}" if n else "decision", "months": MAX_CLOCK["months"]}}
        for n in range(40)
    ]
    (tmp_path / "chain.json").write_text(json.dumps(profile, default=str), encoding="utf-8")
    framework_line = "board: boards/northbrook.yaml\nframework: chain.json"
    path = sample_in(tmp_path, (r"^board: .*$", framework_line), NO_STEP_DATES)
    ics = tmp_path / "review.ics"
    refused(docgen("timetable", path, "--ics", ics), "the deadline of step 's14' would fall outside the years")
    assert not ics.exists()


# --- 2. profile clocks too large to add ------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("unit", "amount", "expected"),
    [
        ("working_days", 10**12, f"less than or equal to {MAX_CLOCK['working_days']}"),
        ("months", 10**12, f"less than or equal to {MAX_CLOCK['months']}"),
        ("days", MAX_CLOCK["days"] + 1, f"less than or equal to {MAX_CLOCK['days']}"),
        ("weeks", -1, "greater than or equal to 0"),
    ],
)
def test_a_profile_clock_beyond_the_limit_names_the_profile_file_line_and_field(
    tmp_path: Path, unit: str, amount: int, expected: str
) -> None:
    profile = framework()
    profile["timetable"]["steps"][3]["clock"] = {"after": "decision", unit: amount}
    framework_file = write(tmp_path, yaml.safe_dump(profile, sort_keys=False), "far.yaml")
    path = minimal_with(tmp_path, "board:", "framework: far.yaml\nboard:")
    line = line_in(framework_file, f"{unit}: {amount}")
    field = f"field framework.timetable.steps[3].clock.{unit}"
    refused(docgen("validate", path), f"{framework_file}, line {line}, {field}: Input should be {expected}")


def test_a_timetable_of_too_many_steps_is_refused_at_once() -> None:
    """Each step's clock is followed back to its event: 5,000 chained steps took seconds to check, 70,000 (8 MB)
    would take many minutes."""
    profile = framework()
    step = profile["timetable"]["steps"][0]
    profile["timetable"]["steps"] = [
        {**step, "id": f"s{n}", "clock": {"after": f"s{n - 1}" if n else "decision"}}
        for n in range(MAX_TIMETABLE_STEPS + 1)
    ]
    with pytest.raises(CaseError) as caught:
        parse_case({**minimal_data(), "framework": profile})
    [problem] = caught.value.problems
    assert problem.path == "framework.timetable.steps" and f"at most {MAX_TIMETABLE_STEPS} items" in problem.message


# --- 3. numbers too long or too large to read --------------------------------------------------------------------

HUGE_NUMBERS = {
    "5,000 digits": ("1" * 5000, "a number of more than"),
    "over the limit": ("-" + "1" * MAX_NUMBER_DIGITS + "1", "a number of more than"),
    "infinite": ("1e999", "Input should be a valid string"),
    "NaN": ("NaN", "Input should be a valid string"),
}


@pytest.mark.slow
@pytest.mark.parametrize(("number", "expected"), HUGE_NUMBERS.values(), ids=HUGE_NUMBERS.keys())
def test_a_json_number_too_long_or_not_finite_names_the_field_and_line(
    tmp_path: Path, number: str, expected: str
) -> None:
    text = json.dumps(minimal_data(), default=str, indent=1).replace('"SCR-2026-01"', number)
    path = write(tmp_path, text, "case.json")
    line = line_in(path, '"reference":')
    message = refused(docgen("validate", path), f"{path}, line {line}, field review.reference: {expected}")
    assert message.count("\n") == 2 and "1111" not in message
    with pytest.raises(CaseError) as caught:
        parse_case(text)
    [problem] = caught.value.problems
    assert (problem.path, problem.line) == ("review.reference", line)


@pytest.mark.slow
@pytest.mark.parametrize(("number", "suffix"), [("1" * 5000, ".json"), ("NaN", ".json"), ("1" * 5000, ".yaml")])
def test_a_profile_number_that_cannot_be_read_names_the_profile_and_line(
    tmp_path: Path, number: str, suffix: str
) -> None:
    text = FRAMEWORK.read_text(encoding="utf-8").replace("referral_within_hours: 72", "referral_within_hours: 72.5")
    profile = yaml.safe_load(text)
    dumped = (
        json.dumps(profile, indent=1, default=str) if suffix == ".json" else yaml.safe_dump(profile, sort_keys=False)
    )
    framework_file = write(tmp_path, dumped.replace("72.5", number), f"hours{suffix}")
    path = minimal_with(tmp_path, "board:", f"framework: hours{suffix}\nboard:")
    line = line_in(framework_file, '"referral_within_hours"' if suffix == ".json" else "referral_within_hours")
    message = refused(
        docgen("validate", path), f"{framework_file}, line {line}, field ", "papers.referral_within_hours: "
    )
    assert "1111" not in message


# --- 4. lone surrogates ------------------------------------------------------------------------------------------


@pytest.mark.slow
def test_a_lone_surrogate_is_refused_by_field_path_and_line_in_json_and_yaml(tmp_path: Path) -> None:
    text = json.dumps(minimal_data(), default=str, indent=1).replace('"Ffion"', '"Ff\\ud800ion"')
    path = write(tmp_path, text, "case.json")
    line = line_in(path, '"first_name":')
    expected = f"line {line}, field child.first_name: this text holds a lone surrogate"
    assert "Ff" not in refused(docgen("validate", path), expected)
    yaml_path = minimal_with(tmp_path, "first_name: Ffion", 'first_name: "Ff\\udc00ion"')
    expected = f"line {line_in(yaml_path, 'first_name:')}, field child.first_name: this text holds a lone surrogate"
    assert "Ff" not in refused(docgen("validate", yaml_path), expected)


@pytest.mark.parametrize(
    "source",
    [
        json.dumps(minimal_data(), default=str).replace('"Ffion"', '"Ff\\ud800ion"'),
        MINIMAL.read_text(encoding="utf-8").replace("first_name: Ffion", 'first_name: "Ff\\ud800ion"'),
        {**minimal_data(), "child": {**minimal_data()["child"], "first_name": "Ff\ud800ion"}},
    ],
    ids=["json", "yaml", "mapping"],
)
def test_parse_case_refuses_a_lone_surrogate(source: str | dict[str, Any]) -> None:
    with pytest.raises(CaseError) as caught:
        parse_case(source)
    [problem] = caught.value.problems
    assert problem.path == "child.first_name" and "lone surrogate" in problem.message
    assert "Ff" not in caught.value.describe()


# --- 5. a board template's fault never quotes the case ----------------------------------------------------------

LEAKING = {
    "a name as a key": "{{ {}[child.first_name] }}",
    "a name as an attribute": "{{ {} | attr(child.first_name) | string }}",
    "a name as a model's key": "{{ child[child.first_name] }}",
    "a name as a filter": "{{ [1] | map(child.first_name) | list }}",
    "a name as a test": "{{ [1] | select(child.first_name) | list }}",
    "a name as a template": "{% include child.first_name %}",
    "a date as a key": "{{ {}[child.date_of_birth] }}",
    "a date as an index": "{{ [][child.date_of_birth] }}",
    "a name as a number": "{{ child.first_name | int(default=none) + 1 }}",
    "dividing by a length": "{{ 1 / (child.first_name | length - 11) }}",
    "an undefined name": "{{ undefined_var }}",
    "an unknown filter": '{{ "x" ~ child.first_name | foo }}',
}


def board_letter(folder: Path, source: str) -> Path:
    """A board's templates folder whose Letter 1 has `source` on its second line."""
    letters = folder / "board" / "letters"
    letters.mkdir(parents=True)
    (letters / "letter-1.html.j2").write_text(f"<p>Hello</p>\n{source}\n", encoding="utf-8")
    return letters.parent


@pytest.fixture(scope="module")
def named(tmp_path_factory: pytest.TempPathFactory) -> Case:
    return load_case(minimal_with(tmp_path_factory.mktemp("named"), "Ffion", NAME))


@pytest.mark.parametrize("source", LEAKING.values(), ids=LEAKING.keys())
def test_a_template_fault_names_the_template_and_line_never_the_value(tmp_path: Path, named: Case, source: str) -> None:
    board = board_letter(tmp_path, source)
    with pytest.raises(DocgenError) as caught:
        render(named, "letter-1", "html", board_templates=board)
    message = caught.value.describe()
    assert message.startswith(f"the board template {board / 'letters' / 'letter-1.html.j2'}, line 2: ")
    assert NAME not in message and "2023" not in message


@pytest.mark.slow
@pytest.mark.parametrize(
    "source", [LEAKING["a name as a key"], LEAKING["a name as a filter"], LEAKING["a date as a key"]]
)
def test_the_command_line_never_prints_the_value_a_template_failed_on(tmp_path: Path, source: str) -> None:
    case = minimal_with(tmp_path, "Ffion", NAME)
    board, out = board_letter(tmp_path, source), tmp_path / "out"
    result = docgen("render", case, "--doc", "letter-1", "--format", "html", "--out", out, "--templates", board)
    refused(result, f"docgen: the board template {board / 'letters' / 'letter-1.html.j2'}, line 2: the template failed")
    assert NAME not in result.stderr + result.stdout and "2023" not in result.stderr and not out.exists()


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("{{ child.chlid }}", "'docgen.model.people.Subject object' has no attribute 'chlid'"),
        ("{{ {}['chlid'] }}", "'dict object' has no attribute 'chlid'"),
        ('{% include "absent.html.j2" %}', "no template 'absent.html.j2' is found"),
        ("{{ undefined_var }}", "'undefined_var' is undefined"),
    ],
)
def test_a_name_written_in_the_template_is_still_shown(tmp_path: Path, named: Case, source: str, expected: str) -> None:
    with pytest.raises(DocgenError) as caught:
        render(named, "letter-1", "html", board_templates=board_letter(tmp_path, source))
    assert caught.value.describe().endswith(f"line 2: {expected}")

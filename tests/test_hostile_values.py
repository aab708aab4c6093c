"""Extreme values in case files and profiles: numbers too long to read, lone surrogates. Each is refused with one
plain message (exit 2) naming the file, line and field, never the value, in bounded time, with nothing written.

The command line runs in a child process bounded in memory and CPU time (`docgen` from test_hostile).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from docgen import CaseError, parse_case
from docgen.limits import MAX_NUMBER_DIGITS

from .conftest import ROOT
from .test_case_errors import minimal_with, write
from .test_hostile import MINIMAL, docgen, minimal_data, refused

FRAMEWORK = ROOT / "frameworks" / "england-2009.yaml"


def line_in(path: Path, start: str) -> int:
    """The number of the first line of a file that starts with `start` (after its indentation)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.strip().startswith(start))


# --- 3. numbers too long or too large to read --------------------------------------------------------------------

HUGE_NUMBERS = {
    "5,000 digits": ("1" * 5000, "a number of more than"),
    "over the limit": ("-" + "1" * MAX_NUMBER_DIGITS + "1", "a number of more than"),
    "infinite": ("1e999", "Input should be a valid string"),
    "NaN": ("NaN", "Input should be a valid string"),
}


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


@pytest.mark.parametrize(("number", "suffix"), [("1" * 5000, ".json"), ("NaN", ".json"), ("1" * 5000, ".yaml")])
def test_a_profile_number_that_cannot_be_read_names_the_profile_and_line(
    tmp_path: Path, number: str, suffix: str
) -> None:
    text = FRAMEWORK.read_text(encoding="utf-8").replace("referral_within_hours: 72", "referral_within_hours: 72.5")
    profile = yaml.safe_load(text)
    dumped = json.dumps(profile, indent=1) if suffix == ".json" else yaml.safe_dump(profile, sort_keys=False)
    framework_file = write(tmp_path, dumped.replace("72.5", number), f"hours{suffix}")
    path = minimal_with(tmp_path, "board:", f"framework: hours{suffix}\nboard:")
    line = line_in(framework_file, '"referral_within_hours"' if suffix == ".json" else "referral_within_hours")
    message = refused(
        docgen("validate", path), f"{framework_file}, line {line}, field ", "papers.referral_within_hours: "
    )
    assert "1111" not in message


# --- 4. lone surrogates ------------------------------------------------------------------------------------------


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

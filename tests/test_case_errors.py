"""Bad case files: each gets one clear error naming file, line, field path and accepted values."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from docgen import CaseError, load_case
from docgen.model import Case

from .conftest import CASES

MINIMAL = CASES / "minimal.yaml"


def write(tmp_path: Path, text: str, name: str = "case.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def minimal_with(tmp_path: Path, old: str, new: str) -> Path:
    text = MINIMAL.read_text(encoding="utf-8")
    assert old in text, old
    return write(tmp_path, text.replace(old, new, 1))


def line_of(start: str) -> int:
    """The line number of the first line of minimal.yaml that starts with `start`."""
    lines = MINIMAL.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if line.startswith(start))


def problems(path: Path) -> str:
    with pytest.raises(CaseError) as caught:
        load_case(path)
    return caught.value.describe()


def test_minimal_case_is_valid() -> None:
    case = load_case(MINIMAL)
    assert case.subject.full_name == "Ffion Kowalczyk"
    assert case.review.reference == "SCR-2026-01"


def test_missing_field_names_path_and_line(tmp_path: Path) -> None:
    message = problems(minimal_with(tmp_path, "  gender: Female\n", ""))
    assert "case.yaml" in message
    assert "field subject.gender" in message
    assert "required field is missing" in message
    assert f"line {line_of('child:')}" in message  # the child mapping, where the field belongs


def test_misspelt_field_suggests_the_right_one(tmp_path: Path) -> None:
    message = problems(minimal_with(tmp_path, "  date_of_birth: 2023-04-05", "  date_of_brith: 2023-04-05"))
    assert "field subject.date_of_brith" in message
    assert "unknown field 'date_of_brith'; did you mean 'date_of_birth'?" in message
    assert f"line {line_of('  date_of_birth:')}" in message


def test_wrong_date_format_says_how_to_write_it(tmp_path: Path) -> None:
    message = problems(minimal_with(tmp_path, "2023-04-05", "05/04/2023"))
    assert "field subject.date_of_birth" in message
    assert "field subject.date_of_birth: not a valid date: write it as YYYY-MM-DD" in message
    assert "05/04/2023" not in message


def test_unknown_enum_value_lists_accepted_values(tmp_path: Path) -> None:
    message = problems(minimal_with(tmp_path, "gender: Female", "gender: F"))
    assert "field subject.gender" in message
    assert "not one of the accepted values: 'Male' or 'Female'" in message and "'F'" not in message


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    text = MINIMAL.read_text(encoding="utf-8").replace("gender: Female", "gender: F").replace("2023-04-05", "soon")
    message = problems(write(tmp_path, text))
    assert "(2 problems)" in message
    assert "subject.gender" in message and "subject.date_of_birth" in message


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", "the file is empty"),
        ("   \n\n", "the file is empty"),
        ("board: [unclosed\n", "not valid YAML"),
        ("just a sentence, not a case file\n", "expected a mapping of fields at the top level, found str"),
        ("- a\n- b\n", "expected a mapping of fields at the top level, found list"),
        ("\x89PNG\r\n\x1a\n binary", "not valid YAML"),
    ],
)
def test_unreadable_files(tmp_path: Path, text: str, expected: str) -> None:
    assert expected in problems(write(tmp_path, text))


def test_yaml_syntax_error_has_a_line(tmp_path: Path) -> None:
    message = problems(write(tmp_path, "review:\n  reference: X\n  type: [a\nchild: 1\n"))
    assert "line 4" in message or "line 3" in message


def test_missing_file(tmp_path: Path) -> None:
    assert "the file does not exist" in problems(tmp_path / "nope.yaml")


def test_json_case_files_load(tmp_path: Path) -> None:
    import json

    data = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
    path = write(tmp_path, json.dumps(data, default=str), "case.json")
    assert load_case(path).subject.first_name == "Ffion"
    bad = write(tmp_path, '{"board": ', "bad.json")
    assert "not valid JSON" in problems(bad)


def test_yes_and_no_stay_words_and_times_stay_times(tmp_path: Path) -> None:
    """YAML 1.1 would read No as false and 14:30 as 870; case files use YAML 1.2 meanings."""
    path = minimal_with(
        tmp_path,
        "correspondence:",
        "chronology:\n  - {date: 2026-01-05, time: 14:30, agency: police, event: Visit}\n"
        "incident: {date: 2026-02-01, type: Serious injury, local_authority: E, responsible_local_authority: E,"
        " residence: Living at home, causes: [Non-accidental injury], outline: x, complex_abuse_link: No}"
        "\ncorrespondence:",
    )
    case = load_case(path)
    assert str(case.chronology[0].time) == "14:30:00"
    assert case.incident is not None and case.incident.complex_abuse_link.value == "No"


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "  date_of_birth: 2023-04-05",
            "  date_of_birth: 2023-04-05\n  date_of_death: 2022-01-01",
            "date_of_death is before date_of_birth",
        ),
        ("  period_end: 2026-03-01", "  period_end: 2024-03-01", "period_end is before period_start"),
        (
            "correspondence:",
            "chronology:\n  - {date: 2026-01-05, agency: polce, event: Visit}\ncorrespondence:",
            "chronology[0].agency: unknown agency 'polce' (known: police)",
        ),
        (
            "correspondence:",
            "chronology:\n  - {date: 2026-01-05, agency: police, subjects: [mum], event: Visit}\ncorrespondence:",
            "chronology[0].subjects[0]: unknown person 'mum'",
        ),
        (
            "correspondence:",
            "chronology:\n  - {date: 2026-01-05, agency: police, professional: pc-1, event: V}\ncorrespondence:",
            "chronology[0].professional: unknown professional 'pc-1'",
        ),
        (
            "correspondence:",
            "imrs:\n  police:\n    recommendations:\n      - {number: 1, text: a}\n"
            "      - {number: 1, text: b}\ncorrespondence:",
            "imrs.police.recommendations numbers: '1' is used more than once",
        ),
        ("correspondence:", "imrs:\n  fire: {}\ncorrespondence:", "imrs.fire: unknown agency 'fire'"),
    ],
)
def test_impossible_data_is_rejected(tmp_path: Path, old: str, new: str, expected: str) -> None:
    assert expected in problems(minimal_with(tmp_path, old, new))


def test_board_given_as_a_path(tmp_path: Path) -> None:
    data = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
    (tmp_path / "boards").mkdir()
    (tmp_path / "boards" / "b.yaml").write_text(yaml.safe_dump(data.pop("board")), encoding="utf-8")
    path = write(tmp_path, yaml.safe_dump({**data, "board": "boards/b.yaml"}, allow_unicode=True))
    assert load_case(path).board.short_name == "ESCB"
    broken = write(tmp_path, yaml.safe_dump({**data, "board": "boards/missing.yaml"}), "c2.yaml")
    assert "missing.yaml" in problems(broken) and "does not exist" in problems(broken)


def test_control_characters_become_visible() -> None:
    data = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
    data["subject"] = {**data.pop("child"), "first_name": "Ffi\x07o\x0bn"}
    case = Case.model_validate(data)
    assert case.subject.first_name == "Ffi␇o␋n"

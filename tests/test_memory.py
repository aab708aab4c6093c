"""Cases held in memory (parse_case): a mapping, YAML or JSON text or bytes; the board given by the caller; the
same limits and the same CaseError with field paths as a case file, with lines where there is text."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any

import pytest
import yaml

from docgen import Board, Case, CaseError, load_case, parse_case
from docgen.limits import MAX_FILE_BYTES, MAX_NESTING

from .conftest import CASES, ROOT, SAMPLE

MINIMAL = CASES / "minimal.yaml"
BOARD_FILE = ROOT / "examples" / "boards" / "northbrook.yaml"


def minimal() -> dict[str, Any]:
    """The minimal case as a mapping, as a caller holds it (PyYAML gives dates as datetime.date)."""
    data: dict[str, Any] = yaml.safe_load(MINIMAL.read_text(encoding="utf-8"))
    return data


def problems(source: Any, **options: Any) -> str:
    with pytest.raises(CaseError) as caught:
        parse_case(source, **options)
    return caught.value.describe()


def test_a_mapping_text_and_bytes_give_the_case_a_file_gives() -> None:
    expected = load_case(MINIMAL)
    text = MINIMAL.read_text(encoding="utf-8")
    assert isinstance(minimal()["child"]["date_of_birth"], dt.date)
    assert parse_case(minimal()) == expected
    assert parse_case(MappingProxyType(minimal())) == expected
    assert parse_case(text) == expected
    assert parse_case(text.encode("utf-8")) == expected
    assert parse_case(b"\xef\xbb\xbf" + text.encode("utf-8")) == expected  # a byte order mark
    assert parse_case(json.dumps(minimal(), default=str)) == expected
    assert parse_case(json.dumps(minimal(), default=str).encode("utf-8")) == expected


def test_round_trip_with_board_and_framework_inline() -> None:
    case = load_case(SAMPLE)
    data = case.model_dump(mode="json")
    assert isinstance(data["board"], dict) and data["board"]["short_name"] == "NSCB"
    assert isinstance(data["framework"], dict) and data["framework"]["id"] == "england-2009"
    assert parse_case(data) == case
    assert parse_case(json.dumps(data, ensure_ascii=False)) == case
    assert parse_case(json.dumps(data)) == case  # \\u escapes, surrogate pairs included
    assert parse_case(yaml.safe_dump(data, allow_unicode=True)) == case


def test_a_mapping_is_copied_not_kept() -> None:
    data = minimal()
    case = parse_case(data)
    data["child"]["first_name"] = "Changed"
    assert case.subject.first_name == "Ffion"


def test_a_bad_mapping_names_field_paths_without_lines_or_values() -> None:
    data = minimal()
    data["child"]["gender"] = "Girl"
    data["child"]["date_of_brith"] = data["child"].pop("date_of_birth")
    message = problems(data, name="case 4711")
    assert message.startswith("case 4711 is not a valid case file (2 problems):")
    assert "case 4711, field subject.gender: not one of the accepted values: 'Male' or 'Female'" in message
    assert "case 4711, field subject.date_of_brith: unknown field 'date_of_brith'; did you mean" in message
    assert "Girl" not in message and "line" not in message


def test_bad_text_keeps_its_lines() -> None:
    text = MINIMAL.read_text(encoding="utf-8").replace("gender: Female", "gender: Girl")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "gender:" in row)
    message = problems(text)
    assert f"<memory>, line {line}, field subject.gender: not one of the accepted values" in message
    assert "Girl" not in message
    assert f"line {line}, field subject.gender" in problems(text.encode("utf-8"))


def test_bad_json_text_keeps_its_lines() -> None:
    data = json.loads(json.dumps(minimal(), default=str))
    data["child"]["gender"] = "Girl"
    text = json.dumps(data, indent=2)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if '"gender"' in row)
    assert f"line {line}, field subject.gender" in problems(text)
    assert "<memory>, line 3: not valid JSON" in problems('{\n  "board": {},\n  "review": ,\n}')


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("", "<memory>: the text is empty"),
        (b"  \n", "<memory>: the text is empty"),
        ("- a\n- b\n", "expected a mapping of fields at the top level, found list"),
        ("a: [b\n", "not valid YAML"),
        ("a: &x b\nc: *x\n", "anchors (&name) are not accepted"),
        (b"\xff\xfe\x00", "<memory>: the text is not UTF-8"),
        (Path("case.yaml"), "not a value of type PosixPath: read a case file with load_case"),
        (42, "expected a mapping, or YAML or JSON text, not a value of type int"),
        ("a: " + "x" * MAX_FILE_BYTES, "the case is too large (over 8 MB"),
        ("a: " + "é" * (MAX_FILE_BYTES // 2), "the case is too large (over 8 MB"),
    ],
)
def test_unreadable_text(source: Any, expected: str) -> None:
    assert expected in problems(source)


def _nested(depth: int) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for _ in range(depth):
        data = {"a": data}
    return data


def _cycle() -> dict[str, Any]:
    data: dict[str, Any] = {"family": [{}]}
    data["family"][0]["child"] = data
    return data


def _bomb() -> dict[str, Any]:
    """Twenty small lists that hold 8**20 strings when copied whole."""
    items: list[Any] = ["x" * 100]
    for _ in range(20):
        items = [items] * 8
    return {"chronology": items}


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (_nested(MAX_NESTING + 1), f"mappings and lists are nested more than {MAX_NESTING} levels deep"),
        (_cycle(), "field family[0].child: this mapping or list holds itself"),
        (_bomb(), "the case is too large (over 8 MB as text"),
        ({"child": {1: "x"}}, "field child: keys must be text, and one here is of type int"),
        ({"child": {"aliases": {"x"}}}, "field child.aliases: a value of type set is not one a case holds"),
        ({"child": object()}, "field child: a value of type object is not one a case holds"),
    ],
)
def test_mappings_are_held_to_the_limits_of_case_files(data: Mapping[str, Any], expected: str) -> None:
    assert expected in problems(data)


def test_the_board_given_by_the_caller() -> None:
    data = minimal()
    board = data.pop("board")
    expected = load_case(MINIMAL)
    assert parse_case(data, board=board) == expected
    assert parse_case(data, board=Board.model_validate(board)) == expected
    northbrook = parse_case(data, board=BOARD_FILE)
    assert northbrook.board.short_name == "NSCB"
    assert parse_case(data, board=str(BOARD_FILE)) == northbrook
    assert "field board: the board profile is given twice" in problems(minimal(), board=board)


def test_a_bad_board_from_the_caller_is_reported_where_it_is() -> None:
    data = minimal()
    board = data.pop("board")
    assert "field board.short_name: this required field is missing" in problems(
        data, board={k: v for k, v in board.items() if k != "short_name"}
    )


def test_a_bad_board_file_from_the_caller_names_its_file_and_line(tmp_path: Path) -> None:
    data = minimal()
    board = data.pop("board")
    path = tmp_path / "board.yaml"
    path.write_text(yaml.safe_dump({**board, "short_nam": "X"}), encoding="utf-8")
    message = problems(data, board=path)
    assert f"{path}, line " in message and "did you mean 'short_name'?" in message


def test_files_named_in_memory_are_read_only_from_the_folder_given(tmp_path: Path) -> None:
    data = minimal()
    board = data.pop("board")
    (tmp_path / "boards").mkdir()
    (tmp_path / "boards" / "b.yaml").write_text(yaml.safe_dump(board), encoding="utf-8")
    named = {**data, "board": "boards/b.yaml"}
    message = problems(named)
    assert "field board: the board profile is named as a file, but this case was given in memory" in message
    assert parse_case(named, base=tmp_path).board == load_case(MINIMAL).board
    outside = {**data, "board": "../b.yaml"}
    assert "must be a file beside the case file or in a folder below it" in problems(outside, base=tmp_path / "boards")
    text = yaml.safe_dump(named)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("board:"))
    assert f"line {line}, field board: the board profile is named as a file" in problems(text)


def test_a_framework_named_by_id_or_inline() -> None:
    case = load_case(SAMPLE)
    by_id = parse_case({**case.model_dump(mode="json"), "framework": "england-2009"})
    assert by_id.framework == case.framework
    assert "the framework profile is named as a file" in problems({**minimal(), "framework": "ours.yaml"})


def test_the_case_is_a_case() -> None:
    assert isinstance(parse_case(minimal()), Case)

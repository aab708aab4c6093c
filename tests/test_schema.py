"""The exported JSON Schema is up to date, describes every field and accepts the example."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
import yaml

from docgen.load.schema import case_schema

from .conftest import ENGLAND_2023, ROOT, SAMPLE


def test_schema_file_is_up_to_date() -> None:
    stored = json.loads((ROOT / "schemas" / "case.schema.json").read_text(encoding="utf-8"))
    assert stored == case_schema(), (
        "schemas/case.schema.json is stale: run `docgen schema --out schemas/case.schema.json`"
    )


def _properties(schema: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    yield from (("Case." + name, spec) for name, spec in schema["properties"].items())
    for model, definition in schema["$defs"].items():
        for name, spec in definition.get("properties", {}).items():
            yield f"{model}.{name}", spec


def test_every_field_has_a_description() -> None:
    undocumented = [name for name, spec in _properties(case_schema()) if not spec.get("description")]
    assert undocumented == []


def test_every_tick_box_list_is_an_enum_of_the_seed_wording() -> None:
    defs = case_schema()["$defs"]
    assert "Non-accidental injury" in defs["Cause"]["enum"]
    assert "Any other White background" in defs["Ethnicity"]["enum"]
    assert "Section 20 Accommodation" in defs["LegalStatus"]["enum"]
    assert "With foster carers (short break)" in defs["Residence"]["enum"]


def test_example_case_is_valid_against_the_schema() -> None:
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(json.dumps(data, default=str)), case_schema())


@pytest.mark.slow
def test_the_england_2023_example_is_valid_with_its_framework_named_at_the_top_or_in_the_review() -> None:
    data = json.loads(json.dumps(yaml.safe_load(ENGLAND_2023.read_text(encoding="utf-8")), default=str))
    jsonschema.validate(data, case_schema())
    data["review"]["framework"] = data.pop("framework")
    jsonschema.validate(data, case_schema())
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({**data, "framework": 2023}, case_schema())


def test_example_points_editors_at_the_schema() -> None:
    first = SAMPLE.read_text(encoding="utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../schemas/case.schema.json"

"""The JSON Schema of case files, exported from the model."""

from __future__ import annotations

from typing import Any

from .model import Case

SCHEMA_ID = "https://docgen.example.org/schemas/case.schema.json"


def case_schema() -> dict[str, Any]:
    """The case file's JSON Schema (draft 2020-12); a board may be given as a path to a board file."""
    schema = Case.model_json_schema(mode="validation")
    schema["properties"]["board"] = {
        "anyOf": [{"$ref": "#/$defs/Board"}, {"type": "string", "description": "Path to a board profile file."}],
        "description": schema["properties"]["board"].get("description", ""),
    }
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}

"""The JSON Schema of case files, exported from the model."""

from __future__ import annotations

from typing import Any

from ..model import Case

SCHEMA_ID = "https://docgen.example.org/schemas/case.schema.json"


def case_schema() -> dict[str, Any]:
    """The case file's JSON Schema (draft 2020-12); a board may be given as a path to a board file, a framework
    as a built-in id or a path, at the top or inside the review; the subject may be called `child`."""
    schema = Case.model_json_schema(mode="validation")
    properties = schema["properties"]
    properties["board"] = _inline_or_named("Board", "Path to a board profile file.", properties["board"])
    framework = "A built-in framework's id (e.g. 'england-2023'), or the path to a framework profile file."
    properties["framework"] = _inline_or_named("Framework", framework, properties["framework"])
    properties["child"] = {**properties["subject"], "description": "The subject child: a child review's subject."}
    schema["required"] = [name for name in schema["required"] if name != "subject"]
    schema["oneOf"] = [{"required": ["subject"]}, {"required": ["child"]}]
    schema["$defs"]["Review"]["properties"]["framework"] = {
        **properties["framework"],
        "description": "The framework, named here instead of at the top of the case file.",
    }
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def _inline_or_named(definition: str, named: str, exported: dict[str, Any]) -> dict[str, Any]:
    """A profile given inline (the model's definition) or named by a string."""
    return {
        "anyOf": [{"$ref": f"#/$defs/{definition}"}, {"type": "string", "description": named}],
        "description": exported.get("description", ""),
    }

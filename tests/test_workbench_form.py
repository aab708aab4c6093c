"""The case editor's forms (docgen.service.web.case_form): every part of every example case file, shown as a form
and submitted unchanged, comes back as the same data, whether the file was read with its dates and numbers typed or
as text (as docgen reads it); then the kinds of field, choices, errors, lists, YAML fields and unreadable values."""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML

from docgen.load.schema import case_schema
from docgen.service.web.case_form import (
    Field,
    FormError,
    add_item,
    part_form,
    part_schema,
    part_value,
    remove_item,
)

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SCHEMA = case_schema()
KINDS = {
    "text",
    "textarea",
    "markdown",
    "date",
    "datetime",
    "time",
    "integer",
    "number",
    "boolean",
    "choice",
    "group",
    "list",
    "yaml",
}
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@cache
def _read(path: Path) -> Any:
    """A YAML file's data, dates and numbers typed (YAML 1.2, safely read)."""
    return YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))


def _as_text(value: Any) -> Any:
    """`value` with every scalar but booleans and null as text, as docgen's own reader leaves a case file."""
    if isinstance(value, dict):
        return {key: _as_text(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_text(item) for item in value]
    if value is None or isinstance(value, bool | str):
        return value
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _case_files() -> list[Path]:
    """The example case files (not the board profiles beside them)."""
    return [path for path in sorted(EXAMPLES.rglob("*.yaml")) if "review" in _read(path)]


def _parts() -> Iterator[Any]:
    """Each top-level part of each example case, and each of its IMRs."""
    for path in _case_files():
        name = path.relative_to(EXAMPLES).as_posix()
        data = _read(path)
        for key in data:
            yield pytest.param(path, (key,), id=f"{name}:{key}")
        for agency in data.get("imrs") or {}:
            yield pytest.param(path, ("imrs", agency), id=f"{name}:imrs.{agency}")


def _at(data: Any, part: tuple[str, ...]) -> Any:
    for key in part:
        data = data.get(key)
    return data


def _submitted(field: Field) -> dict[str, str]:
    """The form as a browser submits it: each input's name and text (a textarea's lines ending CRLF), a checkbox
    only when ticked, and then as "on"."""
    if field.kind in ("group", "list"):
        return {name: text for child in field.children for name, text in _submitted(child).items()}
    if field.kind == "boolean":
        return {field.name: "on"} if field.value == "true" else {}
    if field.kind in ("textarea", "markdown", "yaml"):
        return {field.name: field.value.replace("\n", "\r\n")}
    return {field.name: field.value}


def _fields(field: Field) -> Iterator[Field]:
    yield field
    for child in field.children:
        yield from _fields(child)


def _field(form: Field, name: str) -> Field:
    return next(field for field in _fields(form) if field.name == name)


def _tidy(value: Any, *, text: bool) -> Any:
    """`value` compared as a case file means it: keys without a value (None, empty text, list or mapping) left out;
    dates as dates, or with `text` every scalar as text."""
    if isinstance(value, dict):
        tidied = {key: _tidy(item, text=text) for key, item in value.items()}
        return {key: item for key, item in tidied.items() if item not in (None, "", [], {})}
    if isinstance(value, list):
        return [_tidy(item, text=text) for item in value]
    if text:
        return _as_text(value)
    return dt.date.fromisoformat(value) if isinstance(value, str) and ISO_DATE.fullmatch(value) else value


def _sample(*part: str) -> Any:
    return copy.deepcopy(_at(_read(EXAMPLES / "sample-case.yaml"), part))


@pytest.mark.parametrize("as_text", [False, True], ids=["typed", "as-text"])
@pytest.mark.parametrize(("path", "part"), list(_parts()))
def test_every_part_of_every_example_comes_back_unchanged(path: Path, part: tuple[str, ...], as_text: bool) -> None:
    data = _as_text(_read(path)) if as_text else copy.deepcopy(_read(path))
    original = _at(data, part)
    before = copy.deepcopy(original)
    form = part_form(SCHEMA, part, original)
    assert {field.kind for field in _fields(form)} <= KINDS
    back = part_value(SCHEMA, part, _submitted(form), original)
    assert _tidy(back, text=as_text) == _tidy(original, text=as_text)
    assert original == before  # the functions change nothing they are given


def test_the_examples_exercise_the_forms() -> None:
    kinds = {
        field.kind
        for param in _parts()
        for field in _fields(part_form(SCHEMA, param.values[1], _at(_read(param.values[0]), param.values[1])))
    }
    assert {"text", "textarea", "markdown", "date", "boolean", "choice", "group", "list", "yaml"} <= kinds
    assert len(_case_files()) >= 8


def test_a_group_shows_every_property_in_schema_order() -> None:
    form = part_form(SCHEMA, ("review",), _sample("review"))
    assert (form.name, form.kind, form.label, form.required) == ("", "group", "Review", True)
    assert [child.name for child in form.children] == list(part_schema(SCHEMA, ("review",))["properties"])
    start = _field(form, "period_start")
    assert (start.kind, start.label, start.value, start.required) == ("date", "Period start", "2024-09-01", True)
    assert start.help == "First day of the period under review."
    assert _field(form, "terms_of_reference_version").label == "Terms of reference version"  # no title: the key
    member = _field(form, "panel.1")
    assert (member.kind, member.label) == ("group", "Panel 2")
    assert _field(form, "panel.1.name").value == "Neil Ashworth"
    assert _field(form, "scope_meeting").required is False


def test_markdown_and_text_fields() -> None:
    review = _sample("review")
    review["type"] = "A review\nof two lines"
    form = part_form(SCHEMA, ("review",), review)
    assert _field(form, "scope").kind == "markdown"
    assert _field(form, "terms_of_reference.0").kind == "markdown"
    assert _field(form, "reference").kind == "text"
    assert _field(form, "type").kind == "textarea"  # a plain text of several lines keeps its lines
    submitted = _submitted(form) | {"scope": "First line\r\n\r\n- a point\r\n"}
    assert part_value(SCHEMA, ("review",), submitted, review)["scope"] == "First line\n\n- a point\n"


def test_choices_offer_the_enum_and_nothing_when_optional_or_not_yet_chosen() -> None:
    form = part_form(SCHEMA, ("review",), _sample("review"))  # the sample review is not a joint one
    assert _field(form, "joint.arrangement").choices == ("", "single-board-with-limited-input", "joint-panel")
    assert _field(form, "joint.led_by").choices == ("", "this-board", "partner-board")
    joint = part_form(SCHEMA, ("review",), {**_sample("review"), "joint": {"arrangement": "joint-panel"}})
    assert _field(joint, "joint.arrangement").choices == ("single-board-with-limited-input", "joint-panel")
    outcome = _field(part_form(SCHEMA, ("decision",), _sample("decision")), "outcome.0")
    assert outcome.kind == "choice"
    assert outcome.value == "A Lessons Learned Review"
    assert outcome.value in outcome.choices


def test_a_boolean_is_a_checkbox_and_an_optional_one_a_choice_of_three() -> None:
    agencies = _sample("agencies")
    form = part_form(SCHEMA, ("agencies",), agencies)
    involved, locates = _field(form, "0.still_involved"), _field(form, "0.locates_family")
    assert (involved.kind, involved.value) == ("boolean", "true")
    assert (locates.kind, locates.choices, locates.value) == ("choice", ("", "true", "false"), "")
    submitted = _submitted(form)
    del submitted["0.still_involved"]  # unticked: the browser sends nothing
    back = part_value(SCHEMA, ("agencies",), submitted | {"0.locates_family": "false"}, agencies)
    assert back[0]["still_involved"] is False
    assert back[0]["locates_family"] is False
    back = part_value(SCHEMA, ("agencies",), submitted | {"1.still_involved": "on"}, agencies)
    assert "locates_family" not in back[0]
    assert back[1]["still_involved"] is True


def test_values_are_typed_by_the_schema() -> None:
    overview = _sample("overview")
    submitted = _submitted(part_form(SCHEMA, ("overview",), overview))
    submitted |= {"date": " 2026-03-12 ", "recommendations.0.number": "3", "recommendations.1.number": ""}
    back = part_value(SCHEMA, ("overview",), submitted, overview)
    assert back["date"] == dt.date(2026, 3, 12)
    assert back["recommendations"][0]["number"] == 3
    assert "number" not in back["recommendations"][1]


def test_unreadable_values_are_all_named() -> None:
    overview = _sample("overview")
    submitted = _submitted(part_form(SCHEMA, ("overview",), overview))
    submitted |= {"recommendations.0.number": "abc", "date": "31/02/2026"}
    with pytest.raises(FormError) as raised:
        part_value(SCHEMA, ("overview",), submitted, overview)
    assert raised.value.problems == {
        "recommendations.0.number": "a whole number, e.g. 3",
        "date": "a date, e.g. 2026-03-12",
    }
    assert isinstance(raised.value, ValueError)
    with pytest.raises(FormError) as raised:
        part_value(SCHEMA, ("decision",), {"date": "2026-02-31", "outcome.0": "A review of some kind"}, None)
    assert raised.value.problems["date"] == "a date, e.g. 2026-03-12"
    assert raised.value.problems["outcome.0"].startswith("one of: A Serious Case Review, ")


def test_errors_are_shown_on_their_fields_or_the_nearest_above() -> None:
    errors = {
        "panel.0.name": "Field required",
        "period_start": "Input should be a valid date",
        "step_dates.media": "not a step of the framework",
        "panel.0.nickname": "Extra inputs are not permitted",
        "nonsense": "Extra inputs are not permitted",
    }
    form = part_form(SCHEMA, ("review",), _sample("review"), errors)
    assert _field(form, "panel.0.name").error == "Field required"
    assert _field(form, "period_start").error == "Input should be a valid date"
    assert _field(form, "step_dates").error == "media: not a step of the framework"
    assert _field(form, "panel.0").error == "nickname: Extra inputs are not permitted"
    assert form.error == "nonsense: Extra inputs are not permitted"
    assert _field(form, "reference").error == ""


def test_keys_the_form_does_not_show_are_kept() -> None:
    review = _sample("review") | {"editor_note": "kept"}
    review["panel"][0]["nickname"] = "Ruth"
    back = part_value(SCHEMA, ("review",), _submitted(part_form(SCHEMA, ("review",), review)), review)
    assert back["editor_note"] == "kept"
    assert back["panel"][0]["nickname"] == "Ruth"


def test_an_emptied_optional_field_is_left_out() -> None:
    review = _sample("review")
    submitted = _submitted(part_form(SCHEMA, ("review",), review)) | {"scope": "  ", "scope_meeting": ""}
    back = part_value(SCHEMA, ("review",), submitted, review)
    assert "scope" not in back
    assert "scope_meeting" not in back
    assert back["reference"] == review["reference"]


def test_a_value_the_form_cannot_show_plainly_is_yaml() -> None:
    imrs = _sample("imrs")
    form = part_form(SCHEMA, ("imrs",), imrs)
    assert form.kind == "yaml"
    assert form.value.startswith("csc:\n  date: 2026-06-17\n  reason_for_review: |\n")
    assert part_value(SCHEMA, ("imrs",), {"": form.value}, imrs) == imrs
    assert part_form(SCHEMA, ("imrs", "csc"), imrs["csc"]).kind == "group"
    assert part_form(SCHEMA, ("board",), "boards/northbrook.yaml").kind == "yaml"  # a board or a path to one
    review = _sample("review")
    step_dates = _field(part_form(SCHEMA, ("review",), review), "step_dates")
    assert (step_dates.kind, step_dates.value.splitlines()[0]) == ("yaml", "media: 2026-03-13")


def test_yaml_that_does_not_read_is_a_problem() -> None:
    review = _sample("review")
    submitted = _submitted(part_form(SCHEMA, ("review",), review))
    with pytest.raises(FormError) as raised:
        part_value(SCHEMA, ("review",), submitted | {"step_dates": "media: [2026-03-13\nboard: x"}, review)
    assert list(raised.value.problems) == ["step_dates"]
    assert raised.value.problems["step_dates"].startswith("YAML that reads correctly (line 2: ")
    with pytest.raises(FormError) as raised:
        part_value(SCHEMA, ("imrs",), {"": "a: &x [1]\nb: *x\n"}, None)
    assert raised.value.problems[""].startswith("YAML without aliases")
    with pytest.raises(FormError):
        part_value(SCHEMA, ("imrs",), {"": "a: !!python/object:os.system {}\n"}, None)
    with pytest.raises(FormError) as raised:
        part_value(SCHEMA, ("imrs",), {"": "[" * 20000 + "]" * 20000}, None)
    assert raised.value.problems[""] == "YAML nested less deeply (at most 32 levels)"


def test_a_date_known_to_the_month_and_a_time_of_day() -> None:
    chronology = _sample("chronology")
    form = part_form(SCHEMA, ("chronology",), chronology)
    month = next(field for field in form.children if field.children[0].value == "2024-08").children[0]
    assert month.kind == "text"  # not a date the browser's date input can show: kept as written
    assert (_field(form, "2.time").kind, _field(form, "2.time").value) == ("time", "11:30")
    back = part_value(SCHEMA, ("chronology",), _submitted(form), chronology)
    assert back[int(month.name.split(".")[0])]["date"] == "2024-08"


def test_an_optional_object_left_blank_stays_absent() -> None:
    review = _sample("review")
    assert "joint" not in review
    submitted = _submitted(part_form(SCHEMA, ("review",), review))
    assert "joint" not in part_value(SCHEMA, ("review",), submitted, review)
    back = part_value(SCHEMA, ("review",), submitted | {"joint.arrangement": "joint-panel"}, review)
    assert back["joint"] == {"arrangement": "joint-panel"}


def test_markup_stays_plain_text() -> None:
    review = _sample("review")
    review["scope"] = "<script>alert('x')</script> & <b>"
    form = part_form(SCHEMA, ("review",), review)
    assert _field(form, "scope").value == "<script>alert('x')</script> & <b>"
    assert part_value(SCHEMA, ("review",), _submitted(form), review)["scope"] == review["scope"]


def test_add_and_remove_items() -> None:
    review = _sample("review")
    added = add_item(review, "panel")
    assert added["panel"][-1] == {}
    assert len(added["panel"]) == len(review["panel"]) + 1  # a copy: the review itself unchanged
    assert add_item(review, "terms_of_reference")["terms_of_reference"][-1] == ""
    assert add_item({}, "panel") == {"panel": [None]}
    assert add_item(None, "") == [None]
    assert add_item(review, "overview_author.address.lines")["overview_author"]["address"]["lines"][-1] == ""
    removed = remove_item(review, "panel.1")
    assert [member["name"] for member in removed["panel"]] == [
        member["name"] for index, member in enumerate(review["panel"]) if index != 1
    ]
    assert remove_item(["a", "b", "c"], "0") == ["b", "c"]
    for bad in ("panel.99", "reference.0", "panel", ""):
        with pytest.raises(KeyError):
            remove_item(review, bad)
    with pytest.raises(KeyError):
        add_item(review, "reference")


def test_an_added_item_shows_blank_and_comes_back_filled_in() -> None:
    review = add_item(_sample("review"), "panel")
    form = part_form(SCHEMA, ("review",), review)
    index = len(review["panel"]) - 1
    assert [child.value for child in _field(form, f"panel.{index}").children] == ["", "", "", "", ""]
    submitted = _submitted(form) | {f"panel.{index}.name": "Asha Patel", f"panel.{index}.post": "Lead"}
    back = part_value(SCHEMA, ("review",), submitted, review)
    assert back["panel"][-1] == {"name": "Asha Patel", "post": "Lead"}
    new = part_value(SCHEMA, ("review",), _submitted(form) | {f"panel.{index + 5}.agency": "NHS"}, review)
    assert new["panel"][-1] == {"agency": "NHS"}  # an item the page added itself, by a higher index
    empty = add_item(_sample("decision"), "alternative_actions")
    assert part_value(SCHEMA, ("decision",), _submitted(part_form(SCHEMA, ("decision",), empty)), empty) == (
        _sample("decision")
    )  # an item of a choice left empty is no item


def test_items_come_back_in_the_order_of_their_indexes() -> None:
    decision = _sample("decision")
    submitted = {"date": "2026-03-13", "outcome.10": "A Serious Case Review", "outcome.2": "A Lessons Learned Review"}
    back = part_value(SCHEMA, ("decision",), submitted, decision)
    assert back["outcome"] == ["A Lessons Learned Review", "A Serious Case Review"]
    assert "alternative_actions" in back  # the original had some: now none
    assert back["alternative_actions"] == []


def test_part_schema() -> None:
    imr = part_schema(SCHEMA, ("imrs", "police"))
    assert "reason_for_review" in imr["properties"]
    assert part_schema(SCHEMA, ("decision",))["required"] == ["date", "outcome"]
    assert part_schema(SCHEMA, ("chronology", "0"))["title"] == "ChronologyEntry"
    with pytest.raises(KeyError, match="the case file has no part nonsense"):
        part_schema(SCHEMA, ("nonsense",))
    with pytest.raises(KeyError, match=r"review\.nonsense"):
        part_form(SCHEMA, ("review", "nonsense"), None)


SMALL: dict[str, Any] = {
    "$defs": {
        "Node": {
            "type": "object",
            "properties": {
                "label": {"type": "string"},
                "under": {"anyOf": [{"$ref": "#/$defs/Node"}, {"type": "null"}]},
            },
        },
    },
    "type": "object",
    "properties": {
        "meeting": {
            "type": "object",
            "properties": {
                "at": {"type": "string", "format": "date-time"},
                "starts": {"type": "string", "format": "time"},
                "hours": {"type": "number"},
                "room": {"const": "Hall"},
                "mode": {"anyOf": [{"const": "online"}, {"const": "in person"}, {"type": "null"}]},
                "grid": {"type": "array", "items": {"type": "array", "items": {"type": "string"}}},
                "tree": {"$ref": "#/$defs/Node"},
            },
            "required": ["at"],
        },
    },
}


def test_the_rarer_kinds() -> None:
    meeting = {
        "at": dt.datetime(2026, 3, 12, 14, 30),
        "starts": "09:30",
        "hours": 1.5,
        "room": "Hall",
        "mode": "online",
        "grid": [["a", "b"], ["c"]],
        "tree": {"label": "top", "under": {"label": "next"}},
    }
    form = part_form(SMALL, ("meeting",), meeting)
    assert {child.name: child.kind for child in form.children} == {
        "at": "datetime",
        "starts": "time",
        "hours": "number",
        "room": "choice",
        "mode": "choice",
        "grid": "yaml",  # a list of lists
        "tree": "group",
    }
    assert _field(form, "at").value == "2026-03-12T14:30:00"
    assert _field(form, "mode").choices == ("", "online", "in person")
    assert _field(form, "tree.under").kind == "yaml"  # a definition within itself is not unfolded for ever
    assert part_value(SMALL, ("meeting",), _submitted(form), meeting) == meeting
    submitted = _submitted(form) | {"at": "12 March", "starts": "25:00", "hours": "lots", "mode": "by post"}
    with pytest.raises(FormError) as raised:
        part_value(SMALL, ("meeting",), submitted, meeting)
    assert raised.value.problems == {
        "at": "a date and time, e.g. 2026-03-12T14:30",
        "starts": "a time, e.g. 14:30",
        "hours": "a number, e.g. 2.5",
        "mode": "one of: online, in person",
    }
    assert part_value(SMALL, ("meeting",), {"at": "2026-03-12T09:00", "hours": "2"}, None) == {
        "at": dt.datetime(2026, 3, 12, 9),
        "hours": 2,
    }


def test_a_value_of_the_wrong_shape_is_shown_as_yaml_and_kept() -> None:
    meeting = {"at": "2026-03-12T09:00", "hours": True, "tree": ["not", "a", "node"]}
    form = part_form(SMALL, ("meeting",), meeting)
    assert (_field(form, "hours").kind, _field(form, "tree").kind) == ("yaml", "yaml")
    assert part_value(SMALL, ("meeting",), _submitted(form), meeting) == {**meeting, "at": dt.datetime(2026, 3, 12, 9)}

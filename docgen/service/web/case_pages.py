"""The pages of the cases: the list of a person's cases, a case's own page, and the editor of a case's parts."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
from dataclasses import replace
from typing import Any

from markupsafe import Markup
from ruamel.yaml import YAML
from starlette.exceptions import HTTPException
from starlette.responses import RedirectResponse, Response

from ...errors import Problem
from ...files.parsing import parse_text
from ...load.editing import EditConflict, InvalidEdit, file_fingerprint, replace_part
from ...model import Case
from ...model.kinds import Per
from ...rendering.markdown import markdown_to_html
from ...text.dates import long_date
from . import audit
from .app import Visit, guarded
from .case_form import Field, FormError, add_item, part_form, part_value, remove_item
from .cases import identifying_words, narrative_names, schema
from .roles import Action, editable_parts, framework_kinds


@guarded(Action.READ_CASE, case=False)
def case_list(visit: Visit) -> Response:
    """The cases the person is named in (every case for an administrator, with those that do not validate)."""
    shown = [
        c
        for c in visit.bench.cases.all().values()
        if (c.case and visit.person.sees(c.reference)) or (c.case is None and visit.may(Action.PEOPLE))
    ]
    return visit.page("cases.html.j2", "Your cases", cases=shown)


@guarded(Action.READ_CASE)
def case_home(visit: Visit) -> Response:
    """A case's page: what it is, the parts the person may edit and the pages they may use."""
    assert visit.case_file is not None
    case = visit.case_file.case
    parts = [(".".join(p), part_label(case, p)) for p in _parts(visit)] if case else []
    return visit.page("case.html.j2", visit.case_file.reference or visit.case_file.path.name, parts=parts)


@guarded(Action.EDIT)
def edit_part(visit: Visit) -> Response:
    """The form of one part of the case: shown (GET), or sent (POST) to preview its Markdown, add or remove a list
    item, or save it (checked as the command line checks a case; refused with both versions when the file changed
    since the form was opened)."""
    part = _chosen_part(visit)
    case_file = visit.case_file
    assert case_file is not None
    original = _value_at(case_file.data, part)
    if visit.form is None:
        saved = visit.request.query_params.get("saved", "")
        return _editor(visit, part, original, case_file.fingerprint, saved=saved)
    fingerprint = visit.field("fingerprint")
    action = visit.field("action") or "save"
    try:
        value = _approvals_kept(original, part_value(schema(), part, _texts(visit), original))
    except FormError as error:
        shown = _shown_as_sent(visit)
        return _editor(visit, part, shown, fingerprint, errors=error.problems, status=422, sent=_texts(visit))
    if action.startswith("add:"):
        return _editor(visit, part, add_item(value, action[4:]), fingerprint)
    if action.startswith("remove:"):
        return _editor(visit, part, remove_item(value, action[7:]), fingerprint)
    if action == "preview":
        return _editor(visit, part, value, fingerprint, preview=True)
    assert case_file.case is not None
    found = audit.changes(".".join(part), original, value, identifying_words(case_file.case), set(narrative_names()))
    if not found and fingerprint == case_file.fingerprint:
        return RedirectResponse(f"/cases/{case_file.name}/edit/{'.'.join(part)}?saved=0", status_code=303)
    try:
        replace_part(case_file.path, part, value, fingerprint)
    except EditConflict as conflict:
        return _conflict(visit, part, value, conflict)
    except InvalidEdit as invalid:
        errors = _field_errors(invalid.problems, part)
        return _editor(visit, part, value, fingerprint, errors=errors, status=422)
    audit.record(visit.bench.database, visit.person.name, case_file.reference, "edited", found)
    return RedirectResponse(f"/cases/{case_file.name}/edit/{'.'.join(part)}?saved=1", status_code=303)


def _parts(visit: Visit) -> list[tuple[str, ...]]:
    case_file = visit.case_file
    assert case_file is not None and case_file.case is not None
    return editable_parts(visit.person, case_file.case, schema(), list(case_file.data))


def _chosen_part(visit: Visit) -> tuple[str, ...]:
    part = tuple(visit.request.path_params["part"].split("."))
    if part not in _parts(visit):
        raise HTTPException(403)
    return part


def part_label(case: Case, part: tuple[str, ...]) -> str:
    """What a part is called: the title of the document whose record it is ('Overview Report'; an agency's with the
    agency's name, 'Individual Management Review – Northbrook Constabulary'), else its key made readable."""
    kind = next((k for k in framework_kinds(case) if k.record == part[0]), None)
    if kind is None:
        return part[0].replace("_", " ").capitalize()
    if kind.per is Per.AGENCY:
        return f"{kind.title} – {case.agency(part[1]).name}" if len(part) > 1 else f"{kind.title} – every agency"
    return kind.title


def _approved(visit: Visit, part: tuple[str, ...]) -> str:
    """'Version 2 was approved on 9 September 2026 by …' for a report approved (and what freezing it means, when its
    approval fingerprinted what it reads), else ''."""
    assert visit.case_file is not None and visit.case_file.case is not None
    case = visit.case_file.case
    kind = next((k for k in framework_kinds(case) if k.record == part[0] and k.is_report), None)
    agency = part[1] if len(part) > 1 else None
    record = kind.record_of(case, agency) if kind and (agency or kind.per is None) else None
    approval = record.approval if record is not None else None
    if approval is None or not (approval.is_approved and approval.approved_on):
        return ""
    said = f"Version {approval.version} was approved on {long_date(approval.approved_on)}"
    said += f" by {approval.approved_by}" if approval.approved_by else ""
    if approval.fingerprint:
        return f"{said}, and is frozen: a change to what it says will need a new version before it is printed again."
    return f"{said}. A change to it is a new version: give its number and date under Approval."


def _label_of(visit: Visit, part: tuple[str, ...]) -> str:
    assert visit.case_file is not None and visit.case_file.case is not None
    return part_label(visit.case_file.case, part)


def _value_at(data: Any, part: tuple[str, ...]) -> Any:
    for key in part:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def _editor(
    visit: Visit,
    part: tuple[str, ...],
    value: Any,
    fingerprint: str,
    *,
    errors: dict[str, str] | None = None,
    preview: bool = False,
    saved: str = "",
    status: int = 200,
    sent: dict[str, str] | None = None,
) -> Response:
    form = _form(part, value, errors or {}, sent)
    previews = _previews(form) if preview else {}
    name, label = ".".join(part), _label_of(visit, part)
    return visit.page(
        "edit.html.j2",
        f"Edit: {label}",
        status,
        form=form,
        part=name,
        part_label=label,
        fingerprint=fingerprint,
        errors=errors or {},
        labels=_labels(form),
        approved=_approved(visit, part),
        previews=previews,
        saved=saved,
    )


def _form(part: tuple[str, ...], value: Any, errors: dict[str, str], sent: dict[str, str] | None = None) -> Field:
    """The part's form for `value`; with `sent`, each field showing the text sent for it, as typed."""
    form = _without_approvals(part_form(schema(), part, value, errors))
    if sent is not None:
        form = _refilled(form, sent)
    return replace(form, name=WHOLE_PART) if form.kind not in ("group", "list") else form


APPROVED = ("approved_on", "approved_by", "fingerprint")
"""A report's approval as the chair records it (on the approvals page, never in the editor)."""


def _without_approvals(field: Field) -> Field:
    """The form without the fields of recorded approvals (`approval.approved_on` …), which no editor changes."""
    children = tuple(
        _without_approvals(child)
        for child in field.children
        if not (child.name.rsplit(".", 2)[-2:-1] == ["approval"] and child.name.rsplit(".", 1)[-1] in APPROVED)
    )
    return replace(field, children=children)


def _approvals_kept(original: Any, value: Any) -> Any:
    """`value` with every approval's recorded fields as `original` has them (the form does not show them)."""
    if isinstance(original, dict) and isinstance(value, dict):
        kept = {key: _approvals_kept(original.get(key), item) for key, item in value.items()}
        if isinstance(kept.get("approval"), dict) and isinstance(original.get("approval"), dict):
            recorded = {k: v for k, v in original["approval"].items() if k in APPROVED}
            kept["approval"] = {k: v for k, v in kept["approval"].items() if k not in APPROVED} | recorded
        return kept
    if isinstance(original, list) and isinstance(value, list):
        return [_approvals_kept(o, v) for o, v in zip(original, value, strict=False)] + value[len(original) :]
    return value


def _refilled(field: Field, sent: dict[str, str]) -> Field:
    if field.kind in ("group", "list"):
        return replace(field, children=tuple(_refilled(child, sent) for child in field.children))
    if field.kind == "boolean":
        return replace(field, value="true" if sent.get(field.name) in ("true", "on") else "false")
    return replace(field, value=sent[field.name]) if field.name in sent else field


def _labels(form: Field) -> dict[str, str]:
    """Each field's label by its name, for the list of problems ('Period end' for 'period_end'; an item's field
    with its item's: 'Panel 2: Name')."""
    found: dict[str, str] = {}

    def walk(field: Field, within: str) -> None:
        label = f"{within}: {field.label}" if within else field.label
        found[field.name] = label
        for child in field.children:
            walk(child, label if field.name else "")

    walk(form, "")
    return found


def _previews(form: Field) -> dict[str, Markup]:
    """Each Markdown field's text as the documents will print it."""
    found: dict[str, Markup] = {}
    stack = [form]
    while stack:
        field = stack.pop()
        if field.kind == "markdown" and field.value.strip():
            found[field.name] = markdown_to_html(field.value)
        stack.extend(field.children)
    return found


def _shown_as_sent(visit: Visit) -> Any:
    """The form as sent, every field's text as typed (for showing it again with its problems): nested by the
    fields' names, a mapping whose keys are all numbers made a list."""
    root: dict[str, Any] = {}
    for name, text in (visit.form or {}).items():
        if name in _CONTROLS or not isinstance(text, str):
            continue
        keys = name.split(".") if name else []
        if not keys:
            return text
        node = root
        for key in keys[:-1]:
            node = node.setdefault(key, {})
            if not isinstance(node, dict):
                break
        else:
            node[keys[-1]] = text
    return _listed(root)


_CONTROLS = ("csrf", "fingerprint", "action")
WHOLE_PART = "_part"
"""The form name of a part edited as one field (a mapping of any keys, such as `imrs`), whose own name is ''."""


def _texts(visit: Visit) -> dict[str, str]:
    """The form's fields (not its controls) as texts."""
    sent = {k: v for k, v in (visit.form or {}).items() if isinstance(v, str) and k not in _CONTROLS}
    return {("" if k == WHOLE_PART else k): v for k, v in sent.items()}


def _listed(value: Any) -> Any:
    if not isinstance(value, dict):
        return value
    items = {key: _listed(item) for key, item in value.items()}
    if items and all(key.isdigit() for key in items):
        return [items[key] for key in sorted(items, key=int)]
    return items


def _field_errors(problems: list[Problem], part: tuple[str, ...]) -> dict[str, str]:
    """The case's problems by form field name: a problem at 'review.panel[2].name' is the field 'panel.2.name' of
    the part 'review'; one elsewhere in the case is put on the form as a whole ('')."""
    prefix = ".".join(part)
    found: dict[str, str] = {}
    for problem in problems:
        path = problem.path.replace("[", ".").replace("]", "")
        name = path[len(prefix) + 1 :] if path == prefix or path.startswith(prefix + ".") else ""
        found[name] = f"{found[name]}; {problem.message}" if name in found else problem.message
    return found


def _conflict(visit: Visit, part: tuple[str, ...], mine: Any, conflict: EditConflict) -> Response:
    """Both versions of the part, and the form again with what was sent and the file's new fingerprint, so that the
    person can save theirs knowingly; nothing is lost."""
    case_file = visit.case_file
    assert case_file is not None
    json_text = case_file.path.suffix.lower() == ".json"
    theirs = _value_at(parse_text(conflict.current, case_file.path.name, json_text=json_text).data, part)
    fingerprint = file_fingerprint(case_file.path.read_bytes())
    form = _form(part, mine, {})
    name, label = ".".join(part), _label_of(visit, part)
    return visit.page(
        "conflict.html.j2",
        f"Changed meanwhile: {label}",
        409,
        form=form,
        part=name,
        part_label=label,
        fingerprint=fingerprint,
        labels={},
        approved="",
        theirs=_as_yaml(theirs),
        mine=_as_yaml(mine),
        errors={},
        previews={},
        saved="",
    )


def _as_yaml(value: Any) -> str:
    """A part's value as YAML, its keys in their order and dates written alike on both sides of a conflict."""
    yaml = YAML(typ="rt")
    yaml.width = 100
    out = io.StringIO()
    yaml.dump(_dated(value), out)
    return out.getvalue()


def _dated(value: Any) -> Any:
    """The value with each text that is an ISO date made a date (the file's reader keeps dates as text)."""
    if isinstance(value, dict):
        return {key: _dated(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_dated(item) for item in value]
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        with contextlib.suppress(ValueError):
            return dt.date.fromisoformat(value)
    return value

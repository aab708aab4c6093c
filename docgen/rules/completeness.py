"""What a report still lacks before it can be final: unwritten sections, recommendations that are not SMART
or not single (one addressee, one task), attachments the text mentions but the report does not list."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from .. import derive
from ..derive.report_parts import says_attached
from ..model import Case
from ..model.kinds import DocumentKind, lookup


def missing_for_final(case: Case, kind: DocumentKind, agency: str | None) -> list[str]:
    """Every unwritten section, every recommendation that is not SMART or asks more than one person or task,
    and attachments the text mentions that the report does not list; empty when complete."""
    record = kind.record_of(case, agency)
    if record is None:
        return []
    missing = [f"section '{title}' is not written" for path, title in kind.sections if not _value(record, path)]
    numbered = derive.number_recommendations(getattr(record, "recommendations", []))
    return missing + derive.not_smart(numbered) + derive.not_single(numbered) + _unlisted_attachments(record, kind)


def _unlisted_attachments(record: Any, kind: DocumentKind) -> list[str]:
    """'the text says documents are attached (1.3 …) but the report lists none', when it does not list them."""
    if getattr(record, "attachments", None) != []:
        return []
    titles = dict(kind.sections) | dict(kind.optional_sections)
    where = [
        titles.get(path, path) for path, text in _texts(record.model_dump(exclude={"approval"})) if says_attached(text)
    ]
    if not where:
        return []
    return [f"the text says documents are attached ({'; '.join(where)}) but the report lists no attachments"]


def _texts(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string inside a dumped record, with its dotted field path."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for name, item in value.items():
            yield from _texts(item, f"{path}.{name}" if path else name)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, f"{path}[{index}]")


def _value(record: Any, path: str) -> Any:
    return lookup(record, path)

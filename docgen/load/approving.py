"""Recording a report's approval in its case file: the day, who approved it and the fingerprint of what it reads.

In a YAML case file only the report's `approval` mapping is rewritten (dumped by ruamel.yaml at its own
indentation, in place of its old lines); every other line stays byte for byte. A JSON file is written again
whole. The result is validated as a case before it replaces the file, atomically, under the file's lock.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap

from ..errors import UsageError
from ..files.locking import held, lock_beside
from ..files.reading import read_file
from ..files.writing import write_atomic
from .editing import check_edited

APPROVAL = "approval"


def record_approval(path: Path, record: list[str], values: dict[str, Any]) -> None:
    """Set `values` (approved_on, approved_by, fingerprint) in the approval of the record at `record` (keys from
    the top: ['overview'], ['imrs', 'csc']) of the case file at `path`."""
    with held(lock_beside(path), str(path)):
        text = read_file(path, str(path)).decode("utf-8-sig")
        edited = _json(text, record, values) if path.suffix.lower() == ".json" else _yaml(text, record, values)
        check_edited(path, edited, "with this approval")
        write_atomic(path, edited.encode("utf-8"), keep_owner=True)


def _json(text: str, record: list[str], values: dict[str, Any]) -> str:
    data = json.loads(text)
    target = _record(data, record)
    target[APPROVAL] = {**(target.get(APPROVAL) or {}), **_plain(values)}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _yaml(text: str, record: list[str], values: dict[str, Any]) -> str:
    loader = YAML(typ="rt")
    loader.preserve_quotes = True
    data = loader.load(text)
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    target = _record(data, record)
    if not isinstance(target, CommentedMap) or target.fa.flow_style():
        raise UsageError(f"{'.'.join(record)} is written in flow style ({{…}}): write it as a block to approve it")
    approval = target.get(APPROVAL)
    if not isinstance(approval, CommentedMap):
        approval = CommentedMap(approval or {})
    approval.update(values)
    column = _column(target)
    block = " " * column + f"{APPROVAL}:\n" + _dump(approval, column + 2)
    if APPROVAL in target:
        start = target.lc.key(APPROVAL)[0]
        end = _end(data, [*record, APPROVAL], lines)
    else:
        start = end = _end(data, record, lines)
    return "".join([*lines[:start], block, *lines[end:]])


def _record(data: Any, record: list[str]) -> Any:
    for key in record:
        data = data[key]
    return data


def _column(mapping: CommentedMap) -> int:
    """The column the keys of a block mapping start at."""
    first = next(iter(mapping))
    return int(mapping.lc.key(first)[1])


def _end(data: CommentedMap, keys: list[str], lines: list[str]) -> int:
    """The line after the value of the key at `keys` ends: the next key at its level or above, comments and blank
    lines before it left to introduce it."""
    chain = []
    mapping = data
    for key in keys:
        chain.append((mapping, key))
        mapping = mapping[key] if isinstance(mapping, dict) else None
    for parent, key in reversed(chain):
        following = list(parent)[list(parent).index(key) + 1 :]
        if following:
            end = parent.lc.key(following[0])[0]
            break
    else:
        end = len(lines)
    while end > 0 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return end


def _dump(mapping: CommentedMap, indent: int) -> str:
    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    yaml.dump(mapping, out)
    return "".join(" " * indent + line if line.strip() else line for line in out.getvalue().splitlines(keepends=True))


def _plain(values: dict[str, Any]) -> dict[str, Any]:
    """Dates as ISO text for JSON; YAML keeps them as dates."""
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in values.items()}

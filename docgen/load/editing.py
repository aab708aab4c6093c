"""Editing a case file in place: one agency's chronology entries replaced, everything else kept as it was.

A YAML case file is read with ruamel.yaml's round-trip loader only to find where each chronology entry starts;
the new entries (dumped by ruamel.yaml, in the file's own indentation) replace the agency's old ones line for
line, so every comment, blank line, key order and quoting elsewhere in the file stays byte for byte. The result
is validated as a case before it replaces the file, atomically, under the file's advisory lock.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from ..errors import CaseError, Problem, UsageError
from ..files.locking import held, lock_beside
from ..files.reading import read_file
from ..files.writing import write_atomic
from .case_files import load_case

CHRONOLOGY = "chronology"
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def replace_agency_entries(path: Path, agency: str, entries: list[dict[str, Any]]) -> None:
    """Put `entries` in place of the agency's chronology entries in the case file at `path`.

    The new entries take the place of the agency's first old one (or follow the last entry when it had none).
    Nothing is written unless the edited file is a valid case. The file's lock is held from reading to writing,
    so an edit made meanwhile by another process is never lost (the second waits for the first); the file keeps
    its mode, owner and group.
    """
    with held(lock_beside(path), str(path)):
        text = read_file(path, str(path)).decode("utf-8-sig")
        edited = _json(text, agency, entries) if path.suffix.lower() == ".json" else _yaml(text, agency, entries)
        check_edited(path, edited, "with these entries")
        write_atomic(path, edited.encode("utf-8"), keep_owner=True)


class InvalidEdit(UsageError):
    """An edit that would leave the case file invalid: the file is unchanged; `problems` say what is wrong."""

    def __init__(self, message: str, problems: list[Problem]) -> None:
        super().__init__(message)
        self.problems = problems


class EditConflict(UsageError):
    """The case file changed since the person editing it read it: nothing is written; `current` is its text now."""

    def __init__(self, path: Path, current: str) -> None:
        super().__init__(f"{path} was changed by someone else since it was opened: nothing was saved")
        self.current = current


def file_fingerprint(data: bytes) -> str:
    """The SHA-256 of a case file's bytes, which an edit names to say which version it was made on."""
    return hashlib.sha256(data).hexdigest()


def replace_part(path: Path, part: tuple[str, ...], value: Any, fingerprint: str) -> None:
    """Put `value` at `part` (keys from the top: ('review',), ('imrs', 'police')) of the case file at `path`, which
    must still be the version with this `fingerprint` (EditConflict otherwise).

    In a YAML file the new value is merged into the old one (mappings and lists kept as objects, so their comments
    stay) and only the lines of the top-level key changed are written again; every other line stays byte for byte.
    A JSON file is written again whole. Nothing is written unless the result is a valid case (InvalidEdit).
    """
    with held(lock_beside(path), str(path)):
        raw = read_file(path, str(path))
        text = raw.decode("utf-8-sig")
        if file_fingerprint(raw) != fingerprint:
            raise EditConflict(path, text)
        edited = _json_part(text, part, value) if path.suffix.lower() == ".json" else _yaml_part(text, part, value)
        check_edited(path, edited, "with this change")
        write_atomic(path, edited.encode("utf-8"), keep_owner=True)


def _json_part(text: str, part: tuple[str, ...], value: Any) -> str:
    data = json.loads(text)
    parent = data
    for key in part[:-1]:
        parent = parent.setdefault(key, {})
    parent[part[-1]] = json.loads(json.dumps(value, default=lambda v: v.isoformat()))
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _yaml_part(text: str, part: tuple[str, ...], value: Any) -> str:
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    yaml = _round_trip()
    data = yaml.load(text)
    parent = data
    for key in part[:-1]:
        if not isinstance(parent.get(key), CommentedMap):
            parent[key] = CommentedMap()
        parent = parent[key]
    parent[part[-1]] = _merged(parent.get(part[-1]), value)
    out = io.StringIO()
    yaml.dump(data, out)
    dumped = out.getvalue().splitlines(keepends=True)
    top = part[0]
    new_start, new_end = _key_span(yaml.load(out.getvalue()), top, dumped)
    block = dumped[new_start:new_end]
    if top not in yaml.load(text):
        return "".join([*lines, "\n", *block])
    start, end = _key_span(yaml.load(text), top, lines)
    return "".join([*lines[:start], *block, *lines[end:]])


def _round_trip() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _merged(old: Any, new: Any) -> Any:
    """`new`, built on `old`'s round-trip objects where both are mappings or lists (their comments and styles kept);
    a text of several lines written as a block."""
    if isinstance(old, CommentedMap) and isinstance(new, dict):
        for key in [k for k in old if k not in new and old[k] is not None]:
            del old[key]  # a key written as null (`key: null`) is the same as a key left out: kept as written
        for key, item in new.items():
            old[key] = _merged(old.get(key), item)
        return old
    if isinstance(old, CommentedSeq) and isinstance(new, list):
        del old[len(new) :]
        for index, item in enumerate(new):
            if index < len(old):
                old[index] = _merged(old[index], item)
            else:
                old.append(_merged(None, item))
        return old
    if old is not None and _scalar_text(old) == _scalar_text(new):
        return old  # unchanged: keeps its quoting and type (a date stays a date)
    if isinstance(new, str) and "\n" in new:
        return LiteralScalarString(new.rstrip("\n") + "\n")
    if isinstance(new, str) and not isinstance(old, str) and _ISO_DATE.fullmatch(new):
        return dt.date.fromisoformat(new)  # a date given as text is written as the case file writes dates
    if isinstance(new, dict):
        return _merged(CommentedMap(), new)
    if isinstance(new, list):
        return _merged(CommentedSeq(), new)
    return new


def _scalar_text(value: Any) -> str | None:
    """A scalar as text, dates in ISO form (None for a mapping or list)."""
    if isinstance(value, (dict, list)):
        return None
    return value.isoformat() if isinstance(value, dt.date) else repr(value) if isinstance(value, bool) else str(value)


def _key_span(data: CommentedMap, key: str, lines: list[str]) -> tuple[int, int]:
    """The lines [start, end) of a top-level key and its value, the comments and blank lines that end it left to
    introduce what follows."""
    keys = list(data)
    start = data.lc.key(key)[0]
    following = keys[keys.index(key) + 1 :]
    end = data.lc.key(following[0])[0] if following else len(lines)
    return start, _trimmed(lines, start, end)


def check_edited(path: Path, text: str, change: str) -> None:
    """Load the edited text as a case file beside the original (its board profile path still resolves); an
    InvalidEdit naming the `change` ('with these entries') when it is not a valid case."""
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=f"{path.suffix}.part")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        load_case(name)
    except CaseError as error:
        problems = "; ".join(p.message if not p.path else f"{p.path}: {p.message}" for p in error.problems)
        message = f"{path} would not be a valid case file {change}, so it is unchanged: {problems}"
        raise InvalidEdit(message, list(error.problems)) from None
    finally:
        Path(name).unlink(missing_ok=True)


def _json(text: str, agency: str, entries: list[dict[str, Any]]) -> str:
    data = json.loads(text)
    new = [{k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in e.items()} for e in entries]
    data[CHRONOLOGY] = _replaced(data.get(CHRONOLOGY) or [], agency, new)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _replaced(old: list[Any], agency: str, entries: list[Any]) -> list[Any]:
    """The chronology `old` with the agency's entries replaced by `entries`, where its first one was."""
    first = next((i for i, e in enumerate(old) if e.get("agency") == agency), len(old))
    kept = [e for e in old if e.get("agency") != agency]
    position = sum(1 for e in old[:first] if e.get("agency") != agency)
    return kept[:position] + entries + kept[position:]


def _yaml(text: str, agency: str, entries: list[dict[str, Any]]) -> str:
    data = YAML(typ="rt").load(text)
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    sequence = data.get(CHRONOLOGY)
    whole = _replaced(sequence or [], agency, entries)
    if not isinstance(sequence, CommentedSeq) or sequence.fa.flow_style() or not sequence or not whole:
        return _whole_sequence(data, lines, whole)
    dash = sequence.lc.item(0)[1] - 2
    block = _dump(entries, dash)
    spans = _item_spans(data, sequence, lines)
    mine = [span for span, item in zip(spans, sequence, strict=True) if item.get("agency") == agency]
    if not mine:
        end = spans[-1][1]
        return "".join([*lines[:end], block, *lines[end:]])
    out, previous = [], 0
    for number, (start, end) in enumerate(mine):
        out += lines[previous:start]
        if number == 0:
            out.append(block)
        previous = end
    return "".join([*out, *lines[previous:]])


def _item_spans(data: CommentedMap, sequence: CommentedSeq, lines: list[str]) -> list[tuple[int, int]]:
    """Each item's lines [start, end), leaving out the comments and blank lines that end it (they introduce
    what follows)."""
    starts = [sequence.lc.item(i)[0] for i in range(len(sequence))]
    ends = [*starts[1:], _next_key_line(data, lines)]
    return [(start, _trimmed(lines, start, end)) for start, end in zip(starts, ends, strict=True)]


def _whole_sequence(data: CommentedMap, lines: list[str], entries: list[Any]) -> str:
    """The chronology written whole, as a block sequence: where the case had none, an empty one or one written in
    flow style (`chronology: [{...}, ...]`, every agency's entries kept), or where no entry is left (`[]`)."""
    block = f"{CHRONOLOGY}:\n{_dump(entries, 2)}" if entries else f"{CHRONOLOGY}: []\n"
    if CHRONOLOGY not in data:
        return "".join([*lines, "\n", block])
    start = data.lc.key(CHRONOLOGY)[0]
    end = _trimmed(lines, start, _next_key_line(data, lines))
    return "".join([*lines[:start], block, *lines[end:]])


def _next_key_line(data: CommentedMap, lines: list[str]) -> int:
    """The line of the top-level key after the chronology (the end of the file when it is the last)."""
    keys = list(data)
    following = keys[keys.index(CHRONOLOGY) + 1 :]
    return data.lc.key(following[0])[0] if following else len(lines)


def _trimmed(lines: list[str], start: int, end: int) -> int:
    """`end`, moved back over the comments and blank lines that end lines[start:end] (they introduce what follows)."""
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return end


def _dump(entries: list[dict[str, Any]], dash: int) -> str:
    """Entries as YAML block sequence items, their dashes at column `dash` (nothing for no entries)."""
    if not entries:
        return ""
    yaml = YAML(typ="rt")
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 100_000  # never fold a long event onto several lines
    items = CommentedSeq(_styled(entry) for entry in entries)
    out = io.StringIO()
    yaml.dump(items, out)
    shift = dash - 2
    lines = out.getvalue().splitlines(keepends=True)
    return "".join(" " * shift + line if shift >= 0 else line[-shift:] for line in lines)


def _styled(entry: dict[str, Any]) -> CommentedMap:
    """An entry as the example case writes one: people in a flow list, times quoted, long text as a block."""
    styled = CommentedMap()
    for name, value in entry.items():
        if name in ("subjects", "seen"):
            value = CommentedSeq(value)
            value.fa.set_flow_style()
        elif name == "time":
            value = DoubleQuotedScalarString(value)
        elif isinstance(value, str) and "\n" in value:
            value = LiteralScalarString(value.rstrip("\n") + "\n")
        styled[name] = value
    return styled

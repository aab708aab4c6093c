"""Editing a case file in place: one agency's chronology entries replaced, everything else kept as it was.

A YAML case file is read with ruamel.yaml's round-trip loader only to find where each chronology entry starts;
the new entries (dumped by ruamel.yaml, in the file's own indentation) replace the agency's old ones line for
line, so every comment, blank line, key order and quoting elsewhere in the file stays byte for byte. The result
is validated as a case before it replaces the file, atomically, under the file's advisory lock.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString

from ..errors import CaseError, UsageError
from ..files.locking import held, lock_beside
from ..files.reading import read_file
from ..files.writing import write_atomic
from .case_files import load_case

CHRONOLOGY = "chronology"


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


def check_edited(path: Path, text: str, change: str) -> None:
    """Load the edited text as a case file beside the original (its board profile path still resolves); a
    UsageError naming the `change` ('with these entries') when it is not a valid case."""
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=f"{path.suffix}.part")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        load_case(name)
    except CaseError as error:
        problems = "; ".join(p.message if not p.path else f"{p.path}: {p.message}" for p in error.problems)
        raise UsageError(f"{path} would not be a valid case file {change}, so it is unchanged: {problems}") from None
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

"""The proof run on one rendered document (every rule, findings in the rules' order), or on the documents
written in a folder, as its manifest describes them."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..files.reading import read_regular
from ..limits import MAX_FILE_BYTES, MAX_PROOF_BYTES
from ..model import Case
from ..model.framework import builtin_framework, builtin_framework_ids
from ..model.kinds import Audience, DocumentKind
from ..model.people_labels import labels
from . import (  # noqa: F401  (they register rules)
    broken_words,
    community,
    internal_labels,
    jargon,
    later_dates,
    leftovers,
    page_edges,
    quotes,
    repeats,
    siblings,
    split_rows,
)
from .findings import ProofFinding, Reading
from .page_text import pages_of
from .pdf_layout import pdf_layout
from .rulebook import PROOF_RULES

_FORMATS = {".pdf": "pdf", ".docx": "docx", ".html": "html"}
MANIFEST = "manifest.json"


def proofread(reading: Reading) -> tuple[ProofFinding, ...]:
    """Every rule's findings on a document, each once, in the rules' order."""
    found = (finding for rule in PROOF_RULES.values() for finding in rule.check(reading))
    return tuple(dict.fromkeys(found))


def proofread_document(
    content: bytes,
    format: str,
    filename: str,
    kind: DocumentKind,
    case: Case | None,
    date: dt.date | None,
    kinds: Iterable[DocumentKind] | None = None,
) -> tuple[ProofFinding, ...]:
    """The findings on a rendered document of `kind`, dated `date` (None: it has no date of its own); the case
    gives the glossary and the framework's kinds (`kinds`, else the built-in frameworks', without a case)."""
    if kinds is None:
        kinds = case.framework.kinds.values() if case is not None else _builtin_kinds().values()
    return proofread(_reading(content, format, filename, kind, case, date, kinds))


def _reading(
    content: bytes,
    format: str,
    filename: str,
    kind: DocumentKind | None,
    case: Case | None,
    date: dt.date | None,
    kinds: Iterable[DocumentKind],
) -> Reading:
    """A document as the rules read it (without a kind, no reader is known: the jargon rule passes it by)."""
    return Reading(
        file=filename,
        pages=pages_of(content, format),
        date=date,
        lay_reader=kind is not None and kind.lay_reader,
        public=kind is not None and kind.audience is Audience.PUBLIC,
        plain_words=jargon.plain_words(case) if case is not None else {},
        internal_names=internal_labels.internal_names(kinds),
        labels=frozenset(labels(case).values()) if case is not None else None,
        layout=pdf_layout(content) if format == "pdf" else (),
    )


@dataclass(frozen=True)
class ProofreadFile:
    """A file of a folder, proofread: its name, its kind (None when no manifest lists it) and the findings."""

    file: str
    kind: str | None
    findings: tuple[ProofFinding, ...]


def proofread_folder(folder: Path, case: Case | None = None) -> list[ProofFinding]:
    """The findings on every PDF, Word and HTML file of a folder, in the order of their names (`proofread_files`)."""
    return [finding for proofread_file in proofread_files(folder, case) for finding in proofread_file.findings]


def proofread_files(folder: Path, case: Case | None = None) -> list[ProofreadFile]:
    """Every PDF, Word and HTML file of a folder proofread, in the order of their names. Its manifest.json, when
    there, gives each document's kind and date; without one (or for a file it does not list) the date rule has no
    date to go by and the jargon rule no reader. UsageError when the folder does not exist or a file cannot be
    read."""
    if not folder.is_dir():
        raise UsageError(f"{folder} is not a folder")
    entries = _manifest_entries(folder / MANIFEST)
    kinds = case.framework.kinds if case is not None else _builtin_kinds()
    done: list[ProofreadFile] = []
    for path in sorted(p for p in folder.iterdir() if p.suffix in _FORMATS and p.is_file()):
        entry = entries.get(path.name, {})
        kind = kinds.get(entry.get("kind", ""))
        content = read_regular(path, MAX_PROOF_BYTES)
        if content is None:
            raise UsageError(f"{path} cannot be read (or is over {MAX_PROOF_BYTES // 2**20} MB)")
        try:
            reading = _reading(
                content, _FORMATS[path.suffix], path.name, kind, case, _date(entry.get("date")), kinds.values()
            )
        except Exception as error:  # a damaged file: PDFium's, pikepdf's and zipfile's errors have no common root
            raise UsageError(f"{path} is not a {path.suffix[1:].upper()} file docgen can read ({error})") from None
        done.append(ProofreadFile(path.name, kind.id if kind is not None else None, proofread(reading)))
    return done


def _manifest_entries(path: Path) -> dict[str, dict[str, Any]]:
    """The manifest's entries by file name (none when there is no manifest); UsageError for one not JSON."""
    if not path.exists():
        return {}
    try:
        documents = json.loads(read_regular(path, MAX_FILE_BYTES) or b"").get("documents", [])
        return {entry["file"]: entry for entry in documents if isinstance(entry, dict) and "file" in entry}
    except (ValueError, AttributeError, TypeError) as error:
        raise UsageError(f"{path} is not a docgen manifest ({error})") from None


def _date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _builtin_kinds() -> dict[str, DocumentKind]:
    """Every kind of the built-in frameworks, by id (the first framework's where two share one)."""
    kinds: dict[str, DocumentKind] = {}
    for framework in builtin_framework_ids():
        for kind_id, kind in builtin_framework(framework).kinds.items():
            kinds.setdefault(kind_id, kind)
    return kinds


def finding_lines(findings: Iterable[ProofFinding]) -> list[str]:
    """Each finding as a line a person reads."""
    return [finding.describe() for finding in findings]

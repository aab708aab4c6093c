"""The manifest of a pack: each document's file, kind, format, sha256 and marking."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from .. import __version__
from ..model import Case
from .rendered import RenderedDocument


def manifest(case: Case, documents: Sequence[RenderedDocument], source: str | None = None) -> bytes:
    """The manifest of a pack: for each file, its kind, format, sha256 and how it was marked; with `source`, the
    path of the case file it comes from (`input`)."""
    entries = [manifest_entry(d) for d in documents]
    named = {"input": source} if source is not None else {}
    body = {"reference": case.review.reference, "docgen": __version__, **named, "documents": entries}
    return (json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def manifest_entry(document: RenderedDocument) -> dict[str, Any]:
    """What a manifest says of one document: its file, kind, agency or addressee, format, sha256, marking, the
    date it bears and what the proof found in it."""
    return {
        "file": document.filename,
        "kind": document.kind,
        "agency": document.agency,
        "to": document.to,
        "format": document.format,
        "sha256": document.sha256,
        "draft": document.draft,
        "anonymised": document.anonymised,
        "missing_glyphs": list(document.missing_glyphs),
        "date": document.date.isoformat() if document.date else None,
        "findings": [finding.as_dict() for finding in document.findings],
    }

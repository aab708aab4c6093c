"""An approved report is frozen: its approval records a fingerprint of what it reads, and a later change to any of
that refuses a reprint of the approved version.

What a report reads: its own record (its approval aside), the records its kind `reads` (the Overview Report reads
the agencies' IMRs), and the case's people, agencies, chronology (an agency's report: its own entries), incident,
places and the review's own description (type, reference, period, scope, terms of reference, panel and author). Each
is read as the case stood on the day of the approval, so that what is recorded later (progress on an action, a later
letter, a booking in the timetable) changes nothing the report printed. The fingerprint holds a short digest per
field, so that a refusal can say which fields changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from ..errors import ApprovedChangedError
from ..model import Case
from ..model.kinds import DocumentKind, lookup
from ..passes.as_at import case_as_at
from ..text.dates import long_date

SHARED = (
    "subject",
    "family",
    "professionals",
    "agencies",
    "victims",
    "chronology",
    "incident",
    "places",
    "anonymisation",
    "review.reference",
    "review.type",
    "review.period_start",
    "review.period_end",
    "review.scope",
    "review.terms_of_reference",
    "review.panel",
    "review.overview_author",
    "review.joint",
    "review.family_involvement",
)
"""The fields of the case every report reads beside its own record."""
DIGEST_LENGTH = 16
"""Hexadecimal digits kept of each field's SHA-256: enough that no edit goes unseen."""


def fingerprint(case: Case, kind: DocumentKind, agency: str | None, day: dt.date) -> dict[str, str]:
    """A digest of each field the report reads, the case taken as it stood on `day` (the approval's)."""
    then = case_as_at(case, day)
    record_path = f"{kind.record}.{agency}" if agency else kind.record
    fields = {record_path: lookup(then, record_path)}
    fields |= {path: lookup(then, path) for path in (*kind.reads, *SHARED)}
    if agency:  # an agency's report prints its own chronology: another agency's entries change nothing in it
        fields["chronology"] = [entry for entry in then.chronology if entry.agency == agency]
    return {path: _digest(value) for path, value in fields.items()}


def check_frozen(case: Case, kind: DocumentKind, agency: str | None) -> None:
    """Refuse to reprint an approved report whose fingerprinted fields have changed since its approval
    (ApprovedChangedError, exit 2, naming the fields); nothing to check without an approval or a fingerprint."""
    record = kind.record_of(case, agency)
    approval = getattr(record, "approval", None)
    if approval is None or not approval.is_approved or not approval.fingerprint:
        return
    assert approval.approved_on is not None
    now = fingerprint(case, kind, agency, approval.approved_on)
    changed = sorted(path for path, digest in approval.fingerprint.items() if now.get(path) != digest)
    changed += sorted(path for path in now if path not in approval.fingerprint)
    if changed:
        raise ApprovedChangedError(
            f"{kind.id}{f' for {agency}' if agency else ''}",
            f"version {approval.version}, approved on {long_date(approval.approved_on)}, is not reprinted: "
            f"{', '.join(changed)} changed since it was approved. Make a new version (its approval: a new version"
            " and date, without approved_on and fingerprint) to print the change as a draft, or undo the change to"
            " reprint the approved one",
        )


def _plain(value: Any) -> Any:
    """A field as plain data, the approvals inside it left out (a report's own, an IMR's: not what it prints), and
    the fields left at their defaults (so that a field a later version adds, unused, reopens no approval)."""
    if hasattr(value, "model_dump"):
        value = value.model_dump(mode="json", exclude_defaults=True)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items() if k != "approval"}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _digest(value: Any) -> str:
    """A field's digest: its plain data as JSON, keys in order."""
    data = json.dumps(_plain(value), sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()[:DIGEST_LENGTH]

"""Approving a report: the checks and the record, for the command line and the workbench alike."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..errors import UsageError
from ..load.approving import record_approval
from ..load.case_files import load_case
from ..rules.completeness import missing_for_final
from ..rules.frozen import fingerprint
from ..rules.support import kind_of
from ..text.dates import long_date


def approve_report(case_file: Path, kind: str, agency: str | None, approved_by: str, day: dt.date) -> str:
    """Record the approval of the report `kind` (`agency`'s, for a report written per agency) in the case file: the
    day, who approved it and the fingerprint of every field it reads; returns what was done, in a sentence.

    Refused with a UsageError (the case file unchanged) for a report the case does not hold, one already approved
    with a fingerprint, one dated after the approval, or one incomplete (what it lacks named)."""
    case = load_case(case_file)
    document = kind_of(kind, case.framework)
    record = document.record_of(case, agency) if document.is_report else None
    if record is None:
        raise UsageError(f"the case has no {document.title} to approve{f' for {agency}' if agency else ''}")
    approval = record.approval
    if approval.is_approved and approval.fingerprint:
        raise UsageError(
            f"{kind} version {approval.version} is already approved and frozen: make a new version to approve"
        )
    if approval.dated and approval.dated > day:
        raise UsageError(f"{kind} version {approval.version} is dated {approval.dated}, after {day}: not approved then")
    if missing := missing_for_final(case, document, agency):
        named = f"{document.title} of {case.agency(agency).name}" if agency else document.title
        raise UsageError(f"{named} version {approval.version} cannot be approved yet: " + "; ".join(missing))
    title = f"{document.title} of {case.agency(agency).name}" if agency else document.title
    digests = fingerprint(case, document, agency, day)
    path = [*document.record.split("."), *([agency] if agency else [])]
    record_approval(case_file, path, {"approved_on": day, "approved_by": approved_by, "fingerprint": digests})
    return (
        f"{title} version {approval.version} approved on {long_date(day)} by {approved_by}; it is frozen: "
        f"a change to any of the {len(digests)} fields it reads will need a new version"
    )

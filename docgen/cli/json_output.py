"""What the command line prints with `--json`: one JSON document on standard output, or an error on standard error.

Each document's shape is a model here, and its JSON Schema (schemas/cli/, `docgen schema --output-of COMMAND`) is
made from the model, so a document and its schema cannot drift apart. Every field is always present (null when
it does not apply); a field is never removed or renamed without a new major version of docgen.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any, Literal

import click
from pydantic import BaseModel, ConfigDict, Field

from .. import __version__
from ..derive.deadlines import ReviewTimetable, Status
from ..errors import CaseError, UsageError
from ..errors import Problem as CaseProblem
from ..exports.register import Register
from ..model import Case
from ..model.kinds import FORMATS, Audience, DocumentKind, Per
from ..model.people_labels import labels
from ..passes.anonymise import anonymisation_changes
from ..proof import ProofreadFile
from ..publish.manifest import manifest_entry
from ..publish.rendered import RenderedDocument
from ..rules.support import supported_documents
from ..service.joblog import JobResult

SCHEMA_ID = "https://docgen.example.org/schemas/cli/{}.schema.json"


class _Shape(BaseModel):
    """A part of a JSON document: no other fields, every field always written."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, use_attribute_docstrings=True, json_schema_serialization_defaults_required=True
    )


class _Document(_Shape):
    """A whole JSON document, which says which docgen wrote it."""

    docgen: str = Field(default_factory=lambda: __version__)
    """The version of docgen that wrote the document."""


class Problem(_Shape):
    """One thing wrong with a case: where it is and what is wrong (never the value given)."""

    file: str
    """The file the problem is in: the case (its file, or the name given to a case held in memory), or a profile
    file it names."""
    line: int | None
    """The line in that file, where known."""
    path: str
    """The field path, e.g. 'chronology[3].agency'; '' for the whole file."""
    message: str
    """What is wrong, in plain words, with the accepted values where there is a choice."""


class Kind(_Shape):
    """A document kind docgen produces."""

    id: str
    """Identifier, as `--doc` takes it, e.g. 'letter-1'."""
    title: str
    """Title, e.g. 'Notification to parents'."""
    audience: Audience
    """Who may read it: confidential papers, or the public (always anonymised)."""
    per: Per | None
    """What one document is written for: each agency, each addressee, or (null) the case."""
    formats: list[str]
    """The formats it is rendered in."""
    blank: bool
    """Whether it is also printed blank, to fill in (`render --blank`)."""


class KindList(_Document):
    """`docgen list --json`: the document kinds."""

    kinds: list[Kind]
    """Every kind, in the order `docgen list` prints them."""


class Planned(_Shape):
    """A document a case supports."""

    kind: str
    """The document kind."""
    agency: str | None
    """The agency it is written for (kinds written per agency), else null."""
    to: str | None
    """The person it is addressed to (kinds written per addressee), else null."""


class CaseCheck(_Shape):
    """One case file checked."""

    file: str
    """The case file, as given."""
    valid: bool
    """Whether it is a valid case file."""
    reference: str | None
    """The review's reference (null when the file is not valid)."""
    documents: list[Planned]
    """The documents it supports (none when it is not valid)."""
    problems: list[Problem]
    """Every problem (none when it is valid)."""


class Validation(_Document):
    """`docgen validate --json`: each case file, valid or not (exit code 2 when any is not)."""

    cases: list[CaseCheck]
    """Each case file, in the order given."""


class ProofFinding(_Shape):
    """Something the proof found in a document (docs/proofreading.md)."""

    rule: str
    """The rule that found it, e.g. 'leftover', 'jargon'."""
    page: int | None
    """The page of a PDF, from 1; null in a Word or HTML file, or in a document's properties."""
    words: str
    """The words at fault (an excerpt)."""
    message: str
    """What is wrong, in plain words."""


class Written(_Shape):
    """A document written, as the manifest lists it, with its path."""

    path: str
    """Where it was written."""
    file: str
    """Its file name."""
    kind: str
    """The document kind."""
    agency: str | None
    """The agency it is written for, else null."""
    to: str | None
    """The person it is addressed to, else null."""
    format: Literal["docx", "pdf", "html"]
    """Its format."""
    media_type: str
    """Its MIME type."""
    sha256: str
    """The hex SHA-256 digest of its bytes."""
    draft: bool
    """Whether it is marked DRAFT."""
    anonymised: bool
    """Whether it is anonymised."""
    missing_glyphs: list[str]
    """Code points ('U+4E2D') of characters no installed font has: a PDF prints them as empty boxes."""
    date: dt.date | None
    """The date the document bears; null when it has none of its own (a timetable, a blank form)."""
    findings: list[ProofFinding]
    """What the proof found in it, in the order of its rules; empty when it reads clean."""


class Rendered(_Document):
    """`docgen render --json`: the files written."""

    reference: str | None
    """The review's reference (null for blank forms, which belong to no review)."""
    manifest: str | None
    """The path of the manifest written beside the documents (null for blank forms, which have none)."""
    documents: list[Written]
    """Each document written, in the order of the manifest."""


class ProofreadDocument(_Shape):
    """A file of the folder, proofread."""

    file: str
    """Its file name."""
    kind: str | None
    """Its document kind, as the folder's manifest gives it; null for a file the manifest does not list."""
    findings: list[ProofFinding]
    """What the proof found in it, in the order of its rules; empty when it reads clean."""


class Proofread(_Document):
    """`docgen proof --json`: each PDF, Word and HTML file of the folder proofread (exit code 1 when there is any
    finding)."""

    folder: str
    """The folder, as given."""
    findings: int
    """How many findings there are in all."""
    documents: list[ProofreadDocument]
    """Each file, in the order of their names."""


class Label(_Shape):
    """The label anonymised documents give a person."""

    path: str
    """The person's field path, e.g. 'family[0]'."""
    label: str
    """Their label, e.g. 'Mother'."""


class Change(_Shape):
    """One thing anonymisation does, or leaves for a person to decide. This holds the case's own names."""

    path: str
    """The field path of the text."""
    action: Literal["ambiguous", "rewritten", "replaced", "redacted", "kept", "review"]
    """'ambiguous': a name several people share, which the case must resolve before an anonymised document is
    written; 'rewritten': a structured field; 'replaced': a name replaced; 'redacted': an identifier removed;
    'kept': a contact detail of the board or an officer; 'review': a hit left for a person to decide."""
    what: str
    """The kind of name or identifier, or why a hit is left for review."""
    found: str
    """The text found."""
    became: str
    """What it became ('' when it is left as it is)."""
    owners: list[str]
    """Whose name it is: the people's labels."""


class AnonymisationReport(_Document):
    """`docgen anonymise --report --json`: what anonymisation does to the case. It holds the case's names and
    identifiers (as the report without --json does): it is for the case's author, as confidential as the case."""

    reference: str
    """The review's reference."""
    labels: list[Label]
    """Each person's label, in the model's order."""
    changes: list[Change]
    """Each change, in the model's order: what the report without --json lists, section by section."""


class OutputFile(_Shape):
    """A file a job published."""

    file: str
    """Its path, relative to the output folder ('<reference>/<file>')."""
    sha256: str
    """The hex SHA-256 digest of its bytes."""


class Job(_Shape):
    """What became of one case file."""

    input: str
    """The case file, as given."""
    outcome: Literal["rendered", "unchanged", "failed"]
    """'unchanged': the documents already published are those the case file gives."""
    reference: str | None
    """The folder of its documents in the output folder (the review's reference, '/' as '-'), where known."""
    documents: int
    """How many documents were published (the manifest not counted)."""
    seconds: float
    """How long the job took."""
    sha256: str | None
    """The hex SHA-256 digest of the case file's bytes (null when they could not be read)."""
    error: str | None
    """What is wrong, in plain words (failed jobs), else null."""
    outputs: list[OutputFile]
    """The documents and the manifest."""


class Batch(_Document):
    """`docgen batch --json`: each case file's job, in the order given (exit code 1 when any failed)."""

    out: str
    """The output folder."""
    jobs: list[Job]
    """Each case file's job, in the order given."""


class CountedFrom(_Shape):
    """An event the timetable's clocks count from."""

    event: str
    """What it is, e.g. 'the decision to hold the review'."""
    date: dt.date
    """When it was."""


class Step(_Shape):
    """One step of the timetable: when it is due and where it stands, then what the guidance says of it."""

    number: int
    """Its number in the timetable, from 1."""
    id: str
    """Its stable identifier (as `review.step_dates` and calendar entries use it)."""
    title: str
    """A short name, e.g. 'Second panel meeting'."""
    deadline: dt.date
    """Its deadline."""
    status: Status
    """Where it stands on the day the timetable is given at."""
    recorded: dt.date | None
    """The date the case records for it: the day it was done, or the day it is booked for."""
    booked: bool
    """Recorded for a day still to come: not done yet."""
    recorded_in: str
    """The case field that records it."""
    responsible: list[str]
    """Who is responsible."""
    timescale: str
    """The timescale as the guidance words it."""
    action: str
    """What is done (Markdown)."""


class Timetable(_Document):
    """`docgen timetable --json`: the review timetable on a day."""

    reference: str
    """The review's reference."""
    review_type: str
    """The type of review."""
    on: dt.date
    """The day the statuses are given at."""
    working_days_in: str
    """Whose bank holidays working days skip."""
    counted_from: list[CountedFrom]
    """What the clocks count from (day 1)."""
    steps: list[Step]
    """Each step that applies to the review, in order."""
    warnings: list[str]
    """Dates the case sets later than the timetable allows, and the like."""
    calendar: str | None
    """The iCalendar file written (`--ics`), else null."""


class RegisterDocument(_Document):
    """`docgen register --json`: every review of a folder, its recommendations and the year's figures."""

    board_register: Register
    """The register on its day."""


class ErrorDetail(_Shape):
    """An error: its kind, the exit code, the message, and the problems of a case."""

    type: str
    """The kind of error: docgen's error class ('CaseError', 'NotSupportedError', 'LeakError' …), 'UsageError'
    for a mistake on the command line, 'OSError' for a file that could not be read or written."""
    exit_code: int
    """The command's exit code: 1 a failure, 2 bad input or usage."""
    message: str
    """The message a person reads, as the command prints it without --json."""
    problems: list[Problem]
    """Every problem of an invalid case or profile (CaseError); empty for other errors."""


class Error(_Document):
    """What every command prints on standard error with --json when it stops on an error."""

    error: ErrorDetail
    """What stopped the command."""


OUTPUTS: dict[str, type[_Document]] = {
    "list": KindList,
    "validate": Validation,
    "render": Rendered,
    "anonymise": AnonymisationReport,
    "batch": Batch,
    "timetable": Timetable,
    "proof": Proofread,
    "register": RegisterDocument,
    "error": Error,
}
"""The document each command prints with --json, by command; 'error' for errors, on standard error."""


def output_schema(name: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a command's --json document; UsageError for a name not in OUTPUTS."""
    if name not in OUTPUTS:
        raise UsageError(f"no command prints JSON as '{name}'; the documents are: {', '.join(OUTPUTS)}")
    schema = OUTPUTS[name].model_json_schema(mode="serialization")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID.format(name), **schema}


def emit(document: _Document, *, err: bool = False) -> None:
    """Print a document as JSON, on standard output (standard error for an error)."""
    click.echo(document.model_dump_json(indent=2), err=err)


def kind_list(kinds: Iterable[DocumentKind]) -> KindList:
    """The document kinds of a framework."""
    formats = list(FORMATS)
    return KindList(
        kinds=[
            Kind(id=k.id, title=k.title, audience=k.audience, per=k.per, formats=formats, blank=k.blank) for k in kinds
        ]
    )


def validation(checked: Sequence[tuple[os.PathLike[str], Case | CaseError]]) -> Validation:
    """Each case file, and the case read from it or why it could not be."""
    return Validation(cases=[_check(Path(path), result) for path, result in checked])


def _check(path: Path, result: Case | CaseError) -> CaseCheck:
    if isinstance(result, CaseError):
        return CaseCheck(file=str(path), valid=False, reference=None, documents=[], problems=problems(result))
    documents = [
        Planned(kind=p.kind, agency=p.agency, to=p.to) for p in supported_documents(result) if not p.enclosed_in
    ]
    return CaseCheck(file=str(path), valid=True, reference=result.review.reference, documents=documents, problems=[])


def problems(error: CaseError) -> list[Problem]:
    """The problems of a case, each with the file it is in."""
    return [_problem(p, error.file) for p in error.problems]


def _problem(problem: CaseProblem, file: str) -> Problem:
    return Problem(file=problem.file or file, line=problem.line, path=problem.path, message=problem.message)


def rendered(
    documents: Sequence[tuple[Path, RenderedDocument]], reference: str | None, manifest: Path | None
) -> Rendered:
    """The documents written, each with its path; a case's pack has a reference and a manifest."""
    return Rendered(
        reference=reference,
        manifest=str(manifest) if manifest else None,
        documents=[Written(path=str(path), media_type=d.media_type, **manifest_entry(d)) for path, d in documents],
    )


def proofread(folder: Path, files: Sequence[ProofreadFile]) -> Proofread:
    """The files of a folder and what the proof found in each."""
    documents = [
        ProofreadDocument(
            file=f.file, kind=f.kind, findings=[ProofFinding(**finding.as_dict()) for finding in f.findings]
        )
        for f in files
    ]
    return Proofread(folder=str(folder), findings=sum(len(f.findings) for f in files), documents=documents)


def anonymisation(case: Case) -> AnonymisationReport:
    """What anonymisation does to the case: the people's labels and every change."""
    changes = [Change.model_validate(asdict(change)) for change in anonymisation_changes(case)]
    labelled = [Label(path=path, label=label) for path, label in labels(case).items()]
    return AnonymisationReport(reference=case.review.reference, labels=labelled, changes=changes)


def batch(results: Sequence[JobResult], out: Path) -> Batch:
    """Each job of a batch, as the job log records it (but its traceback)."""
    return Batch(out=str(out), jobs=[Job.model_validate(result, from_attributes=True) for result in results])


def timetable(case: Case, table: ReviewTimetable, calendar: Path | None) -> Timetable:
    """The review timetable as it stands on the table's day."""
    steps = [
        Step(
            number=s.number,
            id=s.step.id,
            title=s.title,
            deadline=s.deadline,
            status=s.status,
            recorded=s.recorded,
            booked=s.booked,
            recorded_in=s.recorded_in,
            responsible=s.responsible,
            timescale=s.timescale,
            action=s.action,
        )
        for s in table.steps
    ]
    return Timetable(
        reference=case.review.reference,
        review_type=case.review.type,
        on=table.on,
        working_days_in=table.nation.value,
        counted_from=[CountedFrom(event=event, date=day) for event, day in table.events],
        steps=steps,
        warnings=[warning.with_field for warning in table.warnings],
        calendar=str(calendar) if calendar else None,
    )


def error(raised: Exception, message: str, exit_code: int) -> Error:
    """An error as JSON: its kind, the exit code, the message a person reads, and a case's problems."""
    kind = "UsageError" if isinstance(raised, click.UsageError) else type(raised).__name__
    found = problems(raised) if isinstance(raised, CaseError) else []
    return Error(error=ErrorDetail(type=kind, exit_code=exit_code, message=message, problems=found))


def register_document(register: Register) -> RegisterDocument:
    """The register as its JSON document."""
    return RegisterDocument(board_register=register)

"""One exception root; each error knows how to describe itself and which exit code it means."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class DocgenError(Exception):
    """Root of every error docgen raises on purpose."""

    exit_code = 1

    def describe(self) -> str:
        """The message shown to a person, in plain words."""
        return str(self)

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as its class, message and attributes (a worker process raises it, the caller gets it), without
        calling `__init__`, whose arguments differ from class to class."""
        return _rebuilt, (type(self), self.args, self.__dict__)


def _rebuilt(cls: type[DocgenError], args: tuple[Any, ...], attributes: dict[str, Any]) -> DocgenError:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(attributes)
    return error


class UsageError(DocgenError):
    """The caller asked for something that does not exist or is not allowed."""

    exit_code = 2


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a case file: where it is and what is wrong."""

    path: str
    """Field path, e.g. 'chronology[3].agency' ('' for the whole file)."""
    message: str
    """What is wrong, in plain words, with the accepted values where there is a choice."""
    line: int | None = None
    """Line in the file, where known."""
    file: str | None = None
    """The file the line is in, when it is not the case file (a board profile the case names)."""

    def describe(self, file: str) -> str:
        """'file, line 12, field child.date_of_birth: not a date …'"""
        where = [self.file or file]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.path:
            where.append(f"field {self.path}")
        return f"{', '.join(where)}: {self.message}"


class CaseError(UsageError):
    """A case file could not be read or is not valid."""

    def __init__(self, file: str, problems: list[Problem], what: str = "case file"):
        super().__init__(file)
        self.file = file
        self.problems = problems
        self.what = what
        """What the file should have been: a case file, or a board profile."""

    def describe(self) -> str:
        count = len(self.problems)
        head = f"{self.file} is not a valid {self.what} ({count} problem{'s' if count > 1 else ''}):"
        return "\n".join([head, *(f"  - {p.describe(self.file)}" for p in self.problems)])


class UnknownKindError(UsageError):
    """A document kind that docgen does not know."""

    def __init__(self, kind: str, known: list[str]):
        super().__init__(f"unknown document kind '{kind}'; the kinds are: {', '.join(known)}")


class NotSupportedError(UsageError):
    """A document the case cannot produce: its data is missing, or the format is not offered."""


class NotApprovedError(UsageError):
    """A final version was asked of a report the board has not approved."""


class IncompleteReportError(UsageError):
    """A final version was asked of a report with missing sections or recommendations that are not SMART."""

    def __init__(self, kind: str, missing: list[str]):
        super().__init__(f"{kind} cannot be rendered as final: " + "; ".join(missing))
        self.missing = missing


class ApprovedChangedError(UsageError):
    """An approved report whose fields have changed since its approval was asked to be reprinted."""

    def __init__(self, kind: str, message: str):
        super().__init__(f"{kind}: {message}")


class RenderError(DocgenError):
    """A template failed while rendering; a board's own template at fault is a usage problem (exit 2)."""

    def __init__(self, message: str, template: str | None = None, line: int | None = None, *, board: bool = False):
        where = f"{template}, line {line}: " if template and line else f"{template}: " if template else ""
        super().__init__(f"{'the board template ' if board else ''}{where}{message}")
        self.template = template
        self.line = line
        self.exit_code = UsageError.exit_code if board else DocgenError.exit_code


class TimeLimitError(UsageError):
    """A document took longer to render than the time limit allows."""


class LeakError(DocgenError):
    """An anonymised document still holds an identifier of the case; nothing was written."""


class OutputError(DocgenError):
    """The documents could not be written (a full disk, a permission, a name the file system refuses)."""


class ProofError(DocgenError):
    """The proof found something in documents asked for strictly (`--strict`); nothing was written."""

    def __init__(self, lines: list[str]):
        count = len(lines)
        super().__init__(
            f"the proof found {count} thing{'s' if count != 1 else ''} to correct in the documents; "
            "nothing was written (without --strict they are written, with the findings listed)"
        )
        self.lines = lines

    def describe(self) -> str:
        return "\n".join([str(self), *(f"  - {line}" for line in self.lines)])

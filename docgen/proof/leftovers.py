"""`leftover`: what a template or an unfilled field leaves behind: an empty value printed as 'None', a prompt of
the form it was made from, template braces, a field path, a note to the writer."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .findings import ProofFinding, Reading, excerpt
from .rulebook import proof_rule

_FIELD_PATH = "a field path"
_NOT_PATHS = re.compile(r"^www\.|\.(?:org|com|net|gov|uk|nhs|docx|pdf|html?|ya?ml|json|xlsx|csv|txt|png|jpe?g)$")
"""Dotted words that are a web address or a file name, not a field of the case."""
_LEFTOVERS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?m)^[ \t]*None[ \t]*$|(?<=: )None(?=[ \t]*$)|(?<=[a-z,] )None\b(?! of\b| [a-z])"), "an empty value"),
    (re.compile(r"\((?:[A-Z][\w ]{0,40} )?here\)|Click or tap here[^.\n]*|Click here to [^.\n]*", re.I), "a prompt"),
    (re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}"), "template braces"),
    (re.compile(r"(?<![\w.@/:\\-])[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+(?![\w@/\\-]|\.\w)"), _FIELD_PATH),
    (re.compile(r"\b(?:TODO|FIXME|TBC)\b|\[insert\b[^\]]*\]|Lorem ipsum", re.I), "a note to the writer"),
)


@proof_rule("leftover", "template leftovers: 'None' as a value, a form's prompt, {{ }} braces, a field path, TODO")
def leftovers(reading: Reading) -> Iterator[ProofFinding]:
    """Each leftover, with what it looks like, in the order of the text."""
    for page, text in reading.pages:
        hits = [(found, what) for pattern, what in _LEFTOVERS for found in pattern.finditer(text)]
        for found, what in sorted(hits, key=lambda hit: hit[0].start()):
            if what == _FIELD_PATH and not _field_path(found.group()):
                continue
            words = excerpt(text, found.start(), found.end())
            yield ProofFinding("leftover", reading.file, page, words, f"{what} left in the document")


def _field_path(words: str) -> bool:
    """Whether dotted lowercase words are a field path ('review.imr_deadline'): an underscore after the first dot,
    and neither a web address nor a file name."""
    return "_" in words.partition(".")[2] and not _NOT_PATHS.search(words)

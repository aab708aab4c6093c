"""`repeated-sentence` and `doubled-label`: words a reader meets twice where once was meant."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from .findings import ProofFinding, Reading, excerpt
from .rulebook import proof_rule

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“‘\"'(])")
_SHORTEST_SENTENCE = 4
"""Words below which two alike sentences ('None.', 'Yes.') are answers, not a sentence repeated."""
_DOUBLED = re.compile(
    r"(?<![\w'’])(?P<label>[A-Z][\w'’.-]*(?: [\w'’.-]+){0,5}) (?:\((?P=label)\)|\| (?P=label)(?![\w'’]))"
)
"""'Paediatrician 1 (Paediatrician 1)', 'Mother | Mother'."""
_CELL_LABEL = re.compile(r"^[A-Z][\w'’.-]*(?: [\w'’.-]+){0,3}$")
"""A line that may be a label in a table's cell: a few words, the first capitalised."""
_ANSWERS = frozenset({"Yes", "No", "None", "N/A", "Not known"})
"""Answers two cells side by side may both give."""


@proof_rule("repeated-sentence", "the same sentence twice in a row")
def repeated_sentences(reading: Reading) -> Iterator[ProofFinding]:
    """Each sentence that repeats the one before it (lines joined: a PDF breaks sentences across lines)."""
    for page, text in reading.pages:
        sentences = _SENTENCE_END.split(" ".join(text.split()))
        for before, sentence in itertools.pairwise(sentences):
            if len(sentence.split()) >= _SHORTEST_SENTENCE and before.casefold() == sentence.casefold():
                words = excerpt(sentence, 0, len(sentence))
                yield ProofFinding("repeated-sentence", reading.file, page, words, "the same sentence twice in a row")


@proof_rule(
    "doubled-label", "a label doubled by its description: 'Paediatrician 1 (Paediatrician 1)', 'Mother | Mother'"
)
def doubled_labels(reading: Reading) -> Iterator[ProofFinding]:
    """Each label followed by itself in brackets, after a bar, or in the next cell of its row (the next line). Two
    cells alike are a doubled label only when they hold one of the case's labels, when the case is known: two
    people of one religion, side by side in a family table, are not."""
    for page, text in reading.pages:
        for found in _DOUBLED.finditer(text):
            words = excerpt(text, found.start(), found.end())
            yield ProofFinding("doubled-label", reading.file, page, words, "a label doubled by its description")
        lines = [line.strip() for line in text.split("\n")]
        for before, line in itertools.pairwise(lines):
            if line == before and _cell_label(line, reading.labels):
                yield ProofFinding(
                    "doubled-label", reading.file, page, f"{line} | {line}", "a label doubled by its description"
                )


def _cell_label(line: str, labels: frozenset[str] | None) -> bool:
    """Whether a cell's line may be a label: one of the case's labels, or (the case unknown) a few words, the first
    capitalised, that are not an answer."""
    if labels is not None:
        return line in labels
    return bool(_CELL_LABEL.match(line)) and line not in _ANSWERS

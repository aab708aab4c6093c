"""How a label is written from a relationship or a role: the words before any aside, numbered when several share
them ('Half-brother 1', 'Social Worker 2'). The anonymisation pass labels people so; the leak gate names them so in
its messages."""

from __future__ import annotations

import re
from collections.abc import Container

from .folding import fold, key
from .patterns import WORD_PATTERN
from .spellings import WORD_NAMES


def role_words(text: str) -> str:
    """A relationship or role up to its first '(', ',' or ';', first letter in capitals.

    >>> role_words("mother's partner (lives in the household)")
    "Mother's partner"
    """
    base = " ".join(re.split(r"[(,;]", text, maxsplit=1)[0].split())
    return base[:1].upper() + base[1:]


def label_base(text: str, names: Container[str], fallback: str) -> str:
    """The label before numbering: the role's words, or the fallback when they are empty or name someone (`names`:
    the folded keys of the case's names)."""
    base = role_words(text)
    words = WORD_PATTERN.findall(fold(base))
    named = any(key(w) in names and not (key(w) in WORD_NAMES and w.islower()) for w in words)
    return fallback if named or not base else base


def numbered_labels(bases: dict[str, str], always: bool) -> dict[str, str]:
    """Number labels per base in model order: always, or only when several share it (first spelling kept).

    >>> numbered_labels({"a": "Uncle", "b": "uncle", "c": "Aunt"}, always=False)
    {'a': 'Uncle 1', 'b': 'Uncle 2', 'c': 'Aunt'}
    """
    spelling: dict[str, str] = {}
    counts: dict[str, int] = {}
    for base in bases.values():
        spelling.setdefault(base.casefold(), base)
        counts[base.casefold()] = counts.get(base.casefold(), 0) + 1
    seen: dict[str, int] = {}
    out = {}
    for path, base in bases.items():
        group = base.casefold()
        seen[group] = seen.get(group, 0) + 1
        out[path] = f"{spelling[group]} {seen[group]}" if always or counts[group] > 1 else spelling[group]
    return out

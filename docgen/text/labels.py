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
    named = any(k in names and not (k in WORD_NAMES and w.islower()) for w, k in label_words(base))
    return fallback if named or not base else base


def label_words(text: str) -> list[tuple[str, str]]:
    """Each word of a label and its key, a possessive also without its 's' ("Evie's" is "Evie's" and "evie").

    >>> [k for _, k in label_words("Evie's father")]
    ["evie's", 'evie', 'father']
    """
    words = WORD_PATTERN.findall(fold(text))
    return [(w, k) for w in words for k in dict.fromkeys((key(w), key(re.sub(r"'s$", "", w, flags=re.I))))]


def by_their_label(
    labels: dict[str, str], relationships: dict[str, str], owners: dict[str, set[str]]
) -> dict[str, str]:
    """Labels for relationships that say whose relative someone is by that person's name ("Evie's father"): by
    that person's label instead ("Half-sister's father"), when the name is one person's; `owners`: each name
    part's key and the people (paths) it belongs to.

    >>> by_their_label({"a": "Half-sister", "b": "Family member"}, {"b": "Evie's father (former partner)"},
    ...                {"evie": {"a"}})
    {'a': 'Half-sister', 'b': "Half-sister's father"}
    """
    out = dict(labels)
    for path, relationship in relationships.items():
        whose, _, rest = role_words(relationship).partition("'s ")
        people = owners.get(key(fold(whose)), set()) if rest else set()
        if len(people) == 1 and (person := next(iter(people))) in labels and person != path:
            out[path] = f"{labels[person]}'s {rest}"
    return out


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


def whose_relative(labels: dict[str, str], parents: dict[str, list[str]]) -> dict[str, str]:
    """Labels that say whose relative someone is ("Half-brother's father") name which one when several share
    the label they start with: the one they are a parent of ("Half-brother 2's father"). `labels` and `parents`
    by person: everyone's label, and the people each is a child of.

    >>> whose_relative({"a": "Half-brother 1", "b": "Half-brother 2", "c": "Half-brother's father"}, {"b": ["c"]})
    {'a': 'Half-brother 1', 'b': 'Half-brother 2', 'c': "Half-brother 2's father"}
    """
    out = dict(labels)
    for person, label in labels.items():
        match = re.fullmatch(r"(.+?)'s (.+)", label)
        if not match:
            continue
        numbered = re.compile(rf"{re.escape(match[1])} \d+", re.IGNORECASE)
        theirs = [labels[c] for c, of in parents.items() if person in of and numbered.fullmatch(labels.get(c, ""))]
        if len(theirs) == 1:
            out[person] = f"{theirs[0]}'s {match[2]}"
    return out


def label_shape(relationship: str) -> str:
    """A pattern matching the labels a relationship gives ('Half-brother's father' also as 'Half-brother 2's
    father'), numbered or not, or 'Family member'."""
    whose, _, rest = role_words(relationship).partition("'s ")
    base = rf"{re.escape(whose)}(?: \d+)?'s {re.escape(rest)}" if rest else re.escape(whose)
    return rf"(?:{base}|Family member)(?: \d+)?"

"""Regular-expression pieces for finding names and values in text: whole words only, and one pattern for many keys.

>>> import re
>>> [m.group() for m in re.finditer(rf"{LEFT}(?:{trie_pattern(['ann', 'anna'])}){RIGHT}", "anna, ann, annabel 2ann")]
['anna', 'ann', 'ann']
"""

from __future__ import annotations

import re
from collections.abc import Iterable

WORD_PATTERN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
"""A word: letters, with apostrophes inside ('O'Brien')."""
LEFT = r"(?:(?<![^\W_])|(?<=\d)(?=[^\W\d_]))"
"""Not just after a letter or digit (names match whole words only), except a letter just after a digit: a name
glued to digits ('2Isabella') is a name; a number glued to digits is not the number."""
RIGHT = r"(?:(?![^\W_])|(?<=[^\W\d_])(?=\d))"
"""Not just before a letter or digit, except a digit just after a letter ('Isabella2')."""
SENTENCE_START = re.compile(r"(?:(?:^|\n)[ \t]*(?:[-*+>|#]+[ \t]*|\d+[.)][ \t]+)?|[.!?][\"'’”)]*\s+|\|[ \t]*)$")
"""The end of the text before the start of a sentence, a list item or a table cell."""


def trie_pattern(keys: Iterable[str]) -> str:
    """One regular expression matching any of the keys, longest first (a trie: fast for thousands)."""
    root: dict[str, dict] = {}
    for k in keys:
        node = root
        for char in k:
            node = node.setdefault(char, {})
        node[""] = {}
    return _emit(root)


def _emit(node: dict[str, dict]) -> str:
    branches = [re.escape(char) + _emit(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    return f"(?:{body})?" if "" in node else body

"""Identifiers outside the people list, found by their shape in any text (docgen.text.shapes): what the pass
writes in their place, and how the leak check searches for one.
"""

from __future__ import annotations

import re

from ..text.folding import fold

MARKERS = {
    "email": "[email removed]",
    "date of birth": "[date of birth removed]",
    "address": "[address removed]",
    "phone number": "[phone number removed]",
    "NHS number": "[NHS number removed]",
    "NI number": "[NI number removed]",
    "postcode": "[postcode removed]",
    "reference": "[reference removed]",
}
"""The visible marker that replaces each kind of identifier."""

MARKER = re.compile(r"\[[a-zA-Z ]{1,30} removed\]")
"""Any marker the anonymisation pass writes."""

_SEPARATORS = r"[\s().-]*"


def leak_fragment(value: str, kind: str) -> str:
    """A regular expression for a value in folded, lower-case document text, separators relaxed."""
    if kind == "phone number":
        digits = re.sub(r"\D", "", value)
        if digits.startswith("44"):
            digits = "0" + digits[2:]
        if digits.startswith("0"):
            return rf"(?:\+?44{_SEPARATORS}(?:\(0\){_SEPARATORS})?|\(?0)" + _SEPARATORS.join(digits[1:])
        return _SEPARATORS.join(digits)
    if kind == "postcode":
        compact = re.sub(r"\s", "", fold(value).lower())
        return re.escape(compact[:-3]) + r"\s*" + re.escape(compact[-3:])
    words = fold(value).lower().split()
    return r"\s+".join(re.escape(w) for w in words)

"""Identifiers outside the people list, found by their shape in any text (docgen.text.shapes): what the pass
writes in their place.
"""

from __future__ import annotations

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

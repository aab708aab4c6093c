"""Pure derivations the templates consume: what a template would otherwise compute, decided and tested here.

One module per subject; the names below are the ones the rest of docgen uses.
"""

from .chronology import ChronologyRow, chronology_rows, kept_whole, seen_text, sorted_chronology
from .people import Label, short_label, short_relationship
from .recommendations import ActionRow, Numbered, agency_prefix, not_single, not_smart, number_recommendations
from .timetable import review_timetable

__all__ = [
    "ActionRow",
    "ChronologyRow",
    "Label",
    "Numbered",
    "agency_prefix",
    "chronology_rows",
    "kept_whole",
    "not_single",
    "not_smart",
    "number_recommendations",
    "review_timetable",
    "seen_text",
    "short_label",
    "short_relationship",
    "sorted_chronology",
]

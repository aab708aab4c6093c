"""Pure derivations the templates consume: what a template would otherwise compute, decided and tested here.

One module per subject; the names below are the ones the rest of docgen uses.
"""

from .chronology import sorted_chronology
from .recommendations import ActionRow, Numbered, not_smart, number_recommendations
from .timetable import review_timetable

__all__ = ["ActionRow", "Numbered", "not_smart", "number_recommendations", "review_timetable", "sorted_chronology"]

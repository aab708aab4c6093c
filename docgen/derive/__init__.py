"""Pure derivations the templates consume: what a template would otherwise compute, decided and tested here.

One module per subject; the names below are the ones the rest of docgen uses. The modules that register context
builders (docgen.derive.registry) are imported here, so that every builder is registered once docgen.derive is.
"""

from . import author_brief, interviews, local_review, notification, ofsted, rapid_review, referral, reports, scoping  # noqa: F401
from .chronology import ChronologyRow, chronology_rows, kept_whole, seen_text, sorted_chronology
from .letters import partnership, parts, sentences  # noqa: F401
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

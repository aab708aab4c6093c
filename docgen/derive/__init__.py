"""Pure derivations the templates consume: what a template would otherwise compute, decided and tested here.

One module per subject; the names below are the ones the rest of docgen uses. The modules that register context
builders (docgen.derive.registry) are imported here, so that every builder is registered once docgen.derive is.
"""

from . import (  # noqa: F401
    author_brief,
    death_review,
    interview_record,
    local_review,
    notification,
    ofsted_form,
    progress_update,
    rapid_review,
    referral,
    report_parts,
    review_basis,
    review_forms,
    review_returns,
    scoping,
)
from .action_plan import (
    ActionRow,
    Numbered,
    agency_prefix,
    national_lessons,
    not_single,
    not_smart,
    number_recommendations,
    prefixes_explained,
)
from .chronology_rows import ChronologyRow, chronology_rows, seen_and_heard, seen_text, sorted_chronology
from .deadlines import review_timetable
from .facts import reference_of
from .household import Label, short_label, short_relationship
from .letters import agencies, family, national, partnership, parts, sentences  # noqa: F401

__all__ = [
    "ActionRow",
    "ChronologyRow",
    "Label",
    "Numbered",
    "agency_prefix",
    "chronology_rows",
    "national_lessons",
    "not_single",
    "not_smart",
    "number_recommendations",
    "prefixes_explained",
    "reference_of",
    "review_timetable",
    "seen_and_heard",
    "seen_text",
    "short_label",
    "short_relationship",
    "sorted_chronology",
]

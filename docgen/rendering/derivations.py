"""The named derivations a document's template may use (a framework profile's documents name theirs): what
each adds to the template's context, computed in docgen.derive."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..derive import partnership_letters
from ..derive.chronology import sorted_chronology
from ..derive.local_review import local_review_view
from ..derive.notification import notification_record
from ..derive.rapid_review import episode_rows, rapid_review_view, summary_of
from ..kinds import Audience, DocumentKind
from ..model import Case
from ..model.documents import Derivation

Builder = Callable[[Case, DocumentKind, str | None], dict[str, Any]]
"""What a derivation adds to the context of a document of a kind, written for an agency (or None)."""


def _agency_summary(case: Case, kind: DocumentKind, agency: str | None) -> dict[str, Any]:
    assert agency is not None, "an agency summary is written per agency"
    summary = summary_of(case, agency)
    return {
        "summary": summary,
        "summary_episodes": episode_rows(case, summary.episodes),
        "agency_chronology": sorted_chronology(case.chronology, agency),
    }


DERIVATIONS: dict[Derivation, Builder] = {
    Derivation.NOTIFICATION: lambda case, kind, agency: {"notification": notification_record(case)},
    Derivation.PARTNER_NOTICE: lambda case, kind, agency: partnership_letters.partner_notice(case, kind),
    Derivation.RAPID_REVIEW_REQUEST: lambda case, kind, agency: partnership_letters.rapid_review_request(
        case, kind, agency or ""
    ),
    Derivation.AGENCY_SUMMARY: _agency_summary,
    Derivation.RAPID_REVIEW: lambda case, kind, agency: {
        "rapid": rapid_review_view(case),
        "notification": notification_record(case),
    },
    Derivation.PANEL_LETTER: lambda case, kind, agency: partnership_letters.panel_letter(case, kind),
    Derivation.LOCAL_REVIEW: lambda case, kind, agency: {
        "local": local_review_view(case, public=kind.audience is Audience.PUBLIC)
    },
    Derivation.PRE_PUBLICATION: lambda case, kind, agency: partnership_letters.pre_publication(case, kind),
}
"""Every derivation by name."""


def derived(case: Case, kind: DocumentKind, agency: str | None) -> dict[str, Any]:
    """What the kind's derivations add to its template's context, in the order the kind names them."""
    context: dict[str, Any] = {}
    for name in kind.derive:
        context.update(DERIVATIONS[Derivation(name)](case, kind, agency))
    return context

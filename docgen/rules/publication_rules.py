"""The publication rules: which documents are anonymised when, and how a named final is marked.

The seed (2.3.31, Appendix IV 1.4f) has the Overview Report named while the panel works on it and
anonymised in its final version; the Executive Summary (2.4.18) is public, so always anonymised. Any
other document is anonymised on request. A named final of a report whose final is anonymised may be
asked for, for the panel only: it is marked NOT FOR PUBLICATION.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model.kinds import Anonymised, Audience, DocumentKind

NOT_FOR_PUBLICATION = "NOT FOR PUBLICATION"
"""Added to the protective marking of a named final whose published version is anonymised."""
NAMED_FOR_THE_PANEL = "Named version for the panel – not for publication"
"""The footer note of such a named final."""


@dataclass(frozen=True)
class PublicationRules:
    """How one document is published."""

    anonymised: bool
    """Rendered from the anonymised case, and checked for leaks before it is written."""
    public: bool
    """A public document: its dates are given as the board's profile says (month and year by default)."""
    not_for_publication: bool
    """A named final of a document whose final is anonymised: for the panel only."""
    published: bool = False
    """A public document's final, as the board publishes it: it carries no protective marking."""


def publication(kind: DocumentKind, final: bool, anonymise: bool | None = None) -> PublicationRules:
    """How a document of `kind` is published; `anonymise` None asks for what the rules say.

    >>> from docgen.model.kinds import KINDS
    >>> publication(KINDS["overview-report"], final=False).anonymised   # the panel works with names
    False
    >>> publication(KINDS["overview-report"], final=True).anonymised
    True
    >>> publication(KINDS["overview-report"], final=True, anonymise=False).not_for_publication
    True
    >>> publication(KINDS["executive-summary"], final=False, anonymise=False).anonymised  # always
    True
    >>> publication(KINDS["executive-summary"], final=True).published  # no protective marking
    True
    >>> publication(KINDS["overview-report"], final=True).published  # stays STRICTLY CONFIDENTIAL
    False
    >>> publication(KINDS["letter-1"], final=True).anonymised, publication(KINDS["letter-1"], True, True).anonymised
    (False, True)
    """
    public = kind.audience is Audience.PUBLIC
    if kind.anonymised is Anonymised.ALWAYS:
        return PublicationRules(True, public, False, published=public and final)
    if anonymise is None:
        anonymise = kind.anonymised is Anonymised.IN_FINAL and final
    named_final = final and not anonymise and kind.anonymised is Anonymised.IN_FINAL
    return PublicationRules(anonymise, public, named_final, published=public and final)

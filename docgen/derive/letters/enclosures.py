"""What goes with a document: the kinds docgen renders beside it, and the papers its framework names."""

from __future__ import annotations

from ...errors import NotSupportedError
from ...model import Case
from ...model.framework import Guidance
from ...model.kinds import DocumentKind, Per


def enclosed_kinds(case: Case, kind: DocumentKind) -> list[DocumentKind]:
    """The documents docgen renders beside this one for the case: the kinds it encloses that the case supports,
    its optional enclosures among them."""
    kinds = case.framework.kinds
    return [kinds[key] for key in kind.every_enclosure if key in kinds and not kinds[key].missing(case)]


def enclosures(case: Case, kind: DocumentKind) -> list[str]:
    """What goes with the document, as its Enc. line names it: the documents docgen renders beside it, and the
    papers the framework names (the guidance chapter among them), a kind the case cannot produce among them
    when the framework names it as a paper the board sends itself."""
    titles = []
    kinds = case.framework.kinds
    produced = {enclosed.id for enclosed in enclosed_kinds(case, kind)}
    for key in (*kind.enclosures, *(key for key in kind.optional_enclosures if key in produced)):
        if key in produced:
            enclosed = kinds[key]
            titles.append(f"{enclosed.title}{' (one for each agency)' if enclosed.per is Per.AGENCY else ''}")
        elif key == "guidance-chapter":
            titles.append(guidance_chapter(case.framework.guidance))
        elif key in case.framework.paper_titles:
            titles.append(case.framework.paper_titles[key])
        elif key in kinds:
            missing = ", ".join(kinds[key].missing(case))
            raise NotSupportedError(f"{kind.id} encloses {key}, which needs {missing} in the case file")
        else:
            raise NotSupportedError(
                f"{kind.id} encloses '{key}', which is neither a document kind nor one of the framework profile's"
                f" papers ({', '.join(case.framework.paper_titles) or 'none'}); add it to the profile's `paper_titles`"
            )
    return titles


def guidance_chapter(guidance: Guidance) -> str:
    """'Working Together to Safeguard Children (2006), Chapter 8, Serious Case Reviews'."""
    parts = [f"{guidance.title} ({guidance.edition})", guidance.chapter, guidance.chapter_title]
    return ", ".join(p for p in parts if p)

"""The frame of every page: letterhead, protective marking and footer, one partial each in `layout/`.

The PDF's page lays the partials out with house.css; the DOCX writer renders the same partials into the
Word document's body, header and footer. A board that overrides a partial changes both formats.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jinja2.sandbox import ImmutableSandboxedEnvironment
from markupsafe import Markup

from ..model.kinds import DocumentKind, Shell
from .templates import render_template
from .typography import typographic_html

TEXT_SIZES = {Shell.LETTER: 11.0, Shell.REPORT: 10.5, Shell.FORM: 10.0}
"""The body text size (pt) of each shell; the same in PDF and Word."""
LAY_READER_SIZE = 12.0
"""The body text size (pt) of letters to parents, victims and children."""


def text_size(kind: DocumentKind) -> float:
    """The body text size of a kind: 12 pt for a lay reader, 11 pt for other letters."""
    return LAY_READER_SIZE if kind.lay_reader else TEXT_SIZES[kind.shell]


@dataclass(frozen=True)
class Frame:
    """The rendered partials of one document."""

    letterhead: Markup
    """The letterhead (letters only; empty for reports and forms)."""
    marking: Markup
    """The protective marking, once per page (empty when the kind has none)."""
    footer: Markup
    """The footer: reference and page numbers."""


def render_frame(env: ImmutableSandboxedEnvironment, context: dict[str, Any]) -> Frame:
    """Render the three partials with the document's context, with typographic quotes as the body has."""

    def part(name: str) -> Markup:
        return Markup(typographic_html(render_template(env, f"layout/{name}.html.j2", context)))

    letterhead = part("letterhead") if context["kind"].shell is Shell.LETTER else Markup("")
    return Frame(letterhead, part("marking"), part("footer"))

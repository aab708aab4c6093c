"""A document laid out: its page HTML from the master template and frame, and its bytes in HTML, PDF or DOCX."""

from __future__ import annotations

from typing import Any, NamedTuple

from markupsafe import Markup

from ..model.kinds import DocumentKind
from .accessibility import captioned_tables, scoped_header_cells
from .frame import Frame, render_frame
from .furniture import furnish
from .pdf import glyphs
from .pdf.engine import html_to_pdf
from .pdf.fonts import warn_missing_fonts
from .template_files import TemplateFile, word_template
from .templates import Folders, environment, find_template, render_template
from .typography import typographic_html


class Page(NamedTuple):
    """A document's HTML: its body (the master template's output, furnished), its frame, and the page with both."""

    body: str
    frame: Frame
    html: str


class Layout(NamedTuple):
    """What a document is laid out from: its kind and format, its page and context, the board's and framework's
    template folders; whether it is marked DRAFT (a watermark) and, for a PDF, archival (PDF/A as well as tagged)."""

    kind: DocumentKind
    format: str
    page: Page
    context: dict[str, Any]
    folders: Folders
    watermark: bool = False
    archival: bool = False


def page_of(kind: DocumentKind, context: dict[str, Any], folders: Folders) -> Page:
    """The master template → HTML body (typographic quotes) → page HTML, with the frame (marking, footer,
    letterhead)."""
    env = environment(folders)
    body = typographic_html(furnish(env, render_template(env, kind.template, context), context))
    frame = render_frame(env, context)
    page = render_template(env, "layout/page.html.j2", {**context, "body": Markup(body), "frame": frame})
    return Page(body, frame, scoped_header_cells(page))


def laid_out(layout: Layout) -> tuple[bytes, tuple[str, ...]]:
    """The document's bytes (the page HTML, a PDF of it, or the body in a DOCX shell), and the characters no
    installed font could show in a PDF."""
    kind, format, page, context, folders, watermark, archival = layout
    if format == "html":
        return captioned_tables(page.html).encode("utf-8"), ()
    if format == "pdf":
        if style_sheet := find_template(folders, "layout/house.css"):
            warn_missing_fonts(style_sheet.text())
        return html_to_pdf(page.html, kind.template, archival=archival), glyphs.missing_glyphs(page.html)
    from .docx.document import html_to_docx

    shell, word_native = word_shell(kind, folders)
    env = environment(folders)
    return html_to_docx(shell, None if word_native else page.body, page.frame, context, env, watermark=watermark), ()


def word_shell(kind: DocumentKind, folders: Folders) -> tuple[TemplateFile, bool]:
    """The docxtpl template of a kind's Word file: the board's Word-native one (True), else its shell."""
    word_native = find_template(folders, kind.template.replace(".html.j2", ".docx"))
    shell = word_native or find_template(folders, f"shells/{kind.shell.value}.docx")
    assert shell is not None, "the built-in shells ship with docgen"
    return word_template(shell), word_native is not None

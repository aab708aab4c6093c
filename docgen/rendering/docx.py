"""The HTML body into a docxtpl shell (letterhead or report frame) as a Word document."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path
from typing import Any, cast

from docx import Document
from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from docx.section import _Footer, _Header
from docx.shared import Pt
from docxtpl import DocxTemplate
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..errors import DocgenError
from .docx_blocks import add_html
from .docx_watermark import add_watermark
from .frame import Frame
from .raster import pictures_for_word
from .templates import template_failure


def html_to_docx(
    shell: Path,
    body_html: str | None,
    frame: Frame,
    context: dict[str, Any],
    env: ImmutableSandboxedEnvironment,
    watermark: bool,
) -> bytes:
    """Render a docxtpl template with the context, the HTML body placed where the shell says `{{p body }}`
    after the letterhead; the marking and the footer go into the headers and footers the shell leaves empty.

    `body_html` is None for a board's Word-native template, which carries its own body and letterhead.
    """
    template = DocxTemplate(shell)
    values = dict(context)
    if body_html is not None:
        body = template.new_subdoc()
        add_html(body, str(frame.letterhead) + pictures_for_word(body_html))
        values["body"] = body
    try:
        template.render(values, jinja_env=env, autoescape=True)
    except DocgenError:
        raise
    except Exception as error:
        raise template_failure(error, shell.name, shell) from None
    _set_properties(template, context)
    _end_in_landscape(template.docx.element.body)
    rendered = io.BytesIO()
    template.save(rendered)
    # docxtpl swaps rendered headers in as new parts; reopen so the frame and watermark land in the saved ones
    document = Document(io.BytesIO(rendered.getvalue()))
    _add_frame(document, frame)
    document.styles["Normal"].font.size = Pt(context["text_size"])
    if watermark:
        add_watermark(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _add_frame(document: WordDocument, frame: Frame) -> None:
    """The marking into every header and the footer into every footer that the shell leaves empty (a board's
    own shell keeps its own); sections that show the previous section's header and footer are left so."""
    for index, section in enumerate(document.sections):
        parts: list[tuple[_Header | _Footer, str]] = [(section.header, frame.marking), (section.footer, frame.footer)]
        if section.different_first_page_header_footer:
            parts += [(section.first_page_header, frame.marking), (section.first_page_footer, frame.footer)]
        for part, html in parts:
            if (index and part.is_linked_to_previous) or any(p.text.strip() for p in part.paragraphs):
                continue
            for paragraph in part.paragraphs:  # a new header holds one empty paragraph
                paragraph._p.getparent().remove(paragraph._p)
            add_html(cast(Any, part), html)  # a header holds paragraphs, as the frame's partials do
            if not part.paragraphs:  # Word wants a paragraph in every header and footer
                part.add_paragraph()


def _end_in_landscape(body: Any) -> None:
    """A body whose content ends in a landscape section ends there: no blank portrait page after it.

    The landscape section's page set-up moves to the body's last section, and the section break with the
    empty paragraphs after it go.
    """
    trailing = []
    for child in reversed([c for c in body if c.tag != qn("w:sectPr")]):
        trailing.append(child)
        if child.tag != qn("w:p") or "".join(child.itertext()).strip():
            return
        section = child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}")
        if section is not None:
            break
    else:
        return
    size = section.find(qn("w:pgSz"))
    if size is None or size.get(qn("w:orient")) != "landscape":
        return
    last = body.find(qn("w:sectPr"))
    for tag in ("w:pgSz", "w:pgMar"):
        if (old := last.find(qn(tag))) is not None and (new := section.find(qn(tag))) is not None:
            old.getparent().replace(old, new)
    for child in trailing:
        body.remove(child)


def _set_properties(template: DocxTemplate, context: dict[str, Any]) -> None:
    """Document properties from the context (set as plain values: docxtpl would escape them twice)."""
    properties = template.docx.core_properties
    properties.title = f"{context['title']} – {context['review'].reference}"
    properties.subject = context["review"].type
    properties.author = context["board"].name
    properties.keywords = context["marking"]
    properties.comments = ""
    properties.last_modified_by = "docgen"
    created, modified = context["document_dates"]
    properties.created, properties.modified = (
        dt.datetime.combine(day, dt.time(), dt.UTC) for day in (created, modified)
    )

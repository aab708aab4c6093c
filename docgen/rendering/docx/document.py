"""The HTML body into a docxtpl shell (letterhead or report frame) as a Word document."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from typing import Any, cast

from docx import Document
from docx.document import Document as WordDocument
from docx.oxml.ns import qn
from docx.section import _Footer, _Header
from docx.shared import Pt
from docxtpl import DocxTemplate
from jinja2.sandbox import ImmutableSandboxedEnvironment
from lxml import etree
from markupsafe import Markup

from ...errors import DocgenError
from ..frame import Frame
from ..gc_pause import collection_paused
from ..sandbox import template_limits
from ..template_files import TemplateFile
from ..templates import template_failure
from ..typography import curly_quotes
from .blocks import add_html
from .raster import pictures_for_word
from .watermark import add_watermark
from .zip_dates import dated

_CORE = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
_SHELL_STATISTICS = {"Pages", "Words", "Characters", "CharactersWithSpaces", "Lines", "Paragraphs", "TotalTime"}
_SHELL_STATISTICS |= {"AppVersion", "Template"}
"""What the shell's extended properties say of the shell itself (its counts, the Word that saved it)."""
_BODY_MARK = "_docgen_body"
_BODY_PLACEHOLDER = f'<w:p><w:bookmarkStart w:id="0" w:name="{_BODY_MARK}"/></w:p>'
"""The paragraph `{{p body }}` becomes in the shell, until the body is laid in its place."""


def html_to_docx(
    shell: TemplateFile,
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
    with collection_paused():
        template = DocxTemplate(io.BytesIO(shell.data))
        values = dict(context)
        if body_html is not None:  # a paragraph stands for the body in the shell, and the body is laid in after
            values["body"] = Markup(_BODY_PLACEHOLDER)
        try:
            with template_limits():
                template.render(values, jinja_env=env, autoescape=True)
        except DocgenError:
            raise
        except Exception as error:
            raise template_failure(error, shell.path.name, shell.path) from None
        properties = WordProperties.of(context)
        _set_properties(template, properties)
        rendered = io.BytesIO()
        template.save(rendered)
        # docxtpl swaps rendered headers in as new parts; reopen so the frame and watermark land in the saved ones
        document = Document(io.BytesIO(rendered.getvalue()))
        if body_html is not None:
            _lay_in_body(document, str(frame.letterhead) + pictures_for_word(body_html))
        _end_in_landscape(document.element.body)
        _add_frame(document, frame)
        document.styles["Normal"].font.size = Pt(properties.text_size)
        if watermark:
            add_watermark(document)
        out = io.BytesIO()
        document.save(out)
    return dated(out.getvalue(), properties.modified)


def _lay_in_body(document: WordDocument, html: str) -> None:
    """The body's blocks in place of the paragraph standing for them, built straight into the document (not
    through docxtpl, which would write them out as text and read them back); pictures numbered in the order
    of the body, as docxtpl numbers them."""
    body = document.element.body
    for placeholder in body.xpath(f'.//w:bookmarkStart[@w:name="{_BODY_MARK}"]/..'):
        add_html(document, html, before=placeholder)
        placeholder.getparent().remove(placeholder)
    for number, picture in enumerate(body.iter(qn("wp:docPr")), start=1001):
        picture.set("id", str(number))


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


@dataclass(frozen=True)
class WordProperties:
    """What a Word file takes from the context besides its body and frame: its document properties, its dates
    and its text size."""

    title: str
    subject: str
    author: str
    keywords: str
    created: dt.date
    modified: dt.date
    text_size: float

    @classmethod
    def of(cls, context: dict[str, Any]) -> WordProperties:
        """The properties of the document a context is for, with typographic quotes as its text has."""
        created, modified = context["document_dates"]
        title = f"{context['title']} – {context['reference']}"
        review, board = context["review"].type, context["board"].name
        title, review, board, keywords = map(curly_quotes, (title, str(review), board, context["marking"]))
        return cls(title, review, board, keywords, created, modified, context["text_size"])


LANGUAGE = "en-GB"
"""The language of every document, as the HTML and the PDF declare it too."""


def _set_properties(template: DocxTemplate, properties: WordProperties) -> None:
    """The document properties (set as plain values: docxtpl would escape them twice), and the application that
    made the file: docgen, with no page or word counts of the shell's."""
    core = template.docx.core_properties
    core.title, core.subject, core.author = properties.title, properties.subject, properties.author
    core.comments = ""
    core.language = LANGUAGE
    core.created, core.modified = (
        dt.datetime.combine(day, dt.time(), dt.UTC) for day in (properties.created, properties.modified)
    )
    _core_text(core._element, "keywords", properties.keywords)
    _core_text(core._element, "lastModifiedBy", "docgen")
    for part in template.docx.part.package.parts:
        if part.partname == "/docProps/app.xml":
            part._blob = _application(part.blob)


def _core_text(element: etree._Element, name: str, value: str) -> None:
    """Set a core property in its own namespace. (python-docx's setters use the prefix `cp`, which docxcompose,
    imported by docxtpl, rebinds to the custom properties' namespace, where Word does not look.)"""
    found = element.find(f"{{{_CORE}}}{name}")
    if found is None:
        found = etree.SubElement(element, f"{{{_CORE}}}{name}")
    found.text = value


def _application(app_xml: bytes) -> bytes:
    """The extended properties naming docgen as the application, without the shell's page and word counts."""
    root = etree.fromstring(app_xml)
    for child in list(root):
        name = etree.QName(child).localname
        if name in _SHELL_STATISTICS:
            root.remove(child)
        elif name == "Application":
            child.text = "docgen"
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)

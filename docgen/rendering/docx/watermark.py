"""A diagonal text watermark in a Word document's headers, as Word itself writes it."""

from __future__ import annotations

from copy import deepcopy

from docx.document import Document
from docx.oxml import parse_xml
from docx.parts.story import StoryPart
from docx.section import _Header

__all__ = ["add_watermark"]

_V = "urn:schemas-microsoft-com:vml"
_O = "urn:schemas-microsoft-com:office:office"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
# The WordArt shape type (136 = text on a straight path) and shape Word uses for watermarks.
_RUN = parse_xml(
    f"""<w:r xmlns:w="{_W}" xmlns:v="{_V}" xmlns:o="{_O}"><w:pict>
<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800"
 path="m@7,l@8,m@5,21600l@6,21600e">
<v:formulas><v:f eqn="sum #0 0 10800"/><v:f eqn="prod #0 2 1"/><v:f eqn="sum 21600 0 @1"/>
<v:f eqn="sum 0 0 @2"/><v:f eqn="sum 21600 0 @3"/><v:f eqn="if @0 @3 0"/><v:f eqn="if @0 21600 @1"/>
<v:f eqn="if @0 0 @2"/><v:f eqn="if @0 @4 21600"/><v:f eqn="mid @5 @6"/><v:f eqn="mid @8 @5"/>
<v:f eqn="mid @7 @8"/><v:f eqn="mid @6 @7"/><v:f eqn="sum @6 0 @5"/></v:formulas>
<v:path textpathok="t" o:connecttype="custom" o:connectlocs="@9,0;@10,10800;@11,21600;@12,10800"
 o:connectangles="270,180,90,0"/>
<v:textpath on="t" fitshape="t"/>
<v:handles><v:h position="#0,bottomRight" xrange="6629,14971"/></v:handles>
<o:lock v:ext="edit" text="t" shapetype="t"/>
</v:shapetype>
<v:shape id="" o:spid="" type="#_x0000_t136" o:allowincell="f" fillcolor="silver" stroked="f"
 style="position:absolute;margin-left:0;margin-top:0;width:468pt;height:117pt;rotation:315;z-index:-251657216;\
mso-position-horizontal:center;mso-position-horizontal-relative:margin;\
mso-position-vertical:center;mso-position-vertical-relative:margin">
<v:fill opacity=".5"/>
<v:textpath style="font-family:&quot;Calibri&quot;;font-size:1pt"/>
</v:shape>
</w:pict></w:r>""".replace("\n", "")
)


def add_watermark(document: Document, text: str = "DRAFT") -> None:
    """Put a diagonal text watermark in every header of every section."""
    headers: dict[StoryPart, _Header] = {}  # by part: sections may share a header part
    for index, section in enumerate(document.sections):
        for header in (section.header, section.first_page_header, section.even_page_header):
            if header.is_linked_to_previous:
                if index:  # shows the previous section's header, which gets the watermark
                    continue
                header.is_linked_to_previous = False  # the first section's own header, created
            headers.setdefault(header.part, header)
    for number, header in enumerate(headers.values(), start=1):
        run = deepcopy(_RUN)
        shape = next(run.iter(f"{{{_V}}}shape"))
        shape.set("id", f"PowerPlusWaterMarkObject{number}")
        shape.set(f"{{{_O}}}spid", f"_x0000_s{2048 + number}")
        next(shape.iter(f"{{{_V}}}textpath")).set("string", text)
        paragraphs = header.paragraphs  # Word puts the watermark in the header's first paragraph
        (paragraphs[0] if paragraphs else header.add_paragraph())._p.append(run)

"""HTML lists as Word numbering: each list a `w:num` of its own (so that it restarts at 1) on a 9-level bullet or
number definition, a nested list one level deeper, and each item's number on its first paragraph."""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.oxml.numbering import CT_Numbering
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.parts.document import DocumentPart
from docx.parts.numbering import NumberingPart

_BULLETS = ("•", "◦", "▪")
_NUMBER_FORMATS = ("decimal", "lowerLetter", "lowerRoman")


@dataclass
class ListItem:
    """A list item whose number still has to be put on its first paragraph."""

    num_id: int
    level: int
    pending: bool = True

    def number(self, p: BaseOxmlElement) -> None:
        """Put the item's number on a new paragraph of it, if it is the item's first."""
        if self.pending:
            self.pending = False
            # appended right after the only other property set so far, w:pStyle
            p.get_or_add_pPr().append(
                parse_xml(
                    f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{self.level}"/><w:numId w:val="{self.num_id}"/></w:numPr>'
                )
            )


@dataclass(frozen=True)
class ListLevel:
    """The Word list (w:num) and level that items of an HTML list belong to."""

    num_id: int
    level: int
    ordered: bool


def nested_list(document: DocumentPart, outer: ListLevel | None, ordered: bool) -> ListLevel:
    """The list level of an HTML list inside `outer` (None for a list at the top): one level deeper in the same
    Word list when both are ordered or both bulleted, else in a new Word list of the document's."""
    level = min(outer.level + 1, 8) if outer else 0
    num_id = outer.num_id if outer and outer.ordered == ordered else _new_num(document, ordered)
    return ListLevel(num_id, level, ordered)


def _new_num(document: DocumentPart, ordered: bool) -> int:
    """Add an abstractNum and a w:num using it, so that the new list restarts at 1."""
    numbering = _numbering(document)
    used = numbering.xpath("./w:abstractNum/@w:abstractNumId")
    abstract_id = max(map(int, used), default=-1) + 1
    numbering.insert_element_before(_abstract_num(abstract_id, ordered), "w:num", "w:numIdMacAtCleanup")
    return int(numbering.add_num(abstract_id).numId)


def _numbering(document: DocumentPart) -> CT_Numbering:
    """The numbering part's root, creating the part if the document has none."""
    try:
        part = document.part_related_by(RT.NUMBERING)
    except KeyError:
        part = NumberingPart(
            document.package.next_partname("/word/numbering%d.xml"),
            CT.WML_NUMBERING,
            parse_xml(f"<w:numbering {nsdecls('w')}/>"),
            document.package,
        )
        document.relate_to(part, RT.NUMBERING)
    return cast(CT_Numbering, cast(NumberingPart, part).element)


def _abstract_num(abstract_id: int, ordered: bool) -> BaseOxmlElement:
    """A 9-level bullet or number list definition."""
    levels = "".join(
        f'<w:lvl w:ilvl="{level}"><w:start w:val="1"/>'
        f'<w:numFmt w:val="{_NUMBER_FORMATS[level % 3] if ordered else "bullet"}"/>'
        f'<w:lvlText w:val="{f"%{level + 1}." if ordered else _BULLETS[level % 3]}"/>'
        f'<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="{720 * (level + 1)}" w:hanging="360"/>'
        "</w:pPr></w:lvl>"
        for level in range(9)
    )
    return parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        f'<w:multiLevelType w:val="hybridMultilevel"/>{levels}</w:abstractNum>'
    )

"""Word content controls (`w:sdt`) for forms filled in in Word: plain text, date and check-box.

Each is built inline (inside a paragraph), titled with the field's label and tagged with the field's path,
so that Word shows what to enter and a program can read the answers back by tag. An empty text or date
control shows Word's own placeholder text until something is entered.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

TEXT_PROMPT = "Click or tap here to enter text."
DATE_PROMPT = "Click or tap to enter a date."
DATE_FORMAT = "dd/MM/yyyy"
"""Dates as the seed's forms ask for them (dd/mm/yyyy)."""
BOX_CHECKED, BOX_EMPTY = "☒", "☐"
_BOX_FONT = "MS Gothic"  # the font Word gives its check-boxes; LibreOffice substitutes one with the same glyphs
_PROMPT_COLOUR = "808080"


def text_control(tag: str, title: str, multiline: bool = False) -> BaseOxmlElement:
    """An empty plain-text control; `multiline` lets it take line breaks (the form's free-text boxes)."""
    text = _element("w:text", {"w:multiLine": "1"} if multiline else {})
    return _control(tag, title, [_element("w:showingPlcHdr"), text], _prompt(TEXT_PROMPT))


def date_control(tag: str, title: str) -> BaseOxmlElement:
    """An empty date control with Word's date picker, writing the date as dd/mm/yyyy."""
    date = _element("w:date")
    for name, value in (
        ("w:dateFormat", DATE_FORMAT),
        ("w:lid", "en-GB"),
        ("w:storeMappedDataAs", "dateTime"),
        ("w:calendar", "gregorian"),
    ):
        date.append(_element(name, {"w:val": value}))
    return _control(tag, title, [_element("w:showingPlcHdr"), date], _prompt(DATE_PROMPT))


def checkbox_control(tag: str, title: str, checked: bool = False) -> BaseOxmlElement:
    """A check-box control, ticked ☒ or empty ☐, that Word and LibreOffice toggle with a click."""
    box = _element("w14:checkbox")
    box.append(_element("w14:checked", {"w14:val": "1" if checked else "0"}))
    for name, glyph in (("w14:checkedState", BOX_CHECKED), ("w14:uncheckedState", BOX_EMPTY)):
        box.append(_element(name, {"w14:val": f"{ord(glyph):04X}", "w14:font": _BOX_FONT}))
    run = _run(BOX_CHECKED if checked else BOX_EMPTY)
    fonts = _element("w:rFonts", {f"w:{a}": _BOX_FONT for a in ("ascii", "eastAsia", "hAnsi")} | {"w:hint": "eastAsia"})
    run.insert(0, _wrapped("w:rPr", fonts))
    return _control(tag, title, [box], run)


def content_control(kind: str, tag: str, title: str, checked: bool = False) -> BaseOxmlElement:
    """The control of a kind named in a form's HTML; an unknown kind is a plain-text control."""
    if kind == "checkbox":
        return checkbox_control(tag, title, checked)
    if kind == "date":
        return date_control(tag, title)
    return text_control(tag, title, multiline=kind == "multiline")


def _control(tag: str, title: str, properties: list[BaseOxmlElement], content: BaseOxmlElement) -> BaseOxmlElement:
    """A run-level `w:sdt`: alias and tag first, as the schema orders `w:sdtPr`, then the control's own."""
    sdt_pr = _element("w:sdtPr")
    for name, value in (("w:alias", title), ("w:tag", tag)):
        if value:
            sdt_pr.append(_element(name, {"w:val": value}))
    for child in properties:
        sdt_pr.append(child)
    sdt = _wrapped("w:sdt", sdt_pr)
    sdt.append(_wrapped("w:sdtContent", content))
    return sdt


def _prompt(text: str) -> BaseOxmlElement:
    """The grey placeholder run an empty control shows."""
    run = _run(text)
    run.insert(0, _wrapped("w:rPr", _element("w:color", {"w:val": _PROMPT_COLOUR})))
    return run


def _run(text: str) -> BaseOxmlElement:
    t = _element("w:t")
    t.text = text
    return _wrapped("w:r", t)


def _element(name: str, attributes: dict[str, str] | None = None) -> BaseOxmlElement:
    element = OxmlElement(name)
    for attribute, value in (attributes or {}).items():
        element.set(qn(attribute), value)
    return element


def _wrapped(name: str, child: BaseOxmlElement) -> BaseOxmlElement:
    element = _element(name)
    element.append(child)
    return element

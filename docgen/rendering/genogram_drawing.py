"""The genogram in the usual notation, with a legend and a description for readers who cannot see it.

The layout comes from docgen/derive/genogram_layout.py (slots and rows); this module only draws it: the symbols
and lines as SVG, the words over them as HTML text placed on the drawing (text inside SVG reaches a PDF one
letter at a time, which PDF readers, search and the leak check do not always put back into words). PDF and
HTML carry the drawing as it is (vector); Word gets it as a picture (docgen/rendering/docx/raster.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from markupsafe import Markup, escape

from ..derive.genogram_layout import Couple, Descent, Genogram, Symbol, layout
from ..model import Case
from ..model.options import Gender, PartnershipEnd

SLOT = 120
"""Width of one person's slot: the symbol and its label beside it."""
SYMBOL = 32
LABEL_GAP = 21
"""From a symbol's centre to its label."""
LABEL_END = 8
"""Room kept clear at the right of a slot."""
LINE = 13
TEXT = 11.5
"""Font size of the labels."""
GAP = 60
"""Between one row's people and the next row: room for the partner and child lines."""
MARGIN = 14
FIT = 640
"""The widest the drawing is shown (CSS pixels): the text width of an A4 page."""
INK = "#1a1a1a"
HOUSEHOLD_LINE, HOUSEHOLD_FILL = "#2e6b4f", "#eaf4ee"
FONT = "font-family: 'Liberation Sans', Arial, sans-serif"  # the house typeface
_PEN = f'stroke="{INK}" stroke-width="1.3"'


@dataclass(frozen=True)
class _Text:
    """Words on the drawing: lines from (x, top) in drawing units, or centred on x."""

    x: float
    top: float
    lines: tuple[str, ...]
    size: float = TEXT
    bold_first: bool = False
    centred: bool = False


def genogram_html(case: Case, anonymised: bool) -> str:
    """The case's genogram as an accessible drawing: an image (role img) labelled with its description."""
    return draw(layout(case, anonymised))


def draw(genogram: Genogram) -> str:
    """Draw a laid-out genogram: SVG shapes and lines, HTML words placed over them, at most FIT wide."""
    width = MARGIN * 2 + genogram.width * SLOT - LABEL_END
    rows = _Rows(LINE * max(3, *(len(s.lines) for s in genogram.symbols)))
    bottom = rows.top(genogram.rows - 1) + rows.band + 26
    icons, legend, legend_height = _legend(genogram, width, bottom)
    height = bottom + legend_height + MARGIN
    scale = min(1.0, FIT / width)
    shown = f'width="{width * scale:.0f}" height="{height * scale:.0f}"'
    shapes = [
        *_household(genogram, rows),
        *(_couple(c, rows) for c in genogram.couples),
        *(_descent(d, rows) for d in genogram.descents),
        *(_person(s, rows) for s in genogram.symbols),
        icons,
    ]
    words = [text for symbol in genogram.symbols for text in _words(symbol, rows)] + legend
    label = f"{genogram.title}. {genogram.description}"
    return "\n".join(
        [
            f'<div class="drawing genogram" role="img" aria-label="{escape(label)}" '
            f'data-width="{width * scale:.0f}" data-height="{height * scale:.0f}" style="position: relative; '
            f'width: {width * scale:.0f}px; height: {height * scale:.0f}px; {FONT}">',
            f'<svg xmlns="http://www.w3.org/2000/svg" aria-hidden="true" {shown} '
            f'viewBox="0 0 {width:.0f} {height:.0f}" style="position: absolute; left: 0; top: 0">',
            f"<title>{escape(label)}</title>",  # the tagged PDF's alternative text for the figure
            *shapes,
            "</svg>",
            *(_place(text, scale) for text in words),
            "</div>",
        ]
    )


def _place(text: _Text, scale: float) -> str:
    """Words as an absolutely placed paragraph, scaled with the drawing."""
    lines = [escape(line) for line in text.lines]
    if text.bold_first and lines:
        lines[0] = Markup("<b>{}</b>").format(lines[0])
    where = (
        f"left: {(text.x - SYMBOL / 2) * scale:.1f}px; width: {SYMBOL * scale:.1f}px; text-align: center"
        if text.centred
        else f"left: {text.x * scale:.1f}px"
    )
    return (
        f'<p style="position: absolute; margin: 0; {where}; top: {text.top * scale:.1f}px; '
        f"font-size: {text.size * scale:.2f}px; line-height: {LINE * scale:.2f}px; white-space: nowrap; "
        f'color: {INK}">{Markup("<br/>").join(lines)}</p>'
    )


def _x(slot: float) -> float:
    """The centre of a symbol at a slot position."""
    return MARGIN + slot * SLOT + SYMBOL / 2


@dataclass(frozen=True)
class _Rows:
    """Where the rows are: each as high as the longest label."""

    band: float
    """Height of a person: the symbol, and the label's lines beside it."""

    def top(self, row: int) -> float:
        """The top of a row of symbols."""
        return MARGIN + row * (self.band + GAP)


def _person(s: Symbol, rows: _Rows) -> str:
    cx, top = _x(s.x), rows.top(s.row)
    shape = [_shape(s.gender, cx, top + SYMBOL / 2, SYMBOL / 2, fill="#ffffff")]
    if s.subject:
        shape.append(_shape(s.gender, cx, top + SYMBOL / 2, SYMBOL / 2 - 3.5, fill="none"))
    if s.deceased:
        half = SYMBOL / 2
        shape.append(
            f'<path d="M{cx - half:.1f} {top:.1f} L{cx + half:.1f} {top + SYMBOL:.1f} '
            f'M{cx + half:.1f} {top:.1f} L{cx - half:.1f} {top + SYMBOL:.1f}" stroke="{INK}" stroke-width="1.2"/>'
        )
    return "".join(shape)


def _words(s: Symbol, rows: _Rows) -> list[_Text]:
    """The age inside a symbol and the label beside it."""
    cx, top = _x(s.x), rows.top(s.row)
    age = [_Text(cx, top + (SYMBOL - LINE) / 2, (s.age,), centred=True)] if s.age else []
    return [*age, _Text(cx + LABEL_GAP, top, s.lines, bold_first=True)]


def _shape(gender: Gender | None, cx: float, cy: float, half: float, fill: str) -> str:
    """A square (male), a circle (female), or a diamond (gender not recorded)."""
    stroke = f'fill="{fill}" stroke="{INK}" stroke-width="1.3"'
    if gender is Gender.FEMALE:
        return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="{half:.1f}" {stroke}/>'
    if gender is Gender.MALE:
        return (
            f'<rect x="{cx - half:.1f}" y="{cy - half:.1f}" width="{2 * half:.1f}" height="{2 * half:.1f}" {stroke}/>'
        )
    return (
        f'<path d="M{cx:.1f} {cy - half:.1f} L{cx + half:.1f} {cy:.1f} L{cx:.1f} {cy + half:.1f} '
        f'L{cx - half:.1f} {cy:.1f} Z" {stroke}/>'
    )


def _couple(c: Couple, rows: _Rows) -> str:
    """Down from each partner (or up, for partners with others between them) and across."""
    a, b, top = _x(c.ends[0]), _x(c.ends[1]), rows.top(c.row)
    start, y = top + SYMBOL / 2, top + rows.band + 8 * c.level  # from the middle: the symbols are drawn over it
    dash = "" if c.married else ' stroke-dasharray="5 3"'
    path = f'<path d="M{a:.1f} {start:.1f} V{y:.1f} H{b:.1f} V{start:.1f}" fill="none" {_PEN}{dash}/>'
    marks = {PartnershipEnd.SEPARATED: 1, PartnershipEnd.DIVORCED: 2}.get(c.ended, 0) if c.ended else 0
    middle = (a + _x(c.drop)) / 2
    slashes = "".join(
        f'<path d="M{middle + i * 6 - 3 * (marks - 1) - 3:.1f} {y + 6:.1f} l6 -12" stroke="{INK}" stroke-width="1.3"/>'
        for i in range(marks)
    )
    return path + slashes


def _descent(d: Descent, rows: _Rows) -> str:
    """From the parents down to a bar above their children, and down to each child; drawn over a white edge
    so that where it crosses another line it is seen to pass over it."""
    x = _x(d.x)
    start = rows.top(d.row) + (rows.band + 8 * d.level if d.level else SYMBOL / 2)
    child_top = rows.top(d.row + 1)
    bar = child_top - 12 - 6 * d.bar
    xs = [_x(c) for c in d.children]
    path = f"M{x:.1f} {start:.1f} V{bar:.1f} H{min(xs):.1f} H{max(xs):.1f} H{x:.1f} " + " ".join(
        f"M{cx:.1f} {bar:.1f} V{child_top:.1f}" for cx in xs
    )
    return (
        f'<path d="{path}" fill="none" stroke="#ffffff" stroke-width="4"/>'
        f'<path d="{path}" fill="none" stroke="{INK}" stroke-width="1.3"/>'
    )


def _household(genogram: Genogram, rows: _Rows) -> list[str]:
    """One outline round the household: a box round each member, joined across the rows between them."""
    members = [s for s in genogram.symbols if s.household]
    own = [
        (_x(s.x) - SYMBOL / 2 - 6, rows.top(s.row) - 6, _x(s.x) + SLOT - SYMBOL / 2, rows.top(s.row) + rows.band + 4)
        for s in members
    ]
    joins = []
    for upper, lower in pairwise(sorted({s.row for s in members})):
        if lower != upper + 1:
            continue
        spanned = [box for s, box in zip(members, own, strict=True) if s.row in (upper, lower)]
        left, right = min(b[0] for b in spanned), max(b[2] for b in spanned)
        joins.append((left, rows.top(upper) + rows.band + 2, right, rows.top(lower) - 4))
    boxes = own + joins
    outline = "".join(_box(box, 1.4, HOUSEHOLD_LINE) for box in boxes)
    fill = "".join(_box(box, 0, HOUSEHOLD_FILL) for box in boxes)
    return [outline, fill] if boxes else []


def _box(box: tuple[float, float, float, float], grow: float, colour: str) -> str:
    left, top, right, bottom = box
    return (
        f'<rect x="{left - grow:.1f}" y="{top - grow:.1f}" width="{right - left + 2 * grow:.1f}" '
        f'height="{bottom - top + 2 * grow:.1f}" rx="{8 + grow:.1f}" fill="{colour}"/>'
    )


def _legend(genogram: Genogram, width: float, top: float) -> tuple[str, list[_Text], float]:
    """The symbols the drawing uses, explained, in lines that fit its width: the icons, their words, the height."""
    used = {s.gender for s in genogram.symbols}
    white = f'fill="#ffffff" stroke="{INK}"'
    line = f'd="M-2 0 H14" {_PEN}'
    entries = [
        (f'<rect x="0" y="-5" width="10" height="10" {white}/>', "Male", Gender.MALE in used),
        (f'<circle cx="5" cy="0" r="5" {white}/>', "Female", Gender.FEMALE in used),
        (f'<path d="M5 -6 L11 0 L5 6 L-1 0 Z" {white}/>', "Gender not recorded", None in used),
        (
            f'<circle cx="5" cy="0" r="6" {white}/><circle cx="5" cy="0" r="3.5" fill="none" stroke="{INK}"/>',
            "The subject child",
            True,
        ),
        (
            f'<rect x="0" y="-5" width="10" height="10" {white}/><path d="M0 -5 L10 5 M10 -5 L0 5" stroke="{INK}"/>',
            "Deceased",
            any(s.deceased for s in genogram.symbols),
        ),
        (f"<path {line}/>", "Married", any(c.married for c in genogram.couples)),
        (f'<path {line} stroke-dasharray="5 3"/>', "Partners", any(not c.married for c in genogram.couples)),
        (
            f'<path {line}/><path d="M3 6 l6 -12" {_PEN}/>',
            "Separated",
            any(c.ended is PartnershipEnd.SEPARATED for c in genogram.couples),
        ),
        (
            f'<path {line}/><path d="M0 6 l6 -12 M6 6 l6 -12" {_PEN}/>',
            "Divorced",
            any(c.ended is PartnershipEnd.DIVORCED for c in genogram.couples),
        ),
        (
            f'<rect x="-2" y="-7" width="16" height="14" rx="4" fill="{HOUSEHOLD_FILL}" stroke="{HOUSEHOLD_LINE}"/>',
            "The child's household",
            any(s.household for s in genogram.symbols),
        ),
    ]
    shown = [(icon, text) for icon, text, wanted in entries if wanted]
    icons: list[str] = []
    words: list[_Text] = []
    x, y = float(MARGIN), top + 10
    for icon, text in [*shown, ("", "Numbers in the symbols: ages at the time of the incident")]:
        size = (24 if icon else 0) + len(text) * 6.2 + 18
        if x > MARGIN and x + size > width - MARGIN:
            x, y = MARGIN, y + 18
        icons.append(f'<g transform="translate({x:.1f} {y:.1f})">{icon}</g>')
        words.append(_Text(x + (24 if icon else 0), y - 6.5, (text,), size=10.5))
        x += size
    return "".join(icons), words, y - top + 10

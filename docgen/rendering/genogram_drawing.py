"""The genogram in the usual notation, with a legend and a description for readers who cannot see it.

The layout comes from docgen/derive/genogram_layout.py (slots and rows); this module only draws it: the symbols
and lines as SVG, the words over them as HTML text placed on the drawing (text inside SVG reaches a PDF one
letter at a time, which PDF readers, search and the leak check do not always put back into words). PDF and
HTML carry the drawing as it is (vector); Word gets it as a picture (docgen/rendering/docx/raster.py).
"""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, replace
from itertools import pairwise

from markupsafe import Markup, escape

from ..derive.genogram_layout import Couple, Descent, Genogram, Symbol, layout
from ..model import Case
from ..model.options import Gender, PartnershipEnd
from .text_width import text_width

SYMBOL = 32
LABEL_GAP = 21
"""From a symbol's centre to its label."""
LABEL_END = 8
"""Room kept clear at the right of a slot."""
NARROWEST_SLOT = 96
"""A slot is at least this wide, whatever its labels: room for the lines between people."""
TEXT = 11.5
"""Font size of the labels and the legend, as drawn (CSS pixels)."""
LEADING = 1.15
"""Line height, in font sizes."""
SMALLEST_PRINT = 8 * 96 / 72
"""The smallest the words may print (8 pt, in CSS pixels), however much a wide drawing is scaled down."""
WRAPS = ((16, False), (13, False), (10, False), (0, False), (0, True))
"""Characters a label's line may hold, and whether it may break at a hyphen, tried in turn until the drawing
fits (0: one word a line)."""
SMALLEST_SCALE = 0.65
"""The smallest a drawing is shown at before its labels are wrapped more narrowly."""
GAP = 64
"""Between one row's people and the next row: room for the partner and child lines."""
LEVEL = 11
"""Between the lines of partners with others standing between them, one below the other."""
MARGIN = 14
FIT = 640
"""The widest the drawing is shown (CSS pixels): the text width of an A4 page."""
INK = "#1a1a1a"
HOUSEHOLD_LINE, HOUSEHOLD_FILL = "#2e6b4f", "#eaf4ee"
CORNER = 8
"""The rounding of the household outline's corners."""
FONT = "font-family: 'Liberation Sans', Arial, sans-serif"  # the house typeface
_PEN = f'stroke="{INK}" stroke-width="1.3"'
_TOGETHER = re.compile(r"(?<=\w) (?=\d+(?:'s)?\b)|(?<=\d) (?=[a-z])")
"""The spaces a label never breaks at: before a number ('Half-brother 2'), after one ('3 years')."""


@dataclass(frozen=True)
class _Text:
    """Words on the drawing: lines from (x, top) in drawing units, or centred on x; the first `bold` lines bold."""

    x: float
    top: float
    lines: tuple[str, ...]
    size: float
    bold: int = 0
    centred: bool = False


@dataclass(frozen=True)
class _Grid:
    """Where people stand: slots as wide as the widest label needs, rows as high as the longest label, and the
    size the words are drawn at; `scale` shows the drawing at most FIT wide."""

    slot: float
    text: float
    band: float
    """Height of a person: the symbol, and the label's lines beside it."""
    labels: dict[str, tuple[tuple[str, ...], int]]
    """Each person's label in lines, and how many of them are the name (bold)."""
    scale: float

    @property
    def line(self) -> float:
        return self.text * LEADING

    def x(self, slot: float) -> float:
        """The centre of a symbol at a slot position."""
        return MARGIN + slot * self.slot + SYMBOL / 2

    def top(self, row: int) -> float:
        """The top of a row of symbols."""
        return MARGIN + row * (self.band + GAP)

    def width(self, slots: float) -> float:
        return MARGIN * 2 + slots * self.slot - LABEL_END


def genogram_html(case: Case, anonymised: bool, public: bool = False) -> str:
    """The case's genogram as an accessible drawing: an image (role img) labelled with its description."""
    return draw(layout(case, anonymised, public))


def draw(genogram: Genogram) -> str:
    """Draw a laid-out genogram: SVG shapes and lines, HTML words placed over them, at most FIT wide, its words
    never printed smaller than 8 pt nor broken inside a word."""
    grid = fit(genogram)
    width = grid.width(genogram.width)
    bottom = grid.top(genogram.rows - 1) + grid.band + 26
    scale = grid.scale
    icons, legend, legend_height, legend_width = _legend(genogram, grid, max(width, FIT / scale), bottom)
    width = max(width, legend_width)
    height = bottom + legend_height + MARGIN
    shown = f'width="{width * scale:.0f}" height="{height * scale:.0f}"'
    shapes = [
        *_household(genogram, grid),
        *(_couple(c, grid) for c in genogram.couples),
        *(_descent(d, grid) for d in genogram.descents),
        *(_person(s, grid) for s in genogram.symbols),
        icons,
    ]
    words = [text for symbol in genogram.symbols for text in _words(symbol, grid)] + legend
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
            *(_place(text, grid) for text in words),
            "</div>",
        ]
    )


def fit(genogram: Genogram) -> _Grid:
    """The grid the drawing needs: labels wrapped as widely as still lets the drawing fit the page with its words
    printed at 8 pt or more and its symbols at 65% of their size or more (between words, then at
    hyphens too); a family too wide for that keeps its words at 8 pt and is drawn wider than the text."""
    grids = []
    for chars, hyphens in WRAPS:
        labels = {s.id: _wrapped(s.label, chars, hyphens) for s in genogram.symbols}
        widest = max(text_width(line, 1.0, i < bold) for lines, bold in labels.values() for i, line in enumerate(lines))
        text = _text_size(genogram.width, widest)
        if text is not None:
            grids.append(grid := _grid(genogram, labels, text, widest))
            if grid.scale >= SMALLEST_SCALE:
                return grid
    if grids:
        return max(grids, key=lambda grid: grid.scale)
    grid = _grid(genogram, labels, TEXT, widest)
    return replace(grid, scale=SMALLEST_PRINT / TEXT)


def _text_size(slots: float, widest: float) -> float | None:
    """The size to draw the words at (drawing units) so that they print at 8 pt or more once the drawing is
    scaled to fit: TEXT, or larger for a drawing scaled down; none when the labels alone are wider than the page.
    `widest`: the widest label line at size 1. The drawing is MARGINS + slots x max(NARROWEST_SLOT, FIXED +
    widest x size) wide, and prints at FIT / width of that."""
    fixed, margins = SYMBOL / 2 + LABEL_GAP + LABEL_END, 2 * MARGIN - LABEL_END
    room = FIT - SMALLEST_PRINT * slots * widest
    if room <= 0:
        return None
    by_slots = SMALLEST_PRINT * (margins + slots * NARROWEST_SLOT) / FIT
    by_labels = SMALLEST_PRINT * (margins + slots * fixed) / room
    return max(TEXT, by_slots, by_labels)


def _grid(genogram: Genogram, labels: dict[str, tuple[tuple[str, ...], int]], text: float, widest: float) -> _Grid:
    slot = max(NARROWEST_SLOT, SYMBOL / 2 + LABEL_GAP + widest * text + LABEL_END)
    band = text * LEADING * max(3, *(len(lines) for lines, _ in labels.values()))
    grid = _Grid(slot, text, max(band, SYMBOL + 4), labels, 1.0)
    return replace(grid, scale=min(1.0, FIT / grid.width(genogram.width)))


def _wrapped(phrases: tuple[str, ...], chars: int, hyphens: bool) -> tuple[tuple[str, ...], int]:
    """A label's phrases in lines of at most `chars` characters, broken only between words (or at `hyphens`; a
    longer word has a line of its own, a number stays with its word: 'Half-brother 2', '3 years'); and how many
    lines the first phrase (the name) takes."""
    kept = [_TOGETHER.sub("\u00a0", phrase) for phrase in phrases]
    lines = [textwrap.wrap(p, max(chars, 1), break_long_words=False, break_on_hyphens=hyphens) for p in kept]
    return tuple(line for phrase in lines for line in phrase), len(lines[0]) if lines else 0


def _place(text: _Text, grid: _Grid) -> str:
    """Words as an absolutely placed paragraph, scaled with the drawing."""
    scale = grid.scale
    lines = [escape(line.replace("\u00a0", " ")) for line in text.lines]  # each line is kept whole (nowrap)
    lines = [Markup("<b>{}</b>").format(line) if i < text.bold else line for i, line in enumerate(lines)]
    where = (
        f"left: {(text.x - SYMBOL / 2) * scale:.1f}px; width: {SYMBOL * scale:.1f}px; text-align: center"
        if text.centred
        else f"left: {text.x * scale:.1f}px"
    )
    return (
        f'<p style="position: absolute; margin: 0; {where}; top: {text.top * scale:.1f}px; '
        f"font-size: {text.size * scale:.2f}px; line-height: {text.size * LEADING * scale:.2f}px; white-space: nowrap; "
        f'color: {INK}">{Markup("<br/>").join(lines)}</p>'
    )


def _person(s: Symbol, grid: _Grid) -> str:
    cx, top = grid.x(s.x), grid.top(s.row)
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


def _words(s: Symbol, grid: _Grid) -> list[_Text]:
    """The age inside a symbol and the label beside it."""
    cx, top = grid.x(s.x), grid.top(s.row)
    age = [_Text(cx, top + (SYMBOL - grid.line) / 2, (s.age,), grid.text, centred=True)] if s.age else []
    lines, bold = grid.labels[s.id]
    return [*age, _Text(cx + LABEL_GAP, top, lines, grid.text, bold=bold)]


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


def _couple(c: Couple, grid: _Grid) -> str:
    """Down from each partner and across, lower for partners with others between them."""
    a, b, top = grid.x(c.ends[0]), grid.x(c.ends[1]), grid.top(c.row)
    start, y = top + SYMBOL / 2, top + grid.band + LEVEL * c.level  # from the middle: the symbols are drawn over it
    dash = "" if c.married else ' stroke-dasharray="5 3"'
    path = f'<path d="M{a:.1f} {start:.1f} V{y:.1f} H{b:.1f} V{start:.1f}" fill="none" {_PEN}{dash}/>'
    marks = {PartnershipEnd.SEPARATED: 1, PartnershipEnd.DIVORCED: 2}.get(c.ended, 0) if c.ended else 0
    middle = (a + grid.x(c.drop)) / 2
    slashes = "".join(
        f'<path d="M{middle + i * 6 - 3 * (marks - 1) - 3:.1f} {y + 6:.1f} l6 -12" stroke="{INK}" stroke-width="1.3"/>'
        for i in range(marks)
    )
    return path + slashes


def _descent(d: Descent, grid: _Grid) -> str:
    """From the parents down to a bar above their children, and down to each child; drawn over a white edge
    so that where it crosses another line it is seen to pass over it."""
    x = grid.x(d.x)
    start = grid.top(d.row) + (grid.band + LEVEL * d.level if d.level else SYMBOL / 2)
    child_top = grid.top(d.row + 1)
    bar = child_top - 12 - 6 * d.bar
    xs = [grid.x(c) for c in d.children]
    path = f"M{x:.1f} {start:.1f} V{bar:.1f} H{min(xs):.1f} H{max(xs):.1f} H{x:.1f} " + " ".join(
        f"M{cx:.1f} {bar:.1f} V{child_top:.1f}" for cx in xs
    )
    return (
        f'<path d="{path}" fill="none" stroke="#ffffff" stroke-width="4"/>'
        f'<path d="{path}" fill="none" stroke="{INK}" stroke-width="1.3"/>'
    )


def _household(genogram: Genogram, grid: _Grid) -> list[str]:
    """One outline round the household: a box round each member (neighbours in one box), joined across the rows
    between them."""
    members = sorted((s for s in genogram.symbols if s.household), key=lambda s: (s.row, s.x))
    own: list[tuple[float, float, float, float]] = []
    for s in members:
        box = (
            grid.x(s.x) - SYMBOL / 2 - 6,
            grid.top(s.row) - 6,
            grid.x(s.x) + grid.slot - SYMBOL / 2,
            grid.top(s.row) + grid.band + 4,
        )
        if own and own[-1][1] == box[1] and box[0] - own[-1][2] < SYMBOL:  # a neighbour: one box round both
            box = (own.pop()[0], *box[1:])
        own.append(box)
    joins = []
    for upper, lower in pairwise(sorted({s.row for s in members})):
        if lower != upper + 1:
            continue
        spanned = [box for box in own if box[1] in (grid.top(upper) - 6, grid.top(lower) - 6)]
        left, right = min(b[0] for b in spanned), max(b[2] for b in spanned)
        joins.append((left, grid.top(upper) + grid.band + 4 - CORNER, right, grid.top(lower) - 6 + CORNER))
    shapes = [(box, CORNER) for box in own] + [(box, 0.0) for box in joins]  # square joins over the rounded seams
    outline = "".join(_box(box, 1.4, HOUSEHOLD_LINE, corner) for box, corner in shapes)
    fill = "".join(_box(box, 0, HOUSEHOLD_FILL, corner) for box, corner in shapes)
    return [outline, fill] if shapes else []


def _box(box: tuple[float, float, float, float], grow: float, colour: str, corner: float) -> str:
    left, top, right, bottom = box
    return (
        f'<rect x="{left - grow:.1f}" y="{top - grow:.1f}" width="{right - left + 2 * grow:.1f}" '
        f'height="{bottom - top + 2 * grow:.1f}" rx="{corner + grow if corner else 0:.1f}" fill="{colour}"/>'
    )


def _legend(genogram: Genogram, grid: _Grid, width: float, top: float) -> tuple[str, list[_Text], float, float]:
    """The symbols the drawing uses, explained, in lines that fit `width`: the icons, their words, the height and
    the width they take."""
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
    ages = "Numbers in the symbols: ages at the time of the incident"
    if genogram.public:
        ages += " (adults' by decade: 30s)"
    x, y, right = float(MARGIN), top + 10, 0.0
    step = grid.line + 5
    for icon, text in [*shown, ("", ages)]:
        size = (24 if icon else 0) + text_width(text, grid.text)
        if x > MARGIN and x + size > width - MARGIN:
            x, y = MARGIN, y + step
        icons.append(f'<g transform="translate({x:.1f} {y:.1f})">{icon}</g>')
        words.append(_Text(x + (24 if icon else 0), y - grid.line / 2, (text,), grid.text))
        right = max(right, x + size + MARGIN)
        x += size + 18
    return "".join(icons), words, y - top + step / 2 + 4, right

"""The typefaces a style sheet names, and what this machine sets their text in (as WeasyPrint's fontconfig does)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

GENERIC_FAMILIES = frozenset(
    {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui", "math", "emoji", "fangsong"}
)
_CSS_WIDE_KEYWORDS = frozenset({"inherit", "initial", "unset", "revert", "revert-layer"})

METRIC_TWINS = {
    "arial": "Liberation Sans",
    "times new roman": "Liberation Serif",
    "courier new": "Liberation Mono",
    "calibri": "Carlito",
    "cambria": "Caladea",
}
"""Free fonts that set text to the same widths as a proprietary one; fontconfig puts them in its place."""

DEBIAN_PACKAGES = {
    "dejavu sans": "fonts-dejavu-core",
    "dejavu serif": "fonts-dejavu-core",
    "dejavu sans mono": "fonts-dejavu-core",
    "liberation sans": "fonts-liberation2",
    "liberation serif": "fonts-liberation2",
    "liberation mono": "fonts-liberation2",
    "carlito": "fonts-crosextra-carlito",
    "caladea": "fonts-crosextra-caladea",
}
"""The Debian and Ubuntu package of each free font docgen knows."""

logger = logging.getLogger("docgen")


@dataclass(frozen=True)
class FontChoice:
    """One font-family list of a style sheet, and the family this machine sets its text in."""

    families: tuple[str, ...]
    """The list as the style sheet gives it, e.g. ('DejaVu Sans', 'Arial', 'sans-serif')."""
    used: str | None
    """The family fontconfig gives for the list; None when no font is installed at all."""

    @property
    def wanted(self) -> str:
        """The family the style sheet asks for first."""
        return self.families[0]

    @property
    def ok(self) -> bool:
        """The wanted family is installed, or its free metric twin (Liberation Sans for Arial …) is.

        >>> FontChoice(("Arial", "sans-serif"), "Liberation Sans").ok, FontChoice(("Arial",), "DejaVu Sans").ok
        (True, False)
        """
        return self.used is not None and self.used.casefold() in {self.wanted.casefold(), _twin(self.wanted)}

    @property
    def package(self) -> str | None:
        """The Debian package that installs the wanted family (or its metric twin), when docgen knows it.

        >>> FontChoice(("Arial",), None).package, FontChoice(("Frutiger",), None).package
        ('fonts-liberation2', None)
        """
        return DEBIAN_PACKAGES.get(_twin(self.wanted) or self.wanted.casefold())


def _twin(family: str) -> str:
    return METRIC_TWINS.get(family.casefold(), "").casefold()


def style_font_lists(css: str) -> list[tuple[str, ...]]:
    """The font-family lists a style sheet names (each once, in order) that ask first for a font: not for a
    generic family (sans-serif …), nor for one its @font-face rules embed.

    >>> style_font_lists('p { font: 10pt/1.4 "DejaVu Sans", Arial, sans-serif } h1 { font-family: Liberation Sans }')
    [('DejaVu Sans', 'Arial', 'sans-serif'), ('Liberation Sans',)]
    """
    import tinycss2

    lists: list[tuple[str, ...]] = []
    embedded: set[str] = set()
    for at_rule, name, value in _declarations(tinycss2.parse_stylesheet(css, skip_comments=True)):
        families = _family_list(name, value)
        if at_rule == "font-face":
            embedded.update(f.casefold() for f in families)
        elif families and families not in lists:
            lists.append(families)
    return [families for families in lists if families[0].casefold() not in embedded | GENERIC_FAMILIES]


def _declarations(nodes: Iterable[Any], at_rule: str | None = None) -> Iterator[tuple[str | None, str, list[Any]]]:
    """(enclosing at-rule, property, value) of every font and font-family declaration, however deeply nested."""
    import tinycss2

    for node in nodes:
        if node.type == "declaration" and node.lower_name in ("font", "font-family"):
            yield at_rule, node.lower_name, node.value
        elif node.type in ("qualified-rule", "at-rule") and node.content is not None:
            inner = tinycss2.parse_blocks_contents(node.content, skip_comments=True)
            yield from _declarations(inner, node.lower_at_keyword if node.type == "at-rule" else at_rule)


def _family_list(name: str, value: list[Any]) -> tuple[str, ...]:
    """The families of a font-family value, or of a font shorthand (whose size comes before the first family)."""
    groups: list[list[Any]] = [[]]
    for token in value:
        if token.type == "literal" and token.value == ",":
            groups.append([])
        elif token.type not in ("whitespace", "comment"):
            groups[-1].append(token)
    if name == "font":
        sizes = [i for i, t in enumerate(groups[0]) if t.type in ("dimension", "percentage", "number")]
        if not sizes:  # a system font keyword (caption, menu …) or a CSS-wide keyword
            return ()
        after = sizes[-1] + 1
        if after < len(groups[0]) and groups[0][after].type == "literal" and groups[0][after].value == "/":
            after += 2  # the line height: 10pt/normal
        groups[0] = groups[0][after:]
    families = []
    for tokens in groups:
        if len(tokens) == 1 and tokens[0].type == "string":
            families.append(tokens[0].value)
        elif tokens and all(t.type == "ident" for t in tokens):
            families.append(" ".join(t.value for t in tokens))
    return () if families and families[0].casefold() in _CSS_WIDE_KEYWORDS else tuple(families)


def choose(families: tuple[str, ...], matches: Mapping[str, tuple[str, ...]]) -> FontChoice:
    """What a family list is set in: its first family that is installed (or whose metric twin is), else what
    fontconfig gives for its last family. `matches` holds fontconfig's best match for each family, as the
    family names of the matching font.

    >>> matches = {"Frutiger": ("DejaVu Sans",), "Arial": ("Liberation Sans",), "sans-serif": ("DejaVu Sans",)}
    >>> choose(("Frutiger", "Arial", "sans-serif"), matches).used
    'Liberation Sans'
    >>> choose(("Frutiger",), matches).used, choose(("Frutiger",), {"Frutiger": ()}).used
    ('DejaVu Sans', None)
    """
    for family in families:
        names = [n.casefold() for n in matches[family]]
        if family.casefold() in names:
            return FontChoice(families, family)
        if family.casefold() in GENERIC_FAMILIES:
            return FontChoice(families, matches[family][0] if names else None)
        if _twin(family) in names:
            return FontChoice(families, METRIC_TWINS[family.casefold()])
    fallback = matches[families[-1]]
    return FontChoice(families, fallback[0] if fallback else None)


def fontconfig_matches(families: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """fontconfig's best match for each family, as the family names of the font (none: no font at all).

    Asks the fontconfig library WeasyPrint loads, with the configuration it reads, so the answer is the
    one PDFs get. Raises OSError when WeasyPrint's libraries (Pango, fontconfig) cannot be loaded.
    """
    from weasyprint.text.ffi import ffi, fontconfig

    config = fontconfig.FcInitLoadConfigAndFonts()
    try:
        return {family: _match(ffi, fontconfig, config, family) for family in families}
    finally:
        fontconfig.FcConfigDestroy(config)


def _match(ffi: Any, fontconfig: Any, config: Any, family: str) -> tuple[str, ...]:
    pattern = ffi.gc(fontconfig.FcPatternCreate(), fontconfig.FcPatternDestroy)
    fontconfig.FcPatternAddString(pattern, b"family", family.encode())
    fontconfig.FcConfigSubstitute(config, pattern, fontconfig.FcMatchPattern)
    fontconfig.FcDefaultSubstitute(pattern)
    found = fontconfig.FcFontMatch(config, pattern, ffi.new("FcResult *"))
    if found == ffi.NULL:
        return ()
    found = ffi.gc(found, fontconfig.FcPatternDestroy)
    names: list[str] = []
    value = ffi.new("FcChar8 **")
    while fontconfig.FcPatternGetString(found, b"family", len(names), value) == fontconfig.FcResultMatch:
        names.append(ffi.string(value[0]).decode())
    return tuple(names)


def font_choices(css: str, matcher: Callable[[Iterable[str]], Mapping[str, tuple[str, ...]]]) -> list[FontChoice]:
    """What each family a style sheet asks for first is set in on this machine (once each, in order)."""
    lists = list({families[0].casefold(): families for families in reversed(style_font_lists(css))}.values())[::-1]
    matches = matcher({family for families in lists for family in families})
    return [choose(families, matches) for families in lists]


@cache
def warn_missing_fonts(css: str) -> None:
    """Log, once per style sheet and process, each font the style sheet `css` wants that this machine lacks."""
    try:
        choices = font_choices(css, fontconfig_matches)
    except OSError:  # WeasyPrint cannot load its libraries: laying out the PDF says so
        return
    for choice in choices:
        if not choice.ok:
            logger.warning(
                "docgen: font '%s' is %s; run `docgen doctor` to see what to install", choice.wanted, missing(choice)
            )


def missing(choice: FontChoice) -> str:
    """What a missing font means for PDFs, in plain words.

    >>> missing(FontChoice(("Frutiger", "sans-serif"), "DejaVu Sans"))
    'not installed: PDFs use DejaVu Sans in its place'
    """
    if choice.used is None:
        return "not installed, nor any other font: PDFs cannot show text"
    return f"not installed: PDFs use {choice.used} in its place"

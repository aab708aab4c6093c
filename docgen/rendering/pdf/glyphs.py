"""Which characters of a page no installed font can show: in a PDF they would print as empty boxes.

WeasyPrint (through Pango and fontconfig) falls back on any installed font that has a character, so a
character is missing only when no installed font has it. Installing fonts-noto-cjk and
fonts-noto-color-emoji, say, makes Chinese, Japanese and Korean text and emoji printable.
"""

from __future__ import annotations

import contextlib
import html
import re
import unicodedata
from functools import cache

_HEAD = re.compile(r"<head\b.*?</head>", re.S | re.I)
_TAG = re.compile(r"<[^>]*>")
_NEED_NO_GLYPH = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})
"""Controls, format characters (zero-width, bidi marks, soft hyphen) and spaces: shown without a glyph."""


def missing_glyphs(page: str) -> tuple[str, ...]:
    """The code points ('U+4E2D') of the characters of a page's text that no installed font covers.

    >>> missing_glyphs("<p>Café – ☐</p>")
    ()
    """
    shown = set(html.unescape(_TAG.sub("", _HEAD.sub("", page))))
    wanted = sorted(c for c in shown if ord(c) > 0x7E and not _needs_no_glyph(c))
    if not wanted:
        return ()
    covered = _covered()
    return tuple(f"U+{ord(c):04X}" for c in wanted if ord(c) not in covered)


def _needs_no_glyph(char: str) -> bool:
    code = ord(char)
    return unicodedata.category(char) in _NEED_NO_GLYPH or 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF


@cache
def _covered() -> frozenset[int]:
    """Every code point some installed font (as fontconfig lists them) has a glyph for; read once per process."""
    from fontTools.ttLib import TTCollection, TTFont, TTLibError

    covered: set[int] = set()
    for file in font_files():
        collection = file.lower().endswith((".ttc", ".otc"))
        with (
            contextlib.suppress(OSError, TTLibError, AssertionError, KeyError, ValueError),
            TTCollection(file, lazy=True) if collection else TTFont(file, lazy=True) as font,
        ):
            for face in font.fonts if collection else [font]:
                covered.update(face.getBestCmap() or ())
    return frozenset(covered)


def fontconfig_files() -> list[str]:
    """The configuration files (and folders of them) fontconfig read, in its order: /etc/fonts/fonts.conf and what
    it includes (conf.d/*, the user's ~/.config/fontconfig), or the files FONTCONFIG_FILE and FONTCONFIG_PATH
    name; their aliases and substitutions decide the font a PDF's text is set in."""
    from weasyprint.text.ffi import ffi, fontconfig

    config = fontconfig.FcInitLoadConfigAndFonts()
    try:
        files = fontconfig.FcConfigGetConfigFiles(config)
        names = []
        while files != ffi.NULL and (name := fontconfig.FcStrListNext(files)) != ffi.NULL:
            names.append(ffi.string(name).decode("utf-8", "replace"))
        return names
    finally:
        fontconfig.FcConfigDestroy(config)


def font_files() -> list[str]:
    """The files of the fonts fontconfig knows (the fonts WeasyPrint may use)."""
    from weasyprint.text.ffi import ffi, fontconfig

    config = fontconfig.FcInitLoadConfigAndFonts()
    try:
        fonts = fontconfig.FcConfigGetFonts(config, fontconfig.FcSetSystem)
        files = []
        for index in range(fonts.nfont if fonts != ffi.NULL else 0):
            value = ffi.new("FcChar8 **")
            if fontconfig.FcPatternGetString(fonts.fonts[index], b"file", 0, value) == fontconfig.FcResultMatch:
                files.append(ffi.string(value[0]).decode("utf-8", "replace"))
        return sorted(set(files))
    finally:
        fontconfig.FcConfigDestroy(config)

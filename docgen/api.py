"""docgen's Python API: render one document or a pack from a case, print a form blank, list what a case supports;
the board's register of all its reviews and what falls due across them.

Each name is defined in the stage it belongs to (docs/architecture.md); this module gathers them.
"""

from __future__ import annotations

from .exports.register import register
from .exports.register.due import due
from .publish.manifest import manifest, manifest_entry
from .publish.pack import render_pack, write_pack
from .publish.pipeline import cache_key, render, render_blank
from .publish.rendered import MEDIA_TYPES, BinaryStream, RenderedDocument
from .rules.support import Planned, kind_of, supported_documents

__all__ = [
    "MEDIA_TYPES",
    "BinaryStream",
    "Planned",
    "RenderedDocument",
    "cache_key",
    "due",
    "kind_of",
    "manifest",
    "manifest_entry",
    "register",
    "render",
    "render_blank",
    "render_pack",
    "supported_documents",
    "write_pack",
]

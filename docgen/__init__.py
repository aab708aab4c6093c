"""docgen: a safeguarding board's review paperwork, from one typed case file, in Word and PDF."""

__version__ = "0.1.0"

from .api import RenderedDocument, render, render_pack, supported_documents
from .errors import (
    CaseError,
    DocgenError,
    IncompleteReportError,
    LeakError,
    NotApprovedError,
    NotSupportedError,
    RenderError,
    UnknownKindError,
    UsageError,
)
from .io import load_case
from .kinds import FORMATS, KINDS, DocumentKind
from .model import Case

__all__ = [
    "FORMATS",
    "KINDS",
    "Case",
    "CaseError",
    "DocgenError",
    "DocumentKind",
    "IncompleteReportError",
    "LeakError",
    "NotApprovedError",
    "NotSupportedError",
    "RenderError",
    "RenderedDocument",
    "UnknownKindError",
    "UsageError",
    "__version__",
    "load_case",
    "render",
    "render_pack",
    "supported_documents",
]

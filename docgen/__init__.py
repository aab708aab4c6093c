"""docgen: a safeguarding board's review paperwork, from one typed case file, in Word and PDF.

The public API is re-exported here by name; each name is imported on first use, so that the
command line starts without loading the model and the rendering engines.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_EXPORTS = {
    "load_case": "load.case_files",
    "parse_case": "load.in_memory",
    "render": "api",
    "render_pack": "api",
    "render_blank": "api",
    "supported_documents": "api",
    "register": "api",
    "due": "api",
    "Planned": "api",
    "RenderedDocument": "api",
    "Case": "model",
    "Board": "model",
    "Framework": "model",
    "KINDS": "model.framework",
    "FORMATS": "model.kinds",
    "DocumentKind": "model.kinds",
    "DocgenError": "errors",
    "UsageError": "errors",
    "CaseError": "errors",
    "Problem": "errors",
    "UnknownKindError": "errors",
    "NotSupportedError": "errors",
    "NotApprovedError": "errors",
    "IncompleteReportError": "errors",
    "ApprovedChangedError": "errors",
    "RenderError": "errors",
    "LeakError": "errors",
    "OutputError": "errors",
    "TimeLimitError": "errors",
}

__all__ = [
    "FORMATS",
    "KINDS",
    "ApprovedChangedError",
    "Board",
    "Case",
    "CaseError",
    "DocgenError",
    "DocumentKind",
    "Framework",
    "IncompleteReportError",
    "LeakError",
    "NotApprovedError",
    "NotSupportedError",
    "OutputError",
    "Planned",
    "Problem",
    "RenderError",
    "RenderedDocument",
    "TimeLimitError",
    "UnknownKindError",
    "UsageError",
    "__version__",
    "due",
    "load_case",
    "parse_case",
    "register",
    "render",
    "render_blank",
    "render_pack",
    "supported_documents",
]


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'docgen' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:
    from .api import Planned, RenderedDocument, due, register, render, render_blank, render_pack, supported_documents
    from .errors import (
        ApprovedChangedError,
        CaseError,
        DocgenError,
        IncompleteReportError,
        LeakError,
        NotApprovedError,
        NotSupportedError,
        OutputError,
        Problem,
        RenderError,
        TimeLimitError,
        UnknownKindError,
        UsageError,
    )
    from .load.case_files import load_case
    from .load.in_memory import parse_case
    from .model import Board, Case, Framework
    from .model.framework import KINDS
    from .model.kinds import FORMATS, DocumentKind

"""Rendering: a context and a sandboxed template become HTML, then PDF (`pdf/`) and DOCX (`docx/`)."""

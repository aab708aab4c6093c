"""The register as a page: accessible HTML for the screen, and a tagged PDF (archival when anonymised) laid out
from the same page; its tables from the workbook's column specifications, its figures in sentences a board can
paste into its annual report."""

from __future__ import annotations

import dataclasses
from typing import Any

from ...rendering.accessibility import captioned_tables, scoped_header_cells
from ...rendering.pdf.engine import html_to_pdf
from ...rendering.templates import environment, render_template
from ...text.dates import form_date
from . import Register
from .summary import figure_sentences
from .workbook import RECOMMENDATIONS, REVIEWS, STATUS_SHADES, UNREADABLE

NAMED = "NAMED – FOR THE BOARD'S OWN USE"
"""The marking of a register that names people."""


def register_html(register: Register) -> str:
    """The register as an accessible HTML page."""
    return captioned_tables(_page(register))


def register_pdf(register: Register) -> bytes:
    """The register as a tagged PDF; archival (PDF/A-2a, PDF/UA-1) when anonymised."""
    return html_to_pdf(_page(register), _title(register), archival=not register.named)


def _title(register: Register) -> str:
    return f"Register of reviews on {form_date(register.on)}"


def _page(register: Register) -> str:
    return scoped_header_cells(render_template(environment(), "register/register.html.j2", register_context(register)))


def register_context(register: Register) -> dict[str, Any]:
    """What the register's template is given."""
    reviews = [{**_cells(entry), "overdue": entry.overdue, "shade": ""} for entry in register.reviews]
    recommendations = [
        {**_cells(entry), "overdue": ["Yes" if entry.overdue else ""], "shade": STATUS_SHADES.get(entry.status, "")}
        for entry in register.recommendations
    ]
    counts = f"{len(register.reviews)} review{'' if len(register.reviews) == 1 else 's'}"
    return {
        "title": _title(register),
        "marking": NAMED if register.named else "",
        "summary": f"{counts}, {len(register.recommendations)} recommendations and actions tracked.",
        "columns": {"reviews": REVIEWS, "recommendations": RECOMMENDATIONS, "unreadable": UNREADABLE},
        "reviews": reviews,
        "recommendations": recommendations,
        "figures": register.figures,
        "figure_lines": figure_sentences(register.figures),
        "unreadable": [{**_cells(entry), "shade": ""} for entry in register.unreadable],
    }


def _cells(entry: Any) -> dict[str, Any]:
    """A record's fields as a table's cells: each a list of lines, dates as forms write them."""
    cells: dict[str, Any] = {}
    for name, value in dataclasses.asdict(entry).items():
        text = form_date(value) if hasattr(value, "isoformat") else "" if value is None else str(value)
        cells[name] = text.splitlines() or [""]
    return cells

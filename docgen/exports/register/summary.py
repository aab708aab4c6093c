"""The register as the terminal prints it: the reviews a line each, overdue first, then the recommendations that
are overdue, the year's figures and the files that were not read."""

from __future__ import annotations

from ...text.dates import form_date
from . import Register
from .entries import AnnualFigures


def terminal_summary(register: Register) -> str:
    """The register in plain text."""
    marked = " (NAMED – for the board's own use)" if register.named else ""
    lines = [f"Register of reviews on {form_date(register.on)}{marked}", ""]
    for entry in register.reviews:
        due = f"next: {entry.next_step}, {form_date(entry.next_deadline)}" if entry.next_deadline else "nothing due"
        lines.append(f"{entry.reference}  {entry.review_type}  {entry.subject}  stage: {entry.stage}  {due}")
        lines += [f"    overdue: {step}" for step in entry.overdue]
        lines.append(f"    publication: {entry.publication}")
    overdue = [entry for entry in register.recommendations if entry.overdue]
    lines += ["", f"Recommendations: {len(register.recommendations)}, {len(overdue)} overdue"]
    lines += [f"    {e.reference} {e.number}: {e.status}, due {e.timescale} ({e.lead})" for e in overdue]
    lines += ["", f"Financial year {register.figures.year}:"]
    lines += [f"    {sentence}" for sentence in figure_sentences(register.figures)]
    if register.unreadable:
        lines += ["", "Not read:"] + [f"    {u.file}: {u.problems.splitlines()[0]}" for u in register.unreadable]
    return "\n".join(lines)


def figure_sentences(figures: AnnualFigures) -> list[str]:
    """The year's figures as sentences a board can paste into its annual report."""

    sentences = []
    for name, count, references in figures.counts:
        if name.startswith("Recommendations"):
            sentences.append(f"{name}: {count}.")
        else:
            listed = f" ({', '.join(references)})" if references else ""
            sentences.append(f"{name}: {count} review{'' if count == 1 else 's'}{listed}.")
    sentences += [
        f"{reference} recommendation {number}: {reason}" for reference, number, reason in figures.not_implemented
    ]
    return sentences

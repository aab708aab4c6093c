"""The chronology: one entry per significant event, in the Appendix V columns."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pydantic import Field, model_validator

from .common import CHILD, Identifier, Markdown, Model, Text

_MONTH_ONLY = re.compile(r"^\s*(\d{4})-(\d{2})\s*$")


class ChronologyEntry(Model):
    """One row of an agency's chronology (Appendix V, guidance Appendix VI)."""

    date: dt.date
    """Date of the event; 'YYYY-MM' when only the month is known (entered as day 01, flagged approximate)."""
    approximate: bool = False
    """True when only the month and year are known."""
    time: dt.time | None = None
    """Time of the event (HH:MM), where known."""
    agency: Identifier
    """The agency (its id) responsible for the record."""
    subjects: list[Identifier] = Field(default=["child"], min_length=1)
    """Who the entry concerns: 'child' or family members' ids."""
    professional: Identifier | None = None
    """The professional (their id) involved."""
    event: Markdown
    """Significant event or incident."""
    seen: list[Identifier] = []
    """Who was seen on this occasion: 'child' and family members' ids (Appendix V: 'and if child seen')."""
    child_views: Text | None = None
    """The child's views and wishes, where sought or expressed."""
    views_of: Identifier = CHILD
    """Whose views `child_views` gives: 'child' (the subject child, the default) or a family member's id (a
    brother's or sister's)."""
    response: Text | None = None
    """Agency decisions and actions taken on or immediately after the event."""
    comments: Markdown | None = None
    """Management Review Officer's comments, including good practice."""

    @property
    def child_seen(self) -> bool:
        """Whether the subject child was seen on this occasion."""
        return CHILD in self.seen

    @model_validator(mode="before")
    @classmethod
    def _month_only_date(cls, data: Any) -> Any:
        """A date given as 'YYYY-MM' becomes the 1st of the month, flagged approximate."""
        if isinstance(data, dict) and isinstance(data.get("date"), str) and (match := _MONTH_ONLY.match(data["date"])):
            return {**data, "date": f"{match[1]}-{match[2]}-01", "approximate": True}
        return data

    @model_validator(mode="before")
    @classmethod
    def _child_seen_flag(cls, data: Any) -> Any:
        """Older case files say `child_seen: true`; it is read as the child among those seen."""
        if isinstance(data, dict) and isinstance(data.get("child_seen"), bool):
            data = dict(data)
            seen = list(data.get("seen") or [])
            if data.pop("child_seen") and CHILD not in seen:
                data["seen"] = [CHILD, *seen]
        return data

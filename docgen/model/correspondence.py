"""What the seven letters of Appendix XI need beyond the rest of the case."""

from __future__ import annotations

import datetime as dt

from .common import Markdown, Model, Text


class Letter(Model):
    """What every letter has: its date and any further names for its distribution list."""

    date: dt.date
    """Date printed on the letter."""
    distribution: list[Text] = []
    """Further recipients for the suggested distribution, beyond those the case implies."""


class RequestForInformation(Letter):
    """Letter 1: request for additional information and to secure files."""

    reply_by: dt.date
    """Date by which agencies should forward their information."""
    panel_meeting: dt.date
    """Date of the panel meeting the information is needed for."""


class NoFurtherAction(Letter):
    """Letter 2: notification to organisations of no further action."""


class CommissioningImrs(Letter):
    """Letter 3: commissioning Individual Management Reviews."""

    circumstances: Text
    """The circumstances of the child, completing 'Following the …', e.g. 'death of Jade on 3 May 2026'."""


class AuthorsBriefing(Letter):
    """Letter 4: invitation to the authors' briefing."""


class ParentsNotification(Letter):
    """Letter 5: notification to parents."""

    support: Text | None = None
    """Who the family may contact for support (an advocacy service and its number)."""


class VictimsNotification(Letter):
    """Letter 6: notification to victims."""

    circumstances: Markdown
    """Why the board reviewed the case, e.g. 'after X was convicted last year, the board decided …'."""


class PractitionersDebriefing(Letter):
    """Letter 7: invitation to the practitioners' de-briefing, with a reply slip."""

    reply_by: dt.date | None = None
    """Date by which the reply slip should be returned."""


class Correspondence(Model):
    """The letters of the review; a letter is produced once its entry exists."""

    letter_1: RequestForInformation | None = None
    """Letter 1: request for additional information."""
    letter_2: NoFurtherAction | None = None
    """Letter 2: notification of no further action."""
    letter_3: CommissioningImrs | None = None
    """Letter 3: commissioning Individual Management Reviews."""
    letter_4: AuthorsBriefing | None = None
    """Letter 4: invitation to the authors' briefing."""
    letter_5: ParentsNotification | None = None
    """Letter 5: notification to parents."""
    letter_6: VictimsNotification | None = None
    """Letter 6: notification to victims."""
    letter_7: PractitionersDebriefing | None = None
    """Letter 7: invitation to the practitioners' de-briefing."""

"""Table columns, defined once for every format: headings, proportional widths, whether a cell may wrap.

The PDF's fixed table layout, the DOCX table builder and the spreadsheets all read the same specification,
so a chronology looks the same in Word, in a PDF and in Excel.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..errors import UsageError


@dataclass(frozen=True)
class Column:
    """One column of a table."""

    key: str
    """What the column shows (a field of the row, e.g. 'date')."""
    heading: str
    """The heading as the seed's appendix prints it, without its prompt."""
    width: float
    """Share of the table's width; a table's columns add up to 1."""
    wrap: bool = True
    """False for values that must never break inside (dates, times, telephone numbers)."""
    prompt: str = ""
    """What the appendix asks under the heading ('At what level in the agency?'): printed where the table is to
    be filled in (a draft, a blank form, an agency's spreadsheet), never in a final."""

    @property
    def prompted(self) -> str:
        """The heading with its prompt, as the appendix prints it."""
        return f"{self.heading} {self.prompt}" if self.prompt else self.heading


def renamed(specs: dict[str, tuple[Column, ...]], headings: dict[str, dict[str, str]]) -> dict[str, tuple[Column, ...]]:
    """The tables with the headings a framework gives instead of the seed's (by table and column key), without the
    seed's prompts; a table or column that there is not is the profile's mistake (UsageError, exit 2).

    >>> renamed({"t": (Column("a", "A", 1, prompt="Say"),)}, {"t": {"a": "Z"}})["t"][0].prompted
    'Z'
    """
    for table, columns in headings.items():
        keys = {column.key for column in specs.get(table, ())}
        missing = [f"column '{table}.{key}'" for key in columns if key not in keys] if keys else [f"table '{table}'"]
        if missing:
            raise UsageError(f"the framework profile's headings name a {missing[0]} that docgen does not have")
    return {
        name: tuple(
            replace(column, heading=headings[name][column.key], prompt="")
            if column.key in headings.get(name, {})
            else column
            for column in columns
        )
        for name, columns in specs.items()
    }


def unprompted(columns: tuple[Column, ...]) -> tuple[Column, ...]:
    """A table's columns as a final prints them: the headings without their prompts."""
    return tuple(replace(column, prompt="") for column in columns)


CHRONOLOGY: tuple[Column, ...] = (
    Column("date", "Date", 0.07, wrap=False),
    Column("time", "Time", 0.05, wrap=False),
    Column("subjects", "Child/Family Member", 0.13),
    Column("professional", "Professional", 0.12, prompt="e.g. Health Visitor/Social Worker"),
    Column("event", "Significant Events/Incidents and if child seen", 0.30),
    Column("agency", "Agency", 0.08),
    Column("comments", "Management Review Officer's Comments", 0.25, prompt="Including good practice"),
)
"""Appendix V: the chronology's columns, in the seed's order."""

ACTION_PLAN: tuple[Column, ...] = (
    Column("recommendation", "RECOMMENDATION", 0.135),
    Column("agreed", "AGREED", 0.08, prompt="At what level in the agency?"),
    Column("action", "ACTION", 0.11, prompt="What are we going to do?"),
    Column("by_whom", "BY WHOM", 0.08, prompt="Who is going to do it?"),
    Column("timescale", "TIMESCALE", 0.09, prompt="By when?"),
    Column("outcome", "OUTCOME", 0.11, prompt="What do we intend to achieve?"),
    Column("monitoring", "MONITORING", 0.11, prompt="How will improvements be monitored and reviewed?"),
    Column("achieved", "ACHIEVED", 0.09, prompt="What has been achieved?"),
    Column(
        "assessment",
        "ASSESSMENT",
        0.115,
        prompt="How is your agency meeting these recommendations? (red, amber or green)",
    ),
    Column("sign_off", "SIGNED OFF", 0.08, prompt="Action taken and completed?"),
)
"""Section 2.4.14: the board's action plan template, with a column for each element of a good action plan; each as
wide as its longest heading word needs at 7.5 pt in bold ('RECOMMENDATION', 'recommendations?'), in both formats."""

FAMILY: tuple[Column, ...] = (
    Column("name", "Name", 0.19),
    Column("relationship", "Relationship to child", 0.19),
    Column("born", "DoB", 0.13),
    Column("address", "Address", 0.23),
    Column("ethnicity", "Ethnic origin", 0.14),
    Column("household", "Lived in the household", 0.12),
)
"""IMR section 2.1 and the Overview Report's section 2: the family, extended family and household."""

FAMILY_ANONYMISED: tuple[Column, ...] = (
    Column("name", "Person", 0.3),
    Column("born", "Age", 0.14),
    Column("address", "Address", 0.2),
    Column("ethnicity", "Ethnic origin", 0.2),
    Column("household", "Lived in the household", 0.16),
)
"""The family table of an anonymised report: each person's label once (with what their relationship adds), ages at
the incident, not dates of birth."""

HOUSEHOLD: tuple[Column, ...] = (
    Column("person", "Member of the household or relevant person", 0.6),
    Column("age", "Age", 0.2),
    Column("household", "Lived in the household", 0.2),
)
"""The Executive Summary's family background: anonymised, with ages."""

CONTRIBUTORS: tuple[Column, ...] = (
    Column("contributor", "Contributor", 0.4),
    Column("contribution", "Nature of contribution", 0.3),
    Column("author", "Author", 0.3),
)
"""The Overview Report's section 1: contributors to the review and the nature of their contributions."""

PANEL: tuple[Column, ...] = (
    Column("name", "Name", 0.3),
    Column("post", "Post", 0.4),
    Column("agency", "Agency", 0.3),
)
"""The Overview Report's section 1: the panel members and the author of the overview report."""

KEY_RECOMMENDATIONS: tuple[Column, ...] = (
    Column("number", "No.", 0.08, wrap=False),
    Column("recommendation", "Recommendation", 0.62),
    Column("resources", "Resource implications", 0.3),
)
"""The Executive Summary: key recommendations and their resource implications."""

PROCEEDINGS: tuple[Column, ...] = (
    Column("date", "Date", 0.18, wrap=False),
    Column("step", "Step", 0.2),
    Column("person", "Person", 0.27),
    Column("details", "Offence or outcome", 0.35),
)
"""The rapid review report: each step of criminal proceedings up to its date."""

VERSIONS: tuple[Column, ...] = (
    Column("version", "Version", 0.14, wrap=False),
    Column("date", "Date", 0.22, wrap=False),
    Column("status", "Status", 0.64),
)
"""A report's version history, from its approval records."""

GLOSSARY: tuple[Column, ...] = (
    Column("term", "Abbreviation", 0.2),
    Column("meaning", "Meaning", 0.8),
)
"""The abbreviations a document uses."""


def _shares(*columns: Column) -> tuple[Column, ...]:
    """Columns whose widths, relative to one another, become shares of the whole."""
    total = sum(column.width for column in columns)
    return tuple(replace(column, width=column.width / total) for column in columns)


CHRONOLOGY_SPREADSHEET: tuple[Column, ...] = _shares(
    replace(CHRONOLOGY[0], width=0.10),  # room for "01/08/24 (approx.)": a number format cannot wrap
    *CHRONOLOGY[1:5],
    Column("seen", "Seen: who was seen", 0.09),
    Column("child_views", "Child's views", 0.10),
    Column("views_of", "Whose views", 0.07),
    Column("response", "Response", 0.18),
    *CHRONOLOGY[5:],
)
"""The chronology spreadsheet: Appendix V's columns with Appendix VI's Response and the child seen and heard (whose
views: the child's, or a brother's or sister's), each in a column of its own so that a workbook holds every field of
an entry."""

TIMETABLE: tuple[Column, ...] = (
    Column("number", "No.", 0.04, wrap=False),
    Column("timescale", "Timescale", 0.17),
    Column("action", "Action", 0.33),
    Column("responsible", "Person responsible", 0.18),
    Column("deadline", "Deadline", 0.09, wrap=False),
    Column("recorded", "Date recorded", 0.1, wrap=False),
    Column("status", "Status", 0.09),
)
"""Appendix XIII: the timetable's columns (Timescale, Action, Person responsible) with each step's deadline,
the date the case records for it and its status."""

PROGRESS: tuple[Column, ...] = (
    Column("number", "No.", 0.06, wrap=False),
    Column("action", "Recommendation", 0.3),
    Column("reported", "Reported", 0.11, wrap=False),
    Column("achieved", "What has been achieved", 0.27),
    Column("assessment", "Assessment (red, amber or green)", 0.14),
    Column("signed_off", "Signed off", 0.12),
)
"""The progress update: each report of progress on an action since the report was approved."""

FIELDS: tuple[Column, ...] = (Column("label", "", 0.38), Column("value", "", 0.62))
"""A form's labels and the values beside them (the serious incident notification record, the Ofsted form's
name of institution, the timetable's summary)."""

TICKS: tuple[Column, ...] = (Column("option", "", 0.86), Column("tick", "Please tick", 0.14))
"""A form's list of options, each with its tick box in a column of its own."""

PEOPLE_GRID: tuple[Column, ...] = (Column("label", "", 0.2), *(Column(f"person{n}", "", 0.2) for n in range(1, 5)))
"""The referral form's family details: a column of labels and four people side by side."""

AGENCY_GRID: tuple[Column, ...] = (Column("label", "", 0.18), Column("first", "", 0.41), Column("second", "", 0.41))
"""The referral form's other agencies: a column of labels and two agencies side by side (room for an e-mail
address on one line)."""

EPISODES: tuple[Column, ...] = (
    Column("date", "Date", 0.1, wrap=False),
    Column("title", "Key practice episode", 0.22),
    Column("agencies", "Agencies", 0.14),
    Column("description", "What happened, and why it matters", 0.54),
)
"""A rapid review's key practice episodes."""

AGENCY_VIEWS: tuple[Column, ...] = (
    Column("agency", "Agency", 0.4),
    Column("received", "Summary", 0.27),
    Column("view", "View on a local review", 0.33),
)
"""The agencies asked for a summary for a rapid review: whether each gave one, and its view."""

NOTIFIED: tuple[Column, ...] = (
    Column("name", "Child", 0.24),
    Column("age", "Age", 0.16),
    Column("harm", "What happened", 0.17),
    Column("status", "Status with children's social care", 0.25),
    Column("social_care", "Involvement", 0.18),
)
"""The children a serious incident notification names."""

CRITERIA: tuple[Column, ...] = (
    Column("letter", "", 0.05, wrap=False),
    Column("criterion", "Criterion: whether the case…", 0.33),
    Column("met", "Met?", 0.08, wrap=False),
    Column("reasons", "Reasons", 0.54),
)
"""A list of review criteria, each considered: met or not, and why."""

SIGN_OFF: tuple[Column, ...] = (
    Column("partner", "Safeguarding partner", 0.36),
    Column("signatory", "Signed off for the partner by", 0.42),
    Column("date", "Date", 0.22, wrap=False),
)
"""The safeguarding partners' sign-off of a rapid review."""

RESPONSES: tuple[Column, ...] = (
    Column("number", "No.", 0.07, wrap=False),
    Column("recommendation", "Improvement recommended", 0.43),
    Column("response", "The safeguarding partners' response", 0.5),
)
"""A partnership response: each improvement recommended, and the response to it."""

IMPROVEMENTS: tuple[Column, ...] = (
    Column("number", "No.", 0.07, wrap=False),
    Column("improvement", "Improvement", 0.4),
    Column("action", "What is being done", 0.35),
    Column("timescale", "By when", 0.18),
)
"""A statement of improvements: each improvement, what is being done about it, and by when."""

SCOPING_FAMILY: tuple[Column, ...] = (
    Column("name", "Name", 0.22),
    Column("relationship", "Relationship to child", 0.2),
    Column("date_of_birth", "DoB", 0.14, wrap=False),
    Column("address", "Address", 0.28),
    Column("ethnic_origin", "Ethnic Origin", 0.16),
)
"""Appendix II: the scoping document's family composition and significant others."""

SCOPING_MATTERS: tuple[Column, ...] = (
    Column("numeral", "", 0.07, wrap=False),
    Column("question", "Matter", 0.48),
    Column("answer", "Agreed", 0.45),
)
"""Appendix X: the scoping matters i–xiv of a review led with another board, and what the chairs agreed."""

KEY_EVENTS: tuple[Column, ...] = (
    Column("when", "Date (& time where appropriate)", 0.25),
    Column("event", "Event", 0.75),
)
"""Appendix I, 1.8: the referral form's chronology of key events."""

PREVIOUS_EMPLOYMENT: tuple[Column, ...] = (
    Column("employer", "Employer", 0.4),
    Column("dates", "Dates", 0.22),
    Column("posts", "Posts held", 0.38),
)
"""Appendix VI: the contributor's previous employment."""

INTERVIEW_MATTERS: tuple[Column, ...] = (
    Column("prompt", "Matter", 0.4),
    Column("notes", "Notes", 0.6),
)
"""Appendix VI: the matters to be covered in the interview, with the author's notes."""

INTERVIEW_SIGNATURES: tuple[Column, ...] = (
    Column("who", "", 0.4),
    Column("signed", "Signed", 0.35),
    Column("date", "Date (dd/mm/yyyy)", 0.25, wrap=False),
)
"""Appendix VI: the interviewee's and the author's signatures of the interview summary."""

PREVIOUS_REPORTS: tuple[Column, ...] = (
    Column("when", "Date", 0.18, wrap=False),
    Column("agency", "Reported to or by", 0.27),
    Column("summary", "What was reported, and what came of it", 0.55),
)
"""Abuse reported before a death through domestic abuse, one report a row."""

FEEDBACK: tuple[Column, ...] = (
    Column("number", "No.", 0.06, wrap=False),
    Column("point", "The point raised", 0.36),
    Column("response", "The review's answer", 0.40),
    Column("answered", "Answered on", 0.18, wrap=False),
)
"""The points of a quality assurance body's feedback, each with the review's answer."""

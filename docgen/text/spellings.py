"""How names are written: names that are also English words, name particles, initials that are also
abbreviations, a name's parts and its apostrophe spellings, and when a capitalised word that is a name is not one
here ('3 May 2024').

>>> parts("Carter-Nowak"), apostrophe_variants("O'Brien")
(['Carter-Nowak', 'Carter', 'Nowak'], ["O'Brien", 'OBrien', 'O Brien'])
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .folding import fold


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


WORD_NAMES = _words(
    """
    al amber angel april archer art august autumn baker bay bell berry bill bird bishop black blessing bliss
    blue bob bond brand bridge bright brook brooke brooks brown bud buck bush butler carol case cash chance
    charity chase cherry chip chuck church clay cliff cook cross crystal dale dash dawn day dean dee dell
    diamond don dove drew duke dusty earl ed ember eve faith fawn field fields fisher ford forest fox frank
    free friend frost gay gem gene glen gold goodman grace grant gray green grey guy hall hart haven hay hazel
    heath heather hill holly honey honour hope house hunt hunter iris ivy jack jay jewel joy june justice king
    kit lamb lance lane lark law lee liberty light lily little long lord love major march mark marsh mason may
    mercy merry miles mill mills misty moon moss nick noble north oak olive page park pat patience pearl
    penny pepper pike pope poppy porter power price primrose queen rain raven ray read reed rich river rivers
    rob robin rock rose rosemary rowan ruby rush rusty saffron sage sandy savage scarlet sharp shepherd short
    sky small spring star sterling stone storm street strong sue summer sunny swift temple thorn tucker
    violet wade walker wall ward waters webb wells west white will willow winter wise wolf wood woods wren
    young monday tuesday wednesday thursday friday saturday sunday january february october november december
    season sunshine summers winters virtue prudence constance temperance felicity unity verity honesty trinity
    easter christmas noel
    """
)
"""Names that are also English words: matched in Title or UPPER case only; a lower-case hit is for review."""

SENTENCE_WORDS = _words(
    """
    may will hope grace faith summer winter spring autumn day young long short little case chance charity justice
    joy love mercy patience march august free bright rich strong wise mark page park power price read major light
    honour liberty sterling noble fair sunday monday tuesday wednesday thursday friday saturday easter christmas
    """
)
"""Names that begin sentences as English words too ('May I …', 'Hope was expressed …', 'Summer came'): at the
start of a sentence such a name is asked about unless a word after it says it is the person ('Hope said')."""

PERSON_VERBS = _words(
    """
    said says told tells asked asks answered replied explained described disclosed denied admitted alleged
    reported complained agreed refused wanted wants went goes attended attends lived lives stayed moved returned
    arrived spoke speaks cried shouted screamed slept ate walked ran visited phoned rang texted emailed e-mailed
    met saw sees telephoned confirmed informed presented appeared collected brought took gave
    """
)
"""Verbs only a person does: after a name at the start of a sentence, they say it is the person ('Will said')."""

PARTICLES = _words(
    """
    de da di du del della der den van von le la al el bin ibn ben ap
    """
)
"""Name particles: part of a surname, never an alias alone."""

ABBREVIATIONS = _words(
    """
    AA AB AE AH AM AN AS AT BE BY CC CP DA DC DI DO DR DS DV ED GO GP HE HI HR HV ID IF IN IQ IS IT LA ME MP MR
    MS MY NB NI NO OF OH OK ON OR OT OX PC PE PM PO PS QA RE SN SO SW TO TV UK UP US WE AND ARE ASB ASD BMI BUT
    CAF CAN CIN CJS CPP CPS CSC DCI DID DNA EDT EHC FOR GOT HAD HAS HER HIM HIS HOW IMR ITS LET MAY NHS NOT NOW
    OFF OLD ONE OUR OUT OWN SAW SAY SCR SEN SHE THE TOO TWO WAS WAY WHO WHY YES YET YOT YOU ADHD CAMHS CCTV
    EHCP ICPC LADO LSCB MASH RCPC SEND
    """
)
"""Initials (without dots) that are also common abbreviations or words: hits are left for review."""

_MONTHS = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october"}
    | {"november", "december"}
)
_WEEKDAYS = frozenset({"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
_SEASONS = frozenset({"spring", "summer", "summers", "autumn", "winter", "winters", "easter", "christmas"})
_COLOURS = frozenset({"white", "black", "brown", "green", "grey", "gray"})
_MONTH_OR_YEAR = r"(?:\d{4}|january|february|march|april|may|june|july|august|september|october|november|december)"
_DAY_BEFORE = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?(?: of)? $", re.IGNORECASE)
_YEAR_AFTER = re.compile(r",? \d{1,4}(?:st|nd|rd|th)?\b")
_IN_TIME = r"in|during|since|until|till|this|last|next|every|each|early|mid|late|end of|start of|beginning of"
_MONTH_BEFORE = re.compile(rf"\b(?:{_IN_TIME}|middle of)[ -]$", re.IGNORECASE)
_WEEKDAY_BEFORE = re.compile(rf"\b(?:{_IN_TIME}|on)[ -]$", re.IGNORECASE)
_SEASON_BEFORE = re.compile(rf"\b(?:{_IN_TIME}|over the)[ -]$", re.IGNORECASE)
"""The words before a month, a weekday or a season that make it one ('in May', 'on Sunday', 'over the summer'):
never words that come before a person's name as well ('to', 'from', 'by', 'and')."""
_MONTH_RANGE_AFTER = re.compile(
    rf"\s*(?:to|until|till|and|or|[–-])\s*(?:the )?(?:end of |early |mid-?|late )?{_MONTH_OR_YEAR}\b", re.I
)
_DAY_AFTER = re.compile(
    r",? (?:(?:the )?\d{1,2}(?:st|nd|rd|th)?\b|morning|afternoon|evening|night|lunchtime|mornings|afternoons"
    r"|evenings|nights|\d{1,2}[:.]\d{2})",
    re.IGNORECASE,
)
_SEASON_AFTER = re.compile(
    r",? (?:\d{4}|holidays?|half[- ]term|term|months|break|of|time|fair|play ?scheme)\b", re.IGNORECASE
)
_ETHNICITY_AFTER = re.compile(
    r" (?:British|Irish|African|Caribbean|Asian|European|Other|background|and|or|ethnic|Gypsy|Traveller)\b",
    re.IGNORECASE,
)
_NOT_POSSESSIVE = re.compile(r"(?!['’]s\b)")


def parts(name: str) -> list[str]:
    """The words of a name, then the parts of its hyphenated words ('Carter-Nowak' → Carter, Nowak)."""
    words = fold(name).split()
    return words + [p for w in words if "-" in w for p in w.split("-") if p]


def apostrophe_variants(text: str) -> list[str]:
    """'O'Brien' is also written 'OBrien' and 'O Brien'."""
    return [text, text.replace("'", ""), text.replace("'", " ")] if "'" in text else [text]


def word_context(word: str, text: str, start: int, end: int) -> str | None:
    """When a name that is also an English word is that word here: a month or a weekday in a date or a time
    phrase ('3 May 2024', 'from May to August', 'on Sunday 3 May'), a season ('last summer', 'Summer 2025'), a
    colour in an ethnicity ('White British'); None when it may be the name.

    >>> word_context("may", "on 3 May 2024", 5, 8), word_context("white", "White British", 0, 5)
    ('a month in a date', 'a colour in an ethnicity')
    >>> word_context("may", "from May to August 2025", 5, 8), word_context("sunday", "on Sunday 3 May", 3, 9)
    ('a month in a date', 'a day of the week in a date')
    >>> word_context("summer", "over the summer holidays", 9, 15), word_context("may", "May said no", 0, 3)
    ('a season', None)
    """
    if not _NOT_POSSESSIVE.match(text, end):  # 'May's coat' is May's
        return None
    before = text[max(0, start - 16) : start]
    if word in _MONTHS and (
        _DAY_BEFORE.search(before)
        or _YEAR_AFTER.match(text, end)
        or _MONTH_RANGE_AFTER.match(text, end)
        or _MONTH_BEFORE.search(before)
    ):
        return "a month in a date"
    if word in _WEEKDAYS and (_WEEKDAY_BEFORE.search(before) or _DAY_AFTER.match(text, end)):
        return "a day of the week in a date"
    if word in _SEASONS and (_SEASON_BEFORE.search(before) or _SEASON_AFTER.match(text, end)):
        return "a season"
    if word in _COLOURS and _ETHNICITY_AFTER.match(text, end):
        return "a colour in an ethnicity"
    return None


def name_tokens(fields: Iterable[tuple[str, Sequence[str]]]) -> list[tuple[str, str]]:
    """(which name, part) for every part of two letters or more of each name, in each apostrophe spelling, once.

    >>> name_tokens([("last name", ["O'Brien-Li"])])[:3]
    [('last name', "O'Brien-Li"), ('last name', 'OBrien-Li'), ('last name', 'O Brien-Li')]
    """
    found = dict.fromkeys(
        (what, variant)
        for what, names in fields
        for name in names
        for part in parts(name)
        for variant in apostrophe_variants(part)
        if sum(c.isalpha() for c in variant) >= 2
    )
    return list(found)

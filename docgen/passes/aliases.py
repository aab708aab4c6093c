"""Every form in which the case's people's names are written (its aliases), and what each becomes.

Who the people are and their labels: docgen.model.people_labels. A name several people share is never guessed:
a surname of family members becomes 'the family'; a given name, or a title and surname that fit several people,
is ambiguous: the author says who it means (`anonymisation.names`), and until then an anonymised document is not
written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from enum import IntEnum

from ..model.people_labels import Person
from ..text.folding import fold, key
from ..text.patterns import LEFT, RIGHT, SENTENCE_START, WORD_PATTERN, trie_pattern
from ..text.spellings import (
    ABBREVIATIONS,
    PARTICLES,
    PERSON_VERBS,
    SENTENCE_WORDS,
    WORD_NAMES,
    apostrophe_variants,
    parts,
    word_context,
)

MALE_TITLES = ("Mr", "Master")
FEMALE_TITLES = ("Mrs", "Ms", "Miss")
OTHER_TITLES = (
    "Dr",
    "Prof",
    "Mx",
    "Rev",
    "Sir",
    "Dame",
    "Lady",
    "Lord",
    "Cllr",
    "PC",
    "DC",
    "DS",
    "DI",
    "DCI",
    "Sgt",
    "Insp",
    "PO",
    "SW",
    "HV",
    "Nurse",
    "Sister",
)
"""Titles written before a surname; gendered ones are matched for people of that gender or none recorded."""
WORD_TITLES = frozenset({"master", "miss", "sir", "dame", "lady", "lord", "nurse", "sister"})
"""Titles that are also words ('her sister Rose'): titles only when capitalised."""

SHARED_FAMILY = "the family"
"""What a name shared by several members of the family becomes."""
SHARED_OTHER = "[name removed]"
"""What a surname shared by people who are not all family becomes."""
AMBIGUOUS = "ambiguous name"
"""The kind of a given name (or a title and surname) shared by several people: the author must say who."""


class Form(IntEnum):
    """How an alias may be written to be replaced; the higher, the more permissive."""

    REVIEW = 0
    """Never replaced: a hit in capitals is left for a person to decide (initials that are also abbreviations)."""
    INITIALS = 1
    """Replaced in capitals only; other cases are not initials."""
    WORD = 2
    """Replaced in Title or UPPER case; a lower-case hit is left for review (names that are words)."""
    ANY = 3
    """Replaced in any case."""


@dataclass(frozen=True)
class Target:
    """What a matched alias or value becomes."""

    replacement: str
    owners: tuple[str, ...]
    """The people (owner strings) it belongs to."""
    kind: str
    """'name', 'shared name', 'family name', 'ambiguous name', 'agency', 'place', or the kind of identifier
    ('address', 'date of birth' …)."""
    form: Form = Form.ANY
    adjective: str | None = None
    """What a place becomes where it describes a noun ('a Caerwen tenancy' → 'a Welsh tenancy')."""


@dataclass(frozen=True)
class Hit:
    """An alias or value found in a normalised text."""

    start: int
    end: int
    """End of the hit, a possessive apostrophe included."""
    name_end: int
    target: Target
    found: str
    reason: str | None
    """Why the hit is left for a person to decide; None when it is replaced."""
    alias: str = ""
    """The alias matched (lower case, without a title)."""


# --- aliases --------------------------------------------------------------------------------------


def aliases(person: Person) -> Iterator[tuple[str, Form]]:
    """Every form of the person's names without a title, with how it may be written."""
    if person.labelled:
        return
    for alias in _name_forms(person):
        for variant in apostrophe_variants(alias):
            for spelled in dict.fromkeys([variant, variant.replace("-", " ")]):
                if _letters(spelled) >= 2 and key(spelled) not in PARTICLES:
                    yield spelled, form_of(spelled)
    for alias in _initials(person):
        compact = re.sub(r"[\s.-]", "", alias)
        yield alias, Form.REVIEW if compact in ABBREVIATIONS else Form.INITIALS


def titled_forms(person: Person) -> Iterator[str]:
    """The forms that may follow a title: surnames, given name and surname, initial and surname."""
    if person.labelled:
        return
    for surname in _surnames(person):
        yield surname
        for given in _givens(person):
            yield f"{given} {surname}"
            yield f"{given[0]} {surname}"
            yield f"{given[0]}. {surname}"


def plurals(person: Person) -> Iterator[str]:
    """'the Carters', 'Carters', 'the Joneses': the family by its surname."""
    if person.labelled or not person.family or not person.last:
        return
    for surname in dict.fromkeys([fold(person.last), *parts(person.last)]):
        endings = ("es", "s") if surname.endswith(("s", "x", "z", "ch", "sh")) else ("s",)
        for ending in endings:
            yield f"the {surname}{ending}"
            yield f"{surname}{ending}"


def _givens(person: Person) -> list[str]:
    return [fold(g) for g in (person.first, *person.known_as) if g]


def _surnames(person: Person) -> list[str]:
    """The surname (and its double-barrelled forms) and the surnames of other names used."""
    others = [fold(o).split()[-1] for o in person.other_names if len(o.split()) > 1]
    last = fold(person.last)
    spelled = [last, last.replace(" ", "-")] if last else []
    return list(dict.fromkeys([*spelled, *others]))


def _name_forms(person: Person) -> list[str]:
    """Full names, names used alone, given name with surname, initial with surname, other names."""
    first, last = fold(person.first), fold(person.last)
    middles = [fold(m) for m in person.middles]
    singles = [first, *middles, last, *map(fold, person.known_as), *map(fold, person.other_names)]
    forms = [" ".join(p for p in (first, *middles, last) if p), *singles]
    forms += [p for name in singles for p in parts(name)]
    for surname in _surnames(person):
        forms += [f"{given} {surname}" for given in _givens(person)]
        if first:
            forms += [f"{first[0]} {surname}", f"{first[0]}. {surname}"]
        if first and middles:
            initials = " ".join(m[0] for m in middles)
            forms += [f"{first} {initials} {surname}", f"{first} {initials}. {surname}"]
    return [f for f in dict.fromkeys(forms) if f]


def _initials(person: Person) -> list[str]:
    """'K.C.', 'K. C.', 'KC', 'K C', 'K.C-N', 'K.C.-N.', 'KC-N', 'K C-N', with and without middle initials."""
    if not person.first or not person.last:
        return []
    surname = [p[0].upper() for p in re.split(r"[\s-]+", fold(person.last)) if p]
    firsts = [fold(person.first)[0].upper()]
    forms = []
    for given in dict.fromkeys([tuple(firsts), (*firsts, *(fold(m)[0].upper() for m in person.middles if m))]):
        dotted = "".join(f"{g}." for g in given)
        for joined in dict.fromkeys(["-".join(surname), "".join(surname)]):
            forms += ["".join(given) + joined, " ".join([*given, joined]), dotted + joined]
        forms += [
            dotted + ".-".join(surname) + ".",
            dotted + ".".join(surname) + ".",
            " ".join(f"{g}." for g in [*given, *surname]),
        ]
    return [f for f in dict.fromkeys(forms) if f and sum(c.isalpha() for c in f) >= 2]


def _letters(text: str) -> int:
    return sum(c.isalpha() for c in text)


def form_of(alias: str) -> Form:
    """WORD when every word of the alias is also an English word (or a particle), else ANY."""
    words = [w for w in re.split(r"[\s-]+", key(alias)) if w and w != "the"]
    return Form.WORD if words and all(_is_word(w) for w in words) else Form.ANY


def _is_word(word: str) -> bool:
    stems = (word, word[:-1] if word.endswith("s") else word, word[:-2] if word.endswith("es") else word)
    return any(s in WORD_NAMES or s in PARTICLES for s in stems)


# --- matching -------------------------------------------------------------------------------------


def name_table(found: list[Person]) -> dict[str, Target]:
    """Every alias key of every person and what it becomes; a key shared by several becomes neutral or ambiguous."""
    owners: dict[str, list[Person]] = {}
    forms: dict[str, Form] = {}
    for person in found:
        for alias, form in aliases(person):
            _claim(owners, forms, key(alias), person, form)
    table = {k: shared_target(people_of, forms[k], k) for k, people_of in owners.items()}
    for person in found:
        for plural in plurals(person):
            table[key(plural)] = Target(SHARED_FAMILY, (person.owner,), "family name", form_of(plural))
    return table


def _claim(owners: dict[str, list[Person]], forms: dict[str, Form], k: str, person: Person, form: Form) -> None:
    claimed = owners.setdefault(k, [])
    if person not in claimed:
        claimed.append(person)
    forms[k] = max(forms.get(k, Form.REVIEW), form)


def shared_target(owners: list[Person], form: Form = Form.ANY, surname: str | None = None) -> Target:
    """The label of a single owner. For several, a neutral term when `surname` is a surname of every one
    of them ('the family'); otherwise the name is ambiguous (a given name, or a title and surname that fit
    several people) and the author must say who it means: never a guess between them."""
    distinct = list({p.identity: p for p in owners}.values())
    if len(distinct) == 1:
        return Target(distinct[0].label, (distinct[0].owner,), "name", form)
    everyone = tuple(p.owner for p in distinct)
    if surname is None or not all(surname in surname_keys(p) for p in distinct):
        return Target(SHARED_OTHER, everyone, AMBIGUOUS, form)
    neutral = SHARED_FAMILY if all(p.family for p in distinct) else SHARED_OTHER
    return Target(neutral, everyone, "shared name", form)


def surname_keys(person: Person) -> frozenset[str]:
    """The keys of every form of the person's surnames ('Carter-Nowak', 'Carter', 'Nowak', 'OBrien' …)."""
    names = [person.last, *(o.split()[-1] for o in person.other_names if len(o.split()) > 1)]
    forms = [form for name in names if name for form in (fold(name), fold(name).replace("-", " "), *parts(name))]
    return frozenset(key(variant) for form in forms for variant in apostrophe_variants(form))


def titled_table(found: list[Person]) -> dict[str, list[Person]]:
    """The people each form may belong to when it follows a title."""
    table: dict[str, list[Person]] = {}
    for person in found:
        for form in titled_forms(person):
            claimed = table.setdefault(key(form), [])
            if person not in claimed:
                claimed.append(person)
    return table


ADULT_TITLES = frozenset({"mr", "mrs", "ms"})
"""Titles never given to a child under 16 ('Mrs Karimi' is the mother, not her six-year-old daughter)."""


def title_fits(title: str, gender: str | None, child: bool = False) -> bool:
    """Mr (and Master) for men and boys, Mrs/Ms/Miss for women and girls, any other title for anyone; any title
    when no gender is recorded; never Mr, Mrs or Ms for a `child` under 16."""
    t = title.rstrip(".").casefold()
    if child and t in ADULT_TITLES:
        return False
    if t in {m.casefold() for m in MALE_TITLES}:
        return gender != "Female"
    if t in {f.casefold() for f in FEMALE_TITLES}:
        return gender != "Male"
    return True


def _title_pattern(own: set[str]) -> str:
    """Titles before a name: abbreviations in any case, titles that are words ('Sister', 'Nurse') capitalised."""
    titles = sorted({*MALE_TITLES, *FEMALE_TITLES, *OTHER_TITLES, *own}, key=lambda t: (-len(t), t))
    return "|".join(
        f"(?-i:{re.escape(t)}|{re.escape(t.upper())})" if key(t) in WORD_TITLES else re.escape(t) for t in titles
    )


class Matcher:
    """Finds the case's names and known values in normalised text, longest first, whole words only."""

    def __init__(self, found: list[Person], values: dict[str, Target]):
        self._table = {**name_table(found), **values}
        self._titled = titled_table(found)
        own = {fold(p.title).rstrip(".") for p in found if p.title and not p.labelled}
        keys = trie_pattern(self._table.keys() | self._titled.keys())
        self.words = frozenset(w for k in self._table for w in re.split(r"[ '-]", k) if w.isalpha())
        """Every word of every alias, to decide how a word broken at a line end is read."""
        self._pattern = (
            re.compile(
                rf"{LEFT}(?:(?:(?P<first>{_title_pattern(own)})\.? and )?(?P<title>{_title_pattern(own)})\.? )?"
                rf"(?P<name>{keys}){RIGHT}(?P<pos>(?<=[sS])'{RIGHT})?",
                re.IGNORECASE,
            )
            if keys
            else None
        )

    def find(self, text: str) -> Iterator[Hit]:
        """Every hit in order: replaced ones and those left for review."""
        pos = 0
        while self._pattern and (match := self._pattern.search(text, pos)):
            hits = list(self._hits(text, match))
            yield from hits
            accepted = hits[-1] if hits and hits[-1].reason is None else None
            pos = accepted.end if accepted else match.start("name") + 1

    def _hits(self, text: str, match: re.Match[str]) -> Iterator[Hit]:
        """A title and the name after it are replaced together: by the person the title fits (ambiguous when it
        fits several), else by what the name alone becomes ('Mrs Nowak', with only a Mr Nowak, is 'the family'
        if Nowak is a shared surname)."""
        start, end = match.span("name")
        if match.group("title"):
            alias = text[start:end].lower()
            owners = self._titled.get(alias, [])
            couple = self._couple(match, owners)
            if couple is not None:
                yield Hit(match.start(), match.end(), end, couple, match.group(), None, alias)
                return
            fitting = [p for p in owners if title_fits(match.group("title"), p.gender, p.child)]
            target = shared_target(fitting) if fitting else self._table.get(alias)
            if target is not None and target.form is not Form.REVIEW:
                titled = f"{match.group('title').rstrip('.')} {alias}".lower()
                yield Hit(
                    match.start("title"),
                    match.end(),
                    end,
                    target,
                    text[match.start("title") : match.end()],
                    None,
                    titled,
                )
                return
        yield from self._untitled(text, start, end, match.end())

    @staticmethod
    def _couple(match: re.Match[str], owners: list[Person]) -> Target | None:
        """'Mr and Mrs Karimi', 'Dr and Mrs Karimi': two people, each the one their title fits, the second first
        ('Father and Mother'); None when either is not one person."""
        if not match.group("first"):
            return None
        second = [p for p in owners if title_fits(match.group("title"), p.gender, p.child)]
        if len(second) != 1:
            return None
        first = [p for p in owners if title_fits(match.group("first"), p.gender, p.child) and p is not second[0]]
        if len(first) != 1:
            return None
        return Target(f"{first[0].label} and {second[0].label}", (first[0].owner, second[0].owner), "name")

    def _untitled(self, text: str, start: int, end: int, full_end: int) -> Iterator[Hit]:
        """The longest alias at `start`; a hit left for review lets a shorter alias inside it be tried."""
        for stop in [end, *(i for i in range(end - 1, start, -1) if not text[i].isalnum())]:
            target = self._table.get(text[start:stop].lower())
            if target is None or (target.form <= Form.INITIALS and not text[start:stop].isupper()):
                continue
            reason = review_reason(target, text, start, stop)
            found = text[start:stop]
            yield Hit(start, full_end if stop == end else stop, stop, target, found, reason, found.lower())
            if reason is None:
                return


AT_SENTENCE_START = "a name that is also an English word, at the start of a sentence"
"""Why a word-name that begins a sentence is asked about: its capital does not say it is the name there."""


_NEXT_WORD = re.compile(r"[*_]*[ \t]+([A-Za-z][A-Za-z-]*)")


def _undecided_at_sentence_start(found: str, text: str, start: int, end: int) -> bool:
    """Whether a name that is also a word opening sentences ('May', 'Hope') begins one here, a word after it that
    does not say it is the person ('Hope was expressed', but 'Hope said'). Standing alone (a heading, a list item,
    a table cell, before punctuation) or followed by a possessive, it is the name."""
    if found.lower() not in SENTENCE_WORDS or not SENTENCE_START.search(text, max(0, start - 12), start):
        return False
    after = _NEXT_WORD.match(text, end)
    return after is not None and after[1].lower() not in PERSON_VERBS


def review_reason(target: Target, text: str, start: int, end: int) -> str | None:
    """Why a hit is not replaced but left for a person to decide; None when it is replaced."""
    found = text[start:end]
    if target.form is Form.REVIEW:
        return "initials that are also a common abbreviation or word"
    if target.form is Form.WORD:
        words = [w for w in WORD_PATTERN.findall(found) if w.casefold() != "the"]
        if not all(w.istitle() or w.isupper() for w in words):
            return "lower case: an English word as well as a name"
        ordinary = word_context(found.lower(), text, start, end)
        if ordinary is None and found.istitle() and _undecided_at_sentence_start(found, text, start, end):
            return AT_SENTENCE_START
        return ordinary
    return None

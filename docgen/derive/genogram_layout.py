"""The genogram's layout, from the family model: who stands where, and the lines between them.

Generations are rows, parents above their children; partners stand side by side, a person with several
partners in the middle of them, those they had children with beside them. Positions are in slots (one
person's width); the SVG writer (docgen/rendering/genogram_drawing.py) turns them into a drawing. Everything is
deterministic: the same case gives the same layout.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from ..model import CHILD, Case, FamilyMember, Subject
from ..model.options import Gender, PartnershipEnd
from ..text.dates import ADULT, age_on, decade
from .household import public_age, short_relationship

UNIT_GAP = 0.1
"""Extra space between groups of partners, in slots."""
PARTNER_SPAN = 2.5
"""The farthest apart (in slots) partners stand: room for a few children between them, no more."""
ROUNDS = 24
"""Rounds of moving rows towards their relatives; the layout settles well within them."""
STUB = 0.06
"""How far aside (in slots) a partner line leaves a person who has several lines below them; a second line on the
same side leaves twice as far, so that each line is seen to leave on its own."""
_AGE = re.compile(r"(\d+)\s*(year|month|week|day)")
_DAYS = {"year": 365.25, "month": 30.44, "week": 7, "day": 1}


@dataclass(frozen=True)
class Symbol:
    """A person: a square (male), a circle (female) or a diamond (not recorded), with an age inside."""

    id: str
    label: tuple[str, ...]
    """The label beside the symbol, in phrases (name, relationship, death) that the drawing wraps between words."""
    age: str
    """Inside the symbol: '36', '14m' (months), '3w' (weeks); an adult's decade in a public document ('30s');
    none for someone who died (their age at death is in the label, clear of the cross)."""
    gender: Gender | None
    subject: bool
    deceased: bool
    household: bool
    row: int
    """Generation, 0 at the top."""
    x: float
    """Position in slots from the left."""


@dataclass(frozen=True)
class Couple:
    """A partnership line below two partners."""

    row: int
    level: int
    """1 just below the partners; lower for partners with others standing between them."""
    married: bool
    ended: PartnershipEnd | None
    drop: float
    """Where the line to their children leaves it."""
    ends: tuple[float, float]
    """Where the line leaves each partner (x), left first."""


@dataclass(frozen=True)
class Descent:
    """The line from parents (a couple's line, or a single parent) down to their children."""

    x: float
    row: int
    level: int
    """The couple line's level it leaves from; 0 for a single parent's symbol."""
    children: tuple[float, ...]
    bar: int
    """Which of the bar levels above the children's row carries the line across."""


@dataclass(frozen=True)
class Genogram:
    """The whole drawing, in slots and rows, with a description for readers who cannot see it."""

    symbols: tuple[Symbol, ...]
    couples: tuple[Couple, ...]
    descents: tuple[Descent, ...]
    rows: int
    width: float
    title: str
    description: str
    public: bool
    """Drawn for a public document: adults' ages by decade."""

    def symbol(self, person: str) -> Symbol:
        """The symbol of a person by id."""
        return next(s for s in self.symbols if s.id == person)


@dataclass
class _Person:
    """A person while being laid out: how they look, whose child they are, and where they stand so far."""

    look: Symbol
    born: str
    parents: list[str]
    described: str
    row: int = 0
    x: float = 0.0

    @property
    def id(self) -> str:
        return self.look.id


@dataclass
class _Pair:
    a: str
    b: str
    married: bool = False
    ended: PartnershipEnd | None = None
    implied: bool = False
    children: list[str] = field(default_factory=list)


def layout(case: Case, anonymised: bool, public: bool = False) -> Genogram:
    """Lay out the case's family as a genogram; labels are names, or the anonymised labels; a `public` one gives
    adults' ages by decade."""
    people = {p.id: p for p in _people(case, anonymised, public)}
    pairs = _pairs(case, people)
    _generations(people, pairs)
    rows = _order(people, pairs)
    _place(rows, people, pairs)
    couples, descents = _lines(rows, people, pairs)
    width = max((p.x for p in people.values()), default=0) + 1
    return Genogram(
        tuple(_symbol(p) for p in sorted(people.values(), key=lambda p: (p.row, p.x))),
        couples,
        descents,
        max(p.row for p in people.values()) + 1,
        width,
        f"Genogram of the family of {case.subject.first_name}",
        _description(people, pairs),
        public,
    )


def compact_age(text: str, public: bool = False) -> str:
    """An age as a genogram writes it in a symbol; an adult's in a public document by decade.

    >>> compact_age("36 years"), compact_age("14 months"), compact_age("3 weeks"), compact_age("")
    ('36', '14m', '3w', '')
    >>> compact_age("36 years", public=True), compact_age("19 years", public=True), compact_age("9 years", True)
    ('30s', '18+', '9')
    """
    match = _AGE.search(text)
    if not match:
        return ""
    number, unit = match.groups()
    if public and unit == "year" and int(number) >= ADULT:
        return "18+" if int(number) < 20 else decade(int(number))
    return number if unit == "year" else f"{number}{unit[0]}"


# --- people and couples ------------------------------------------------------------------------------


def _people(case: Case, anonymised: bool, public: bool) -> Iterable[_Person]:
    child = case.subject
    yield _person(case, child, CHILD, "Subject child", (anonymised, public), True, child.parents)
    for member in case.family:
        relationship = short_relationship(member.relationship)
        yield _person(case, member, member.id, relationship, (anonymised, public), member.household, member.parents)


def _person(
    case: Case,
    who: Subject | FamilyMember,
    person_id: str,
    relationship: str,
    shown: tuple[bool, bool],
    household: bool,
    parents: list[str],
) -> _Person:
    """A person's symbol and words; `shown`: whether the document is anonymised, and whether it is public."""
    anonymised, public = shown
    died = who.date_of_death
    exact = (who.age_if_no_dob or age_on(who.date_of_birth, died or case.ages_at)).replace(" (deceased)", "")
    age = public_age(exact, who.gender) if public else exact
    relationship = relationship[:1].upper() + relationship[1:]
    if anonymised:
        names = [who.first_name] if person_id != CHILD else [who.first_name, relationship]
    else:
        names = [" ".join(n for n in (who.first_name, who.last_name) if n), relationship]
    if died:
        at_death = (age if age.startswith("in ") else f"aged {age}") if age else ""  # 'in her 50s', 'aged 7 months'
        names.append(", ".join(part for part in ("Deceased" if anonymised else f"Died {died.year}", at_death) if part))
    described = ", ".join(
        part
        for part in (
            " ".join(n for n in (who.first_name, "" if anonymised else who.last_name) if n),
            relationship[:1].lower() + relationship[1:] if not anonymised or person_id == CHILD else "",
            age,
            "deceased" if died else "",
            "in the household" if household else "",
        )
        if part
    )
    inside = "" if died else compact_age(exact, public)
    label = tuple(n for n in names if n)
    look = Symbol(person_id, label, inside, who.gender, person_id == CHILD, bool(died), household, 0, 0)
    return _Person(look, _born(who, exact, case), list(parents), described)


def _born(who: Subject | FamilyMember, age: str, case: Case) -> str:
    """When a person was born (ISO), for birth order: their date of birth, else as their age says (an anonymised
    case gives ages only: at the incident, or at death); '' when neither is known."""
    if who.date_of_birth:
        return who.date_of_birth.isoformat()
    days = sum(int(n) * _DAYS[unit] for n, unit in _AGE.findall(age))
    on = who.date_of_death or case.ages_at  # the age of someone who died is their age at death
    return (on - dt.timedelta(days=days)).isoformat() if days and on else ""


def _pairs(case: Case, people: dict[str, _Person]) -> list[_Pair]:
    """The partnerships in the case's order, then a couple implied by each pair of parents not given one."""
    pairs = [
        _Pair(member.id, p.partner, p.married, p.ended)
        for member in case.family
        for p in member.partnerships
        if p.partner in people
    ]
    for person in people.values():
        parents = [p for p in person.parents if p in people]
        if len(parents) == 2:
            pair = next((q for q in pairs if {q.a, q.b} == set(parents)), None)
            if pair is None:
                pair = _Pair(parents[0], parents[1], implied=True)
                pairs.append(pair)
            pair.children.append(person.id)
    return pairs


# --- generations and order ---------------------------------------------------------------------------


def _generations(people: dict[str, _Person], pairs: list[_Pair]) -> None:
    """Rows: parents one above their children, partners on one row; each unconnected group from the top."""
    links: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for person in people.values():
        for parent in person.parents:
            if parent in people:
                links[person.id].append((parent, -1))
                links[parent].append((person.id, 1))
    for pair in pairs:
        links[pair.a].append((pair.b, 0))
        links[pair.b].append((pair.a, 0))
    placed: dict[str, int] = {}
    for start in people:  # the child first, then the others in the case's order
        if start in placed:
            continue
        group = {start: 0}
        todo = [start]
        while todo:
            here = todo.pop(0)
            for other, step in links[here]:
                if other not in group:
                    group[other] = group[here] + step
                    todo.append(other)
        lowest = min(group.values())
        placed.update({person: row - lowest for person, row in group.items()})
    for person_id, row in placed.items():
        people[person_id].row = row


def _units(row: list[_Person], pairs: list[_Pair], births: dict[str, str]) -> list[list[str]]:
    """The row's people in groups of partners, each group in the order it stands."""
    here = {p.id for p in row}
    partners: dict[str, list[_Pair]] = defaultdict(list)
    for pair in pairs:
        if pair.a in here and pair.b in here:
            partners[pair.a].append(pair)
            partners[pair.b].append(pair)
    units, seen = [], set()
    for person in row:
        if person.id in seen:
            continue
        unit = _arrange(person.id, _Partners(partners, births), [p.id for p in row])
        seen.update(unit)
        units.append(unit)
    return units


@dataclass(frozen=True)
class _Partners:
    """Who partners whom on a row, and when each person was born (ISO dates, '' when not known)."""

    pairs: dict[str, list[_Pair]]
    births: dict[str, str]

    def of(self, person: str) -> list[str]:
        """A person's partners in the order they stand out from them: those they had no children with nearest
        (their lines then run above the lines to the others' children), then the others by their eldest child."""
        childless = [self._other(pair, person) for pair in self.pairs[person] if not pair.children]
        parents = sorted(
            (pair for pair in self.pairs[person] if pair.children),
            key=lambda pair: min(self.births[c] or "9" for c in pair.children),
        )
        return childless + [self._other(pair, person) for pair in parents]

    def count(self, person: str) -> int:
        return len(self.pairs[person])

    def childless(self, person: str, other: str) -> bool:
        return not any(self._other(pair, person) == other and pair.children for pair in self.pairs[person])

    @staticmethod
    def _other(pair: _Pair, person: str) -> str:
        return pair.b if pair.a == person else pair.a


def _arrange(start: str, partners: _Partners, order: list[str]) -> list[str]:
    """A group of partners in standing order: the one with most partners in the middle, partners they had no
    children with beside them, those they had children with further out (eldest children to the left, one on
    each side, so that no line of descent crosses a partner line); partners' partners beyond."""
    group = {start}
    todo = [start]
    while todo:
        for person in partners.of(todo.pop()):
            if person not in group:
                group.add(person)
                todo.append(person)
    hub = max(sorted(group, key=order.index), key=partners.count)
    line = [hub]
    _extend(hub, line, partners, side=0)
    return line


def _extend(person: str, line: list[str], partners: _Partners, side: int) -> None:
    """Place a person's partners not yet placed: on `side` (-1 left, 1 right), or alternately from the left
    (0), the childless and the parents each alternating."""
    turns = {True: -1, False: -1}
    for other in partners.of(person):
        if other in line:
            continue
        childless = partners.childless(person, other)
        where = side or turns[childless]
        turns[childless] = -turns[childless]
        if where < 0:
            line.insert(0, other)
        else:
            line.append(other)
        _extend(other, line, partners, side=where)


def _order(people: dict[str, _Person], pairs: list[_Pair]) -> list[list[list[str]]]:
    """Each row's groups, in the order that keeps children below their parents (barycentres, both ways)."""
    count = max(p.row for p in people.values()) + 1
    births = {p.id: p.born for p in people.values()}
    rows = [_units([p for p in people.values() if p.row == r], pairs, births) for r in range(count)]
    for sweep in (1, -1, 1):
        for r in range(count) if sweep > 0 else range(count - 1, -1, -1):
            position = _positions(rows)
            key = {}
            for i, unit in enumerate(rows[r]):
                related = [
                    position[other]
                    for member in unit
                    for other in (people[member].parents if sweep > 0 else _children(member, people))
                    if other in position and people[other].row != r
                ]
                centre = sum(related) / len(related) if related else float(i)
                key[tuple(unit)] = (centre, min(births[m] or "9" for m in unit), i)
            rows[r] = sorted(rows[r], key=lambda unit: key[tuple(unit)])
    return rows


def _children(person: str, people: dict[str, _Person]) -> list[str]:
    return [p.id for p in people.values() if person in p.parents]


def _positions(rows: list[list[list[str]]]) -> dict[str, float]:
    """Slot positions of a compact packing of the rows, for ordering."""
    position = {}
    for row in rows:
        x = 0.0
        for unit in row:
            for member in unit:
                position[member] = x
                x += 1
            x += UNIT_GAP
    return position


# --- positions -------------------------------------------------------------------------------------


def _place(rows: list[list[list[str]]], people: dict[str, _Person], pairs: list[_Pair]) -> None:
    """Slot positions: parents over their children and children under their parents, nothing overlapping.

    Each round moves every row towards where its relatives pull it (children pull parents, from the bottom
    up; parents pull children, from the top down), then spaces the row out again in its order.
    """
    for row in rows:
        _space(row, people, {})
    couples = [pair for pair in pairs if pair.children]
    for _ in range(ROUNDS):
        for r in range(len(rows) - 2, -1, -1):
            _space(rows[r], people, _pulled_by_children(rows[r], people, couples))
        for r in range(1, len(rows)):
            _space(rows[r], people, {m: s for unit in rows[r] for m in unit if (s := _source(m, people)) is not None})
    for r in range(1, len(rows)):  # last, children exactly under their parents wherever there is room
        _space(rows[r], people, {m: s for unit in rows[r] for m in unit if (s := _source(m, people)) is not None}, True)
    left = min(p.x for p in people.values())
    for person in people.values():
        person.x -= left


def _pulled_by_children(row: list[list[str]], people: dict[str, _Person], couples: list[_Pair]) -> dict[str, float]:
    """Where each person of a row would stand to be over their children: over a child of theirs alone, and
    so that the middle of each couple is over the couple's children."""

    def centre(children: list[str]) -> float:
        return sum(people[c].x for c in children) / len(children)

    wanted = {}
    for unit in row:
        for member in unit:
            alone = [c for c in _children(member, people) if [p for p in people[c].parents if p in people] == [member]]
            pulls = [centre(alone)] if alone else []
            for pair in couples:
                if member in (pair.a, pair.b):
                    partner = pair.b if pair.a == member else pair.a
                    pulls.append(2 * centre(pair.children) - people[partner].x)
            if pulls:
                wanted[member] = sum(pulls) / len(pulls)
    return wanted


def _space(row: list[list[str]], people: dict[str, _Person], wanted: dict[str, float], rightward: bool = False) -> None:
    """Place a row's people in order as near where they are wanted as the spacing allows: one slot between
    partners (at most PARTNER_SPAN), a little more between groups (packed from the left and from the right, and
    the two averaged; or `rightward`, each where wanted unless the one before is in the way)."""
    order: list[str] = []
    gaps: list[float] = []  # before each person: none before the first, more before a new group
    partnered: list[bool] = []  # whether the person stands beside a partner on their left
    for unit in row:
        for i, member in enumerate(unit):
            gaps.append(0.0 if not order else 1.0 + (UNIT_GAP if i == 0 else 0.0))
            partnered.append(i > 0)
            order.append(member)
    target = [wanted.get(m, people[m].x) for m in order]
    forward, backward = list(target), list(target)
    for i in range(1, len(order)):
        forward[i] = max(target[i], forward[i - 1] + gaps[i])
    for i in range(len(order) - 2, -1, -1):
        backward[i] = min(target[i], backward[i + 1] - gaps[i + 1])
    placed = forward if rightward else [(f + b) / 2 for f, b in zip(forward, backward, strict=True)]
    for i in range(1, len(order)):
        placed[i] = max(placed[i], placed[i - 1] + gaps[i])
        if partnered[i]:  # partners stay near one another
            placed[i] = min(placed[i], placed[i - 1] + PARTNER_SPAN)
    for member, x in zip(order, placed, strict=True):
        people[member].x = x


def _source(person: str, people: dict[str, _Person]) -> float | None:
    """Where a person's line comes down from: their parents' couple line, or their one parent."""
    parents = [p for p in people[person].parents if p in people]
    if len(parents) == 1:
        return people[parents[0]].x
    if len(parents) == 2:
        return (people[parents[0]].x + people[parents[1]].x) / 2
    return None


# --- lines -----------------------------------------------------------------------------------------


def _lines(
    rows: list[list[list[str]]], people: dict[str, _Person], pairs: list[_Pair]
) -> tuple[tuple[Couple, ...], tuple[Descent, ...]]:
    couples: list[Couple] = []
    sources: dict[tuple[str, ...], tuple[float, int, int]] = {}  # parents -> (x, row, level)
    offsets = _stub_offsets(people, pairs)
    for pair in pairs:
        a, b = sorted((people[pair.a], people[pair.b]), key=lambda p: p.x)
        between = [p for p in people.values() if p.row == a.row and a.x < p.x < b.x]
        level = 1 + len(between)
        ends = (a.x + offsets[a.id, b.id], b.x + offsets[b.id, a.id])
        hub = sum(a.id in (q.a, q.b) for q in pairs) > sum(b.id in (q.a, q.b) for q in pairs)
        drop = _drop(a, b, between, [people[c].x for c in pair.children], hub)
        row = max(a.row, b.row)
        couples.append(Couple(row, level, pair.married, pair.ended, drop, ends))
        if pair.children:
            sources[tuple(sorted((pair.a, pair.b)))] = (drop, row, level)
    groups: dict[tuple[float, int, int], list[_Person]] = defaultdict(list)
    for person in people.values():
        parents = tuple(sorted(p for p in person.parents if p in people))
        if len(parents) == 1:
            groups[people[parents[0]].x, people[parents[0]].row, 0].append(person)
        elif parents in sources:
            groups[sources[parents]].append(person)
    descents = []
    bars: dict[int, list[tuple[float, float, int]]] = defaultdict(list)  # per child row: spans on each bar level
    for (x, row, level), children in sorted(groups.items()):
        xs = tuple(sorted(c.x for c in children))
        lo, hi = min(x, *xs), max(x, *xs)
        taken = bars[children[0].row]
        bar = 0
        while any(b == bar and left <= hi + 0.3 and lo - 0.3 <= right for left, right, b in taken):
            bar += 1
        taken.append((lo, hi, bar))
        descents.append(Descent(x, row, level, xs, bar))
    return tuple(couples), tuple(descents)


def _drop(a: _Person, b: _Person, between: list[_Person], children: list[float], hub: bool) -> float:
    """Where a couple's line to their children leaves it: midway; or, with people between them, over the
    children as far as the stretch between the partner standing further out and the nearest of those allows
    (`hub`: whether `a`, the left partner, stands in the middle of several partners)."""
    if not between:
        return (a.x + b.x) / 2
    lo, hi = (max(p.x for p in between), b.x) if hub else (a.x, min(p.x for p in between))
    wanted = sum(children) / len(children) if children else (lo + hi) / 2
    return min(max(wanted, lo + 0.25), hi - 0.25) if hi - lo > 0.5 else (lo + hi) / 2


def _stub_offsets(people: dict[str, _Person], pairs: list[_Pair]) -> dict[tuple[str, str], float]:
    """How far from a person's centre the line to each partner leaves: aside when the person has several
    partners or a child alone, so the lines do not run into one another; the line to a farther partner (running
    lower) nearer the centre, so that it never crosses the line to a nearer one."""
    count: dict[str, int] = defaultdict(int)
    for pair in pairs:
        count[pair.a] += 1
        count[pair.b] += 1
    for person in people.values():
        parents = [p for p in person.parents if p in people]
        if len(parents) == 1:
            count[parents[0]] += 1
    sides: dict[tuple[str, int], list[str]] = defaultdict(list)  # each person's partners on each side
    for pair in pairs:
        for one, other in ((pair.a, pair.b), (pair.b, pair.a)):
            sides[one, 1 if people[other].x > people[one].x else -1].append(other)
    offsets = {}
    for (one, side), others in sides.items():
        farthest_first = sorted(others, key=lambda other: -abs(people[other].x - people[one].x))
        for rank, other in enumerate(farthest_first, start=1):  # the farther partner's line leaves nearer the centre
            offsets[one, other] = side * STUB * rank if count[one] > 1 else 0.0
    return offsets


def _symbol(p: _Person) -> Symbol:
    return replace(p.look, row=p.row, x=p.x)


def _description(people: dict[str, _Person], pairs: list[_Pair]) -> str:
    """The genogram in words: each person, whose child they are, and each couple."""
    sentences = []
    for person in people.values():
        parents = [people[p].described.split(",")[0] for p in person.parents if p in people]
        child_of = f"; child of {' and '.join(parents)}" if parents else ""
        sentences.append(f"{person.described}{child_of}.")
    for pair in pairs:
        if pair.implied:
            continue
        kind = "married" if pair.married else "partners"
        ended = f", {pair.ended.value.lower()}" if pair.ended else ""
        names = " and ".join(people[p].described.split(",")[0] for p in (pair.a, pair.b))
        sentences.append(f"{names}: {kind}{ended}.")
    return " ".join(sentences)

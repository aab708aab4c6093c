"""De-identification beyond people's names: the agencies and places that would locate the family, where
each person lives, and how exact a public document's dates are.

- An agency whose name would locate the family (a nursery, school, GP practice, small housing provider:
  its `kind`, or `locates_family`; always the child's own nursery or school) is called by its kind:
  'Little Acorns Day Nursery' → 'the nursery'; so are its own officers (its chief officer, and any of
  its contacts whose organisation or address is the agency): 'Janet Pryor' → 'the proprietor of the nursery'.
- A place other than the board's own area and its towns becomes what `places` says ('Caerwen' → 'a local
  authority in Wales'); a town of a person's address that `places` does not list becomes 'another area'.
- A person's address becomes their situation: 'the family home' at the child's address, what the case
  says ('in custody'), else where they live ('lives in another area', 'lives elsewhere in the area'; in a joint
  review, 'lives in Wyvern Vale' when that is the other of the two areas).
- In public documents, exact dates become month and year (or the year, or stay exact: the board's
  profile says): 'on 21 February 2026' → 'in February 2026'.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..model import Address, Agency, AgencyKind, Case, Contact, DatePrecision, FamilyMember, Place
from ..text.folding import key

HOME = "the family home"
"""Where the child lives, in anonymised documents."""
ANOTHER_AREA = "another area"
"""A town outside the board's area that the case does not generalise itself."""
IN_THE_AREA = "lives elsewhere in the area"
"""Someone living in the board's area (or one of its towns), not at the child's address."""


@dataclass(frozen=True)
class Locator:
    """An agency name or place name of the case, what it becomes, and whose it is (for messages)."""

    kind: str
    """'agency' or 'place'."""
    names: tuple[str, ...]
    """Every way the texts write it."""
    becomes: str
    adjective: str | None
    owner: str
    """'agencies[5] (the nursery)', 'places[0]': where the case holds it, never its value."""


def generic_name(agency: Agency) -> str:
    """'The nursery', 'The GP practice' … ('The organisation' when the kind is not known), or the agency's
    `anonymous_name` ('Social services in Wales'): the agency's name."""
    mention = generic_mention(agency)
    return mention[:1].upper() + mention[1:]


def generic_mention(agency: Agency) -> str:
    """'the nursery', or the agency's `anonymous_name`: what a text says for the agency's name."""
    return agency.anonymous_name or f"the {_kind_words(agency)}"


def generic_short_name(agency: Agency) -> str:
    """The name chronologies use: the agency's own when it names only its kind ('GP', 'Nursery'), else its
    `anonymous_name` or its kind ('Nursery', 'GP practice')."""
    if agency.short_name_is_generic:
        return agency.short_name
    words = agency.anonymous_name or _kind_words(agency)
    return words[:1].upper() + words[1:]


def _kind_words(agency: Agency) -> str:
    return agency.kind.value if agency.kind not in (None, AgencyKind.OTHER) else "organisation"


def locators(case: Case) -> list[Locator]:
    """The agencies that locate the family and the places outside the board's area, in model order."""
    found = [
        Locator("agency", agency.names_that_locate, generic_mention(agency), None, f"agencies[{i}]")
        for i, agency in enumerate(case.agencies)
        if case.locates_family(agency) and key(agency.name) != key(generic_name(agency))
    ]
    for i, agency in enumerate(case.agencies):
        if case.locates_family(agency) and key(agency.name) != key(generic_name(agency)):
            for role, contact in staff(agency).items():
                bare = re.sub(rf"^(?:{_TITLES})\.?\s+", "", contact.name)
                owner = f"agencies[{i}].{role}"
                found.append(
                    Locator(
                        "agency staff",
                        tuple(dict.fromkeys([contact.name, bare])),
                        officer(agency, contact),
                        None,
                        owner,
                    )
                )
    for i, place in enumerate(case.places):
        found.append(
            Locator("place", (place.name, *place.other_names), place.generalised, place.adjective, f"places[{i}]")
        )
    for where, town in _towns(case):
        found.append(Locator("place", (town,), ANOTHER_AREA, None, f"the town of {where}"))
    return found


def staff(agency: Agency) -> dict[str, Contact]:
    """The agency's own officers, by field: its chief officer, and each contact who is the chief officer too or
    whose organisation or address is the agency (an IMR author from elsewhere is not its officer)."""
    names = [key(n) for n in (agency.name, *agency.other_names)]
    found = {"chief_officer": agency.chief_officer}
    for role in ("board_member", "panel_representative", "imr_author"):
        contact = getattr(agency, role)
        where = " ".join(
            filter(None, (contact and contact.organisation, contact and contact.address and contact.address.one_line()))
        )
        chief = contact is not None and key(contact.name) == key(agency.chief_officer.name)
        if contact is not None and (chief or any(name in key(where) for name in names)):
            found[role] = contact
    return found


def officer(agency: Agency, contact: Contact) -> str:
    """'the proprietor of the nursery': an officer of an agency that locates the family, by post."""
    post = contact.post.split(",")[0].strip() if contact.post else "officer"
    words = " ".join(w if w.isupper() else w.lower() for w in post.split())
    return f"the {words} of {generic_mention(agency)}"


_TITLES = "Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Rev|Sir|Dame"


def _towns(case: Case) -> Iterator[tuple[str, str]]:
    """Towns of the case's people's addresses that are neither the board's area nor listed in `places`."""
    known = {key(n) for n in case.own_areas}
    known |= {key(n) for p in case.places for n in (p.name, *p.other_names)}
    records: list[tuple[str, Address | None]] = [("subject", case.subject.address)]
    records += [(f"family[{i}]", m.address) for i, m in enumerate(case.family)]
    records += [(f"victims[{i}]", v.address) for i, v in enumerate(case.victims)]
    for where, address in records:
        if address is not None and address.town and key(address.town) not in known:
            known.add(key(address.town))
            yield where, address.town


def situation(member: FamilyMember, case: Case) -> str | None:
    """Where a family member lives, as anonymised documents say it instead of their address."""
    if member.situation or member.address is None:
        return member.situation
    if _same_address(member.address, case.subject.address):
        return HOME
    town = member.address.town
    if not town:
        return IN_THE_AREA
    if key(town) in {key(n) for n in case.own_areas}:
        home = case.subject.address.town if case.subject.address else None
        theirs = _own_area(case, town)
        return IN_THE_AREA if not home or _own_area(case, home) == theirs else f"lives in {theirs}"
    place = place_of(case, town)
    return f"lives in {place.generalised if place else ANOTHER_AREA}"


def _own_area(case: Case, town: str) -> str | None:
    """Which of the areas a case's public documents name holds a town: the board's (its area or one of its towns)
    or, in a joint review, the other board's; None for neither. A joint review's family may live in both."""
    if key(town) in {key(n) for n in (case.board.area, *case.board.towns)}:
        return case.board.area
    partner = case.review.joint.partner_board.area if case.review.joint else None
    return partner if partner and key(town) == key(partner) else None


def _same_address(one: Address, other: Address) -> bool:
    return [key(line) for line in one.lines] == [key(line) for line in other.lines]


def place_of(case: Case, town: str) -> Place | None:
    """The listed place a town is, if any."""
    return next((p for p in case.places if key(town) in {key(n) for n in (p.name, *p.other_names)}), None)


# --- dates ----------------------------------------------------------------------------------------

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_WEEKDAY = r"(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DATE = re.compile(
    rf"(?P<on>\b[Oo]n\s+)?{_WEEKDAY}"
    rf"(?:(?:{_DAY}\s*[–-]\s*)?{_DAY}(?:\s+of)?\s+(?P<month>{_MONTHS})(?:,?\s+(?P<year>\d{{4}}))?"
    rf"|(?P<month2>{_MONTHS})\s+{_DAY},?\s+(?P<year2>\d{{4}})"
    rf"|(?P<d>\d{{1,2}})/(?P<m>\d{{1,2}})/(?P<y>\d{{4}}|\d{{2}})"
    rf"|(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}}))\b"
    rf"|\b(?P<mo>{_MONTHS})\s+(?P<yo>\d{{4}})\b"
)
_MONTH_NAMES = _MONTHS.split("|")


def generalise_dates(text: str, precision: DatePrecision) -> str:
    """Exact dates in a text as precise as a public document may give them.

    >>> generalise_dates("On Saturday 21 February 2026 she was seen; by 3 March.", DatePrecision.MONTH)
    'In February 2026 she was seen; by March.'
    >>> generalise_dates("from 1 September 2024 to 21/02/2026", DatePrecision.YEAR)
    'from 2024 to 2026'
    """
    if precision is DatePrecision.EXACT:
        return text
    return _DATE.sub(lambda match: _generalised(match, precision), text)


def _generalised(match: re.Match[str], precision: DatePrecision) -> str:
    month, year = _month_and_year(match)
    if precision is DatePrecision.YEAR and year is None:
        return match.group()
    words = year if precision is DatePrecision.YEAR else " ".join(filter(None, (month, year)))
    on = match.group("on")
    return f"{'In' if on[0] == 'O' else 'in'} {words}" if on else words or match.group()


def _month_and_year(match: re.Match[str]) -> tuple[str, str | None]:
    groups = match.groupdict()
    if groups["d"] or groups["iy"]:
        month, year = (groups["m"], groups["y"]) if groups["d"] else (groups["im"], groups["iy"])
        century = "20" if len(year) == 2 else ""
        return _MONTH_NAMES[int(month) - 1] if 1 <= int(month) <= 12 else "", f"{century}{year}"
    month = groups["month"] or groups["month2"] or groups["mo"]
    return month, groups["year"] or groups["year2"] or groups["yo"]

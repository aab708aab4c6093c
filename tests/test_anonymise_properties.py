"""Properties of the anonymisation pass over generated texts: no real name survives, a second pass
changes nothing, and labels depend on the model and its order only."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.gate import check_no_leak
from docgen.passes.anonymise import anonymise_case, labels
from tests.anonymisation.factory import corpus, count_real, events, make_case, real_tokens

PEOPLE = {
    **next(entry["people"] for entry in corpus() if entry["name"] == "carter-nowak"),
    # 'Will' may begin a sentence as a word ('Will the …'): the author has said it is the brother
    "anonymisation": {"names": [{"name": "Will", "means": "brother"}]},
}
CASE = make_case(**PEOPLE)
TOKENS = real_tokens(CASE)

ALIASES = [
    "Jade", "Zoë", "Carter-Nowak", "Jade Carter-Nowak", "Jade Zoë Carter-Nowak", "Jadey", "Siân", "Sian",
    "Siân Elin Carter", "Ms Carter", "Mrs Carter", "Siân Pritchard", "Łukasz", "Luke Nowak", "Mr Nowak",
    "Kieran", "O’Brien", "O'Brien", "Kieran O'Brien", "Mr O’Brien", "Kez", "Will", "Will Pritchard", "Rose",
    "Rose Pritchard", "Ann Fenwick", "Mrs Fenwick", "Fenwick", "Mark Tranter", "PC Tranter", "Tranter", "Eve",
    "Okonjo", "Eve Okonjo", "Daniel", "Daniel Blyth", "Blyth", "Tom Ashby", "Mr Ashby", "Ashby",
]  # fmt: skip
"""Forms of the names of the corpus's first case, as an author would write them."""

FILLER = [
    "the", "visit", "market", "annual", "evening", "will", "rose", "mark", "review", "school", "home", "said",
    "and", "was", "seen", "by", "nursery", "plan", "health", "visitor", "social", "worker", "at", "on",
]  # fmt: skip
"""Words around the names: lower case, hard negatives included, none a real name in the case it is in."""

SEPARATORS = [" ", "\n", ", ", " | ", "\n# ", "\n- ", ". ", " (", ") "]
INVISIBLE = ["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]


@st.composite
def written(draw: st.DrawFn) -> str:
    """One alias, written in some case, emphasised, split, broken at a line end or possessive."""
    alias = draw(st.sampled_from(ALIASES))
    alias = draw(st.sampled_from([alias, alias.upper(), alias.lower()]))
    letters = [i for i in range(1, len(alias)) if alias[i - 1].isalpha() and alias[i].isalpha()]
    spaces = [i for i, c in enumerate(alias) if c == " "]
    breaks = draw(st.sampled_from(["none", "emphasis", "invisible", "hyphen", "newline"]))
    if breaks == "emphasis" and letters:
        at = draw(st.sampled_from(letters))
        alias = f"**{alias[:at]}**{alias[at:]}"
    elif breaks == "invisible" and letters:
        at = draw(st.sampled_from(letters))
        alias = alias[:at] + draw(st.sampled_from(INVISIBLE)) + alias[at:]
    elif breaks == "hyphen" and letters:
        at = draw(st.sampled_from(letters))
        alias = f"{alias[:at]}-\n{alias[at:]}"
    elif breaks == "newline" and spaces:
        at = draw(st.sampled_from(spaces))
        alias = f"{alias[:at]}\n{alias[at + 1 :]}"
    wrapped = draw(st.sampled_from(["{}", "*{}*", "**{}**", "_{}_"])).format(alias)
    return wrapped + draw(st.sampled_from(["", "'s", "’s"]))


texts = st.lists(
    st.lists(st.one_of(written(), st.sampled_from(FILLER)), min_size=1, max_size=12).flatmap(
        lambda chunks: st.lists(st.sampled_from(SEPARATORS), min_size=len(chunks), max_size=len(chunks)).map(
            lambda seps: "".join(c + s for c, s in zip(chunks, seps, strict=True)).strip()
        )
    ),
    min_size=1,
    max_size=4,
)
"""A few chronology events weaving names and filler words."""


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(texts)
def test_no_real_name_survives(events_in: list[str]) -> None:
    case = make_case(events_in, **PEOPLE)
    out = events(anonymise_case(case))
    assert [count_real(text, TOKENS) for text in out] == [0] * len(out), out
    check_no_leak(case, "\n".join(out).encode(), "html", "generated.html")


@pytest.mark.slow
@settings(max_examples=60, deadline=None)
@given(texts)
def test_anonymising_twice_changes_nothing(events_in: list[str]) -> None:
    once = anonymise_case(make_case(events_in, **PEOPLE))
    assert anonymise_case(once) == once


@settings(max_examples=60, deadline=None)
@given(texts, texts)
def test_labels_do_not_depend_on_texts(first: list[str], second: list[str]) -> None:
    assert labels(make_case(first, **PEOPLE)) == labels(make_case(second, **PEOPLE)) == labels(CASE)


RELATIONSHIPS = ["Mother", "Father", "Sibling", "sibling", "Maternal grandmother", "Uncle (paternal)"]
ROLES = ["Health Visitor", "Social Worker", "social worker", "GP"]


def family_member(i: int, relationship: str) -> dict[str, Any]:
    return {"id": f"f{i}", "first_name": f"Name{chr(97 + i)}", "last_name": "Surname", "relationship": relationship}


def professional(i: int, role: str) -> dict[str, Any]:
    name = f"Pro{chr(97 + i)}"
    return {"id": f"p{i}", "first_name": name, "last_name": "Prosurname", "role": role, "agency": "police"}


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(RELATIONSHIPS), max_size=8), st.lists(st.sampled_from(ROLES), max_size=8))
def test_labels_follow_the_model_order(relationships: list[str], roles: list[str]) -> None:
    case = make_case(
        family=[family_member(i, r) for i, r in enumerate(relationships)],
        professionals=[professional(i, r) for i, r in enumerate(roles)],
    )
    found = labels(case)
    assert found == labels(case.model_copy(deep=True))
    assert [found[f"family[{i}]"] for i in range(len(relationships))] == expected_labels(relationships, False)
    assert [found[f"professionals[{i}]"] for i in range(len(roles))] == expected_labels(roles, True)


def expected_labels(bases: list[str], always: bool) -> list[str]:
    """Labels by the rule: cut at '(', first spelling of a group, numbered in order (always, or when shared)."""
    cleaned = [base.split("(")[0].strip() for base in bases]
    cleaned = [c[:1].upper() + c[1:] for c in cleaned]
    first: dict[str, str] = {}
    for c in cleaned:
        first.setdefault(c.casefold(), c)
    out: list[str] = []
    seen: dict[str, int] = {}
    for c in cleaned:
        group = c.casefold()
        seen[group] = seen.get(group, 0) + 1
        shared = sum(1 for other in cleaned if other.casefold() == group) > 1
        out.append(f"{first[group]} {seen[group]}" if always or shared else first[group])
    return out

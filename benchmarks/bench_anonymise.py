"""Benchmark of the anonymisation pass: 200 known people, about 1 MB of narrative naming them.

Run: python benchmarks/bench_anonymise.py [--people 200] [--megabytes 1.0]
Prints the median of three runs of `anonymise_case` (each on a fresh case, so nothing is cached).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from typing import Any

from docgen.model import Case
from docgen.passes.anonymise import anonymise_case

_ONSETS = ["b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "dr", "kl", "st", "th"]
_VOWELS = ["a", "e", "i", "o", "u", "ae", "ia", "ou"]
_FILLER = (
    "the health visitor saw the family at home and recorded the visit the school reported concerns "
    "about attendance a strategy discussion was held with the police and children's social care "
    "the plan was reviewed at the core group meeting and the annual market evening was cancelled"
)
"""Words around the names, hard negatives (market, annual, evening) included."""
_ROLES = ["Health Visitor", "Social Worker", "Police Officer", "General Practitioner", "Teacher", "Nurse"]
_RELATIONSHIPS = ["Sibling", "Aunt", "Uncle", "Cousin", "Maternal grandmother", "Family friend"]


def fictional_name(rng: random.Random, syllables: int) -> str:
    """An invented name such as 'Kalomir'."""
    return "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(syllables)).capitalize()


def build_case(people: int, megabytes: float, seed: int = 7) -> dict[str, Any]:
    """A valid case as data: `people` known people and about `megabytes` of chronology naming them."""
    rng = random.Random(seed)
    names: set[str] = set()
    while len(names) < people * 2:
        names.add(fictional_name(rng, rng.randint(2, 3)))
    firsts, lasts = sorted(names)[:people], sorted(names)[people:]
    rng.shuffle(firsts)
    family_count = people // 2
    family = [
        {"id": f"f{i}", "first_name": firsts[i], "last_name": lasts[i], "relationship": rng.choice(_RELATIONSHIPS)}
        for i in range(1, family_count)
    ]
    professionals = [
        {
            "id": f"p{i}",
            "title": "Ms",
            "first_name": firsts[i],
            "last_name": lasts[i],
            "role": rng.choice(_ROLES),
            "agency": "police",
        }
        for i in range(family_count, people)
    ]
    forms = [
        lambda i: f"{firsts[i]} {lasts[i]}",
        lambda i: firsts[i],
        lambda i: f"Ms {lasts[i]}",
        lambda i: f"{firsts[i].upper()}'s",
        lambda i: f"**{firsts[i]}**",
    ]
    filler = _FILLER.split()
    entries, size = [], 0
    while size < megabytes * 1_000_000:
        words = [rng.choice(filler) for _ in range(150)]
        for _ in range(12):
            words.insert(rng.randrange(len(words)), rng.choice(forms)(rng.randrange(people)))
        event = " ".join(words).capitalize() + "."
        entries.append({"date": "2025-06-01", "agency": "police", "event": event})
        size += len(event)
    return {
        "board": {
            "name": "Eastfield Safeguarding Children Board",
            "short_name": "ESCB",
            "area": "Eastfield",
            "address": {"lines": ["Civic Centre"]},
            "phone": "01632 960001",
            "email": "escb@example.org",
            "website": "www.escb.example.org",
            "procedures": "Eastfield Procedures",
            "referral_form": "ESCB/1",
            "chair": {"name": "Alex Morgan"},
            "panel_chair": {"name": "Sam Patel"},
            "manager": {"name": "Chris Doyle"},
            "administrator": {"name": "Jo Finch"},
            "legal_adviser": {"name": "Pat Reid"},
        },
        "review": {
            "reference": "SCR-BENCH",
            "type": "Serious Case Review",
            "period_start": "2025-01-01",
            "period_end": "2026-01-01",
            "terms_of_reference": ["Facts."],
        },
        "referral": {
            "date": "2026-03-02",
            "referrer": {"name": "Dana Hughes"},
            "referrer_designation": "DI",
            "circumstances": ["Concerns about inter-agency working"],
            "incident_summary": "Bruising.",
        },
        "child": {
            "first_name": firsts[0],
            "last_name": lasts[0],
            "gender": "Female",
            "address": {"lines": ["4 Orchard Close"]},
            "ethnicity": "Not declared",
        },
        "agencies": [
            {
                "id": "police",
                "name": "Eastfield Police",
                "short_name": "Police",
                "chief_officer": {"name": "Morgan Blake"},
            }
        ],
        "family": family,
        "professionals": professionals,
        "chronology": entries,
    }


def report(people: int, megabytes: float) -> None:
    """Time `anonymise_case` (median of three fresh cases) and print the throughput."""
    data = build_case(people, megabytes)
    size = sum(len(e["event"]) for e in data["chronology"]) / 1_000_000
    times = []
    for _ in range(3):
        case = Case.model_validate(data)
        start = time.perf_counter()
        anonymised = anonymise_case(case)
        times.append(time.perf_counter() - start)
    assert anonymised.child.first_name != data["child"]["first_name"]
    median = statistics.median(times)
    print(f"anonymise_case: {people} people, {size:.2f} MB of narrative")
    print(f"median of 3: {median:.2f} s ({size / median:.2f} MB/s); runs: {', '.join(f'{t:.2f}' for t in times)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=200)
    parser.add_argument("--megabytes", type=float, default=1.0)
    args = parser.parse_args()
    report(args.people, args.megabytes)


if __name__ == "__main__":
    main()

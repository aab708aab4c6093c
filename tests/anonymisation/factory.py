"""Small fictional cases for the anonymisation tests, and an oracle that counts real names left in a text.

The oracle is written independently of docgen's own folding, so the tests do not check the pass
against itself.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from docgen.model import Case
from docgen.text.spellings import PARTICLES, WORD_NAMES

HERE = Path(__file__).resolve().parent

BASE: dict[str, Any] = {
    "board": {
        "name": "Eastfield Safeguarding Children Board",
        "short_name": "ESCB",
        "area": "Eastfield",
        "address": {"lines": ["Civic Centre", "1 Market Row"], "town": "Eastfield", "postcode": "EF1 1AA"},
        "phone": "01632 960001",
        "email": "escb@example.org",
        "website": "www.escb.example.org",
        "procedures": "Eastfield Safeguarding Children Procedures",
        "referral_form": "ESCB/REF/1",
        "chair": {"name": "Alex Morgan", "post": "Independent Chair"},
        "panel_chair": {"name": "Sam Patel"},
        "manager": {"name": "Chris Doyle", "phone": "01632 960003"},
        "administrator": {"name": "Jo Finch"},
        "legal_adviser": {"name": "Pat Reid"},
    },
    "review": {
        "reference": "SCR-2026-01",
        "type": "Serious Case Review",
        "period_start": "2025-01-01",
        "period_end": "2026-03-01",
        "terms_of_reference": ["Establishing the facts of the case."],
    },
    "referral": {
        "date": "2026-03-02",
        "referrer": {"name": "Dana Hughes", "post": "Detective Inspector"},
        "referrer_designation": "Detective Inspector, Eastfield Police",
        "circumstances": ["Concerns about inter-agency working"],
        "incident_summary": "Bruising noticed at nursery.",
    },
    "subject": {
        "first_name": "Ffion",
        "last_name": "Kowalczyk",
        "gender": "Female",
        "date_of_birth": "2023-04-05",
        "address": {"lines": ["4 Orchard Close"], "town": "Eastfield", "postcode": "EF2 3BB"},
        "ethnicity": "Any other White background",
    },
    "agencies": [
        {"id": "police", "name": "Eastfield Police", "short_name": "Police", "chief_officer": {"name": "Morgan Blake"}}
    ],
}
"""The least a case needs; tests add people and texts."""


def make_case(texts: Sequence[str] = (), **parts: Any) -> Case:
    """A valid case: BASE with `parts` (child, family, professionals …) and each text as a chronology event."""
    if "child" in parts:
        parts["subject"] = parts.pop("child")
    chronology = [{"date": "2025-06-01", "agency": "police", "event": text} for text in texts]
    return Case.model_validate({**BASE, **parts, **({"chronology": chronology} if texts else {})})


def events(case: Case) -> list[str]:
    """The chronology events of a case, in order."""
    return [entry.event for entry in case.chronology]


def corpus() -> list[dict[str, Any]]:
    """The regression corpus cases (corpus.yaml)."""
    return _corpus_file()["cases"]


@cache
def _corpus_file() -> dict[str, Any]:
    return yaml.safe_load((HERE / "corpus.yaml").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Sample:
    """One text of the corpus and what the pass must make of it."""

    id: str
    text: str
    expected: str
    recall: bool = True
    """Whether the text counts for recall (see README.md)."""


def samples(entry: dict[str, Any]) -> list[Sample]:
    """The texts of a corpus case, then each of its forms written in each position."""
    found = [
        Sample(f"{entry['name']}-{i}", text["in"], text["out"], text.get("recall", True))
        for i, text in enumerate(entry["texts"])
    ]
    for form in entry.get("forms", []):
        for position in _corpus_file()["positions"]:
            name = written(form["name"], position.get("transform"))
            if name is None:
                continue
            unchanged = form.get("capitals_only") and position.get("transform") == "lower"
            text = position["in"].format(name=name)
            label = form["becomes"]
            reads = entry.get("reads", {}).get(label, label)  # a relation in running prose: 'the mother'
            capital = {"Label": label[:1].upper() + label[1:], "Reads": reads[:1].upper() + reads[1:]}
            expected = text if unchanged else position["out"].format(label=label, reads=reads, **capital)
            found.append(Sample(f"{entry['name']}-{form['name']}-{position['name']}", text, expected))
    return found


def written(name: str, transform: str | None) -> str | None:
    """A name as a transform writes it; None when the transform cannot apply to it."""
    pairs = [i for i in range(1, len(name)) if name[i - 1].isalpha() and name[i].isalpha()]
    middle = pairs[len(pairs) // 2] if pairs else 0
    inserted = {"hyphen": "-\n", "soft hyphen": "\u00ad", "zero width": "\u200b"}
    if transform in inserted:
        return name[:middle] + inserted[transform] + name[middle:] if pairs else None
    if transform == "split":
        return f"**{name[: pairs[0]]}**{name[pairs[0] :]}" if pairs else None
    if transform == "newline":
        return name.replace(" ", "\n", 1) if " " in name else None
    return {"upper": name.upper(), "lower": name.lower(), None: name}[transform]


# --- the oracle -----------------------------------------------------------------------------------

_FOLD = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "Ł": "L", "ł": "l", "Ø": "O", "ø": "o", "ß": "ss"})
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff*]")


def plain(text: str, hyphen: str = "") -> str:
    """A text as a reader reads it: accents, apostrophes, invisible characters and emphasis gone, a word
    broken at a line end joined with `hyphen`."""
    text = unicodedata.normalize("NFKD", text.translate(_FOLD))
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = _INVISIBLE.sub("", text)
    return re.sub(r"-[ \t]*\n[ \t]*", hyphen, text)


def real_tokens(case: Case) -> set[str]:
    """Every name part (two letters or more) of every person of the case, folded and in lower case."""
    names: list[str] = []
    for person in [case.subject, *case.family, *case.professionals, *case.victims]:
        names += [person.first_name, *person.middle_names, person.last_name, *person.known_as, *person.other_names]
    titles = {"mr", "mrs", "ms", "miss", "dr"}
    parts = {p for name in names for p in re.split(r"[\s-]+", plain(name).lower()) if len(p) >= 2}
    return {variant for p in parts - titles for variant in (p, p.replace("'", ""))}


def count_real(text: str, tokens: set[str]) -> int:
    """How many real name parts a text holds: whole words, any case, word-names in Title or UPPER case only.

    A word broken at a line end is read both ways ('Car-\\nter', 'Carter-\\nNowak'); the larger count counts.
    """
    return max(_count(plain(text, hyphen), tokens) for hyphen in ("", "-"))


def _count(text: str, tokens: set[str]) -> int:
    count = 0
    for token in tokens:
        words = token in WORD_NAMES or token in PARTICLES
        for match in re.finditer(rf"(?<![^\W_]){re.escape(token)}(?![^\W_])", text, re.IGNORECASE):
            count += not words or match.group().istitle() or match.group().isupper()
    return count

"""Anonymised prose that reads naturally: a replacement fitted to the words around it.

Replacing a name by its label, one word at a time, writes 'her sister Sister', 'Her mother's partner,
Mother's partner, has', 'Police Officer 1 (Police Officer)', 'the the family family' and 'a local
authority in Wales, Wales'. Each rule here removes only what the label repeats, never adds a name:

- a label doubled by the description before it goes ('her half-brother Half-brother 2' → 'her
  half-brother'; 'Poppy's father, Father, had' → 'Poppy's father had'; ', who' keeps its comma);
- a family member's label after a relation that already says who they are goes ('his mother, Paternal
  grandmother, had' → 'his mother had');
- a bracket that repeats the label goes, or keeps only what it adds ('Social Worker 1 (Social Worker,
  Assessment Team)' → 'Social Worker 1 (Assessment Team)'; 'the Social Worker (Social Worker 1)' →
  'the Social Worker 1');
- an article or word written twice goes ('the Carter family' → 'the family');
- a place that describes a noun takes its adjective ('a Caerwen tenancy' → 'a Welsh tenancy'), a region the
  generalised place already names is not repeated ('Caerwen, Wales' → 'a local authority in Wales'), and after
  'in', 'from' or 'to' the region alone is enough ('lived in Caerwen' → 'lived in Wales', not 'in a local authority
  in Wales');
- a family member's label that names a relationship reads in running prose as the description it is ('The
  reviewer met Mother and Maternal grandmother' → 'the mother and the maternal grandmother'; 'Mother's partner
  said' → 'The mother's partner said'); a numbered label ('Half-brother 2'), the child's own and a label in a
  field that holds nothing else stay as they are;
- a label at the start of a sentence, list item or table cell starts with a capital ('The family').
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..text.patterns import SENTENCE_START
from .aliases import Target

_DETERMINER = r"(?:a|an|the|her|his|their|its|our|your|my|this|that)"
_POSSESSIVE = r"[^\W\d_][\w'’-]*['’]s?"
_RELATIVE = re.compile(r"\s*(?:who|whom|whose|which|where|when)\b", re.IGNORECASE)
_OPENERS = "*_\"'‘“(["
_SYNONYMS = {
    "sibling": ("sister", "brother"),
    "half-sibling": ("half-sister", "half-brother"),
    "step-sibling": ("step-sister", "step-brother", "stepsister", "stepbrother"),
    "parent": ("mother", "father"),
    "carer": ("foster carer", "kinship carer"),
}
"""A description that names a label's relationship more precisely still doubles it ('her sister Sibling 2')."""


@dataclass(frozen=True)
class Fitted:
    """A replacement fitted to its place."""

    before: str
    """The text written so far, its end trimmed where it doubled the label."""
    text: str
    """What to write for the name."""
    skip: int = 0
    """How many characters after the name are consumed (a repeated bracket, word or region)."""


def fit(before: str, label: str, suffix: str, after: str, target: Target) -> Fitted:
    """Fit `label` (with its possessive `suffix`) between `before` and `after`.

    >>> from docgen.passes.aliases import Target
    >>> partner = Target("Mother's partner", (), "name")
    >>> fit("Her mother's partner, ", "Mother's partner", "", ", has been charged", partner)
    Fitted(before="Her mother's partner", text='', skip=1)
    >>> fit("", "the family", "", " said", Target("the family", (), "shared name"))
    Fitted(before='', text='The family', skip=0)
    """
    if target.kind == "place":
        fitted = _place(before, label, after, target)
    elif target.kind == "agency staff":
        fitted = _with_post(before, label + suffix, after)
    elif target.kind == "name":
        fitted = (
            _doubled(before, label, suffix, after)
            or _relation_named(before, label, suffix, after, target)
            or _described_after(before, label, suffix, after)
            or _bracketed(before, label, suffix, after)
        )
    else:
        fitted = _repeated(Fitted(before, label + suffix), after)
    return _capitalised(fitted, after)


def _words(label: str) -> str:
    """The label without its number, in lower case: 'Half-brother 2' → 'half-brother'."""
    return re.sub(r"\s+\d+$", "", label).lower()


def _doubled(before: str, label: str, suffix: str, after: str) -> Fitted | None:
    """'her half-brother Half-brother 2' → 'her half-brother'; 'her father, Father, and' → 'her father and'."""
    core = before.rstrip(" \t")
    appositive = core.endswith(",")
    core = core.rstrip(",").rstrip()
    if core == before or not core:
        return None
    words = _words(label)
    tail = re.sub(r"\s+\d+(?=['’]s\b|\b)", "", core[-(len(words) + 40) :]).lower()
    for description in (words, *_SYNONYMS.get(words, ())):
        prefix = tail.removesuffix(description)
        if prefix == tail or (prefix and not prefix[-1].isspace()):
            continue
        determined = re.search(rf"(?:^|\s)(?:{_DETERMINER}|{_POSSESSIVE})\s*$", prefix)
        if determined or (re.search(r"['’]s\b", description) and not core.endswith(label)):
            if appositive and after.startswith(","):
                return Fitted(core, suffix + ("," if _RELATIVE.match(after[1:]) else ""), 1)
            return Fitted(core, suffix)
    return None


_RELATION = (
    r"(?:(?:half|step|foster|great|great-great)-?)?(?:mother|father|mum|mummy|dad|daddy|sister|brother|son|daughter"
    r"|grandmother|grandfather|grandma|grandad|granddad|nan|nana|gran|grandparent|aunt|auntie|uncle|cousin|niece"
    r"|nephew|partner|boyfriend|girlfriend|wife|husband|ex-partner|carer|parent|sibling)"
)


def _relation_named(before: str, label: str, suffix: str, after: str, target: Target) -> Fitted | None:
    """'his mother, Paternal grandmother, had' → 'his mother had', 'her grandmother Paternal grandmother was' →
    'her grandmother was': a family member's label set after a relation that already says who they are (to someone
    else: the father's mother is the child's paternal grandmother), or after their own label ('Jac's father, Darren
    Carter' → 'Half-brother 2's father'), is left out, as a name after it would be."""
    core = before.rstrip(" \t")
    if suffix or core == before or not any(owner.startswith(("family[", "subject")) for owner in target.owners):
        return None
    appositive = core.endswith(",")
    core = core.rstrip(",").rstrip()
    if core.lower().endswith(label.lower()):  # 'Jac's father, Darren Carter, also …', not a list of names
        relation = "'s " in label and appositive and re.match(r",\s+(?!and\b)[a-z]", after)
        return Fitted(core, "", 1) if relation else None
    if not re.search(rf"(?:^|\s)(?:{_DETERMINER}|{_POSSESSIVE})\s+{_RELATION}$", core, re.IGNORECASE):
        return None
    if appositive and after.startswith(","):
        return Fitted(core, "," if _RELATIVE.match(after[1:]) else "", 1)
    return Fitted(core, "") if re.match(r"\s*(?:[.,;:)]|$|and\b|who\b|had\b|has\b|was\b|is\b)", after) else None


def _described_after(before: str, label: str, suffix: str, after: str) -> Fitted | None:
    """'Paternal grandmother, Poppy's paternal grandmother, as carers' → 'Paternal grandmother as carers'."""
    if suffix:
        return None
    words = re.escape(_words(label))
    described = re.match(rf",\s+(?:{_DETERMINER}|{_POSSESSIVE})\s+{words}(?=\s*[,.;:)]|\s+and\b)", after, re.I)
    if described is None:
        return None
    rest = after[described.end() :]
    if rest.startswith(",") and not _RELATIVE.match(rest[1:]):
        return Fitted(before, label, described.end() + 1)
    return Fitted(before, label, described.end())


def _bracketed(before: str, label: str, suffix: str, after: str) -> Fitted:
    """'Social Worker 1 (Social Worker)' → 'Social Worker 1';
    'the Social Worker (Social Worker 1)' → 'the Social Worker 1'."""
    words, text = _words(label), label + suffix
    opening = re.search(rf"{re.escape(words)}\s*\($", before, re.IGNORECASE)
    if opening and after.startswith(")"):
        return Fitted(before[: opening.start()], text, 1)
    bracket = re.match(r"\s*\(([^()\n]*)\)", after)
    if not bracket:
        return Fitted(before, text)
    inner = bracket.group(1).strip()
    if inner.lower() in (words, label.lower()):
        return Fitted(before, text, bracket.end())
    rest = re.match(rf"(?:{re.escape(label)}|{re.escape(words)})\s*[,;–-]\s*(.+)", inner, re.IGNORECASE)
    if rest:
        return Fitted(before, f"{text} ({rest.group(1)})", bracket.end())
    return Fitted(before, text)


_RELATION_LABEL = re.compile(rf"(?:(?:maternal|paternal)\s+)?{_RELATION}\b", re.IGNORECASE)
"""A label that names a relationship ('Mother', 'Maternal grandmother', 'Half-sister's father')."""
_OWN_DETERMINER = r"(?:a|an|the|her|his|their|its|our|your|my|this)"
"""What already determines a description ('her mother'): 'that' is left out, as it is more often a conjunction
('found that the mother's partner')."""


def described(before: str, label: str, suffix: str, after: str, target: Target) -> str:
    """A family member's label as running prose writes it, once every name of the text has been replaced: 'met
    Mother and Father' → 'met the mother and the father', 'her Mother' → 'her mother'; a numbered label, the
    child's and one standing alone in its field, list item or line kept.

    >>> from docgen.passes.aliases import Target
    >>> mother = Target("Mother", ("family[0] (Mother)",), "name")
    >>> described("The reviewer met ", "Mother", "", " twice.", mother)
    'the mother'
    >>> described("", "Mother", "'s", " partner", mother), described("| ", "Mother", "", " | 3 |", mother)
    ("The mother's", 'Mother')
    >>> described("", "Half-brother 2", "", " said.", mother), described("- ", "Mother", "", "\\n- Father", mother)
    ('Half-brother 2', 'Mother')
    >>> described("found that ", "Mother", "'s", " partner", mother)
    "the mother's"
    >>> described("wrote to ", "Father and Mother", "", ".", mother)
    'the father and the mother'
    """
    text = label + suffix
    relations = label.split(" and ")  # 'Father and Mother', for 'Mr and Mrs Carter'
    family = any(owner.startswith(("family[", "victims[")) for owner in target.owners)  # a victim of the family too
    if not family or not all(_RELATION_LABEL.match(part) for part in relations) or re.search(r"\d", label):
        return text
    line = re.sub(r"^\s*(?:[-*+]|\d+[.)]|#+)?\s*", "", before.rsplit("\n", 1)[-1]).rsplit("|", 1)[-1]
    if not line.strip(_OPENERS + " \t") and not re.search(r"\w", re.split(r"[\n|]", after, maxsplit=1)[0]):
        return text  # a field, list item, heading, table cell or line of one name
    if re.match(r"[ \t]+[A-Z][a-z]", after):
        return text  # part of a proper name ('the Aunt Trust')
    lower = [part[:1].lower() + part[1:] for part in relations]
    if re.search(rf"(?:^|\s)(?:{_OWN_DETERMINER}|{_POSSESSIVE})\s*$", before, re.IGNORECASE):
        return " and ".join(lower) + suffix
    return _capitalised(Fitted(before, " and ".join(f"the {part}" for part in lower) + suffix), after).text


def _place(before: str, label: str, after: str, target: Target) -> Fitted:
    """An adjective after an article ('a Welsh tenancy'); a region not named twice ('… in Wales, Wales'), nor a
    place inside one after 'in' ('lived in Wales').

    >>> from docgen.passes.aliases import Target
    >>> wales = Target("a local authority in Wales", (), "place", adjective="Welsh")
    >>> _place("social services in ", "a local authority in Wales", ".", wales).text
    'Wales'
    >>> _place("asked ", "a local authority in Wales", " whether", wales).text
    'a local authority in Wales'
    """
    if (
        target.adjective
        and re.search(rf"(?:^|\s){_DETERMINER}\s+$", before, re.IGNORECASE)
        and re.match(r"\s+\w", after)
    ):
        return Fitted(before, target.adjective)
    region = label.split()[-1] if label.split() else ""
    repeated = (
        re.match(rf"(?:,\s*|\s+in\s+|\s*\(){re.escape(region)}\)?(?![\w-])", after) if region[:1].isupper() else None
    )
    within = re.fullmatch(r"an?\s[\w\s-]+?\sin\s([A-Z][\w\s-]*)", label)
    if within and re.search(r"(?:^|\s)(?:in|from|to|across)\s+$", before):  # 'lived in a town in Wales'
        label = within.group(1)
    return Fitted(before, label, repeated.end() if repeated else 0)


def _with_post(before: str, text: str, after: str) -> Fitted:
    """'Janet Pryor, Proprietor' → 'the proprietor of the nursery': the post is not written twice."""
    post = re.match(r"the (.+?) of ", text)
    words = re.escape(post.group(1)) if post else None
    repeated = words and re.match(rf"(?:,\s*{words}(?=\s*(?:[,.;:)\n–—-]|$))|\s*\({words}\))", after, re.IGNORECASE)
    return Fitted(before, text, repeated.end() if repeated else 0)


def _repeated(fitted: Fitted, after: str) -> Fitted:
    """'the Carter family' → 'the family': an article before and a word after that the label already has."""
    text, before, skip = fitted.text, fitted.before, fitted.skip
    article = re.match(r"(the|a|an)\s+", text, re.IGNORECASE)
    if article and re.search(rf"(?:^|\s){article.group(1)}\s+$", before, re.IGNORECASE):
        text = text[article.end() :]
    last = text.split()[-1] if text.split() else ""
    word = re.match(rf"\s+{re.escape(last)}(?![\w'’-])", after[skip:], re.IGNORECASE) if last.isalpha() else None
    return Fitted(before, text, skip + (word.end() if word else 0))


def _capitalised(fitted: Fitted, after: str) -> Fitted:
    """A lower-case label starting a sentence, list item or table cell takes a capital (not a field of one name)."""
    text, before = fitted.text, fitted.before
    opened = before.rstrip(_OPENERS)
    if not text[:1].islower() or (not opened.strip() and not re.search(r"\w", after[fitted.skip :])):
        return fitted
    if SENTENCE_START.search(opened):
        return Fitted(before, text[0].upper() + text[1:], fitted.skip)
    return fitted

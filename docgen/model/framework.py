"""The framework profile: the national process a review follows, as data.

National bodies, guidance titles and editions, which review types are reported to whom, which letters
are copied to which body; the wording that differs between frameworks. Built-in profiles live in the
`frameworks/` folder (the seed's 2009 procedure is the default); a case names one by id, or gives its
own file.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pydantic import Field, model_validator

from ..files.parsing import parse_yaml
from .common import Address, Identifier, Markdown, Model, Text
from .documents import DocumentSpec
from .kinds import DocumentKind
from .options import NotificationReason, SafeguardingStatus
from .publication import JigsawRule
from .timetable import FieldPath, Timetable

DEFAULT_FRAMEWORK = "england-2009"
"""The framework a case follows when it names none: the seed's procedure."""


class Body(Model):
    """A national body a framework names: a regulator, a government department, a health authority."""

    name: Text
    """Name as letters print it, e.g. 'Ofsted', 'Strategic Health Authority'."""
    full_name: Text | None = None
    """Full name, e.g. 'Office for Standards in Education, Children's Services and Skills'."""
    unit: Text | None = None
    """The unit that receives notifications, e.g. 'National Business Unit'."""
    address: Address | None = None
    """Postal address for notifications."""
    phone: Text | None = None
    """Telephone number for urgent notifications."""
    email: Text | None = None
    """E-mail address."""
    abolished: dt.date | None = None
    """The day the body ceased to exist (the Strategic Health Authorities on 1 April 2013): a letter dated from
    then is copied to the body a board profile names in its place (`bodies`), or to none."""

    def exists_on(self, day: dt.date) -> bool:
        """Whether the body existed on a day."""
        return self.abolished is None or day < self.abolished


class Quotation(Model):
    """A passage of the guidance that letters and papers quote, with where it is found."""

    reference: Text
    """Where the passage is, as a letter cites it, e.g. 'paragraph 8.2'."""
    heading: Text | None = None
    """The passage's heading, e.g. 'Who should conduct Reviews?'."""
    text: Markdown
    """The passage, word for word."""


class Guidance(Model):
    """The national guidance a framework follows."""

    title: Text
    """Title, e.g. 'Working Together to Safeguard Children'."""
    subtitle: Text | None = None
    """Subtitle, as the guidance prints it."""
    edition: Text
    """Edition (year), e.g. '2006'."""
    chapter: Text | None = None
    """The chapter on reviews, e.g. 'Chapter 8'."""
    chapter_title: Text | None = None
    """The title of that chapter, e.g. 'Serious Case Reviews'."""
    publisher: Text | None = None
    """Publishing department, e.g. 'Department for Education and Skills'."""
    criteria: Quotation | None = None
    """The passage setting out when a review should be considered (quoted in the authors' invitation)."""
    purposes: list[Text] = []
    """The purposes of a review, as the guidance lists them (the notification to parents lists them)."""


class GuidanceNote(Model):
    """A heading of guidance and what it says."""

    heading: Text
    """What the note is about, e.g. 'Date / Time'."""
    text: Markdown
    """The guidance, as the procedure words it."""


class ReviewTypeRules(Model):
    """What a framework says of one type of review."""

    statutory: bool
    """Whether the guidance requires the review (a discretionary review is held by the board's choice)."""
    reported_to: list[Identifier] = []
    """The bodies (keys of `bodies`) the review is reported to."""


class Wording(Model):
    """Sentences and names of the letters whose wording depends on the framework's law and guidance."""

    statutory_review: Text
    """Why the board holds a review the guidance requires, e.g. 'The Government requires us to do this.'"""
    discretionary_review: Text
    """Why the board holds a review the guidance does not require."""
    statutory_duty: Text
    """What boards must do when children are seriously harmed (the notification to victims)."""
    discretionary_duty: Text
    """What boards may do when children are seriously harmed, where no review is required."""
    organisation: Text
    """The body that holds reviews as letters name it: 'the Board', 'the safeguarding partnership'."""
    review_aim: Text
    """The aim of the review as the commissioning letter states it."""
    agency_review: Text
    """What each agency is asked to conduct, e.g. 'Individual Management Review' (plural: with an s)."""
    author_role: Text
    """Who the author of the review's report is, as the letter to the family says, e.g. 'the independent author
    of the review's report'."""
    report: Text
    """The review's report as letters name it, e.g. 'the Overview Report'."""
    summary: Text
    """What is disseminated once the review has concluded, e.g. 'its Executive Summary'."""
    not_influenced: Text | None = None
    """What the letter to the family says the review will not influence, where the framework's reviews touch other
    work than the seed's (a Safeguarding Adults Review's: an inquest, a police investigation); empty: the work
    professionals are doing with the family (and the police's, while proceedings are under way)."""
    approver: Text | None = None
    """Who approves the review's report, as letters name them; empty: the board, by its name."""
    pseudonym: Text | None = None
    """What the letter to the family says about the name the review's report gives the child ({child}), whether or
    not the report is published, and who chooses it ({family}: 'you and your family', or the subject's family to a
    friend); none when empty."""
    pseudonym_published: Text | None = None
    """The same, for a review whose publication record says its report is published; empty: `pseudonym`."""
    person: Text = "the person"
    """The person a review is about as its forms name them, e.g. 'the adult', 'the person who died'."""
    request: Text = "request"
    """The request that the board consider a review, as its forms name it, e.g. 'referral', 'notification'."""
    enclosure: Text | None = None
    """What the letter to the family says of the paper it encloses; empty: the guidance's chapter, for the family or
    their solicitor."""
    support: Text | None = None
    """The offer of support in the letter to the family, naming the case's service ({support}); empty: that the
    family may wish to contact it if they feel they need support."""
    reported_because: Text | None = None
    """Why the bodies the review is reported to receive its report, as a letter says it after their names, e.g. 'as
    section 9(3B) of the Act requires'."""
    publication_note: Text | None = None
    """What the publication decision adds after the decision, e.g. that the findings go into the annual report."""
    translation: Text | None = None
    """The offer of a translation to a reader of another language ({language}) in a letter to a family member or
    a victim."""
    interpreter: Text | None = None
    """The offer of a translation and an interpreter ({language}) to a person who needs an interpreter."""
    child_board: Text | None = None
    """Who the board ({board}) is, in a letter to a child victim."""
    child_review: Text | None = None
    """Why the board reviews what happened, in a letter to a child victim."""
    child_reassurance: Text | None = None
    """That the child has done nothing wrong and need do nothing, in a letter to a child victim."""
    child_summary: Text | None = None
    """What the child may ask for once the review is over, in a letter to a child victim."""


class Criteria(Model):
    """A list of criteria a review decision considers one by one (e.g. a regulation's)."""

    title: Text
    """Heading, e.g. 'Criteria for a local child safeguarding practice review'."""
    source: Text
    """Where the criteria are set out, e.g. 'regulation 11 of the … Regulations 2018'."""
    introduction: Text
    """The words before the list, e.g. 'The criteria … include whether the case in question—'."""
    items: dict[Identifier, Text] = Field(min_length=1)
    """Each criterion by its letter, word for word, e.g. {a: 'highlights or may highlight improvements …'}."""
    decided_by: Text | None = None
    """Who decides on a review under these criteria when not the board or partnership itself (the national
    criteria: 'the Child Safeguarding Practice Review Panel'): its report gives the rapid review's answers as the
    partners' view."""


class NotifyOnly(Model):
    """A death notified for its own sake, with no review following: why, and when the rule applies."""

    reason: Text
    """Why no review follows, as the notification record and the notice to the partners say it."""
    whatever_the_cause: bool = False
    """Notified without a review even where abuse or neglect is known or suspected (a care leaver's death); else
    only where it is neither."""
    from_age: int | None = Field(None, ge=0, le=30)
    """The age at death from which the rule applies (a care leaver under 18 is a child like any other); none: any."""

    @model_validator(mode="before")
    @classmethod
    def _reason_alone(cls, data: Any) -> Any:
        """A profile may give the reason alone."""
        return {"reason": data} if isinstance(data, str) else data


class DecisionOption(Model):
    """One outcome a review decision may reach."""

    holds: Text | None = None
    """The review type this outcome holds (a key of `review_types`); empty: no review is held."""
    decided: Text
    """What the decision-makers decided, as a sentence says it after 'decided', e.g. 'to commission a local child
    safeguarding practice review'."""
    criteria_met: bool = True
    """False for the outcome that the case does not meet the criteria for notification after all: no review, local
    or national, is then considered."""


class Papers(Model):
    """What a framework puts into the review's working papers (the referral form, the IMR author brief)."""

    referral_within_hours: int | None = Field(default=None, gt=0)
    """Hours after the incident within which the referrer completes section 1 of the referral form, e.g. 72."""
    who_conducts_imrs: Quotation | None = None
    """The guidance on who conducts agency reviews, quoted at the head of the IMR author brief."""
    agency_report_asks: list[Text] = []
    """What the request to each agency asks its report to set out, one item each ({name}: the subject's first
    name; {their}: their possessive), e.g. 'how the agency worked with {name}: {their} views and wishes'."""
    late_reports_explained_to: Identifier | None = None
    """The body (key of `bodies`) the board explains a late IMR to, when the review is reported to it."""


class Framework(Model):
    """A framework profile: the national process, bodies and guidance a review follows."""

    extends: Identifier | None = None
    """A built-in profile this one is a variant of: the variant gives only what differs, merged into it field by
    field (a mapping merges key by key, a list or a value replaces, null removes: JSON Merge Patch, RFC 7386)."""

    id: Identifier
    """Identifier by which a case names the profile, e.g. 'england-2009'."""
    name: Text
    """Name of the process, e.g. 'Serious Case Reviews (Working Together 2006, Medway procedures 2009)'."""
    nation: Text
    """The nation whose guidance it is, e.g. 'England'."""
    guidance: Guidance
    """The national guidance."""
    bodies: dict[Identifier, Body] = {}
    """National bodies by key, e.g. 'regulator', 'department', 'health_authority'."""
    review_types: dict[Text, ReviewTypeRules] = Field(min_length=1)
    """The review types of the framework by name, e.g. 'Serious Case Review'."""
    timetable: Timetable | None = None
    """The review timetable: its steps, their clocks and who is responsible."""
    chronology_guidance: list[GuidanceNote] = []
    """The guidance for completing an agency's chronology, printed on the spreadsheet template."""
    decisions_reported_to: list[Identifier] = []
    """The bodies told of every decision on a referral, a decision to hold no statutory review included."""
    copies: dict[Identifier, list[Identifier]] = {}
    """By document kind (e.g. 'letter-5'), the bodies a copy goes to when the review or the decision is
    reported to them."""
    regulator: Identifier | None = "regulator"
    """The body (key of `bodies`) that receives notifications of serious incidents; none (null) where no national
    body does (a Safeguarding Adults Review's)."""
    assurance: Identifier | None = None
    """The body (key of `bodies`) that quality assures a review's report before it may be published (the Home
    Office's panel, for a Domestic Homicide Review): a publication date needs its clearance and every point of its
    feedback answered. None: no body does."""
    notification_reasons: dict[NotificationReason, Text] = {}
    """The law and guidance behind each reason for notifying the regulator, as its form prints them."""
    paper_titles: dict[Identifier, Text] = {}
    """Titles of papers a letter encloses, by key: those docgen does not produce (e.g. 'guidance-chapter'), and
    the title a kind is named by when the case cannot produce it (e.g. 'referral-form')."""
    wording: Wording
    """Sentences of the letters that depend on the framework."""
    papers: Papers = Papers()
    """What the framework puts into the review's working papers."""
    documents: list[Identifier | DocumentSpec] = Field(default_factory=lambda: _library(), min_length=1)
    """The documents the framework offers, in order: built-in kinds by id ('letter-1'), a built-in kind with some
    fields changed (`{id: letter-5, title: Letter to the family}`) or a kind of its own (id, title, template,
    shell …); by default every built-in kind."""
    jigsaw: list[JigsawRule] = Field(default_factory=lambda: _jigsaw_library())
    """What public documents generalise because in combination it could identify a family (times of day, the
    court, clinical scores, medication, adults' exact ages); the built-in rules when the profile gives none."""
    requires: list[FieldPath] = []
    """Parts of the case every case of the framework has, e.g. 'referral' for the seed's procedure."""
    decision: FieldPath = "decision"
    """Where the case records the decision to hold the review (its `date`, whether it `proceeds`)."""
    final_report: Identifier | None = None
    """The report whose approval concludes the review (letters say whether it has); none: letters never say it has."""
    criteria: dict[Identifier, Criteria] = {}
    """The criteria a review decision considers one by one, by key, e.g. 'local', 'national'."""
    criteria_answers: FieldPath | None = None
    """Where the case records its answers to the criteria, e.g. 'rapid_review.criteria'."""
    decision_options: dict[Text, DecisionOption] = {}
    """The outcomes a review decision may reach (the rapid review's), each with the review type it holds."""
    headings: dict[Identifier, dict[Identifier, Text]] = {}
    """Column headings the framework's documents give instead of the seed's, by table and column key
    (`{chronology: {comments: Significance and analysis}}`): a renamed column prints no seed prompt."""
    notify_only: dict[SafeguardingStatus, NotifyOnly] = {}
    """Deaths notified with no review following, by the status of the one who died: a looked-after child's when
    abuse or neglect is neither known nor suspected; a care leaver's from 18, whatever the cause."""
    templates: Text | None = None
    """A folder of templates beside the profile file: its own documents' master templates (and any built-in one
    it replaces)."""

    @model_validator(mode="before")
    @classmethod
    def _variant(cls, data: Any) -> Any:
        """A variant is its base profile with the variant's fields merged in."""
        if not isinstance(data, dict) or data.get("extends") is None:
            return data
        base = builtin_framework_data(data["extends"])
        if base.get("extends") is not None:
            raise ValueError(f"extends: '{data['extends']}' is itself a variant; extend the profile it extends")
        return merge_patch(dict(base), data)

    @model_validator(mode="after")
    def _documents_known(self) -> Framework:
        ids = [entry if isinstance(entry, str) else entry.id for entry in self.documents]
        unknown = [i for i, entry in enumerate(self.documents) if isinstance(entry, str) and entry not in KINDS]
        for i in unknown:
            raise ValueError(f"documents[{i}]: '{ids[i]}' is not a built-in kind (they are: {', '.join(KINDS)})")
        for entry in self.documents:
            if isinstance(entry, DocumentSpec) and (absent := entry.incomplete(KINDS)):
                raise ValueError(f"'{entry.id}' is not a built-in kind: give its {', '.join(absent)}")
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"documents: {', '.join(twice)} listed more than once")
        for key, option in self.decision_options.items():
            if option.holds is not None and option.holds not in self.review_types:
                raise ValueError(f"decision_options.{key}.holds: '{option.holds}' is not one of the review_types")
        return self

    @property
    def kinds(self) -> MappingProxyType[str, DocumentKind]:
        """The document kinds the framework offers, by id, in its order."""
        kinds = (KINDS[entry] if isinstance(entry, str) else entry.kind(KINDS) for entry in self.documents)
        return MappingProxyType({kind.id: kind for kind in kinds})

    @model_validator(mode="after")
    def _bodies_known(self) -> Framework:
        named = [(f"review_types.{name}.reported_to", rules.reported_to) for name, rules in self.review_types.items()]
        named += [
            ("decisions_reported_to", self.decisions_reported_to),
            ("regulator", [self.regulator] if self.regulator else []),
            ("assurance", [self.assurance] if self.assurance else []),
        ]
        named += [(f"copies.{kind}", keys) for kind, keys in self.copies.items()]
        for where, keys in named:
            unknown = [key for key in keys if key not in self.bodies]
            if unknown:
                raise ValueError(f"{where}: unknown bodies {', '.join(unknown)} (known: {', '.join(self.bodies)})")
        return self

    @model_validator(mode="after")
    def _papers_body_known(self) -> Framework:
        body = self.papers.late_reports_explained_to
        if body is not None and body not in self.bodies:
            raise ValueError(f"papers.late_reports_explained_to: unknown body {body}")
        return self

    def reported_to(self, review_type: str) -> list[Body]:
        """The bodies a review of this type is reported to (none for a type the profile does not list)."""
        rules = self.review_types.get(review_type)
        return [self.bodies[key] for key in rules.reported_to] if rules else []

    def is_statutory(self, review_type: str) -> bool:
        """Whether the guidance requires a review of this type."""
        rules = self.review_types.get(review_type)
        return rules is not None and rules.statutory

    @property
    def statutory_type(self) -> str:
        """The name of the review the guidance requires, e.g. 'Serious Case Review'."""
        return next((name for name, rules in self.review_types.items() if rules.statutory), "statutory review")

    @property
    def regulator_body(self) -> Body:
        """The body that receives notifications of serious incidents (a framework whose documents name it has one)."""
        if self.regulator is None:
            raise ValueError(f"the {self.id} framework names no regulator")
        return self.bodies[self.regulator]


def _jigsaw_library() -> list[JigsawRule]:
    """The built-in rules of what public documents generalise (frameworks/library/jigsaw.yaml)."""
    return list(JIGSAW)


def _library() -> list[Identifier | DocumentSpec]:
    """Every built-in kind, by id: the documents of a profile that names none."""
    return list(KINDS)


def builtin_frameworks() -> Path:
    """The folder of built-in framework profiles: packaged inside the wheel, or at the top of a checkout."""
    packaged = Path(__file__).resolve().parent.parent / "_frameworks"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parents[2] / "frameworks"


def builtin_framework_ids() -> list[str]:
    """The ids of the built-in framework profiles."""
    return sorted(path.stem for path in builtin_frameworks().glob("*.yaml"))


@cache
def builtin_framework(framework_id: str) -> Framework:
    """A built-in framework profile by id; ValueError naming the built-in ids for an unknown one."""
    return Framework.model_validate(dict(builtin_framework_data(framework_id)))


@cache
def builtin_framework_data(framework_id: str) -> MappingProxyType[str, Any]:
    """A built-in framework profile's fields as its file gives them; ValueError naming the built-in ids for an
    unknown one."""
    if framework_id not in builtin_framework_ids():
        known = ", ".join(builtin_framework_ids())
        raise ValueError(f"no built-in framework '{framework_id}' (the built-in frameworks are: {known})")
    path = builtin_frameworks() / f"{framework_id}.yaml"
    return MappingProxyType(parse_yaml(path.read_text(encoding="utf-8"), str(path)).data)


def merge_patch(target: Any, patch: Any) -> Any:
    """`patch` merged into `target` as JSON Merge Patch (RFC 7386) merges: mappings key by key, a null removing its
    key, anything else replacing.

    >>> merge_patch({"a": 1, "b": {"c": 2, "d": 3}}, {"b": {"c": None, "e": 4}, "f": [5]})
    {'a': 1, 'b': {'d': 3, 'e': 4}, 'f': [5]}
    """
    if not isinstance(patch, dict):
        return patch
    merged = dict(target) if isinstance(target, dict) else {}
    for name, value in patch.items():
        if value is None:
            merged.pop(name, None)
        else:
            merged[name] = merge_patch(merged.get(name), value)
    return merged


def document_library(path: Path) -> MappingProxyType[str, DocumentKind]:
    """The document kinds of a library file (a YAML list of complete document specifications), by id."""
    specs = parse_yaml(path.read_text(encoding="utf-8"), str(path)).data
    kinds = {}
    for spec in map(DocumentSpec.model_validate, specs):
        if absent := spec.incomplete({}):
            raise ValueError(f"{path}: '{spec.id}' lacks its {', '.join(absent)}")
        kinds[spec.id] = spec.kind({})
    return MappingProxyType(kinds)


JIGSAW = tuple(
    JigsawRule.model_validate(rule)
    for rule in parse_yaml(
        (builtin_frameworks() / "library" / "jigsaw.yaml").read_text(encoding="utf-8"), "jigsaw.yaml"
    ).data
)
"""What public documents generalise by default: times of day, courts, clinical scores, medication, adults' ages."""

KINDS = document_library(builtin_frameworks() / "library" / "documents.yaml")
"""The built-in library of document kinds, by id, in the order of the seed: a framework profile offers those it
names, and may define its own (docgen.model.documents)."""

"""Typed, immutable records of the programme registry: programmes, targets, tasks, status entries.

Every record that states a fact carries `source`, the id of a `Document` of its programme.
Codes and ids are plain strings; which references must resolve is checked by the loader.
Comparators and task statuses are the shared vocabularies of `stkit.vocab` (re-exported here);
the literals below belong to the registry alone.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal, get_args

from stkit import vocab
from stkit.errors import StkitError

Comparator = vocab.Comparator
TaskStatus = vocab.TaskStatus
COMPARATORS = vocab.COMPARATORS
TASK_STATUSES = vocab.TASK_STATUSES

Category = Literal[
    "research",
    "transfer",
    "training",
    "experts",
    "information",
    "policy",
    "infrastructure",
    "standards",
    "intellectual_property",
    "resources",
]
Branch = Literal["domestic", "international"]
ProgrammeKind = Literal[
    "coordination", "cooperation", "city_programme", "national_strategy", "provincial_plan"
]
DocumentKind = Literal["legal", "news", "portal"]
PartyRole = Literal["signatory", "issuer"]
RequestState = Literal["open", "answered", "closed"]
RequestKind = Literal["request", "proposal"]
FollowUpKind = Literal["general_agreement", "assignment", "answer", "own_action"]

NATIONAL_UNIT = "viet-nam"
"""Slug of the country as a unit: national targets sit on it, beside the provinces."""

CATEGORIES: tuple[Category, ...] = get_args(Category)
BRANCHES: tuple[Branch, ...] = get_args(Branch)
PROGRAMME_KINDS: tuple[ProgrammeKind, ...] = get_args(ProgrammeKind)
DOCUMENT_KINDS: tuple[DocumentKind, ...] = get_args(DocumentKind)
PARTY_ROLES: tuple[PartyRole, ...] = get_args(PartyRole)
REQUEST_STATES: tuple[RequestState, ...] = get_args(RequestState)
REQUEST_KINDS: tuple[RequestKind, ...] = get_args(RequestKind)
FOLLOW_UP_KINDS: tuple[FollowUpKind, ...] = get_args(FollowUpKind)


@dataclass(frozen=True, slots=True)
class Agency:
    """A body named as party, issuer, lead or partner: MOST unit, city department, company."""

    id: str
    name_vi: str
    name_en: str
    kind: str
    parent: str | None
    source: str


@dataclass(frozen=True, slots=True)
class Document:
    """A source: a legal document (identified by number, date and issuer together) or an article.

    `title_supplied` marks a title written by the registry because the stored copy has none;
    `archive_file` names the project's archived copy of an article (provenance, never cited);
    `unnumbered` marks a legal document that carries no number (a Party congress resolution),
    identified by its date and issuer.
    """

    id: str
    kind: DocumentKind
    title_vi: str
    title_en: str
    doc_type_vi: str | None = None
    number: str | None = None
    date: dt.date | None = None
    issuer: str | None = None
    publisher: str | None = None
    author: str | None = None
    url: str | None = None
    archive_file: str | None = None
    date_note: str | None = None
    note: str | None = None
    title_supplied: bool = False
    unnumbered: bool = False


@dataclass(frozen=True, slots=True)
class Party:
    """A party to a programme and who signed for it."""

    agency: str
    role: PartyRole
    signatory: str
    signatory_title_vi: str
    signatory_title_en: str
    source: str


@dataclass(frozen=True, slots=True)
class Baseline:
    """The value a target starts from, with its own source."""

    value: float
    year: int
    source: str
    quote: str | None = None


@dataclass(frozen=True, slots=True)
class TargetMilestone:
    """A value on the way to a target, e.g. a 2025 value toward a 2030 target."""

    year: int
    value: float
    comparator: Comparator


@dataclass(frozen=True, slots=True)
class Target:
    """A quantitative target: `indicator` `comparator` `value` by `year` on province `unit`.

    Values are in the indicator's own unit (percent for shares). The unit slug is read on
    the units in force in `year` (a 2030 target is on the post-merger unit); national targets
    are on `NATIONAL_UNIT`. A range ("1.2–1.5 % of GDP") keeps its upper end in `value_high`.
    `replaces` names the id of an earlier target (any programme) that this one replaces from
    `in_force_from` (default: the date of the target's source document); both stay visible.
    `corroborated_by` lists further documents stating the same figure.
    """

    id: str
    unit: str
    indicator: str
    comparator: Comparator
    value: float
    year: int
    text_vi: str
    text_en: str
    source: str
    baseline: Baseline | None = None
    milestones: tuple[TargetMilestone, ...] = ()
    value_high: float | None = None
    replaces: str | None = None
    in_force_from: dt.date | None = None
    corroborated_by: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True, slots=True)
class BaselineFigure:
    """A figure stated at signing without a target (e.g. Cần Thơ's S&T market in 2022)."""

    unit: str
    indicator: str
    comparator: Comparator
    value: float
    year: int
    text_vi: str
    text_en: str
    source: str


@dataclass(frozen=True, slots=True)
class SituationFact:
    """A fact about the starting situation stated without a number (e.g. an existing incubator)."""

    id: str
    year: int
    text_vi: str
    text_en: str
    source: str


@dataclass(frozen=True, slots=True)
class QualitativeMilestone:
    """A dated ambition without a number ("by 2025 a national marine S&T centre")."""

    id: str
    year: int
    text_vi: str
    text_en: str
    source: str


@dataclass(frozen=True, slots=True)
class Task:
    """A commitment or action; `parent` is the code of the task it belongs to.

    `deadline` is the task's own stated deadline; none of the sources states one, so the
    programme's `period_end` applies (`Programme.deadline_of`). `answers` lists the ids of the
    requests this task was assigned in answer to.
    """

    code: str
    title_vi: str
    title_en: str
    lead_unit: str
    source: str
    parent: str | None = None
    category: Category | None = None
    branch: Branch | None = None
    partner_units: tuple[str, ...] = ()
    partner_countries: tuple[str, ...] = ()
    deadline: dt.date | None = None
    note: str | None = None
    answers: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class StatusEntry:
    """The status of one task in one year, with the evidence for it."""

    task: str
    year: int
    status: TaskStatus
    evidence_vi: str
    evidence_en: str
    source: str
    reported_on: dt.date | None = None
    cites: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FollowUp:
    """What happened after a request: a general agreement, an assignment, an answer, own action.

    `by` is the agency that acted (the asker itself for `own_action`).
    """

    kind: FollowUpKind
    by: str
    text_vi: str
    text_en: str
    source: str
    on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Request:
    """A request or proposal from one party to another, as asked: who asked whom, when, voiced by.

    `requested_by` is the asking agency and `voiced_by` the person who said it (with title);
    `asked_on` the day it was made, `year` its year. Follow-ups stay separate from the request.
    """

    id: str
    year: int
    requested_by: str
    addressee: str
    title_vi: str
    title_en: str
    state: RequestState
    source: str
    kind: RequestKind = "request"
    asked_on: dt.date | None = None
    voiced_by: str | None = None
    voiced_by_title_vi: str | None = None
    voiced_by_title_en: str | None = None
    follow_ups: tuple[FollowUp, ...] = ()


@dataclass(frozen=True, slots=True)
class Responsibility:
    """A standing duty in the programme's organisation (standing agency, budget, monitoring)."""

    code: str
    agency: str
    duty_vi: str
    duty_en: str
    source: str
    partner_units: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Review:
    """A review meeting of the results of `year`, held on `held_on` (often the next year).

    Findings and the priorities set for the following year stay text; numbers go to data.
    """

    id: str
    year: int
    held_by: tuple[str, ...]
    title_vi: str
    title_en: str
    findings_vi: tuple[str, ...]
    findings_en: tuple[str, ...]
    source: str
    held_on: dt.date | None = None
    priorities_vi: tuple[str, ...] = ()
    priorities_en: tuple[str, ...] = ()
    cites: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Programme:
    """One programme with everything the sources say about it."""

    id: str
    title_vi: str
    title_en: str
    short_vi: str
    short_en: str
    kind: ProgrammeKind
    unit: str
    period_start: dt.date
    period_end: dt.date
    source: str
    file: str
    horizon: int | None = None
    signed_on: dt.date | None = None
    parent_strategy: str | None = None
    objective_vi: str | None = None
    objective_en: str | None = None
    legal_basis: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    pillars_vi: tuple[str, ...] = ()
    pillars_en: tuple[str, ...] = ()
    documents: tuple[Document, ...] = ()
    parties: tuple[Party, ...] = ()
    targets: tuple[Target, ...] = ()
    baselines: tuple[BaselineFigure, ...] = ()
    situation: tuple[SituationFact, ...] = ()
    milestones: tuple[QualitativeMilestone, ...] = ()
    tasks: tuple[Task, ...] = ()
    statuses: tuple[StatusEntry, ...] = ()
    requests: tuple[Request, ...] = ()
    responsibilities: tuple[Responsibility, ...] = ()
    reviews: tuple[Review, ...] = ()

    @property
    def is_plan_of_unit(self) -> bool:
        """True for programmes that hold a unit's own targets (national or provincial)."""
        return self.kind in ("national_strategy", "provincial_plan")

    def document(self, document_id: str) -> Document:
        """Return the document with this id (KeyError if the programme has none)."""
        for document in self.documents:
            if document.id == document_id:
                return document
        raise KeyError(document_id)

    def task(self, code: str) -> Task:
        """Return the task with this code (KeyError if the programme has none)."""
        for task in self.tasks:
            if task.code == code:
                return task
        raise KeyError(code)

    def children(self, code: str | None) -> tuple[Task, ...]:
        """Return the tasks whose parent is `code` (`None`: the top-level tasks), in file order."""
        return tuple(task for task in self.tasks if task.parent == code)

    def deadline_of(self, task: Task) -> dt.date:
        """Return the task's own deadline, else the end of the programme period."""
        return task.deadline if task.deadline is not None else self.period_end


@dataclass(frozen=True, slots=True)
class Registry:
    """All programmes and the agencies they name; immutable."""

    programmes: tuple[Programme, ...]
    agencies: tuple[Agency, ...] = field(default=())

    @property
    def ids(self) -> tuple[str, ...]:
        """Programme ids in registry order."""
        return tuple(programme.id for programme in self.programmes)

    def get(self, programme_id: str) -> Programme:
        """Return a programme by id; an unknown id raises StkitError listing the known ones."""
        for programme in self.programmes:
            if programme.id == programme_id:
                return programme
        from stkit.i18n.messages import error  # noqa: PLC0415 - texts only where raised

        known = ", ".join(self.ids) or "–"
        raise StkitError(error("unknown_programme_id", value=repr(programme_id), known=known))

    def agency(self, agency_id: str) -> Agency:
        """Return an agency by id (KeyError if unknown)."""
        for agency in self.agencies:
            if agency.id == agency_id:
                return agency
        raise KeyError(agency_id)

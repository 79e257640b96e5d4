"""The keys each table of a programme file may hold, their types and allowed values.

One declarative table per record type keeps the file format in one place; the loader
reads against it and `docs/programmes.md` describes it for people.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from stkit.programmes.model import (
    BRANCHES,
    CATEGORIES,
    COMPARATORS,
    DOCUMENT_KINDS,
    FOLLOW_UP_KINDS,
    PARTY_ROLES,
    PROGRAMME_KINDS,
    REQUEST_KINDS,
    REQUEST_STATES,
    TASK_STATUSES,
)

KeyKind = Literal["str", "int", "float", "date", "bool", "strs", "table", "tables"]


@dataclass(frozen=True)
class Key:
    """One allowed key: its kind, whether it is required, its allowed values, its sub-table."""

    kind: KeyKind
    required: bool = False
    choices: tuple[str, ...] = ()
    sub: Mapping[str, Key] = field(default_factory=dict)


def _req(kind: KeyKind, choices: tuple[str, ...] = ()) -> Key:
    return Key(kind, required=True, choices=choices)


def _opt(kind: KeyKind, choices: tuple[str, ...] = ()) -> Key:
    return Key(kind, required=False, choices=choices)


DOCUMENT: Mapping[str, Key] = {
    "id": _req("str"),
    "kind": _req("str", DOCUMENT_KINDS),
    "title_vi": _req("str"),
    "title_en": _req("str"),
    "doc_type_vi": _opt("str"),
    "number": _opt("str"),
    "date": _opt("date"),
    "issuer": _opt("str"),
    "publisher": _opt("str"),
    "author": _opt("str"),
    "url": _opt("str"),
    "archive_file": _opt("str"),
    "date_note": _opt("str"),
    "note": _opt("str"),
    "title_supplied": _opt("bool"),
    "unnumbered": _opt("bool"),
}

PARTY: Mapping[str, Key] = {
    "agency": _req("str"),
    "role": _req("str", PARTY_ROLES),
    "signatory": _req("str"),
    "signatory_title_vi": _req("str"),
    "signatory_title_en": _req("str"),
    "source": _req("str"),
}

BASELINE: Mapping[str, Key] = {
    "value": _req("float"),
    "year": _req("int"),
    "source": _req("str"),
    "quote": _opt("str"),
}

TARGET_MILESTONE: Mapping[str, Key] = {
    "year": _req("int"),
    "value": _req("float"),
    "comparator": _req("str", COMPARATORS),
}

TARGET: Mapping[str, Key] = {
    "id": _req("str"),
    "unit": _req("str"),
    "indicator": _req("str"),
    "comparator": _req("str", COMPARATORS),
    "value": _req("float"),
    "year": _req("int"),
    "text_vi": _req("str"),
    "text_en": _req("str"),
    "source": _req("str"),
    "baseline": Key("table", sub=BASELINE),
    "milestones": Key("tables", sub=TARGET_MILESTONE),
    "value_high": _opt("float"),
    "replaces": _opt("str"),
    "in_force_from": _opt("date"),
    "corroborated_by": _opt("strs"),
    "note": _opt("str"),
}

BASELINE_FIGURE: Mapping[str, Key] = {
    "unit": _req("str"),
    "indicator": _req("str"),
    "comparator": _req("str", COMPARATORS),
    "value": _req("float"),
    "year": _req("int"),
    "text_vi": _req("str"),
    "text_en": _req("str"),
    "source": _req("str"),
}

SITUATION: Mapping[str, Key] = {
    "id": _req("str"),
    "year": _req("int"),
    "text_vi": _req("str"),
    "text_en": _req("str"),
    "source": _req("str"),
}

MILESTONE: Mapping[str, Key] = {
    "id": _req("str"),
    "year": _req("int"),
    "text_vi": _req("str"),
    "text_en": _req("str"),
    "source": _req("str"),
}

TASK: Mapping[str, Key] = {
    "code": _req("str"),
    "parent": _opt("str"),
    "title_vi": _req("str"),
    "title_en": _req("str"),
    "category": _opt("str", CATEGORIES),
    "branch": _opt("str", BRANCHES),
    "lead_unit": _req("str"),
    "partner_units": _opt("strs"),
    "partner_countries": _opt("strs"),
    "deadline": _opt("date"),
    "source": _req("str"),
    "note": _opt("str"),
    "answers": _opt("strs"),
}

STATUS: Mapping[str, Key] = {
    "task": _req("str"),
    "year": _req("int"),
    "status": _req("str", TASK_STATUSES),
    "evidence_vi": _req("str"),
    "evidence_en": _req("str"),
    "source": _req("str"),
    "reported_on": _opt("date"),
    "cites": _opt("strs"),
}

FOLLOW_UP: Mapping[str, Key] = {
    "kind": _req("str", FOLLOW_UP_KINDS),
    "by": _req("str"),
    "text_vi": _req("str"),
    "text_en": _req("str"),
    "source": _req("str"),
    "on": _opt("date"),
}

REQUEST: Mapping[str, Key] = {
    "id": _req("str"),
    "kind": _req("str", REQUEST_KINDS),
    "year": _req("int"),
    "asked_on": _opt("date"),
    "voiced_by": _opt("str"),
    "voiced_by_title_vi": _opt("str"),
    "voiced_by_title_en": _opt("str"),
    "follow_ups": Key("tables", sub=FOLLOW_UP),
    "requested_by": _req("str"),
    "addressee": _req("str"),
    "title_vi": _req("str"),
    "title_en": _req("str"),
    "state": _req("str", REQUEST_STATES),
    "source": _req("str"),
}

RESPONSIBILITY: Mapping[str, Key] = {
    "code": _req("str"),
    "agency": _req("str"),
    "partner_units": _opt("strs"),
    "duty_vi": _req("str"),
    "duty_en": _req("str"),
    "source": _req("str"),
}

REVIEW: Mapping[str, Key] = {
    "id": _req("str"),
    "year": _req("int"),
    "held_on": _opt("date"),
    "held_by": _req("strs"),
    "title_vi": _req("str"),
    "title_en": _req("str"),
    "findings_vi": _req("strs"),
    "findings_en": _req("strs"),
    "priorities_vi": _opt("strs"),
    "priorities_en": _opt("strs"),
    "cites": _opt("strs"),
    "source": _req("str"),
}

PROGRAMME: Mapping[str, Key] = {
    "id": _req("str"),
    "title_vi": _req("str"),
    "title_en": _req("str"),
    "short_vi": _req("str"),
    "short_en": _req("str"),
    "kind": _req("str", PROGRAMME_KINDS),
    "unit": _req("str"),
    "period_start": _req("date"),
    "period_end": _req("date"),
    "horizon": _opt("int"),
    "signed_on": _opt("date"),
    "parent_strategy": _opt("str"),
    "legal_basis": _opt("strs"),
    "sources": _opt("strs"),
    "source": _req("str"),
    "objective_vi": _opt("str"),
    "objective_en": _opt("str"),
    "pillars_vi": _opt("strs"),
    "pillars_en": _opt("strs"),
    "documents": Key("tables", required=True, sub=DOCUMENT),
    "parties": Key("tables", sub=PARTY),
    "targets": Key("tables", sub=TARGET),
    "baselines": Key("tables", sub=BASELINE_FIGURE),
    "situation": Key("tables", sub=SITUATION),
    "milestones": Key("tables", sub=MILESTONE),
    "tasks": Key("tables", sub=TASK),
    "status": Key("tables", sub=STATUS),
    "requests": Key("tables", sub=REQUEST),
    "responsibilities": Key("tables", sub=RESPONSIBILITY),
    "reviews": Key("tables", sub=REVIEW),
}

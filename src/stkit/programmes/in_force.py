"""Which target is in force on a day: a target set by a later document replaces the earlier one.

A target names the one it replaces (`Target.replaces`); from the replacing target's date the
earlier one is superseded. Both stay in the registry, so a report can show what was asked and
when it changed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from stkit.programmes.model import Programme, Registry, Target


@dataclass(frozen=True, slots=True)
class TargetSpan:
    """One target with the day it took effect and, if replaced, by which target and from when."""

    programme: str
    target: Target
    in_force_from: dt.date
    superseded_by: str | None = None
    superseded_on: dt.date | None = None

    def in_force_on(self, day: dt.date) -> bool:
        """True if the target applies on `day` (set by then and not yet replaced)."""
        if day < self.in_force_from:
            return False
        return self.superseded_on is None or day < self.superseded_on


def effective_date(programme: Programme, target: Target) -> dt.date | None:
    """The day a target takes effect: its own `in_force_from`, else its source's date.

    Falls back to the programme's signing date when the source document is undated.
    """
    if target.in_force_from is not None:
        return target.in_force_from
    try:
        dated = programme.document(target.source).date
    except KeyError:
        dated = None
    return dated if dated is not None else programme.signed_on


def target_spans(registry: Registry) -> tuple[TargetSpan, ...]:
    """Every target of the registry with its period in force, in registry order.

    Targets without any date (no `in_force_from`, undated source, unsigned programme) are
    taken as in force from the programme's start.
    """
    starts: dict[str, dt.date] = {}
    owners: dict[str, Programme] = {}
    for programme in registry.programmes:
        for target in programme.targets:
            day = effective_date(programme, target)
            starts[target.id] = day if day is not None else programme.period_start
            owners[target.id] = programme
    replaced_by: dict[str, str] = {}
    for programme in registry.programmes:
        for target in programme.targets:
            if target.replaces is not None:
                replaced_by[target.replaces] = target.id
    spans: list[TargetSpan] = []
    for programme in registry.programmes:
        for target in programme.targets:
            successor = replaced_by.get(target.id)
            spans.append(
                TargetSpan(
                    programme=programme.id,
                    target=target,
                    in_force_from=starts[target.id],
                    superseded_by=successor,
                    superseded_on=starts[successor] if successor is not None else None,
                )
            )
    return tuple(spans)


def targets_in_force(
    registry: Registry, on: dt.date, *, unit: str | None = None
) -> tuple[TargetSpan, ...]:
    """The targets that apply on day `on` (optionally on one unit), replaced ones left out."""
    return tuple(
        span
        for span in target_spans(registry)
        if span.in_force_on(on) and (unit is None or span.target.unit == unit)
    )

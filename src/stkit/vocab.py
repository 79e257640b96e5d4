"""The closed vocabularies of stkit's tables, as Literal types (the one home of each).

Each vocabulary is a `Literal` type; its tuple of values is derived from it, so the type
checker and the validators share one list. This module imports nothing but `typing`:
every layer (schemas, the programme registry, progress, tasks, reports) may import it.

Examples
--------
>>> from stkit.vocab import COMPARATORS, TASK_STATUSES
>>> COMPARATORS
('>=', '>', '<=', '<', '=')
>>> "dropped" in TASK_STATUSES
True
"""

from __future__ import annotations

from typing import Literal, get_args

__all__ = [
    "COMPARATORS",
    "DIRECTIONS",
    "INDICATOR_KINDS",
    "LANGS",
    "MERGE_RULES",
    "PROGRESS_STATUSES",
    "TASK_STATUSES",
    "TERRITORIES",
    "Comparator",
    "Direction",
    "IndicatorKind",
    "Lang",
    "MergeRule",
    "ProgressStatus",
    "TaskStatus",
    "Territory",
]

Comparator = Literal[">=", ">", "<=", "<", "="]
"""How a target's value is to be met: at least, above, at most, below, exactly."""

TaskStatus = Literal["not_started", "in_progress", "done", "dropped"]
"""The status of a task (commitment) in a year."""

Direction = Literal["increase", "decrease"]
"""Which way an indicator improves."""

IndicatorKind = Literal["count", "share", "rate", "index", "rank", "amount"]
"""What an indicator measures: a count, a share in percent, a rate, an index, a rank, an amount."""

MergeRule = Literal["sum", "weighted_mean", "none"]
"""How an indicator of merged old units is re-expressed on the new unit (1 July 2025)."""

Territory = Literal["former", "current"]
"""Which units a 2025 figure is on: the 63 in force until 30 June (`former`) or the 34 since
1 July (`current`)."""

ProgressStatus = Literal[
    "achieved", "on_track", "accelerate", "reverse", "missed", "insufficient_data"
]
"""A target's status (`stkit.progress`), in the order tables show it: the outcome of a target
whose year has come (achieved, missed), else ESCAP's class from the regression, or too few
points."""

Lang = Literal["vi", "en"]
"""Language of every user-facing text: Vietnamese (default) or English."""

COMPARATORS: tuple[Comparator, ...] = get_args(Comparator)
TASK_STATUSES: tuple[TaskStatus, ...] = get_args(TaskStatus)
DIRECTIONS: tuple[Direction, ...] = get_args(Direction)
INDICATOR_KINDS: tuple[IndicatorKind, ...] = get_args(IndicatorKind)
MERGE_RULES: tuple[MergeRule, ...] = get_args(MergeRule)
TERRITORIES: tuple[Territory, ...] = get_args(Territory)
LANGS: tuple[Lang, ...] = get_args(Lang)
PROGRESS_STATUSES: tuple[ProgressStatus, ...] = get_args(ProgressStatus)

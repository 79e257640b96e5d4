"""The frames stkit returns: each output's columns and dtypes, declared once.

Input tables are declared in `stkit.schemas`; this module declares what the library
gives back, so that the CLI, the reports and an analyst can rely on one shape:

- `PROGRESS`: `stkit.assess` / `stkit.progress.assess`, one row per target row;
- `TASK_STATES` and `TASK_COMPLETION`: `stkit.tasks.task_states` and
  `stkit.tasks.summarise_tasks` (commitments);
- `REGISTRY_TASKS` and `PROGRAMMES`: the registry's task tree and programme list
  (`stkit.programmes.tasks_frame`, `programmes_frame`);
- `COVERAGE`: `stkit.coverage.coverage`;
- `PROFILE`: `stkit.index.profile.strengths_weaknesses` (the index profile of a unit).

A test runs each function and compares its output with the spec here.

Examples
--------
>>> from stkit.outputs import TASK_COMPLETION
>>> TASK_COMPLETION.columns[:4]
('programme', 'category', 'lead_unit', 'tasks')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import polars as pl

__all__ = [
    "COVERAGE",
    "OUTPUTS",
    "PROFILE",
    "PROGRAMMES",
    "PROGRESS",
    "PROGRESS_EXTRA_COLUMNS",
    "PROGRESS_PUBLIC_COLUMNS",
    "REGISTRY_TASKS",
    "TASK_COMPLETION",
    "TASK_STATES",
    "FrameSpec",
]

_S = pl.String()
_F = pl.Float64()
_I = pl.Int64()
_B = pl.Boolean()
_D = pl.Date()


@dataclass(frozen=True)
class FrameSpec:
    """An output frame: its name and its columns with their dtypes, in output order."""

    name: str
    dtypes: Mapping[str, pl.DataType]

    @property
    def columns(self) -> tuple[str, ...]:
        """Column names in output order."""
        return tuple(self.dtypes)

    @property
    def schema(self) -> pl.Schema:
        """The polars schema of the frame."""
        return pl.Schema(self.dtypes)

    def empty(self) -> pl.DataFrame:
        """An empty frame with these columns and dtypes."""
        return pl.DataFrame(schema=self.schema)


PROGRESS = FrameSpec(
    "progress",
    {
        "unit": _S,
        "programme": _S,
        "target_id": _S,
        "indicator": _S,
        "baseline_year": _I,
        "baseline_value": _F,
        "latest_year": _I,
        "latest_value": _F,
        "target_year": _I,
        "target_value": _F,
        "share_of_way": _F,
        "expected_share": _F,
        "cagr_actual": _F,
        "cagr_required": _F,
        "cagr_ratio": _F,
        "projected_value": _F,
        "projection_method": _S,
        "regression_value": _F,
        "regression_gap": _F,
        "status": _S,
        "status_method": _S,
        "outcome": _S,
        "trend": _S,
        "attainment_year": _I,
        "opensdg_score": _F,
        "opensdg_status": _S,
        "reason": _S,
        # after the public columns, what `assess` adds
        "illustrative": _B,
        "milestone": _B,
        "comparator": _S,
    },
)
"""Progress toward each target row (docs/progress.md); the public CSV ends at `reason`."""

PROGRESS_PUBLIC_COLUMNS: tuple[str, ...] = PROGRESS.columns[: PROGRESS.columns.index("reason") + 1]
"""The columns of the public progress CSV, in order."""

PROGRESS_EXTRA_COLUMNS: tuple[str, ...] = PROGRESS.columns[len(PROGRESS_PUBLIC_COLUMNS) :]
"""The columns `assess` adds after the public ones."""

TASK_STATES = FrameSpec(
    "task_states",
    {
        "programme": _S,
        "task": _S,
        "title_vi": _S,
        "title_en": _S,
        "category": _S,
        "lead_unit": _S,
        "deadline": _D,
        "status": _S,
        "status_year": _I,
        "reported": _B,
        "due": _B,
        "overdue": _B,
        "evidence": _S,
        "source": _S,
    },
)
"""Each leaf task with its latest status up to the report year."""

TASK_COMPLETION = FrameSpec(
    "task_completion",
    {
        "programme": _S,
        "category": _S,
        "lead_unit": _S,
        "tasks": _I,
        "due": _I,
        "done": _I,
        "in_progress": _I,
        "not_started": _I,
        "dropped": _I,
        "overdue": _I,
        "not_reported": _I,
        "completion_rate": _F,
    },
)
"""Counts and completion (done among due ÷ due) per programme, category and lead unit."""

REGISTRY_TASKS = FrameSpec(
    "registry_tasks",
    {
        "programme": _S,
        "task": _S,
        "parent": _S,
        "title_vi": _S,
        "title_en": _S,
        "category": _S,
        "lead_unit": _S,
        "partner_units": pl.List(pl.String()),
        "deadline": _D,
        "source": _S,
        "branch": _S,
        "deadline_stated": _B,
    },
)
"""The registry's task tree, one row per task in file order."""

PROGRAMMES = FrameSpec(
    "programmes",
    {
        "id": _S,
        "title": _S,
        "unit": _S,
        "period": _S,
        "horizon": _I,
        "legal_basis": _S,
        "targets": _I,
        "tasks": _I,
        "status_entries": _I,
    },
)
"""One row per programme with its counts."""

COVERAGE = FrameSpec(
    "coverage",
    {
        "unit": _S,
        "indicator": _S,
        "year": _I,
        "figure_unit": _S,
        "status": _S,
        "value": _F,
        "source": _S,
    },
)
"""Per unit, indicator and year a report uses: sourced, illustrative or missing."""

PROFILE = FrameSpec(
    "profile",
    {
        "kind": _S,
        "iCode": _S,
        "iName": _S,
        "parent": _S,
        "score": _F,
        "rank": _I,
        "percentile": _F,
    },
)
"""A unit's strengths and weaknesses in the composite index."""

OUTPUTS: Mapping[str, FrameSpec] = {
    spec.name: spec
    for spec in (
        PROGRESS,
        TASK_STATES,
        TASK_COMPLETION,
        REGISTRY_TASKS,
        PROGRAMMES,
        COVERAGE,
        PROFILE,
    )
}
"""Every output frame by name."""

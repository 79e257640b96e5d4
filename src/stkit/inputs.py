"""The bundle of inputs every computation takes: `Inputs`, as `stkit.load` returns it.

Tables have their declared dtypes (`stkit.schemas`) and canonical unit slugs (`hai-phong`,
whatever the file said: `31`, "Hải Phòng", "TP. Hải Phòng"); the units, crosswalk,
programme registry and agencies come from the same data directory. Nothing below the
readers opens a file: progress, the merger, commitments and the index take what they use
from here, as arguments.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

if TYPE_CHECKING:
    from stkit.programmes.model import Registry

__all__ = ["Inputs"]


@dataclass(frozen=True)
class Inputs:
    """The validated input tables and the reference data read with them.

    Attributes
    ----------
    indicators, observations, targets, tasks
        The four input tables, typed, public columns in public order; `tasks` holds the
        task statuses (programme, task, year, status, evidence, source). Observations
        from `illustrative/observations.csv` have `illustrative = true`.
    units
        Both generations of provincial units and the national unit (`level` column).
    crosswalk
        Old unit → new unit (1 July 2025).
    registry
        The programme registry (None when tables were given without a data directory's).
    task_list
        The registry's tasks (programme, task, parent, category, lead_unit, deadline, …).
    agencies
        id, name_vi, name_en, kind, parent, source.
    data_dir
        Absolute path of the data directory read.
    origins
        (table, where it was read from).
    """

    indicators: pl.DataFrame
    observations: pl.DataFrame
    targets: pl.DataFrame
    tasks: pl.DataFrame
    units: pl.DataFrame = field(default_factory=pl.DataFrame)
    crosswalk: pl.DataFrame = field(default_factory=pl.DataFrame)
    registry: Registry | None = None
    task_list: pl.DataFrame = field(default_factory=pl.DataFrame)
    agencies: pl.DataFrame = field(default_factory=pl.DataFrame)
    data_dir: Path | None = None
    origins: tuple[tuple[str, str], ...] = ()

    @property
    def task_status(self) -> pl.DataFrame:
        """The task statuses (same as `tasks`)."""
        return self.tasks

    def summary(self) -> pl.DataFrame:
        """One row per table: table, rows, source."""
        origin = dict(self.origins)
        frames = {
            "indicators": self.indicators,
            "observations": self.observations,
            "targets": self.targets,
            "task_status": self.tasks,
        }
        return pl.DataFrame(
            {
                "table": list(frames),
                "rows": [frame.height for frame in frames.values()],
                "source": [origin.get(name, "") for name in frames],
            }
        )

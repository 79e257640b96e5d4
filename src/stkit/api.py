"""The analyst's path: `load` → `assess` / `commitments` / `build_index` → `write_report`.

Each function takes what it uses as arguments (an `Inputs` bundle, frames) and opens no
file itself, except `write_report`, which renders and writes a report.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

if TYPE_CHECKING:
    from stkit.i18n import Lang
    from stkit.index.config import IndexConfig
    from stkit.index.result import IndexResult
    from stkit.inputs import Inputs
    from stkit.reports.batch import RunResult

__all__ = ["assess", "build_index", "commitments", "write_report"]


def assess(
    inputs: Inputs,
    *,
    year: int,
    unit: str | None = None,
    programme: str | None = None,
) -> pl.DataFrame:
    """Assess every target of `inputs` (or one unit's, one programme's) as of `year`.

    Parameters
    ----------
    inputs
        As `stkit.load` returns them; targets, observations, indicators and the crosswalk
        are taken from it.
    year
        Report year: observations up to this year count.
    unit
        Only targets of this unit (any key `stkit.units.unit_key` accepts).
    programme
        Only targets of this programme.

    Returns
    -------
    polars.DataFrame
        One row per target row: `stkit.progress.PROGRESS_COLUMNS` then `EXTRA_COLUMNS`.

    Examples
    --------
    >>> import stkit
    >>> progress = stkit.assess(stkit.load(), year=2025)
    >>> "hai-phong" in progress["unit"].to_list()
    True
    """
    from stkit import progress  # noqa: PLC0415 - keeps `import stkit` light
    from stkit.units import slugs_named  # noqa: PLC0415

    targets = inputs.targets
    if unit is not None:
        targets = targets.filter(pl.col("unit").is_in(slugs_named(unit, inputs.units)))
    if programme is not None:
        targets = targets.filter(pl.col("programme") == programme)
    return progress.assess(
        targets, inputs.observations, inputs.indicators, year=year, crosswalk=inputs.crosswalk
    )


def commitments(inputs: Inputs, *, year: int, detail: bool = False) -> pl.DataFrame:
    """Commitments (tasks) as of 31 December of `year`: the roll-up, or each task with `detail`.

    Dropped tasks are excluded from the completion denominator (never due) and counted in
    their own `dropped` column. See `stkit.tasks` (the one computation).

    Examples
    --------
    >>> import stkit
    >>> summary = stkit.commitments(stkit.load(), year=2025)
    >>> "P1" in summary["programme"].to_list()
    True
    """
    from stkit.tasks import summarise_tasks, task_states  # noqa: PLC0415

    if detail:
        return task_states(inputs.task_list, inputs.tasks, year=year)
    return summarise_tasks(inputs.task_list, inputs.tasks, year=year)


def build_index(
    idata: pl.DataFrame, imeta: pl.DataFrame, config: IndexConfig | None = None
) -> IndexResult:
    """Build a composite index (COINr-style iData / iMeta) with `config`'s method.

    Same as `stkit.index.build`; see docs/index-method.md.
    """
    from stkit.index import build  # noqa: PLC0415

    return build(idata, imeta, config)


def write_report(
    unit: str,
    *,
    year: int | None = None,
    lang: Lang = "vi",
    out: str | Path = "reports",
    data_dir: str | Path | None = None,
) -> RunResult:
    """Render one unit's report into `out/<slug>/<year>/<lang>/` (HTML and its figures).

    `unit` is a unit in force since 1 July 2025 (slug, code or name); relative paths are
    resolved against the current folder.
    """
    from stkit.reports.batch import report_one  # noqa: PLC0415

    folder = Path(data_dir).resolve() if data_dir is not None else None
    return report_one(unit, year=year, lang=lang, out=Path(out).resolve(), data_dir=folder)

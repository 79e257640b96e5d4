"""`stkit.load`: read and validate a data directory into one frozen `Inputs`.

The readers are the only place a file is opened. Observations come from
`observations.csv` and, when present, `illustrative/observations.csv` (rows that are
illustrative live apart from sourced ones; an illustrative row may never shadow a sourced
row of the same unit, indicator, period and territory). Unit keys are made canonical (slugs
of the unit in force in the row's period, on the row's `territory` when it gives one) once,
here; `territory` itself is kept as given (empty = by period, `stkit.units.period_date`).

Validate what is given: the registry's targets and task statuses are checked only when the
registry is in play, i.e. when the data directory's own indicator catalogue is used (or
`registry=True`). A planner's own catalogue and observations validate on their own.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import polars as pl

from stkit import units as unit_tables
from stkit.datadir import resolve_data_dir
from stkit.inputs import Inputs
from stkit.readers import ROW, NumberFormat, RawTable, ReadProblem, ReadProblems, frame_to_raw
from stkit.readers import read_raw as _read_raw
from stkit.schemas import TABLES
from stkit.validation import (
    TABLE_ORDER,
    Problem,
    Reference,
    ValidationFailed,
    from_read_problem,
    sheet_of,
    today_in_vietnam,
    validate_tables,
)

__all__ = ["ILLUSTRATIVE_OBSERVATIONS", "load"]

ILLUSTRATIVE_OBSERVATIONS = "illustrative/observations.csv"
"""Illustrative observations, kept apart from the sourced `observations.csv`."""


def load(
    data_dir: str | Path | None = None,
    *,
    indicators: str | Path | None = None,
    observations: str | Path | None = None,
    targets: str | Path | None = None,
    tasks: str | Path | None = None,
    number_format: NumberFormat | None = None,
    reference: Reference | None = None,
    registry: bool | None = None,
    today: dt.date | None = None,
) -> Inputs:
    """Read and validate a data directory; raise `ValidationFailed` listing every problem.

    Parameters
    ----------
    data_dir
        Folder laid out like stkit's `data/` (relative paths allowed); default: the shipped
        data set.
    indicators, observations, targets, tasks
        Files (CSV, XLSX or Parquet) overriding the data directory's tables.
    number_format
        Decimal comma etc. for CSV files.
    reference
        Units, crosswalk and registry to check against (default: read from `data_dir`).
    registry
        Whether the registry's targets and task statuses are in play when no targets /
        tasks file is given; default: only with the data directory's own catalogue.
    today
        Reference date for "not in the future" (default: today in Vietnam).

    Returns
    -------
    Inputs
        Typed tables with canonical unit slugs, plus units, crosswalk and registry.

    Examples
    --------
    >>> import stkit
    >>> inputs = stkit.load()
    >>> inputs.observations.filter(unit="hai-phong").height > 0
    True
    """
    from stkit import programmes  # noqa: PLC0415 - the registry loader imports the readers

    root = resolve_data_dir(data_dir).resolve()
    loaded = None
    if reference is None:
        loaded = programmes.load_registry(root)
        reference = Reference(
            units=unit_tables.load_units(root, national=True),
            crosswalk=unit_tables.load_crosswalk(root),
            programmes=tuple(loaded.ids),
            tasks=programmes.tasks_frame(loaded).select("programme", "task"),
            programme_targets=programmes.targets_frame(loaded),
            programme_task_status=programmes.task_status_frame(loaded),
        )
    in_play = registry if registry is not None else indicators is None
    year = (today or today_in_vietnam()).year
    files: dict[str, str | Path | None] = {
        "indicators": indicators if indicators is not None else root / "indicators.csv",
        "observations": observations if observations is not None else root / "observations.csv",
        "targets": targets,
        "task_status": tasks,
    }
    registry_frames = {
        "targets": reference.programme_targets,
        "task_status": reference.programme_task_status,
    }
    problems: list[Problem | pl.DataFrame] = []
    raws: dict[str, RawTable] = {}
    for table in TABLE_ORDER:
        path = files[table]
        if path is None and not in_play:
            continue
        if path is None:
            frame = registry_frames[table]
            keep = [c for c in TABLES[table].names if c in frame.columns]
            raws[table] = frame_to_raw(
                frame.select(keep), file=str(root / "programmes"), first_row=None
            )
            continue
        raw = _read(table, path, number_format, problems)
        if raw is not None:
            raws[table] = raw
    typed, found = validate_tables(raws, reference, current_year=year)
    if found.height:  # problems stay one frame; only those shown become objects
        problems.append(found)
    extra = root / ILLUSTRATIVE_OBSERVATIONS
    illustrative = None
    if observations is None and extra.is_file():
        illustrative = _illustrative(extra, raws, reference, year, number_format, problems)
    if problems and illustrative is None:  # nothing more to check: no canonical slugs needed
        raise ValidationFailed(problems)
    units = reference.units
    observed = _canonical(typed["observations"], units, "period")
    if illustrative is not None:
        frame, raw = illustrative
        problems.extend(_shadowing(observed, frame, raw))
        observed = pl.concat([observed, frame.drop(ROW)], how="vertical_relaxed")
    if problems:
        raise ValidationFailed(problems)
    return Inputs(
        indicators=typed["indicators"],
        observations=observed,
        targets=_canonical(typed["targets"], units, "year"),
        tasks=typed["task_status"],
        units=units,
        crosswalk=reference.crosswalk,
        registry=loaded,
        task_list=programmes.tasks_frame(loaded) if loaded is not None else pl.DataFrame(),
        agencies=_agencies(loaded),
        data_dir=root,
        origins=tuple((table, raws[table].file) for table in TABLE_ORDER if table in raws),
    )


def _read(
    table: str,
    path: str | Path,
    number_format: NumberFormat | None,
    problems: list[Problem | pl.DataFrame],
) -> RawTable | None:
    try:
        return _read_raw(path, sheet=sheet_of(Path(path), table), number_format=number_format)
    except ReadProblems as error:
        problems.extend(from_read_problem(table, p) for p in error.problems)
    except ReadProblem as error:
        problems.append(from_read_problem(table, error))
    return None


def _illustrative(
    path: Path,
    raws: dict[str, RawTable],
    reference: Reference,
    year: int,
    number_format: NumberFormat | None,
    problems: list[Problem | pl.DataFrame],
) -> tuple[pl.DataFrame, RawTable] | None:
    """The illustrative observations, typed, canonical, flagged, with their file rows."""
    raw = _read("observations", path, number_format, problems)
    if raw is None:
        return None
    given = {"observations": raw}
    if "indicators" in raws:
        given["indicators"] = raws["indicators"]
    typed, found = validate_tables(given, reference, current_year=year)
    found = found.filter(pl.col("table") == "observations")
    if found.height:
        problems.append(found)
    frame = _canonical(typed["observations"], reference.units, "period")
    if frame.height != raw.frame.height:
        return None
    return frame.with_columns(
        pl.lit(value=True).alias("illustrative"), raw.frame[ROW].alias(ROW)
    ), raw


def _shadowing(sourced: pl.DataFrame, illustrative: pl.DataFrame, raw: RawTable) -> list[Problem]:
    """Illustrative rows whose (unit, indicator, period, territory) also has a sourced row."""
    key = ["unit", "indicator", "period", "territory"]
    hits = illustrative.join(
        sourced.select(key).unique(), on=key, how="semi", nulls_equal=True
    ).sort(ROW)
    return [
        Problem(
            table="observations",
            file=raw.file,
            sheet=raw.sheet,
            row=int(row[ROW]),
            column="unit",
            value=str(row["unit"]),
            rule="illustrative_shadows_sourced",
            params=(("indicator", str(row["indicator"])), ("period", str(row["period"]))),
        )
        for row in hits.iter_rows(named=True)
    ]


def _canonical(frame: pl.DataFrame, units: pl.DataFrame, period: str) -> pl.DataFrame:
    """`frame` with each unit key replaced by the slug of the unit in force in its period.

    The period's day is `stkit.units.period_date`'s, with the row's `territory` if any.
    """
    if frame.height == 0 or "unit" not in frame.columns:
        return frame
    slugs = unit_tables.canonical_slugs(frame, units, period=period, territory="territory")
    return frame.with_columns(pl.coalesce(slugs, pl.col("unit")).alias("unit"))


def _agencies(registry: object) -> pl.DataFrame:
    schema = {
        "id": pl.String,
        "name_vi": pl.String,
        "name_en": pl.String,
        "kind": pl.String,
        "parent": pl.String,
        "source": pl.String,
    }
    agencies = getattr(registry, "agencies", ())
    rows = [{name: getattr(a, name) for name in schema} for a in agencies]
    return pl.DataFrame(rows, schema=schema, orient="row")

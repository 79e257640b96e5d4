"""`stkit progress` and `stkit tasks`: progress of every target, and commitments roll-ups."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import polars as pl
import typer

from stkit._load import load
from stkit.cli._context import data_dir_of, messages_in
from stkit.cli._output import Format, emit
from stkit.errors import StkitError
from stkit.i18n.messages import error, text
from stkit.programmes import load_registry, task_status_frame, tasks_frame
from stkit.progress import PROGRESS_COLUMNS, assess
from stkit.tasks import summarise_tasks, task_states
from stkit.units import slugs_named

FormatOption = Annotated[Format, typer.Option("--format", help="table, csv or json.")]
ProgrammeOption = Annotated[
    str | None, typer.Option("--programme", help="Only this programme, e.g. P1.")
]
YearOption = Annotated[
    int | None,
    typer.Option("--year", help="Report year (default: the latest year with an observation)."),
]

_DEFAULT_TASK_YEAR = 2025


def _latest_period(observations: pl.DataFrame) -> int:
    periods = observations.get_column("period").drop_nulls()
    if periods.len() == 0:
        raise StkitError(error("no_observations_year"))
    return int(str(periods.max()))


def progress(
    ctx: typer.Context,
    targets: Annotated[
        Path | None,
        typer.Option("--targets", help="Targets file (CSV/XLSX) instead of the registry's."),
    ] = None,
    observations: Annotated[
        Path | None,
        typer.Option("--observations", help="Observations file instead of the data set's."),
    ] = None,
    indicators: Annotated[
        Path | None,
        typer.Option("--indicators", help="Indicator catalogue file instead of the data set's."),
    ] = None,
    unit: Annotated[
        str | None, typer.Option("--unit", help="Only targets of this unit (slug).")
    ] = None,
    programme: ProgrammeOption = None,
    year: YearOption = None,
    fmt: FormatOption = Format.table,
) -> None:
    """How far each target is, whether it will be met, and its trend."""
    inputs = load(
        data_dir_of(ctx),
        indicators=indicators,
        observations=observations,
        targets=targets,
        registry=targets is None,
    )
    chosen = inputs.targets
    if programme is not None:
        chosen = chosen.filter(pl.col("programme") == programme)
    if unit is not None:
        chosen = chosen.filter(pl.col("unit").is_in(slugs_named(unit, inputs.units)))
    if chosen.height == 0:
        chosen_by = {
            lang: (text("no_target_programme", lang, programme=programme) if programme else "")
            + (text("no_target_unit", lang, unit=unit) if unit else "")
            for lang in ("vi", "en")
        }
        raise StkitError(
            error("no_target_matches", chosen_vi=chosen_by["vi"], chosen_en=chosen_by["en"])
        )
    report_year = year if year is not None else _latest_period(inputs.observations)
    result = assess(
        chosen,
        inputs.observations,
        inputs.indicators,
        year=report_year,
        crosswalk=inputs.crosswalk,
    )
    emit(result.select(*PROGRESS_COLUMNS, "illustrative", "milestone"), fmt)
    if result.get_column("illustrative").any():
        typer.echo(text("illustrative_note", messages_in()), err=True)


def tasks(
    ctx: typer.Context,
    programme: ProgrammeOption = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            help="Report year, status as of 31 December (default: the latest year with a status).",
        ),
    ] = None,
    detail: Annotated[
        bool, typer.Option("--detail", help="One row per task instead of the roll-up.")
    ] = False,
    fmt: FormatOption = Format.table,
) -> None:
    """Commitments: due, done, in progress, overdue and completion rate, or each task's status."""
    registry = load_registry(data_dir_of(ctx))
    if programme is not None:
        registry.get(programme)
    task_list = tasks_frame(registry, programme)
    statuses = task_status_frame(registry, programme)
    if year is None:
        years = statuses.get_column("year").drop_nulls()
        year = int(str(years.max())) if years.len() else _DEFAULT_TASK_YEAR
    if detail:
        emit(task_states(task_list, statuses, year=year), fmt)
    else:
        emit(summarise_tasks(task_list, statuses, year=year), fmt)


def register(app: typer.Typer) -> None:
    """Add `progress` and `tasks` to the `stkit` command."""
    app.command("progress")(progress)
    app.command("tasks")(tasks)

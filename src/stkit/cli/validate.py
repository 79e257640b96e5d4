"""`stkit validate` (check input tables) and `stkit template` (write a data-collection workbook)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import polars as pl
import typer

from stkit._load import ILLUSTRATIVE_OBSERVATIONS, load
from stkit.cli._context import command_lang, data_dir_of
from stkit.cli._output import Format, emit
from stkit.errors import DataFileError
from stkit.i18n import messages
from stkit.index import read_idata, read_imeta
from stkit.index.pipeline import raw_matrix
from stkit.index.structure import structure_from_imeta
from stkit.inputs import Inputs
from stkit.readers import NumberFormat
from stkit.templates import write_template
from stkit.validation import ValidationFailed


class DecimalMark(StrEnum):
    """Decimal separator declared for CSV files."""

    point = "."
    comma = ","


def validate(
    ctx: typer.Context,
    indicators: Annotated[
        Path | None, typer.Option("--indicators", help="Indicator catalogue file.")
    ] = None,
    observations: Annotated[
        Path | None, typer.Option("--observations", help="Observations file.")
    ] = None,
    targets: Annotated[Path | None, typer.Option("--targets", help="Targets file.")] = None,
    tasks: Annotated[Path | None, typer.Option("--tasks", help="Task-status file.")] = None,
    idata: Annotated[
        Path | None, typer.Option("--idata", help="Index data in COINr's iData format.")
    ] = None,
    imeta: Annotated[
        Path | None, typer.Option("--imeta", help="Index structure in COINr's iMeta format.")
    ] = None,
    data_dir: Annotated[
        Path | None,
        typer.Option("--data-dir", help="Data directory (overrides the global --data-dir)."),
    ] = None,
    decimal: Annotated[
        DecimalMark | None,
        typer.Option(
            "--decimal",
            help="Decimal separator of CSV files: '.' (default) or ',' (Vietnamese style).",
        ),
    ] = None,
    thousands: Annotated[
        bool,
        typer.Option(
            "--thousands/--no-thousands",
            help="With --decimal ',': dots group thousands (1.234,5).",
        ),
    ] = False,
    lang: Annotated[
        str | None, typer.Option("--lang", help="Language of the problems listed: vi or en.")
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """Check the input tables; list every problem (exit 2) or one summary line per table.

    Without file options the data directory's indicators.csv and observations.csv
    (and illustrative/observations.csv) and the programme registry's targets and task
    statuses are checked. Validate what is given: with your own --indicators catalogue,
    the registry's targets are not checked against it (give --targets to check yours).
    An .xlsx file is read from the sheet named after its table (observations, task_status, ...).
    """
    language = command_lang(ctx, lang)
    number_format = None
    if decimal is not None:
        grouping = ("." if decimal is DecimalMark.comma else ",") if thousands else ""
        number_format = NumberFormat(decimal=decimal.value, thousands=grouping)  # type: ignore[arg-type]
    try:
        inputs = load(
            data_dir_of(ctx, data_dir),
            indicators=indicators,
            observations=observations,
            targets=targets,
            tasks=tasks,
            number_format=number_format,
        )
    except ValidationFailed as failed:
        frame = failed.frame(language).drop("table")
        if fmt is Format.table:
            frame = frame.with_columns(pl.col("sheet", "column", "value").fill_null(""))
        emit(frame, fmt)
        typer.echo(messages.text("validate_failed", language, count=failed.count), err=True)
        raise typer.Exit(2) from None
    summary = pl.concat([inputs.summary(), illustrative_summary(inputs)], how="vertical_relaxed")
    if idata is not None or imeta is not None:
        summary = pl.concat([summary, index_summary(idata, imeta)], how="vertical_relaxed")
    if fmt is Format.table:
        for record in summary.iter_rows(named=True):
            if record["table"] == ILLUSTRATIVE_TABLE:
                key = "validate_illustrative"
            elif record["source"]:
                key = "validate_summary"
            else:
                key = "validate_not_checked"
            typer.echo(messages.text(key, language, **record))
    else:
        emit(summary, fmt)


ILLUSTRATIVE_TABLE = "illustrative_observations"
"""Summary row of the illustrative observations read with the sourced ones."""


def illustrative_summary(inputs: Inputs) -> pl.DataFrame:
    """One summary row for the illustrative observations read, if any (else no row).

    They are counted within the observations row too; this row names their file.
    """
    rows = 0
    if "illustrative" in inputs.observations.columns:
        rows = int(inputs.observations["illustrative"].fill_null(value=False).sum())
    source = str(inputs.data_dir / ILLUSTRATIVE_OBSERVATIONS) if inputs.data_dir else ""
    return pl.DataFrame(
        {"table": [ILLUSTRATIVE_TABLE], "rows": [rows], "source": [source]},
        schema={"table": pl.String, "rows": pl.Int64, "source": pl.String},
    ).filter(pl.col("rows") > 0)


def index_summary(idata: Path | None, imeta: Path | None) -> pl.DataFrame:
    """Check index tables in COINr's formats; with both, every iMeta indicator must be in iData.

    Raises `DataFileError` (exit 2) on the first broken table.
    """
    rows: list[dict[str, object]] = []
    meta = None
    if imeta is not None:
        meta = read_imeta(imeta)
        structure_from_imeta(meta, str(imeta))
        rows.append({"table": "imeta", "rows": meta.height, "source": str(imeta)})
    if idata is not None:
        data = read_idata(idata)
        if meta is not None:
            try:
                raw_matrix(data, structure_from_imeta(meta, str(imeta)))
            except DataFileError as error:
                raise DataFileError(
                    idata,
                    error.message,
                    fix=error.fix,
                    message_vi=error.message_vi,
                    fix_vi=error.fix_vi,
                ) from None
        rows.append({"table": "idata", "rows": data.height, "source": str(idata)})
    return pl.DataFrame(rows, schema={"table": pl.String, "rows": pl.Int64, "source": pl.String})


def template(
    ctx: typer.Context,
    programme: Annotated[str, typer.Option("--programme", help="Programme id, e.g. P1.")],
    year: Annotated[int, typer.Option("--year", help="Reporting year.")],
    out: Annotated[Path, typer.Option("--out", dir_okay=False, help="Workbook to write (.xlsx).")],
    data_dir: Annotated[
        Path | None,
        typer.Option("--data-dir", help="Data directory (overrides the global --data-dir)."),
    ] = None,
) -> None:
    """Write an Excel workbook for a department to fill in for one programme and year."""
    path = write_template(out, programme=programme, year=year, data_dir=data_dir_of(ctx, data_dir))
    typer.echo(f"{path}")


def register(app: typer.Typer) -> None:
    """Add `validate` and `template` to the `stkit` command."""
    app.command("validate")(validate)
    app.command("template")(template)

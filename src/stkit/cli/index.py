"""`stkit index`: build a composite index, test its robustness, profile a unit.

IDATA, IMETA and --config default to the PII files shipped with stkit (the indicator
values there are illustrative).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import polars as pl
import typer

from stkit.cli._context import data_dir_of, messages_in
from stkit.cli._output import Format, emit
from stkit.i18n.messages import text
from stkit.index import IndexResult, build, load_config, read_idata, read_imeta
from stkit.index.config import IndexConfig
from stkit.index.output import write_tables
from stkit.index.pii import IDATA_FILE, IMETA_FILE, METHOD_FILE, pii_file
from stkit.index.profile import strengths_weaknesses, unit_scores
from stkit.index.uncertainty import uncertainty

index_app = typer.Typer(
    name="index",
    help="Composite index (COINr-compatible): build, uncertainty, unit profile.",
    no_args_is_help=True,
)

IdataArg = Annotated[
    Path | None,
    typer.Argument(help="iData table (CSV/XLSX/Parquet). Default: shipped illustrative PII data."),
]
ImetaArg = Annotated[
    Path | None, typer.Argument(help="iMeta table. Default: shipped PII structure.")
]
ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", help="Method TOML file. Default: shipped data/pii/method.toml."),
]


def _inputs(
    ctx: typer.Context, idata: Path | None, imeta: Path | None, config: Path | None
) -> tuple[pl.DataFrame, pl.DataFrame, IndexConfig]:
    data_dir = data_dir_of(ctx)
    idata_path = idata or pii_file(IDATA_FILE, data_dir)
    imeta_path = imeta or pii_file(IMETA_FILE, data_dir)
    config_path = config or pii_file(METHOD_FILE, data_dir)
    return read_idata(idata_path), read_imeta(imeta_path), load_config(config_path)


def _stage_tables(result: IndexResult) -> dict[str, pl.DataFrame]:
    tables = {f"stage_{name}": frame for name, frame in result.stages.items()}
    tables |= {
        "scores": result.scores,
        "ranks": result.ranks,
        "treatment_details": result.treatment,
    }
    if result.efficiency is not None:
        tables["efficiency"] = result.efficiency
    return tables


@index_app.command("build")
def build_command(
    ctx: typer.Context,
    idata: IdataArg = None,
    imeta: ImetaArg = None,
    config: ConfigOpt = None,
    out: Annotated[Path, typer.Option("--out", help="Folder for the CSV files.")] = Path(
        "index-out"
    ),
) -> None:
    """Build the index; write one CSV per stage, scores.csv and ranks.csv into --out."""
    result = build(*_inputs(ctx, idata, imeta, config))
    written = write_tables(out, _stage_tables(result))
    typer.echo(result.summary())
    typer.echo(text("index_wrote", messages_in(), count=len(written), out=out))


@index_app.command("uncertainty")
def uncertainty_command(
    ctx: typer.Context,
    idata: IdataArg = None,
    imeta: ImetaArg = None,
    config: ConfigOpt = None,
    runs: Annotated[
        int | None, typer.Option("--runs", help="Monte Carlo runs (default: the file's).")
    ] = None,
    seed: Annotated[
        int | None, typer.Option("--seed", help="Random seed (default: the file's).")
    ] = None,
    out: Annotated[Path, typer.Option("--out", help="Folder for the CSV files.")] = Path(
        "index-uncertainty"
    ),
) -> None:
    """Monte Carlo over the method's [uncertainty] choices; write rank_stats.csv, sensitivity.csv."""
    frame, meta, method = _inputs(ctx, idata, imeta, config)
    result = uncertainty(frame, meta, method, runs=runs, seed=seed)
    write_tables(out, {"rank_stats": result.rank_stats, "sensitivity": result.sensitivity})
    runs_done, units = result.ranks.shape[0], len(result.units)
    typer.echo(text("index_runs", messages_in(), runs=runs_done, units=units, out=out))
    emit(result.sensitivity, Format.table)


@index_app.command("profile")
def profile_command(
    ctx: typer.Context,
    unit: Annotated[str, typer.Argument(help="The unit's uCode (for PII data: its slug).")],
    idata: IdataArg = None,
    imeta: ImetaArg = None,
    config: ConfigOpt = None,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """Print a unit's scores and ranks on every aggregate, then its strengths and weaknesses."""
    result = build(*_inputs(ctx, idata, imeta, config))
    scores = unit_scores(result, unit)
    profile = strengths_weaknesses(result, unit)
    if fmt is Format.table:
        typer.echo(text("index_scores", messages_in(), unit=unit))
        emit(scores, fmt)
        typer.echo(text("index_profile", messages_in()))
        emit(profile, fmt)
    else:
        emit(
            pl.concat(
                [
                    scores.with_columns(pl.lit("score").alias("kind")),
                    profile.select("kind", "iCode", "iName", "score", "rank"),
                ],
                how="diagonal_relaxed",
            ),
            fmt,
        )


def register(app: typer.Typer) -> None:
    """Add the `index` command group."""
    app.add_typer(index_app)

"""`stkit data coverage`: which figures a report uses are sourced, illustrative or missing."""

from __future__ import annotations

from typing import Annotated

import polars as pl
import typer

from stkit._load import load
from stkit.cli._context import data_dir_of
from stkit.cli._output import Format, emit
from stkit.coverage import coverage
from stkit.errors import StkitError
from stkit.i18n.messages import error
from stkit.index.pii import PII_DIR, RESULTS_FILE, load_pii_results
from stkit.schemas import EARLIEST_YEAR, LATEST_TARGET_YEAR

FIRST_YEAR = 2020
"""First year a report shows by default."""

data_app = typer.Typer(
    name="data",
    help="The shipped figures: where they come from and what is still missing.",
    no_args_is_help=True,
)


@data_app.command("coverage")
def coverage_command(
    ctx: typer.Context,
    unit: Annotated[
        str | None,
        typer.Option("--unit", help="Only this report unit (slug), e.g. hai-phong."),
    ] = None,
    year: Annotated[
        int | None, typer.Option("--year", help="Only this year (default: 2020 to the latest).")
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """List, per indicator, unit and year a report uses, whether the figure is sourced,
    illustrative or missing (figures up to 2025 are counted on the old units; published
    PII results in data/pii count as sourced)."""
    root = data_dir_of(ctx)
    inputs = load(root)
    crosswalk = inputs.crosswalk
    registry = inputs.registry
    units = sorted({item.unit for item in registry.programmes}) if registry is not None else []
    if unit is not None:
        known = set(crosswalk["new_slug"].to_list()) | set(units)
        if unit not in known:
            raise StkitError(error("option_unit_unknown", value=repr(unit)))
        units = [unit]
    periods = inputs.observations["period"].drop_nulls()
    last = int(periods.max()) if periods.len() else FIRST_YEAR  # type: ignore[arg-type]
    if year is not None:
        if not EARLIEST_YEAR <= year <= LATEST_TARGET_YEAR:
            raise StkitError(error("option_year_implausible", value=year))
        years = [year]
    else:
        years = list(range(FIRST_YEAR, max(last, FIRST_YEAR) + 1))
    published = load_pii_results(root) if (root / PII_DIR / RESULTS_FILE).is_file() else None
    table = coverage(
        inputs.observations,
        inputs.targets,
        inputs.indicators,
        crosswalk,
        units=units,
        years=years,
        pii_results=published,
    )
    emit(table.with_columns(pl.col("value").round(4)), fmt)


def register(app: typer.Typer) -> None:
    """Add the `data` command group to the `stkit` command."""
    app.add_typer(data_app, name="data")

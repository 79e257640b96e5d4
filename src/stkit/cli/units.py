"""`stkit units`: the provincial units in force on a date, and the crosswalk of 1 July 2025."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import polars as pl
import typer

from stkit.cli._context import data_dir_of
from stkit.cli._output import Format, emit
from stkit.errors import StkitError
from stkit.i18n import today_in_vietnam
from stkit.i18n.messages import error
from stkit.units import load_crosswalk, load_units, resolve_unit

_LIST_COLUMNS = ("code", "slug", "name_vi", "name_en", "region")
_CROSSWALK_COLUMNS = ("old_code", "old_slug", "new_code", "new_slug")

units_app = typer.Typer(
    name="units",
    help="Provincial units in force on a date (63 until 30 June 2025, 34 since 1 July 2025).",
    invoke_without_command=True,
    no_args_is_help=False,
)


def _parse_day(text: str | None) -> dt.date:
    if text is None:
        return today_in_vietnam()
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        raise StkitError(error("option_date_invalid", option="--as-of", value=repr(text))) from None


@units_app.callback()
def list_units(
    ctx: typer.Context,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="YYYY-MM-DD",
            help="List the units in force on this day (default: today, Vietnam time).",
        ),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """List the provincial units in force on a day: code, slug, names, region."""
    if ctx.invoked_subcommand is not None:
        return
    day = _parse_day(as_of)
    units = load_units(data_dir_of(ctx), as_of=day).sort("code")
    if units.height == 0:
        raise StkitError(error("units_none_in_force", day=day.isoformat()))
    emit(units.select(_LIST_COLUMNS), fmt)


@units_app.command("crosswalk")
def crosswalk(
    ctx: typer.Context,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """Show which new unit (since 1 July 2025) each of the 63 old units became part of."""
    table = load_crosswalk(data_dir_of(ctx)).sort("old_code")
    emit(table.select(_CROSSWALK_COLUMNS), fmt)


@units_app.command("find")
def find(
    ctx: typer.Context,
    key: Annotated[str, typer.Argument(help="Slug, official code or name, e.g. 'TP. Hải Phòng'.")],
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", metavar="YYYY-MM-DD", help="Day (default: today, Vietnam time)."),
    ] = None,
    fmt: Annotated[Format, typer.Option("--format", help="Output format.")] = Format.table,
) -> None:
    """Resolve what you typed to the unit in force on a day (exit 2 with a hint if none)."""
    unit = resolve_unit(key, on=_parse_day(as_of), data_dir=data_dir_of(ctx))
    row = {c: getattr(unit, c) for c in (*_LIST_COLUMNS, "level")}
    emit(pl.DataFrame([row]), fmt)


def register(app: typer.Typer) -> None:
    """Add the `units` command group to the `stkit` command."""
    app.add_typer(units_app, name="units")

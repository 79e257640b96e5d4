"""`stkit programmes`: list, show, and export targets, tasks and task statuses of a programme."""

from __future__ import annotations

from typing import Annotated

import polars as pl
import typer

from stkit.cli._context import command_lang, data_dir_of
from stkit.cli._output import Format, emit
from stkit.programmes import (
    load_registry,
    programmes_frame,
    targets_frame,
    task_status_frame,
    tasks_frame,
)
from stkit.programmes.model import Registry
from stkit.programmes.summary import summary

programmes_app = typer.Typer(
    name="programmes",
    help="The programme registry: programmes, targets, tasks and their statuses.",
    no_args_is_help=True,
)

LangOption = Annotated[str | None, typer.Option("--lang", help="Language: vi or en.")]
FormatOption = Annotated[Format, typer.Option("--format", help="table, csv or json.")]
IdArgument = Annotated[str, typer.Argument(help="Programme id, e.g. P1 (see `programmes list`).")]


def _registry(ctx: typer.Context) -> Registry:
    return load_registry(data_dir_of(ctx))


@programmes_app.command("list")
def list_programmes(
    ctx: typer.Context, lang: LangOption = None, fmt: FormatOption = Format.table
) -> None:
    """List the programmes with their unit, period, legal basis and counts."""
    language = command_lang(ctx, lang)
    frame = programmes_frame(_registry(ctx), lang=language)
    if Format(fmt) is Format.table:
        frame = frame.with_columns(pl.col("horizon").cast(pl.String).fill_null("–"))
    emit(frame, fmt)


@programmes_app.command("show")
def show(ctx: typer.Context, programme: IdArgument, lang: LangOption = None) -> None:
    """Show one programme as text: legal basis, parties, targets, task tree, statuses, sources."""
    language = command_lang(ctx, lang)
    typer.echo(summary(_registry(ctx), programme, language), nl=False)


@programmes_app.command("targets")
def targets(ctx: typer.Context, programme: IdArgument, fmt: FormatOption = Format.table) -> None:
    """Export a programme's targets in the public targets format."""
    emit(targets_frame(_registry(ctx), programme), fmt)


@programmes_app.command("tasks")
def tasks(
    ctx: typer.Context,
    programme: IdArgument,
    fmt: FormatOption = Format.table,
    status: Annotated[
        bool, typer.Option("--status", help="Show the dated status entries instead.")
    ] = False,
    lang: LangOption = None,
) -> None:
    """Export a programme's task tree (or, with --status, its status entries)."""
    language = command_lang(ctx, lang)
    registry = _registry(ctx)
    if status:
        emit(task_status_frame(registry, programme, lang=language), fmt)
        return
    frame = tasks_frame(registry, programme)
    if Format(fmt) is not Format.json:
        frame = frame.with_columns(frame["partner_units"].list.join(";"))
    emit(frame, fmt)


@programmes_app.command("status")
def status(
    ctx: typer.Context,
    programme: IdArgument,
    fmt: FormatOption = Format.table,
    lang: LangOption = None,
) -> None:
    """Export a programme's task status entries in the public task-status format."""
    language = command_lang(ctx, lang)
    emit(task_status_frame(_registry(ctx), programme, lang=language), fmt)


def register(app: typer.Typer) -> None:
    """Add `stkit programmes` to the main command."""
    app.add_typer(programmes_app)

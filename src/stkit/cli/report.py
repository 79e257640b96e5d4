"""`stkit report`: per-city progress reports (one unit, or every unit plus the overview)."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Annotated

import typer

from stkit.cli._context import CliState, data_dir_of
from stkit.errors import StkitError
from stkit.i18n import Lang, check_lang

DEFAULT_OUT = Path("reports")


def _default_workers() -> int:
    """A modest default: as many kernels as cores, at most four."""
    return max(1, min(4, os.cpu_count() or 1))


def report(
    ctx: typer.Context,
    unit: Annotated[
        str | None,
        typer.Argument(help="Unit slug (hai-phong) or official code (31). Omit with --all."),
    ] = None,
    all_units: Annotated[
        bool, typer.Option("--all", help="Report on every unit in force, plus the overview.")
    ] = False,
    year: Annotated[
        int | None,
        typer.Option(
            "--year", help="Report year (default: the latest year with observations).", min=1900
        ),
    ] = None,
    lang: Annotated[str, typer.Option("--lang", help="Language: vi (default) or en.")] = "vi",
    data_dir: Annotated[
        Path | None, typer.Option("--data-dir", help="Data directory (default: shipped data).")
    ] = None,
    out: Annotated[
        Path, typer.Option("--out", help="Output folder; reports go to OUT/<unit>/<year>/.")
    ] = DEFAULT_OUT,
    workers: Annotated[
        int | None,
        typer.Option("--workers", min=1, max=32, help="Reports made at once (with --all)."),
    ] = None,
    formats: Annotated[
        str,
        typer.Option(
            "--format",
            help="Formats to write, comma-separated: html, pdf (A4), docx (Word draft).",
        ),
    ] = "html,pdf,docx",
) -> None:
    """Write a unit's progress report (HTML, A4 PDF, Word draft, notebook, headline figures) offline."""
    from stkit.reports import batch  # noqa: PLC0415 - keeps other commands' start-up light
    from stkit.reports.runner import FORMATS, RunOptions  # noqa: PLC0415 - idem

    try:
        chosen_lang = check_lang(lang)
    except ValueError as error:
        raise StkitError(f"--lang: {error}") from None
    options = RunOptions(formats=_formats(formats, FORMATS, chosen_lang))
    if all_units == (unit is not None):
        raise StkitError("Name one unit (e.g. `stkit report hai-phong`) or pass --all, not both.")
    explicit_dir = data_dir_of(ctx, data_dir) if (data_dir or _global_dir(ctx)) else None
    started = time.perf_counter()
    if unit is not None:
        result = batch.report_one(
            unit, year=year, lang=chosen_lang, out=out, data_dir=explicit_dir, options=options
        )
        records = result.records
        typer.echo(f"{result.records[0].status}: {result.records[0].output}")
    else:
        jobs = batch.plan_all(year=year, lang=chosen_lang, out=out, data_dir=explicit_dir)
        with typer.progressbar(length=len(jobs), label="Reports", file=None) as bar:
            result = batch.report_all(
                jobs, out=out, data_dir=explicit_dir, workers=workers or _default_workers(),
                options=options, on_done=lambda _record: bar.update(1),
            )  # fmt: skip
        records = result.records
        ok = sum(r.status == "ok" for r in records)
        typer.echo(f"{ok} of {len(records)} reports written to {out} ")
    typer.echo(f"manifest: {result.manifest_path} ({time.perf_counter() - started:.1f} s)")
    failed = [r for r in records if r.status != "ok"]
    if failed:
        for record in failed:
            reason = (record.error or "unknown error").splitlines()[0]
            typer.echo(f"failed: {record.unit} {record.year}: {reason}", err=True)
            typer.echo(f"  see {Path(record.output) / 'report.error.html'}", err=True)
        raise typer.Exit(1)


def _formats(text: str, known: tuple[str, ...], lang: Lang) -> tuple[str, ...]:
    """Return the chosen formats in the order of `known`; refuse an unknown or empty choice."""
    chosen = {part.strip().lower() for part in text.split(",") if part.strip()}
    unknown = sorted(chosen - set(known))
    if unknown or not chosen:
        empty = "(trống)" if lang == "vi" else "(empty)"
        named = ", ".join(unknown) or empty
        raise StkitError(
            f"--format: không có định dạng {named}; chọn một hay nhiều trong html, pdf, docx "
            "(cách nhau bằng dấu phẩy, ví dụ --format html,pdf)."
            if lang == "vi"
            else f"--format: no format {named}; choose one or more of html, pdf, docx "
            "(comma-separated, e.g. --format html,pdf)."
        )
    return tuple(name for name in known if name in chosen)


def _global_dir(ctx: typer.Context) -> bool:
    state = ctx.find_object(CliState)
    return bool(state and state.data_dir)


def register(app: typer.Typer) -> None:
    """Add `stkit report` to the CLI."""
    app.command("report")(report)

"""`stkit report`: per-city progress reports (one unit, or every unit plus the overview)."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import polars as pl
import typer

from stkit.cli._context import command_lang, given_data_dir
from stkit.errors import StkitError, one_language
from stkit.i18n import today_in_vietnam
from stkit.i18n.messages import error, text

if TYPE_CHECKING:
    from stkit.units import Unit

DEFAULT_OUT = Path("reports")


def _default_workers() -> int:
    """A modest default: as many kernels as cores, at most four."""
    return max(1, min(4, os.cpu_count() or 1))


def report(
    ctx: typer.Context,
    unit: Annotated[
        str | None,
        typer.Argument(
            help='Unit: slug (hai-phong), code (31), name ("Hải Phòng") or viet-nam. Omit with --all.'
        ),
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
    lang: Annotated[
        str | None,
        typer.Option("--lang", help="Language of the report and its messages: vi (default) or en."),
    ] = None,
    data_dir: Annotated[
        Path | None, typer.Option("--data-dir", help="Data directory (default: shipped data).")
    ] = None,
    out: Annotated[
        Path, typer.Option("--out", help="Output folder; reports go to OUT/<unit>/<year>/<lang>/.")
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
    from stkit.reports.jobs import report_unit  # noqa: PLC0415
    from stkit.reports.runner import FORMATS, RunOptions  # noqa: PLC0415 - idem

    chosen_lang = command_lang(ctx, lang)  # first: every message below is in this language
    options = RunOptions(formats=_formats(formats, FORMATS))
    if all_units == (unit is not None):
        raise StkitError(error("option_all_or_unit"))
    if year is not None:
        check_year(year)
    explicit_dir = given_data_dir(ctx, data_dir)
    started = time.perf_counter()
    if unit is not None:
        chosen = report_unit(unit, explicit_dir)
        if year is None:
            year = unit_year(chosen, explicit_dir)
        else:
            check_data(chosen, year, explicit_dir)
        result = batch.report_one(
            chosen.slug,
            year=year,
            lang=chosen_lang,
            out=out,
            data_dir=explicit_dir,
            options=options,
        )
        records = result.records
        typer.echo(f"{result.records[0].status}: {result.records[0].output}")
    else:
        jobs = batch.plan_all(year=year, lang=chosen_lang, out=out, data_dir=explicit_dir)
        bar_label = text("reports_bar", chosen_lang)
        with typer.progressbar(length=len(jobs), label=bar_label, file=None) as bar:
            result = batch.report_all(
                jobs, out=out, data_dir=explicit_dir, workers=workers or _default_workers(),
                options=options, on_done=lambda _record: bar.update(1),
            )  # fmt: skip
        records = result.records
        ok = sum(r.status == "ok" for r in records)
        typer.echo(text("reports_written", chosen_lang, ok=ok, count=len(records), out=out))
    seconds = f"{time.perf_counter() - started:.1f}"
    typer.echo(text("manifest_line", chosen_lang, path=result.manifest_path, seconds=seconds))
    failed = [r for r in records if r.status != "ok"]
    if failed:
        for record in failed:
            reason = one_language((record.error or "?").splitlines()[0], chosen_lang)
            prefix = text("failed_prefix", chosen_lang)
            typer.echo(f"{prefix}{record.unit} {record.year}: {reason}", err=True)
            path = Path(record.output) / "report.error.html"
            typer.echo(text("see_file", chosen_lang, path=path), err=True)
        raise typer.Exit(1)


def check_year(year: int) -> None:
    """Refuse a report year after the current year in Vietnam (a report on the future)."""
    this_year = today_in_vietnam().year
    if year > this_year:
        raise StkitError(error("option_year_future", year=year, this_year=this_year))


def _published_pii(data_dir: Path | None, keys: list[str]) -> pl.DataFrame:
    from stkit.index.pii import load_pii_results  # noqa: PLC0415

    results = load_pii_results(data_dir)
    return results.filter(
        pl.col("unit").is_in(keys) & (pl.col("score").is_not_null() | pl.col("rank").is_not_null())
    )


def unit_year(unit: Unit, data_dir: Path | None) -> int:
    """The default report year: the later of the unit's latest observation and latest PII result.

    (`stkit.reports.jobs.default_year` for the observations; the published PII results count
    too, so a province whose last statistic is from 2022 is reported on its 2025 PII.)
    """
    from stkit.reports.inputs import validated_inputs  # noqa: PLC0415 - heavy; cached
    from stkit.reports.jobs import default_year  # noqa: PLC0415
    from stkit.reports.paths import member_keys  # noqa: PLC0415

    data = validated_inputs(data_dir)
    observed = default_year(unit, data.observations, data.crosswalk)
    keys = sorted(member_keys(unit.slug, unit.code, data.crosswalk))
    published = _published_pii(data.data_dir, keys).get_column("year").max()
    return max(observed, int(str(published))) if published is not None else observed


def check_data(unit: Unit, year: int, data_dir: Path | None) -> None:
    """Refuse a year for which the unit has no figure at all (no observation, no PII result)."""
    from stkit.reports.inputs import validated_inputs  # noqa: PLC0415 - heavy; cached
    from stkit.reports.paths import member_keys  # noqa: PLC0415

    data = validated_inputs(data_dir)
    keys = sorted(member_keys(unit.slug, unit.code, data.crosswalk))
    observed = data.observations.filter(
        pl.col("unit").cast(pl.String).is_in(keys)
        & (pl.col("period") <= year)
        & pl.col("value").is_not_null()
    )
    if observed.height:
        return
    published = _published_pii(data.data_dir, keys).filter(pl.col("year") <= year)
    if published.height:
        return
    raise StkitError(error("report_no_data", name_vi=unit.name_vi, name_en=unit.name_en, year=year))


def _formats(chosen_text: str, known: tuple[str, ...]) -> tuple[str, ...]:
    """Return the chosen formats in the order of `known`; refuse an unknown or empty choice."""
    chosen = {part.strip().lower() for part in chosen_text.split(",") if part.strip()}
    unknown = sorted(chosen - set(known))
    if unknown or not chosen:
        named = ", ".join(unknown)
        raise StkitError(
            error(
                "option_format_unknown",
                named_vi=named or text("empty", "vi"),
                named_en=named or text("empty", "en"),
                known=", ".join(known),
            )
        )
    return tuple(name for name in known if name in chosen)


def register(app: typer.Typer) -> None:
    """Add `stkit report` to the CLI."""
    app.command("report")(report)

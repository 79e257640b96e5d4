"""Published PII league tables on the units in force each year, and rank change across the merger.

A year's league table lists only the provincial units in force on 31 December of that year:
the 63 former units for 2023 and 2024, the 34 units formed on 1 July 2025 for 2025. A unit
in force at the end year that was not in force at the start year is compared through the
crosswalk (NQ 202/2025/QH15): with its one former unit when it was not merged with another
(`unchanged`: the same territory), with the former unit of the same name when it was
(`namesake`: shown as that former unit's position, stated as such, with no change in
places, since the territory is not the same), otherwise not at all (`not_comparable`).
Ranks run the other way: lower is better, so a positive `change` is a move up. The two
ranks are positions in fields of different size (63 and 34 units); `field_start` and
`field_end` say which.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, get_args

import polars as pl

from stkit.units import PROVINCE

Basis = Literal["same_unit", "unchanged", "namesake", "not_comparable"]
BASES: tuple[Basis, ...] = get_args(Basis)

_UNIT_COLUMNS = ("slug", "code", "name_vi", "name_en", "valid_from")


def year_end(year: int) -> dt.date:
    """31 December of `year`: the day on which a year's units in force are taken."""
    return dt.date(int(year), 12, 31)


def units_in_force(units: pl.DataFrame, year: int) -> pl.DataFrame:
    """Provincial units in force on 31 December of `year` (slug, code, names, valid_from)."""
    day = year_end(year)
    return (
        units.filter(
            (pl.col("level") == PROVINCE)
            & (pl.col("valid_from") <= day)
            & (pl.col("valid_to").is_null() | (pl.col("valid_to") >= day))
        )
        .select(_UNIT_COLUMNS)
        .sort("code")
    )


def latest_year(results: pl.DataFrame, year: int) -> int | None:
    """The latest year up to `year` with a published result, or None."""
    years = results.filter(pl.col("year") <= year).get_column("year")
    return None if years.len() == 0 else int(years.max())  # type: ignore[arg-type]


def league_table(results: pl.DataFrame, units: pl.DataFrame, year: int) -> pl.DataFrame:
    """Published results of `year` for the units in force that year, best rank first.

    Returns rank, unit, name_vi, name_en, score, input, output, field (units in force that
    year). A result for a unit not in force that year (a former unit in 2025) is left out.
    """
    in_force = units_in_force(units, year)
    return (
        results.filter(pl.col("year") == year)
        .join(in_force.select(pl.col("slug").alias("unit"), "name_vi", "name_en"), on="unit")
        .select(
            "rank",
            "unit",
            "name_vi",
            "name_en",
            "score",
            "input",
            "output",
            pl.lit(in_force.height, dtype=pl.Int64).alias("field"),
        )
        .sort("rank", "unit", nulls_last=True)
    )


def _ranks(results: pl.DataFrame, units: pl.DataFrame, year: int) -> pl.DataFrame:
    return league_table(results, units, year).select("unit", "rank", "score")


def former_units(
    units: pl.DataFrame, crosswalk: pl.DataFrame, *, start: int, end: int
) -> pl.DataFrame:
    """Each unit in force at `end` with the unit(s) in force at `start` it continues.

    Returns unit, former, former_name_vi, former_name_en, basis (`same_unit`: the same unit
    in force both years; `unchanged`: one former unit; `namesake`: merged, the former unit of
    the same name; `merged`: another former unit of a merged unit).
    """
    now = units_in_force(units, end)
    then = units_in_force(units, start).select(
        pl.col("slug").alias("former"),
        pl.col("name_vi").alias("former_name_vi"),
        pl.col("name_en").alias("former_name_en"),
    )
    same = (
        now.filter(pl.col("valid_from") <= year_end(start))
        .select(pl.col("slug").alias("unit"), pl.col("slug").alias("former"))
        .with_columns(pl.lit("same_unit").alias("basis"))
    )
    links = (
        crosswalk.select(pl.col("new_slug").alias("unit"), pl.col("old_slug").alias("former"))
        .join(now.select(pl.col("slug").alias("unit")), on="unit")
        .join(same.select("unit"), on="unit", how="anti")
        .join(then.select("former"), on="former")
    )
    merged = links.with_columns(pl.len().over("unit").alias("_n")).select(
        "unit",
        "former",
        pl.when(pl.col("_n") == 1)
        .then(pl.lit("unchanged"))
        .when(pl.col("former") == pl.col("unit"))
        .then(pl.lit("namesake"))
        .otherwise(pl.lit("merged"))
        .alias("basis"),
    )
    return (
        pl.concat([same, merged])
        .join(then, on="former")
        .join(now.select(pl.col("slug").alias("unit"), "code"), on="unit")
        .sort("code", pl.col("basis") == "merged", "former")
        .drop("code")
    )


def former_ranks(
    results: pl.DataFrame, units: pl.DataFrame, crosswalk: pl.DataFrame, *, start: int, end: int
) -> pl.DataFrame:
    """`former_units` with each former unit's published rank and score at `start` (or null)."""
    ranks = _ranks(results, units, start).select(pl.col("unit").alias("former"), "rank", "score")
    return former_units(units, crosswalk, start=start, end=end).join(
        ranks, on="former", how="left", maintain_order="left"
    )


def rank_change(
    results: pl.DataFrame, units: pl.DataFrame, crosswalk: pl.DataFrame, *, start: int, end: int
) -> pl.DataFrame:
    """One row per unit in force at `end`: its published rank then, and the change since `start`.

    Returns unit, name_vi, name_en, rank_end, score_end, basis (see the module docstring),
    former (the unit compared with, or null), rank_start, change (rank_start − rank_end:
    positive is a move up; only for `same_unit` and `unchanged`, null when either rank is
    missing),
    field_start, field_end (units in force each year).
    """
    now = units_in_force(units, end)
    formers = former_units(units, crosswalk, start=start, end=end)
    compared = formers.filter(pl.col("basis") != "merged").select("unit", "former", "basis")
    ranks_start = _ranks(results, units, start).select(
        pl.col("unit").alias("former"), pl.col("rank").alias("rank_start")
    )
    ranks_end = _ranks(results, units, end).select(
        "unit", pl.col("rank").alias("rank_end"), pl.col("score").alias("score_end")
    )
    return (
        now.select(pl.col("slug").alias("unit"), "name_vi", "name_en")
        .join(ranks_end, on="unit", how="left", maintain_order="left")
        .join(compared, on="unit", how="left", maintain_order="left")
        .join(ranks_start, on="former", how="left", maintain_order="left")
        .with_columns(
            pl.col("basis").fill_null("not_comparable"),
            pl.when(pl.col("basis").is_in(["same_unit", "unchanged"]))
            .then(pl.col("rank_start") - pl.col("rank_end"))
            .alias("change"),
            pl.lit(units_in_force(units, start).height, dtype=pl.Int64).alias("field_start"),
            pl.lit(now.height, dtype=pl.Int64).alias("field_end"),
        )
        .select(
            "unit",
            "name_vi",
            "name_en",
            "rank_end",
            "score_end",
            "basis",
            "former",
            "rank_start",
            "change",
            "field_start",
            "field_end",
        )
    )


def crosswalk_sources(crosswalk: pl.DataFrame) -> list[str]:
    """The documents the crosswalk cites (`NQ 202/2025/QH15 (Quốc hội, 12/06/2025)`), once each."""
    if "source" not in crosswalk.columns:
        return []
    cited = (
        crosswalk.select(pl.col("source").str.replace(r"\)[:,].*$", ")").str.strip_chars())
        .unique(maintain_order=True)
        .get_column("source")
    )
    return [str(s) for s in cited.drop_nulls().to_list() if s]

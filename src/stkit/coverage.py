"""Data coverage: for each figure a report uses, whether it is sourced, illustrative or missing.

A report on a unit uses, for every year shown, the indicators of its programmes'
targets plus the PII, and, on a unit formed in the 2025 merger, the weights its rates
are re-expressed with (`weight_indicator` of a `weighted_mean` indicator). Figures up to
2025 are kept on the 63 units in force before 1 July 2025, so a unit formed in the
merger is covered year by year through the old units that became part of it
(`crosswalk`). Indicators that are not re-expressed across the merger
(`merge_rule = none`, e.g. the PII) are the unit's own figures every year: up to 2025
those of the old unit with the same slug (the city that absorbed the others), from 2025
those published on the new unit.

A figure on the unit in force since 1 July 2025 — an observation of 2026 or later, or a
2025 observation with `territory = current` (e.g. the merged Hải Phòng's GRDP 2025
published in 2026) — covers the report unit directly for that year: the row lists the
unit itself as `figure_unit`, and the old units are not asked for. Without one, 2025 is
covered through the old units as before.

Everything here works on frames already read and validated; nothing reads a file.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import polars as pl

from stkit.outputs import COVERAGE
from stkit.units import CURRENT, FIRST_NEW_PERIOD

PII_INDICATORS: tuple[str, ...] = ("PII", "PII_RANK", "PII_INPUT", "PII_OUTPUT")
"""Indicators every city report shows, whatever its programmes' targets."""

PII_COLUMNS: dict[str, str] = {
    "PII": "score",
    "PII_RANK": "rank",
    "PII_INPUT": "input",
    "PII_OUTPUT": "output",
}
"""Column of the published PII results that holds each PII indicator."""

PII_FIRST_YEAR = 2023
"""First year of the PII (published 12/03/2024): no PII figure is due before it."""

PII_CURRENT_FROM = 2025
"""First PII year published on the 34 units in force since 1 July 2025 (PII 2025)."""

STATUSES: tuple[str, ...] = ("sourced", "illustrative", "missing")

COVERAGE_SCHEMA: dict[str, pl.DataType] = dict(COVERAGE.dtypes)
"""Columns of `coverage` (`stkit.outputs.COVERAGE`)."""

Figures = dict[tuple[str, str, int], tuple[str, float | None, str | None]]


def coverage(
    observations: pl.DataFrame,
    targets: pl.DataFrame,
    indicators: pl.DataFrame,
    crosswalk: pl.DataFrame,
    *,
    units: Iterable[str],
    years: Sequence[int],
    extra_indicators: Sequence[str] = PII_INDICATORS,
    pii_results: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """List, per report unit, indicator, year and unit holding the figure, the figure's status.

    Parameters
    ----------
    observations
        unit, indicator, period, value, source and (optionally) illustrative; sourced
        and illustrative rows together; optionally territory (`former` | `current`).
    targets
        unit, indicator: the programmes' targets (any other columns are ignored).
    indicators
        code, merge_rule and (optionally) weight_indicator: the indicator catalogue.
    crosswalk
        old_slug, new_slug: which new unit each old unit became part of.
    units
        The report units (units in force since 1 July 2025, or unmerged ones).
    years
        The years the report shows.
    extra_indicators
        Indicators used for every unit besides its targets' (default: the PII); those
        missing from `indicators` are left out.
    pii_results
        Published PII results (year, unit, score, rank, input, output, source), counted
        as sourced figures of PII, PII_RANK, PII_INPUT and PII_OUTPUT.

    Returns
    -------
    pl.DataFrame
        unit, indicator, year, figure_unit, status (`sourced`, `illustrative` or
        `missing`), value and source of the figure; sorted. A sourced row wins over
        an illustrative one for the same unit, indicator and period. PII indicators
        are not listed before 2023, the first year of the index.
    """
    codes = indicators["code"].to_list()
    rules = dict(zip(codes, indicators["merge_rule"].to_list(), strict=True))
    weights: dict[str, str | None] = (
        dict(zip(codes, indicators["weight_indicator"].to_list(), strict=True))
        if "weight_indicator" in indicators.columns
        else {}
    )
    frame = _observation_columns(observations)
    if pii_results is not None:
        frame = pl.concat([published_pii_observations(pii_results), frame])
    on_current = (pl.col("territory") == CURRENT) | (pl.col("period") >= FIRST_NEW_PERIOD)
    figures = _figures(frame.filter(~on_current.fill_null(value=False)))
    current = _figures(frame.filter(on_current.fill_null(value=False)))
    rows: list[dict[str, object]] = []
    for unit in sorted(set(units)):
        members = _members(crosswalk, unit)
        used = set(targets.filter(pl.col("unit") == unit)["indicator"].to_list())
        used |= {code for code in extra_indicators if code in rules}
        if len(members) > 1:  # a merged unit: its rates are re-expressed with weights
            used |= {
                str(weights[code])
                for code in list(used)
                if rules.get(code) == "weighted_mean" and weights.get(code)
            }
        for indicator in sorted(used):
            for year in sorted(set(years)):
                if indicator in PII_COLUMNS and year < PII_FIRST_YEAR:
                    continue
                # a figure on the unit in force since 1 July 2025 covers the unit itself
                own = current.get((unit, indicator, year))
                # not re-expressed across the merger: the unit's own figure every year
                holders = [unit] if own or rules.get(indicator) == "none" else members
                for holder in holders:
                    status, value, source = own or figures.get(
                        (holder, indicator, year), ("missing", None, None)
                    )
                    rows.append(
                        {
                            "unit": unit,
                            "indicator": indicator,
                            "year": year,
                            "figure_unit": holder,
                            "status": status,
                            "value": value,
                            "source": source,
                        }
                    )
    return pl.DataFrame(rows, schema=COVERAGE_SCHEMA, orient="row")


def coverage_counts(table: pl.DataFrame) -> dict[str, int]:
    """Count the rows of a `coverage` table by status (every status present, zero if none)."""
    counts = dict.fromkeys(STATUSES, 0)
    for status, count in table.group_by("status").len().iter_rows():
        counts[str(status)] = int(count)
    return counts


def published_pii_observations(results: pl.DataFrame) -> pl.DataFrame:
    """Turn published PII results into sourced observations of the four PII indicators.

    `results` has year, unit, score, rank, input, output and source (the format of
    `data/pii/pii_results.csv`); a figure not published (null) gives no row. Results from
    2025 on are on the units in force since 1 July 2025 (`territory = current`).
    """
    parts = [
        results.filter(pl.col(column).is_not_null()).select(
            pl.col("unit").cast(pl.String),
            pl.lit(indicator).alias("indicator"),
            pl.col("year").cast(pl.Int64).alias("period"),
            pl.col(column).cast(pl.Float64).alias("value"),
            pl.col("source").cast(pl.String),
            pl.lit(value=False).alias("illustrative"),
            pl.when(pl.col("year").cast(pl.Int64) >= PII_CURRENT_FROM)
            .then(pl.lit(CURRENT))
            .otherwise(pl.lit(None, dtype=pl.String))
            .alias("territory"),
        )
        for indicator, column in PII_COLUMNS.items()
    ]
    return pl.concat(parts)


def _members(crosswalk: pl.DataFrame, unit: str) -> list[str]:
    """Old units that became part of `unit` (the unit itself if it is not in the crosswalk)."""
    members = crosswalk.filter(pl.col("new_slug") == unit)["old_slug"].to_list()
    return sorted(members) or [unit]


def _observation_columns(observations: pl.DataFrame) -> pl.DataFrame:
    flag = (
        pl.col("illustrative").fill_null(value=False).cast(pl.Boolean)
        if "illustrative" in observations.columns
        else pl.lit(value=False)
    )
    territory = (
        pl.col("territory").cast(pl.String)
        if "territory" in observations.columns
        else pl.lit(None, dtype=pl.String)
    )
    return observations.select(
        pl.col("unit").cast(pl.String),
        pl.col("indicator").cast(pl.String),
        pl.col("period").cast(pl.Int64),
        pl.col("value").cast(pl.Float64),
        pl.col("source").cast(pl.String),
        flag.alias("illustrative"),
        territory.alias("territory"),
    )


def _figures(frame: pl.DataFrame) -> Figures:
    """Status, value and source per (unit, indicator, period); a sourced row wins."""
    found: Figures = {}
    # sourced rows last (they overwrite); among equals the later frame wins
    ordered = frame.sort("illustrative", descending=True, maintain_order=True)
    for unit, indicator, period, value, source, illustrative, _ in ordered.iter_rows():
        status = "illustrative" if illustrative else "sourced"
        found[(unit, indicator, period)] = (status, value, source)
    return found

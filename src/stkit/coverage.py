"""Data coverage: for each figure a report uses, whether it is sourced, illustrative or missing.

A report on a unit uses, for every year shown, the indicators of its programmes'
targets plus the PII. Figures up to 2025 are kept on the 63 units in force before
1 July 2025, so a unit formed in the merger is covered year by year through the old
units that became part of it (`crosswalk`). Indicators that are not re-expressed
across the merger (`merge_rule = none`, e.g. the PII) are published on the new unit
itself from 2025.

Everything here works on frames already read and validated; nothing reads a file.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import polars as pl

PII_INDICATORS: tuple[str, ...] = ("PII", "PII_RANK", "PII_INPUT", "PII_OUTPUT")
"""Indicators every city report shows, whatever its programmes' targets."""

STATUSES: tuple[str, ...] = ("sourced", "illustrative", "missing")

MERGER_YEAR = 2025
"""First year whose figures of `merge_rule = none` indicators are on the new units."""

COVERAGE_SCHEMA: dict[str, type[pl.DataType]] = {
    "unit": pl.String,
    "indicator": pl.String,
    "year": pl.Int64,
    "figure_unit": pl.String,
    "status": pl.String,
    "value": pl.Float64,
    "source": pl.String,
}


def coverage(
    observations: pl.DataFrame,
    targets: pl.DataFrame,
    indicators: pl.DataFrame,
    crosswalk: pl.DataFrame,
    *,
    units: Iterable[str],
    years: Sequence[int],
    extra_indicators: Sequence[str] = PII_INDICATORS,
) -> pl.DataFrame:
    """List, per report unit, indicator, year and unit holding the figure, the figure's status.

    Parameters
    ----------
    observations
        unit, indicator, period, value, source and (optionally) illustrative; sourced
        and illustrative rows together.
    targets
        unit, indicator: the programmes' targets (any other columns are ignored).
    indicators
        code, merge_rule: the indicator catalogue.
    crosswalk
        old_slug, new_slug: which new unit each old unit became part of.
    units
        The report units (units in force since 1 July 2025, or unmerged ones).
    years
        The years the report shows.
    extra_indicators
        Indicators used for every unit besides its targets' (default: the PII); those
        missing from `indicators` are left out.

    Returns
    -------
    pl.DataFrame
        unit, indicator, year, figure_unit, status (`sourced`, `illustrative` or
        `missing`), value and source of the figure; sorted. A sourced row wins over
        an illustrative one for the same unit, indicator and period.
    """
    rules = dict(zip(indicators["code"].to_list(), indicators["merge_rule"].to_list(), strict=True))
    figures = _figures(observations)
    rows: list[dict[str, object]] = []
    for unit in sorted(set(units)):
        used = set(targets.filter(pl.col("unit") == unit)["indicator"].to_list())
        used |= {code for code in extra_indicators if code in rules}
        members = sorted(crosswalk.filter(pl.col("new_slug") == unit)["old_slug"].to_list()) or [
            unit
        ]
        for indicator in sorted(used):
            for year in sorted(set(years)):
                holders = (
                    [unit] if year >= MERGER_YEAR and rules.get(indicator) == "none" else members
                )
                for holder in holders:
                    found = figures.get((holder, indicator, year))
                    status, value, source = found if found else ("missing", None, None)
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


def _figures(
    observations: pl.DataFrame,
) -> dict[tuple[str, str, int], tuple[str, float | None, str | None]]:
    flag = (
        pl.col("illustrative").fill_null(value=False).cast(pl.Boolean)
        if "illustrative" in observations.columns
        else pl.lit(value=False)
    )
    frame = observations.select(
        pl.col("unit").cast(pl.String),
        pl.col("indicator").cast(pl.String),
        pl.col("period").cast(pl.Int64),
        pl.col("value").cast(pl.Float64),
        pl.col("source").cast(pl.String),
        flag.alias("illustrative"),
    ).sort("illustrative", descending=True)  # sourced rows last: they overwrite below
    found: dict[tuple[str, str, int], tuple[str, float | None, str | None]] = {}
    for unit, indicator, period, value, source, illustrative in frame.iter_rows():
        status = "illustrative" if illustrative else "sourced"
        found[(unit, indicator, period)] = (status, value, source)
    return found

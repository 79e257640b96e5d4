"""Each target's series of points and its per-series summary, for all targets in one pass.

A target's series is its unit's observations of its indicator from the baseline year
(when the target states one) up to min(report year, target year). A stated baseline
value replaces the observation of its year. Targets whose series is simply "everything up
to the report year" share one summary per (unit, indicator); the others get their own
points through a join. Either way the summary is `summarise_sorted`.
"""

from __future__ import annotations

import polars as pl

_POINT_COLUMNS = ("_tid", "period", "value", "illustrative", "_note", "_baseline_point")


def series_points(targets: pl.DataFrame, observations: pl.DataFrame, *, year: int) -> pl.DataFrame:
    """Return the points (_tid, period, value, illustrative, _note, _baseline_point) of every target's series.

    `_baseline_point` marks a target's stated baseline value standing in for its year's observation.

    `targets` carries _tid, unit, indicator, year, baseline_value, baseline_year (and `_gen`
    when `observations` has it: which generation of units the target is on).
    """
    keys = ["unit", "indicator"] + (["_gen"] if "_gen" in observations.columns else [])
    if "_note" not in observations.columns:
        observations = observations.with_columns(pl.lit(None, dtype=pl.String).alias("_note"))
    windows = targets.select(
        "_tid",
        *keys,
        pl.min_horizontal(pl.col("year"), pl.lit(year)).alias("_cut"),
        pl.col("baseline_year").alias("_start"),
        pl.when(pl.col("baseline_year").is_not_null())
        .then(pl.col("baseline_value"))
        .alias("_stated"),
    )
    joined = (
        windows.join(observations, on=keys, how="inner")
        .filter(
            (pl.col("period") <= pl.col("_cut"))
            & (pl.col("_start").is_null() | (pl.col("period") >= pl.col("_start")))
        )
        .with_columns(pl.lit(value=False).alias("_baseline_point"))
    )
    stated = windows.filter(pl.col("_stated").is_not_null() & (pl.col("_start") <= pl.col("_cut")))
    if stated.height == 0:
        return joined.select(_POINT_COLUMNS)
    replaced = pl.col("_stated").is_not_null() & (pl.col("period") == pl.col("_start"))
    baseline_points = stated.select(
        "_tid",
        pl.col("_start").alias("period"),
        pl.col("_stated").alias("value"),
        pl.lit(value=False).alias("illustrative"),
        pl.lit(None, dtype=pl.String).alias("_note"),
        pl.lit(value=True).alias("_baseline_point"),
    )
    return pl.concat([joined.filter(~replaced).select(_POINT_COLUMNS), baseline_points])

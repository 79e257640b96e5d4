"""Progress of every (unit, target): distance travelled, pace, likely outcome, trend.

`assess` is a pure function over polars frames that handles all units and targets in one
pass (a join and one group-by; no loop per series). Definitions and every choice made
where the sources are silent: docs/progress.md.
"""

from __future__ import annotations

import polars as pl

from stkit.progress._best import best_performer_values
from stkit.progress._frames import (
    COMPARATORS,
    EXTRA_COLUMNS,
    PROGRESS_COLUMNS,
    indicators_input,
    observations_input,
    targets_input,
)
from stkit.progress._measures import Settings, measure
from stkit.progress._merger import LAST_OLD_PERIOD, with_merger_series
from stkit.progress._segments import summarise_sorted
from stkit.progress._series import series_points
from stkit.units import load_crosswalk

__all__ = [
    "COMPARATORS",
    "EXTRA_COLUMNS",
    "LAST_OLD_PERIOD",
    "PROGRESS_COLUMNS",
    "Settings",
    "assess",
    "best_performer_values",
]


def assess(
    targets: pl.DataFrame,
    observations: pl.DataFrame,
    indicators: pl.DataFrame,
    *,
    year: int,
    equal_tolerance: float = 0.01,
    best_k: int = 3,
    trend_window: int = 5,
    horizon: int = 50,
    regression_power: float = 1.0,
    rate_average_years: int = 1,
    merger: bool = True,
    crosswalk: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Assess every target row (milestones included) against the observations up to `year`.

    Inputs are in the public formats (docs/architecture.md). Returns one row per target row,
    in input order, with PROGRESS_COLUMNS then EXTRA_COLUMNS. Shares and growth rates are
    fractions (0.25 = 25 %). `equal_tolerance` is the relative half-width of the band that
    meets an `=` target; targets without a value get the mean of the `best_k` best units'
    latest values. With `merger`, targets set after 2025 on a unit formed on 1 July 2025 are
    assessed on series re-expressed by `crosswalk` (default: the shipped crosswalk).
    """
    settings = Settings(
        equal_relative_tolerance=equal_tolerance,
        trend_window=trend_window,
        horizon=horizon,
        regression_power=regression_power,
        rate_average_years=rate_average_years,
    )
    frame = targets_input(targets)
    points_source = observations_input(observations)
    catalogue = indicators_input(indicators)
    frame = frame.with_columns(
        (pl.col("year") < pl.col("year").max().over("programme", "target_id", "unit")).alias(
            "milestone"
        ),
    )
    frame = _fill_best_performers(frame, points_source, catalogue, year=year, k=best_k)
    if merger and frame.filter(pl.col("year") > LAST_OLD_PERIOD).height:
        if crosswalk is None:
            crosswalk = load_crosswalk()
        frame, points_source = with_merger_series(
            frame, points_source, _merge_rules(indicators), crosswalk
        )
    else:
        frame = frame.with_columns(pl.lit(None, dtype=pl.String).alias("_pre_reason"))
    summary = _summaries(frame, points_source, year=year, settings=settings)
    frame = (
        frame.join(summary, on="_tid", how="left")
        .join(catalogue.rename({"code": "indicator"}), on="indicator", how="left")
        .with_columns(
            pl.col("n_points").fill_null(0),
            (pl.col("illustrative").fill_null(value=False) | pl.col("_best_illustrative")).alias(
                "illustrative"
            ),
            pl.lit(year).alias("_report_year"),
        )
        .with_columns(_notes().alias("_pre_reason"))
    )
    return _public(measure(frame, settings))


def _summaries(
    frame: pl.DataFrame, observations: pl.DataFrame, *, year: int, settings: Settings
) -> pl.DataFrame:
    """Series summaries keyed by `_tid`, with `_note` (why points could not be used).

    Targets whose series is all observations up to `year` (no stated baseline year, target
    year not before the report year, units as given) share one summary per (unit,
    indicator); the others get their own window of points.
    """

    def summarise(rows: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
        return summarise_sorted(
            rows,
            keys,
            trend_window=settings.trend_window,
            regression_power=settings.regression_power,
            rate_average_years=settings.rate_average_years,
        )

    shared = pl.col("baseline_year").is_null() & (pl.col("year") >= year)
    if "_gen" in observations.columns:
        shared = shared & (pl.col("_gen") == "given")
        given = observations.filter(pl.col("_gen") == "given").drop("_gen", "_note")
    else:
        given = observations
    simple = frame.filter(shared)
    parts = []
    if simple.height:
        per_series = summarise(
            given.filter(pl.col("period") <= year).select(
                "unit", "indicator", "period", "value", "illustrative"
            ),
            ["unit", "indicator"],
        )
        parts.append(
            simple.select("_tid", "unit", "indicator")
            .join(per_series, on=["unit", "indicator"], how="inner")
            .drop("unit", "indicator")
            .with_columns(pl.lit(None, dtype=pl.String).alias("_note"))
        )
    windowed = frame.filter(~shared)
    if windowed.height:
        points = series_points(windowed, observations, year=year)
        per_target = summarise(points.filter(pl.col("value").is_not_null()).drop("_note"), ["_tid"])
        notes = (
            points.filter(pl.col("_note").is_not_null())
            .group_by("_tid")
            .agg(pl.col("_note").first())
        )
        parts.append(per_target.join(notes, on="_tid", how="full", coalesce=True))
    if not parts:
        return pl.DataFrame(schema={"_tid": pl.UInt32})
    return pl.concat(parts, how="diagonal_relaxed")


def _merge_rules(indicators: pl.DataFrame) -> pl.DataFrame:
    """The catalogue as `stkit.units.reexpress` needs it (weight_indicator always present)."""
    if "weight_indicator" in indicators.columns:
        return indicators
    return indicators.with_columns(pl.lit(None, dtype=pl.String).alias("weight_indicator"))


def _fill_best_performers(
    frame: pl.DataFrame, observations: pl.DataFrame, catalogue: pl.DataFrame, *, year: int, k: int
) -> pl.DataFrame:
    """Give targets without a value the best performers' mean; flag them."""
    missing = frame.filter(pl.col("value").is_null())
    if missing.height == 0:
        return frame.with_columns(
            pl.lit(value=False).alias("_best"),
            pl.lit(value=False).alias("_best_illustrative"),
            pl.lit(None, dtype=pl.UInt32).alias("best_count"),
        )
    wanted = missing.select("indicator").unique()
    best = best_performer_values(
        observations.join(wanted, on="indicator", how="semi"), catalogue, year=year, k=k
    )
    return (
        frame.join(best, on="indicator", how="left")
        .with_columns(
            pl.col("value").is_null().alias("_best"),
            (pl.col("value").is_null() & pl.col("best_illustrative").fill_null(value=False)).alias(
                "_best_illustrative"
            ),
            pl.col("value").fill_null(pl.col("best_value")),
        )
        .drop("best_value", "best_illustrative")
    )


def _notes() -> pl.Expr:
    """Notes fixed before measuring: merger, best performers, baseline, catalogue, series."""
    c = pl.col
    return pl.concat_str(
        [
            c("_pre_reason"),
            pl.when(c("_best") & c("value").is_not_null()).then(
                pl.format(
                    "no target value stated: mean of the best {} units' latest values up to {}",
                    c("best_count"),
                    c("_report_year"),
                )
            ),
            pl.when(c("_best") & c("value").is_null()).then(
                pl.lit("no target value stated and no unit has data to take one from")
            ),
            pl.when(c("baseline_year").is_not_null() & (c("t0") != c("baseline_year"))).then(
                pl.format(
                    "no observation in the stated baseline year {}; first one after it ({}) used",
                    c("baseline_year"),
                    c("t0"),
                )
            ),
            pl.when(c("baseline_value").is_not_null() & c("baseline_year").is_null()).then(
                pl.lit("baseline value given without a year: ignored, first observation used")
            ),
            pl.when(c("kind").is_null()).then(
                pl.format("{} is not in the indicator catalogue", c("indicator"))
            ),
            c("_note"),
        ],
        separator="; ",
        ignore_nulls=True,
    )


def _public(frame: pl.DataFrame) -> pl.DataFrame:
    """Name and order the output columns; empty reasons become null."""
    c = pl.col
    return frame.sort("_tid").select(
        "unit",
        "programme",
        "target_id",
        "indicator",
        c("t0").fill_null(c("baseline_year")).alias("baseline_year"),
        c("x0").fill_null(c("baseline_value")).alias("baseline_value"),
        c("tc").alias("latest_year"),
        c("xc").alias("latest_value"),
        c("year").alias("target_year"),
        c("value").alias("target_value"),
        "share_of_way",
        "expected_share",
        "cagr_actual",
        "cagr_required",
        "cagr_ratio",
        "projected_value",
        "projection_method",
        "status",
        "trend",
        c("attainment_year").cast(pl.Int64),
        pl.when(c("reason") != "").then(c("reason")).alias("reason"),
        "illustrative",
        "milestone",
        "comparator",
        "regression_value",
        "regression_gap",
    )

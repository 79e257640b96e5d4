"""Per-target measures from series summaries: share of the way, CAGRs, projections, classes.

Definitions: METHODS §1 (UN ESCAP current status and growth-rate ratio, ESCAP/UNECE
time-weighted regression and gap, SDSN trend); every expression works on all targets
at once.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

from stkit.progress._attainment import with_attainment_year
from stkit.progress._comparators import (
    EQUAL_FLAG,
    comparator_flags,
    meets,
    tolerance,
    wanted_direction,
)


@dataclass(frozen=True)
class Settings:
    """Parameters of the assessment; defaults are the published values (docs/progress.md)."""

    equal_relative_tolerance: float = 0.01
    equal_absolute_tolerance: float = 0.0
    trend_window: int = 5
    trend_cutoffs: tuple[float, float, float] = (1.0, 0.5, 0.0)
    regression_power: float = 1.0
    rate_average_years: int = 1
    horizon: int = 50


#: Column of the note stating the band of an `=` target (`equal_notes`).
EQUAL_NOTE = "_equal_note"


def equal_notes(frame: pl.DataFrame, settings: Settings) -> pl.Series:
    """Column EQUAL_NOTE: the band within which each `=` target is met, null on other rows.

    Only the `=` rows are formatted: writing numbers as text is the costliest text work of
    the plan, and a `when` would format every row before keeping a fifth of them.
    """
    rows = frame.select((pl.col("comparator") == "=").fill_null(value=False).arg_true()).to_series()
    band = tolerance(
        pl.col("value"), settings.equal_relative_tolerance, settings.equal_absolute_tolerance
    )
    texts = (
        frame.select(pl.col("value").gather(rows))
        .select(pl.format("'=' is met within ±{} of the target value", band.round(6)))
        .to_series()
    )
    notes = pl.repeat(None, frame.height, dtype=pl.String, eager=True)
    return notes.scatter(rows, texts).alias(EQUAL_NOTE)


def _reason(condition: pl.Expr, text: pl.Expr | str) -> pl.Expr:
    message = pl.lit(text) if isinstance(text, str) else text
    return pl.when(condition).then(message)


def measure(frame: pl.LazyFrame, settings: Settings, *, notes: list[pl.Expr]) -> pl.LazyFrame:
    """Add every measure column to targets joined with their series summaries.

    Expects columns comparator, value (V), year (T), n_points, t0, x0, tc, xc, ts, xs,
    x_recent_mean, sw, swu, swx, swuu, swux, kind, `_rate_note` (the note on a rate
    indicator), EQUAL_NOTE (`equal_notes`) and `_report_year`. `notes` are the notes fixed before measuring; they
    open `reason`.
    """
    c = pl.col
    target = c("value")
    n = c("n_points")
    band = tolerance(target, settings.equal_relative_tolerance, settings.equal_absolute_tolerance)
    is_rate = c("kind") == "rate"
    averaged = settings.rate_average_years > 1
    steps_done = (c("tc") - c("t0")).cast(pl.Float64)
    steps_total = (c("year") - c("t0")).cast(pl.Float64)
    frame = frame.with_columns(*comparator_flags(c("comparator")))
    frame = frame.with_columns(
        band.alias("_band"),
        pl.when(is_rate & pl.lit(averaged))
        .then(c("x_recent_mean"))
        .otherwise(c("xc"))
        .alias("_xb"),
        pl.when(target != c("x0"))
        .then((c("xc") - c("x0")) / (target - c("x0")))
        .alias("share_of_way"),
        pl.when(steps_total != 0).then(steps_done / steps_total).alias("expected_share"),
        pl.when((n >= 2) & (steps_done > 0)).then((c("xc") - c("x0")) / steps_done).alias("_slope"),
        wanted_direction(target, c("x0")).alias("_wanted"),
    )
    actual_ok = ~is_rate.fill_null(value=False) & (n >= 2) & (steps_done > 0)
    actual_ok = actual_ok & (c("x0") > 0) & (c("xc") > 0)
    required_ok = ~is_rate.fill_null(value=False) & (steps_total > 0)
    required_ok = required_ok & (c("x0") > 0) & (target > 0)
    frame = frame.with_columns(
        pl.when(actual_ok)
        .then((c("xc") / c("x0")).pow(1.0 / steps_done) - 1.0)
        .alias("cagr_actual"),
        pl.when(required_ok)
        .then((target / c("x0")).pow(1.0 / steps_total) - 1.0)
        .alias("cagr_required"),
    )
    frame = frame.with_columns(
        pl.when(c("cagr_actual").is_not_null() & (c("cagr_required") != 0))
        .then(c("cagr_actual") / c("cagr_required"))
        .alias("cagr_ratio"),
    )
    ahead = (c("year") - c("tc")).cast(pl.Float64)
    frame = frame.with_columns(
        pl.when(n == 0)
        .then(None)
        .when(ahead <= 0)
        .then(c("_xb"))
        .when(c("cagr_actual").is_not_null())
        .then(c("_xb") * (1.0 + c("cagr_actual")).pow(ahead))
        .when(c("_slope").is_not_null())
        .then(c("_xb") + c("_slope") * ahead)
        .alias("projected_value"),
        pl.when(n == 0)
        .then(None)
        .when(ahead <= 0)
        .then(pl.lit("observed"))
        .when(c("cagr_actual").is_not_null())
        .then(pl.lit("compound"))
        .when(c("_slope").is_not_null())
        .then(pl.lit("linear"))
        .alias("projection_method"),
    )
    frame = frame.with_columns(
        _status(frame_band=c("_band"), settings=settings).alias("status"),
        _trend(settings).alias("trend"),
        *_regression(),
    )
    frame = with_attainment_year(
        frame,
        latest_year="tc",
        base="_xb",
        rate="cagr_actual",
        slope="_slope",
        target="value",
        band="_band",
        horizon=settings.horizon,
    )
    frame = frame.with_columns(
        pl.when(~meets(c("regression_value"), target, c("_band")) & (target != c("x0")))
        .then((target - c("regression_value")) / (target - c("x0")))
        .alias("regression_gap"),
    )
    return frame.with_columns(_reasons(notes).alias("reason"))


def _status(*, frame_band: pl.Expr, settings: Settings) -> pl.Expr:
    """ESCAP class: on_track, accelerate (towards V, short), reverse (away), insufficient_data."""
    del settings
    c = pl.col
    projected = c("projected_value")
    moved = (projected - c("x0")).sign()
    towards = (
        pl.when(c(EQUAL_FLAG))
        .then((projected - c("value")).abs() < (c("x0") - c("value")).abs())
        .otherwise((moved == c("_wanted")) | (moved == 0))
    )
    return (
        pl.when((c("n_points") < 2) | projected.is_null() | c("value").is_null())
        .then(pl.lit("insufficient_data"))
        .when(meets(projected, c("value"), frame_band))
        .then(pl.lit("on_track"))
        .when(towards)
        .then(pl.lit("accelerate"))
        .otherwise(pl.lit("reverse"))
    )


def _trend(settings: Settings) -> pl.Expr:
    """SDSN arrow: recent yearly change over the needed yearly change, or maintaining a met target."""
    c = pl.col
    needed = (c("value") - c("x0")) / (c("year") - c("t0")).cast(pl.Float64)
    recent = (c("xc") - c("xs")) / (c("tc") - c("ts")).cast(pl.Float64)
    ratio = recent / needed
    on_track, moderate, flat = settings.trend_cutoffs
    maintaining = meets(c("xc"), c("value"), c("_band")) & (recent * c("_wanted") >= 0)
    usable = (c("n_points") >= 2) & (c("tc") > c("ts")) & (c("year") > c("t0")) & (needed != 0)
    return (
        pl.when((c("n_points") >= 2) & maintaining)
        .then(pl.lit("on_track"))
        .when(~usable)
        .then(None)
        .when(ratio >= on_track)
        .then(pl.lit("on_track"))
        .when(ratio >= moderate)
        .then(pl.lit("moderately_improving"))
        .when(ratio >= flat)
        .then(pl.lit("stagnating"))
        .otherwise(pl.lit("decreasing"))
    )


def _regression() -> list[pl.Expr]:
    """Time-weighted least-squares line through the series, evaluated at the target year."""
    c = pl.col
    denominator = c("sw") * c("swuu") - c("swu") * c("swu")
    slope = (c("sw") * c("swux") - c("swu") * c("swx")) / denominator
    intercept = (c("swx") - slope * c("swu")) / c("sw")
    at_target = (c("year") - c("t0")).cast(pl.Float64)
    return [
        pl.when((c("n_points") >= 2) & (denominator > 0))
        .then(intercept + slope * at_target)
        .alias("regression_value")
    ]


def _reasons(notes: list[pl.Expr]) -> pl.Expr:
    """Plain-language notes on every undefined measure and every choice made for a row."""
    c = pl.col
    n = c("n_points")
    return pl.concat_str(
        [
            *notes,
            _reason(n == 0, "no observation for this unit and indicator in the years assessed"),
            _reason(n == 1, "only one observation: at least two are needed for a projection"),
            c("_rate_note"),
            _reason(
                (c("kind") != "rate").fill_null(value=True)
                & (n >= 2)
                & ((c("x0") <= 0) | (c("xc") <= 0)),
                "actual CAGR undefined: the baseline or latest value is zero or negative; "
                "linear projection used",
            ),
            _reason(
                (c("kind") != "rate").fill_null(value=True)
                & (n >= 1)
                & ((c("x0") <= 0) | (c("value") <= 0))
                & (c("year") > c("t0")),
                "required CAGR undefined: the baseline or target value is zero or negative",
            ),
            _reason(
                (n >= 1) & (c("year") <= c("t0")),
                "target year is not after the baseline year: no required pace",
            ),
            _reason(
                c("cagr_required") == 0,
                "required CAGR is zero (target equals baseline): no CAGR ratio",
            ),
            _reason(
                (n >= 1) & (c("value") == c("x0")), "target equals baseline: no share of the way"
            ),
            c(EQUAL_NOTE),
            _reason(
                (n >= 1) & (c("tc") < c("year")) & (c("year") <= c("_report_year")),
                pl.format("no observation in the target year; latest is {}", c("tc")),
            ),
        ],
        separator="; ",
        ignore_nulls=True,
    )

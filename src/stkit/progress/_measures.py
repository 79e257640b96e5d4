"""Per-target measures from series summaries: share of the way, CAGRs, projections, classes.

Definitions: METHODS §1 (UN ESCAP current status and growth-rate ratio, ESCAP/UNECE
time-weighted regression and gap, SDSN trend); every expression works on all targets
at once.
"""

from __future__ import annotations

import polars as pl

from stkit.progress._attainment import with_attainment_year
from stkit.progress._comparators import (
    EQUAL_FLAG,
    comparator_flags,
    meets,
    tolerance,
    wanted_direction,
)
from stkit.progress._labels import Labels
from stkit.progress._opensdg import with_opensdg
from stkit.progress._reason_text import Note, joined_notes
from stkit.progress._settings import Settings
from stkit.vocab import PROGRESS_STATUSES

#: Column of the note stating the band of an `=` target (`equal_notes`).
EQUAL_NOTE = "_equal_note"

#: Labels of `status` (the outcomes among them), `status_method`, `trend`, `projection_method`.
STATUSES = Labels(*PROGRESS_STATUSES)
METHODS = Labels("outcome", "regression")
TRENDS = Labels("on_track", "moderately_improving", "stagnating", "decreasing")
PROJECTIONS = Labels("observed", "compound", "linear")


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


def _reason(condition: pl.Expr, text: pl.Expr | str) -> pl.Expr | Note:
    return Note(condition, text) if isinstance(text, str) else pl.when(condition).then(text)


def towards(start: pl.Expr, end: pl.Expr) -> pl.Expr:
    """Movement from `start` to `end` towards the target: positive towards it, negative away.

    One-sided comparators: the change in the wanted direction, d · (end − start). `=`: how
    much closer to V `end` is than `start`, |start − V| − |end − V| (overshooting counts as
    moving away). Needs the comparator flags and `_wanted`.
    """
    c = pl.col
    return (
        pl.when(c(EQUAL_FLAG))
        .then((start - c("value")).abs() - (end - c("value")).abs())
        .otherwise(c("_wanted") * (end - start))
    )


def _clipped(expression: pl.Expr) -> pl.Expr:
    """`expression` held within the row's bounds (`_lower`, `_upper`; null: none)."""
    c = pl.col
    return (
        pl.when(expression < c("_lower"))
        .then(c("_lower"))
        .when(expression > c("_upper"))
        .then(c("_upper"))
        .otherwise(expression)
    )


def all_positive(frame: pl.DataFrame) -> bool:
    """True when no row with a point of a non-rate indicator has a zero or negative baseline,
    latest or target value, or a target year before its baseline year.

    Then no CAGR is undefined for want of positive values, and the notes saying so can be
    left out of the plan.
    """
    c = pl.col
    odd = (
        (c("kind") != "rate").fill_null(value=True)
        & (c("n_points") >= 1)
        & ((c("x0") <= 0) | (c("xc") <= 0) | (c("value") <= 0) | (c("year") < c("t0")))
    )
    return not bool(frame.select(odd.fill_null(value=False).any()).item())


def measure(
    frame: pl.LazyFrame,
    settings: Settings,
    *,
    notes: list[pl.Expr],
    growth: bool = True,
    positive: bool = False,
    empty_notes: frozenset[str] = frozenset(),
    past_years: bool = True,
) -> pl.LazyFrame:
    """Add every measure column to targets joined with their series summaries.

    Expects columns comparator, value (V), year (T), n_points, t0, x0, tc, xc, ts, xs,
    x_recent_mean, sw, swu, swx, swuu, swux, kind, `_rate` (kind `rate`), `_lower` and
    `_upper` (the bounds of the kind, null when none), `_rate_note` (the note on a rate
    indicator), `_best` (no value stated), EQUAL_NOTE (`equal_notes`) and `_report_year`.
    `notes` are the notes fixed before measuring; they open `reason`. `growth` and
    `positive` are the shortcuts of `with_opensdg`. Shortcuts of `reason`: `empty_notes`
    names note columns empty on every row (`_rate_note`, EQUAL_NOTE); without
    `past_years` no target year is at or before the report year. The notes that then
    cannot apply are left out of the plan.
    """
    c = pl.col
    target = c("value")
    n = c("n_points")
    band = tolerance(target, settings.equal_relative_tolerance, settings.equal_absolute_tolerance)
    is_rate = c("_rate").fill_null(value=False)
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
        pl.when((n >= 2) & (steps_done > 0)).then((c("xc") - c("x0")) / steps_done).alias("_slope"),
        wanted_direction(target, c("x0")).alias("_wanted"),
        (target - c("x0")).abs().alias("_distance"),
    )
    frame = frame.with_columns(
        pl.when(c("_distance") > 0)
        .then(towards(c("x0"), c("xc")) / c("_distance"))
        .alias("share_of_way"),
        pl.when(steps_total != 0).then(steps_done / steps_total).alias("expected_share"),
    )
    actual_ok = ~is_rate & (n >= 2) & (steps_done > 0)
    actual_ok = actual_ok & (c("x0") > 0) & (c("xc") > 0)
    required_ok = ~is_rate & (steps_total > 0)
    required_ok = required_ok & (c("x0") > 0) & (target > 0)
    frame = frame.with_columns(
        pl.when(actual_ok)
        .then((c("xc") / c("x0")).pow(1.0 / steps_done) - 1.0)
        .alias("cagr_actual"),
        pl.when(required_ok)
        .then((target / c("x0")).pow(1.0 / steps_total) - 1.0)
        .alias("cagr_required"),
    )
    compound = c("cagr_actual").is_not_null() & (target > 0).fill_null(value=True)
    frame = frame.with_columns(
        pl.when(c("cagr_actual").is_not_null() & (c("cagr_required") != 0))
        .then(c("_wanted") * c("cagr_actual") / c("cagr_required").abs())
        .alias("cagr_ratio"),
        pl.when(compound).then(c("cagr_actual")).alias("_rate_used"),
    )
    ahead = (c("year") - c("tc")).cast(pl.Float64)
    raw_projection = (
        pl.when(n == 0)
        .then(None)
        .when(ahead <= 0)
        .then(c("_xb"))
        .when(c("_rate_used").is_not_null())
        .then(c("_xb") * (1.0 + c("_rate_used")).pow(ahead))
        .when(c("_slope").is_not_null())
        .then(c("_xb") + c("_slope") * ahead)
    )
    frame = frame.with_columns(
        raw_projection.alias("_raw_projected"),
        _clipped(raw_projection).alias("projected_value"),
        PROJECTIONS.text(
            pl.when(n == 0)
            .then(None)
            .when(ahead <= 0)
            .then(PROJECTIONS("observed"))
            .when(c("_rate_used").is_not_null())
            .then(PROJECTIONS("compound"))
            .when(c("_slope").is_not_null())
            .then(PROJECTIONS("linear"))
        ).alias("projection_method"),
        _regression(),
        _outcome(frame_band=c("_band")).alias("_outcome_number"),
        (towards(c("x0"), target) / steps_total).alias("_needed"),
        (towards(c("xs"), c("xc")) / (c("tc") - c("ts")).cast(pl.Float64)).alias("_recent"),
    )
    frame = frame.with_columns(
        _clipped(c("_raw_regression")).alias("regression_value"),
    )
    frame = frame.with_columns(
        STATUSES.text(c("_outcome_number")).alias("outcome"),
        STATUSES.text(_status(frame_band=c("_band"))).alias("status"),
        METHODS.text(
            pl.when(c("_outcome_number").is_not_null())
            .then(METHODS("outcome"))
            .when(c("regression_value").is_not_null() & target.is_not_null())
            .then(METHODS("regression"))
        ).alias("status_method"),
        _trend(settings).alias("trend"),
    )
    frame = with_opensdg(
        frame, settings.opensdg, stated=~c("_best"), growth=growth, positive=positive
    )
    frame = with_attainment_year(
        frame,
        latest_year="tc",
        base="_xb",
        rate="_rate_used",
        slope="_slope",
        target="value",
        band="_band",
        horizon=settings.horizon,
    )
    frame = frame.with_columns(
        pl.when(~meets(c("regression_value"), target, c("_band")) & (c("_distance") > 0))
        .then(_shortfall(c("regression_value")) / c("_distance"))
        .alias("regression_gap"),
    )
    reasons = _reasons(
        notes, settings, positive=positive, empty_notes=empty_notes, past_years=past_years
    )
    return frame.with_columns(reasons.alias("reason"))


def _shortfall(value: pl.Expr) -> pl.Expr:
    """How far `value` is short of the target: d · (V − value) one-sided, |value − V| for `=`."""
    c = pl.col
    return (
        pl.when(c(EQUAL_FLAG))
        .then((value - c("value")).abs())
        .otherwise(c("_wanted") * (c("value") - value))
    )


def _outcome(*, frame_band: pl.Expr) -> pl.Expr:
    """`achieved` or `missed` for a target whose year is at or before the report year.

    Judged on the level in the target year, or the latest before it (`reason` says so).
    """
    c = pl.col
    judged = (c("year") <= c("_report_year")) & (c("n_points") >= 1) & c("value").is_not_null()
    return (
        pl.when(judged & meets(c("_xb"), c("value"), frame_band))
        .then(STATUSES("achieved"))
        .when(judged)
        .then(STATUSES("missed"))
    )


def _status(*, frame_band: pl.Expr) -> pl.Expr:
    """The outcome once the target year is reached; before it ESCAP's class from x̂_T.

    `on_track` (maintain progress) when the time-weighted regression at T meets the target;
    `accelerate` when it moves from x0 towards V (or stands still) but falls short;
    `reverse` when it moves away; `insufficient_data` with fewer than two points.
    """
    c = pl.col
    projected = c("regression_value")
    return (
        pl.when(c("_outcome_number").is_not_null())
        .then(c("_outcome_number"))
        .when((c("n_points") < 2) | projected.is_null() | c("value").is_null())
        .then(STATUSES("insufficient_data"))
        .when(meets(projected, c("value"), frame_band))
        .then(STATUSES("on_track"))
        .when(towards(c("x0"), projected) >= 0)
        .then(STATUSES("accelerate"))
        .otherwise(STATUSES("reverse"))
    )


def _trend(settings: Settings) -> pl.Expr:
    """SDSN arrow: recent change towards the target over the change needed each year.

    Both changes are signed towards the target (`towards`). A target met at the latest point
    and not left since the trend start is `on_track` (maintaining). When no change is needed
    from the baseline (it already met the target, or equals an `=` target) the arrow follows
    the sign of the recent change: up `moderately_improving`, none `stagnating`, down
    `decreasing`.
    """
    c = pl.col
    needed, recent = c("_needed"), c("_recent")
    ratio = recent / needed
    on_track, moderate, flat = settings.trend_cutoffs
    maintaining = meets(c("xc"), c("value"), c("_band")) & (recent >= 0)
    usable = (c("n_points") >= 2) & (c("tc") > c("ts")) & (c("year") > c("t0"))
    label = TRENDS
    return label.text(
        pl.when(~usable.fill_null(value=False) | c("value").is_null())
        .then(None)
        .when(maintaining)
        .then(label("on_track"))
        .when(needed <= 0)
        .then(
            pl.when(recent > 0)
            .then(label("moderately_improving"))
            .when(recent == 0)
            .then(label("stagnating"))
            .otherwise(label("decreasing"))
        )
        .when(ratio >= on_track)
        .then(label("on_track"))
        .when(ratio >= moderate)
        .then(label("moderately_improving"))
        .when(ratio >= flat)
        .then(label("stagnating"))
        .otherwise(label("decreasing"))
    )


def _regression() -> pl.Expr:
    """Time-weighted least-squares line through the series, at the target year (unbounded)."""
    c = pl.col
    denominator = c("sw") * c("swuu") - c("swu") * c("swu")
    slope = (c("sw") * c("swux") - c("swu") * c("swx")) / denominator
    intercept = (c("swx") - slope * c("swu")) / c("sw")
    at_target = (c("year") - c("t0")).cast(pl.Float64)
    return (
        pl.when((c("n_points") >= 2) & (denominator > 0))
        .then(intercept + slope * at_target)
        .alias("_raw_regression")
    )


def _reasons(
    notes: list[pl.Expr],
    settings: Settings,
    *,
    positive: bool,
    empty_notes: frozenset[str],
    past_years: bool,
) -> pl.Expr:
    """Plain-language notes on every undefined measure and every choice made for a row.

    With `positive` (`all_positive`), the notes on zero or negative values cannot apply to
    any row and are left out of the plan; so are the columns of `empty_notes` and, without
    `past_years`, the note on a target year without an observation.
    """
    c = pl.col
    n = c("n_points")
    zero = settings.opensdg.zero_substitute

    def column(name: str) -> list[pl.Expr]:
        return [] if name in empty_notes else [c(name)]

    opensdg_zero = (
        _reason(
            c("opensdg_score").is_not_null() & ((c("x0") == 0) | (~c("_best") & (c("value") == 0))),
            f"Open SDG: a zero base or target value is replaced by {zero}, as sdg-build does",
        )
        if zero is not None and not positive
        else None
    )
    signs = (
        []
        if positive
        else [
            _reason(
                ~c("_rate").fill_null(value=False) & (n >= 2) & ((c("x0") <= 0) | (c("xc") <= 0)),
                "actual CAGR undefined: the baseline or latest value is zero or negative; "
                "linear projection used",
            ),
            _reason(
                ~c("_rate").fill_null(value=False)
                & (n >= 1)
                & ((c("x0") <= 0) | (c("value") <= 0))
                & (c("year") > c("t0")),
                "required CAGR undefined: the baseline or target value is zero or negative",
            ),
            _reason(
                c("cagr_actual").is_not_null() & (c("value") <= 0) & (c("year") > c("tc")),
                "target value is zero or negative, which a compound projection never reaches: "
                "linear projection used",
            ),
        ]
    )
    bound_notes = [
        _reason(
            c("_raw_projected") != c("projected_value"),
            "projected value held within the bounds of its kind (METHODS §1.5)",
        ),
        _reason(
            c("_raw_regression") != c("regression_value"),
            "regression value held within the bounds of its kind (METHODS §1.5)",
        ),
    ]
    return joined_notes(
        [
            *notes,
            _reason(n == 0, "no observation for this unit and indicator in the years assessed"),
            _reason(n == 1, "only one observation: at least two are needed for a projection"),
            *column("_rate_note"),
            *signs[:2],
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
            _reason(
                (n >= 1) & ~c(EQUAL_FLAG) & (c("_wanted") * (c("value") - c("x0")) < 0),
                "the baseline already meets the target: moving away from it counts as negative",
            ),
            *signs[2:],
            *bound_notes,
            *([] if opensdg_zero is None else [opensdg_zero]),
            *column(EQUAL_NOTE),
            *(
                [
                    _reason(
                        (n >= 1) & (c("tc") < c("year")) & (c("year") <= c("_report_year")),
                        pl.format("no observation in the target year; latest is {}", c("tc")),
                    )
                ]
                if past_years
                else []
            ),
        ]
    )

"""Open SDG's progress measure (Statistics Canada's method, as `sdg-build` computes it).

Restated from METHODS §1.2 and sdg-build's `ProgressMeasure.py`, for all targets at once.
Base year: the target's baseline (t0, x0); current: the latest point (tc, xc). Direction d
from the comparator (`=`: the side the target lies on). With a stated target value V:

    R = s · d · CAGR(x0 → xc) / |CAGR(x0 → V by T)|,   s = −1 when x0 < 0, else 1,

scored on two straight lines split at the `med` cut-off. Without a stated value: R = s · d ·
CAGR(x0 → xc), compared with growth cut-offs multiplied by C = 1 − (|x0| / limit)^4.44 for
`share` indicators (limit 100), scored on four lines. Status from the score; "target
achieved" (score 5) whenever the latest value meets V, as sdg-build does (switchable).
"""

from __future__ import annotations

import polars as pl

from stkit.progress._comparators import EQUAL_FLAG, falling, rising
from stkit.progress._labels import Labels
from stkit.progress._settings import OpenSdgSettings

#: Open SDG's status labels, from the highest score down.
STATUSES = (
    "target_achieved",
    "substantial_progress",
    "moderate_progress",
    "limited_progress",
    "deterioration",
)
_LABELS = Labels(*STATUSES)


def _cagr(end: pl.Expr, start: pl.Expr, years: pl.Expr) -> pl.Expr:
    return (end / start).pow(1.0 / years.cast(pl.Float64)) - 1.0


def with_opensdg(
    frame: pl.LazyFrame,
    settings: OpenSdgSettings,
    *,
    stated: pl.Expr,
    growth: bool = True,
    positive: bool = False,
) -> pl.LazyFrame:
    """Add `opensdg_score` and `opensdg_status` (null when not computable).

    Needs the comparator flags, value, year, n_points, t0, x0, tc, xc and kind; `stated` is
    true where the target row states its value (else the growth variant is used). Each
    intermediate is a column of its own, computed once (an expression used in several
    branches would be evaluated once per use).

    Two shortcuts, for speed only: without `growth` (every row states its value) the growth
    variant is left out of the plan; with `positive` (no assessable row has a zero or
    negative base, latest or target value, or a target year before its base year) the
    observed and required growth are the columns `cagr_actual` and `cagr_required`, which
    then hold the same numbers.
    """
    c = pl.col
    zero = settings.zero_substitute

    def substituted(column: str) -> pl.Expr:
        if zero is None:
            return pl.when(c(column) != 0).then(c(column))
        return pl.when(c(column) == 0).then(pl.lit(zero)).otherwise(c(column))

    limit = abs(settings.share_limit)
    magnitude = c("x0").abs()
    frame = frame.with_columns(
        stated.alias("_os_stated"),
        pl.when(rising())
        .then(pl.lit(1.0))
        .when(falling())
        .then(pl.lit(-1.0))
        .when(c(EQUAL_FLAG) & stated & (c("value") != c("x0")))
        .then((c("value") - c("x0")).sign())
        .alias("_os_d"),
        substituted("x0").alias("_os_base"),
        substituted("value").alias("_os_target"),
        (
            pl.when((c("kind") != "share") | (magnitude >= 2 * limit))
            .then(pl.lit(1.0))
            .otherwise(
                1.0
                - (
                    pl.when(magnitude <= limit).then(magnitude).otherwise(2 * limit - magnitude)
                    / limit
                ).pow(settings.limit_exponent)
            )
            .fill_null(1.0)
            if growth
            else pl.lit(1.0)
        ).alias("_os_c"),
    )
    base, target, direction = c("_os_base"), c("_os_target"), c("_os_d")
    usable = (
        ~c("_rate").fill_null(value=False)
        & (c("n_points") >= 2)
        & (c("tc") > c("t0"))
        & ~(((base > 0) & (c("xc") < 0)) | ((base < 0) & (c("xc") > 0)))
    )
    achieved = pl.lit(value=False)
    if settings.achieved_when_met:
        achieved = (
            c("_os_stated")
            & ~c("_rate").fill_null(value=False)
            & (c("n_points") >= 1)
            & (((direction == 1) & (c("xc") >= target)) | ((direction == -1) & (c("xc") <= target)))
        ).fill_null(value=False)
    sign_direction = pl.when(c("x0") < 0).then(-direction).otherwise(direction)
    if positive:
        observed, required = c("cagr_actual"), c("cagr_required")
    else:
        observed = _cagr(c("xc"), base, c("tc") - c("t0"))
        required = pl.when((target / base > 0) & (c("year") != c("t0"))).then(
            _cagr(target, base, c("year") - c("t0"))
        )
    frame = frame.with_columns(
        pl.when(usable).then(sign_direction * observed).alias("_os_growth"),
        required.abs().alias("_os_required"),
        achieved.alias("_os_achieved"),
    )
    ratio = pl.when(c("_os_required") != 0).then(c("_os_growth") / c("_os_required"))
    frame = frame.with_columns(
        (
            pl.when(c("_os_stated")).then(ratio).otherwise(c("_os_growth")) if growth else ratio
        ).alias("_os_r"),
    )
    frame = frame.with_columns(
        pl.when(c("_os_achieved"))
        .then(pl.lit(5.0))
        .when(c("_os_stated"))
        .then(_target_score(settings))
        .otherwise(_growth_score(settings) if growth else None)
        .alias("opensdg_score")
    )
    score = c("opensdg_score")
    substantial, moderate, limited = settings.status_cutoffs
    label = _LABELS
    status = label.text(
        pl.when(c("_os_achieved"))
        .then(label(STATUSES[0]))
        .when(score >= substantial)
        .then(label(STATUSES[1]))
        .when(score >= moderate)
        .then(label(STATUSES[2]))
        .when(score >= limited)
        .then(label(STATUSES[3]))
        .when(score.is_not_null())
        .then(label(STATUSES[4]))
    )
    temporary = ["_os_stated", "_os_d", "_os_base", "_os_target", "_os_c", "_os_growth"]
    temporary += ["_os_required", "_os_achieved", "_os_r"]
    return frame.with_columns(status.alias("opensdg_status")).drop(temporary)


def _target_score(settings: OpenSdgSettings) -> pl.Expr:
    """sdg-build's score of R = d · CAGR_obs / |CAGR_req| (two lines split at `med`)."""
    ratio = pl.col("_os_r")
    med = settings.target_thresholds[1]
    (up_a, up_b), (lo_a, lo_b) = settings.target_score_upper, settings.target_score_lower
    return (
        pl.when(ratio >= med)
        .then(pl.min_horizontal(ratio * up_a + up_b, pl.lit(5.0)))
        .when(ratio.is_not_null())
        .then(pl.max_horizontal(ratio * lo_a + lo_b, pl.lit(-5.0)))
    )


def _growth_score(settings: OpenSdgSettings) -> pl.Expr:
    """sdg-build's score of the observed growth, cut-offs and slopes scaled by C."""
    growth, coefficient = pl.col("_os_r"), pl.col("_os_c")
    g_high, g_med, g_low = (cut * coefficient for cut in settings.growth_thresholds)
    (h_a, h_b), (m_a, m_b), (l_a, l_b), (n_a, n_b) = settings.growth_score
    return (
        pl.when(growth < g_low)
        .then(pl.max_horizontal(growth * n_a + n_b, pl.lit(-5.0)))
        .when(growth.is_null())
        .then(None)
        .when(coefficient == 0)
        .then(pl.lit(5.0))
        .when(growth >= g_high)
        .then(pl.min_horizontal(growth * h_a / coefficient + h_b, pl.lit(5.0)))
        .when(growth >= g_med)
        .then(growth * m_a / coefficient + m_b)
        .when(growth >= g_low)
        .then(growth * l_a / coefficient + l_b)
    )

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
from stkit.progress._settings import OpenSdgSettings

#: Open SDG's status labels, from the highest score down.
STATUSES = (
    "target_achieved",
    "substantial_progress",
    "moderate_progress",
    "limited_progress",
    "deterioration",
)


def _cagr(end: pl.Expr, start: pl.Expr, years: pl.Expr) -> pl.Expr:
    return (end / start).pow(1.0 / years.cast(pl.Float64)) - 1.0


def opensdg_columns(settings: OpenSdgSettings, *, stated: pl.Expr) -> list[pl.Expr]:
    """Columns `opensdg_score` and `opensdg_status` (null when not computable).

    Needs the comparator flags, value, year, n_points, t0, x0, tc, xc and kind; `stated` is
    true where the target row states its value (else the growth variant is used).
    """
    c = pl.col
    zero = settings.zero_substitute
    direction = (
        pl.when(rising())
        .then(pl.lit(1.0))
        .when(falling())
        .then(pl.lit(-1.0))
        .when(c(EQUAL_FLAG) & stated & (c("value") != c("x0")))
        .then((c("value") - c("x0")).sign())
    )

    def substituted(column: str) -> pl.Expr:
        if zero is None:
            return pl.when(c(column) != 0).then(c(column))
        return pl.when(c(column) == 0).then(pl.lit(zero)).otherwise(c(column))

    base = substituted("x0")
    target = substituted("value")
    sign = pl.when(c("x0") < 0).then(pl.lit(-1.0)).otherwise(pl.lit(1.0))
    usable = (
        (c("kind") != "rate").fill_null(value=True)
        & (c("n_points") >= 2)
        & (c("tc") > c("t0"))
        & ~(((base > 0) & (c("xc") < 0)) | ((base < 0) & (c("xc") > 0)))
    )
    observed = pl.when(usable).then(_cagr(c("xc"), base, c("tc") - c("t0")))
    required = pl.when((target / base > 0) & (c("year") != c("t0"))).then(
        _cagr(target, base, c("year") - c("t0"))
    )
    ratio = pl.when(required != 0).then(sign * direction * observed / required.abs())
    growth = sign * direction * observed

    high, med, low = settings.target_thresholds
    (up_a, up_b), (lo_a, lo_b) = settings.target_score_upper, settings.target_score_lower
    target_score = (
        pl.when(ratio >= med)
        .then(pl.min_horizontal(ratio * up_a + up_b, pl.lit(5.0)))
        .otherwise(pl.max_horizontal(ratio * lo_a + lo_b, pl.lit(-5.0)))
    )
    del high, low  # the score lines are fixed by sdg-build for its default cut-offs

    limit = abs(settings.share_limit)
    magnitude = c("x0").abs()
    coefficient = (
        pl.when(c("kind") != "share")
        .then(pl.lit(1.0))
        .when(magnitude >= 2 * limit)
        .then(pl.lit(1.0))
        .when(magnitude <= limit)
        .then(1.0 - (magnitude / limit).pow(settings.limit_exponent))
        .otherwise(1.0 - ((2 * limit - magnitude) / limit).pow(settings.limit_exponent))
        .fill_null(1.0)
    )
    g_high, g_med, g_low = (cut * coefficient for cut in settings.growth_thresholds)
    (h_a, h_b), (m_a, m_b), (l_a, l_b), (n_a, n_b) = settings.growth_score
    growth_score = (
        pl.when(growth < g_low)
        .then(pl.max_horizontal(growth * n_a + n_b, pl.lit(-5.0)))
        .when(coefficient == 0)
        .then(pl.lit(5.0))
        .when(growth >= g_high)
        .then(pl.min_horizontal(growth * h_a / coefficient + h_b, pl.lit(5.0)))
        .when(growth >= g_med)
        .then(growth * m_a / coefficient + m_b)
        .when(growth >= g_low)
        .then(growth * l_a / coefficient + l_b)
    )

    achieved = pl.lit(value=False)
    if settings.achieved_when_met:
        achieved = (
            stated
            & (c("kind") != "rate").fill_null(value=True)
            & (c("n_points") >= 1)
            & (
                ((direction == 1) & (c("xc") >= target))
                | ((direction == -1) & (c("xc") <= target))
            )
        ).fill_null(value=False)
    score = (
        pl.when(achieved)
        .then(pl.lit(5.0))
        .when(stated)
        .then(pl.when(ratio.is_not_null()).then(target_score))
        .otherwise(pl.when(growth.is_not_null()).then(growth_score))
    )
    substantial, moderate, limited = settings.status_cutoffs
    status = (
        pl.when(achieved)
        .then(pl.lit(STATUSES[0]))
        .when(score >= substantial)
        .then(pl.lit(STATUSES[1]))
        .when(score >= moderate)
        .then(pl.lit(STATUSES[2]))
        .when(score >= limited)
        .then(pl.lit(STATUSES[3]))
        .when(score.is_not_null())
        .then(pl.lit(STATUSES[4]))
    )
    return [score.alias("opensdg_score"), status.alias("opensdg_status")]

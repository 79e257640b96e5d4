"""Parameters of every progress method, with the published values as defaults.

One frozen dataclass per method family; `Settings` holds them all. docs/progress.md has
the table "method → columns → thresholds → source".
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

#: Bounds a projection of an indicator of each kind stays within (METHODS §1.5): shares
#: are percentages (0–100), counts and amounts are never negative.
DEFAULT_BOUNDS: tuple[tuple[str, float, float], ...] = (
    ("share", 0.0, 100.0),
    ("count", 0.0, math.inf),
    ("amount", 0.0, math.inf),
)


@dataclass(frozen=True)
class OpenSdgSettings:
    """Open SDG's progress measure (sdg-build `ProgressMeasure.py`, Statistics Canada's method).

    Attributes
    ----------
    target_thresholds
        Cut-offs (high, med, low) of R = direction · CAGR_observed / |CAGR_required|.
    target_score_upper, target_score_lower
        Score lines (slope, intercept) for R ≥ med (capped at 5) and R < med (floored at
        −5), as sdg-build writes them (rounded to four decimals).
    growth_thresholds
        Cut-offs (high, med, low) of the observed growth for targets without a value,
        multiplied by the C factor.
    growth_score
        Score lines (slope, intercept) for growth ≥ high, ≥ med, ≥ low (slope divided by C)
        and < low (floored at −5).
    limit_exponent
        Exponent of the C factor, C = 1 − (x0 / limit)^exponent.
    share_limit
        Natural limit of `share` indicators (percent).
    status_cutoffs
        Score cut-offs of substantial, moderate and limited progress.
    zero_substitute
        Stands in for a zero base or target value (sdg-build's 0.001); None: a zero makes
        the measure not computable.
    achieved_when_met
        sdg-build's "target achieved" (score 5) whenever the latest value meets the target,
        whatever the trend; False: score and status come from the pace alone.
    """

    target_thresholds: tuple[float, float, float] = (0.95, 0.6, 0.0)
    target_score_upper: tuple[float, float] = (7.1429, -4.2857)
    target_score_lower: tuple[float, float] = (4.1667, -2.5)
    growth_thresholds: tuple[float, float, float] = (0.015, 0.005, 0.0)
    growth_score: tuple[tuple[float, float], ...] = (
        (500.0, -5.0),
        (250.0, -1.25),
        (500.0, -2.5),
        (125.0, -2.5),
    )
    limit_exponent: float = 4.44
    share_limit: float = 100.0
    status_cutoffs: tuple[float, float, float] = (2.5, 0.0, -2.5)
    zero_substitute: float | None = 0.001
    achieved_when_met: bool = True


@dataclass(frozen=True)
class Settings:
    """Parameters of the assessment; defaults are the published values (docs/progress.md).

    Attributes
    ----------
    equal_relative_tolerance, equal_absolute_tolerance
        Half-width of the band meeting an `=` target: max(relative · |V|, absolute).
    trend_window
        SDSN: years back from the latest point for the recent change.
    trend_cutoffs
        SDSN: recent over needed change for on track, moderately improving, stagnating.
    regression_power
        ESCAP: weights (t − t0 + 1)^power of the time-weighted regression.
    rate_average_years
        Years averaged for the level of a `rate` indicator (METHODS §1.5).
    horizon
        Years ahead searched for the attainment year.
    bounds
        (kind, lower, upper) a projection is held within (METHODS §1.5).
    opensdg
        Open SDG's progress measure.
    """

    equal_relative_tolerance: float = 0.01
    equal_absolute_tolerance: float = 0.0
    trend_window: int = 5
    trend_cutoffs: tuple[float, float, float] = (1.0, 0.5, 0.0)
    regression_power: float = 1.0
    rate_average_years: int = 1
    horizon: int = 50
    bounds: tuple[tuple[str, float, float], ...] = DEFAULT_BOUNDS
    opensdg: OpenSdgSettings = field(default_factory=OpenSdgSettings)

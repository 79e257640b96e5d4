"""Normalise indicators onto a common scale, after multiplying by direction.

Formulas (x' = direction · x, over the units with a value; missing stays missing):

- minmax: (x' − min) / (max − min) · (u − l) + l. A constant indicator has no spread
  and gives missing values (as in COINr), so it drops out of the aggregation.
- zscore: (x' − mean) / sd · s + m, sd with n − 1.
- rank: rank of x' among units, 1 = lowest, ties share the average rank.
- percentile_rank: (rank − 1) / (n − 1) · scale, ties at their lowest rank; 0 = worst.
- goalposts: share of the way from the worst to the best goalpost (iMeta columns
  `goalpost_lower`, `goalpost_upper` on the indicator's own scale), clipped to [0, 1],
  times scale.
- distance_to_target: 1 − (T' − x') / (T' − min x'), T' = direction · Target (iMeta), capped
  at 1 (a unit beyond the target has reached it), times scale.
"""

from __future__ import annotations

import warnings

import numpy as np
import polars as pl

from stkit.errors import StkitError
from stkit.index.config import NormaliseConfig
from stkit.index.structure import FloatArray, Structure


def _minmax(x: FloatArray, low: float, high: float) -> FloatArray:
    with warnings.catch_warnings(), np.errstate(invalid="ignore", divide="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        lo = np.nanmin(x, axis=0)
        hi = np.nanmax(x, axis=0)
        spread = np.where(hi > lo, hi - lo, np.nan)
        return np.asarray((x - lo) / spread * (high - low) + low)


def _zscore(x: FloatArray, mean: float, sd: float) -> FloatArray:
    with warnings.catch_warnings(), np.errstate(invalid="ignore", divide="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        mu = np.nanmean(x, axis=0)
        sigma = np.nanstd(x, axis=0, ddof=1)
        sigma = np.where(sigma > 0, sigma, np.nan)
        return np.asarray((x - mu) / sigma * sd + mean)


def _ranks(x: FloatArray, method: str) -> FloatArray:
    out = np.full_like(x, np.nan)
    for j in range(x.shape[1]):
        column = pl.Series(x[:, j]).fill_nan(None)
        out[:, j] = column.rank(method=method).cast(pl.Float64).fill_null(np.nan).to_numpy()  # type: ignore[arg-type]
    return out


def normalise(values: FloatArray, structure: Structure, config: NormaliseConfig) -> FloatArray:
    """Return normalised values (units × indicators)."""
    d = structure.direction
    x = values * d
    method = config.method
    if method == "minmax":
        return _minmax(x, config.range[0], config.range[1])
    if method == "zscore":
        return _zscore(x, config.mean, config.sd)
    if method == "rank":
        return _ranks(x, "average")
    if method == "percentile_rank":
        ranks = _ranks(x, "min")
        n = np.sum(~np.isnan(x), axis=0).astype(np.float64)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.asarray((ranks - 1) / np.where(n > 1, n - 1, np.nan) * config.scale)
    if method == "goalposts":
        posts = structure.goalposts
        if np.isnan(posts).any():
            missing = [
                c for c, p in zip(structure.indicators, posts, strict=True) if np.isnan(p).any()
            ]
            raise StkitError(
                f"Goalpost normalisation needs goalpost_lower and goalpost_upper in iMeta for "
                f"every indicator; missing for {', '.join(missing[:10])}. Fix: add both columns. / "
                "Chuẩn hoá theo ngưỡng (goalposts) cần goalpost_lower và goalpost_upper trong "
                f"iMeta cho mọi chỉ số; đang thiếu ở {', '.join(missing[:10])}. "
                "Cách sửa: thêm cả hai cột."
            )
        worst = np.where(d > 0, posts[:, 0], posts[:, 1]) * d
        best = np.where(d > 0, posts[:, 1], posts[:, 0]) * d
        with np.errstate(invalid="ignore", divide="ignore"):
            share = (x - worst) / (best - worst)
        return np.asarray(np.clip(share, 0.0, 1.0) * config.scale)
    target = structure.target
    if np.isnan(target).any():
        missing = [c for c, t in zip(structure.indicators, target, strict=True) if np.isnan(t)]
        raise StkitError(
            f"Distance-to-target normalisation needs a Target in iMeta for every indicator; "
            f"missing for {', '.join(missing[:10])}. Fix: fill the Target column. / "
            "Chuẩn hoá theo khoảng cách tới mục tiêu cần Target trong iMeta cho mọi chỉ số; "
            f"đang thiếu ở {', '.join(missing[:10])}. Cách sửa: điền cột Target."
        )
    t = target * d
    with warnings.catch_warnings(), np.errstate(invalid="ignore", divide="ignore"):
        warnings.simplefilter("ignore", RuntimeWarning)
        lo = np.nanmin(x, axis=0)
        share = 1 - (t - x) / np.where(t > lo, t - lo, np.nan)
    return np.asarray(np.minimum(share, 1.0) * config.scale)

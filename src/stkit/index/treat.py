"""Outlier treatment: winsorisation by skew and kurtosis, with a log fallback.

Skew and kurtosis are e1071's type 2 (Excel's SKEW and KURT), missing values dropped.
An indicator passes when |skew| < skew threshold OR kurtosis < kurtosis threshold.
Failing ones are winsorised: while failing, if skew ≥ 0 the maximum value(s) are set to
the next highest, else the minimum value(s) to the next lowest. Counting rules:

- `documented`: stop when the number of distinct points winsorised so far reaches
  `winmax` (a tie moved in one step can overshoot it).
- `coinr`: COINr 1.1.14's counter: the number of points moved in the last step at the
  top plus those in the last step at the bottom. On one side this equals the distinct
  count, because each step re-moves the points already winsorised (they are tied with
  the new maximum); the rules can differ only when a step is not reached that way.
  Kept to reproduce COINr's `winsorise.nwin` exactly.

If the indicator still fails, the *original* values are log-transformed instead:
log(x − min + 0.01·(max − min)) (COINr's `log_CT`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import polars as pl

from stkit.index.config import TreatConfig
from stkit.index.structure import FloatArray


def _centred(x: FloatArray, min_n: int) -> FloatArray | None:
    """Non-missing deviations from the mean, scaled by their largest size (skew and kurtosis
    are scale-free); None with fewer than `min_n` values or no spread."""
    v = x[~np.isnan(x)]
    if v.size < min_n:
        return None
    d = v - v.mean()
    size = float(np.max(np.abs(d)))
    if size == 0 or not np.isfinite(size):
        return None
    return np.asarray(d / size)


def skewness(x: FloatArray) -> float:
    """Sample skewness, e1071 type 2 (Excel SKEW); NaN with fewer than 3 values."""
    d = _centred(x, 3)
    if d is None:
        return float("nan")
    n = d.size
    m2 = float(np.sum(d**2))
    g = np.sqrt(n) * float(np.sum(d**3)) / m2**1.5
    return float(g * np.sqrt(n * (n - 1)) / (n - 2))


def kurtosis(x: FloatArray) -> float:
    """Sample excess kurtosis, e1071 type 2 (Excel KURT); NaN with fewer than 4 values."""
    d = _centred(x, 4)
    if d is None:
        return float("nan")
    n = d.size
    m2 = float(np.sum(d**2))
    r = n * float(np.sum(d**4)) / m2**2
    return float(((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3)))


def passes(x: FloatArray, config: TreatConfig) -> tuple[bool, float, float]:
    """Return (pass, skew, kurtosis); an indicator without spread passes."""
    s, k = skewness(x), kurtosis(x)
    if np.isnan(s) or np.isnan(k):
        return True, s, k
    return bool(abs(s) < config.skew or k < config.kurtosis), s, k


@dataclass(frozen=True)
class Treatment:
    """What happened to one indicator."""

    values: FloatArray
    skew0: float
    kurt0: float
    pass0: bool
    nwin: int | None
    skew1: float | None
    kurt1: float | None
    pass1: bool | None
    logged: bool
    skew2: float | None
    kurt2: float | None
    pass2: bool | None


def _winsorise(x: FloatArray, config: TreatConfig) -> tuple[FloatArray, int]:
    original = x
    x = x.copy()
    last_hi = last_lo = 0
    ok = False
    while not ok:
        if skewness(x) >= 0:
            top = np.nanmax(x)
            hit = x == top
            rest = x[~hit & ~np.isnan(x)]
            if rest.size == 0:
                break
            x[hit] = rest.max()
            last_hi = int(hit.sum())
        else:
            bottom = np.nanmin(x)
            hit = x == bottom
            rest = x[~hit & ~np.isnan(x)]
            if rest.size == 0:
                break
            x[hit] = rest.min()
            last_lo = int(hit.sum())
        count = _count(original, x, last_hi + last_lo, config)
        ok = passes(x, config)[0]
        if count >= config.winmax:
            break
    return x, _count(original, x, last_hi + last_lo, config)


def _count(original: FloatArray, x: FloatArray, last_steps: int, config: TreatConfig) -> int:
    if config.counting == "coinr":
        return last_steps
    return int(np.sum((x != original) & ~np.isnan(original)))


def treat_indicator(x: FloatArray, config: TreatConfig) -> Treatment:
    """Treat one indicator's values (units in order, NaN for missing)."""
    ok0, s0, k0 = passes(x, config)
    if ok0 or config.method == "none":
        return Treatment(x.copy(), s0, k0, ok0, None, None, None, None, False, None, None, None)
    wins, nwin = _winsorise(x, config)
    ok1, s1, k1 = passes(wins, config)
    if ok1 or not config.log_fallback:
        return Treatment(wins, s0, k0, ok0, nwin, s1, k1, ok1, False, None, None, None)
    lo, hi = np.nanmin(x), np.nanmax(x)
    logged = np.log(x - lo + 0.01 * (hi - lo))
    ok2, s2, k2 = passes(logged, config)
    return Treatment(logged, s0, k0, ok0, nwin, s1, k1, ok1, True, s2, k2, ok2)


def treat_matrix(
    values: FloatArray, indicators: tuple[str, ...], config: TreatConfig
) -> tuple[FloatArray, pl.DataFrame]:
    """Treat every indicator column; return the treated matrix and COINr's details table."""
    out = values.copy()
    rows: list[dict[str, object]] = []
    for j, code in enumerate(indicators):
        t = treat_indicator(values[:, j], config)
        out[:, j] = t.values
        rows.append(
            {
                "iCode": code,
                "check_SkewKurt0.Pass": t.pass0,
                "check_SkewKurt0.Skew": t.skew0,
                "check_SkewKurt0.Kurt": t.kurt0,
                "winsorise.nwin": t.nwin,
                "check_SkewKurt1.Pass": t.pass1,
                "check_SkewKurt1.Skew": t.skew1,
                "check_SkewKurt1.Kurt": t.kurt1,
                "log_CT": t.logged,
                "check_SkewKurt2.Pass": t.pass2,
                "check_SkewKurt2.Skew": t.skew2,
                "check_SkewKurt2.Kurt": t.kurt2,
            }
        )
    schema = {
        "iCode": pl.String,
        "check_SkewKurt0.Pass": pl.Boolean,
        "check_SkewKurt0.Skew": pl.Float64,
        "check_SkewKurt0.Kurt": pl.Float64,
        "winsorise.nwin": pl.Int64,
        "check_SkewKurt1.Pass": pl.Boolean,
        "check_SkewKurt1.Skew": pl.Float64,
        "check_SkewKurt1.Kurt": pl.Float64,
        "log_CT": pl.Boolean,
        "check_SkewKurt2.Pass": pl.Boolean,
        "check_SkewKurt2.Skew": pl.Float64,
        "check_SkewKurt2.Kurt": pl.Float64,
    }
    return out, pl.DataFrame(rows, schema=schema)

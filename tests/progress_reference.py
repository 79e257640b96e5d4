"""A plain, per-series reference implementation of the progress definitions (issue 4).

Written from the definitions, one target at a time, with no polars: the vectorised engine
in `stkit.progress` must agree with it on any data (see test_progress_reference.py).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

Point = tuple[int, float]


@dataclass(frozen=True)
class Target:
    comparator: str
    value: float
    year: int
    baseline_value: float | None = None
    baseline_year: int | None = None
    kind: str | None = "count"


def meets(x: float, comparator: str, v: float, rel_tol: float = 0.01) -> bool:
    if comparator == ">=":
        return x >= v
    if comparator == ">":
        return x > v
    if comparator == "<=":
        return x <= v
    if comparator == "<":
        return x < v
    return abs(x - v) <= max(rel_tol * abs(v), 0.0)


def _pow(base: float, exponent: float) -> float:
    """base ** exponent, infinite instead of OverflowError (as polars gives)."""
    try:
        return float(base**exponent)
    except OverflowError:
        return math.inf


def _sign(x: float) -> float:
    return (x > 0) - (x < 0)


def series_of(target: Target, points: Iterable[Point], year: int) -> list[Point]:
    cut = min(year, target.year)
    start = target.baseline_year
    chosen = {t: x for t, x in points if t <= cut and (start is None or t >= start)}
    if start is not None and target.baseline_value is not None and start <= cut:
        chosen[start] = target.baseline_value
    return sorted(chosen.items())


BOUNDS = {"share": (0.0, 100.0), "count": (0.0, math.inf), "amount": (0.0, math.inf)}


def _clip(x: float, kind: str | None) -> float:
    low, high = BOUNDS.get(kind or "", (-math.inf, math.inf))
    return min(max(x, low), high)


def wanted_direction(comparator: str, v: float, x0: float) -> float:
    """+1 when the value must rise, -1 when it must fall; `=`: towards V."""
    if comparator in (">=", ">"):
        return 1.0
    if comparator in ("<=", "<"):
        return -1.0
    return _sign(v - x0)


def towards(comparator: str, v: float, wanted: float, start: float, end: float) -> float:
    """Movement from start to end towards the target (positive) or away (negative)."""
    if comparator == "=":
        return abs(start - v) - abs(end - v)
    return wanted * (end - start)


def opensdg(
    target: Target, stated: bool, s: list[Point], kind: str | None
) -> tuple[float | None, str | None]:
    """Open SDG's score and status (sdg-build's method with its default thresholds)."""
    if not s or kind == "rate":
        return None, None
    t0, x0 = s[0]
    tc, xc = s[-1]
    comp = target.comparator
    if comp in (">=", ">"):
        d: float | None = 1.0
    elif comp in ("<=", "<"):
        d = -1.0
    elif stated and target.value != x0:
        d = _sign(target.value - x0)
    else:
        d = None
    base = 0.001 if x0 == 0 else x0
    v = 0.001 if target.value == 0 else target.value
    sign = -1.0 if x0 < 0 else 1.0
    achieved = stated and d is not None and ((d == 1 and xc >= v) or (d == -1 and xc <= v))
    observed = None
    if d is not None and len(s) >= 2 and tc > t0 and not (base > 0 > xc or base < 0 < xc):
        observed = _pow(xc / base, 1.0 / (tc - t0)) - 1.0
    score = None
    if achieved:
        score = 5.0
    elif stated and observed is not None and d is not None:
        if v / base > 0 and target.year != t0:
            required = _pow(v / base, 1.0 / (target.year - t0)) - 1.0
            if required != 0:
                r = sign * d * observed / abs(required)
                score = min(7.1429 * r - 4.2857, 5) if r >= 0.6 else max(4.1667 * r - 2.5, -5)
    elif not stated and observed is not None and d is not None:
        g = sign * d * observed
        coeff = 1.0
        if kind == "share":
            b = abs(x0)
            if b >= 200:
                coeff = 1.0
            elif b <= 100:
                coeff = 1 - (b / 100) ** 4.44
            else:
                coeff = 1 - ((200 - b) / 100) ** 4.44
        if g < 0:
            score = max(125 * g - 2.5, -5)
        elif coeff == 0:
            score = 5.0
        elif g >= 0.015 * coeff:
            score = min(500 * g / coeff - 5, 5)
        elif g >= 0.005 * coeff:
            score = 250 * g / coeff - 1.25
        else:
            score = 500 * g / coeff - 2.5
    if achieved:
        return score, "target_achieved"
    if score is None:
        return None, None
    for cut, label in ((2.5, "substantial"), (0.0, "moderate"), (-2.5, "limited")):
        if score >= cut:
            return score, f"{label}_progress"
    return score, "deterioration"


def assess_one(
    target: Target,
    points: Iterable[Point],
    *,
    year: int,
    rel_tol: float = 0.01,
    window: int = 5,
    horizon: int = 50,
    power: float = 1.0,
    stated: bool = True,
) -> dict[str, Any]:
    s = series_of(target, points, year)
    out: dict[str, Any] = dict.fromkeys(
        [
            "baseline_year",
            "baseline_value",
            "latest_year",
            "latest_value",
            "share_of_way",
            "expected_share",
            "cagr_actual",
            "cagr_required",
            "cagr_ratio",
            "projected_value",
            "projection_method",
            "trend",
            "attainment_year",
            "regression_value",
            "regression_gap",
            "outcome",
            "status_method",
        ]
    )
    n = len(s)
    v, big_t, comp = target.value, target.year, target.comparator
    out["opensdg_score"], out["opensdg_status"] = opensdg(target, stated, s, target.kind)
    if n == 0:
        out.update(baseline_year=target.baseline_year, baseline_value=target.baseline_value)
        out["status"] = "insufficient_data"
        return out
    t0, x0 = s[0]
    tc, xc = s[-1]
    out.update(baseline_year=t0, baseline_value=x0, latest_year=tc, latest_value=xc)
    wanted = wanted_direction(comp, v, x0)
    distance = abs(v - x0)
    is_rate = target.kind == "rate"
    if distance > 0:
        out["share_of_way"] = towards(comp, v, wanted, x0, xc) / distance
    if big_t != t0:
        out["expected_share"] = (tc - t0) / (big_t - t0)
    slope = (xc - x0) / (tc - t0) if n >= 2 and tc > t0 else None
    a = None
    if not is_rate and n >= 2 and tc > t0 and x0 > 0 and xc > 0:
        a = _pow(xc / x0, 1.0 / (tc - t0)) - 1.0
    r = None
    if not is_rate and big_t > t0 and x0 > 0 and v > 0:
        r = _pow(v / x0, 1.0 / (big_t - t0)) - 1.0
    out.update(cagr_actual=a, cagr_required=r)
    if a is not None and r is not None and r != 0:
        out["cagr_ratio"] = wanted * a / abs(r)
    compound = a if a is not None and v > 0 else None
    ahead = big_t - tc
    if ahead <= 0:
        proj, method = xc, "observed"
    elif compound is not None:
        proj, method = xc * _pow(1.0 + compound, ahead), "compound"
    elif slope is not None:
        proj, method = xc + slope * ahead, "linear"
    else:
        proj, method = None, None
    out.update(
        projected_value=None if proj is None else _clip(proj, target.kind),
        projection_method=method,
    )
    # time-weighted regression (ESCAP), held within the kind's bounds
    reg = None
    if n >= 2:
        w = [(t - t0 + 1.0) ** power for t, _ in s]
        u = [float(t - t0) for t, _ in s]
        x = [p[1] for p in s]
        sw, swu = sum(w), sum(wi * ui for wi, ui in zip(w, u, strict=True))
        swx = sum(wi * xi for wi, xi in zip(w, x, strict=True))
        swuu = sum(wi * ui * ui for wi, ui in zip(w, u, strict=True))
        swux = sum(wi * ui * xi for wi, ui, xi in zip(w, u, x, strict=True))
        den = sw * swuu - swu * swu
        if den > 0:
            b = (sw * swux - swu * swx) / den
            reg = _clip((swx - b * swu) / sw + b * (big_t - t0), target.kind)
            out["regression_value"] = reg
            if not meets(reg, comp, v, rel_tol) and distance > 0:
                short = abs(reg - v) if comp == "=" else wanted * (v - reg)
                out["regression_gap"] = short / distance
    # outcome of a target whose year has come; else ESCAP's class from the regression
    if big_t <= year:
        out["outcome"] = "achieved" if meets(xc, comp, v, rel_tol) else "missed"
        out["status"], out["status_method"] = out["outcome"], "outcome"
    elif reg is None:
        out["status"] = "insufficient_data"
    else:
        out["status_method"] = "regression"
        if meets(reg, comp, v, rel_tol):
            out["status"] = "on_track"
        elif towards(comp, v, wanted, x0, reg) >= 0:
            out["status"] = "accelerate"
        else:
            out["status"] = "reverse"
    # SDSN trend, both changes signed towards the target
    if n >= 2:
        k = min(window, tc - t0)
        ts, xs = max((p for p in s if p[0] <= tc - k), key=lambda p: p[0])
        if tc > ts and big_t > t0:
            recent = towards(comp, v, wanted, xs, xc) / (tc - ts)
            needed = towards(comp, v, wanted, x0, v) / (big_t - t0)
            if meets(xc, comp, v, rel_tol) and recent >= 0:
                out["trend"] = "on_track"
            elif needed <= 0:
                out["trend"] = (
                    "moderately_improving"
                    if recent > 0
                    else "stagnating"
                    if recent == 0
                    else "decreasing"
                )
            else:
                ratio = recent / needed
                out["trend"] = (
                    "on_track"
                    if ratio >= 1
                    else "moderately_improving"
                    if ratio >= 0.5
                    else "stagnating"
                    if ratio >= 0
                    else "decreasing"
                )
    # attainment year: the projection stepped year by year
    if meets(xc, comp, v, rel_tol):
        out["attainment_year"] = tc
    elif compound is not None or slope is not None:
        for step in range(1, horizon + 1):
            x = xc * _pow(1.0 + compound, step) if compound is not None else xc + slope * step  # type: ignore[operator]
            if meets(x, comp, v, rel_tol):
                out["attainment_year"] = tc + step
                break
    return out


def assess_rows(
    targets: Iterable[Mapping[str, Any]],
    observations: Iterable[Mapping[str, Any]],
    kinds: Mapping[str, str],
    *,
    year: int,
) -> list[dict[str, Any]]:
    """Assess target rows (public format) against observation rows, one series at a time."""
    by_series: dict[tuple[str, str], list[Point]] = {}
    for row in observations:
        if row["value"] is None:
            continue
        key = (row["unit"], row["indicator"])
        by_series.setdefault(key, []).append((int(row["period"]), float(row["value"])))
    results = []
    for row in targets:
        target = Target(
            comparator=row["comparator"],
            value=float(row["value"]),
            year=int(row["year"]),
            baseline_value=row.get("baseline_value"),
            baseline_year=row.get("baseline_year"),
            kind=kinds.get(row["indicator"]),
        )
        points = by_series.get((row["unit"], row["indicator"]), [])
        results.append(assess_one(target, points, year=year))
    return results


def close(a: float | None, b: float | None) -> bool:
    """Equal within floating-point noise (both None counts as equal)."""
    if a is None or b is None:
        return a is None and b is None
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)

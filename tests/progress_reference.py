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


def assess_one(
    target: Target,
    points: Iterable[Point],
    *,
    year: int,
    rel_tol: float = 0.01,
    window: int = 5,
    horizon: int = 50,
    power: float = 1.0,
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
        ]
    )
    n = len(s)
    v, big_t, comp = target.value, target.year, target.comparator
    if n == 0:
        out.update(baseline_year=target.baseline_year, baseline_value=target.baseline_value)
        out["status"] = "insufficient_data"
        return out
    t0, x0 = s[0]
    tc, xc = s[-1]
    out.update(baseline_year=t0, baseline_value=x0, latest_year=tc, latest_value=xc)
    is_rate = target.kind == "rate"
    if v != x0:
        out["share_of_way"] = (xc - x0) / (v - x0)
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
        out["cagr_ratio"] = a / r
    ahead = big_t - tc
    if ahead <= 0:
        proj, method = xc, "observed"
    elif a is not None:
        proj, method = xc * _pow(1.0 + a, ahead), "compound"
    elif slope is not None:
        proj, method = xc + slope * ahead, "linear"
    else:
        proj, method = None, None
    out.update(projected_value=proj, projection_method=method)
    wanted = 1.0 if comp in (">=", ">") else -1.0 if comp in ("<=", "<") else _sign(v - x0)
    if n < 2 or proj is None:
        out["status"] = "insufficient_data"
    elif meets(proj, comp, v, rel_tol):
        out["status"] = "on_track"
    elif comp == "=":
        out["status"] = "accelerate" if abs(proj - v) < abs(x0 - v) else "reverse"
    else:
        moved = _sign(proj - x0)
        out["status"] = "accelerate" if moved in (wanted, 0) else "reverse"
    # SDSN trend
    if n >= 2:
        k = min(window, tc - t0)
        ts, xs = max((p for p in s if p[0] <= tc - k), key=lambda p: p[0])
        recent = (xc - xs) / (tc - ts)
        if meets(xc, comp, v, rel_tol) and recent * wanted >= 0:
            out["trend"] = "on_track"
        elif big_t > t0 and v != x0:
            ratio = recent / ((v - x0) / (big_t - t0))
            out["trend"] = (
                "on_track"
                if ratio >= 1
                else "moderately_improving"
                if ratio >= 0.5
                else "stagnating"
                if ratio >= 0
                else "decreasing"
            )
    # attainment year
    if meets(xc, comp, v, rel_tol):
        out["attainment_year"] = tc
    elif a is not None or slope is not None:
        for step in range(1, horizon + 1):
            x = xc * _pow(1.0 + a, step) if a is not None else xc + slope * step  # type: ignore[operator]
            if meets(x, comp, v, rel_tol):
                out["attainment_year"] = tc + step
                break
    # time-weighted regression
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
            reg = (swx - b * swu) / sw + b * (big_t - t0)
            out["regression_value"] = reg
            if not meets(reg, comp, v, rel_tol) and v != x0:
                out["regression_gap"] = (v - reg) / (v - x0)
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

"""Aggregate level by level with weights: arithmetic, geometric or harmonic mean.

Batched: values are (runs, units, children), weights (runs, children); one call
aggregates every run at once with two matrix products. A missing child is skipped and
the weights of the others re-scaled; a weight of 0 removes the child. An aggregate whose
children are all missing (or all weighted 0) is missing.

Geometric and harmonic means need positive values: a value ≤ 0 raises `StkitError`
(normalise to a range that starts above 0, e.g. min–max [1, 100]).
"""

from __future__ import annotations

import numpy as np

from stkit.errors import StkitError
from stkit.index.config import AggregateMethod
from stkit.index.structure import FloatArray, Structure


def aggregate_level(
    values: FloatArray, weights: FloatArray, membership: FloatArray, method: AggregateMethod
) -> FloatArray:
    """Aggregate children into parents for every run: (R, U, C), (R, C), (C, P) → (R, U, P)."""
    present = ~np.isnan(values)
    if method != "amean" and np.any(values[present] <= 0):
        raise StkitError(
            f"The {method} aggregation needs positive values, but some normalised values are "
            "0 or below. Fix: normalise with min–max to a range such as [1, 100], or use amean. / "
            f"Cách tổng hợp {method} cần giá trị dương, nhưng có giá trị đã chuẩn hoá bằng 0 "
            "hoặc âm. Cách sửa: chuẩn hoá min–max về một khoảng như [1, 100], hoặc dùng amean."
        )
    filled = np.where(present, values, 0.0 if method != "hmean" else 1.0)
    if method == "gmean":
        filled = np.log(np.where(present, values, 1.0))
    elif method == "hmean":
        filled = 1.0 / filled
    w = weights[:, None, :]
    num = (np.where(present, filled, 0.0) * w) @ membership
    den = (present * w) @ membership
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(den > 0, num / den, np.nan)
        if method == "gmean":
            return np.asarray(np.exp(mean))
        if method == "hmean":
            return np.asarray(1.0 / mean)
    return np.asarray(mean)


def aggregate_all(
    normalised: FloatArray,
    structure: Structure,
    methods: AggregateMethod | list[AggregateMethod],
    weights: dict[int, FloatArray] | None = None,
) -> FloatArray:
    """Aggregate (R, U, indicators) up every level; return (R, U, all aggregates, lowest first).

    `weights` maps a level number to (R, children) weights; absent levels use iMeta's.
    `methods` is one method, or one per level (level 2 first).
    """
    runs = normalised.shape[0]
    current = normalised
    outputs = []
    for i, level in enumerate(structure.levels):
        if weights is not None and level.number in weights:
            w = weights[level.number]
        else:
            w = np.broadcast_to(structure.level_weights(level.number), (runs, len(level.children)))
        method = methods if isinstance(methods, str) else methods[i]
        current = aggregate_level(current, np.asarray(w), level.membership, method)
        outputs.append(current)
    return np.concatenate(outputs, axis=2)

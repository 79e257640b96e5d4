"""Rank units: 1 = highest score, ties share the lowest rank (the best position)."""

from __future__ import annotations

import numpy as np

from stkit.index.structure import FloatArray


def rank_desc(scores: FloatArray) -> FloatArray:
    """Rank along axis −2 (units) of (..., units, k); missing scores get a missing rank.

    rank = 1 + number of units with a strictly higher score (R's ties.method = "min").
    """
    x = np.where(np.isnan(scores), -np.inf, scores)
    higher = (x[..., None, :, :] > x[..., :, None, :]).sum(axis=-2)
    return np.where(np.isnan(scores), np.nan, 1.0 + higher)

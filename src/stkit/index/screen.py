"""Screen units by data coverage."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from stkit.index.structure import FloatArray


def coverage_mask(values: FloatArray, min_coverage: float) -> npt.NDArray[np.bool_]:
    """Return which units (rows) have at least `min_coverage` of their indicators present.

    `min_coverage = 0` keeps every unit.
    """
    share = np.mean(~np.isnan(values), axis=1)
    return np.asarray(share >= min_coverage - 1e-12)

"""Denominate: divide each indicator by the iData column named in its `Denominator`."""

from __future__ import annotations

import numpy as np
import polars as pl

from stkit.errors import DataFileError
from stkit.index.structure import FloatArray, Structure


def denominate(values: FloatArray, idata: pl.DataFrame, structure: Structure) -> FloatArray:
    """Return `values` (units × indicators) with denominated columns divided; others unchanged.

    A zero or missing denominator gives a missing value, never an infinity.
    """
    out = values.copy()
    for j, column in enumerate(structure.denominator):
        if column is None:
            continue
        if column not in idata.columns:
            raise DataFileError(
                "iData",
                f"indicator {structure.indicators[j]} is divided by {column!r}, "
                "which is not a column of iData.",
                fix=f"add a {column} column to iData or clear the Denominator in iMeta.",
                message_vi=f"chỉ số {structure.indicators[j]} được chia cho {column!r}, nhưng "
                "iData không có cột đó.",
                fix_vi=f"thêm cột {column} vào iData hoặc xoá Denominator trong iMeta.",
            )
        den = idata.get_column(column).cast(pl.Float64).to_numpy()
        with np.errstate(divide="ignore", invalid="ignore"):
            out[:, j] = np.where(den == 0, np.nan, values[:, j] / den)
    return out

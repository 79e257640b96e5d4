"""Impute missing values: indicator mean or median, overall or within a group of units."""

from __future__ import annotations

import warnings

import numpy as np
import polars as pl

from stkit.errors import DataFileError
from stkit.index.config import ImputeConfig
from stkit.index.structure import FloatArray


def _fill(values: FloatArray, rows: np.ndarray, how: str) -> None:
    block = values[rows]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-missing column: stays missing
        centre = np.nanmean(block, axis=0) if how == "mean" else np.nanmedian(block, axis=0)
    values[rows] = np.where(np.isnan(block), centre, block)


def impute(values: FloatArray, idata: pl.DataFrame, config: ImputeConfig) -> FloatArray:
    """Return a copy of `values` (units × indicators) with missing values imputed.

    Group methods use the units sharing the unit's value in the `config.group` column;
    a group with no value for an indicator leaves it missing (as COINr does).
    """
    out = values.copy()
    if config.method == "none":
        return out
    how = "median" if config.method.endswith("median") else "mean"
    if not config.method.startswith("group_"):
        _fill(out, np.arange(out.shape[0]), how)
        return out
    if config.group is None or config.group not in idata.columns:
        raise DataFileError(
            "iData",
            f"the group column {config.group!r} for imputation is missing.",
            fix="add the column or name an existing *_group column in [impute] group.",
            message_vi=f"thiếu cột nhóm {config.group!r} dùng để ước lượng giá trị thiếu.",
            fix_vi="thêm cột đó hoặc ghi ở [impute] group một cột *_group có sẵn.",
        )
    labels = idata.get_column(config.group).cast(pl.String).fill_null("").to_numpy()
    for label in np.unique(labels):
        _fill(out, np.flatnonzero(labels == label), how)
    return out

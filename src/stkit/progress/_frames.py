"""Column names and input normalisation shared by the progress modules."""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl
from polars._typing import PolarsDataType

from stkit.errors import StkitError
from stkit.programmes.model import COMPARATORS

#: Columns of the progress table, in the order of the public CSV (issue "Interface").
PROGRESS_COLUMNS: tuple[str, ...] = (
    "unit",
    "programme",
    "target_id",
    "indicator",
    "baseline_year",
    "baseline_value",
    "latest_year",
    "latest_value",
    "target_year",
    "target_value",
    "share_of_way",
    "expected_share",
    "cagr_actual",
    "cagr_required",
    "cagr_ratio",
    "projected_value",
    "projection_method",
    "regression_value",
    "regression_gap",
    "status",
    "status_method",
    "outcome",
    "trend",
    "attainment_year",
    "opensdg_score",
    "opensdg_status",
    "reason",
)

#: Columns `assess` adds after the public ones.
EXTRA_COLUMNS: tuple[str, ...] = (
    "illustrative",
    "milestone",
    "comparator",
)

_TARGET_COLUMNS: dict[str, PolarsDataType] = {
    "programme": pl.String,
    "target_id": pl.String,
    "unit": pl.String,
    "indicator": pl.String,
    "comparator": pl.String,
    "value": pl.Float64,
    "year": pl.Int64,
    "baseline_value": pl.Float64,
    "baseline_year": pl.Int64,
}
_OBSERVATION_COLUMNS: dict[str, PolarsDataType] = {
    "unit": pl.String,
    "indicator": pl.String,
    "period": pl.Int64,
    "value": pl.Float64,
}
_INDICATOR_COLUMNS: dict[str, PolarsDataType] = {
    "code": pl.String,
    "direction": pl.String,
    "kind": pl.String,
}


def _require_columns(frame: pl.DataFrame, needed: Iterable[str], table: str) -> None:
    missing = [name for name in needed if name not in frame.columns]
    if missing:
        raise StkitError(
            f"The {table} table lacks the column(s) {', '.join(missing)}. "
            f"Fix: add them with the names of the public {table} format (docs/architecture.md)."
        )


def repeated_period_error(unit: str, indicator: str, period: int) -> StkitError:
    """The error for a series with two values in one year (vi, then en)."""
    return StkitError(
        f"Số liệu quan sát: đơn vị '{unit}', chỉ tiêu '{indicator}' có nhiều hơn một giá trị "
        f"cho năm {period} (quy tắc: mỗi đơn vị, chỉ tiêu và năm chỉ một giá trị). "
        "Sửa: giữ một dòng cho năm đó, xoá hoặc sửa các dòng trùng. / "
        f"Observations: unit '{unit}', indicator '{indicator}' has more than one value for "
        f"{period} (rule: one value per unit, indicator and period), so the result would "
        "depend on row order. Fix: keep one row for that year; delete or correct the others."
    )


def targets_input(targets: pl.DataFrame) -> pl.DataFrame:
    """Return the target columns with their types, plus a row key `_tid`."""
    _require_columns(targets, _TARGET_COLUMNS, "targets")
    frame = targets.select(
        pl.col(name).cast(dtype, strict=False) for name, dtype in _TARGET_COLUMNS.items()
    )
    bad = frame.filter(~pl.col("comparator").is_in(COMPARATORS))
    if bad.height:
        row = bad.row(0, named=True)
        raise StkitError(
            f"Target {row['target_id']!r} ({row['programme']}) has comparator "
            f"{row['comparator']!r}; allowed: {', '.join(COMPARATORS)}. "
            "Fix: write one of these in the comparator column."
        )
    return frame.with_row_index("_tid")


def observations_input(observations: pl.DataFrame) -> pl.DataFrame:
    """Return unit, indicator, period, value, illustrative (false when absent) and territory.

    `territory` is null when absent (the period rule, `stkit.units`); empty values are dropped.
    """
    _require_columns(observations, _OBSERVATION_COLUMNS, "observations")
    illustrative = (
        pl.col("illustrative").cast(pl.Boolean, strict=False).fill_null(value=False)
        if "illustrative" in observations.columns
        else pl.lit(value=False)
    )
    return observations.select(
        *(pl.col(name).cast(dtype, strict=False) for name, dtype in _OBSERVATION_COLUMNS.items()),
        illustrative.alias("illustrative"),
        (
            pl.col("territory").cast(pl.String)
            if "territory" in observations.columns
            else pl.lit(None, dtype=pl.String)
        ).alias("territory"),
    ).filter(pl.col("value").is_not_null() & pl.col("period").is_not_null())


def indicators_input(indicators: pl.DataFrame) -> pl.DataFrame:
    """Return code, direction and kind of each catalogue indicator."""
    _require_columns(indicators, _INDICATOR_COLUMNS, "indicators")
    return indicators.select(
        pl.col(name).cast(dtype) for name, dtype in _INDICATOR_COLUMNS.items()
    ).unique("code", keep="first")

"""Column names and input normalisation shared by the progress modules."""

from __future__ import annotations

import polars as pl
from polars._typing import PolarsDataType

from stkit.errors import StkitError
from stkit.i18n.messages import error
from stkit.outputs import PROGRESS_EXTRA_COLUMNS, PROGRESS_PUBLIC_COLUMNS
from stkit.schemas import INDICATORS, OBSERVATIONS, TARGETS, require_columns
from stkit.vocab import COMPARATORS

#: Columns of the progress table, in the order of the public CSV (`stkit.outputs.PROGRESS`).
PROGRESS_COLUMNS: tuple[str, ...] = PROGRESS_PUBLIC_COLUMNS

#: Columns `assess` adds after the public ones.
EXTRA_COLUMNS: tuple[str, ...] = PROGRESS_EXTRA_COLUMNS

# the input columns progress uses, typed as the public tables declare them (`stkit.schemas`)
_TARGET_COLUMNS: dict[str, PolarsDataType] = dict(TARGETS.dtypes)
_OBSERVATION_COLUMNS: dict[str, PolarsDataType] = {
    name: OBSERVATIONS.dtypes[name] for name in ("unit", "indicator", "period", "value")
}
_INDICATOR_COLUMNS: dict[str, PolarsDataType] = {
    name: INDICATORS.dtypes[name] for name in ("code", "direction", "kind")
}


def repeated_period_error(unit: str, indicator: str, period: int) -> StkitError:
    """The error for a series with two values in one year (both languages)."""
    return StkitError(error("repeated_period", unit=unit, indicator=indicator, period=period))


def targets_input(targets: pl.DataFrame) -> pl.DataFrame:
    """Return the target columns with their types, plus a row key `_tid`."""
    require_columns(targets, _TARGET_COLUMNS, "targets")
    frame = targets.select(
        pl.col(name).cast(dtype, strict=False) for name, dtype in _TARGET_COLUMNS.items()
    )
    # an empty comparator is refused too: no rule says which way such a target points
    bad = frame.filter(~pl.col("comparator").is_in(COMPARATORS).fill_null(value=False))
    if bad.height:
        row = bad.row(0, named=True)
        raise StkitError(
            error(
                "target_comparator",
                target=repr(row["target_id"]),
                programme=row["programme"],
                value="''" if row["comparator"] is None else repr(row["comparator"]),
                allowed=", ".join(COMPARATORS),
            )
        )
    return frame.with_row_index("_tid")


def observations_input(observations: pl.DataFrame) -> pl.DataFrame:
    """Return unit, indicator, period, value, illustrative (false when absent) and territory.

    `territory` is null when absent (the period rule, `stkit.units`); empty values are dropped.
    """
    require_columns(observations, _OBSERVATION_COLUMNS, "observations")
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
    require_columns(indicators, _INDICATOR_COLUMNS, "indicators")
    return indicators.select(
        pl.col(name).cast(dtype) for name, dtype in _INDICATOR_COLUMNS.items()
    ).unique("code", keep="first")

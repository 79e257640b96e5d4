"""Pandera schemas of COINr's iMeta and iData tables, as COINr writes them."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from stkit.errors import DataFileError

IMETA_TYPES = ("Indicator", "Aggregate", "Group", "Denominator", "Other")

IMETA_SCHEMA = pa.DataFrameSchema(
    {
        "Level": pa.Column(pl.Int64, nullable=True, checks=pa.Check.ge(1)),
        "iCode": pa.Column(pl.String, unique=True),
        "iName": pa.Column(pl.String, nullable=True, required=False),
        "Direction": pa.Column(pl.Int64, nullable=True, checks=pa.Check.isin([-1, 1])),
        "Weight": pa.Column(pl.Float64, nullable=True, checks=pa.Check.ge(0)),
        "Parent": pa.Column(pl.String, nullable=True),
        "Type": pa.Column(pl.String, checks=pa.Check.isin(list(IMETA_TYPES))),
    },
    coerce=True,
    strict=False,
)

IDATA_SCHEMA = pa.DataFrameSchema(
    {"uCode": pa.Column(pl.String, unique=True, nullable=False)},
    coerce=True,
    strict=False,
)


def validate_imeta(frame: pl.DataFrame, file: str = "iMeta") -> pl.DataFrame:
    """Return iMeta with COINr's column types, or raise `DataFileError` naming every problem."""
    return _validate(IMETA_SCHEMA, frame, file)


def validate_idata(frame: pl.DataFrame, file: str = "iData") -> pl.DataFrame:
    """Return iData checked for a unique, complete `uCode` column."""
    return _validate(IDATA_SCHEMA, frame, file)


def _validate(schema: pa.DataFrameSchema, frame: pl.DataFrame, file: str) -> pl.DataFrame:
    try:
        return schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as errors:
        cases = errors.failure_cases
        lines = []
        for row in cases.head(20).iter_rows(named=True):
            lines.append(
                f"column {row.get('column')}: {row.get('check')} (value {row.get('failure_case')})"
            )
        raise DataFileError(
            file,
            "does not follow COINr's format: " + "; ".join(lines) + ".",
            fix="compare with COINr's iMeta/iData documentation (Level, iCode, Direction ±1, "
            "Weight ≥ 0, Parent, Type; one row per uCode).",
        ) from None

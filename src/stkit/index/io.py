"""Read COINr's iData and iMeta tables (CSV, Excel or Parquet) as they are."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import cast

import polars as pl

from stkit.index.schemas import validate_idata, validate_imeta


def _read(path: Path) -> pl.DataFrame:
    """Read a table with stkit's shared reader when present, else polars directly."""
    try:
        readers = importlib.import_module("stkit.readers")
    except ImportError:  # pragma: no cover - only before the readers module lands
        suffix = path.suffix.lower()
        if suffix in {".xlsx", ".xls"}:
            return pl.read_excel(path)
        if suffix == ".parquet":
            return pl.read_parquet(path)
        return pl.read_csv(path, infer_schema_length=None)
    return cast(pl.DataFrame, readers.read_table(path))


def read_imeta(path: str | Path) -> pl.DataFrame:
    """Read and validate an iMeta table."""
    file = Path(path)
    frame = _read(file)
    if "Target" in frame.columns:
        frame = frame.with_columns(pl.col("Target").cast(pl.Float64, strict=False))
    for column in ("Denominator", "Parent", "iName", "Unit"):
        if column in frame.columns:
            frame = frame.with_columns(pl.col(column).cast(pl.String))
    return validate_imeta(frame, str(file))


def read_idata(path: str | Path) -> pl.DataFrame:
    """Read and validate an iData table (one row per unit, `uCode` unique)."""
    file = Path(path)
    return validate_idata(_read(file), str(file))

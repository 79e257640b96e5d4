"""Validate 100,000 observation rows; figures as ratios to reading the same file with polars."""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import polars as pl

from stkit.datadir import shipped_data_dir
from stkit.readers import read_raw
from stkit.units import load_units
from stkit.validation import load_inputs, load_reference

ROWS = 100_000
INDICATORS = 60
KINDS = ("count", "share", "rate", "amount")


def _catalogue() -> pl.DataFrame:
    codes = [f"BENCH_{i:02d}" for i in range(INDICATORS)]
    return pl.DataFrame(
        {
            "code": codes,
            "name_vi": [f"Chỉ tiêu {i}" for i in range(INDICATORS)],
            "name_en": [f"Indicator {i}" for i in range(INDICATORS)],
            "unit": ["count"] * INDICATORS,
            "direction": ["increase"] * INDICATORS,
            "kind": [KINDS[i % len(KINDS)] for i in range(INDICATORS)],
            "merge_rule": ["sum"] * INDICATORS,
            "weight_indicator": [None] * INDICATORS,
        },
        schema_overrides={"weight_indicator": pl.String},
    )


def _observations(catalogue: pl.DataFrame) -> pl.DataFrame:
    """ROWS distinct (old unit, indicator, year) rows with values that pass every rule."""
    units = load_units(as_of=dt.date(2024, 12, 31)).select(pl.col("slug").alias("unit"))
    years = pl.DataFrame({"period": list(range(2024, 1990, -1))})
    grid = (
        units.join(catalogue.select(pl.col("code").alias("indicator")), how="cross")
        .join(years, how="cross")
        .head(ROWS)
    )
    if grid.height < ROWS:
        raise RuntimeError("the benchmark grid is too small")
    return grid.with_columns(
        value=(pl.int_range(pl.len()) % 97).cast(pl.Float64),
        source=pl.lit("Niên giám thống kê tỉnh"),
        note=pl.lit(None, dtype=pl.String),
        illustrative=pl.lit(value=True),
    )


def _best(run: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    reference = load_reference()
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        catalogue = _catalogue()
        shipped = pl.read_csv(shipped_data_dir() / "indicators.csv", infer_schema=False)
        pl.concat([shipped, catalogue], how="diagonal_relaxed").write_csv(root / "indicators.csv")
        _observations(catalogue).write_csv(root / "observations.csv")
        path = root / "observations.csv"
        baseline = _best(lambda: pl.read_csv(path))
        text = _best(lambda: read_raw(path))
        full = _best(lambda: load_inputs(root, reference=reference, today=dt.date(2026, 1, 1)))
    print(f"observation rows:                       {ROWS:,}")
    print(f"polars read_csv (baseline):             1.0 ({baseline * 1000:.0f} ms)")
    print(f"stkit read_raw (text, trimmed, NFC):    {text / baseline:.1f}x baseline")
    print(f"stkit load_inputs (read + every check): {full / baseline:.1f}x baseline")

"""Validate 1,000,000 observation rows, with and without duplicates; ratios to `pl.read_csv`.

The target (hostile-inputs issue): validation at most 10x a bare `pl.read_csv` of the
same file, also when a tenth or half of the rows repeat another row's key (every
duplicate is a problem reported with the row it repeats).
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import polars as pl

from stkit.datadir import shipped_data_dir
from stkit.readers import read_raw
from stkit.units import load_units
from stkit.validation import ValidationFailed, load_inputs, load_reference

ROWS = 1_000_000
INDICATORS = 500
TARGET = 10.0
REPEATS = 5
"""Side-by-side pairs (read_csv, then validation) per case; the medians are compared."""
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


def _seconds(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def _with_duplicates(frame: pl.DataFrame, share: float) -> pl.DataFrame:
    """`frame` with its last `share` of rows replaced by copies of its first rows' keys."""
    repeated = int(frame.height * share)
    return pl.concat([frame.head(frame.height - repeated), frame.head(repeated)])


def _validate_counting(root: Path, reference: object) -> int:
    try:
        load_inputs(root, reference=reference, today=dt.date(2026, 1, 1))  # type: ignore[arg-type]
    except ValidationFailed as failed:
        return failed.count
    return 0


def _load_average() -> str:
    """The machine's 1-minute load average (the machine is shared: figures vary with it)."""
    return f"{os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else "?"


def main() -> None:
    load_before = _load_average()
    reference = load_reference()
    results: list[tuple[str, float, int]] = []
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        catalogue = _catalogue()
        shipped = pl.read_csv(shipped_data_dir() / "indicators.csv", infer_schema=False)
        pl.concat([shipped, catalogue], how="diagonal_relaxed").write_csv(root / "indicators.csv")
        clean = _observations(catalogue)
        path = root / "observations.csv"
        for label, share in (
            ("no duplicates", 0.0),
            ("10% duplicates", 0.1),
            ("50% duplicates", 0.5),
        ):
            _with_duplicates(clean, share).write_csv(path)
            problems = _validate_counting(root, reference)  # warm: imports, caches
            # side by side: each repeat times read_csv then validation, so that a busy
            # machine slows both alike; the medians of REPEATS runs are compared
            baseline, full, text = [], [], []
            for _ in range(REPEATS):
                baseline.append(_seconds(lambda: pl.read_csv(path)))
                full.append(_seconds(lambda: _validate_counting(root, reference)))
                if share == 0.0:
                    text.append(_seconds(lambda: read_raw(path)))
            base = statistics.median(baseline)
            if share == 0.0:
                results.append(
                    ("stkit read_raw (text, trimmed, NFC)", statistics.median(text) / base, 0)
                )
            ratios = sorted(f / b for f, b in zip(full, baseline, strict=True))
            results.append(
                (f"stkit load_inputs, {label}", statistics.median(full) / base, problems)
            )
            print(
                f"  {label}: read_csv median {base * 1000:.0f} ms, validate median "
                f"{statistics.median(full):.2f} s; per-pair ratios "
                + ", ".join(f"{r:.1f}" for r in ratios),
                flush=True,
            )
    print(
        f"observation rows: {ROWS:,}; target: validation <= {TARGET:.0f}x pl.read_csv "
        f"(median of {REPEATS} side-by-side runs); load average {load_before} before, "
        f"{_load_average()} after"
    )
    for label, ratio, problems in results:
        note = f" ({problems:,} problems)" if problems else ""
        flag = "" if ratio <= TARGET or "read_raw" in label else "  ABOVE TARGET"
        print(f"{label:<45} {ratio:5.1f}x baseline{note}{flag}")

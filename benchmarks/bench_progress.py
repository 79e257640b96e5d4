"""Progress engine at national commune scale: 3,321 units × 100 indicators × 20 years.

Prints rows per second of `stkit.progress.assess` and two ratios measured in this run:
against the per-series reference implementation (tests/progress_reference.py), timed on
a sample of series and extrapolated linearly to all of them, and against one bare polars
`group_by(unit, indicator).agg(last)` over the same observations.
"""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path

import numpy as np
import polars as pl

from stkit.progress import assess

UNITS = 3_321
INDICATORS = 100
YEARS = 20
FIRST_YEAR = 2006
REPORT_YEAR = FIRST_YEAR + YEARS - 1
TARGET_YEAR = 2030
REFERENCE_SAMPLE = 2_000


def synthetic(seed: int = 7) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """Observations (positive random walks), one target per series, and a catalogue."""
    rng = np.random.default_rng(seed)
    series = UNITS * INDICATORS
    units = np.repeat([f"c{i:05d}" for i in range(UNITS)], INDICATORS)
    codes = np.tile([f"I{j:03d}" for j in range(INDICATORS)], UNITS)
    start = rng.uniform(10.0, 100.0, series)
    growth = rng.normal(0.03, 0.05, (series, YEARS)).cumsum(axis=1)
    values = start[:, None] * np.exp(growth)
    observations = pl.DataFrame(
        {
            "unit": np.repeat(units, YEARS),
            "indicator": np.repeat(codes, YEARS),
            "period": np.tile(np.arange(FIRST_YEAR, FIRST_YEAR + YEARS), series),
            "value": values.ravel(),
            "illustrative": np.zeros(series * YEARS, dtype=bool),
        }
    )
    comparators = np.array([">=", ">", "<=", "<", "="])[rng.integers(0, 5, series)]
    targets = pl.DataFrame(
        {
            "programme": "BENCH",
            "target_id": [f"t{i}" for i in range(series)],
            "unit": units,
            "indicator": codes,
            "comparator": comparators,
            "value": start * rng.uniform(0.5, 3.0, series),
            "year": np.full(series, TARGET_YEAR),
            "baseline_value": pl.Series([None] * series, dtype=pl.Float64),
            "baseline_year": pl.Series([None] * series, dtype=pl.Int64),
        }
    )
    kinds = np.array(["count", "share", "rate", "amount"])[rng.integers(0, 4, INDICATORS)]
    indicators = pl.DataFrame(
        {
            "code": [f"I{j:03d}" for j in range(INDICATORS)],
            "direction": "increase",
            "kind": kinds,
            "merge_rule": "none",
            "weight_indicator": pl.Series([None] * INDICATORS, dtype=pl.String),
        }
    )
    return targets, observations, indicators


def _best_of(runs: int, work: object) -> float:
    assert callable(work)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    assess_rows = importlib.import_module("progress_reference").assess_rows

    targets, observations, indicators = synthetic()
    rows = observations.height
    print(f"observations: {rows:,}  series/targets: {targets.height:,}")

    engine = _best_of(3, lambda: assess(targets, observations, indicators, year=REPORT_YEAR))
    bare = _best_of(
        3,
        lambda: observations.group_by("unit", "indicator").agg(pl.col("value").last()),
    )

    sample_targets = targets.head(REFERENCE_SAMPLE)
    sample_obs = observations.head(REFERENCE_SAMPLE * YEARS)
    kinds = dict(zip(indicators["code"], indicators["kind"], strict=True))
    t_rows, o_rows = sample_targets.to_dicts(), sample_obs.to_dicts()
    sample = _best_of(1, lambda: assess_rows(t_rows, o_rows, kinds, year=REPORT_YEAR))
    reference = sample * targets.height / REFERENCE_SAMPLE

    print(f"assess (vectorised): {engine:8.3f} s   {rows / engine:14,.0f} observation rows/s")
    print(f"bare group_by.agg(last): {bare:8.3f} s")
    print(
        f"reference, per series: {reference:8.1f} s  (timed on {REFERENCE_SAMPLE:,} series in "
        f"{sample:.2f} s, extrapolated linearly to {targets.height:,})"
    )
    print(f"speed-up over the reference: {reference / engine:8.1f}x   (goal: >= 50x)")
    print(f"time / bare group_by:        {engine / bare:8.2f}x   (goal: <= 3x)")

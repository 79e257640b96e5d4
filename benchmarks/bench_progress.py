"""Progress engine at national commune scale: 3,321 units × 100 indicators × 20 years.

Prints rows per second of `stkit.progress.assess` and two ratios measured in this run:
against the per-series reference implementation (tests/progress_reference.py), timed on
a sample of series and extrapolated linearly to all of them, and against one bare polars
`group_by(unit, indicator).agg(last)` over the same observations. The three contenders run
in turn, several rounds; minimum and median are reported (a shared machine is noisy, and
the minimum is the run least disturbed). A line gives the processor time of one `assess`,
and a last line times rows in random order.
"""

from __future__ import annotations

import importlib
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import polars as pl

from stkit.progress import assess
from stkit.units import load_crosswalk

UNITS = 3_321
INDICATORS = 100
YEARS = 20
FIRST_YEAR = 2006
REPORT_YEAR = FIRST_YEAR + YEARS - 1
TARGET_YEAR = 2030
REFERENCE_SAMPLE = 2_000
ROUNDS = 7


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


def _timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def _interleaved(
    contenders: dict[str, Callable[[], object]], rounds: int
) -> dict[str, list[float]]:
    """Seconds of each contender per round; one run of each per round, in turn.

    Taking turns spreads a busy machine's slow spells over all contenders alike.
    """
    times: dict[str, list[float]] = {name: [] for name in contenders}
    for _ in range(rounds):
        for name, work in contenders.items():
            times[name].append(_timed(work))
    return times


def main() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    assess_rows = importlib.import_module("progress_reference").assess_rows

    targets, observations, indicators = synthetic()
    rows, series = observations.height, targets.height
    print(f"observations: {rows:,}  series/targets: {series:,}  rounds: {ROUNDS}")

    sample_targets = targets.head(REFERENCE_SAMPLE)
    sample_obs = observations.head(REFERENCE_SAMPLE * YEARS)
    kinds = dict(zip(indicators["code"], indicators["kind"], strict=True))
    t_rows, o_rows = sample_targets.to_dicts(), sample_obs.to_dicts()
    shuffled = observations.sample(fraction=1.0, shuffle=True, seed=11)
    crosswalk = load_crosswalk()

    times = _interleaved(
        {
            "bare": lambda: observations.group_by("unit", "indicator").agg(pl.col("value").last()),
            "assess": lambda: assess(
                targets, observations, indicators, year=REPORT_YEAR, crosswalk=crosswalk
            ),
            "sample": lambda: assess_rows(t_rows, o_rows, kinds, year=REPORT_YEAR),
        },
        ROUNDS,
    )
    scale = series / REFERENCE_SAMPLE
    best = {name: min(values) for name, values in times.items()}
    middle = {name: statistics.median(values) for name, values in times.items()}
    reference, reference_median = best["sample"] * scale, middle["sample"] * scale

    def line(label: str, name: str, factor: float = 1.0) -> None:
        low, mid = best[name] * factor, middle[name] * factor
        print(f"{label:<34}{low:9.3f} s  (median {mid:.3f} s)")

    line("assess (vectorised), min", "assess")
    print(f"{'  rows per second':<34}{rows / best['assess']:13,.0f} observation rows/s")
    line("bare group_by.agg(last), min", "bare")
    line("reference, per series, min", "sample", scale)
    print(
        f"  reference timed on the first {REFERENCE_SAMPLE:,} series (their {REFERENCE_SAMPLE * YEARS:,}"
        f" observations) and scaled linearly by {scale:.1f} to all {series:,}: its cost is one"
        " pass per series, so it grows with the number of series."
    )
    print(
        f"speed-up over the reference:   {reference / best['assess']:7.1f}x"
        f"  (median {reference_median / middle['assess']:.1f}x)   goal: >= 50x"
    )
    print(
        f"time / bare group_by:          {best['assess'] / best['bare']:7.2f}x"
        f"  (median {middle['assess'] / middle['bare']:.2f}x)   goal: <= 3x"
    )

    def processor_time() -> float:
        start = time.process_time()
        assess(targets, observations, indicators, year=REPORT_YEAR, crosswalk=crosswalk)
        return time.process_time() - start

    print(
        f"assess processor time (all threads), min of 3: {min(processor_time() for _ in range(3)):.3f} s"
        "  (less moved by other work on the machine than the wall-clock times above)"
    )
    unsorted = min(
        _timed(lambda: assess(targets, shuffled, indicators, year=REPORT_YEAR, crosswalk=crosswalk))
        for _ in range(2)
    )
    bare_unsorted = min(
        _timed(lambda: shuffled.group_by("unit", "indicator").agg(pl.col("value").last()))
        for _ in range(2)
    )
    print(
        f"rows in random order (sorted once first): assess {unsorted:.3f} s,"
        f" bare group_by {bare_unsorted:.3f} s ({unsorted / bare_unsorted:.2f}x)"
    )

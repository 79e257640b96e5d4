"""Time per Monte Carlo run of the index: vectorised engine vs a per-run rebuild loop.

Choices as in the issue: weight noise 0.25 on levels 2 and 3, two normalisations
(min–max [1, 100], z-score 10 ± 2), two aggregations (arithmetic, geometric).
COINr's figure (about 0.1 s per run of the ASEM example, 100 runs in 9.9 s) is quoted
from the issue, not measured here.
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np
import polars as pl

from stkit.index import read_idata, read_imeta
from stkit.index.config import (
    ImputeConfig,
    IndexConfig,
    NormaliseConfig,
    TreatConfig,
    UncertaintyConfig,
)
from stkit.index.pipeline import build_from_structure
from stkit.index.structure import structure_from_imeta
from stkit.index.uncertainty import uncertainty

ASEM = Path(__file__).resolve().parents[1] / "tests" / "data" / "coinr-asem"
COINR_SECONDS_PER_RUN = 0.099  # quoted: 100 runs in 9.9 s (issue 5), not measured here
RUNS = 1000
NAIVE_RUNS = 30
BIG_RUNS = 10_000
CHOICES = UncertaintyConfig(
    weight_noise={2: 0.25, 3: 0.25},
    normalise=(NormaliseConfig("minmax", (1, 100)), NormaliseConfig("zscore", mean=10, sd=2)),
    aggregate=("amean", "gmean"),
)
METHOD = IndexConfig(
    impute=ImputeConfig("group_mean", "EurAsia_group"),
    min_coverage=0.9,
    treat=TreatConfig(counting="coinr"),
    uncertainty=CHOICES,
)


def _naive(idata: pl.DataFrame, imeta: pl.DataFrame, runs: int, seed: int) -> float:
    """Rebuild the whole pipeline per run with drawn weights and choices; seconds per run."""
    structure = structure_from_imeta(imeta)
    rng = np.random.default_rng(seed)
    start = time.perf_counter()
    for _ in range(runs):
        weights = {
            code: structure.weights[code] * rng.uniform(0.75, 1.25)
            for level in structure.levels[:2]
            for code in level.children
        }
        config = IndexConfig(
            impute=METHOD.impute,
            min_coverage=METHOD.min_coverage,
            treat=METHOD.treat,
            normalise=CHOICES.normalise[int(rng.integers(2))],
            aggregate=CHOICES.aggregate[int(rng.integers(2))],
        )
        build_from_structure(idata, structure.with_weights(weights), config)
    return (time.perf_counter() - start) / runs


def _vectorised(idata: pl.DataFrame, imeta: pl.DataFrame, runs: int) -> float:
    start = time.perf_counter()
    uncertainty(idata, imeta, METHOD, runs=runs, seed=1, sensitivity=False)
    return (time.perf_counter() - start) / runs


def _synthetic(units: int, indicators: int, seed: int) -> tuple[pl.DataFrame, pl.DataFrame]:
    """A 63-unit × 52-indicator index with the PII's shape (7 pillars, Input/Output)."""
    rng = np.random.default_rng(seed)
    pillars = [("P1", 8), ("P2", 8), ("P3", 7), ("P4", 7), ("P5", 7), ("P6", 8), ("P7", 7)]
    assert sum(n for _, n in pillars) == indicators
    rows = [(1, f"{p}_{k}", 1, 1.0, p, "Indicator") for p, n in pillars for k in range(1, n + 1)]
    rows += [
        (2, p, 1, 1.0, "Input" if i < 5 else "Output", "Aggregate")
        for i, (p, _) in enumerate(pillars)
    ]
    rows += [(3, "Input", 1, 1.0, "Idx", "Aggregate"), (3, "Output", 1, 1.0, "Idx", "Aggregate")]
    rows += [(4, "Idx", 1, 1.0, None, "Aggregate")]
    imeta = pl.DataFrame(
        rows, schema=["Level", "iCode", "Direction", "Weight", "Parent", "Type"], orient="row"
    )
    codes = [r[1] for r in rows if r[5] == "Indicator"]
    data = {"uCode": [f"U{i:02d}" for i in range(units)], "g_group": ["a"] * units}
    data |= {c: rng.lognormal(2.0, 0.6, units) for c in codes}
    return pl.DataFrame(data), imeta


def main() -> None:
    idata, imeta = read_idata(ASEM / "iData.csv"), read_imeta(ASEM / "iMeta.csv")
    _vectorised(idata, imeta, 50)  # warm-up
    vec = _vectorised(idata, imeta, RUNS)
    naive = _naive(idata, imeta, NAIVE_RUNS, seed=2)
    print(f"ASEM (51 units x 49 indicators), {RUNS} runs vectorised, {NAIVE_RUNS} runs naive")
    print(f"  vectorised          {vec * 1e3:9.4f} ms/run")
    print(
        f"  naive rebuild loop  {naive * 1e3:9.4f} ms/run   ratio naive/vectorised = {naive / vec:8.1f}x"
    )
    print(
        f"  COINr 1.1.14 (quoted, not measured here) {COINR_SECONDS_PER_RUN * 1e3:7.1f} ms/run"
        f"   ratio COINr/vectorised = {COINR_SECONDS_PER_RUN / vec:8.1f}x (goal >= 200x)"
    )
    big_data, big_meta = _synthetic(63, 52, seed=3)
    config = IndexConfig(treat=TreatConfig(), uncertainty=CHOICES)
    start = time.perf_counter()
    uncertainty(big_data, big_meta, config, runs=BIG_RUNS, seed=1, sensitivity=False)
    seconds = time.perf_counter() - start
    print(
        f"63 units x 52 indicators, {BIG_RUNS} runs: {seconds:6.2f} s total "
        f"({seconds / BIG_RUNS * 1e3:.4f} ms/run; ratio to a 60 s budget = {seconds / 60:.3f})"
    )
    start = time.perf_counter()
    uncertainty(big_data, big_meta, config, runs=BIG_RUNS, seed=1, sensitivity=True)
    seconds_sa = time.perf_counter() - start
    print(f"  with sensitivity (Saltelli design, {BIG_RUNS * 6} evaluations): {seconds_sa:6.2f} s")

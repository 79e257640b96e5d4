"""Monte Carlo uncertainty: reproducible, consistent with the nominal build, sensible shares."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl
import pytest

from stkit.errors import StkitError
from stkit.index import build, read_idata, read_imeta
from stkit.index.config import (
    ImputeConfig,
    IndexConfig,
    NormaliseConfig,
    TreatConfig,
    UncertaintyConfig,
)
from stkit.index.uncertainty import uncertainty

REF = Path(__file__).parent / "data" / "coinr-asem"
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


@pytest.fixture(scope="module")
def frames() -> tuple[pl.DataFrame, pl.DataFrame]:
    return read_idata(REF / "iData.csv"), read_imeta(REF / "iMeta.csv")


def test_seeded_runs_are_reproducible(frames: tuple[pl.DataFrame, pl.DataFrame]) -> None:
    one = uncertainty(*frames, METHOD, runs=64, seed=7)
    two = uncertainty(*frames, METHOD, runs=64, seed=7)
    three = uncertainty(*frames, METHOD, runs=64, seed=8)
    assert one.rank_stats.equals(two.rank_stats)
    assert one.sensitivity.equals(two.sensitivity)
    assert not np.array_equal(one.ranks, three.ranks)


def test_rank_stats_shape_and_order(frames: tuple[pl.DataFrame, pl.DataFrame]) -> None:
    result = uncertainty(*frames, METHOD, runs=200, seed=1)
    stats = result.rank_stats
    assert stats.columns == ["uCode", "nominal", "mean", "median", "q05", "q95"]
    assert stats.height == 51
    assert (stats.get_column("q05") <= stats.get_column("median")).all()
    assert (stats.get_column("median") <= stats.get_column("q95")).all()
    # every run ranks 51 units 1..51 (no ties expected with continuous noise)
    assert np.all(np.sort(result.ranks, axis=1) == np.arange(1, 52))
    nominal = build(*frames, METHOD).ranks.select("uCode", "Index")
    joined = stats.join(nominal, on="uCode")
    assert (joined.get_column("nominal") == joined.get_column("Index")).all()


def test_no_uncertainty_reproduces_the_nominal_ranks(
    frames: tuple[pl.DataFrame, pl.DataFrame],
) -> None:
    fixed = IndexConfig(
        impute=METHOD.impute,
        min_coverage=0.9,
        treat=METHOD.treat,
        uncertainty=UncertaintyConfig(),
    )
    result = uncertainty(*frames, fixed, runs=5, seed=1)
    stats = result.rank_stats
    assert (stats.get_column("mean") == stats.get_column("nominal")).all()
    assert result.sensitivity.height == 0


def test_sensitivity_shares(frames: tuple[pl.DataFrame, pl.DataFrame]) -> None:
    sens = uncertainty(*frames, METHOD, runs=400, seed=3).sensitivity
    assert sens.get_column("choice").to_list() == [
        "weights_level_2",
        "weights_level_3",
        "normalise",
        "aggregate",
    ]
    first = sens.get_column("first_order").to_numpy()
    total = sens.get_column("total").to_numpy()
    assert np.all(first > -0.1)
    assert np.all(total >= 0)
    assert first.sum() < 1.2  # first-order shares add up to at most 1, up to sampling error
    assert np.all(total >= first - 0.1)


def test_a_choice_without_effect_has_no_share(frames: tuple[pl.DataFrame, pl.DataFrame]) -> None:
    # two identical normalisations: switching between them changes nothing
    same = UncertaintyConfig(
        weight_noise={2: 0.2},
        normalise=(NormaliseConfig("minmax"), NormaliseConfig("minmax")),
    )
    method = IndexConfig(impute=METHOD.impute, treat=METHOD.treat, uncertainty=same)
    sens = uncertainty(*frames, method, runs=100, seed=2).sensitivity
    row = sens.filter(pl.col("choice") == "normalise")
    assert row.item(0, "first_order") == 0.0
    assert row.item(0, "total") == 0.0


def test_bad_level_and_runs(frames: tuple[pl.DataFrame, pl.DataFrame]) -> None:
    bad = IndexConfig(impute=METHOD.impute, uncertainty=UncertaintyConfig(weight_noise={7: 0.1}))
    with pytest.raises(StkitError, match="level 7"):
        uncertainty(*frames, bad, runs=10)
    with pytest.raises(StkitError, match="at least 2 runs"):
        uncertainty(*frames, METHOD, runs=1)
